//! Listing 11-3: wake-up latency. Two tasks pass a message back and forth
//! over tokio channels; two threads do the same over `std::sync::mpsc`.
//! Each round trip is two wake-ups.

use std::sync::mpsc;
use std::thread::ThreadId;
use std::time::{Duration, Instant};

// ANCHOR: pingpong
/// `rounds` round trips between this future and an echoing task it spawns;
/// also returns the thread the echoing task ran on.
async fn ping_pong(rounds: u32) -> (Duration, ThreadId) {
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
}

/// Two tasks on `rt`: the pinging side is spawned too.
fn tasks(rt: &tokio::runtime::Runtime, rounds: u32) -> (Duration, ThreadId) {
    rt.block_on(async { tokio::spawn(ping_pong(rounds)).await.unwrap() })
}

/// The pinging side is `block_on`'s own future, on the calling thread. On a
/// multi-thread runtime that thread is not one of the workers, so every
/// wake-up crosses from one thread to another.
fn from_outside(rt: &tokio::runtime::Runtime, rounds: u32) -> (Duration, ThreadId) {
    rt.block_on(ping_pong(rounds))
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

/// Runs every row `runs` times in turn (A B C A B C ...), after one warm-up
/// run of each, so that a slow spell of the machine falls on every row
/// alike; returns each row's fastest and median time.
fn interleaved(
    runs: usize,
    rows: &mut [&mut dyn FnMut() -> Duration],
) -> Vec<(Duration, Duration)> {
    for row in rows.iter_mut() {
        row();
    }
    let mut times = vec![Vec::with_capacity(runs); rows.len()];
    for _ in 0..runs {
        for (row, times) in rows.iter_mut().zip(&mut times) {
            times.push(row());
        }
    }
    times
        .into_iter()
        .map(|mut t| {
            t.sort();
            (t[0], t[t.len() / 2])
        })
        .collect()
}

fn main() {
    let rounds = 50_000;
    let runs = 5;
    let current = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let multi = tokio::runtime::Runtime::new().unwrap();
    println!("{rounds} round trips; one warm-up, then {runs} runs of each row in turn");
    let names = [
        "two tasks, current-thread runtime",
        "two tasks, multi-thread runtime",
        "block_on's thread to a task, multi-thread",
        "two threads, std::sync::mpsc",
    ];
    let times = interleaved(
        runs,
        &mut [
            &mut || tasks(&current, rounds).0,
            &mut || tasks(&multi, rounds).0,
            &mut || from_outside(&multi, rounds).0,
            &mut || threads(rounds),
        ],
    );
    println!("{:<42} {:>12} {:>12}", "", "fastest", "median");
    for (name, (fastest, median)) in names.iter().zip(times) {
        let each = |d: Duration| format!("{:.0} ns", d.as_nanos() as f64 / f64::from(rounds));
        println!("{name:<42} {:>12} {:>12}", each(fastest), each(median));
    }
    println!("(each: the time of one round trip, two wake-ups)");
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

    /// On a multi-thread runtime, the thread that called `block_on` is not
    /// a worker: the task it spawns runs elsewhere, so each wake-up, one way
    /// or the other, is a wake-up of another thread.
    #[test]
    fn from_outside_the_runtime_the_echo_runs_on_another_thread() {
        let multi = tokio::runtime::Runtime::new().unwrap();
        assert_ne!(from_outside(&multi, 100).1, std::thread::current().id());
    }

    #[test]
    fn every_message_comes_back_in_order() {
        let multi = tokio::runtime::Runtime::new().unwrap();
        tasks(&multi, 100);
        threads(100);
    }
}
