//! A chat server over TCP with a line protocol. A client's first line is its
//! name; after that, each line it sends goes to everyone else in the room,
//! and `/to NAME TEXT` goes to one person. Each client has a task; the room
//! is a broadcast channel, and each client also has an mpsc channel for
//! direct messages. A client that stops reading falls behind in the room
//! without slowing anyone else, and is told how many room messages it
//! skipped (a count that includes any lines of its own among them).

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::pin::pin;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader, BufWriter};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::{broadcast, mpsc};
use tokio::task::JoinSet;
use tokio_stream::wrappers::TcpListenerStream;
use tokio_stream::{Stream, StreamExt};

#[derive(Clone, Copy, Debug)]
pub struct Config {
    /// How many room messages are kept for a client that falls behind.
    pub room_capacity: usize,
    /// How many direct messages may wait for one client.
    pub direct_capacity: usize,
}

// ANCHOR: types
/// A line said in the room, and who said it, so that nobody hears their own.
#[derive(Clone)]
struct Said {
    from: u64,
    line: Arc<str>, // cloned once per receiver: a reference count, not the text
}

/// Who is connected, and where to send their direct messages.
type Directory = Arc<Mutex<HashMap<String, mpsc::Sender<String>>>>;
// ANCHOR_END: types

// ANCHOR: serve
/// The connections a TCP listener accepts, as a stream.
pub fn accept_all(listener: TcpListener) -> impl Stream<Item = TcpStream> {
    TcpListenerStream::new(listener).filter_map(|accepted| {
        let stream = accepted.ok()?; // a failed accept is skipped
        let _ = stream.set_nodelay(true); // short lines: send each at once
        Some(stream)
    })
}

/// Serves each connection as a client until `shutdown` completes. Every
/// client task lives in a `JoinSet` that this future owns, so when it ends
/// (by shutdown, or by being dropped or aborted) every connection is
/// closed with it.
pub async fn serve<S>(
    connections: impl Stream<Item = S>,
    config: Config,
    shutdown: impl Future<Output = ()>,
) where
    S: AsyncRead + AsyncWrite + Send + 'static,
{
    let (room, _) = broadcast::channel::<Said>(config.room_capacity);
    let directory = Directory::default();
    let mut clients = JoinSet::new();
    let mut connections = pin!(connections);
    let mut shutdown = pin!(shutdown);
    let mut next_id = 0;
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            Some(stream) = connections.next() => {
                next_id += 1;
                let client = client(stream, next_id, room.clone(), directory.clone(), config);
                clients.spawn(client);
            }
            // Reap finished clients, so the set does not grow for ever.
            Some(_) = clients.join_next(), if !clients.is_empty() => {}
        }
    }
}
// ANCHOR_END: serve

/// When a client's task ends, however it ends (a return, an error, or an
/// abort), takes its name out of the directory and tells the room.
struct Leave {
    directory: Directory,
    room: broadcast::Sender<Said>,
    id: u64,
    name: String,
}

impl Drop for Leave {
    fn drop(&mut self) {
        self.directory.lock().unwrap().remove(&self.name);
        let line = format!("* {} left", self.name).into();
        let _ = self.room.send(Said {
            from: self.id,
            line,
        });
    }
}

// ANCHOR: client
async fn client(
    stream: impl AsyncRead + AsyncWrite,
    id: u64,
    room: broadcast::Sender<Said>,
    directory: Directory,
    config: Config,
) -> std::io::Result<()> {
    let (reader, writer) = tokio::io::split(stream);
    let mut reader = BufReader::new(reader);
    let mut writer = BufWriter::new(writer);

    // The first line is the client's name.
    let mut buf = Vec::new();
    reader.read_until(b'\n', &mut buf).await?;
    let Some(name) = complete_line(&buf).filter(|n| !n.is_empty() && !n.contains(' ')) else {
        return Ok(()); // no name, or a half line and gone
    };
    let (direct_tx, mut direct) = mpsc::channel(config.direct_capacity);
    // Look and claim under one lock, so two clients cannot take one name.
    let taken = match directory.lock().unwrap().entry(name.clone()) {
        Entry::Occupied(_) => true,
        Entry::Vacant(vacant) => {
            vacant.insert(direct_tx);
            false
        }
    }; // the lock is released here, before any .await
    if taken {
        return say(&mut writer, "* that name is taken").await;
    }
    let _leave = Leave {
        directory: directory.clone(),
        room: room.clone(),
        id,
        name: name.clone(),
    };

    let mut heard = room.subscribe(); // before "welcome": nothing said after it is missed
    say(&mut writer, &format!("welcome {name}")).await?;
    let _ = room.send(Said {
        from: id,
        line: format!("* {name} joined").into(),
    });

    buf.clear();
    loop {
        tokio::select! {
            // read_until is cancel safe: bytes read so far stay in `buf`.
            read = reader.read_until(b'\n', &mut buf) => {
                if read? == 0 {
                    break; // end of stream; a half line in `buf` is dropped
                }
                let Some(line) = complete_line(&buf) else { continue };
                buf.clear();
                if let Some(rest) = line.strip_prefix("/to ") {
                    let (to, text) = rest.split_once(' ').unwrap_or((rest, ""));
                    let reply = direct_message(&directory, &name, to, text);
                    if let Some(reply) = reply {
                        say(&mut writer, &reply).await?;
                    }
                } else {
                    let line = format!("{name}: {line}").into();
                    let _ = room.send(Said { from: id, line }); // never waits
                }
            }
            said = heard.recv() => match said {
                Ok(said) if said.from == id => {} // our own line
                Ok(said) => say(&mut writer, &said.line).await?,
                // n counts every room message skipped, our own lines too.
                Err(RecvError::Lagged(n)) => {
                    say(&mut writer, &format!("* you missed {n} messages")).await?;
                }
                Err(RecvError::Closed) => break, // no senders: cannot happen while we hold `room`
            },
            Some(text) = direct.recv() => say(&mut writer, &text).await?,
        }
    }
    Ok(()) // `_leave` is dropped here: "* name left"
}
// ANCHOR_END: client

// ANCHOR: direct
/// Hands a direct message to its recipient's channel without waiting: a
/// recipient that is not reading must not stall the sender. Returns what to
/// tell the sender, if anything.
fn direct_message(directory: &Directory, from: &str, to: &str, text: &str) -> Option<String> {
    let recipient = directory.lock().unwrap().get(to).cloned();
    let Some(recipient) = recipient else {
        return Some(format!("* no one called {to}"));
    };
    match recipient.try_send(format!("[{from} to you] {text}")) {
        Ok(()) => None,
        Err(mpsc::error::TrySendError::Full(_)) => Some(format!("* {to} is not reading")),
        Err(mpsc::error::TrySendError::Closed(_)) => Some(format!("* {to} has left")),
    }
}
// ANCHOR_END: direct

/// The text of a line that ended with a newline, or `None` for a part line.
fn complete_line(buf: &[u8]) -> Option<String> {
    let line = buf.strip_suffix(b"\n")?;
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    Some(String::from_utf8_lossy(line).into_owned())
}

async fn say(writer: &mut (impl AsyncWrite + Unpin), line: &str) -> std::io::Result<()> {
    writer.write_all(line.as_bytes()).await?;
    writer.write_all(b"\n").await?;
    writer.flush().await
}

/// The other end: a client for the demo and the tests.
pub mod chatter {
    use std::net::SocketAddr;
    use std::time::Duration;
    use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader, Lines};
    use tokio::net::TcpStream;

    pub struct Chatter {
        pub lines: Lines<BufReader<Box<dyn AsyncRead + Send + Unpin>>>,
        pub writer: Box<dyn AsyncWrite + Send + Unpin>,
    }

    impl Chatter {
        /// Connects over TCP, gives the name, and waits for the welcome.
        pub async fn join(address: SocketAddr, name: &str) -> Chatter {
            let stream = TcpStream::connect(address).await.unwrap();
            stream.set_nodelay(true).unwrap();
            Chatter::join_over(stream, name).await
        }

        /// Gives the name over a connection already made (TCP or not), and
        /// waits for the welcome.
        pub async fn join_over(
            stream: impl AsyncRead + AsyncWrite + Send + 'static,
            name: &str,
        ) -> Chatter {
            let (reader, writer) = tokio::io::split(stream);
            let reader: Box<dyn AsyncRead + Send + Unpin> = Box::new(reader);
            let mut chatter = Chatter {
                lines: BufReader::new(reader).lines(),
                writer: Box::new(writer),
            };
            chatter.say(name).await;
            assert_eq!(
                chatter.hear().await.as_deref(),
                Some(&*format!("welcome {name}"))
            );
            chatter
        }

        pub async fn say(&mut self, line: &str) {
            self.writer
                .write_all(format!("{line}\n").as_bytes())
                .await
                .unwrap();
        }

        /// The next line, or `None` at the end of the stream; panics if
        /// nothing comes within ten seconds.
        pub async fn hear(&mut self) -> Option<String> {
            let next = tokio::time::timeout(Duration::from_secs(10), self.lines.next_line());
            next.await.expect("no line within 10 s").ok().flatten()
        }
    }
}
