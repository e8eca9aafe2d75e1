//! Two channels from outside tokio's four. A work queue from `async-channel`,
//! whose receiver clones, so that several workers share one queue and each
//! job goes to exactly one of them. And a bridge between async code and a
//! plain thread with tokio's own mpsc: `blocking_recv` and `blocking_send`
//! on the thread's side, which panic if called on a runtime thread.

use std::collections::HashMap;
use std::time::Duration;
use tokio::sync::mpsc;

// ANCHOR: queue
/// Three workers share one queue of `jobs` jobs. Returns, for each job, the
/// workers that did it.
async fn work_queue(jobs: u32) -> HashMap<u32, Vec<usize>> {
    let (tx, rx) = async_channel::bounded::<u32>(4);
    let mut workers = tokio::task::JoinSet::new();
    for id in 0..3 {
        let rx = rx.clone(); // every worker has its own Receiver
        workers.spawn(async move {
            let mut done = Vec::new();
            while let Ok(job) = rx.recv().await {
                tokio::time::sleep(Duration::from_millis(10 * (id as u64 + 1))).await;
                done.push((job, id));
            }
            done // Err: the queue is closed and empty
        });
    }
    drop(rx);
    for job in 0..jobs {
        tx.send(job).await.unwrap();
    }
    drop(tx); // close the queue: the workers finish what is left, then stop

    let mut by_job: HashMap<u32, Vec<usize>> = HashMap::new();
    for (job, id) in workers.join_all().await.into_iter().flatten() {
        by_job.entry(job).or_default().push(id);
    }
    by_job
}
// ANCHOR_END: queue

// ANCHOR: bridge
/// A plain thread that sums what async code sends it and sends back each
/// running total.
fn spawn_summer() -> (
    mpsc::Sender<u64>,
    mpsc::Receiver<u64>,
    std::thread::JoinHandle<()>,
) {
    let (to_thread, mut from_async) = mpsc::channel::<u64>(16);
    let (to_async, from_thread) = mpsc::channel::<u64>(16);
    let thread = std::thread::spawn(move || {
        let mut total = 0;
        while let Some(n) = from_async.blocking_recv() {
            total += n; // imagine a blocking library call here
            if to_async.blocking_send(total).is_err() {
                break;
            }
        }
    });
    (to_thread, from_thread, thread)
}
// ANCHOR_END: bridge

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let by_job = work_queue(12).await;
    let mut jobs: Vec<_> = by_job.into_iter().collect();
    jobs.sort();
    println!("job -> worker: {jobs:?}");

    let (tx, mut totals, thread) = spawn_summer();
    for n in [1, 2, 3, 4] {
        tx.send(n).await.unwrap();
        println!("sent {n}, running total {:?}", totals.recv().await);
    }
    drop(tx);
    thread.join().unwrap();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn each_job_goes_to_exactly_one_worker() {
        let by_job = work_queue(200).await;
        assert_eq!(by_job.len(), 200);
        assert!(by_job.values().all(|workers| workers.len() == 1));
    }

    #[tokio::test(start_paused = true)]
    async fn the_work_is_shared() {
        let by_job = work_queue(60).await;
        for id in 0..3 {
            assert!(
                by_job.values().any(|workers| workers == &[id]),
                "worker {id} idle"
            );
        }
    }

    #[tokio::test]
    async fn a_thread_and_a_task_talk_over_the_bridge() {
        let (tx, mut totals, thread) = spawn_summer();
        for n in 1..=100 {
            tx.send(n).await.unwrap();
            assert_eq!(totals.recv().await, Some(n * (n + 1) / 2));
        }
        drop(tx);
        assert_eq!(totals.recv().await, None); // the thread has finished
        thread.join().unwrap();
    }

    #[tokio::test]
    async fn an_unbounded_send_works_from_a_plain_thread() {
        let (tx, mut rx) = mpsc::unbounded_channel::<u32>();
        std::thread::spawn(move || tx.send(1).unwrap())
            .join()
            .unwrap();
        assert_eq!(rx.recv().await, Some(1));
    }

    #[tokio::test]
    #[should_panic(expected = "Cannot block the current thread from within a runtime")]
    async fn blocking_recv_on_a_runtime_thread_panics() {
        let (_tx, mut rx) = mpsc::channel::<u64>(1);
        rx.blocking_recv();
    }

    #[tokio::test]
    #[should_panic(expected = "Cannot block the current thread from within a runtime")]
    async fn blocking_send_too() {
        let (tx, _rx) = mpsc::channel::<u64>(1);
        let _ = tx.blocking_send(1);
    }
}
