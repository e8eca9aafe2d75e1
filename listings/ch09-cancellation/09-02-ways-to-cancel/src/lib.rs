//! Every way to cancel, one test each: what it stops, and what it does not.
//! `cargo test -p listing-09-02-ways-to-cancel`

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set when dropped: tells a test whether a future's state was destroyed.
pub struct DropFlag(pub Arc<AtomicBool>);

impl Drop for DropFlag {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

pub fn flag() -> (Arc<AtomicBool>, DropFlag) {
    let seen = Arc::new(AtomicBool::new(false));
    (seen.clone(), DropFlag(seen))
}

// ANCHOR: blocking_flag
/// Blocking work that asks `stop` between steps: the only kind of
/// `spawn_blocking` closure that can be told to stop. Returns how many
/// steps it did.
pub fn count_until_stopped(stop: impl Fn() -> bool, steps: usize) -> usize {
    for step in 0..steps {
        if stop() {
            return step;
        }
        std::thread::sleep(std::time::Duration::from_millis(1)); // a step of real work
    }
    steps
}
// ANCHOR_END: blocking_flag

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use tokio::sync::oneshot;
    use tokio::task::JoinSet;
    use tokio::time::{sleep, timeout};
    use tokio_util::sync::CancellationToken;

    /// A future that holds a DropFlag and never finishes by itself.
    async fn wait_forever(_held: DropFlag) {
        std::future::pending::<()>().await;
    }

    #[tokio::test]
    async fn dropping_a_future_drops_what_it_holds() {
        let (dropped, held) = flag();
        let mut future = Box::pin(wait_forever(held));
        // Poll it once so that it is suspended at its await.
        assert!(futures_poll_once(future.as_mut()).await.is_none());
        assert!(!dropped.load(Ordering::SeqCst));
        drop(future);
        assert!(dropped.load(Ordering::SeqCst));
    }

    /// Polls a future exactly once.
    async fn futures_poll_once<F: Future + Unpin>(future: F) -> Option<F::Output> {
        let mut future = future;
        std::future::poll_fn(|cx| {
            std::task::Poll::Ready(match std::pin::Pin::new(&mut future).poll(cx) {
                std::task::Poll::Ready(value) => Some(value),
                std::task::Poll::Pending => None,
            })
        })
        .await
    }

    #[tokio::test(start_paused = true)]
    async fn select_drops_the_branches_that_lose() {
        let (dropped, held) = flag();
        tokio::select! {
            _ = wait_forever(held) => unreachable!(),
            _ = sleep(Duration::from_millis(10)) => {}
        }
        assert!(dropped.load(Ordering::SeqCst));
    }

    #[tokio::test(start_paused = true)]
    async fn timeout_drops_the_future_when_time_is_up() {
        let (dropped, held) = flag();
        let result = timeout(Duration::from_millis(10), wait_forever(held)).await;
        assert!(result.is_err());
        assert!(dropped.load(Ordering::SeqCst));
    }

    #[tokio::test]
    async fn abort_cancels_a_task_at_its_next_await() {
        let (dropped, held) = flag();
        let handle = tokio::spawn(wait_forever(held));
        tokio::task::yield_now().await; // let it start and suspend
        handle.abort();
        let error = handle.await.unwrap_err();
        assert!(error.is_cancelled());
        assert!(dropped.load(Ordering::SeqCst));
    }

    // ANCHOR: abort_ok
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn abort_is_a_request_and_a_task_can_still_finish() {
        let (started_tx, started_rx) = std::sync::mpsc::channel();
        let (go_tx, go_rx) = std::sync::mpsc::channel::<()>();
        let handle = tokio::spawn(async move {
            started_tx.send(()).unwrap();
            go_rx.recv().unwrap(); // blocks its worker: no await, no cancel point
            42
        });
        started_rx.recv().unwrap(); // the task is in the middle of its poll
        handle.abort();
        go_tx.send(()).unwrap();
        // It never reached an await after the abort, so it finished.
        assert_eq!(handle.await.unwrap(), 42);
    }
    // ANCHOR_END: abort_ok

    #[tokio::test(start_paused = true)]
    async fn an_abort_handle_cancels_without_the_join_handle() {
        let (dropped, held) = flag();
        let (started_tx, started_rx) = oneshot::channel();
        let (gone_tx, gone_rx) = oneshot::channel::<()>();
        let handle = tokio::spawn(async move {
            let _gone = gone_tx; // dropped only with the task
            started_tx.send(()).unwrap();
            wait_forever(held).await
        });
        let abort = handle.abort_handle();
        drop(handle); // detached...
        started_rx.await.unwrap(); // the task is suspended in wait_forever
        abort.abort(); // ...but still cancellable
        // The sender goes when the task's future is dropped: no guessing
        // how many turns of the scheduler that takes. (The timeout, on the
        // paused clock, only keeps a broken version from hanging.)
        let gone = timeout(Duration::from_secs(1), gone_rx).await;
        assert!(matches!(gone, Ok(Err(_))), "{gone:?}");
        assert!(abort.is_finished());
        assert!(dropped.load(Ordering::SeqCst));
    }

    #[tokio::test(start_paused = true)]
    async fn dropping_a_join_handle_detaches_the_task() {
        let (result_tx, result_rx) = oneshot::channel();
        let handle = tokio::spawn(async move {
            sleep(Duration::from_millis(10)).await;
            result_tx.send("still ran").unwrap();
        });
        drop(handle);
        assert_eq!(result_rx.await, Ok("still ran"));
    }

    #[tokio::test(start_paused = true)]
    async fn dropping_a_join_set_aborts_its_tasks() {
        let (dropped, held) = flag();
        let (result_tx, result_rx) = oneshot::channel::<()>();
        let mut set = JoinSet::new();
        set.spawn(async move {
            let _held = held;
            sleep(Duration::from_millis(10)).await;
            result_tx.send(()).unwrap();
        });
        tokio::task::yield_now().await;
        drop(set);
        // The sender was dropped with the task: the result never comes.
        assert!(result_rx.await.is_err());
        assert!(dropped.load(Ordering::SeqCst));
    }

    // ANCHOR: tokens
    #[tokio::test]
    async fn a_clone_is_the_same_token_and_a_child_is_a_new_one_below_it() {
        let parent = CancellationToken::new();
        let clone = parent.clone();
        let child = parent.child_token();
        let grandchild = child.child_token();

        child.cancel(); // cancels downwards only
        assert!(grandchild.is_cancelled());
        assert!(!parent.is_cancelled() && !clone.is_cancelled());

        clone.cancel(); // the clone *is* the parent
        assert!(parent.is_cancelled());
        let late_child = parent.child_token();
        assert!(late_child.is_cancelled(), "born cancelled");
        late_child.cancelled().await; // completes at once
    }
    // ANCHOR_END: tokens

    #[tokio::test]
    async fn cancelling_a_parent_wakes_a_task_waiting_on_a_child() {
        let parent = CancellationToken::new();
        let child = parent.child_token();
        let task = tokio::spawn(async move {
            child.cancelled().await;
            "woken"
        });
        tokio::task::yield_now().await;
        parent.cancel();
        assert_eq!(task.await.unwrap(), "woken");
    }

    // ANCHOR: run_until_cancelled
    #[tokio::test(start_paused = true)]
    async fn run_until_cancelled_drops_the_future_on_cancel() {
        let token = CancellationToken::new();
        let (dropped, held) = flag();
        let canceller = token.clone();
        tokio::spawn(async move {
            sleep(Duration::from_millis(10)).await;
            canceller.cancel();
        });
        let result = token.run_until_cancelled(wait_forever(held)).await;
        assert_eq!(result, None);
        assert!(dropped.load(Ordering::SeqCst));

        // On a token already cancelled, a ready future is not even polled.
        let result = token.run_until_cancelled(async { 5 }).await;
        assert_eq!(result, None);
        let fresh = CancellationToken::new();
        assert_eq!(fresh.run_until_cancelled(async { 5 }).await, Some(5));

        // Cancelled during the very poll in which the future finishes:
        // the future's output wins.
        let racing = CancellationToken::new();
        let canceller = racing.clone();
        let result = racing
            .run_until_cancelled(async move {
                canceller.cancel();
                6
            })
            .await;
        assert_eq!(result, Some(6));
    }
    // ANCHOR_END: run_until_cancelled

    #[tokio::test]
    async fn a_drop_guard_cancels_when_dropped_unless_disarmed() {
        let token = CancellationToken::new();
        let guard = token.clone().drop_guard();
        let disarmed = CancellationToken::new();
        let kept = disarmed.clone().drop_guard().disarm();
        drop(guard);
        drop(kept);
        assert!(token.is_cancelled());
        assert!(!disarmed.is_cancelled());
    }

    #[test]
    fn shutting_down_a_runtime_cancels_its_tasks() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let (dropped, held) = flag();
        let handle = runtime.spawn(wait_forever(held));
        runtime.block_on(tokio::task::yield_now()); // let the task start
        drop(runtime);
        assert!(dropped.load(Ordering::SeqCst));
        // The handle can be polled without a runtime: it reports the cancel.
        let error = futures_block_on(handle).unwrap_err();
        assert!(error.is_cancelled());
    }

    fn futures_block_on<F: Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(future)
    }

    // ANCHOR: blocking
    #[tokio::test(flavor = "multi_thread", worker_threads = 1)]
    async fn abort_does_not_stop_spawn_blocking_but_a_flag_does() {
        let (started_tx, started_rx) = oneshot::channel();
        let handle = tokio::task::spawn_blocking(move || {
            started_tx.send(()).unwrap();
            count_until_stopped(|| false, 50)
        });
        started_rx.await.unwrap();
        handle.abort(); // no effect: the closure is running
        assert_eq!(handle.await.unwrap(), 50, "it ran every step");

        // The fix: a flag the closure checks; a token's is_cancelled() is one.
        let token = CancellationToken::new();
        let (started_tx, started_rx) = oneshot::channel();
        let handle = tokio::task::spawn_blocking({
            let token = token.clone();
            move || {
                started_tx.send(()).unwrap();
                count_until_stopped(|| token.is_cancelled(), 50_000)
            }
        });
        started_rx.await.unwrap();
        token.cancel();
        let steps = handle.await.unwrap();
        assert!(steps < 50_000, "it stopped early, after {steps} steps");
    }
    // ANCHOR_END: blocking
}
