use futures::stream::{self, FuturesUnordered, StreamExt};
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;
use tokio::time::{Instant, sleep};

// ANCHOR: job
/// Keeps count of jobs in flight, and of the most ever in flight at once.
#[derive(Default)]
struct Gauge {
    now: Cell<usize>,
    most: Cell<usize>,
}

/// A job that takes `millis`; it reports itself to the gauge while it runs.
async fn job(id: u64, millis: u64, gauge: Rc<Gauge>) -> u64 {
    gauge.now.set(gauge.now.get() + 1);
    gauge.most.set(gauge.most.get().max(gauge.now.get()));
    sleep(Duration::from_millis(millis)).await;
    gauge.now.set(gauge.now.get() - 1);
    id
}

/// Ten jobs, of 100 to 500 ms.
const JOBS: [(u64, u64); 10] = [
    (0, 300),
    (1, 100),
    (2, 500),
    (3, 200),
    (4, 100),
    (5, 400),
    (6, 100),
    (7, 300),
    (8, 200),
    (9, 100),
];
// ANCHOR_END: job

// ANCHOR: unordered
/// All ten at once, results in completion order.
async fn all_unordered() -> (Vec<u64>, Duration, usize) {
    let start = Instant::now();
    let gauge = Rc::new(Gauge::default());
    let mut running: FuturesUnordered<_> = JOBS
        .iter()
        .map(|&(id, millis)| job(id, millis, Rc::clone(&gauge)))
        .collect();
    let mut finished = Vec::new();
    while let Some(id) = running.next().await {
        finished.push(id);
    }
    (finished, start.elapsed(), gauge.most.get())
}
// ANCHOR_END: unordered

// ANCHOR: buffered
/// At most `limit` at a time: each finished job makes room for the next.
async fn at_most(limit: usize) -> (Vec<u64>, Duration, usize) {
    let start = Instant::now();
    let gauge = Rc::new(Gauge::default());
    let finished: Vec<u64> = stream::iter(JOBS)
        .map(|(id, millis)| job(id, millis, Rc::clone(&gauge)))
        .buffer_unordered(limit)
        .collect()
        .await;
    (finished, start.elapsed(), gauge.most.get())
}
// ANCHOR_END: buffered

// ANCHOR: main
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let (finished, took, most) = all_unordered().await;
    println!("FuturesUnordered: {finished:?} in {took:?}, at most {most} at once");
    let (finished, took, most) = at_most(3).await;
    println!("buffer_unordered(3): {finished:?} in {took:?}, at most {most} at once");
    let (finished, took, most) = at_most(1).await;
    println!("buffer_unordered(1): {finished:?} in {took:?}, at most {most} at once");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn all_at_once_takes_the_longest_job() {
        let (finished, took, most) = all_unordered().await;
        assert_eq!(took, Duration::from_millis(500));
        assert_eq!(most, 10);
        assert_eq!(finished.len(), 10);
        assert_eq!(finished.last(), Some(&2), "the 500 ms job finishes last");
    }

    #[tokio::test(start_paused = true)]
    async fn the_limit_is_never_exceeded_and_the_work_all_gets_done() {
        for limit in 1..=10 {
            let (finished, _, most) = at_most(limit).await;
            assert!(most <= limit, "limit {limit}, saw {most}");
            let mut sorted = finished.clone();
            sorted.sort();
            assert_eq!(sorted, (0..10).collect::<Vec<_>>());
        }
    }

    #[tokio::test(start_paused = true)]
    async fn one_at_a_time_takes_the_sum() {
        let (finished, took, most) = at_most(1).await;
        assert_eq!(took, Duration::from_millis(2300));
        assert_eq!(most, 1);
        assert_eq!(finished, (0..10).collect::<Vec<_>>());
    }
}
