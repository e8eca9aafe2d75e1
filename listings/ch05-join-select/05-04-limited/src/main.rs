use futures::stream::{self, FuturesUnordered, StreamExt};
use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;
use tokio::runtime::Handle;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
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

// ANCHOR: spawned
/// The same jobs as tasks, at most `limit` at a time. A permit is taken
/// *before* each spawn and moved into the task, which gives it back when it
/// ends, so no more than `limit` tasks exist at once. Returns the jobs in
/// the order they finished, the time, and the most tasks alive at once.
async fn spawned_at_most(limit: usize) -> (Vec<u64>, Duration, usize) {
    let start = Instant::now();
    let permits = Arc::new(Semaphore::new(limit));
    let mut tasks = JoinSet::new();
    let mut most_alive = 0;
    for (id, millis) in JOBS {
        let permit = Arc::clone(&permits).acquire_owned().await.unwrap();
        tasks.spawn(async move {
            sleep(Duration::from_millis(millis)).await;
            drop(permit); // makes room for the next spawn
            (id, start.elapsed())
        });
        most_alive = most_alive.max(Handle::current().metrics().num_alive_tasks());
    }
    let mut finished = tasks.join_all().await;
    finished.sort_by_key(|&(_, at)| at);
    let finished = finished.into_iter().map(|(id, _)| id).collect();
    (finished, start.elapsed(), most_alive)
}
// ANCHOR_END: spawned

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
    let (finished, took, most) = spawned_at_most(3).await;
    println!("3 permits, spawned:  {finished:?} in {took:?}, at most {most} tasks alive");
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

    /// A model of `buffer_unordered(limit)` over `JOBS`: the first `limit`
    /// jobs start at once, and each job that finishes makes room for the
    /// next, which starts at that instant. Returns the order the jobs finish
    /// in and the total time, or `None` if two would finish at the same
    /// instant (an order the model cannot decide).
    fn model(limit: usize) -> Option<(Vec<u64>, Duration)> {
        let mut waiting = JOBS.iter();
        let mut running: Vec<(u64, u64)> = Vec::new(); // (finishes at, id)
        let (mut now, mut order) = (0, Vec::new());
        loop {
            while running.len() < limit {
                match waiting.next() {
                    Some(&(id, millis)) => running.push((now + millis, id)),
                    None => break,
                }
            }
            running.sort();
            if running.is_empty() {
                return Some((order, Duration::from_millis(now)));
            }
            let (at, id) = running.remove(0);
            if running.first().is_some_and(|&(next, _)| next == at) {
                return None;
            }
            (now, order) = (at, [order, vec![id]].concat());
        }
    }

    #[tokio::test(start_paused = true)]
    async fn the_limit_is_reached_never_exceeded_and_the_work_all_gets_done() {
        for limit in 1..=10 {
            let (finished, took, most) = at_most(limit).await;
            assert_eq!(most, limit, "limit {limit}");
            let mut sorted = finished.clone();
            sorted.sort();
            assert_eq!(sorted, (0..10).collect::<Vec<_>>());
            // No two jobs finish at the same instant under any limit, so
            // the order and the time are exactly the model's.
            let (order, time) = model(limit).expect("no ties with these jobs");
            assert_eq!((finished, took), (order, time), "limit {limit}");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn three_at_a_time_in_either_order() {
        // The numbers the chapter shows, and the model agrees with them.
        let expected = vec![2, 1, 0, 3, 4, 6, 5, 8, 7, 9];
        assert_eq!(
            model(3),
            Some((expected.clone(), Duration::from_millis(1200)))
        );
        let (finished, took, most) = at_most(3).await;
        assert_eq!(finished, expected);
        assert_eq!(took, Duration::from_millis(1200));
        assert_eq!(most, 3);
        // In order, a finished job waits for the ones before it, and keeps
        // its place among the three meanwhile: slower.
        let (finished, took, most) = at_most_in_order(3).await;
        assert_eq!(finished, (0..10).collect::<Vec<_>>());
        assert_eq!(took, Duration::from_millis(1350));
        assert_eq!(most, 3);
    }

    /// When each job starts and finishes under a limit of 3, in either
    /// order: the schedules drawn in the chapter's picture
    /// (src/img/ch05-limited.svg).
    async fn schedule(limit: usize, in_order: bool) -> Vec<(u64, u64, u64)> {
        let start = Instant::now();
        let gauge = Rc::new(Gauge::default());
        let ms = move || start.elapsed().as_millis() as u64;
        let jobs = stream::iter(JOBS).map(|(id, millis)| {
            let gauge = Rc::clone(&gauge);
            async move {
                let started = ms();
                job(id, millis, gauge).await;
                (id, started, ms())
            }
        });
        let mut timed: Vec<(u64, u64, u64)> = if in_order {
            jobs.buffered(limit).collect().await
        } else {
            jobs.buffer_unordered(limit).collect().await
        };
        timed.sort();
        timed
    }

    #[tokio::test(start_paused = true)]
    async fn the_schedules_in_the_picture() {
        // (job, started, finished), in ms.
        let unordered = [
            (0, 0, 400),
            (1, 0, 300),
            (2, 0, 210),
            (3, 210, 710),
            (4, 300, 770),
            (5, 400, 880),
            (6, 710, 840),
            (7, 770, 1030),
            (8, 840, 950),
            (9, 880, 1200),
        ];
        assert_eq!(schedule(3, false).await, unordered);
        // In order, jobs 3, 4 and 5 start only when job 0 (the first in the
        // list) is done, though 1 and 2 finished before it; 6, 7 and 8 wait
        // for 3; 9 waits for 6.
        let in_order = [
            (0, 0, 400),
            (1, 0, 300),
            (2, 0, 210),
            (3, 400, 900),
            (4, 400, 870),
            (5, 400, 880),
            (6, 900, 1030),
            (7, 900, 1160),
            (8, 900, 1010),
            (9, 1030, 1350),
        ];
        assert_eq!(schedule(3, true).await, in_order);
    }

    /// Permits taken before spawning: the same schedule as
    /// `buffer_unordered(3)`, and never more than three tasks alive.
    #[tokio::test(start_paused = true)]
    async fn permits_before_spawning_keep_three_tasks_alive_at_most() {
        let (finished, took, most_alive) = spawned_at_most(3).await;
        assert_eq!(Some((finished, took)), model(3));
        assert_eq!(most_alive, 3);
    }

    /// The mistake: spawn everything, and take the permit inside the task.
    /// Three jobs run at a time all the same, but all ten tasks exist at
    /// once from the start, each holding its future (with ten thousand
    /// jobs, ten thousand tasks).
    #[tokio::test(start_paused = true)]
    async fn permits_inside_the_tasks_limit_the_work_not_the_tasks() {
        let start = Instant::now();
        let permits = Arc::new(Semaphore::new(3));
        let running = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let most_running = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let mut tasks = JoinSet::new();
        for (_, millis) in JOBS {
            let (permits, running, most_running) = (
                Arc::clone(&permits),
                Arc::clone(&running),
                Arc::clone(&most_running),
            );
            tasks.spawn(async move {
                let _permit = permits.acquire().await.unwrap();
                use std::sync::atomic::Ordering::SeqCst;
                most_running.fetch_max(running.fetch_add(1, SeqCst) + 1, SeqCst);
                sleep(Duration::from_millis(millis)).await;
                running.fetch_sub(1, SeqCst);
            });
        }
        assert_eq!(Handle::current().metrics().num_alive_tasks(), 10);
        tasks.join_all().await;
        assert_eq!(start.elapsed(), Duration::from_millis(1200));
        assert_eq!(most_running.load(std::sync::atomic::Ordering::SeqCst), 3);
    }

    /// `JoinSet::spawn_local` takes `!Send` futures (an `Rc` here) on a
    /// `LocalRuntime`, which `flavor = "local"` builds, as well as inside a
    /// `LocalSet`.
    #[tokio::test(flavor = "local", start_paused = true)]
    async fn spawn_local_runs_not_send_tasks_on_a_local_runtime() {
        let gauge = Rc::new(Gauge::default());
        let mut tasks = JoinSet::new();
        for (id, millis) in JOBS {
            tasks.spawn_local(job(id, millis, Rc::clone(&gauge)));
        }
        let mut finished = tasks.join_all().await;
        finished.sort();
        assert_eq!(finished, (0..10).collect::<Vec<_>>());
        assert_eq!(gauge.most.get(), 10);
    }

    /// The same on a current-thread runtime, with no `LocalSet`: it panics.
    #[tokio::test]
    #[should_panic(expected = "outside of a `task::LocalSet` or `runtime::LocalRuntime`")]
    async fn spawn_local_panics_outside_a_local_runtime_or_local_set() {
        let mut tasks = JoinSet::new();
        tasks.spawn_local(job(0, 10, Rc::default()));
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

    /// `join_all` (or, if `fallible`, `try_join_all`) of `n` sleeps of 1, 2,
    /// ..., `n` ms, each counting its polls. Returns the outputs and how often
    /// the longest sleep was polled.
    async fn join_all_of_sleeps(n: u64, fallible: bool) -> (Vec<u64>, u32) {
        let polls: Vec<Rc<Cell<u32>>> = (0..n).map(|_| Rc::default()).collect();
        let futures = polls.iter().zip(1..=n).map(|(polls, millis)| async move {
            Counted {
                inner: Box::pin(sleep(Duration::from_millis(millis))),
                polls: Rc::clone(polls),
            }
            .await;
            Ok::<u64, ()>(millis)
        });
        let outputs = if fallible {
            futures::future::try_join_all(futures).await.unwrap()
        } else {
            let all = futures::future::join_all(futures).await;
            all.into_iter().map(Result::unwrap).collect()
        };
        (outputs, polls[n as usize - 1].get())
    }

    /// Up to 30 futures, `join_all` and `try_join_all` poll every unfinished
    /// one on each wakeup, as `join!` does; above 30 they put them in a
    /// `FuturesOrdered`, which polls only the woken. The outputs come in
    /// input order either way.
    #[tokio::test(start_paused = true)]
    async fn join_all_and_try_join_all_switch_to_futures_ordered_above_30() {
        for fallible in [false, true] {
            let (outputs, longest_polled) = join_all_of_sleeps(30, fallible).await;
            assert_eq!(outputs, (1..=30).collect::<Vec<_>>());
            assert_eq!(longest_polled, 31, "at the start and at all 30 wakeups");
            let (outputs, longest_polled) = join_all_of_sleeps(31, fallible).await;
            assert_eq!(outputs, (1..=31).collect::<Vec<_>>());
            assert_eq!(longest_polled, 2, "at the start and at its own wakeup");
        }
    }

    /// The chapter's quiz (question 11): jobs of 300, 100 and 150 ms, two
    /// places. `buffered(2)` starts the 150 ms job only at 300 ms, when the
    /// 300 ms job is handed out: until then the finished 100 ms job keeps
    /// its place. `buffer_unordered(2)` starts it at 100 ms.
    #[tokio::test(start_paused = true)]
    async fn buffered_keeps_a_finished_jobs_place_until_it_is_handed_out() {
        async fn wait(millis: u64) -> u64 {
            sleep(Duration::from_millis(millis)).await;
            millis
        }
        let start = Instant::now();
        let done: Vec<u64> = stream::iter([300, 100, 150])
            .map(wait)
            .buffered(2)
            .collect()
            .await;
        assert_eq!(done, [300, 100, 150]);
        assert_eq!(start.elapsed(), Duration::from_millis(450));
        let start = Instant::now();
        let done: Vec<u64> = stream::iter([300, 100, 150])
            .map(wait)
            .buffer_unordered(2)
            .collect()
            .await;
        assert_eq!(done, [100, 150, 300]);
        assert_eq!(start.elapsed(), Duration::from_millis(300));
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
