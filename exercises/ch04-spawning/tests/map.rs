use exercises_ch04_spawning::map_concurrently;
use std::time::Duration;
use tokio::time::{Instant, sleep};

/// Later inputs finish first, so completion order is the reverse of input
/// order; the clock is paused, so durations are exact.
#[tokio::test(start_paused = true)]
async fn keeps_input_order_and_runs_all_at_once() {
    let start = Instant::now();
    let results = map_concurrently(vec![30u64, 20, 10], |millis| async move {
        sleep(Duration::from_millis(millis)).await;
        millis * 2
    })
    .await;
    let values: Vec<u64> = results.into_iter().map(Result::unwrap).collect();
    assert_eq!(values, [60, 40, 20]);
    assert_eq!(
        start.elapsed(),
        Duration::from_millis(30),
        "the longest, not the sum"
    );
}

#[tokio::test]
async fn a_panic_is_reported_at_its_own_position() {
    let results = map_concurrently(vec![1, 2, 3, 4], |n| async move {
        if n == 3 {
            panic!("three is unlucky");
        }
        n * 10
    })
    .await;
    assert_eq!(results.len(), 4);
    assert_eq!(*results[0].as_ref().unwrap(), 10);
    assert_eq!(*results[1].as_ref().unwrap(), 20);
    assert!(results[2].as_ref().unwrap_err().is_panic());
    assert_eq!(*results[3].as_ref().unwrap(), 40);
}

#[tokio::test]
async fn no_inputs_no_results() {
    let results = map_concurrently(Vec::<u8>::new(), |n| async move { n }).await;
    assert!(results.is_empty());
}
