//! A spawned task inside `timeout`, or in a `select!` branch that loses:
//! dropping its `JoinHandle` lets go of the task and leaves it running.
//! Three ways to make the task stop when the wait gives up.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::task::JoinSet;
use tokio::time::{Instant, sleep, timeout};
use tokio_util::task::AbortOnDropHandle;

// ANCHOR: work
/// Work that takes 300 ms, then records that it got to the end.
async fn work(finished: Arc<AtomicBool>) {
    sleep(Duration::from_millis(300)).await;
    finished.store(true, Ordering::SeqCst);
}
// ANCHOR_END: work

// ANCHOR: detached
/// Waits up to `patience` for the work, spawned as a task. Returns whether
/// it gave up. Giving up drops the `JoinHandle`: the task is not told.
async fn timeout_around_spawn(patience: Duration, finished: Arc<AtomicBool>) -> bool {
    let handle = tokio::spawn(work(finished));
    timeout(patience, handle).await.is_err()
}

/// The same wait as a `select!`. When the timer wins, the losing branch's
/// future, the `JoinHandle`, is dropped, and again the task runs on.
async fn select_around_spawn(patience: Duration, finished: Arc<AtomicBool>) -> bool {
    tokio::select! {
        _ = tokio::spawn(work(finished)) => false,
        () = sleep(patience) => true,
    }
}
// ANCHOR_END: detached

// ANCHOR: abort
/// Remedy 1: keep the handle, lend it to `timeout` (a `JoinHandle` is
/// `Unpin`, so `&mut handle` is a future), and abort the task on giving up.
async fn abort_on_timeout(patience: Duration, finished: Arc<AtomicBool>) -> bool {
    let mut handle = tokio::spawn(work(finished));
    match timeout(patience, &mut handle).await {
        Ok(_) => false,
        Err(_elapsed) => {
            handle.abort();
            true
        }
    }
}
// ANCHOR_END: abort

// ANCHOR: abort_on_drop
/// Remedy 2: a handle that aborts its task when it is dropped, from
/// tokio-util. `timeout` drops it on giving up, and that stops the task.
async fn abort_on_drop(patience: Duration, finished: Arc<AtomicBool>) -> bool {
    let handle = AbortOnDropHandle::new(tokio::spawn(work(finished)));
    timeout(patience, handle).await.is_err()
}
// ANCHOR_END: abort_on_drop

// ANCHOR: join_set
/// Remedy 3: a `JoinSet` owns its tasks, and dropping the set aborts every
/// task still in it.
async fn in_a_join_set(patience: Duration, finished: Arc<AtomicBool>) -> bool {
    let mut tasks = JoinSet::new();
    tasks.spawn(work(finished));
    timeout(patience, tasks.join_next()).await.is_err()
    // `tasks` is dropped here, on either path.
}
// ANCHOR_END: join_set

// ANCHOR: main
/// Runs one way of waiting: whether it gave up, when it returned, and
/// whether the work got to the end by a second later.
async fn try_way<Fut>(
    way: impl FnOnce(Duration, Arc<AtomicBool>) -> Fut,
    patience: Duration,
) -> (bool, Duration, bool)
where
    Fut: Future<Output = bool>,
{
    let finished = Arc::new(AtomicBool::new(false));
    let start = Instant::now();
    let gave_up = way(patience, Arc::clone(&finished)).await;
    let returned_after = start.elapsed();
    // Paused clock: exactly one second, long past the work's 300 ms.
    sleep(Duration::from_secs(1)).await;
    (gave_up, returned_after, finished.load(Ordering::SeqCst))
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let patience = Duration::from_millis(100);
    let report = |name: &str, (gave_up, after, finished): (bool, Duration, bool)| {
        println!("{name:22} gave up: {gave_up} after {after:?}; the work finished: {finished}");
    };
    report(
        "timeout(spawn)",
        try_way(timeout_around_spawn, patience).await,
    );
    report(
        "select! over spawn",
        try_way(select_around_spawn, patience).await,
    );
    report(
        "abort on timeout",
        try_way(abort_on_timeout, patience).await,
    );
    report("AbortOnDropHandle", try_way(abort_on_drop, patience).await);
    report("JoinSet", try_way(in_a_join_set, patience).await);
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    const PATIENCE: Duration = Duration::from_millis(100);

    /// The mistake: the wait gives up at 100 ms, and the task it gave up on
    /// runs to the end anyway.
    #[tokio::test(start_paused = true)]
    async fn a_dropped_join_handle_leaves_its_task_running() {
        for (gave_up, after, finished) in [
            try_way(timeout_around_spawn, PATIENCE).await,
            try_way(select_around_spawn, PATIENCE).await,
        ] {
            assert!(gave_up);
            assert_eq!(after, PATIENCE);
            assert!(finished, "detached, not cancelled: the work ran to the end");
        }
    }

    /// The same, seen from the task: it finishes at 300 ms, 200 ms after
    /// the wait gave up on it.
    #[tokio::test(start_paused = true)]
    async fn the_detached_task_finishes_on_its_own_schedule() {
        let start = Instant::now();
        let (done, done_at) = tokio::sync::oneshot::channel();
        let handle = tokio::spawn(async move {
            sleep(Duration::from_millis(300)).await;
            done.send(start.elapsed()).unwrap();
        });
        assert!(timeout(PATIENCE, handle).await.is_err());
        assert_eq!(done_at.await, Ok(Duration::from_millis(300)));
    }

    /// The fixes: the wait gives up at the same moment, and the task stops.
    #[tokio::test(start_paused = true)]
    async fn each_remedy_stops_the_task_when_the_wait_gives_up() {
        for (gave_up, after, finished) in [
            try_way(abort_on_timeout, PATIENCE).await,
            try_way(abort_on_drop, PATIENCE).await,
            try_way(in_a_join_set, PATIENCE).await,
        ] {
            assert!(gave_up);
            assert_eq!(after, PATIENCE);
            assert!(!finished, "aborted: the work never got to the end");
        }
    }

    /// With patience enough, every way waits for the work and returns its
    /// result at 300 ms: the remedies change only what giving up does.
    #[tokio::test(start_paused = true)]
    async fn in_time_every_way_returns_when_the_work_does() {
        let patience = Duration::from_millis(500);
        for result in [
            try_way(timeout_around_spawn, patience).await,
            try_way(select_around_spawn, patience).await,
            try_way(abort_on_timeout, patience).await,
            try_way(abort_on_drop, patience).await,
            try_way(in_a_join_set, patience).await,
        ] {
            assert_eq!(result, (false, Duration::from_millis(300), true));
        }
    }

    /// Sends, when dropped, how long after `start` that was.
    struct DroppedAt(Instant, Option<tokio::sync::oneshot::Sender<Duration>>);

    impl Drop for DroppedAt {
        fn drop(&mut self) {
            if let Some(sender) = self.1.take() {
                let _ = sender.send(self.0.elapsed());
            }
        }
    }

    /// `abort` on a task waiting in a timer drops the task's future at once
    /// (at 100 ms), not when its timer would have fired (300 ms).
    #[tokio::test(start_paused = true)]
    async fn abort_drops_a_sleeping_tasks_future_at_once() {
        let start = Instant::now();
        let (sender, dropped_at) = tokio::sync::oneshot::channel();
        let guard = DroppedAt(start, Some(sender));
        let handle = tokio::spawn(async move {
            let _guard = guard; // dropped with the task's future
            sleep(Duration::from_millis(300)).await;
        });
        sleep(PATIENCE).await;
        handle.abort();
        assert_eq!(dropped_at.await, Ok(PATIENCE));
    }

    /// An aborted task's handle reports the cancellation when awaited.
    #[tokio::test(start_paused = true)]
    async fn an_aborted_task_ends_in_a_cancelled_join_error() {
        let mut handle = tokio::spawn(work(Arc::new(AtomicBool::new(false))));
        assert!(timeout(PATIENCE, &mut handle).await.is_err());
        handle.abort();
        let error = handle.await.unwrap_err();
        assert!(error.is_cancelled());
    }
}
