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
    // And the next caller starts afresh, and gets its value.
    assert_eq!(c.get(1, || slow_fetch(&calls, &dropped)).await, "value");
}
