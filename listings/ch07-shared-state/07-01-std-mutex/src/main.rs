//! A `std::sync::Mutex` shared by many tasks, behind a struct whose methods
//! are short and synchronous, so no guard can live across an `.await`. The
//! tests show that it counts right on a multi-thread runtime, and that the
//! same lock held across an `.await` on one thread (a `LocalSet`, where the
//! compiler does not object) hangs for good.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

// ANCHOR: stats
/// Hit counts per page, shared by every task that serves a request.
#[derive(Clone, Default)]
pub struct Stats {
    inner: Arc<Mutex<HashMap<String, u64>>>,
}

impl Stats {
    /// Counts one hit. Synchronous: the guard cannot outlive the call.
    pub fn record(&self, page: &str) {
        let mut hits = self.inner.lock().unwrap();
        *hits.entry(page.to_owned()).or_default() += 1;
    }

    /// The hits of one page so far.
    pub fn hits(&self, page: &str) -> u64 {
        self.inner.lock().unwrap().get(page).copied().unwrap_or(0)
    }
}
// ANCHOR_END: stats

// ANCHOR: serve
async fn serve(stats: Stats, page: &'static str) {
    stats.record(page); // locks, counts, unlocks: no `.await` in between
    tokio::task::yield_now().await; // stands in for writing the response
}
// ANCHOR_END: serve

// ANCHOR: main
#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let stats = Stats::default();
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..1000 {
        let page = if i % 4 == 0 { "/about" } else { "/" };
        tasks.spawn(serve(stats.clone(), page));
    }
    tasks.join_all().await;
    println!("/ was served {} times", stats.hits("/"));
    println!("/about was served {} times", stats.hits("/about"));
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::future::Future;
    use std::pin::Pin;
    use std::rc::Rc;
    use std::sync::mpsc::RecvTimeoutError;
    use std::time::Duration;

    type Work = fn(Rc<Mutex<u64>>) -> Pin<Box<dyn Future<Output = ()>>>;

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn no_hit_is_lost_across_threads() {
        let stats = Stats::default();
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..2000 {
            tasks.spawn(serve(stats.clone(), "/"));
        }
        tasks.join_all().await;
        assert_eq!(stats.hits("/"), 2000);
    }

    // ANCHOR: held
    /// Holds a std guard across an `.await`. Inside `spawn_local` the task
    /// need not be `Send`, so this compiles.
    #[allow(clippy::await_holding_lock)] // the mistake this test shows
    async fn record_slowly(hits: Rc<Mutex<u64>>) {
        let mut count = hits.lock().unwrap();
        tokio::time::sleep(Duration::from_millis(10)).await; // still locked
        *count += 1;
    }
    // ANCHOR_END: held

    /// Runs two tasks doing `work` on a one-thread runtime (its clock
    /// paused) on a thread of their own, and waits up to 300 ms of real
    /// time for the thread to say they both finished.
    fn two_local_tasks(work: Work) -> Result<(), RecvTimeoutError> {
        let (done_tx, done_rx) = std::sync::mpsc::channel();
        // The thread is left behind if it hangs: nothing can unblock it.
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .start_paused(true)
                .build()
                .unwrap();
            let local = tokio::task::LocalSet::new();
            local.block_on(&runtime, async {
                let hits = Rc::new(Mutex::new(0));
                let first = tokio::task::spawn_local(work(hits.clone()));
                let second = tokio::task::spawn_local(work(hits.clone()));
                first.await.unwrap();
                second.await.unwrap();
            });
            done_tx.send(()).unwrap();
        });
        // Real time on this side: the other thread's clock is paused, and
        // a thread stuck in `lock()` could not advance it anyway.
        done_rx.recv_timeout(Duration::from_millis(300))
    }

    #[test]
    fn a_std_guard_across_await_on_one_thread_hangs() {
        // The first task sleeps holding the lock; the second blocks the only
        // thread in `lock()`, so the first can never wake to unlock it.
        let outcome = two_local_tasks(|hits| Box::pin(record_slowly(hits)));
        assert_eq!(outcome, Err(RecvTimeoutError::Timeout));
    }

    #[test]
    fn the_same_tasks_finish_when_the_guard_ends_first() {
        async fn record_then_sleep(hits: Rc<Mutex<u64>>) {
            *hits.lock().unwrap() += 1;
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        // Ok: the thread sent "done" (a panic would drop the sender and
        // give Err(Disconnected) at once).
        let outcome = two_local_tasks(|hits| Box::pin(record_then_sleep(hits)));
        assert_eq!(outcome, Ok(()));
    }
}
