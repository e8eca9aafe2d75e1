use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::thread;
use std::time::{Duration, Instant};

// ANCHOR: work
/// Blocking work: a slow checksum, standing in for a synchronous file read,
/// a compression step or a password hash.
fn slow_checksum(data: &[u8]) -> u64 {
    let mut sum = 0u64;
    for _ in 0..100 {
        for &byte in data {
            sum = sum.wrapping_mul(31).wrapping_add(u64::from(byte));
        }
    }
    sum
}
// ANCHOR_END: work

// ANCHOR: offload
/// Runs blocking code on tokio's blocking pool while a heartbeat task runs
/// on the runtime's only thread. The blocking code is a loop of
/// `thread::sleep`s, standing in for any call that holds its thread: it
/// waits until the heartbeat has beaten three more times, which can only
/// happen if the runtime's thread is free. Returns whether it saw those
/// beats, and which threads ran the runtime and the blocking code.
async fn block_off_the_runtime() -> (bool, String, String) {
    let beats = Arc::new(AtomicU32::new(0));
    let counter = Arc::clone(&beats);
    let heart = tokio::spawn(async move {
        loop {
            counter.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    });
    let runtime_thread = thread::current().name().unwrap_or_default().to_owned();
    let (saw_beats, pool_thread) = tokio::task::spawn_blocking(move || {
        let wanted = beats.load(Ordering::SeqCst) + 3;
        let give_up = Instant::now() + Duration::from_secs(10);
        while beats.load(Ordering::SeqCst) < wanted && Instant::now() < give_up {
            thread::sleep(Duration::from_millis(1)); // blocking, but on its own thread
        }
        let saw_beats = beats.load(Ordering::SeqCst) >= wanted;
        (
            saw_beats,
            thread::current().name().unwrap_or_default().to_owned(),
        )
    })
    .await
    .unwrap();
    heart.abort();
    (saw_beats, runtime_thread, pool_thread)
}
// ANCHOR_END: offload

// ANCHOR: main
fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (saw_beats, runtime_thread, pool_thread) = runtime.block_on(block_off_the_runtime());
    println!("runtime thread: {runtime_thread:?}; blocking work ran on: {pool_thread:?}");
    println!("the heartbeat beat three times while the work blocked: {saw_beats}");

    // block_in_place: this thread runs the blocking code itself, after
    // handing its worker role, and queued tasks, to a new thread.
    // Multi-thread runtimes only.
    let pool = tokio::runtime::Runtime::new().unwrap();
    let sum = pool.block_on(async {
        tokio::spawn(async { tokio::task::block_in_place(|| slow_checksum(&[1, 2, 3])) })
            .await
            .unwrap()
    });
    println!(
        "block_in_place on a multi-thread runtime: {}",
        sum == slow_checksum(&[1, 2, 3])
    );
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocking_work_runs_off_the_runtime_thread_even_on_current_thread() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let here = thread::current().id();
        let there = runtime
            .block_on(async { tokio::task::spawn_blocking(|| thread::current().id()).await });
        assert_ne!(here, there.unwrap());
    }

    #[tokio::test]
    #[should_panic(expected = "can call blocking only when running on the multi-threaded runtime")]
    async fn block_in_place_panics_on_a_current_thread_runtime() {
        tokio::task::block_in_place(|| slow_checksum(&[1]));
    }

    #[test]
    fn the_heartbeat_runs_while_the_pool_works() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let (saw_beats, _, _) = runtime.block_on(block_off_the_runtime());
        assert!(saw_beats);
    }
}
