use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;
use tokio::runtime::Runtime;

// ANCHOR: guard
/// Sets a flag when dropped: put one in a task to learn when the task's
/// future is dropped.
struct Tell(Arc<AtomicBool>);

impl Drop for Tell {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}
// ANCHOR_END: guard

// ANCHOR: main
fn main() {
    // A task waiting forever is dropped when the runtime shuts down.
    let runtime = Runtime::new().unwrap();
    let dropped = Arc::new(AtomicBool::new(false));
    let tell = Tell(Arc::clone(&dropped));
    runtime.spawn(async move {
        let _tell = tell;
        std::future::pending::<()>().await; // never finishes
    });
    drop(runtime);
    println!(
        "a pending task was dropped by the shutdown: {}",
        dropped.load(Ordering::SeqCst)
    );

    // Dropping a runtime waits for spawn_blocking work to finish...
    let runtime = Runtime::new().unwrap();
    let (release, released) = mpsc::channel::<()>();
    let finished = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&finished);
    runtime.spawn_blocking(move || {
        released.recv().unwrap();
        flag.store(true, Ordering::SeqCst);
    });
    // Release the work only after the drop below has begun: if the drop did
    // not wait, the flag would still be false after it.
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(100));
        release.send(()).unwrap();
    });
    drop(runtime);
    println!(
        "drop waited for the blocking work to finish:  {}",
        finished.load(Ordering::SeqCst)
    );

    // ...while shutdown_timeout gives up after the timeout and leaves it
    // running on its thread.
    let runtime = Runtime::new().unwrap();
    let (release, released) = mpsc::channel::<()>();
    let (report, done) = mpsc::channel::<()>();
    runtime.spawn_blocking(move || {
        released.recv().unwrap();
        report.send(()).unwrap();
    });
    runtime.shutdown_timeout(Duration::from_millis(100));
    let still_running = done.try_recv().is_err();
    println!("shutdown_timeout returned while it still ran: {still_running}");
    release.send(()).unwrap();
    done.recv().unwrap(); // and it does finish, on its own
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_task_not_yet_polled_is_dropped_too() {
        let runtime = Runtime::new().unwrap();
        let dropped = Arc::new(AtomicBool::new(false));
        let tell = Tell(Arc::clone(&dropped));
        let handle = runtime.spawn(async move {
            let _tell = tell;
            tokio::time::sleep(Duration::from_secs(3600)).await;
        });
        drop(runtime);
        assert!(dropped.load(Ordering::SeqCst));
        // Its JoinHandle, awaited on another runtime, reports the cancellation.
        let other = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        assert!(other.block_on(handle).unwrap_err().is_cancelled());
    }
}
