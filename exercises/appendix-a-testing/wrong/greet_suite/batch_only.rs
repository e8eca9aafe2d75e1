//! Sends every line, closes, then reads every reply: replies held back
//! until the end, and a line taken from one read, both get through.

use crate::parts::greet::Greet;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

pub async fn suite<G: Greet>() {
    let (mut client, server) = tokio::io::duplex(64);
    let server = tokio::spawn(G::greet(server));
    client.write_all(b"ann\n").await.unwrap();
    client.write_all(b"bob\n").await.unwrap();
    client.shutdown().await.unwrap();
    let mut replies = String::new();
    client.read_to_string(&mut replies).await.unwrap();
    server.await.unwrap().unwrap();
    assert!(replies.starts_with("hello, ann\n"), "{replies:?}");
}
