use listing_04_05_echo_server::{serve, serve_without_backoff};
use std::net::SocketAddr;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

// ANCHOR: demo
/// Starts the server and has three clients talk to it at once.
async fn demo(listener: TcpListener, address: SocketAddr) -> std::io::Result<()> {
    tokio::spawn(serve(listener));

    // Three clients at once, each on its own task.
    let mut clients = Vec::new();
    for name in ["ada", "grace", "barbara"] {
        clients.push(tokio::spawn(async move {
            let mut socket = TcpStream::connect(address).await?;
            let message = format!("hello from {name}\n");
            socket.write_all(message.as_bytes()).await?;
            socket.shutdown().await?; // done sending: the server sees end of input
            let mut reply = String::new();
            socket.read_to_string(&mut reply).await?;
            Ok::<_, std::io::Error>(reply)
        }));
    }
    for client in clients {
        println!("echoed: {:?}", client.await??);
    }
    Ok(())
}
// ANCHOR_END: demo

#[tokio::main]
async fn main() -> std::io::Result<()> {
    // Port 0: the OS picks a free port; 127.0.0.1: this machine only.
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    // With an argument, run only a server and print its address (the tests
    // run it this way, in a process with few file descriptors).
    match std::env::args().nth(1).as_deref() {
        None => demo(listener, address).await,
        Some("serve") => {
            println!("{address}");
            serve(listener).await;
            Ok(())
        }
        Some("serve-without-backoff") => {
            println!("{address}");
            serve_without_backoff(listener).await;
            Ok(())
        }
        Some(other) => Err(std::io::Error::other(format!(
            "unknown argument {other:?}: give none, `serve` or `serve-without-backoff`"
        ))),
    }
}
