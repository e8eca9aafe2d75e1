//! The echo server under load: 200 clients at once, 10 messages each, and a
//! client that disconnects halfway through a message.

use listing_04_05_echo_server::serve;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;
use tokio::time::timeout;

/// Starts a server on a free port of 127.0.0.1 and returns its address.
async fn start_server() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(serve(listener));
    address
}

/// Connects, sends `count` distinct messages one at a time, and checks that
/// each comes back exactly before sending the next.
async fn client(address: SocketAddr, id: usize, count: usize) -> std::io::Result<usize> {
    let mut socket = TcpStream::connect(address).await?;
    let mut echoed = 0;
    for n in 0..count {
        let message = format!("client {id} message {n}\n");
        socket.write_all(message.as_bytes()).await?;
        let mut reply = vec![0; message.len()];
        socket.read_exact(&mut reply).await?;
        assert_eq!(
            reply,
            message.as_bytes(),
            "client {id} got someone else's bytes"
        );
        echoed += 1;
    }
    Ok(echoed)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_clients_ten_messages_each() {
    let address = start_server().await;
    let mut clients = JoinSet::new();
    for id in 0..200 {
        clients.spawn(client(address, id, 10));
    }
    // Bounded: a server that lost track of a connection fails, not hangs.
    let all = timeout(Duration::from_secs(60), clients.join_all())
        .await
        .expect("all echoes in time");
    let echoed: usize = all.into_iter().map(Result::unwrap).sum();
    assert_eq!(echoed, 2000);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_leaves_mid_message_harms_no_one() {
    let address = start_server().await;
    // Two well-behaved clients are in the middle of their conversations...
    let mut steady = JoinSet::new();
    for id in 0..2 {
        steady.spawn(client(address, id, 50));
    }
    // ...when a third sends half a message and vanishes.
    let mut rude = TcpStream::connect(address).await.unwrap();
    rude.write_all(b"this message never fin").await.unwrap();
    drop(rude);

    let results = timeout(Duration::from_secs(60), steady.join_all())
        .await
        .unwrap();
    assert!(results.into_iter().all(|echoed| echoed.unwrap() == 50));
    // And the server still takes new connections.
    assert_eq!(client(address, 99, 1).await.unwrap(), 1);
}
