//! Listing 11-6: a small server answers pings on a current-thread runtime
//! while another task has computation to do. Computed inside the task, the
//! computation holds every ping until it is done; handed to rayon with a
//! oneshot back, the pings are answered while it runs.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// Busy for `d` of wall-clock time.
fn spin(d: Duration) {
    let start = Instant::now();
    while start.elapsed() < d {
        std::hint::spin_loop();
    }
}

// ANCHOR: server
/// Answers each line `ping` with `pong`, for every connection.
async fn serve(listener: TcpListener) {
    loop {
        let (socket, _) = listener.accept().await.unwrap();
        tokio::spawn(async move {
            let (read, mut write) = socket.into_split();
            let mut lines = tokio::io::BufReader::new(read).lines();
            while let Ok(Some(_)) = lines.next_line().await {
                if write.write_all(b"pong\n").await.is_err() {
                    break;
                }
            }
        });
    }
}

/// The other task's job: `work` of computation, inline or on rayon.
/// Returns when it started and when it finished.
async fn compute(work: Duration, offload: bool) -> (Instant, Instant) {
    let started = Instant::now();
    let finished = if offload {
        let (tx, rx) = tokio::sync::oneshot::channel();
        rayon::spawn(move || {
            spin(work);
            let _ = tx.send(Instant::now());
        });
        rx.await.unwrap()
    } else {
        spin(work);
        Instant::now()
    };
    (started, finished)
}
// ANCHOR_END: server

/// Runs the server and the computation on one current-thread runtime while
/// a client thread pings every 2 ms. Returns each ping's round trip, when
/// it was sent and when it was answered; and when the computation started
/// and finished.
fn run(work: Duration, offload: bool) -> (Vec<Ping>, (Instant, Instant)) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = tokio::spawn(serve(listener));
        let (connected_tx, connected_rx) = tokio::sync::oneshot::channel();
        let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
        let client = std::thread::spawn(move || {
            let mut stream = TcpStream::connect(addr).unwrap();
            stream
                .set_read_timeout(Some(Duration::from_secs(10)))
                .unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut answers = Vec::new();
            let mut line = String::new();
            // A first ping before the work starts: the connection is served.
            stream.write_all(b"ping\n").unwrap();
            reader.read_line(&mut line).unwrap();
            connected_tx.send(()).unwrap();
            // Until told to stop, and at least one answer: never empty.
            let mut done = false;
            loop {
                done = done || done_rx.try_recv().is_ok();
                if done && !answers.is_empty() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(2));
                let sent = Instant::now();
                stream.write_all(b"ping\n").unwrap();
                line.clear();
                reader.read_line(&mut line).unwrap();
                assert_eq!(line, "pong\n");
                answers.push(Ping {
                    trip: sent.elapsed(),
                    sent,
                    answered: Instant::now(),
                });
            }
            answers
        });
        connected_rx.await.unwrap();
        let work_span = tokio::spawn(compute(work, offload)).await.unwrap();
        // Let the client see a few answers after the work, then stop it.
        tokio::time::sleep(Duration::from_millis(20)).await;
        done_tx.send(()).unwrap();
        let answers = tokio::task::spawn_blocking(move || client.join().unwrap())
            .await
            .unwrap();
        server.abort();
        (answers, work_span)
    })
}

/// One ping as the client saw it.
#[derive(Debug, Clone, Copy)]
struct Ping {
    trip: Duration,
    sent: Instant,
    answered: Instant,
}

fn main() {
    let work = Duration::from_millis(300);
    println!(
        "pings every 2 ms to a current-thread runtime, beside {} ms of computation",
        work.as_millis()
    );
    println!(
        "{:<22} {:>6} {:>14} {:>12} {:>10}",
        "computation", "pings", "during work", "median", "slowest"
    );
    for (name, offload) in [("inside a task", false), ("rayon + oneshot", true)] {
        let (answers, (started, finished)) = run(work, offload);
        // Pings both sent and answered while the computation ran.
        let during = answers
            .iter()
            .filter(|p| p.sent >= started && p.answered < finished)
            .count();
        let mut trips: Vec<Duration> = answers.iter().map(|p| p.trip).collect();
        trips.sort();
        let ms = |d: Duration| format!("{:.2} ms", d.as_secs_f64() * 1e3);
        println!(
            "{name:<22} {:>6} {during:>14} {:>12} {:>10}",
            trips.len(),
            ms(trips[trips.len() / 2]),
            ms(*trips.last().unwrap())
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Deterministic: from the moment the computation starts, the
    /// runtime's one thread is computing, so no ping sent after that is
    /// answered before the computation ends. (A ping sent just before may
    /// be answered first, if the runtime was slow to start the work: the
    /// test says nothing about those.)
    #[test]
    fn computing_inside_a_task_holds_every_ping() {
        let (answers, (started, finished)) = run(Duration::from_millis(200), false);
        let sent_during: Vec<&Ping> = answers.iter().filter(|p| p.sent >= started).collect();
        assert!(sent_during.iter().all(|p| p.answered >= finished));
        assert!(!sent_during.is_empty(), "{answers:?}");
    }

    /// With the computation on rayon's pool, pings are answered while it
    /// runs: 300 ms leave room for many 2 ms pings; asking for one is a
    /// wide margin even on a busy machine.
    #[test]
    fn with_rayon_pings_are_answered_during_the_computation() {
        let (answers, (_, finished)) = run(Duration::from_millis(300), true);
        assert!(answers.iter().any(|p| p.answered < finished));
    }
}
