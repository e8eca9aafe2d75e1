//! The model suite: a conversation over duplex with every wait bounded,
//! and a scripted peer whose line arrives in two reads.

use crate::parts::greet::Greet;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::time::timeout;

pub async fn suite<G: Greet>() {
    tokio::time::pause();
    let limit = Duration::from_secs(1);

    // Line by line: each reply must come before the next line is sent.
    let (client, server) = tokio::io::duplex(64);
    let server = tokio::spawn(G::greet(server));
    let (read, mut write) = tokio::io::split(client);
    let mut replies = BufReader::new(read).lines();
    for name in ["ann", "bob"] {
        write
            .write_all(format!("{name}\n").as_bytes())
            .await
            .unwrap();
        let reply = timeout(limit, replies.next_line())
            .await
            .unwrap_or_else(|_| panic!("no reply to {name} within {limit:?}"))
            .unwrap();
        assert_eq!(reply, Some(format!("hello, {name}")));
    }
    write.shutdown().await.unwrap();
    let end = timeout(limit, replies.next_line())
        .await
        .expect("the server did not close");
    assert_eq!(end.unwrap(), None);
    timeout(limit, server)
        .await
        .expect("the server did not end")
        .unwrap()
        .unwrap();

    // One line in two reads is still one line.
    let peer = tokio_test::io::Builder::new()
        .read(b"an")
        .read(b"n\n")
        .write(b"hello, ann\n")
        .build();
    timeout(limit, G::greet(peer))
        .await
        .expect("hung on a split line")
        .unwrap();
}
