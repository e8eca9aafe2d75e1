use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};

// ANCHOR: block_on
/// Wakes the thread that is blocked in `block_on`.
struct Unparker(Thread);

impl Wake for Unparker {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }
}

/// Runs a future to completion on the current thread, sleeping while it is
/// pending and letting its waker wake us.
fn block_on<F: Future>(future: F) -> F::Output {
    // `poll` takes `Pin<&mut F>`; pinning on the stack is enough here
    // (chapter 2 explains why the pin is needed at all).
    let mut future = pin!(future);
    let waker = Waker::from(Arc::new(Unparker(thread::current())));
    let mut cx = Context::from_waker(&waker);
    loop {
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(output) => return output,
            // `park` returns once `unpark` has been called (at once, if it
            // already was), and now and then for no reason at all; either
            // way we poll again, and a future must cope with that.
            Poll::Pending => thread::park(),
        }
    }
}
// ANCHOR_END: block_on

// ANCHOR: off_thread
/// What the worker thread and the future share.
struct Shared<T> {
    result: Option<T>,
    waker: Option<Waker>,
}

/// A future for a value that a thread of its own is computing.
struct OffThread<T> {
    shared: Arc<Mutex<Shared<T>>>,
}

fn off_thread<T, F>(work: F) -> OffThread<T>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let shared = Arc::new(Mutex::new(Shared {
        result: None,
        waker: None,
    }));
    let theirs = Arc::clone(&shared);
    thread::spawn(move || complete(&theirs, work()));
    OffThread { shared }
}

/// The worker's last step: store the value, then wake whoever polled last.
fn complete<T>(shared: &Mutex<Shared<T>>, value: T) {
    let waker = {
        let mut shared = shared.lock().unwrap();
        shared.result = Some(value);
        shared.waker.take()
    }; // The lock is released here, before anyone is woken.
    if let Some(waker) = waker {
        waker.wake();
    }
}

impl<T> Future for OffThread<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        // Checking for the value and leaving the waker happen under one lock,
        // so the thread cannot finish in between and wake nobody.
        let mut shared = self.shared.lock().unwrap();
        match shared.result.take() {
            Some(value) => Poll::Ready(value),
            None => {
                shared.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}
// ANCHOR_END: off_thread

// ANCHOR: main
fn main() {
    let total = block_on(async {
        let evens = off_thread(|| (0..=1_000_000u64).filter(|n| n % 2 == 0).sum::<u64>());
        let odds = off_thread(|| (0..=1_000_000u64).filter(|n| n % 2 == 1).sum::<u64>());
        let (evens, odds) = (evens.await, odds.await);
        println!("sum of evens: {evens}");
        println!("sum of odds:  {odds}");
        evens + odds
    });
    println!("total:        {total}");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::mpsc;
    use std::time::Duration;

    /// A waker that writes its name into a shared list when woken.
    struct Named {
        name: &'static str,
        wakes: Arc<Mutex<Vec<&'static str>>>,
    }

    impl Wake for Named {
        fn wake(self: Arc<Self>) {
            self.wakes.lock().unwrap().push(self.name);
        }
    }

    fn named(name: &'static str, wakes: &Arc<Mutex<Vec<&'static str>>>) -> Waker {
        Waker::from(Arc::new(Named {
            name,
            wakes: Arc::clone(wakes),
        }))
    }

    #[test]
    fn block_on_returns_the_output_of_a_ready_future() {
        assert_eq!(block_on(async { 40 + 2 }), 42);
    }

    /// Counts the polls of the future it wraps.
    struct Counted<F> {
        inner: Pin<Box<F>>,
        polls: Arc<AtomicUsize>,
    }

    impl<F: Future> Future for Counted<F> {
        type Output = F::Output;

        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
            self.polls.fetch_add(1, Ordering::SeqCst);
            self.inner.as_mut().poll(cx)
        }
    }

    #[test]
    fn block_on_sleeps_until_the_worker_wakes_it() {
        // The worker waits for `go`; the releaser sends it only after the
        // first poll has left its waker. So the first poll is certainly
        // Pending, and only the worker's wake can end block_on.
        let (go, wait) = mpsc::channel::<()>();
        let future = off_thread(move || {
            wait.recv().unwrap();
            "computed"
        });
        let shared = Arc::clone(&future.shared);
        let polls = Arc::new(AtomicUsize::new(0));
        let counted = Counted {
            inner: Box::pin(future),
            polls: Arc::clone(&polls),
        };
        let seen = Arc::clone(&polls);
        let releaser = thread::spawn(move || {
            while shared.lock().unwrap().waker.is_none() {
                thread::yield_now();
            }
            // Not waiting for a task (the worker waits for `go`): this gives
            // a block_on that spins instead of parking 50 ms in which to
            // poll again, which the count below would show. A right
            // block_on is parked; it passes however long the sleep lasts.
            thread::sleep(Duration::from_millis(50));
            let polls_while_pending = seen.load(Ordering::SeqCst);
            go.send(()).unwrap();
            polls_while_pending
        });
        assert_eq!(block_on(counted), "computed");
        assert_eq!(
            releaser.join().unwrap(),
            1,
            "no poll while nothing had woken it"
        );
        assert_eq!(polls.load(Ordering::SeqCst), 2, "one poll after the wake");
    }

    #[test]
    fn the_work_starts_when_off_thread_is_called_not_when_polled() {
        let (started, wait) = mpsc::channel();
        let future = off_thread(move || started.send(()).unwrap());
        wait.recv_timeout(Duration::from_secs(10))
            .expect("runs without a poll");
        drop(future);
    }

    #[test]
    fn only_the_waker_of_the_latest_poll_is_woken() {
        let wakes = Arc::new(Mutex::new(Vec::new()));
        let (first, second) = (named("first", &wakes), named("second", &wakes));
        let mut future = OffThread {
            shared: Arc::new(Mutex::new(Shared {
                result: None,
                waker: None,
            })),
        };
        assert!(
            Pin::new(&mut future)
                .poll(&mut Context::from_waker(&first))
                .is_pending()
        );
        assert!(
            Pin::new(&mut future)
                .poll(&mut Context::from_waker(&second))
                .is_pending()
        );
        assert!(
            wakes.lock().unwrap().is_empty(),
            "no wake before the value exists"
        );
        complete(&future.shared, 7);
        assert_eq!(*wakes.lock().unwrap(), ["second"]);
        assert_eq!(
            Pin::new(&mut future).poll(&mut Context::from_waker(&second)),
            Poll::Ready(7)
        );
    }

    /// `OffThread::poll` done wrong: the check and the store are two steps,
    /// and `between` runs in the gap, standing in for the worker finishing
    /// at just that moment.
    fn split_poll<T>(
        shared: &Mutex<Shared<T>>,
        cx: &mut Context<'_>,
        between: impl FnOnce(),
    ) -> Poll<T> {
        if let Some(value) = shared.lock().unwrap().result.take() {
            return Poll::Ready(value);
        }
        between();
        shared.lock().unwrap().waker = Some(cx.waker().clone());
        Poll::Pending
    }

    /// A waker that, when woken, tries the lock the future and the worker
    /// share, and notes whether it was free.
    struct TriesTheLock {
        shared: Arc<Mutex<Shared<u32>>>,
        found_free: Mutex<Vec<bool>>,
    }

    impl Wake for TriesTheLock {
        fn wake(self: Arc<Self>) {
            let free = self.shared.try_lock().is_ok();
            self.found_free.lock().unwrap().push(free);
        }
    }

    /// `complete` done wrong: it wakes while still holding the lock.
    fn complete_holding_the_lock<T>(shared: &Mutex<Shared<T>>, value: T) {
        let mut shared = shared.lock().unwrap();
        shared.result = Some(value);
        if let Some(waker) = shared.waker.take() {
            waker.wake();
        }
    }

    /// Polls a fresh `OffThread` once with a `TriesTheLock` waker, runs
    /// `finish` on its shared state, and returns what the waker found.
    fn lock_free_when_woken(finish: fn(&Mutex<Shared<u32>>, u32)) -> Vec<bool> {
        let mut future = OffThread {
            shared: Arc::new(Mutex::new(Shared {
                result: None,
                waker: None,
            })),
        };
        let probe = Arc::new(TriesTheLock {
            shared: Arc::clone(&future.shared),
            found_free: Mutex::new(Vec::new()),
        });
        let waker = Waker::from(Arc::clone(&probe));
        assert!(
            Pin::new(&mut future)
                .poll(&mut Context::from_waker(&waker))
                .is_pending()
        );
        finish(&future.shared, 7);
        probe.found_free.lock().unwrap().clone()
    }

    #[test]
    fn the_worker_wakes_after_releasing_the_lock() {
        assert_eq!(lock_free_when_woken(complete), [true]);
        assert_eq!(lock_free_when_woken(complete_holding_the_lock), [false]);
    }

    #[test]
    fn checking_and_storing_in_two_steps_can_lose_the_wake() {
        let wakes = Arc::new(Mutex::new(Vec::new()));
        let waker = named("poller", &wakes);
        let shared = Mutex::new(Shared {
            result: None,
            waker: None,
        });
        let outcome = split_poll(&shared, &mut Context::from_waker(&waker), || {
            complete(&shared, 7)
        });
        assert!(outcome.is_pending());
        assert!(
            shared.lock().unwrap().result.is_some(),
            "the value is there..."
        );
        assert!(
            wakes.lock().unwrap().is_empty(),
            "...and nobody was woken to take it"
        );
    }
}
