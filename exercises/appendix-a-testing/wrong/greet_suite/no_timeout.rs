//! Talks line by line, but waits for each reply with no bound: on a server
//! that holds its replies back, the suite hangs instead of failing.

use crate::parts::greet::Greet;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

pub async fn suite<G: Greet>() {
    let (client, server) = tokio::io::duplex(64);
    let server = tokio::spawn(G::greet(server));
    let (read, mut write) = tokio::io::split(client);
    let mut replies = BufReader::new(read).lines();
    for name in ["ann", "bob"] {
        write
            .write_all(format!("{name}\n").as_bytes())
            .await
            .unwrap();
        let reply = replies.next_line().await.unwrap();
        assert_eq!(reply, Some(format!("hello, {name}")));
    }
    write.shutdown().await.unwrap();
    assert_eq!(replies.next_line().await.unwrap(), None);
    server.await.unwrap().unwrap();
    let peer = tokio_test::io::Builder::new()
        .read(b"an")
        .read(b"n\n")
        .write(b"hello, ann\n")
        .build();
    G::greet(peer).await.unwrap();
}
