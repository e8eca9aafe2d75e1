use exercises_ch03_runtimes::sum_cooperatively;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

#[tokio::test]
async fn sums_correctly() {
    let values: Vec<u64> = (1..=1000).collect();
    assert_eq!(sum_cooperatively(&values, 7).await, 500_500);
    assert_eq!(sum_cooperatively(&[], 3).await, 0);
    assert_eq!(sum_cooperatively(&[5], 100).await, 5);
}

/// Sums `values` in chunks next to a task that counts its own turns, on a
/// single-threaded runtime (where the other task can only run while the sum
/// is suspended), and returns (the sum, the other task's turns).
///
/// The exact counts rely on how tokio's current-thread scheduler orders
/// tasks after `yield_now` (it runs the other ready task, once, before
/// coming back); tokio does not promise that order, and a future tokio
/// could change it.
async fn sum_beside_a_counter(values: &[u64], chunk: usize) -> (u64, usize) {
    let turns = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&turns);
    let other = tokio::spawn(async move {
        loop {
            counter.fetch_add(1, Ordering::SeqCst);
            tokio::task::yield_now().await;
        }
    });
    let sum = sum_cooperatively(values, chunk).await;
    other.abort();
    (sum, turns.load(Ordering::SeqCst))
}

#[tokio::test]
async fn lets_another_task_run_between_chunks() {
    let values: Vec<u64> = (0..10_000).collect();
    // 10 chunks of 1000: suspended 9 times, between them.
    assert_eq!(sum_beside_a_counter(&values, 1000).await, (49_995_000, 9));
}

#[tokio::test]
async fn a_last_short_chunk_counts_and_nothing_yields_after_it() {
    let values: Vec<u64> = (1..=10).collect();
    // Chunks of 3, 3, 3 and 1: suspended 3 times.
    assert_eq!(sum_beside_a_counter(&values, 3).await, (55, 3));
    // One chunk, or none: never suspended.
    assert_eq!(sum_beside_a_counter(&values, 100).await, (55, 0));
    assert_eq!(sum_beside_a_counter(&[], 4).await, (0, 0));
}

#[tokio::test]
#[should_panic(expected = "at least one value")]
async fn refuses_an_empty_chunk() {
    sum_cooperatively(&[1, 2, 3], 0).await;
}
