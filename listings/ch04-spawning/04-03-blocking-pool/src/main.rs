use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::thread;
use std::time::{Duration, Instant};

// ANCHOR: work
/// Blocking work: a slow checksum, standing in for a synchronous file read,
/// a compression step or a password hash.
fn slow_checksum(data: &[u8]) -> u64 {
    let mut sum = 0u64;
    for _ in 0..100 {
        for &byte in data {
            sum = sum.wrapping_mul(31).wrapping_add(u64::from(byte));
        }
    }
    sum
}
// ANCHOR_END: work

// ANCHOR: offload
/// Runs blocking code on tokio's blocking pool while a heartbeat task runs
/// on the runtime's only thread. The blocking code is a loop of
/// `thread::sleep`s, standing in for any call that holds its thread: it
/// waits until the heartbeat has beaten three more times, which can only
/// happen if the runtime's thread is free. Returns whether it saw those
/// beats, and which threads ran the runtime and the blocking code.
async fn block_off_the_runtime() -> (bool, String, String) {
    let beats = Arc::new(AtomicU32::new(0));
    let counter = Arc::clone(&beats);
    let heart = tokio::spawn(async move {
        loop {
            counter.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    });
    let runtime_thread = thread::current().name().unwrap_or_default().to_owned();
    let (saw_beats, pool_thread) = tokio::task::spawn_blocking(move || {
        let wanted = beats.load(Ordering::SeqCst) + 3;
        let give_up = Instant::now() + Duration::from_secs(10);
        while beats.load(Ordering::SeqCst) < wanted && Instant::now() < give_up {
            thread::sleep(Duration::from_millis(1)); // blocking, but on its own thread
        }
        let saw_beats = beats.load(Ordering::SeqCst) >= wanted;
        (
            saw_beats,
            thread::current().name().unwrap_or_default().to_owned(),
        )
    })
    .await
    .unwrap();
    heart.abort();
    (saw_beats, runtime_thread, pool_thread)
}
// ANCHOR_END: offload

// ANCHOR: main
fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (saw_beats, runtime_thread, pool_thread) = runtime.block_on(block_off_the_runtime());
    println!("runtime thread: {runtime_thread:?}; blocking work ran on: {pool_thread:?}");
    println!("the heartbeat beat three times while the work blocked: {saw_beats}");

    // block_in_place: this thread runs the blocking code itself, after
    // handing its worker role, and queued tasks, to a new thread.
    // Multi-thread runtimes only.
    let pool = tokio::runtime::Runtime::new().unwrap();
    let sum = pool.block_on(async {
        tokio::spawn(async { tokio::task::block_in_place(|| slow_checksum(&[1, 2, 3])) })
            .await
            .unwrap()
    });
    println!(
        "block_in_place on a multi-thread runtime: {}",
        sum == slow_checksum(&[1, 2, 3])
    );
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::sync::oneshot;

    #[test]
    fn blocking_work_runs_off_the_runtime_thread_even_on_current_thread() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let here = thread::current().id();
        let there = runtime
            .block_on(async { tokio::task::spawn_blocking(|| thread::current().id()).await });
        assert_ne!(here, there.unwrap());
    }

    #[tokio::test]
    #[should_panic(expected = "can call blocking only when running on the multi-threaded runtime")]
    async fn block_in_place_panics_on_a_current_thread_runtime() {
        tokio::task::block_in_place(|| slow_checksum(&[1]));
    }

    #[test]
    fn the_heartbeat_runs_while_the_pool_works() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let (saw_beats, _, _) = runtime.block_on(block_off_the_runtime());
        assert!(saw_beats);
    }

    /// The closure runs on the thread that calls `block_in_place`, before it
    /// returns, so it may borrow, and hold values that are not `Send`.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn block_in_place_runs_here_and_may_borrow() {
        let outcome = tokio::spawn(async {
            let before = thread::current().id();
            let data = vec![1u8, 2, 3];
            let (inside, sum) = tokio::task::block_in_place(|| {
                let not_send = std::rc::Rc::new(slow_checksum(&data)); // borrows `data`
                (thread::current().id(), *not_send)
            });
            (before == inside, sum)
        })
        .await
        .unwrap();
        assert_eq!(outcome, (true, slow_checksum(&[1, 2, 3])));
    }

    /// Both halves of the claim, on a runtime with one worker. While the
    /// closure blocks, a task spawned beside it runs (the worker's role, and
    /// its queue, went to another thread) and answers; a future `join!`ed
    /// with the closure's future is in the same task, which is blocked, so
    /// it cannot answer until the closure has returned.
    #[tokio::test(flavor = "multi_thread", worker_threads = 1)]
    async fn block_in_place_lets_other_tasks_run_but_not_join_siblings() {
        let (call_task, task_called) = oneshot::channel::<()>();
        let (task_answer, task_answered) = std::sync::mpsc::channel::<()>();
        let (call_sibling, sibling_called) = oneshot::channel::<()>();
        let (sibling_answer, sibling_answered) = std::sync::mpsc::channel::<()>();
        let (task_did, sibling_did) = tokio::spawn(async move {
            let other = tokio::spawn(async move {
                task_called.await.unwrap();
                task_answer.send(()).unwrap();
            });
            let (answers, ()) = tokio::join!(
                async move {
                    tokio::task::block_in_place(move || {
                        call_task.send(()).unwrap();
                        call_sibling.send(()).unwrap();
                        let task_did = task_answered.recv_timeout(Duration::from_secs(10));
                        // This wait cannot succeed, however long it is: the
                        // sibling is polled only once this poll is over.
                        let sibling_did = sibling_answered.recv_timeout(Duration::from_millis(200));
                        (task_did.is_ok(), sibling_did.is_ok())
                    })
                },
                async move {
                    sibling_called.await.unwrap();
                    // Too late: the closure has stopped listening.
                    let _ = sibling_answer.send(());
                },
            );
            other.await.unwrap();
            answers
        })
        .await
        .unwrap();
        assert!(task_did, "the other task ran while the closure blocked");
        assert!(!sibling_did, "the join! sibling waited for the closure");
    }

    /// The same wait without `block_in_place`, to show what it changes: the
    /// only worker is blocked, and the other task cannot run until it is
    /// free again.
    #[tokio::test(flavor = "multi_thread", worker_threads = 1)]
    async fn plain_blocking_on_the_only_worker_stops_other_tasks() {
        let (call_task, task_called) = oneshot::channel::<()>();
        let (task_answer, task_answered) = std::sync::mpsc::channel::<()>();
        let task_did = tokio::spawn(async move {
            let other = tokio::spawn(async move {
                task_called.await.unwrap();
                task_answer.send(()).unwrap();
            });
            call_task.send(()).unwrap();
            // Blocking the worker: nothing else can run on it meanwhile.
            let task_did = task_answered.recv_timeout(Duration::from_millis(200));
            other.await.unwrap();
            task_did.is_ok()
        })
        .await
        .unwrap();
        assert!(!task_did);
    }

    /// `abort` cannot stop a `block_in_place` closure: it is part of a poll
    /// of its task, which runs to its end. The task is cancelled when it
    /// next suspends (`yield_now` always does).
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn abort_waits_for_a_block_in_place_closure() {
        let (started_tx, started) = oneshot::channel();
        let (go, go_rx) = std::sync::mpsc::channel::<()>();
        let finished = Arc::new(AtomicU32::new(0));
        let flag = Arc::clone(&finished);
        let task = tokio::spawn(async move {
            tokio::task::block_in_place(|| {
                started_tx.send(()).unwrap();
                go_rx.recv().unwrap();
                flag.store(1, Ordering::SeqCst); // the closure's last line
            });
            tokio::task::yield_now().await; // the task suspends here
            flag.store(2, Ordering::SeqCst); // never reached
        });
        started.await.unwrap();
        task.abort();
        go.send(()).unwrap();
        assert!(task.await.unwrap_err().is_cancelled());
        assert_eq!(finished.load(Ordering::SeqCst), 1);
    }
}
