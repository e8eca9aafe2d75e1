use exercises_ch02_pinning::Fuse;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

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

/// `Fuse` pins its future structurally, so it is `Unpin` exactly when the
/// future is: a fused `Ready` can be polled through `&mut` without pinning.
#[tokio::test]
async fn an_unpin_future_stays_unpin_when_fused() {
    let mut fused = Fuse::new(std::future::ready(1));
    assert_eq!((&mut fused).await, 1);
    assert!(fused.is_terminated());
}
