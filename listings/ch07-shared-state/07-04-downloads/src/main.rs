//! A `Semaphore` limiting how many downloads run at once. The tests show
//! that no more than the limit ever run, that a permit taken before the
//! spawn also limits how many tasks exist, that a permit bound to `_` is
//! no limit at all, that a large `acquire_many` at the head of the queue
//! holds back a small `acquire` behind it, and what `close` does.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio::time::{Instant, sleep};

/// Counts the downloads in progress, and the most there ever were.
#[derive(Default)]
pub struct Gauge {
    now: AtomicUsize,
    most: AtomicUsize,
}

impl Gauge {
    fn enter(&self) {
        let now = self.now.fetch_add(1, Ordering::SeqCst) + 1;
        self.most.fetch_max(now, Ordering::SeqCst);
    }

    fn leave(&self) {
        self.now.fetch_sub(1, Ordering::SeqCst);
    }

    pub fn most(&self) -> usize {
        self.most.load(Ordering::SeqCst)
    }
}

/// Pretends to download a file of `size` kB at 1 kB per ms.
async fn download(gauge: &Gauge, size: u64) -> u64 {
    gauge.enter();
    sleep(Duration::from_millis(size)).await;
    gauge.leave();
    size
}

// ANCHOR: limited
/// Downloads every file, at most `limit` at a time, one task each.
pub async fn download_all(sizes: &[u64], limit: usize, gauge: Arc<Gauge>) -> u64 {
    let permits = Arc::new(Semaphore::new(limit));
    let mut tasks = JoinSet::new();
    for &size in sizes {
        // Waits here, before the spawn, while `limit` downloads run.
        let permit = permits.clone().acquire_owned().await.unwrap();
        let gauge = gauge.clone();
        tasks.spawn(async move {
            let bytes = download(&gauge, size).await;
            drop(permit); // the next download may start
            bytes
        });
    }
    tasks.join_all().await.into_iter().sum()
}
// ANCHOR_END: limited

// ANCHOR: unlimited
/// The mistake: `let _ = ...` drops the permit at once.
pub async fn download_all_unlimited(sizes: &[u64], limit: usize, gauge: Arc<Gauge>) -> u64 {
    let permits = Arc::new(Semaphore::new(limit));
    let mut tasks = JoinSet::new();
    for &size in sizes {
        let permits = permits.clone();
        let gauge = gauge.clone();
        tasks.spawn(async move {
            let _ = permits.acquire().await.unwrap(); // dropped right here
            download(&gauge, size).await
        });
    }
    tasks.join_all().await.into_iter().sum()
}
// ANCHOR_END: unlimited

// ANCHOR: main
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let sizes = [300, 100, 200, 100, 400, 100];
    let gauge = Arc::new(Gauge::default());
    let start = Instant::now();
    let total = download_all(&sizes, 2, gauge.clone()).await;
    println!(
        "{total} kB in {:?}, at most {} at once",
        start.elapsed(),
        gauge.most()
    );

    let gauge = Arc::new(Gauge::default());
    let start = Instant::now();
    let total = download_all_unlimited(&sizes, 2, gauge.clone()).await;
    println!(
        "{total} kB in {:?}, at most {} at once",
        start.elapsed(),
        gauge.most()
    );
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::sync::{AcquireError, TryAcquireError};
    use tokio::time::timeout;

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn never_more_than_the_limit_at_once() {
        let sizes: Vec<u64> = (0..60).map(|i| 1 + i % 7).collect();
        for limit in [1, 3, 8] {
            let gauge = Arc::new(Gauge::default());
            let total = download_all(&sizes, limit, gauge.clone()).await;
            assert_eq!(total, sizes.iter().sum::<u64>());
            assert_eq!(gauge.most(), limit, "never above, and the limit is reached");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_permit_bound_to_underscore_limits_nothing() {
        let gauge = Arc::new(Gauge::default());
        download_all_unlimited(&[100; 6], 2, gauge.clone()).await;
        assert_eq!(gauge.most(), 6);
    }

    #[tokio::test(start_paused = true)]
    async fn the_permit_before_the_spawn_limits_the_tasks_too() {
        let gauge = Arc::new(Gauge::default());
        let downloads = tokio::spawn(download_all(&[100; 50], 5, gauge));
        sleep(Duration::from_millis(50)).await; // in the middle of the first five
        let alive = tokio::runtime::Handle::current()
            .metrics()
            .num_alive_tasks();
        assert_eq!(alive, 1 + 5, "download_all itself, and five downloads");
        downloads.await.unwrap();
    }

    // ANCHOR: many
    #[tokio::test(start_paused = true)]
    async fn a_big_request_at_the_head_holds_back_a_small_one() {
        let permits = Arc::new(Semaphore::new(3));
        let two = permits.clone().acquire_many_owned(2).await.unwrap();
        // A writer-like job wants all three; it queues first.
        let all = tokio::spawn(permits.clone().acquire_many_owned(3));
        sleep(Duration::from_millis(1)).await;
        // One permit was free: the job at the head of the queue has taken
        // it towards its three, and holds it while it waits for the rest.
        assert_eq!(permits.available_permits(), 0);
        let one = timeout(Duration::from_secs(1), permits.acquire()).await;
        assert!(
            one.is_err(),
            "the single acquire waited behind acquire_many"
        );
        assert!(matches!(
            permits.try_acquire(),
            Err(TryAcquireError::NoPermits)
        ));
        drop(two);
        let all = all.await.unwrap().unwrap();
        assert_eq!(all.num_permits(), 3);
    }
    // ANCHOR_END: many

    // ANCHOR: close
    #[tokio::test(start_paused = true)]
    async fn close_refuses_the_waiting_and_the_new_but_not_the_holders() {
        let permits = Arc::new(Semaphore::new(1));
        let held = permits.clone().acquire_owned().await.unwrap();
        let waiting = tokio::spawn(permits.clone().acquire_owned());
        sleep(Duration::from_millis(1)).await;

        permits.close();
        let refused: Result<_, AcquireError> = waiting.await.unwrap();
        assert!(refused.is_err());
        assert!(matches!(
            permits.try_acquire(),
            Err(TryAcquireError::Closed)
        ));
        assert!(permits.acquire().await.is_err());
        drop(held); // a permit held before the close is still good until dropped
        assert!(permits.is_closed());
    }
    // ANCHOR_END: close
}
