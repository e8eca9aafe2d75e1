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

// ANCHOR: scenarios
/// A task waiting forever when the runtime is dropped: is its future dropped?
fn pending_task_is_dropped() -> bool {
    let runtime = Runtime::new().unwrap();
    let dropped = Arc::new(AtomicBool::new(false));
    let tell = Tell(Arc::clone(&dropped));
    runtime.spawn(async move {
        let _tell = tell;
        std::future::pending::<()>().await; // never finishes
    });
    drop(runtime);
    dropped.load(Ordering::SeqCst)
}

/// Blocking work that is running when the runtime is dropped. The work
/// waits to be released; a helper releases it a little after the drop has
/// begun, noting first whether the drop had already returned. Returns
/// (the drop had not returned when released, the work had finished by the
/// time the drop returned).
fn drop_waits_for_blocking_work() -> (bool, bool) {
    let runtime = Runtime::new().unwrap();
    let (release, released) = mpsc::channel::<()>();
    let (started, has_started) = mpsc::channel::<()>();
    let finished = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&finished);
    runtime.spawn_blocking(move || {
        started.send(()).unwrap();
        released.recv().unwrap();
        flag.store(true, Ordering::SeqCst);
    });
    has_started.recv().unwrap(); // the work is running
    let drop_returned = Arc::new(AtomicBool::new(false));
    let returned = Arc::clone(&drop_returned);
    let helper = std::thread::spawn(move || {
        // Not waiting for anything: giving a drop that did not wait the
        // time to return, which this check would then see.
        std::thread::sleep(Duration::from_millis(100));
        let still_dropping = !returned.load(Ordering::SeqCst);
        release.send(()).unwrap();
        still_dropping
    });
    drop(runtime);
    drop_returned.store(true, Ordering::SeqCst);
    let finished_by_then = finished.load(Ordering::SeqCst);
    (helper.join().unwrap(), finished_by_then)
}

/// shutdown_timeout with blocking work that cannot finish in time. Returns
/// (it returned while the work was unfinished, the work still finished
/// afterwards, on its own).
fn shutdown_timeout_gives_up() -> (bool, bool) {
    let runtime = Runtime::new().unwrap();
    let (release, released) = mpsc::channel::<()>();
    let (started, has_started) = mpsc::channel::<()>();
    let (report, done) = mpsc::channel::<()>();
    runtime.spawn_blocking(move || {
        started.send(()).unwrap();
        released.recv().unwrap();
        report.send(()).unwrap();
    });
    has_started.recv().unwrap();
    runtime.shutdown_timeout(Duration::from_millis(100));
    let unfinished = done.try_recv().is_err();
    release.send(()).unwrap();
    let finished_later = done.recv().is_ok();
    (unfinished, finished_later)
}
// ANCHOR_END: scenarios

// ANCHOR: main
fn main() {
    println!(
        "a pending task was dropped by the shutdown:       {}",
        pending_task_is_dropped()
    );
    let (waited, finished) = drop_waits_for_blocking_work();
    println!(
        "drop waited for the running blocking work:        {}",
        waited && finished
    );
    let (returned_early, finished_later) = shutdown_timeout_gives_up();
    println!("shutdown_timeout returned before it finished:     {returned_early}");
    println!("and the work went on to finish on its own thread: {finished_later}");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scenarios_come_out_as_the_book_says() {
        assert!(pending_task_is_dropped());
        assert_eq!(drop_waits_for_blocking_work(), (true, true));
        assert_eq!(shutdown_timeout_gives_up(), (true, true));
    }

    /// On a current-thread runtime, tasks run only inside block_on; this one
    /// is never polled at all, and is dropped all the same.
    #[test]
    fn a_task_never_polled_is_dropped_too() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
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
