use std::time::Duration;
use tokio::sync::oneshot;
use tokio::task::JoinError;
use tokio::time::{Instant, sleep};

// ANCHOR: outcome
/// What became of a task, from its JoinHandle's point of view.
fn outcome<T: std::fmt::Debug>(joined: Result<T, JoinError>) -> String {
    match joined {
        Ok(value) => format!("returned {value:?}"),
        Err(error) if error.is_panic() => {
            // The panic's payload is the value passed to panic!.
            let payload = error.into_panic();
            let message = payload.downcast_ref::<&str>().copied().unwrap_or("?");
            format!("panicked: {message:?}")
        }
        Err(error) if error.is_cancelled() => "was cancelled".to_owned(),
        // A JoinError is one or the other, but match guards do not tell the
        // compiler that, so the match needs this arm.
        Err(_) => unreachable!("a JoinError is a panic or a cancellation"),
    }
}
// ANCHOR_END: outcome

// ANCHOR: main
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now();

    // 1. A task that returns: awaiting its handle gives its value.
    let adder = tokio::spawn(async { 40 + 2 });
    println!("adder    {}", outcome(adder.await));

    // 2. A task that panics: the panic stays in the task.
    let doomed = tokio::spawn(async { panic!("the task's own bug") });
    println!("doomed   {}", outcome(doomed.await));

    // 3. A task that is aborted: dropped without being polled again.
    let sleeper = tokio::spawn(async {
        sleep(Duration::from_secs(60)).await;
        "woke up"
    });
    sleeper.abort();
    println!("sleeper  {}", outcome(sleeper.await));

    // 4. A task whose handle is dropped: detached, it keeps running.
    let (done, finished) = oneshot::channel();
    let detached = tokio::spawn(async move {
        sleep(Duration::from_secs(1)).await;
        done.send("finished on its own").unwrap();
    });
    drop(detached);
    println!("detached {}", finished.await.unwrap());

    println!("and the runtime is still running, at {:?}", start.elapsed());
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    #[tokio::test]
    async fn a_panic_is_caught_and_other_tasks_carry_on() {
        let dropped = Arc::new(AtomicBool::new(false));
        let tell = Tell(Arc::clone(&dropped));
        let bad = tokio::spawn(async move {
            let _tell = tell;
            panic!("boom")
        });
        let good = tokio::spawn(async { "fine" });
        let error = bad.await.unwrap_err();
        assert!(error.is_panic());
        // The payload is exactly what was passed to panic!.
        assert_eq!(error.into_panic().downcast_ref::<&str>(), Some(&"boom"));
        // The task's locals were dropped as the panic unwound.
        assert!(dropped.load(Ordering::SeqCst));
        assert_eq!(good.await.unwrap(), "fine");
    }

    #[tokio::test]
    async fn a_detached_task_that_panics_harms_no_one_and_tells_no_one() {
        let (done, finished) = oneshot::channel::<()>();
        drop(tokio::spawn(async move {
            let _done = done; // dropped as the panic unwinds
            panic!("nobody is listening");
        }));
        // The only trace, apart from the panic hook's message on stderr:
        // the channel's sender is gone, without a value.
        assert!(finished.await.is_err());
        assert_eq!(tokio::spawn(async { 2 }).await.unwrap(), 2);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_panic_does_not_stop_a_multi_thread_runtime_either() {
        for _ in 0..10 {
            assert!(
                tokio::spawn(async { panic!("boom") })
                    .await
                    .unwrap_err()
                    .is_panic()
            );
        }
        // The runtime still runs new tasks; bounded, so that a runtime that
        // had lost its workers would fail here rather than hang.
        let answers: Vec<_> = (0..10)
            .map(|n| tokio::spawn(async move { n * 2 }))
            .collect();
        let all = async {
            for (n, answer) in answers.into_iter().enumerate() {
                assert_eq!(answer.await.unwrap(), n * 2);
            }
        };
        tokio::time::timeout(Duration::from_secs(10), all)
            .await
            .expect("the runtime ran the new tasks");
    }

    /// Sets its flag when dropped: shows when a task's future is destroyed.
    struct Tell(Arc<AtomicBool>);

    impl Drop for Tell {
        fn drop(&mut self) {
            self.0.store(true, Ordering::SeqCst);
        }
    }

    #[tokio::test]
    async fn abort_requests_a_cancellation_which_happens_later() {
        let dropped = Arc::new(AtomicBool::new(false));
        let tell = Tell(Arc::clone(&dropped));
        let sleeper = tokio::spawn(async move {
            let _tell = tell;
            std::future::pending::<()>().await;
        });
        sleeper.abort();
        // abort() returned, but the task's future has not been dropped yet:
        // that happens when the runtime next gets to the task.
        assert!(!dropped.load(Ordering::SeqCst));
        assert!(sleeper.await.unwrap_err().is_cancelled());
        assert!(dropped.load(Ordering::SeqCst));
    }

    #[tokio::test]
    async fn aborting_a_task_that_has_finished_changes_nothing() {
        let quick = tokio::spawn(async { "done" });
        while !quick.is_finished() {
            tokio::task::yield_now().await;
        }
        quick.abort();
        assert_eq!(quick.await.unwrap(), "done");
    }

    /// What a task does after an `abort` that lands in the middle of its poll.
    #[derive(Clone, Copy, Debug)]
    enum Then {
        /// Returns, with no `.await` left.
        Returns,
        /// Awaits two futures that are already ready, then returns: neither
        /// `.await` suspends the task.
        AwaitsReadyFutures,
        /// Awaits `yield_now`, which always suspends the task once.
        Suspends,
    }

    /// `abort` while the task is being polled, on another worker: the poll
    /// goes on, and the task is stopped only when the poll ends with the
    /// task suspended (an `.await` whose future was not ready). A task that
    /// finishes in that poll reports `Ok`, abort or not, even if it went
    /// through `.await`s on the way. (The task blocks its worker in `recv`,
    /// briefly, so that the abort lands in the middle of a poll.)
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_aborted_task_is_stopped_only_when_it_next_suspends() {
        for then in [Then::Returns, Then::AwaitsReadyFutures, Then::Suspends] {
            let (started_tx, started) = oneshot::channel();
            let (go, go_rx) = std::sync::mpsc::channel::<()>();
            let (filled_tx, filled) = oneshot::channel();
            filled_tx.send(2).unwrap(); // its receiver is ready at once
            let task = tokio::spawn(async move {
                started_tx.send(()).unwrap();
                go_rx.recv().unwrap(); // blocks: we are inside one poll
                match then {
                    Then::Returns => 0,
                    Then::AwaitsReadyFutures => std::future::ready(1).await + filled.await.unwrap(),
                    Then::Suspends => {
                        tokio::task::yield_now().await;
                        0
                    }
                }
            });
            started.await.unwrap();
            task.abort(); // the task is in the middle of a poll
            go.send(()).unwrap();
            let joined = task.await;
            match then {
                Then::Returns => assert_eq!(joined.unwrap(), 0),
                Then::AwaitsReadyFutures => assert_eq!(joined.unwrap(), 3),
                Then::Suspends => assert!(joined.unwrap_err().is_cancelled()),
            }
        }
    }

    #[tokio::test]
    async fn abort_cannot_stop_blocking_work_that_has_started() {
        let (started_tx, started) = oneshot::channel();
        let (go, go_rx) = std::sync::mpsc::channel::<()>();
        let blocking = tokio::task::spawn_blocking(move || {
            started_tx.send(()).unwrap();
            go_rx.recv().unwrap(); // blocks this pool thread until told to go
            "ran to the end"
        });
        started.await.unwrap();
        blocking.abort(); // has no effect on a closure that is running
        go.send(()).unwrap();
        assert_eq!(blocking.await.unwrap(), "ran to the end");
    }

    /// A `spawn_blocking` job that has not started yet can be aborted: here
    /// the pool has one thread, and it is busy with the first job.
    #[test]
    fn abort_stops_blocking_work_that_has_not_started() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .max_blocking_threads(1)
            .build()
            .unwrap();
        runtime.block_on(async {
            let (started_tx, started) = oneshot::channel();
            let (go, go_rx) = std::sync::mpsc::channel::<()>();
            let first = tokio::task::spawn_blocking(move || {
                started_tx.send(()).unwrap();
                go_rx.recv().unwrap();
            });
            started.await.unwrap();
            let ran = Arc::new(AtomicBool::new(false));
            let flag = Arc::clone(&ran);
            let second = tokio::task::spawn_blocking(move || flag.store(true, Ordering::SeqCst));
            second.abort(); // still queued behind the first
            go.send(()).unwrap();
            first.await.unwrap();
            assert!(second.await.unwrap_err().is_cancelled());
            assert!(!ran.load(Ordering::SeqCst));
        });
    }

    /// When a runtime shuts down, its tasks are dropped at their `.await`,
    /// like aborted ones, and their handles report a cancellation (awaited
    /// here with no runtime at all: a `JoinHandle` is a plain future).
    #[test]
    fn a_runtime_shutting_down_cancels_its_tasks() {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let dropped = Arc::new(AtomicBool::new(false));
        let tell = Tell(Arc::clone(&dropped));
        let handle = runtime.spawn(async move {
            let _tell = tell;
            std::future::pending::<()>().await;
        });
        drop(runtime);
        assert!(dropped.load(Ordering::SeqCst));
        let joined = poll_once(handle);
        assert!(joined.unwrap_err().is_cancelled());
    }

    /// Polls a future once, and requires it to be ready: enough of an
    /// executor for a `JoinHandle` whose task is already over.
    fn poll_once<F: std::future::Future>(future: F) -> F::Output {
        let mut future = std::pin::pin!(future);
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        match future.as_mut().poll(&mut cx) {
            std::task::Poll::Ready(output) => output,
            std::task::Poll::Pending => panic!("the task had not finished"),
        }
    }

    #[tokio::test(start_paused = true)]
    async fn an_abort_handle_stops_a_task_whose_join_handle_was_dropped() {
        let finished = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&finished);
        let handle = tokio::spawn(async move {
            sleep(Duration::from_secs(10)).await;
            flag.store(true, Ordering::SeqCst); // never reached
        });
        let abort = handle.abort_handle();
        drop(handle);
        abort.abort();
        // No handle to await, so let (paused, hence exact) time run past the
        // moment the task would have finished, and check that it did not.
        sleep(Duration::from_secs(20)).await;
        assert!(!finished.load(Ordering::SeqCst));
        assert!(abort.is_finished());
    }
}
