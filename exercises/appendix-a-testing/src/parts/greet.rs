//! `greet(io)`: answers each line `name` from the peer with the line
//! `hello, name` as soon as it has read it, and returns when the peer
//! closes its side (then shuts its own side down).
//!
//! Four versions, `V0` to `V3`: one is right and each of the others has
//! one bug. Finding out which is your suite's job, by what they do.

use tokio::io::BufWriter;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};

pub trait Greet: 'static {
    /// `Send`, so that a test can spawn it.
    fn greet(
        io: impl AsyncRead + AsyncWrite + Unpin + Send,
    ) -> impl Future<Output = std::io::Result<()>> + Send;
}

pub struct V1;

impl Greet for V1 {
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

pub struct V3;

impl Greet for V3 {
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

pub struct V0;

impl Greet for V0 {
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

pub struct V2;

impl Greet for V2 {
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
