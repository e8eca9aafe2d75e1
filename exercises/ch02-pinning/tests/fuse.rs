use exercises_ch02_pinning::Fuse;
use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::task::{Context, Poll, Wake, Waker};

#[test]
fn gives_the_output_once_then_pending_instead_of_polling_a_finished_future() {
    // An `async` block panics if it is polled after it finished, so this
    // test fails if Fuse polls it again.
    let mut fused = pin!(Fuse::new(async { 7 }));
    let mut cx = Context::from_waker(Waker::noop());
    assert!(!fused.is_terminated());
    assert_eq!(fused.as_mut().poll(&mut cx), Poll::Ready(7));
    assert!(fused.is_terminated());
    for _ in 0..3 {
        assert_eq!(fused.as_mut().poll(&mut cx), Poll::Pending);
    }
}

#[test]
fn passes_pending_through_until_the_future_is_ready() {
    let mut polls = 0;
    let future = std::future::poll_fn(|_| {
        polls += 1;
        if polls < 3 {
            Poll::Pending
        } else {
            Poll::Ready("done")
        }
    });
    let mut fused = pin!(Fuse::new(future));
    let mut cx = Context::from_waker(Waker::noop());
    assert_eq!(fused.as_mut().poll(&mut cx), Poll::Pending);
    assert_eq!(fused.as_mut().poll(&mut cx), Poll::Pending);
    assert!(!fused.is_terminated());
    assert_eq!(fused.as_mut().poll(&mut cx), Poll::Ready("done"));
    assert!(fused.is_terminated());
}

/// Sets its flag when dropped.
struct DropFlag(Arc<AtomicBool>);

impl Drop for DropFlag {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// A future that is ready at once, and keeps its `DropFlag` (a resource it
/// holds: a connection, a buffer) until the future itself is dropped.
struct ReadyHolding(#[allow(dead_code)] DropFlag);

impl Future for ReadyHolding {
    type Output = ();

    fn poll(self: std::pin::Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        Poll::Ready(())
    }
}

#[test]
fn drops_a_finished_future_that_holds_resources() {
    let dropped = Arc::new(AtomicBool::new(false));
    let mut fused = pin!(Fuse::new(ReadyHolding(DropFlag(Arc::clone(&dropped)))));
    assert_eq!(
        fused.as_mut().poll(&mut Context::from_waker(Waker::noop())),
        Poll::Ready(())
    );
    assert!(
        dropped.load(Ordering::SeqCst),
        "the finished future is dropped, not kept"
    );
}

/// Counts the wakes of the waker made from it.
struct CountWakes(AtomicUsize);

impl Wake for CountWakes {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

/// A finished Fuse is like `std::future::pending()`: nothing will ever make
/// it ready, so it has nobody to hand the waker to. Waking the task itself
/// would only have it polled again at once, and again, for nothing.
#[test]
fn a_finished_fuse_does_not_wake_its_task() {
    let wakes = Arc::new(CountWakes(AtomicUsize::new(0)));
    let waker = Waker::from(Arc::clone(&wakes));
    let mut cx = Context::from_waker(&waker);
    let mut fused = pin!(Fuse::new(async { 7 }));
    assert_eq!(fused.as_mut().poll(&mut cx), Poll::Ready(7));
    for _ in 0..3 {
        assert_eq!(fused.as_mut().poll(&mut cx), Poll::Pending);
    }
    assert_eq!(
        wakes.0.load(Ordering::SeqCst),
        0,
        "a wake would spin the task"
    );
}
