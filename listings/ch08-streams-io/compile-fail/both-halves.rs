use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream};

async fn read_all(socket: &mut DuplexStream) -> Vec<u8> {
    let mut buf = Vec::new();
    socket.read_to_end(&mut buf).await.unwrap();
    buf
}

async fn write_all(socket: &mut DuplexStream, data: &[u8]) {
    socket.write_all(data).await.unwrap();
}

#[tokio::main]
async fn main() {
    let (mut socket, _peer) = tokio::io::duplex(64);
    tokio::join!(read_all(&mut socket), write_all(&mut socket, b"hello"));
}
