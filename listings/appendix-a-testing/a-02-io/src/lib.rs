//! Listing A-2: a line protocol tested three ways without a network: an
//! in-memory pipe, a scripted peer, and a real socket on 127.0.0.1:0.

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};

// ANCHOR: greet
/// Answers each line `name` with `hello, name`, until the peer closes.
pub async fn greet(io: impl AsyncRead + AsyncWrite + Unpin) -> std::io::Result<()> {
    let (read, mut write) = tokio::io::split(io);
    let mut lines = BufReader::new(read).lines();
    while let Some(name) = lines.next_line().await? {
        write
            .write_all(format!("hello, {name}\n").as_bytes())
            .await?;
    }
    write.shutdown().await
}
// ANCHOR_END: greet

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncReadExt;

    // ANCHOR: duplex
    #[tokio::test]
    async fn duplex_is_a_pipe_with_two_ends() {
        let (mut client, server) = tokio::io::duplex(64);
        let served = tokio::spawn(greet(server));
        client.write_all(b"ann\nbob\n").await.unwrap();
        client.shutdown().await.unwrap(); // the server sees the end
        let mut reply = String::new();
        client.read_to_string(&mut reply).await.unwrap();
        assert_eq!(reply, "hello, ann\nhello, bob\n");
        served.await.unwrap().unwrap();
    }
    // ANCHOR_END: duplex

    // ANCHOR: builder
    #[tokio::test]
    async fn a_line_split_across_reads_is_one_line() {
        let peer = tokio_test::io::Builder::new()
            .read(b"an")
            .read(b"n\n")
            .write(b"hello, ann\n")
            .build();
        greet(peer).await.unwrap();
    }

    #[tokio::test]
    #[should_panic(expected = "assertion `left == right` failed: name=peer")]
    async fn a_wrong_write_fails_the_test() {
        let peer = tokio_test::io::Builder::new()
            .name("peer")
            .read(b"ann\n")
            .write(b"hi, ann\n")
            .build();
        let _ = greet(peer).await;
    }
    // ANCHOR_END: builder

    // ANCHOR: tcp
    #[tokio::test]
    async fn over_a_real_socket() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap(); // the port the OS chose
        let server = tokio::spawn(async move {
            let (socket, _) = listener.accept().await.unwrap();
            greet(socket).await
        });
        let mut client = tokio::net::TcpStream::connect(address).await.unwrap();
        client.write_all(b"cy\n").await.unwrap();
        client.shutdown().await.unwrap();
        let mut reply = String::new();
        client.read_to_string(&mut reply).await.unwrap();
        assert_eq!(reply, "hello, cy\n");
        server.await.unwrap().unwrap();
    }
    // ANCHOR_END: tcp

    // ANCHOR: paused_socket
    #[tokio::test(start_paused = true)]
    async fn a_paused_clock_does_not_wait_for_a_socket() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        let peer = std::thread::spawn(move || {
            let (mut socket, _) = listener.accept().unwrap();
            std::thread::sleep(std::time::Duration::from_millis(50));
            std::io::Write::write_all(&mut socket, b"late\n").unwrap();
        });
        let mut client = tokio::net::TcpStream::connect(address).await.unwrap();
        let mut byte = [0; 1];
        let an_hour = std::time::Duration::from_secs(3600);
        // Nothing is ready, so the clock jumps the hour: the reply, 50 ms
        // of real time away, comes too late.
        let read = tokio::time::timeout(an_hour, client.read(&mut byte)).await;
        assert!(read.is_err());
        peer.join().unwrap();
    }
    // ANCHOR_END: paused_socket
}
