//! A line echo server: every line a client sends comes straight back. One
//! task per connection, so a slow or broken client holds up nobody else,
//! and an accept loop that waits when the process runs out of file
//! descriptors. Beside it, two mistakes the tests show failing:
//! `serve_one_at_a_time` (no tasks, errors passed up with `?`) and
//! `serve_without_backoff` (retries a failed accept at once, for ever).

use std::time::Duration;
use tokio::io::{self, AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

// ANCHOR: serve
/// How long to wait after an accept error that is not one connection's.
pub const BACKOFF: Duration = Duration::from_secs(1);

/// Accepts connections for ever, serving each on a task of its own.
pub async fn serve(listener: TcpListener) {
    loop {
        match listener.accept().await {
            // The task owns the socket ('static), and a TcpStream is Send.
            Ok((socket, _peer)) => {
                tokio::spawn(async move {
                    // A client that disconnects, even mid-line, ends only its
                    // own task; the error is its business, not the server's.
                    let _ = echo_lines(socket).await;
                });
            }
            // One client gave up before we took its connection: next.
            Err(error) if is_per_connection(&error) => eprintln!("accept failed: {error}"),
            // The server's own trouble, such as too many open files. The
            // connection stays queued, so accepting again at once would
            // fail again at once: wait for some connections to close.
            Err(error) => {
                eprintln!("accept failed: {error}; trying again in {BACKOFF:?}");
                tokio::time::sleep(BACKOFF).await;
            }
        }
    }
}

/// Errors about the connection being accepted, not about the server.
fn is_per_connection(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionRefused
    )
}

/// Sends each line back as it arrives, until the client closes its side;
/// then returns, and dropping the socket closes the connection.
async fn echo_lines(socket: TcpStream) -> io::Result<()> {
    let (from_client, mut to_client) = socket.into_split();
    let mut lines = BufReader::new(from_client).lines();
    while let Some(line) = lines.next_line().await? {
        to_client.write_all(format!("{line}\n").as_bytes()).await?;
    }
    Ok(())
}
// ANCHOR_END: serve

// ANCHOR: one_at_a_time
/// The first draft: the connection served in place, errors passed up. The
/// next `accept` waits until this client has finished, and one client's
/// error (a reset connection, say) ends the server.
pub async fn serve_one_at_a_time(listener: TcpListener) -> io::Result<()> {
    loop {
        let (socket, _peer) = listener.accept().await?;
        echo_lines(socket).await?;
    }
}
// ANCHOR_END: one_at_a_time

// ANCHOR: without_backoff
/// The other mistake: report a failed accept and try again at once.
pub async fn serve_without_backoff(listener: TcpListener) {
    loop {
        match listener.accept().await {
            Ok((socket, _peer)) => {
                tokio::spawn(async move {
                    let _ = echo_lines(socket).await;
                });
            }
            Err(error) => eprintln!("accept failed: {error}"),
        }
    }
}
// ANCHOR_END: without_backoff
