//! AsyncRead and AsyncWrite as they really behave: short reads and short
//! writes, buffers that must be flushed, halves, copying, and a proxy.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::io::{
    AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader, ReadBuf,
};
use tokio::net::{TcpListener, TcpStream};

// ANCHOR: trickle
/// A reader that hands out at most `step` bytes per read, and makes the
/// caller wait (Pending, then an immediate wake) before each one: what a
/// slow network looks like to the code that reads it.
pub struct Trickle {
    data: Vec<u8>,
    at: usize,
    step: usize,
    ready: bool,
}

impl Trickle {
    pub fn new(data: impl Into<Vec<u8>>, step: usize) -> Self {
        Trickle {
            data: data.into(),
            at: 0,
            step,
            ready: false,
        }
    }
}

impl AsyncRead for Trickle {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if !self.ready {
            self.ready = true;
            cx.waker().wake_by_ref(); // "try again": the bytes are on their way
            return Poll::Pending;
        }
        self.ready = false;
        let n = self
            .step
            .min(buf.remaining())
            .min(self.data.len() - self.at);
        let at = self.at;
        buf.put_slice(&self.data[at..at + n]); // n == 0 at the end: EOF
        self.at += n;
        Poll::Ready(Ok(()))
    }
}
// ANCHOR_END: trickle

// ANCHOR: narrow
/// A writer that takes at most `step` bytes per write, like a socket whose
/// send buffer is nearly full.
pub struct Narrow {
    pub written: Vec<u8>,
    step: usize,
}

impl Narrow {
    pub fn new(step: usize) -> Self {
        Narrow {
            written: Vec::new(),
            step,
        }
    }
}

impl AsyncWrite for Narrow {
    fn poll_write(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let n = self.step.min(buf.len());
        self.written.extend_from_slice(&buf[..n]);
        Poll::Ready(Ok(n))
    }
    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}
// ANCHOR_END: narrow

// ANCHOR: proxy
/// Accepts clients on `listener` and joins each to a fresh connection to
/// `upstream`, copying both ways until both sides have finished.
pub async fn proxy(listener: TcpListener, upstream: std::net::SocketAddr) -> io::Result<()> {
    loop {
        let (mut client, _) = listener.accept().await?;
        tokio::spawn(async move {
            let mut server = TcpStream::connect(upstream).await?;
            // Returns (bytes client -> server, bytes server -> client).
            tokio::io::copy_bidirectional(&mut client, &mut server).await
        });
    }
}
// ANCHOR_END: proxy

// ANCHOR: echo
/// An upstream to proxy to: echoes each connection until it ends.
pub async fn echo(listener: TcpListener) -> io::Result<()> {
    loop {
        let (mut socket, _) = listener.accept().await?;
        tokio::spawn(async move {
            let (mut from, mut to) = socket.split();
            tokio::io::copy(&mut from, &mut to).await
        });
    }
}
// ANCHOR_END: echo

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() -> io::Result<()> {
    // One `read` asks for 8 bytes and gets what has arrived.
    let mut buf = [0; 8];
    let n = Trickle::new("GET /index", 3).read(&mut buf).await?;
    println!(
        "read:       {n} bytes, {:?}",
        String::from_utf8_lossy(&buf[..n])
    );
    let mut reader = Trickle::new("GET /index", 3);
    reader.read_exact(&mut buf).await?;
    println!("read_exact: 8 bytes, {:?}", String::from_utf8_lossy(&buf));

    // One `write` hands over what the writer takes.
    let mut out = Narrow::new(4);
    let n = out.write(b"hello world").await?;
    println!("write:      {n} of 11 bytes taken");
    let mut out = Narrow::new(4);
    out.write_all(b"hello world").await?;
    println!("write_all:  {} of 11 bytes taken", out.written.len());

    // Lines, whatever the sizes of the reads under them.
    let mut lines = BufReader::new(Trickle::new("one\ntwo\nthree", 2)).lines();
    while let Some(line) = lines.next_line().await? {
        println!("line:       {line:?}");
    }

    // A proxy in front of an echo server.
    let upstream = TcpListener::bind("127.0.0.1:0").await?;
    let upstream_addr = upstream.local_addr()?;
    tokio::spawn(echo(upstream));
    let front = TcpListener::bind("127.0.0.1:0").await?;
    let front_addr = front.local_addr()?;
    tokio::spawn(proxy(front, upstream_addr));

    let mut client = TcpStream::connect(front_addr).await?;
    client.write_all(b"ping through the proxy").await?;
    client.shutdown().await?; // "no more from me": the echo sees EOF
    let mut answer = String::new();
    client.read_to_string(&mut answer).await?;
    println!("client got: {answer:?}");
    Ok(())
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use tokio::io::{BufWriter, duplex};
    use tokio::time::timeout;

    #[tokio::test]
    async fn read_returns_what_has_arrived_not_what_was_asked() {
        let mut reader = Trickle::new("GET /index", 3);
        let mut buf = [0; 8];
        assert_eq!(reader.read(&mut buf).await.unwrap(), 3);
        assert_eq!(reader.read(&mut buf).await.unwrap(), 3);
    }

    #[tokio::test]
    async fn read_exact_loops_until_the_buffer_is_full() {
        let mut reader = Trickle::new("GET /index", 3);
        let mut buf = [0; 8];
        reader.read_exact(&mut buf).await.unwrap();
        assert_eq!(&buf, b"GET /ind");
    }

    #[tokio::test]
    async fn read_exact_fails_if_the_end_comes_first() {
        let mut buf = [0; 8];
        let err = Trickle::new("GET", 3)
            .read_exact(&mut buf)
            .await
            .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof);
    }

    #[tokio::test]
    async fn read_returns_zero_at_the_end_and_read_to_end_stops_there() {
        let mut reader = Trickle::new("abc", 2);
        let mut all = Vec::new();
        assert_eq!(reader.read_to_end(&mut all).await.unwrap(), 3);
        assert_eq!(all, b"abc");
        assert_eq!(reader.read(&mut [0; 4]).await.unwrap(), 0);
    }

    #[tokio::test]
    async fn write_may_take_part_and_write_all_takes_it_all() {
        let mut out = Narrow::new(4);
        assert_eq!(out.write(b"hello world").await.unwrap(), 4);
        assert_eq!(out.written, b"hell");
        let mut out = Narrow::new(4);
        out.write_all(b"hello world").await.unwrap();
        assert_eq!(out.written, b"hello world");
    }

    // ANCHOR: lost_tail
    async fn write_lines(out: impl AsyncWrite + Unpin, flush: bool) -> io::Result<()> {
        let mut out = BufWriter::new(out); // an 8 KiB buffer
        for n in 0..1000 {
            out.write_all(format!("line {n:04}\n").as_bytes()).await?; // 10 bytes each
        }
        if flush {
            out.flush().await?;
        }
        Ok(())
    } // `out` dropped here: whatever is still in its buffer goes with it

    #[tokio::test]
    async fn a_buf_writer_dropped_without_flush_loses_its_tail() {
        let mut sink = Vec::new();
        write_lines(&mut sink, false).await.unwrap();
        // 819 lines filled the buffer, which went out when line 820 did not fit.
        assert_eq!(sink.len(), 8190);
        let mut sink = Vec::new();
        write_lines(&mut sink, true).await.unwrap();
        assert_eq!(sink.len(), 10_000);
    }
    // ANCHOR_END: lost_tail

    #[tokio::test]
    async fn a_small_file_written_through_buf_writer_is_empty_without_flush() {
        let path = std::env::temp_dir().join(format!("ch08-tail-{}.txt", std::process::id()));
        {
            let mut out = BufWriter::new(tokio::fs::File::create(&path).await.unwrap());
            out.write_all(b"total: 42\n").await.unwrap();
        }
        assert_eq!(tokio::fs::read(&path).await.unwrap(), b"");
        {
            let mut out = BufWriter::new(tokio::fs::File::create(&path).await.unwrap());
            out.write_all(b"total: 42\n").await.unwrap();
            out.shutdown().await.unwrap(); // flushes the buffer, then the file
        }
        assert_eq!(tokio::fs::read(&path).await.unwrap(), b"total: 42\n");
        tokio::fs::remove_file(&path).await.unwrap();
    }

    #[tokio::test]
    async fn lines_are_whole_whatever_the_reads() {
        let mut lines = BufReader::new(Trickle::new("one\ntwo\r\nthree", 2)).lines();
        let mut got = Vec::new();
        while let Some(line) = lines.next_line().await.unwrap() {
            got.push(line);
        }
        assert_eq!(got, ["one", "two", "three"]); // "\r\n" too, and no final newline needed
    }

    #[tokio::test]
    async fn lines_has_no_limit_a_line_is_as_long_as_the_input_makes_it() {
        let endless = vec![b'x'; 1 << 20]; // a megabyte and no newline
        let mut lines = BufReader::new(&endless[..]).lines();
        assert_eq!(lines.next_line().await.unwrap().unwrap().len(), 1 << 20);
    }

    #[tokio::test(start_paused = true)]
    async fn without_shutdown_the_reader_waits_for_ever() {
        let (mut client, mut server) = duplex(64);
        client.write_all(b"request").await.unwrap();
        let mut got = Vec::new();
        let waited = timeout(Duration::from_secs(10), server.read_to_end(&mut got)).await;
        assert!(
            waited.is_err(),
            "read_to_end cannot know the request is over"
        );

        // The timed-out read_to_end had already put the bytes in `got`.
        client.shutdown().await.unwrap();
        server.read_to_end(&mut got).await.unwrap();
        assert_eq!(got, b"request");
    }

    #[tokio::test(start_paused = true)]
    async fn duplex_has_a_capacity_and_a_full_pipe_makes_the_writer_wait() {
        let (mut a, mut b) = duplex(16);
        let waited = timeout(Duration::from_secs(1), a.write_all(&[7; 100])).await;
        assert!(waited.is_err(), "16 bytes fit; the rest wait for a reader");
        let mut first = [0; 16];
        b.read_exact(&mut first).await.unwrap();
        assert_eq!(first, [7; 16]);
    }

    #[tokio::test]
    async fn split_halves_read_and_write_at_once() {
        let (client, server) = duplex(8);
        // The server upper-cases what it reads, with its two halves in two tasks.
        let (mut server_in, mut server_out) = tokio::io::split(server);
        let (to_upper_tx, mut to_upper_rx) = tokio::sync::mpsc::channel::<Vec<u8>>(1);
        tokio::spawn(async move {
            let mut buf = [0; 4];
            loop {
                let n = server_in.read(&mut buf).await.unwrap();
                if n == 0 {
                    break;
                }
                to_upper_tx
                    .send(buf[..n].to_ascii_uppercase())
                    .await
                    .unwrap();
            }
        });
        tokio::spawn(async move {
            while let Some(bytes) = to_upper_rx.recv().await {
                server_out.write_all(&bytes).await.unwrap();
            }
            server_out.shutdown().await.unwrap();
        });
        // 100 bytes through an 8-byte pipe: only works if reading and writing overlap.
        let (mut client_in, mut client_out) = tokio::io::split(client);
        let text = "abcdefghij".repeat(10);
        let (_, echoed) = tokio::join!(
            async {
                client_out.write_all(text.as_bytes()).await.unwrap();
                client_out.shutdown().await.unwrap();
            },
            async {
                let mut echoed = String::new();
                client_in.read_to_string(&mut echoed).await.unwrap();
                echoed
            }
        );
        assert_eq!(echoed, text.to_uppercase());
    }

    #[tokio::test]
    async fn the_proxy_relays_both_ways_and_serves_clients_at_once() {
        let upstream = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let upstream_addr = upstream.local_addr().unwrap();
        tokio::spawn(echo(upstream));
        let front = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let front_addr = front.local_addr().unwrap();
        tokio::spawn(proxy(front, upstream_addr));

        // Two clients connected at once; the second finishes first.
        let mut first = TcpStream::connect(front_addr).await.unwrap();
        first.write_all(b"first, part one; ").await.unwrap();
        let mut second = TcpStream::connect(front_addr).await.unwrap();
        // Write and read at once: writing all 100 KB before reading would
        // finish only if the sockets on the way back could buffer it all.
        let (mut from_proxy, mut to_proxy) = second.split();
        let (_, back) = tokio::join!(
            async {
                to_proxy.write_all(&[9; 100_000]).await.unwrap();
                to_proxy.shutdown().await.unwrap();
            },
            async {
                let mut back = Vec::new();
                from_proxy.read_to_end(&mut back).await.unwrap();
                back
            }
        );
        assert_eq!(back, vec![9; 100_000]);

        first.write_all(b"part two").await.unwrap();
        first.shutdown().await.unwrap();
        let mut back = String::new();
        first.read_to_string(&mut back).await.unwrap();
        assert_eq!(back, "first, part one; part two");
    }

    #[tokio::test]
    async fn copy_returns_the_byte_count_at_eof() {
        let mut reader = Trickle::new("x".repeat(1000), 7);
        let mut out = Narrow::new(5);
        assert_eq!(tokio::io::copy(&mut reader, &mut out).await.unwrap(), 1000);
        assert_eq!(out.written.len(), 1000);
    }
}
