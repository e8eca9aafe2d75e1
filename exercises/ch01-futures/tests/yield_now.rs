use exercises_ch01_futures::yield_now;
use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::task::{Context, Wake, Waker};
use std::time::Duration;
use tokio::time::{Instant, timeout};

struct CountWakes(AtomicUsize);

impl Wake for CountWakes {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

#[test]
fn pending_once_with_a_wake_then_ready() {
    let wakes = Arc::new(CountWakes(AtomicUsize::new(0)));
    let waker = Waker::from(Arc::clone(&wakes));
    let mut cx = Context::from_waker(&waker);
    let mut future = pin!(yield_now());

    assert!(
        future.as_mut().poll(&mut cx).is_pending(),
        "first poll is Pending"
    );
    assert_eq!(
        wakes.0.load(Ordering::SeqCst),
        1,
        "and asks to be polled again"
    );
    assert!(
        future.as_mut().poll(&mut cx).is_ready(),
        "second poll is Ready"
    );
    assert_eq!(wakes.0.load(Ordering::SeqCst), 1, "with no further wake");
}

/// `#[tokio::test]` runs on one thread: the spawned task can only run while
/// the test's own future is suspended. The clock is paused, so if yield_now
/// never asks to be woken, the runtime jumps to the timeout's deadline instead
/// of hanging, and the time that took shows (as in listing 1-4).
#[tokio::test(start_paused = true)]
async fn lets_a_waiting_task_run() {
    let ran = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&ran);
    tokio::spawn(async move { flag.store(true, Ordering::SeqCst) });
    assert!(
        !ran.load(Ordering::SeqCst),
        "the task has not had a turn yet"
    );
    let start = Instant::now();
    let _ = timeout(Duration::from_secs(10), yield_now()).await;
    assert_eq!(
        start.elapsed(),
        Duration::ZERO,
        "only the timeout's timer woke the task: does yield_now ask to be woken?"
    );
    assert!(
        ran.load(Ordering::SeqCst),
        "yield_now gave the other task a turn"
    );
}
