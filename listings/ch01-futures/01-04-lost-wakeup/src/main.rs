use std::future::{Future, poll_fn};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Poll, Waker};
use std::time::Duration;
use tokio::time::{Instant, sleep, timeout};

// ANCHOR: broken
/// A flag that one task raises and another waits for. This version is
/// broken: it returns Pending without arranging to be woken.
#[derive(Clone, Default)]
struct BrokenFlag {
    raised: Arc<AtomicBool>,
}

impl BrokenFlag {
    fn raise(&self) {
        self.raised.store(true, Ordering::SeqCst);
    }

    fn wait(self) -> impl Future<Output = ()> {
        poll_fn(move |_cx| {
            if self.raised.load(Ordering::SeqCst) {
                Poll::Ready(())
            } else {
                Poll::Pending // ...and nobody will ever know we are waiting
            }
        })
    }
}
// ANCHOR_END: broken

// ANCHOR: fixed
/// The same flag, done right: a waiter leaves its waker, and raising the
/// flag wakes it.
#[derive(Clone, Default)]
struct Flag {
    state: Arc<Mutex<FlagState>>,
}

#[derive(Default)]
struct FlagState {
    raised: bool,
    waiter: Option<Waker>,
}

impl Flag {
    fn raise(&self) {
        let waiter = {
            let mut state = self.state.lock().unwrap();
            state.raised = true;
            state.waiter.take()
        }; // Wake only once the lock is released.
        if let Some(waker) = waiter {
            waker.wake();
        }
    }

    fn wait(self) -> impl Future<Output = ()> {
        poll_fn(move |cx| {
            let mut state = self.state.lock().unwrap();
            if state.raised {
                Poll::Ready(())
            } else {
                state.waiter = Some(cx.waker().clone());
                Poll::Pending
            }
        })
    }
}
// ANCHOR_END: fixed

// ANCHOR: main
/// Runs `raise` in another task 10 ms from now and returns how long `wait`
/// took to finish, giving up after 5 seconds.
async fn noticed_after(
    raise: impl FnOnce() + Send + 'static,
    wait: impl Future<Output = ()>,
) -> Option<Duration> {
    let start = Instant::now();
    tokio::spawn(async move {
        sleep(Duration::from_millis(10)).await;
        raise();
    });
    timeout(Duration::from_secs(5), wait).await.ok()?;
    Some(start.elapsed())
}

// A current-thread runtime with the clock paused: time moves only when every
// task is waiting, straight to the next timer, so the times printed are exact.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let broken = BrokenFlag::default();
    let raiser = broken.clone();
    let after = noticed_after(move || raiser.raise(), broken.wait()).await;
    report("broken flag:", after);

    let fixed = Flag::default();
    let raiser = fixed.clone();
    let after = noticed_after(move || raiser.raise(), fixed.wait()).await;
    report("fixed flag:", after);
}

fn report(name: &str, after: Option<Duration>) {
    match after {
        Some(after) => println!("{name:12} raised at 10ms, noticed at {after:?}"),
        None => println!("{name:12} raised at 10ms, never noticed"),
    }
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::pin::pin;
    use std::sync::atomic::AtomicUsize;
    use std::task::{Context, Wake};

    struct CountWakes(AtomicUsize);

    impl Wake for CountWakes {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    /// Polls `wait` once, runs `raise`, and returns how many wakes followed.
    fn wakes_after_raise(raise: impl FnOnce(), wait: impl Future<Output = ()>) -> usize {
        let counter = Arc::new(CountWakes(AtomicUsize::new(0)));
        let waker = Waker::from(Arc::clone(&counter));
        let mut wait = pin!(wait);
        assert!(
            wait.as_mut()
                .poll(&mut Context::from_waker(&waker))
                .is_pending()
        );
        raise();
        counter.0.load(Ordering::SeqCst)
    }

    #[test]
    fn raising_the_broken_flag_wakes_nobody() {
        let flag = BrokenFlag::default();
        let raiser = flag.clone();
        assert_eq!(wakes_after_raise(|| raiser.raise(), flag.wait()), 0);
    }

    #[test]
    fn raising_the_fixed_flag_wakes_the_waiter_once() {
        let flag = Flag::default();
        let raiser = flag.clone();
        assert_eq!(wakes_after_raise(|| raiser.raise(), flag.wait()), 1);
    }

    /// A waker that tries the flag's lock when woken and notes if it was free.
    struct TriesTheLock {
        state: Arc<Mutex<FlagState>>,
        found_free: AtomicUsize,
    }

    impl Wake for TriesTheLock {
        fn wake(self: Arc<Self>) {
            if self.state.try_lock().is_ok() {
                self.found_free.fetch_add(1, Ordering::SeqCst);
            }
        }
    }

    #[test]
    fn raising_the_fixed_flag_wakes_with_the_lock_released() {
        let flag = Flag::default();
        let probe = Arc::new(TriesTheLock {
            state: Arc::clone(&flag.state),
            found_free: AtomicUsize::new(0),
        });
        let raiser = flag.clone();
        let mut wait = pin!(flag.wait());
        let waker = Waker::from(Arc::clone(&probe));
        assert!(
            wait.as_mut()
                .poll(&mut Context::from_waker(&waker))
                .is_pending()
        );
        raiser.raise();
        assert_eq!(probe.found_free.load(Ordering::SeqCst), 1);
    }

    /// Without the timeout's own timer to wake the task, the broken waiter
    /// never finishes: however long the deadline, it ends exactly there.
    #[tokio::test(start_paused = true)]
    async fn the_broken_waiter_finishes_only_when_something_else_wakes_it() {
        for deadline in [Duration::from_secs(60), Duration::from_secs(3600)] {
            let flag = BrokenFlag::default();
            let raiser = flag.clone();
            let start = Instant::now();
            tokio::spawn(async move {
                sleep(Duration::from_millis(10)).await;
                raiser.raise();
            });
            let _ = timeout(deadline, flag.wait()).await;
            assert_eq!(start.elapsed(), deadline);
        }
    }
}
