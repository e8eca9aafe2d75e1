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

/// Ten jobs, of 110 to 500 ms. (No two of them finish at the same instant
/// in any of the runs below, so the order they finish in is fully decided.)
const JOBS: [(u64, u64); 10] = [
    (0, 400),
    (1, 300),
    (2, 210),
    (3, 500),
    (4, 470),
    (5, 480),
    (6, 130),
    (7, 260),
    (8, 110),
    (9, 320),
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

/// The same limit, with results in the jobs' order: `buffered`.
async fn at_most_in_order(limit: usize) -> (Vec<u64>, Duration, usize) {
    let start = Instant::now();
    let gauge = Rc::new(Gauge::default());
    let finished: Vec<u64> = stream::iter(JOBS)
        .map(|(id, millis)| job(id, millis, Rc::clone(&gauge)))
        .buffered(limit)
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
    let (finished, took, most) = at_most_in_order(3).await;
    println!("buffered(3):         {finished:?} in {took:?}, at most {most} at once");
    let (finished, took, most) = at_most(1).await;
    println!("buffer_unordered(1): {finished:?} in {took:?}, at most {most} at once");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    use tokio::task::JoinSet;
    use tokio::time::Sleep;

    #[tokio::test(start_paused = true)]
    async fn all_at_once_finish_in_order_of_duration_within_the_longest() {
        let (finished, took, most) = all_unordered().await;
        assert_eq!(took, Duration::from_millis(500));
        assert_eq!(most, 10);
        let mut by_duration = JOBS;
        by_duration.sort_by_key(|&(_, millis)| millis);
        let expected: Vec<u64> = by_duration.iter().map(|&(id, _)| id).collect();
        assert_eq!(finished, expected);
    }

    #[tokio::test(start_paused = true)]
    async fn the_limit_is_reached_never_exceeded_and_the_work_all_gets_done() {
        for limit in 1..=10 {
            let (finished, _, most) = at_most(limit).await;
            assert_eq!(most, limit, "limit {limit}");
            let mut sorted = finished.clone();
            sorted.sort();
            assert_eq!(sorted, (0..10).collect::<Vec<_>>());
        }
    }

    #[tokio::test(start_paused = true)]
    async fn three_at_a_time_in_either_order() {
        let (_, took, _) = at_most(3).await;
        assert_eq!(took, Duration::from_millis(1200));
        // In order, a finished job waits for the ones before it, and keeps
        // its place among the three meanwhile: slower.
        let (finished, took, most) = at_most_in_order(3).await;
        assert_eq!(finished, (0..10).collect::<Vec<_>>());
        assert_eq!(took, Duration::from_millis(1350));
        assert_eq!(most, 3);
    }

    #[tokio::test(start_paused = true)]
    async fn one_at_a_time_takes_the_sum() {
        let (finished, took, most) = at_most(1).await;
        let sum: u64 = JOBS.iter().map(|&(_, millis)| millis).sum();
        assert_eq!(took, Duration::from_millis(sum));
        assert_eq!(most, 1);
        assert_eq!(finished, (0..10).collect::<Vec<_>>());
    }

    /// Two jobs: a quick one, and one that notes the time it got past its
    /// 100 ms sleep. After taking the quick one's result, the caller is busy
    /// for a second. Returns when the slow one noted, from the start.
    async fn busy_caller(spawned: bool) -> Duration {
        let start = Instant::now();
        let quick = async {
            sleep(Duration::from_millis(10)).await;
            None
        };
        let slow = async move {
            sleep(Duration::from_millis(100)).await;
            Some(start.elapsed())
        };
        let mut results = Vec::new();
        if spawned {
            let mut set = JoinSet::new();
            set.spawn(quick);
            set.spawn(slow);
            results.push(set.join_next().await.unwrap().unwrap());
            sleep(Duration::from_secs(1)).await; // busy with something else
            results.push(set.join_next().await.unwrap().unwrap());
        } else {
            let mut set = FuturesUnordered::new();
            set.push(Box::pin(quick) as std::pin::Pin<Box<dyn Future<Output = _>>>);
            set.push(Box::pin(slow));
            results.push(set.next().await.unwrap());
            sleep(Duration::from_secs(1)).await; // busy with something else
            results.push(set.next().await.unwrap());
        }
        results.into_iter().flatten().next().unwrap()
    }

    #[tokio::test(start_paused = true)]
    async fn futures_unordered_runs_nothing_while_nobody_polls_it() {
        // The slow job's sleep ended at 100 ms, but the code after it ran
        // only when the caller came back to `next()`.
        assert_eq!(busy_caller(false).await, Duration::from_millis(1010));
        // Spawned, it ran on its own at 100 ms.
        assert_eq!(busy_caller(true).await, Duration::from_millis(100));
    }

    /// Wraps a future and counts how many times it is polled.
    struct Counted<F> {
        inner: Pin<Box<F>>,
        polls: Rc<Cell<u32>>,
    }

    impl<F: Future> Future for Counted<F> {
        type Output = F::Output;
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
            self.polls.set(self.polls.get() + 1);
            self.inner.as_mut().poll(cx)
        }
    }

    /// Three sleeps of 100, 200 and 300 ms, each counting its polls.
    fn three_sleeps() -> (Vec<Counted<Sleep>>, Vec<Rc<Cell<u32>>>) {
        let counters: Vec<Rc<Cell<u32>>> = (0..3).map(|_| Rc::default()).collect();
        let futures = counters
            .iter()
            .zip([100, 200, 300])
            .map(|(polls, millis)| Counted {
                inner: Box::pin(sleep(Duration::from_millis(millis))),
                polls: Rc::clone(polls),
            })
            .collect();
        (futures, counters)
    }

    #[tokio::test(start_paused = true)]
    async fn join_polls_every_unfinished_future_on_each_wakeup() {
        let (futures, polls) = three_sleeps();
        let [a, b, c]: [Counted<Sleep>; 3] = futures.try_into().ok().unwrap();
        tokio::join!(a, b, c);
        // Woken at 100, 200 and 300 ms: the 300 ms sleep was polled at the
        // start and at each of the three wakeups, though only one was its own.
        let counts: Vec<u32> = polls.iter().map(|p| p.get()).collect();
        assert_eq!(counts, [2, 3, 4]);
    }

    #[tokio::test(start_paused = true)]
    async fn futures_unordered_polls_only_the_future_that_was_woken() {
        let (futures, polls) = three_sleeps();
        let mut set: FuturesUnordered<_> = futures.into_iter().collect();
        while set.next().await.is_some() {}
        // Each polled at the start, and once more when its own timer fired.
        let counts: Vec<u32> = polls.iter().map(|p| p.get()).collect();
        assert_eq!(counts, [2, 2, 2]);
    }

    #[tokio::test]
    #[should_panic(expected = "job 3 broke")]
    async fn a_panic_in_futures_unordered_comes_out_in_the_caller() {
        let mut set: FuturesUnordered<_> = (0..5)
            .map(|n| async move {
                assert!(n != 3, "job 3 broke");
                n
            })
            .collect();
        while set.next().await.is_some() {}
    }
}
