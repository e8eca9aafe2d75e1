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
/// its own and talk to it over a channel; the idea is the same.)
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
    let message = outcome
        .unwrap_err()
        .downcast::<&str>()
        .map(|m| *m)
        .unwrap_or_default();
    let first_sentence = message.split(". ").next().unwrap_or_default();
    println!("{:24} panic: {first_sentence}.", "inside async code:");
}

/// Runs `f` with the default panic message (printed to stderr) turned off.
fn silently<T>(f: impl FnOnce() -> T) -> T {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = f();
    std::panic::set_hook(hook);
    result
}
// ANCHOR_END: main

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
    fn a_tokio_timer_on_another_executor_panics() {
        // futures' block_on is an executor, but not tokio's: the sleep finds
        // no tokio timer to register with.
        futures::executor::block_on(async { tokio::time::sleep(Duration::from_millis(1)).await });
    }

    #[test]
    fn handle_try_current_says_so_without_panicking() {
        assert!(Handle::try_current().is_err());
        let runtime = Runtime::new().unwrap();
        let _guard = runtime.enter();
        assert!(Handle::try_current().is_ok());
    }
}
