//! The echo server under load (100 clients at once, 20 lines each), next to
//! a client that says nothing and one that resets its connection mid-line;
//! and the one-at-a-time server failing both of the tests that the real one
//! passes.

use listing_04_05_echo_server::{serve, serve_one_at_a_time};
use std::future::Future;
use std::io::ErrorKind;
use std::net::SocketAddr;
use std::ops::Range;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Barrier;
use tokio::task::{JoinHandle, JoinSet};
use tokio::time::timeout;

/// Every wait in these tests is bounded, so a broken server fails a test
/// rather than hanging it.
const PATIENCE: Duration = Duration::from_secs(30);

/// Starts `server` on a free port of 127.0.0.1 and returns its address,
/// and the server's task.
async fn start<S, F>(server: S) -> (SocketAddr, JoinHandle<F::Output>)
where
    S: FnOnce(TcpListener) -> F,
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    (address, tokio::spawn(server(listener)))
}

/// Connects, sends `count` distinct lines one at a time, and checks that
/// each comes back exactly before sending the next.
async fn client(address: SocketAddr, id: usize, count: usize) -> std::io::Result<usize> {
    let mut socket = TcpStream::connect(address).await?;
    echo(&mut socket, id, 0..count).await
}

/// Sends the lines numbered `lines` on `socket`, one at a time, checking
/// each echo before sending the next; returns how many came back.
async fn echo(socket: &mut TcpStream, id: usize, lines: Range<usize>) -> std::io::Result<usize> {
    let mut echoed = 0;
    for n in lines {
        let line = format!("client {id} line {n}\n");
        socket.write_all(line.as_bytes()).await?;
        let mut reply = vec![0; line.len()];
        socket.read_exact(&mut reply).await?;
        assert_eq!(
            reply,
            line.as_bytes(),
            "client {id} got someone else's bytes"
        );
        echoed += 1;
    }
    Ok(echoed)
}

/// 100 clients hold 200 sockets (both ends are in this process), well
/// under the usual limits on open files (1024 on Linux, 256 on macOS).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_clients_twenty_lines_each() {
    let (address, _server) = start(serve).await;
    let mut clients = JoinSet::new();
    for id in 0..100 {
        clients.spawn(client(address, id, 20));
    }
    let all = timeout(PATIENCE, clients.join_all())
        .await
        .expect("all echoes in time");
    let echoed: usize = all.into_iter().map(Result::unwrap).sum();
    assert_eq!(echoed, 2000);
}

/// Connects and says nothing, holding the connection open.
async fn silent_client(address: SocketAddr) -> TcpStream {
    TcpStream::connect(address).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_silent_client_holds_up_no_one() {
    let (address, _server) = start(serve).await;
    let mut silent = silent_client(address).await;
    let echoed = timeout(PATIENCE, client(address, 1, 5))
        .await
        .expect("served while the silent client waits");
    assert_eq!(echoed.unwrap(), 5);
    // The silent client's task is still there, waiting for a line: the
    // server has neither closed the connection (a read would give 0 bytes)
    // nor reset it. Nothing in `serve` would ever give up on it.
    let mut byte = [0; 1];
    let read = timeout(Duration::from_millis(500), silent.read(&mut byte)).await;
    assert!(read.is_err(), "the connection is still open: {read:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_tasks_a_silent_client_holds_up_everyone() {
    let (address, _server) = start(serve_one_at_a_time).await;
    let _silent = silent_client(address).await;
    // The second client can connect (the OS completes the connection) and
    // send (into the socket's buffer), but no reply comes while the server
    // is busy waiting for the first client's first line. Half a second is
    // a long time for a reply on 127.0.0.1; the reply cannot come at all.
    let waited = timeout(Duration::from_millis(500), client(address, 1, 1)).await;
    assert!(waited.is_err(), "the second client was not served");
}

/// Connects, sends half a line and leaves abruptly. With a linger time of
/// zero, closing the socket sends a reset (RST) rather than the usual end of
/// stream (FIN): the server's next read fails with `ConnectionReset`, where
/// a polite close would have given it end of input.
async fn leave_mid_line(address: SocketAddr) {
    let mut rude = TcpStream::connect(address).await.unwrap();
    rude.write_all(b"this line never fin").await.unwrap();
    rude.set_zero_linger().unwrap();
    drop(rude);
}

/// Two clients send fifty lines each; half-way, both wait while a third
/// client sends half a line and resets, then they carry on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_resets_mid_line_harms_no_one() {
    let (address, server) = start(serve).await;
    // Two clients and this test meet here twice: when both clients are
    // half-way, and when the third client has reset.
    let half_way = Arc::new(Barrier::new(3));
    let mut steady = JoinSet::new();
    for id in 0..2 {
        let half_way = Arc::clone(&half_way);
        steady.spawn(async move {
            let mut socket = TcpStream::connect(address).await?;
            let first = echo(&mut socket, id, 0..25).await?;
            half_way.wait().await; // both clients are half-way
            half_way.wait().await; // the third client has reset
            let second = echo(&mut socket, id, 25..50).await?;
            std::io::Result::Ok(first + second)
        });
    }
    timeout(PATIENCE, half_way.wait()).await.unwrap();
    leave_mid_line(address).await;
    timeout(PATIENCE, half_way.wait()).await.unwrap();

    let results = timeout(PATIENCE, steady.join_all()).await.unwrap();
    assert!(results.into_iter().all(|echoed| echoed.unwrap() == 50));
    // And the server still takes new connections.
    let late = timeout(PATIENCE, client(address, 99, 1)).await.unwrap();
    assert_eq!(late.unwrap(), 1);
    assert!(!server.is_finished());
}

/// The same reset against the first draft: its `?` passes the connection's
/// error up, out of the accept loop, and the server is gone for everyone.
/// (This is also the proof that the rude client above really makes the
/// server's read fail, rather than end quietly.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_reset_ends_a_server_that_passes_errors_up() {
    let (address, server) = start(serve_one_at_a_time).await;
    leave_mid_line(address).await;
    let ended = timeout(PATIENCE, server)
        .await
        .expect("the server returned")
        .unwrap();
    assert_eq!(ended.unwrap_err().kind(), ErrorKind::ConnectionReset);
    // Its listener was dropped with it: nobody can connect any more.
    let refused = TcpStream::connect(address).await.unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::ConnectionRefused);
}
