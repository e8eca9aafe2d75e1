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

/// On a single-threaded runtime another task can only run while the sum is
/// suspended: count its turns.
#[tokio::test]
async fn lets_another_task_run_between_chunks() {
    let turns = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&turns);
    let other = tokio::spawn(async move {
        loop {
            counter.fetch_add(1, Ordering::SeqCst);
            tokio::task::yield_now().await;
        }
    });
    let values: Vec<u64> = (0..10_000).collect();
    // 10 chunks of 1000: suspended 9 times, between them.
    assert_eq!(sum_cooperatively(&values, 1000).await, 49_995_000);
    other.abort();
    assert_eq!(turns.load(Ordering::SeqCst), 9);
}

#[tokio::test]
#[should_panic(expected = "at least one value")]
async fn refuses_an_empty_chunk() {
    sum_cooperatively(&[1, 2, 3], 0).await;
}
