use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::time::Duration;

use exercises_ch12_a_real_service::coalesce::Coalesce;
use tokio::time::{sleep, timeout};

/// Sets its flag when dropped before it finished.
struct Dropped(Arc<AtomicUsize>, bool);
impl Drop for Dropped {
    fn drop(&mut self) {
        if !self.1 {
            self.0.fetch_add(1, SeqCst);
        }
    }
}

fn slow_fetch(
    calls: &Arc<AtomicUsize>,
    dropped: &Arc<AtomicUsize>,
) -> impl Future<Output = String> + Send + 'static {
    calls.fetch_add(1, SeqCst);
    let dropped = dropped.clone();
    async move {
        let mut guard = Dropped(dropped, false);
        sleep(Duration::from_secs(1)).await;
        guard.1 = true;
        "value".to_string()
    }
}

#[tokio::test(start_paused = true)]
async fn one_call_for_many_callers() {
    let c = Coalesce::new();
    let (calls, dropped) = (Arc::default(), Arc::default());
    let gets = (0..10).map(|_| c.get(1, || slow_fetch(&calls, &dropped)));
    let values = futures::future::join_all(gets).await;
    assert!(values.iter().all(|v| v == "value"));
    assert_eq!(calls.load(SeqCst), 1, "ten callers, one call");
    // Finished calls are not kept: a later get calls again.
    c.get(1, || slow_fetch(&calls, &dropped)).await;
    assert_eq!(calls.load(SeqCst), 2);
}

#[tokio::test(start_paused = true)]
async fn a_call_nobody_waits_for_is_dropped() {
    let c = Coalesce::new();
    let (calls, dropped) = (Arc::default(), Arc::default());
    let gave_up = timeout(
        Duration::from_millis(100),
        c.get(1, || slow_fetch(&calls, &dropped)),
    )
    .await;
    assert!(gave_up.is_err());
    assert_eq!(
        dropped.load(SeqCst),
        1,
        "the abandoned call must be dropped"
    );
    // And the next caller starts afresh, and gets its value (bounded: a
    // wrong solution may leave it waiting for ever).
    let next = timeout(
        Duration::from_secs(10),
        c.get(1, || slow_fetch(&calls, &dropped)),
    );
    assert_eq!(next.await.as_deref(), Ok("value"));
}

#[tokio::test(start_paused = true)]
async fn the_call_outlives_the_caller_that_started_it() {
    let c = Coalesce::new();
    let (calls, dropped) = (Arc::default(), Arc::default());
    let first = timeout(
        Duration::from_millis(100),
        c.get(1, || slow_fetch(&calls, &dropped)),
    );
    let second = timeout(
        Duration::from_secs(10),
        c.get(1, || slow_fetch(&calls, &dropped)),
    );
    let (first, second) = tokio::join!(first, second);
    assert!(first.is_err(), "the first caller gave up");
    assert_eq!(second.as_deref(), Ok("value"), "the other still gets it");
    assert_eq!((calls.load(SeqCst), dropped.load(SeqCst)), (1, 0));
}

/// A caller that finishes after a newer call for its key has started must
/// leave that call in place, or the next caller starts a third.
#[tokio::test(start_paused = true)]
async fn a_late_caller_leaves_the_newer_call() {
    use std::pin::pin;
    let c = Coalesce::new();
    let (calls, dropped) = (Arc::default(), Arc::default());
    let fetch = || slow_fetch(&calls, &dropped);
    let (mut a, mut b) = (pin!(c.get(1, fetch)), pin!(c.get(1, fetch)));
    assert!(futures::poll!(a.as_mut()).is_pending());
    assert!(futures::poll!(b.as_mut()).is_pending());
    tokio::time::advance(Duration::from_secs(1)).await;
    assert!(futures::poll!(a.as_mut()).is_ready()); // `b` not polled yet
    let mut second = pin!(c.get(1, fetch)); // a new call, in flight
    assert!(futures::poll!(second.as_mut()).is_pending());
    assert!(futures::poll!(b.as_mut()).is_ready()); // the late caller
    let mut third = pin!(c.get(1, fetch)); // must join the new call
    assert!(futures::poll!(third.as_mut()).is_pending());
    assert_eq!(calls.load(SeqCst), 2);
}
