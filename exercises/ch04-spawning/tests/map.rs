use exercises_ch04_spawning::map_concurrently;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::task::JoinError;
use tokio::time::{Instant, sleep, timeout};

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

/// Two panics that finish in the reverse of input order (the one at
/// position 3 after 10 ms, the one at position 1 after 20 ms): each error
/// must be at its own input's position, which its message shows.
#[tokio::test(start_paused = true)]
async fn each_panic_is_reported_at_its_own_position() {
    let results = map_concurrently(vec![0u64, 20, 0, 10], |millis| async move {
        sleep(Duration::from_millis(millis)).await;
        if millis > 0 {
            panic!("{millis}");
        }
        millis
    })
    .await;
    let message = |result: Result<u64, JoinError>| -> String {
        let payload = result.unwrap_err().into_panic();
        payload.downcast_ref::<String>().unwrap().clone()
    };
    let [first, second, third, fourth] = <[_; 4]>::try_from(results).unwrap();
    assert_eq!((first.unwrap(), third.unwrap()), (0, 0));
    assert_eq!(message(second), "20");
    assert_eq!(message(fourth), "10");
}

#[tokio::test]
async fn no_inputs_no_results() {
    let results = map_concurrently(Vec::<u8>::new(), |n| async move { n }).await;
    assert!(results.is_empty());
}

/// Dropping the future returned by `map_concurrently` (here, when a timeout
/// gives up on it) must stop its tasks: they were started for its sake, and
/// nobody is left to receive their results. Awaiting a `Vec` of handles in
/// order would get the order right but leave the tasks running, detached.
#[tokio::test(start_paused = true)]
async fn giving_up_on_the_whole_stops_every_task() {
    let finished = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&finished);
    let work = map_concurrently(vec![100u64, 200, 300], move |millis| {
        let counter = Arc::clone(&counter);
        async move {
            sleep(Duration::from_millis(millis)).await;
            counter.fetch_add(1, Ordering::SeqCst);
        }
    });
    assert!(timeout(Duration::from_millis(50), work).await.is_err());
    // The clock is paused, so this sleep is exact: it runs the clock past the
    // moment every task would have finished.
    sleep(Duration::from_millis(1000)).await;
    assert_eq!(finished.load(Ordering::SeqCst), 0, "no task ran to the end");
}
