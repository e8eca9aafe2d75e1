//! What the accept loop does when the process runs out of file descriptors.
//!
//! Each test runs the listing's binary as a server in a child process whose
//! limit on open files is 32 (`ulimit -n 32` in a shell, which then `exec`s
//! the server), opens more connections than that, and reads the server's
//! stderr, where it reports each failed accept. `serve` waits a second after
//! such a failure, so it reports at most two in a second and a half;
//! `serve_without_backoff` retries at once, and reports thousands. The connection that could not be accepted
//! stays in the listener's queue, which is why retrying at once fails at
//! once.
#![cfg(unix)]

use std::net::SocketAddr;
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, Lines};
use tokio::net::TcpStream;
use tokio::process::{Child, ChildStderr, ChildStdout, Command};
use tokio::time::{Instant, timeout, timeout_at};

/// The server's limit on open files. It holds about six of its own (the
/// standard streams, the runtime's epoll and wake-up descriptors, the
/// listener), so it can accept about 26 connections.
const FILE_LIMIT: u32 = 32;

/// Connections the test opens: more than the server can accept. The test
/// process itself stays far below the usual limit (1024).
const CONNECTIONS: usize = 40;

/// How long the test counts reports for, from the moment it starts opening
/// connections (before the first report can have been written).
const WINDOW: Duration = Duration::from_millis(1500);

/// Every wait for something that must happen is bounded by this.
const PATIENCE: Duration = Duration::from_secs(20);

struct Server {
    child: Child,
    address: SocketAddr,
    errors: Lines<BufReader<ChildStderr>>,
    /// Kept open, so that the server never writes to a closed pipe.
    _output: Lines<BufReader<ChildStdout>>,
}

/// Starts the listing's binary with `argument` under the low limit.
async fn start(argument: &str) -> Server {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -n {FILE_LIMIT} && exec \"$0\" \"$1\""))
        .arg(env!("CARGO_BIN_EXE_listing-04-05-echo-server"))
        .arg(argument)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("sh runs");
    let mut output = BufReader::new(child.stdout.take().unwrap()).lines();
    let first_line = timeout(PATIENCE, output.next_line())
        .await
        .expect("the server printed its address")
        .unwrap()
        .expect("a line");
    let errors = BufReader::new(child.stderr.take().unwrap()).lines();
    Server {
        child,
        address: first_line.parse().expect("an address"),
        errors,
        _output: output,
    }
}

/// Opens more connections than the server can accept, and counts the
/// server's reports of failed accepts that the test reads within `WINDOW`
/// of starting to connect. A report read before the deadline was written
/// before it, and the server cannot fail an accept before the connections
/// exist, so every report counted was written within `WINDOW` of the first,
/// however late this test gets to read them. Returns the count and the
/// connections, still open.
async fn exhaust(server: &mut Server) -> (usize, Vec<TcpStream>) {
    let deadline = Instant::now() + WINDOW;
    let mut connections = Vec::new();
    for _ in 0..CONNECTIONS {
        // The kernel completes a connection before the server accepts it,
        // so these succeed even when the server cannot take them.
        connections.push(TcpStream::connect(server.address).await.unwrap());
    }
    let first = timeout(PATIENCE, server.errors.next_line())
        .await
        .expect("an accept failed")
        .unwrap()
        .expect("a line");
    assert!(first.starts_with("accept failed: "), "{first}");
    assert!(first.contains("Too many open files"), "{first}");

    let mut reports = 1;
    while let Ok(line) = timeout_at(deadline, server.errors.next_line()).await {
        // `timeout_at` tries the read before it looks at the clock, so a
        // line can come back after the deadline: it does not count.
        if Instant::now() > deadline {
            break;
        }
        match line.unwrap() {
            Some(_) => reports += 1,
            None => panic!("the server's stderr closed: did it exit?"),
        }
    }
    println!("{reports} failed accepts reported in {WINDOW:?}");
    (reports, connections)
}

/// Sends one line on a new connection and checks the echo.
async fn echoes(address: SocketAddr) -> bool {
    let mut socket = TcpStream::connect(address).await.unwrap();
    socket.write_all(b"still there?\n").await.unwrap();
    let mut reply = [0; 13];
    socket.read_exact(&mut reply).await.is_ok() && &reply == b"still there?\n"
}

#[tokio::test]
async fn out_of_file_descriptors_the_server_waits_then_recovers() {
    let mut server = start("serve").await;
    let (reports, connections) = exhaust(&mut server).await;
    // One report a second (a sleep never ends early): the first, and at most
    // one more a second later.
    assert!(reports <= 2, "{reports} failed accepts in {WINDOW:?}");

    // Clients leave; their tasks end and close their sockets, and the
    // server, once its wait is over, takes the queued connections and new
    // ones again.
    drop(connections);
    let served = timeout(PATIENCE, echoes(server.address))
        .await
        .expect("served once connections had closed");
    assert!(served);
    server.child.kill().await.unwrap();
}

/// The mistake, caught: the same test without the wait. Spinning, it fails
/// to accept the same queued connection over and over; a thousand reports
/// in the window is far below what it manages even on a slow machine.
#[tokio::test]
async fn without_a_backoff_the_server_spins() {
    let mut server = start("serve-without-backoff").await;
    let (reports, _connections) = exhaust(&mut server).await;
    assert!(
        reports > 1000,
        "only {reports} failed accepts in {WINDOW:?}"
    );
    server.child.kill().await.unwrap();
}
