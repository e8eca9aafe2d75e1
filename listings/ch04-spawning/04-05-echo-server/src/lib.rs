//! A line echo server: every line a client sends comes straight back. One
//! task per connection, so a slow or broken client holds up nobody else;
//! `serve_one_at_a_time` is the same server without the tasks, for contrast.

use tokio::io::{self, AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

// ANCHOR: serve
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
            // Failing to accept one connection (too many open files, say)
            // is no reason to stop serving the others.
            Err(error) => eprintln!("accept failed: {error}"),
        }
    }
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
/// The mistake: the same loop with the connection served in place. The
/// next `accept` waits until this client has finished.
pub async fn serve_one_at_a_time(listener: TcpListener) {
    loop {
        if let Ok((socket, _peer)) = listener.accept().await {
            let _ = echo_lines(socket).await;
        }
    }
}
// ANCHOR_END: one_at_a_time
