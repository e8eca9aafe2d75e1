//! `greet(io)`: answers each line `name` from the peer with the line
//! `hello, name` as soon as it has read it, and returns when the peer
//! closes its side (then shuts its own side down).

use tokio::io::BufWriter;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};

pub trait Greet: 'static {
    /// `Send`, so that a test can spawn it.
    fn greet(
        io: impl AsyncRead + AsyncWrite + Unpin + Send,
    ) -> impl Future<Output = std::io::Result<()>> + Send;
}

/// The right version.
pub struct Right;

impl Greet for Right {
    async fn greet(io: impl AsyncRead + AsyncWrite + Unpin + Send) -> std::io::Result<()> {
        let (read, mut write) = tokio::io::split(io);
        let mut lines = BufReader::new(read).lines();
        while let Some(name) = lines.next_line().await? {
            write
                .write_all(format!("hello, {name}\n").as_bytes())
                .await?;
        }
        write.shutdown().await
    }
}

/// Buffers its replies and flushes them only when the peer closes.
pub struct Unflushed;

impl Greet for Unflushed {
    async fn greet(io: impl AsyncRead + AsyncWrite + Unpin + Send) -> std::io::Result<()> {
        let (read, write) = tokio::io::split(io);
        let mut write = BufWriter::new(write);
        let mut lines = BufReader::new(read).lines();
        while let Some(name) = lines.next_line().await? {
            write
                .write_all(format!("hello, {name}\n").as_bytes())
                .await?;
        }
        write.shutdown().await
    }
}

/// Takes whatever one read returns for one whole line.
pub struct OneRead;

impl Greet for OneRead {
    async fn greet(io: impl AsyncRead + AsyncWrite + Unpin + Send) -> std::io::Result<()> {
        let (mut read, mut write) = tokio::io::split(io);
        let mut buffer = [0; 256];
        loop {
            let n = read.read(&mut buffer).await?;
            if n == 0 {
                break;
            }
            let name = String::from_utf8_lossy(&buffer[..n]);
            let name = name.trim_end_matches('\n');
            write
                .write_all(format!("hello, {name}\n").as_bytes())
                .await?;
        }
        write.shutdown().await
    }
}

/// Answers the first line only.
pub struct FirstOnly;

impl Greet for FirstOnly {
    async fn greet(io: impl AsyncRead + AsyncWrite + Unpin + Send) -> std::io::Result<()> {
        let (read, mut write) = tokio::io::split(io);
        let mut lines = BufReader::new(read).lines();
        if let Some(name) = lines.next_line().await? {
            write
                .write_all(format!("hello, {name}\n").as_bytes())
                .await?;
        }
        write.shutdown().await
    }
}
