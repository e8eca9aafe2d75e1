//! The chat server under bounded load and faults: 50 clients sending 20
//! lines each, a client that never reads, one that leaves halfway through a
//! line, direct messages, a name taken twice at once, and shutdown.

use listing_06_07_chat::chatter::Chatter;
use listing_06_07_chat::{Config, accept_all, serve};
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::DuplexStream;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;
use tokio::time::timeout;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::ReceiverStream;
use tokio_util::either::Either;

// ANCHOR: server
struct Server {
    address: SocketAddr,
    /// Hands the server a connection that is not TCP: one end of an
    /// in-memory pipe, whose buffer size the test chooses.
    in_memory: mpsc::Sender<DuplexStream>,
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

async fn start(room_capacity: usize, direct_capacity: usize) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (in_memory, pipes) = mpsc::channel(1);
    let connections = accept_all(listener)
        .map(Either::Left)
        .merge(ReceiverStream::new(pipes).map(Either::Right));
    let (stop, stopped) = oneshot::channel::<()>();
    let config = Config {
        room_capacity,
        direct_capacity,
    };
    let task = tokio::spawn(serve(connections, config, async {
        let _ = stopped.await;
    }));
    Server {
        address,
        in_memory,
        stop,
        task,
    }
}

impl Server {
    /// Joins over an in-memory pipe that holds at most `buffer` unread
    /// bytes: once it is full, the server's writes to this client wait.
    async fn join_in_memory(&self, name: &str, buffer: usize) -> Chatter {
        let (ours, theirs) = tokio::io::duplex(buffer);
        self.in_memory.send(theirs).await.unwrap();
        Chatter::join_over(ours, name).await
    }
}
// ANCHOR_END: server

// ANCHOR: load
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_clients_each_hear_every_other_clients_lines_in_order() {
    const CLIENTS: usize = 50;
    const LINES: usize = 20;
    // Room for every line: no client can lag, so every line must arrive.
    let server = start(2 * CLIENTS * LINES, 8).await;

    // Everyone joins before anyone speaks: a line said before a client has
    // subscribed is not meant for it.
    let mut chatters = Vec::new();
    for i in 0..CLIENTS {
        chatters.push(Chatter::join(server.address, &format!("c{i}")).await);
    }
    let mut tasks = tokio::task::JoinSet::new();
    for (i, mut chatter) in chatters.into_iter().enumerate() {
        tasks.spawn(async move {
            for n in 0..LINES {
                chatter.say(&format!("line {n}")).await;
            }
            // Per sender, the next line number expected.
            let mut next = vec![0; CLIENTS];
            let mut heard = 0;
            while heard < (CLIENTS - 1) * LINES {
                let line = chatter.hear().await.expect("the server closed early");
                if line.starts_with("* ") {
                    assert!(line.ends_with(" joined"), "c{i} heard {line:?}");
                    continue;
                }
                let (who, what) = line.split_once(": line ").unwrap();
                let who: usize = who[1..].parse().unwrap();
                assert_ne!(who, i, "c{i} heard its own line");
                assert_eq!(what.parse::<usize>().unwrap(), next[who], "out of order");
                next[who] += 1;
                heard += 1;
            }
            next
        });
    }
    for next in tasks.join_all().await {
        assert_eq!(next.iter().filter(|&&n| n == LINES).count(), CLIENTS - 1);
    }
    server.stop.send(()).unwrap();
    server.task.await.unwrap();
}
// ANCHOR_END: load

// ANCHOR: never-reads
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_never_reads_lags_and_is_told_how_much_it_missed() {
    const LINES: usize = 200;
    let server = start(16, 4).await;
    // Sloth's connection holds at most 1024 unread bytes, about one of ada's
    // lines: the server's writes to sloth wait as soon as that is full.
    let mut sloth = server.join_in_memory("sloth", 1024).await;
    let mut ada = Chatter::join(server.address, "ada").await;
    let mut bob = Chatter::join(server.address, "bob").await;
    assert_eq!(ada.hear().await.as_deref(), Some("* bob joined"));

    // The room is not slowed down: bob hears all of ada's lines, in order,
    // while sloth reads nothing. Ada sends in bursts of 8, half the room's
    // capacity, and waits for bob to hear each burst, so bob cannot lag.
    let room = async {
        let long = "x".repeat(1000);
        for burst in 0..LINES / 8 {
            for n in burst * 8..burst * 8 + 8 {
                ada.say(&format!("{n} {long}")).await;
            }
            for n in burst * 8..burst * 8 + 8 {
                let line = bob.hear().await.unwrap();
                assert!(line.starts_with(&format!("ada: {n} ")), "{line}");
            }
        }
    };
    timeout(Duration::from_secs(30), room)
        .await
        .expect("the room was slowed down");

    // A direct message to sloth does not wait either: its queue is full.
    let mut told = false;
    for _ in 0..10 {
        ada.say("/to sloth are you there?").await;
    }
    while !told {
        told = ada.hear().await.unwrap() == "* sloth is not reading";
    }

    // Now sloth reads. Every room line after it joined is either heard or
    // counted in a "you missed" notice: 2 "joined" lines and ada's lines.
    let (mut heard, mut missed) = (0, 0);
    loop {
        let line = sloth.hear().await.unwrap();
        if let Some(n) = line.strip_prefix("* you missed ") {
            missed += n
                .strip_suffix(" messages")
                .unwrap()
                .parse::<usize>()
                .unwrap();
        } else if !line.starts_with('[') {
            heard += 1; // (the direct messages that fitted are not counted)
        }
        if line.starts_with(&format!("ada: {} ", LINES - 1)) {
            break;
        }
    }
    assert_eq!(heard + missed, 2 + LINES);
    // Heard: the 2 "joined" lines, the line or two that went into the pipe
    // and sloth's task before it filled, and the 16 the room keeps.
    assert!(heard <= 2 + 2 + 16, "sloth heard {heard}, missed {missed}");
    server.stop.send(()).unwrap();
}
// ANCHOR_END: never-reads

#[tokio::test]
async fn a_client_that_leaves_mid_line_says_nothing_and_is_gone() {
    let server = start(16, 4).await;
    let mut bob = Chatter::join(server.address, "bob").await;
    let mut carol = Chatter::join(server.address, "carol").await;
    assert_eq!(bob.hear().await.as_deref(), Some("* carol joined"));
    use tokio::io::AsyncWriteExt;
    carol.writer.write_all(b"half a sent").await.unwrap(); // no newline
    drop(carol);
    assert_eq!(bob.hear().await.as_deref(), Some("* carol left"));
    // The room goes on, and the name is free again.
    let mut carol = Chatter::join(server.address, "carol").await;
    carol.say("back").await;
    assert_eq!(bob.hear().await.as_deref(), Some("* carol joined"));
    assert_eq!(bob.hear().await.as_deref(), Some("carol: back"));
}

#[tokio::test]
async fn direct_messages_reach_one_client_only() {
    let server = start(16, 4).await;
    let mut ada = Chatter::join(server.address, "ada").await;
    let mut bob = Chatter::join(server.address, "bob").await;
    let mut eve = Chatter::join(server.address, "eve").await;
    assert_eq!(ada.hear().await.as_deref(), Some("* bob joined"));
    assert_eq!(ada.hear().await.as_deref(), Some("* eve joined"));
    assert_eq!(bob.hear().await.as_deref(), Some("* eve joined"));
    ada.say("/to bob psst").await;
    assert_eq!(bob.hear().await.as_deref(), Some("[ada to you] psst"));
    ada.say("hello all").await;
    assert_eq!(eve.hear().await.as_deref(), Some("ada: hello all")); // no psst first
    assert_eq!(bob.hear().await.as_deref(), Some("ada: hello all"));
    ada.say("/to nobody hi").await;
    assert_eq!(ada.hear().await.as_deref(), Some("* no one called nobody"));
}

#[tokio::test]
async fn a_taken_name_is_refused() {
    let server = start(16, 4).await;
    let _ada = Chatter::join(server.address, "ada").await;
    let stream = TcpStream::connect(server.address).await.unwrap();
    let (reader, mut writer) = stream.into_split();
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    writer.write_all(b"ada\n").await.unwrap();
    let mut lines = BufReader::new(reader).lines();
    assert_eq!(
        lines.next_line().await.unwrap().as_deref(),
        Some("* that name is taken")
    );
    assert_eq!(lines.next_line().await.unwrap(), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn of_twenty_clients_joining_at_once_with_one_name_one_gets_it() {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    // If looking for the name and claiming it were two steps, two client
    // tasks on two threads could both find it free. Such a race is rare in
    // any one try, so the test makes 20 rounds of 20.
    for _ in 0..20 {
        let server = start(16, 4).await;
        let mut ends = Vec::new();
        for _ in 0..20 {
            let (mut ours, theirs) = tokio::io::duplex(64);
            ours.write_all(b"ada\n").await.unwrap(); // waiting when the task starts
            server.in_memory.send(theirs).await.unwrap();
            ends.push(BufReader::new(ours)); // kept open until the end
        }
        let mut welcomed = 0;
        for end in &mut ends {
            let mut answer = String::new();
            end.read_line(&mut answer).await.unwrap();
            if answer == "welcome ada\n" {
                welcomed += 1;
            } else {
                assert_eq!(answer, "* that name is taken\n");
            }
        }
        assert_eq!(welcomed, 1);
    }
}

// ANCHOR: shutdown
#[tokio::test]
async fn when_the_server_stops_every_connection_closes() {
    let server = start(16, 4).await;
    let mut chatters = Vec::new();
    for name in ["ada", "bob", "eve"] {
        chatters.push(Chatter::join(server.address, name).await);
    }
    server.stop.send(()).unwrap();
    timeout(Duration::from_secs(10), server.task)
        .await
        .unwrap()
        .unwrap();
    for mut chatter in chatters {
        // Skip the "joined" and "left" notices; then the end of the stream.
        while let Some(line) = chatter.hear().await {
            assert!(line.starts_with("* "), "{line}");
        }
    }
}

#[tokio::test]
async fn an_aborted_server_task_closes_every_connection_too() {
    let server = start(16, 4).await;
    let mut ada = Chatter::join(server.address, "ada").await;
    server.task.abort();
    assert!(server.task.await.unwrap_err().is_cancelled());
    assert_eq!(ada.hear().await, None);
}
// ANCHOR_END: shutdown
