use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

// ANCHOR: future
/// A future that is ready after it has been polled `remaining` more times.
struct Countdown {
    remaining: u32,
}

impl Future for Countdown {
    type Output = &'static str;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.remaining == 0 {
            return Poll::Ready("liftoff");
        }
        self.remaining -= 1;
        // Not ready yet. Before saying so, ask to be polled again: without
        // this, nothing would ever tell the executor to come back.
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
// ANCHOR_END: future

// ANCHOR: main
fn main() {
    let mut countdown = Countdown { remaining: 3 };
    // A waker that does nothing: we poll in a loop, so we need no reminder.
    let mut cx = Context::from_waker(Waker::noop());
    let mut polls = 0;
    loop {
        polls += 1;
        match Pin::new(&mut countdown).poll(&mut cx) {
            Poll::Pending => println!("poll {polls}: Pending"),
            Poll::Ready(message) => {
                println!("poll {polls}: Ready({message:?})");
                break;
            }
        }
    }
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::task::Wake;

    /// A waker that counts how often it is woken.
    struct Counter(AtomicUsize);

    impl Wake for Counter {
        fn wake(self: Arc<Self>) {
            self.wake_by_ref();
        }
        fn wake_by_ref(self: &Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn every_pending_comes_with_a_wake() {
        let counter = Arc::new(Counter(AtomicUsize::new(0)));
        let waker = Waker::from(counter.clone());
        let mut cx = Context::from_waker(&waker);
        let mut countdown = Countdown { remaining: 2 };
        for expected_wakes in 1..=2 {
            assert!(Pin::new(&mut countdown).poll(&mut cx).is_pending());
            assert_eq!(counter.0.load(Ordering::SeqCst), expected_wakes);
        }
        assert_eq!(
            Pin::new(&mut countdown).poll(&mut cx),
            Poll::Ready("liftoff")
        );
        assert_eq!(counter.0.load(Ordering::SeqCst), 2, "no wake once ready");
    }
}
