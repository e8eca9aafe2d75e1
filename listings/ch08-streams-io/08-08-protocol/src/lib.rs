//! A request/response protocol over TCP: each message is a frame, a 4-byte
//! big-endian length and then that many bytes. The server answers each
//! request on a connection in turn; a bad frame ends that connection only.

use futures::{SinkExt, StreamExt};
use std::io;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream, ToSocketAddrs};
use tokio::sync::mpsc;
use tokio_util::bytes::Bytes;
use tokio_util::codec::{Framed, LengthDelimitedCodec};

// ANCHOR: codec
/// The largest frame either side accepts.
pub const MAX_FRAME: usize = 64 * 1024;

pub fn codec() -> LengthDelimitedCodec {
    LengthDelimitedCodec::builder()
        .max_frame_length(MAX_FRAME)
        .new_codec()
}

/// What the server answers to one request.
pub fn answer(request: &[u8]) -> Bytes {
    let text = String::from_utf8_lossy(request);
    let reply = match text.split_once(' ') {
        Some(("ECHO", rest)) => rest.to_string(),
        Some(("SUM", numbers)) => match numbers
            .split(' ')
            .map(str::parse::<i64>)
            .sum::<Result<i64, _>>()
        {
            Ok(sum) => sum.to_string(),
            Err(e) => format!("ERR {e}"),
        },
        _ => "ERR unknown request".to_string(),
    };
    Bytes::from(reply)
}
// ANCHOR_END: codec

// ANCHOR: server
/// Serves every connection on `listener`, each in a task of its own. How
/// each connection ended goes to `log`.
pub async fn serve(
    listener: TcpListener,
    log: mpsc::UnboundedSender<(SocketAddr, io::Result<()>)>,
) {
    loop {
        let (socket, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(_) => {
                // Out of file descriptors, most likely: an accept loop that
                // retried at once would spin. Wait for connections to close.
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let log = log.clone();
        tokio::spawn(async move {
            let outcome = handle(socket).await;
            let _ = log.send((peer, outcome));
        });
    }
}

/// One connection: a request frame in, an answer frame out, until the
/// client hangs up between frames (Ok) or something goes wrong (Err).
async fn handle(socket: TcpStream) -> io::Result<()> {
    let mut frames = Framed::new(socket, codec());
    while let Some(request) = frames.next().await {
        match request {
            Ok(request) => frames.send(answer(&request)).await?,
            Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                // Too big: say so, then close. The rest of that frame is
                // still on its way, so nothing after it can be trusted.
                frames.send(Bytes::from("ERR frame too large")).await?;
                return Err(e);
            }
            Err(e) => return Err(e), // e.g. the client left mid-frame
        }
    }
    Ok(())
}
// ANCHOR_END: server

// ANCHOR: client
pub struct Client {
    frames: Framed<TcpStream, LengthDelimitedCodec>,
}

impl Client {
    pub async fn connect(addr: impl ToSocketAddrs) -> io::Result<Client> {
        let socket = TcpStream::connect(addr).await?;
        Ok(Client {
            frames: Framed::new(socket, codec()),
        })
    }

    /// Sends one request and waits for its answer.
    pub async fn call(&mut self, request: impl Into<Bytes>) -> io::Result<Bytes> {
        self.frames.send(request.into()).await?; // send() flushes
        match self.frames.next().await {
            Some(answer) => Ok(answer?.freeze()),
            None => Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the server hung up",
            )),
        }
    }
}
// ANCHOR_END: client
