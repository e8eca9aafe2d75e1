use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::runtime::Builder;
use tokio::sync::{Notify, mpsc};
use tokio::time::{Instant, interval};

// ANCHOR: heartbeat
/// Runs `work` while a heartbeat task beats every 50 ms on the same
/// (single-threaded) runtime; returns how many beats happened before the
/// work began, and how many during it.
async fn beats_during(work: impl Future<Output = ()>) -> (usize, usize) {
    let beats = Arc::new(Mutex::new(Vec::new()));
    let first_beat = Arc::new(Notify::new());
    let heart = tokio::spawn({
        let (beats, first_beat) = (Arc::clone(&beats), Arc::clone(&first_beat));
        async move {
            let mut every = interval(Duration::from_millis(50));
            loop {
                every.tick().await;
                beats.lock().unwrap().push(Instant::now());
                first_beat.notify_one();
            }
        }
    });
    first_beat.notified().await; // start the work once the heart is beating
    let start = Instant::now();
    work.await;
    let end = Instant::now();
    heart.abort();
    let beats = beats.lock().unwrap();
    let before = beats.iter().filter(|&&beat| beat <= start).count();
    let during = beats
        .iter()
        .filter(|&&beat| start < beat && beat < end)
        .count();
    (before, during)
}
// ANCHOR_END: heartbeat

// ANCHOR: budget
/// One task drains 300 messages that are all ready at once; another task
/// wants a turn. Returns how many messages had been received when it got one.
async fn turn_comes_after() -> usize {
    let (sender, mut receiver) = mpsc::channel(300);
    for message in 0..300 {
        sender.try_send(message).unwrap();
    }
    drop(sender);
    let received = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&received);
    let drain = tokio::spawn(async move {
        while receiver.recv().await.is_some() {
            counter.fetch_add(1, Ordering::SeqCst);
        }
    });
    let other = tokio::spawn(async move { received.load(Ordering::SeqCst) });
    drain.await.unwrap();
    other.await.unwrap()
}
// ANCHOR_END: budget

// ANCHOR: busy
/// One task computes in five chunks, another wants a turn. Returns how many
/// chunks were done when it got one.
async fn chunks_before_turn(yield_between_chunks: bool) -> usize {
    let done = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&done);
    let compute = tokio::spawn(async move {
        for _ in 0..5 {
            let mut x = 0u64;
            for i in 0..1_000_000u64 {
                x = x.wrapping_mul(31).wrapping_add(i);
            }
            std::hint::black_box(x);
            counter.fetch_add(1, Ordering::SeqCst);
            if yield_between_chunks {
                tokio::task::yield_now().await;
            }
        }
    });
    let other = tokio::spawn(async move { done.load(Ordering::SeqCst) });
    compute.await.unwrap();
    other.await.unwrap()
}
// ANCHOR_END: busy

// ANCHOR: main
fn main() {
    let wait = Duration::from_millis(475);
    let real_clock = Builder::new_current_thread().enable_all().build().unwrap();
    let paused_clock = Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .unwrap();

    let (_, blocked) = real_clock.block_on(beats_during(async move { std::thread::sleep(wait) }));
    println!("std::thread::sleep(475 ms) in async code: {blocked} heartbeats meanwhile");
    let (_, awaited) =
        paused_clock.block_on(beats_during(async move { tokio::time::sleep(wait).await }));
    println!("tokio::time::sleep(475 ms):               {awaited} heartbeats meanwhile");

    let after = real_clock.block_on(turn_comes_after());
    println!("draining 300 ready messages, the other task got a turn after {after}");

    let without = real_clock.block_on(chunks_before_turn(false));
    let with = real_clock.block_on(chunks_before_turn(true));
    println!(
        "computing 5 chunks: the other task got a turn after {without} chunks without yield_now, {with} with it"
    );
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    /// Real time, with the blocking done on the runtime's only thread: the
    /// heartbeat cannot run at all until the sleep is over.
    #[test]
    fn a_blocking_sleep_stops_every_other_task() {
        let runtime = Builder::new_current_thread().enable_all().build().unwrap();
        let (before, during) = runtime.block_on(beats_during(async {
            std::thread::sleep(Duration::from_millis(200));
        }));
        // (At least once: a stall of the test's thread must not fail it.)
        assert!(before >= 1, "the heart was beating before the work began");
        assert_eq!(during, 0, "and not once during it");
    }

    #[tokio::test(start_paused = true)]
    async fn an_awaited_sleep_lets_the_heartbeat_run() {
        let (before, during) = beats_during(tokio::time::sleep(Duration::from_millis(475))).await;
        assert_eq!((before, during), (1, 9));
    }

    /// 128 is tokio's per-poll budget (task/coop/mod.rs in tokio 1.54); if a
    /// new tokio changes it, this test says so.
    #[tokio::test]
    async fn the_budget_makes_a_busy_receiver_yield_before_it_is_done() {
        assert_eq!(turn_comes_after().await, 128);
    }

    #[tokio::test]
    async fn a_loop_without_awaits_yields_only_if_told_to() {
        assert_eq!(chunks_before_turn(false).await, 5);
        assert_eq!(chunks_before_turn(true).await, 1);
    }

    /// A task whose timer is already due, and another that yields until that
    /// task has run: how many yields does it take?
    async fn yields_until_a_due_timer_runs(tokio_yield: bool) -> u32 {
        let fired = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = Arc::clone(&fired);
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(1)).await;
            flag.store(true, Ordering::SeqCst);
        });
        tokio::spawn(async move {
            // The task above has run and set its timer. Not waiting for a
            // task: letting real time pass its deadline.
            std::thread::sleep(Duration::from_millis(5));
            let mut yields = 0;
            while !fired.load(Ordering::SeqCst) {
                yields += 1;
                if tokio_yield {
                    tokio::task::yield_now().await;
                } else {
                    // Chapter 1's yield: Pending once, waking its task at once.
                    let mut yielded = false;
                    std::future::poll_fn(|cx| {
                        if yielded {
                            return std::task::Poll::Ready(());
                        }
                        yielded = true;
                        cx.waker().wake_by_ref();
                        std::task::Poll::Pending
                    })
                    .await;
                }
            }
            yields
        })
        .await
        .unwrap()
    }

    /// tokio's yield_now has the driver turned before its task runs again,
    /// so a due timer's task runs first. A task that wakes itself at once is
    /// polled again straight away; the timer fires only when the scheduler
    /// turns the driver anyway, every 61 ticks (its event interval).
    #[test]
    fn tokio_yield_now_lets_the_drivers_run_first() {
        let runtime = || Builder::new_current_thread().enable_all().build().unwrap();
        assert_eq!(runtime().block_on(yields_until_a_due_timer_runs(true)), 1);
        assert_eq!(runtime().block_on(yields_until_a_due_timer_runs(false)), 61);
    }

    /// A task spawned from a worker goes to that worker's LIFO slot, and the
    /// one it displaces to the back of the worker's queue. Here the parent
    /// then blocks its worker: the other worker steals and runs the queued
    /// child, and the child in the LIFO slot waits.
    #[test]
    fn a_blocked_worker_keeps_the_task_in_its_lifo_slot() {
        let runtime = Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let lifo_child_had_run = runtime.block_on(async {
            tokio::spawn(async {
                let (ran, queued_child_ran) = std::sync::mpsc::channel();
                let lifo_child_ran = Arc::new(std::sync::atomic::AtomicBool::new(false));
                let flag = Arc::clone(&lifo_child_ran);
                let queued = tokio::spawn(async move { ran.send(()).unwrap() });
                let lifo = tokio::spawn(async move { flag.store(true, Ordering::SeqCst) });
                // Blocks this worker until the queued child has run, which
                // only the other worker can do, by stealing it. (A bound, so
                // that a failure does not hang the test.)
                let stolen = queued_child_ran.recv_timeout(Duration::from_secs(10));
                stolen.expect("the queued child was stolen and ran");
                let had_run = lifo_child_ran.load(Ordering::SeqCst);
                queued.await.unwrap();
                lifo.await.unwrap();
                had_run
            })
            .await
            .unwrap()
        });
        assert!(!lifo_child_had_run, "the child in the LIFO slot waited");
    }
}
