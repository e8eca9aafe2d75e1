//! Cancelling a future is dropping it: the destructors of what it holds
//! run, the rest of its body does not. Then three ways to clean up without
//! an async destructor.

// The cleanup helpers below main are used by the tests only.
#![cfg_attr(not(test), allow(dead_code))]

use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};
use tokio::time::{sleep, timeout};

/// A shared record of what happened, in order.
#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<String>>>);

impl Log {
    fn push(&self, line: impl Into<String>) {
        self.0.lock().unwrap().push(line.into());
    }
    fn lines(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }
}

// ANCHOR: transfer
/// Something held across an `.await` whose destructor says so.
struct Noisy(&'static str, Log);

impl Drop for Noisy {
    fn drop(&mut self) {
        self.1.push(format!("drop {}", self.0));
    }
}

async fn transfer(log: Log) {
    let _connection = Noisy("connection", log.clone());
    log.push("step 1: connected");
    sleep(Duration::from_millis(10)).await; // may be cancelled here (10 ms)
    let _buffer = Noisy("buffer", log.clone());
    log.push("step 2: buffered");
    sleep(Duration::from_millis(10)).await; // or here (20 ms)
    log.push("step 3: committed");
}
// ANCHOR_END: transfer

/// Runs `transfer` with a time limit and returns what it recorded.
async fn run_with_limit(limit_ms: u64) -> (bool, Vec<String>) {
    let log = Log::default();
    let finished = timeout(Duration::from_millis(limit_ms), transfer(log.clone()))
        .await
        .is_ok();
    (finished, log.lines())
}

// ANCHOR: main
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    for limit_ms in [5, 15, 25] {
        let (finished, lines) = run_with_limit(limit_ms).await;
        let how = if finished { "finished" } else { "cancelled" };
        println!("limit {limit_ms:>2} ms, {how}: {}", lines.join(", "));
    }
}
// ANCHOR_END: main

// ANCHOR: close
/// A resource whose cleanup must await: it says so by offering `close`.
struct Connection {
    log: Log,
    closed: bool,
}

impl Connection {
    async fn close(mut self) {
        sleep(Duration::from_millis(1)).await; // say goodbye to the peer
        self.log.push("closed properly");
        self.closed = true;
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        if !self.closed {
            // Drop cannot await: all it can do is notice, and say so.
            self.log.push("dropped without close");
        }
    }
}
// ANCHOR_END: close

// ANCHOR: spawn_cleanup
/// A lease whose release must await. Its destructor cannot, so it hands
/// the release to a new task.
struct Lease {
    log: Log,
}

impl Drop for Lease {
    fn drop(&mut self) {
        let log = self.log.clone();
        // try_current: a destructor may run where there is no runtime.
        match tokio::runtime::Handle::try_current() {
            Ok(handle) => {
                handle.spawn(async move {
                    sleep(Duration::from_millis(1)).await; // tell the server
                    log.push("lease released by a cleanup task");
                });
            }
            Err(_) => log.push("no runtime: lease not released"),
        }
    }
}
// ANCHOR_END: spawn_cleanup

// ANCHOR: owner
/// The third way: one task owns the resource and cleans up after its
/// loop. Callers talk to it; cancelling a caller cancels no cleanup.
async fn owner(mut requests: mpsc::Receiver<oneshot::Sender<u32>>, log: Log) {
    let mut served = 0;
    while let Some(reply) = requests.recv().await {
        served += 1;
        let _ = reply.send(served);
    }
    sleep(Duration::from_millis(1)).await; // async cleanup, awaited
    log.push(format!("owner closed the resource after {served} requests"));
}
// ANCHOR_END: owner

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn cancelled_at_the_first_await_drops_only_what_exists() {
        let (finished, lines) = run_with_limit(5).await;
        assert!(!finished);
        // Step 2 never ran, so the buffer never existed and is not dropped.
        assert_eq!(lines, ["step 1: connected", "drop connection"]);
    }

    #[tokio::test(start_paused = true)]
    async fn cancelled_at_the_second_await_drops_in_reverse_order() {
        let (finished, lines) = run_with_limit(15).await;
        assert!(!finished);
        assert_eq!(
            lines,
            [
                "step 1: connected",
                "step 2: buffered",
                "drop buffer",
                "drop connection"
            ]
        );
    }

    #[tokio::test(start_paused = true)]
    async fn not_cancelled_the_body_runs_to_the_end() {
        let (finished, lines) = run_with_limit(25).await;
        assert!(finished);
        assert_eq!(lines.len(), 5);
        assert_eq!(lines[2], "step 3: committed");
    }

    #[tokio::test]
    async fn a_future_dropped_before_its_first_poll_runs_none_of_its_body() {
        let log = Log::default();
        let future = transfer(log.clone());
        drop(future);
        // Not even "step 1": an async fn's body starts at the first poll.
        assert!(log.lines().is_empty());
    }

    #[tokio::test]
    async fn a_future_that_never_waits_cannot_be_cancelled_by_timeout() {
        // tokio 1.54 polls the inner future before it looks at the clock,
        // so even a zero limit lets a ready future finish.
        let result = timeout(Duration::ZERO, async { 7 }).await;
        assert_eq!(result, Ok(7));
    }

    #[tokio::test(start_paused = true)]
    async fn close_awaited_cleans_up_and_a_bare_drop_only_notices() {
        let log = Log::default();
        let connection = Connection {
            log: log.clone(),
            closed: false,
        };
        connection.close().await;
        let forgotten = Connection {
            log: log.clone(),
            closed: false,
        };
        drop(forgotten);
        assert_eq!(log.lines(), ["closed properly", "dropped without close"]);
    }

    #[tokio::test(start_paused = true)]
    async fn close_itself_cancelled_falls_back_to_the_destructor() {
        let log = Log::default();
        let connection = Connection {
            log: log.clone(),
            closed: false,
        };
        // close() is a future like any other: cancel it and it is dropped.
        let result = timeout(Duration::ZERO, connection.close()).await;
        assert!(result.is_err());
        assert_eq!(log.lines(), ["dropped without close"]);
    }

    #[tokio::test(start_paused = true)]
    async fn a_guard_that_spawns_its_cleanup_runs_it_after_a_cancel() {
        let log = Log::default();
        let holder = {
            let log = log.clone();
            async move {
                let _lease = Lease { log };
                std::future::pending::<()>().await;
            }
        };
        assert!(timeout(Duration::from_millis(5), holder).await.is_err());
        assert!(log.lines().is_empty(), "the release has only been spawned");
        sleep(Duration::from_millis(2)).await;
        assert_eq!(log.lines(), ["lease released by a cleanup task"]);
    }

    #[test]
    fn a_guard_dropped_outside_a_runtime_cannot_spawn() {
        let log = Log::default();
        drop(Lease { log: log.clone() });
        assert_eq!(log.lines(), ["no runtime: lease not released"]);
    }

    #[tokio::test(start_paused = true)]
    async fn the_owning_task_cleans_up_however_its_callers_end() {
        let log = Log::default();
        let (tx, rx) = mpsc::channel(4);
        let owner = tokio::spawn(owner(rx, log.clone()));
        // A caller that is cancelled while it waits for the reply.
        let caller = {
            let tx = tx.clone();
            async move {
                let (reply_tx, reply_rx) = oneshot::channel();
                tx.send(reply_tx).await.unwrap();
                sleep(Duration::from_secs(1)).await;
                reply_rx.await.unwrap()
            }
        };
        assert!(timeout(Duration::from_millis(5), caller).await.is_err());
        let (reply_tx, reply_rx) = oneshot::channel();
        tx.send(reply_tx).await.unwrap();
        assert_eq!(reply_rx.await, Ok(2));
        drop(tx);
        owner.await.unwrap();
        assert_eq!(log.lines(), ["owner closed the resource after 2 requests"]);
    }
}
