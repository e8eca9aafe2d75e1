use exercises_ch05_join_select::first_ok;
use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;
use std::time::Duration;
use tokio::time::{Instant, sleep};

/// An attempt that answers after `millis`, and counts itself in `finished`
/// if it gets to the end.
fn attempt(
    millis: u64,
    outcome: Result<u64, &'static str>,
    finished: &Rc<Cell<u32>>,
) -> impl Future<Output = Result<u64, &'static str>> + use<> {
    let finished = Rc::clone(finished);
    async move {
        sleep(Duration::from_millis(millis)).await;
        finished.set(finished.get() + 1);
        outcome
    }
}

#[tokio::test(start_paused = true)]
async fn the_first_success_wins_even_after_earlier_failures() {
    let finished = Rc::new(Cell::new(0));
    let start = Instant::now();
    let result = first_ok(vec![
        attempt(300, Ok(3), &finished),
        attempt(100, Err("one"), &finished),
        attempt(200, Ok(2), &finished),
        attempt(150, Err("two"), &finished),
    ])
    .await;
    assert_eq!(result, Ok(2));
    assert_eq!(
        start.elapsed(),
        Duration::from_millis(200),
        "it returns at the first success"
    );
    // The clock is paused, so this sleep is exact: well past the 300 ms the
    // last attempt needed. It never finished: it was dropped, not left
    // running.
    sleep(Duration::from_secs(1)).await;
    assert_eq!(finished.get(), 3, "the 300 ms attempt never finished");
}

#[tokio::test(start_paused = true)]
async fn all_failing_gives_every_error_in_the_order_they_came() {
    let finished = Rc::new(Cell::new(0));
    let start = Instant::now();
    let result = first_ok(vec![
        attempt(300, Err("slow"), &finished),
        attempt(100, Err("fast"), &finished),
        attempt(200, Err("middle"), &finished),
    ])
    .await;
    assert_eq!(result, Err(vec!["fast", "middle", "slow"]));
    assert_eq!(
        start.elapsed(),
        Duration::from_millis(300),
        "all at once: the longest, not the sum"
    );
}

#[tokio::test(start_paused = true)]
async fn no_attempts_is_an_empty_list_of_errors() {
    let attempts: Vec<std::future::Ready<Result<u8, u8>>> = Vec::new();
    // With nothing to wait for, an answer that waits anyway would hang the
    // test; the timeout (on the paused clock, so at once) makes it fail.
    let result = tokio::time::timeout(Duration::from_secs(1), first_ok(attempts))
        .await
        .expect("with no attempts, first_ok returns at once");
    assert_eq!(result, Err(vec![]));
}
