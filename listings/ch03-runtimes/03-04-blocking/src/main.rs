use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::runtime::Builder;
use tokio::sync::mpsc;
use tokio::time::{Instant, interval};

// ANCHOR: heartbeat
/// Runs `work` while a heartbeat task beats every 50 ms on the same
/// (single-threaded) runtime; returns how many beats happened during the work.
async fn beats_during(work: impl Future<Output = ()>) -> usize {
    let beats = Arc::new(Mutex::new(Vec::new()));
    let heart = tokio::spawn({
        let beats = Arc::clone(&beats);
        async move {
            let mut every = interval(Duration::from_millis(50));
            loop {
                every.tick().await;
                beats.lock().unwrap().push(Instant::now());
            }
        }
    });
    tokio::task::yield_now().await; // let the heart start beating
    let start = Instant::now();
    work.await;
    let end = Instant::now();
    heart.abort();
    let beats = beats.lock().unwrap();
    beats
        .iter()
        .filter(|&&beat| start < beat && beat < end)
        .count()
}
// ANCHOR_END: heartbeat

// ANCHOR: budget
/// One task drains 1000 messages that are all ready at once; another task
/// wants a turn. Returns how many messages had been received when it got one.
async fn turn_comes_after() -> usize {
    let (sender, mut receiver) = mpsc::unbounded_channel();
    for message in 0..1000 {
        sender.send(message).unwrap();
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

    let blocked = real_clock.block_on(beats_during(async move { std::thread::sleep(wait) }));
    println!("std::thread::sleep(475 ms) in async code: {blocked} heartbeats meanwhile");
    let awaited =
        paused_clock.block_on(beats_during(async move { tokio::time::sleep(wait).await }));
    println!("tokio::time::sleep(475 ms):               {awaited} heartbeats meanwhile");

    let after = real_clock.block_on(turn_comes_after());
    println!("draining 1000 ready messages, the other task got a turn after {after}");

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
        let beats = runtime.block_on(beats_during(async {
            std::thread::sleep(Duration::from_millis(200));
        }));
        assert_eq!(beats, 0);
    }

    #[tokio::test(start_paused = true)]
    async fn an_awaited_sleep_lets_the_heartbeat_run() {
        assert_eq!(
            beats_during(tokio::time::sleep(Duration::from_millis(475))).await,
            9
        );
    }

    #[tokio::test]
    async fn the_budget_makes_a_busy_receiver_yield_before_it_is_done() {
        let after = turn_comes_after().await;
        assert!(0 < after && after < 1000, "{after}");
    }

    #[tokio::test]
    async fn a_loop_without_awaits_yields_only_if_told_to() {
        assert_eq!(chunks_before_turn(false).await, 5);
        assert_eq!(chunks_before_turn(true).await, 1);
    }
}
