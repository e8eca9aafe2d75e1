//! An echo server: whatever a client sends comes straight back. One task
//! per connection, so a slow or broken client holds up nobody else.

use tokio::io;
use tokio::net::{TcpListener, TcpStream};

// ANCHOR: serve
/// Accepts connections until the listener fails, serving each on a task of
/// its own.
pub async fn serve(listener: TcpListener) -> io::Result<()> {
    loop {
        let (socket, _peer) = listener.accept().await?;
        // The task owns the socket ('static), and a TcpStream is Send.
        tokio::spawn(async move {
            // A client that disconnects, even mid-message, ends only its
            // own task; the error is its business, not the server's.
            let _ = echo(socket).await;
        });
    }
}

/// Copies everything the client sends back to it, until it closes its side.
async fn echo(mut socket: TcpStream) -> io::Result<u64> {
    let (mut from_client, mut to_client) = socket.split();
    io::copy(&mut from_client, &mut to_client).await
}
// ANCHOR_END: serve
