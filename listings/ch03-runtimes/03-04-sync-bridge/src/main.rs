use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::thread;
use std::time::Duration;
use tokio::runtime::{Builder, Handle, Runtime};

// ANCHOR: service
/// An async service: a lookup that takes a few milliseconds of (simulated)
/// network time.
async fn lookup(key: &str) -> Option<String> {
    tokio::time::sleep(Duration::from_millis(5)).await;
    let teas = HashMap::from([("sencha", "green"), ("assam", "black"), ("oolong", "blue")]);
    teas.get(key).map(|kind| kind.to_string())
}
// ANCHOR_END: service

// ANCHOR: blocking_client
/// The same service for code that is not async: the client owns a small
/// runtime and blocks the calling thread on it for each call. (Real blocking
/// clients, such as `reqwest::blocking`, keep their runtime on a thread of
/// its own and talk to it over a channel; the idea is the same.) Use it
/// and drop it on a thread that is not running a tokio runtime: its runtime
/// panics if it is used or dropped in a task or inside a `block_on`.
pub struct BlockingClient {
    runtime: Runtime,
}

impl BlockingClient {
    pub fn new() -> std::io::Result<BlockingClient> {
        let runtime = Builder::new_current_thread().enable_all().build()?;
        Ok(BlockingClient { runtime })
    }

    pub fn lookup(&self, key: &str) -> Option<String> {
        self.runtime.block_on(lookup(key))
    }
}
// ANCHOR_END: blocking_client

// ANCHOR: main
fn main() {
    // 1. Plain synchronous code uses the blocking client.
    let client = BlockingClient::new().unwrap();
    println!(
        "{:24} sencha is {:?}",
        "from sync main:",
        client.lookup("sencha")
    );

    // 2. An async program hands a plain thread a Handle to its runtime;
    //    the thread blocks on the handle to run async code there.
    let runtime = Runtime::new().unwrap();
    let answer = runtime.block_on(async {
        let handle = Handle::current();
        let worker = thread::spawn(move || handle.block_on(lookup("assam")));
        // Joining blocks, so it is done on tokio's blocking pool rather than
        // on a thread that runs tasks (chapter 4).
        tokio::task::spawn_blocking(move || worker.join().unwrap())
            .await
            .unwrap()
    });
    println!("{:24} assam is {answer:?}", "from a plain thread:");

    // 3. `enter` makes a runtime current for sync code, so that tokio::spawn
    //    works there without being inside async code.
    let guard = runtime.enter();
    let task = tokio::spawn(lookup("oolong"));
    drop(guard);
    println!(
        "{:24} oolong is {:?}",
        "spawned from sync code:",
        runtime.block_on(task).unwrap()
    );

    // 4. The mistake: the blocking client inside async code.
    let outcome = runtime.block_on(async {
        silently(|| catch_unwind(AssertUnwindSafe(|| client.lookup("sencha"))))
    });
    println!(
        "{:24} panic: {}",
        "used in async code:",
        first_sentence(outcome)
    );

    // 5. Dropping it there panics too: a runtime's drop waits for its
    //    blocking work, and waiting is what async code must not do.
    let outcome = runtime.block_on(async {
        let client = BlockingClient::new().unwrap();
        silently(|| catch_unwind(AssertUnwindSafe(|| drop(client))))
    });
    println!(
        "{:24} panic: {}",
        "dropped in async code:",
        first_sentence(outcome)
    );
}
// ANCHOR_END: main

/// The first sentence of a caught panic's message.
fn first_sentence(outcome: std::thread::Result<impl Sized>) -> String {
    let Err(payload) = outcome else {
        return "none".to_owned();
    };
    let message = match payload.downcast::<&str>() {
        Ok(message) => message.to_string(),
        Err(payload) => payload
            .downcast::<String>()
            .map(|message| *message)
            .unwrap_or_default(),
    };
    let sentence = message.split(". ").next().unwrap_or_default();
    format!("{}.", sentence.trim_end_matches('.'))
}

/// Runs `f` with the default panic message (printed to stderr) turned off.
fn silently<T>(f: impl FnOnce() -> T) -> T {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = f();
    std::panic::set_hook(hook);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_blocking_client_works_from_sync_code() {
        let client = BlockingClient::new().unwrap();
        assert_eq!(client.lookup("assam").as_deref(), Some("black"));
        assert_eq!(client.lookup("earl grey"), None);
    }

    #[tokio::test]
    #[should_panic(expected = "Cannot start a runtime from within a runtime")]
    async fn the_blocking_client_panics_inside_async_code() {
        let client = BlockingClient::new().unwrap();
        client.lookup("sencha");
    }

    #[test]
    #[should_panic(expected = "there is no reactor running")]
    fn handle_current_panics_outside_a_runtime() {
        Handle::current();
    }

    #[test]
    #[should_panic(expected = "there is no reactor running")]
    fn a_tokio_timer_made_with_no_runtime_entered_panics() {
        // futures' block_on is an executor, but not tokio's, and nothing
        // entered a tokio runtime: making the Sleep finds no timer.
        futures::executor::block_on(async { tokio::time::sleep(Duration::from_millis(1)).await });
    }

    /// The panic comes from making the `Sleep`, before any executor polls it.
    #[test]
    #[should_panic(expected = "there is no reactor running")]
    fn making_the_sleep_is_what_panics() {
        let _never_polled = tokio::time::sleep(Duration::from_millis(1));
    }

    /// Runs `f` on a thread of its own and says whether it returned within
    /// `limit`. (Only a bound, so that a hang fails the test instead of
    /// stopping it: the expected case returns in a few milliseconds.)
    fn returns_within(limit: Duration, f: impl FnOnce() + Send + 'static) -> bool {
        let (done, finished) = std::sync::mpsc::channel();
        thread::spawn(move || {
            f();
            let _ = done.send(());
        });
        finished.recv_timeout(limit).is_ok()
    }

    /// With a multi-thread runtime entered, the same code works under
    /// futures' executor: the Sleep registers with that runtime's timer, and
    /// the runtime's idle worker, waiting in the driver, fires it.
    #[test]
    fn a_tokio_timer_works_under_another_executor_once_a_runtime_is_entered() {
        assert!(returns_within(Duration::from_secs(10), || {
            let runtime = Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .unwrap();
            let _guard = runtime.enter();
            futures::executor::block_on(async {
                tokio::time::sleep(Duration::from_millis(5)).await;
            });
        }));
    }

    /// The context is needed only to make the Sleep: made while the runtime
    /// is entered, it can be awaited on a thread that never entered it.
    #[test]
    fn only_making_the_sleep_needs_the_runtime_entered() {
        let runtime = Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let sleep = {
            let _guard = runtime.enter();
            tokio::time::sleep(Duration::from_millis(5))
        };
        assert!(returns_within(Duration::from_secs(10), move || {
            assert!(Handle::try_current().is_err(), "no runtime on this thread");
            futures::executor::block_on(sleep);
        }));
        drop(runtime);
    }

    /// A waker that counts how often it is woken.
    struct CountWakes(std::sync::atomic::AtomicUsize);

    impl std::task::Wake for CountWakes {
        fn wake(self: std::sync::Arc<Self>) {
            self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
    }

    /// A current-thread runtime's timer is driven only by its own block_on.
    /// Entered but not driven, it lets a deadline pass without firing it,
    /// so another executor waiting on the Sleep would wait forever; the
    /// first block_on whose future returns Pending fires it.
    #[test]
    fn an_entered_current_thread_runtime_fires_timers_only_inside_its_block_on() {
        use std::future::Future;
        use std::sync::Arc;
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::task::{Context, Waker};

        let runtime = Builder::new_current_thread().enable_all().build().unwrap();
        let guard = runtime.enter();
        let mut sleep = Box::pin(tokio::time::sleep(Duration::from_millis(1)));
        drop(guard);
        let wakes = Arc::new(CountWakes(AtomicUsize::new(0)));
        let waker = Waker::from(Arc::clone(&wakes));
        let mut cx = Context::from_waker(&waker);

        assert!(sleep.as_mut().poll(&mut cx).is_pending());
        // Not waiting for a task: letting real time pass the deadline.
        thread::sleep(Duration::from_millis(50));
        assert!(tokio::time::Instant::now() > sleep.deadline());
        assert!(
            sleep.as_mut().poll(&mut cx).is_pending(),
            "past its deadline, still pending"
        );
        assert_eq!(wakes.0.load(Ordering::SeqCst), 0, "and never woken");

        // A block_on whose future is ready at once returns before it turns
        // the driver: still not woken.
        runtime.block_on(async {});
        assert_eq!(wakes.0.load(Ordering::SeqCst), 0);
        // One whose future returns Pending turns the driver before it polls
        // the future again: yield_now returns Pending once and waits for
        // nothing, and that is enough for the timer to fire.
        runtime.block_on(tokio::task::yield_now());
        assert_eq!(wakes.0.load(Ordering::SeqCst), 1);
        assert!(sleep.as_mut().poll(&mut cx).is_ready());
    }

    /// Handle::block_on runs its future on the calling thread, but a
    /// current-thread runtime's driver turns only inside Runtime::block_on:
    /// a timer awaited through the handle alone never fires.
    #[test]
    fn handle_block_on_needs_a_runtime_block_on_on_a_current_thread_runtime() {
        let runtime = Builder::new_current_thread().enable_all().build().unwrap();
        let handle = runtime.handle().clone();
        let (done, finished) = std::sync::mpsc::channel();
        thread::spawn(move || {
            handle.block_on(async { tokio::time::sleep(Duration::from_millis(5)).await });
            let _ = done.send(());
        });
        // Sixty times the sleep's 5 ms, and it has not finished.
        let waited = finished.recv_timeout(Duration::from_millis(300));
        assert_eq!(waited, Err(std::sync::mpsc::RecvTimeoutError::Timeout));
        // While this block_on waits for the blocking task, its thread turns
        // the driver, and the other thread's timer fires.
        let finished_now = runtime.block_on(async move {
            tokio::task::spawn_blocking(move || {
                finished.recv_timeout(Duration::from_secs(10)).is_ok()
            })
            .await
            .unwrap()
        });
        assert!(finished_now);
    }

    /// Other executors' block_on does not look for a tokio runtime: inside
    /// one, it blocks the thread (here only briefly) without a panic.
    #[tokio::test]
    async fn futures_block_on_inside_a_runtime_does_not_panic() {
        assert_eq!(futures::executor::block_on(async { 6 }), 6);
    }

    /// A thread of the blocking pool runs no runtime: there the blocking
    /// client can be made, used and dropped, in a program that is async.
    #[tokio::test]
    async fn the_blocking_client_works_behind_spawn_blocking() {
        let kind = tokio::task::spawn_blocking(|| {
            let client = BlockingClient::new().unwrap();
            client.lookup("oolong")
        }) // the client is dropped at the end of the closure
        .await
        .unwrap();
        assert_eq!(kind.as_deref(), Some("blue"));
    }

    #[tokio::test]
    #[should_panic(expected = "Cannot drop a runtime in a context where blocking is not allowed")]
    async fn dropping_the_blocking_client_inside_async_code_panics_too() {
        // Never used, and made here without complaint: only the drop panics.
        let client = BlockingClient::new().unwrap();
        drop(client);
    }

    /// Dropping a runtime waits for its blocking work; shutdown_background
    /// does not wait, so it is allowed inside async code.
    #[tokio::test]
    async fn shutdown_background_is_allowed_inside_async_code() {
        let client = BlockingClient::new().unwrap();
        client.runtime.shutdown_background();
    }

    #[test]
    fn handle_try_current_says_so_without_panicking() {
        assert!(Handle::try_current().is_err());
        let runtime = Runtime::new().unwrap();
        let _guard = runtime.enter();
        assert!(Handle::try_current().is_ok());
    }
}
