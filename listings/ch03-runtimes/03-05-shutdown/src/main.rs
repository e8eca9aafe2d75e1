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
        // Not waiting for a task. A drop that waits has not returned, however
        // long this takes; the 100 ms give a drop that did not wait the
        // time to return, so that this check would see it.
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

    /// A multi-thread runtime's drop tells the workers to stop, but a busy
    /// worker reads that only between tasks, every 61 ticks or when it runs
    /// out of work: until then it goes on polling. Here its one worker is
    /// held by task A when the drop begins, and task B waits in the queue.
    #[test]
    fn a_busy_worker_goes_on_polling_after_the_drop_began() {
        // How the test knows the drop has begun: the drop shuts the blocking
        // pool down (after telling the workers to stop), and the pool's idle
        // thread then stops. With an hour's keep-alive, nothing else stops it.
        let (stopped, a_thread_stopped) = mpsc::channel::<()>();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_keep_alive(Duration::from_secs(3600))
            .on_thread_stop(move || {
                let _ = stopped.send(());
            })
            .build()
            .unwrap();
        runtime.block_on(runtime.spawn_blocking(|| ())).unwrap(); // now idle

        let (busy, is_busy) = mpsc::channel::<()>();
        let (release, released) = mpsc::channel::<()>();
        let past_its_await = Arc::new(AtomicBool::new(false));
        let queued_ran = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&past_its_await);
        runtime.spawn(async move {
            busy.send(()).unwrap();
            // Blocks the worker on purpose: this poll is under way when the
            // drop begins.
            released.recv().unwrap();
            tokio::task::yield_now().await;
            flag.store(true, Ordering::SeqCst);
        });
        is_busy.recv().unwrap();
        let flag = Arc::clone(&queued_ran);
        runtime.spawn(async move { flag.store(true, Ordering::SeqCst) });

        // A is released only once the drop has begun, so whatever runs after
        // that runs after the drop began.
        let helper = std::thread::spawn(move || {
            let drop_began = a_thread_stopped
                .recv_timeout(Duration::from_secs(60))
                .is_ok();
            release.send(()).unwrap();
            drop_began
        });
        drop(runtime);
        assert!(
            helper.join().unwrap(),
            "the drop began before A was released"
        );
        assert!(
            past_its_await.load(Ordering::SeqCst),
            "A ran past its .await"
        );
        assert!(queued_ran.load(Ordering::SeqCst), "B was polled");
    }

    /// A current-thread runtime dropped outside block_on polls nothing more:
    /// a task that is ready, in the queue, is dropped unpolled.
    #[test]
    fn a_current_thread_runtime_polls_nothing_more() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let dropped = Arc::new(AtomicBool::new(false));
        let past_its_await = Arc::new(AtomicBool::new(false));
        let (tell, flag) = (Tell(Arc::clone(&dropped)), Arc::clone(&past_its_await));
        runtime.spawn(async move {
            let _tell = tell;
            tokio::task::yield_now().await;
            flag.store(true, Ordering::SeqCst);
        });
        // The task runs to its yield_now; block_on's own future, woken at
        // the same moment, is polled first and returns, leaving the task in
        // the queue, ready.
        runtime.block_on(tokio::task::yield_now());
        drop(runtime);
        assert!(dropped.load(Ordering::SeqCst));
        assert!(!past_its_await.load(Ordering::SeqCst));
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
