//! A job-processing service that shuts down gracefully on SIGTERM or
//! Ctrl-C (SIGINT), on Unix: it stops accepting, lets the jobs in flight finish, hands back
//! the jobs still queued, aborts what is left at a deadline (and says so),
//! flushes its output, and exits 0.
//!
//! Usage: listing-09-04-job-service <results file> <deadline in ms>
//! Clients send lines `<id> <ms>` (work for that long) or `<id> stuck` (a
//! job that ignores cancellation); the service answers `accepted <id>` or
//! `rejected <id>`. The results file gets one line per accepted job:
//! `done <id>`, `returned <id>` or `aborted <id>`.

use std::process::ExitCode;
use std::time::Duration;

use futures::{SinkExt, StreamExt};
use tokio::fs::File;
use tokio::io::{AsyncWriteExt, BufWriter};
use tokio::net::{TcpListener, TcpStream};
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc;
use tokio::task::JoinSet;
use tokio::time::{Instant, sleep, timeout_at};
use tokio_util::codec::{Framed, LinesCodec};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

const WORKERS: usize = 8;

#[derive(Debug)]
enum Work {
    Millis(u64),
    Stuck,
}

#[derive(Debug)]
struct Job {
    id: u64,
    work: Work,
}

fn parse(line: &str) -> Option<Job> {
    let (id, work) = line.split_once(' ')?;
    let work = match work {
        "stuck" => Work::Stuck,
        ms => Work::Millis(ms.parse().ok()?),
    };
    Some(Job {
        id: id.parse().ok()?,
        work,
    })
}

// ANCHOR: in_flight
/// Reports a job's end exactly once: `done` if it finished, `aborted` if
/// its future was dropped first (the worker was aborted at the deadline).
struct InFlight {
    id: u64,
    results: mpsc::UnboundedSender<String>,
    finished: bool,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let word = if self.finished { "done" } else { "aborted" };
        let _ = self.results.send(format!("{word} {}", self.id));
    }
}
// ANCHOR_END: in_flight

// ANCHOR: worker
async fn worker(
    jobs: async_channel::Receiver<Job>,
    results: mpsc::UnboundedSender<String>,
    token: CancellationToken,
) {
    loop {
        let job = tokio::select! {
            biased;
            _ = token.cancelled() => return, // take no new job
            job = jobs.recv() => match job {
                Ok(job) => job,
                Err(_) => return,
            },
        };
        let mut in_flight = InFlight {
            id: job.id,
            results: results.clone(),
            finished: false,
        };
        match job.work {
            // A job in flight is finished, not cancelled.
            Work::Millis(ms) => sleep(Duration::from_millis(ms)).await,
            // This one never looks at the token.
            Work::Stuck => sleep(Duration::from_secs(3600)).await,
        }
        in_flight.finished = true;
    }
}
// ANCHOR_END: worker

// ANCHOR: connection
async fn connection(stream: TcpStream, jobs: async_channel::Sender<Job>, token: CancellationToken) {
    let mut lines = Framed::new(stream, LinesCodec::new());
    loop {
        let line = tokio::select! {
            _ = token.cancelled() => return, // stop reading; close the socket
            line = lines.next() => match line {
                Some(Ok(line)) => line,
                _ => return,
            },
        };
        let Some(job) = parse(&line) else { continue };
        let id = job.id;
        // Accepted means queued: the job is then done, returned or aborted.
        // With the queue full, the send waits for room, and after the cancel
        // no worker makes any: so the token is watched here too, first.
        let queued = tokio::select! {
            biased;
            _ = token.cancelled() => false, // dropped with the send: never queued
            sent = jobs.send(job) => sent.is_ok(),
        };
        let answer = if queued {
            format!("accepted {id}")
        } else {
            format!("rejected {id}")
        };
        if lines.send(answer).await.is_err() {
            return;
        }
    }
}
// ANCHOR_END: connection

// ANCHOR: writer
/// The only owner of the results file: writes until every sender is gone,
/// then flushes. A BufWriter dropped without `flush` loses its buffer.
async fn write_results(
    mut results: mpsc::UnboundedReceiver<String>,
    path: String,
) -> std::io::Result<usize> {
    let mut out = BufWriter::new(File::create(path).await?);
    let mut count = 0;
    while let Some(line) = results.recv().await {
        out.write_all(line.as_bytes()).await?;
        out.write_all(b"\n").await?;
        count += 1;
    }
    out.flush().await?;
    Ok(count)
}
// ANCHOR_END: writer

#[tokio::main]
async fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| "results.txt".into());
    let deadline =
        Duration::from_millis(args.next().and_then(|ms| ms.parse().ok()).unwrap_or(5000));

    // ANCHOR: start
    // Part 1, deciding when: listen for the signals before anyone can send
    // one, and once, so that none arrives between two listeners.
    let mut sigterm = signal(SignalKind::terminate()).expect("SIGTERM handler");
    let mut sigint = signal(SignalKind::interrupt()).expect("SIGINT handler");
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    println!("listening on {}", listener.local_addr().unwrap());

    let token = CancellationToken::new();
    let connections = TaskTracker::new();
    let mut workers = JoinSet::new();
    let (job_tx, job_rx) = async_channel::bounded(1024);
    let (result_tx, result_rx) = mpsc::unbounded_channel();
    let writer = tokio::spawn(write_results(result_rx, path));
    for _ in 0..WORKERS {
        workers.spawn(worker(job_rx.clone(), result_tx.clone(), token.clone()));
    }
    // ANCHOR_END: start

    // ANCHOR: accept
    loop {
        tokio::select! {
            _ = sigterm.recv() => break,
            _ = sigint.recv() => break, // Ctrl-C
            accepted = listener.accept() => {
                if let Ok((stream, _)) = accepted {
                    connections.spawn(connection(stream, job_tx.clone(), token.clone()));
                }
            }
        }
    }
    drop(listener); // new connections are refused from here on
    // ANCHOR_END: accept

    // ANCHOR: shutdown
    // Part 2, telling everyone.
    eprintln!("shutting down");
    let give_up_at = Instant::now() + deadline;
    token.cancel();

    // Part 3, waiting: connections first, so that no job is queued after
    // the queue is handed back. close() lets wait() return once it is empty.
    // The deadline covers them too: a client that stops reading its answers
    // could hold one up, and none of them queues a job after the cancel.
    connections.close();
    let _ = timeout_at(give_up_at, connections.wait()).await;
    let finished = timeout_at(give_up_at, async {
        while workers.join_next().await.is_some() {}
    })
    .await;
    if finished.is_err() {
        eprintln!("deadline passed: aborting {} worker(s)", workers.len());
        workers.shutdown().await; // abort, and wait until they are gone
    }

    // Hand back what no worker took: the client can send it elsewhere.
    job_rx.close();
    while let Ok(job) = job_rx.try_recv() {
        let _ = result_tx.send(format!("returned {}", job.id));
    }
    drop(result_tx); // the writer's last sender: it flushes and ends
    match writer.await {
        Ok(Ok(count)) => {
            eprintln!("wrote {count} result(s)");
            ExitCode::SUCCESS
        }
        _ => ExitCode::FAILURE,
    }
    // ANCHOR_END: shutdown
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncReadExt;
    use tokio::time::timeout;

    // ANCHOR: close_matters
    #[tokio::test(start_paused = true)]
    async fn a_tracker_that_is_never_closed_waits_forever() {
        let tracker = TaskTracker::new();
        tracker.spawn(async {});
        tracker.spawn(sleep(Duration::from_millis(10)));
        // Both tasks end at 10 ms; an hour later wait() has still not returned.
        let waited = timeout(Duration::from_secs(3600), tracker.wait()).await;
        assert!(waited.is_err());
        assert!(tracker.is_empty());

        tracker.close();
        tracker.wait().await; // now it returns
    }
    // ANCHOR_END: close_matters

    #[tokio::test(start_paused = true)]
    async fn dropping_a_tracker_does_not_abort_its_tasks() {
        let tracker = TaskTracker::new();
        let handle = tracker.spawn(async {
            sleep(Duration::from_millis(10)).await;
            "finished"
        });
        drop(tracker);
        assert_eq!(handle.await.unwrap(), "finished");
    }

    // ANCHOR: unflushed
    #[tokio::test]
    async fn a_buf_writer_dropped_without_flush_loses_what_it_holds() {
        let (ours, mut theirs) = tokio::io::duplex(1024);
        let mut out = BufWriter::new(ours);
        out.write_all(b"done 1\n").await.unwrap();
        drop(out); // no flush: tokio's BufWriter has no destructor that writes
        let mut got = Vec::new();
        theirs.read_to_end(&mut got).await.unwrap();
        assert!(got.is_empty());
    }
    // ANCHOR_END: unflushed

    #[tokio::test]
    async fn a_guard_reports_done_or_aborted() {
        let (tx, mut rx) = mpsc::unbounded_channel();
        let mut finished = InFlight {
            id: 1,
            results: tx.clone(),
            finished: false,
        };
        finished.finished = true;
        drop(finished);
        drop(InFlight {
            id: 2,
            results: tx,
            finished: false,
        });
        assert_eq!(rx.recv().await.unwrap(), "done 1");
        assert_eq!(rx.recv().await.unwrap(), "aborted 2");
    }

    #[test]
    fn lines_parse_into_jobs() {
        assert!(matches!(
            parse("7 20"),
            Some(Job {
                id: 7,
                work: Work::Millis(20)
            })
        ));
        assert!(matches!(
            parse("8 stuck"),
            Some(Job {
                id: 8,
                work: Work::Stuck
            })
        ));
        assert!(parse("nonsense").is_none());
    }
}
