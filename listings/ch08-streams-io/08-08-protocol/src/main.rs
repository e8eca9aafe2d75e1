use listing_08_08_protocol::{Client, serve};
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};

// ANCHOR: main
#[tokio::main]
async fn main() -> std::io::Result<()> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let (log, mut ended) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(serve(listener, log));

    let mut client = Client::connect(addr).await?;
    for request in ["ECHO hello", "SUM 1 2 39", "SUM 1 two", "PING"] {
        let answer = client.call(request).await?;
        println!("{request:<12} -> {}", String::from_utf8_lossy(&answer));
    }
    drop(client); // hangs up between frames
    println!("client 1: {:?}", ended.recv().await.unwrap().1);

    // A client that sends a header, half a body, and leaves.
    let mut rude = TcpStream::connect(addr).await?;
    rude.write_all(&[0, 0, 0, 10, b'E', b'C', b'H']).await?;
    drop(rude);
    println!(
        "client 2: {:?}",
        ended.recv().await.unwrap().1.map_err(|e| e.to_string())
    );
    Ok(())
}
// ANCHOR_END: main
