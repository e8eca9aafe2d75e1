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
    thread::spawn(move || {
        let value = work();
        let mut shared = theirs.lock().unwrap();
        shared.result = Some(value);
        // Whoever polled last left a waker; the value is there, so wake them.
        if let Some(waker) = shared.waker.take() {
            waker.wake();
        }
    });
    OffThread { shared }
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
    use std::sync::mpsc;
    use std::time::Duration;

    #[test]
    fn block_on_returns_the_output_of_a_ready_future() {
        assert_eq!(block_on(async { 40 + 2 }), 42);
    }

    #[test]
    fn block_on_parks_until_the_worker_wakes_it() {
        // The worker waits for `go`, and `go` is sent only once block_on has
        // polled and left its waker: so the first poll is certainly Pending,
        // and only the worker's wake can end block_on.
        let (go, wait) = mpsc::channel::<()>();
        let future = off_thread(move || {
            wait.recv().unwrap();
            "computed"
        });
        let shared = Arc::clone(&future.shared);
        let releaser = thread::spawn(move || {
            while shared.lock().unwrap().waker.is_none() {
                thread::yield_now();
            }
            go.send(()).unwrap();
        });
        assert_eq!(block_on(future), "computed");
        releaser.join().unwrap();
    }

    #[test]
    fn the_work_starts_when_off_thread_is_called_not_when_polled() {
        let (started, wait) = mpsc::channel();
        let future = off_thread(move || started.send(()).unwrap());
        wait.recv_timeout(Duration::from_secs(10))
            .expect("runs without a poll");
        drop(future);
    }

    /// A waker that reports each wake on a channel.
    struct Report(Mutex<mpsc::Sender<()>>);

    impl Wake for Report {
        fn wake(self: Arc<Self>) {
            self.0.lock().unwrap().send(()).unwrap();
        }
    }

    #[test]
    fn the_worker_wakes_the_waker_of_the_pending_poll() {
        let (go, wait) = mpsc::channel::<()>();
        let mut future = off_thread(move || wait.recv().unwrap());
        let (report, woken) = mpsc::channel();
        let waker = Waker::from(Arc::new(Report(Mutex::new(report))));
        let mut cx = Context::from_waker(&waker);
        assert!(Pin::new(&mut future).poll(&mut cx).is_pending());
        assert!(
            woken.try_recv().is_err(),
            "not woken before the value exists"
        );
        go.send(()).unwrap();
        woken
            .recv_timeout(Duration::from_secs(10))
            .expect("the worker wakes us");
        assert!(Pin::new(&mut future).poll(&mut cx).is_ready());
    }
}
