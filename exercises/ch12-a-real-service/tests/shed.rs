use std::time::Duration;

use exercises_ch12_a_real_service::shed::{Busy, Gate};
use tokio::time::{sleep, timeout};

#[tokio::test(start_paused = true)]
async fn runs_work_under_the_limit() {
    let gate = Gate::new(2);
    assert_eq!(gate.run(async { 7 }).await, Ok(7));
}

#[tokio::test(start_paused = true)]
async fn refuses_at_once_when_full() {
    let gate = Gate::new(2);
    let slow = || gate.run(sleep(Duration::from_secs(10)));
    let (mut a, mut b) = (Box::pin(slow()), Box::pin(slow()));
    // Poll both once, so each holds a permit while it sleeps.
    assert!(futures::poll!(&mut a).is_pending());
    assert!(futures::poll!(&mut b).is_pending());
    let third = timeout(Duration::from_millis(1), gate.run(async { 3 })).await;
    assert_eq!(third, Ok(Err(Busy)), "a full gate must refuse at once");
    a.await.unwrap();
    // A permit came back with the finished work.
    assert_eq!(gate.run(async { 4 }).await, Ok(4));
    b.await.unwrap();
}

#[tokio::test(start_paused = true)]
async fn a_cancelled_run_gives_its_slot_back() {
    let gate = Gate::new(2);
    let mut a = Box::pin(gate.run(sleep(Duration::from_secs(10))));
    assert!(futures::poll!(&mut a).is_pending());
    drop(a); // the caller gives up mid-work
    let slow = || gate.run(sleep(Duration::from_secs(10)));
    let (mut b, mut c) = (Box::pin(slow()), Box::pin(slow()));
    assert!(futures::poll!(&mut b).is_pending());
    // Two fit again: the dropped run's slot came back.
    let second = futures::poll!(&mut c);
    assert!(second.is_pending(), "refused: {second:?}");
}
