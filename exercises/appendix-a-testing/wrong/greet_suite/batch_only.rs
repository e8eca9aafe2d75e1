//! Sends every line, closes, then reads every reply and checks them all:
//! that catches a server that stops after one line, and one that takes a
//! read for a line (both lines arrive in one read), but replies held back
//! until the peer closes arrive all the same.

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
    assert_eq!(replies, "hello, ann\nhello, bob\n");
}
