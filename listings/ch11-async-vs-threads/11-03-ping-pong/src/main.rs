//! Listing 11-3: wake-up latency. Two tasks pass a message back and forth
//! over tokio channels; two threads do the same over `std::sync::mpsc`.
//! Each round trip is two wake-ups.

use std::sync::mpsc;
use std::time::{Duration, Instant};

// ANCHOR: pingpong
/// `rounds` round trips between two tasks on `rt`; also returns the thread
/// the echoing task ran on.
fn tasks(rt: &tokio::runtime::Runtime, rounds: u32) -> (Duration, std::thread::ThreadId) {
    rt.block_on(async {
        let (ping_tx, mut ping_rx) = tokio::sync::mpsc::channel::<u32>(1);
        let (pong_tx, mut pong_rx) = tokio::sync::mpsc::channel::<u32>(1);
        let echo = tokio::spawn(async move {
            while let Some(n) = ping_rx.recv().await {
                pong_tx.send(n).await.unwrap();
            }
            std::thread::current().id()
        });
        let start = Instant::now();
        for i in 0..rounds {
            ping_tx.send(i).await.unwrap();
            assert_eq!(pong_rx.recv().await, Some(i));
        }
        let took = start.elapsed();
        drop(ping_tx);
        (took, echo.await.unwrap())
    })
}

/// `rounds` round trips between two threads.
fn threads(rounds: u32) -> Duration {
    let (ping_tx, ping_rx) = mpsc::channel::<u32>();
    let (pong_tx, pong_rx) = mpsc::channel::<u32>();
    let echo = std::thread::spawn(move || {
        for n in ping_rx {
            pong_tx.send(n).unwrap();
        }
    });
    let start = Instant::now();
    for i in 0..rounds {
        ping_tx.send(i).unwrap();
        assert_eq!(pong_rx.recv(), Ok(i));
    }
    let took = start.elapsed();
    drop(ping_tx);
    echo.join().unwrap();
    took
}
// ANCHOR_END: pingpong

fn main() {
    let rounds = 100_000;
    let current = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let multi = tokio::runtime::Runtime::new().unwrap();
    println!("{rounds} round trips, fastest of 3 runs");
    let rows = [
        (
            "tasks, current-thread runtime",
            (0..3).map(|_| tasks(&current, rounds).0).min().unwrap(),
        ),
        (
            "tasks, multi-thread runtime",
            (0..3).map(|_| tasks(&multi, rounds).0).min().unwrap(),
        ),
        (
            "threads, std::sync::mpsc",
            (0..3).map(|_| threads(rounds)).min().unwrap(),
        ),
    ];
    for (name, took) in rows {
        let per_second = f64::from(rounds) / took.as_secs_f64();
        let each = took.as_nanos() as f64 / f64::from(rounds);
        println!("{name:<30} {per_second:>12.0} round trips/s  {each:>8.0} ns each");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// On a current-thread runtime the echoing task runs on the thread
    /// that called `block_on`: a wake-up is a push onto the runtime's own
    /// queue, with no other thread for the kernel to wake. (How much faster
    /// that is, the release build's results show; a debug build's timings
    /// are too close to assert.)
    #[test]
    fn tasks_on_a_current_thread_runtime_ping_pong_on_one_thread() {
        let current = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        assert_eq!(tasks(&current, 100).1, std::thread::current().id());
    }

    #[test]
    fn every_message_comes_back_in_order() {
        let multi = tokio::runtime::Runtime::new().unwrap();
        tasks(&multi, 100);
        threads(100);
    }
}
