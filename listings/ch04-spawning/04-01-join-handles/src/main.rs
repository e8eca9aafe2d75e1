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
        Err(_) => "failed in some other way".to_owned(),
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

    // 4. A task whose handle is dropped: detached, it runs to the end anyway.
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
        let bad = tokio::spawn(async { panic!("boom") });
        let good = tokio::spawn(async { "fine" });
        assert!(bad.await.unwrap_err().is_panic());
        assert_eq!(good.await.unwrap(), "fine");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_panic_does_not_take_a_worker_thread_down_either() {
        for _ in 0..10 {
            assert!(
                tokio::spawn(async { panic!("boom") })
                    .await
                    .unwrap_err()
                    .is_panic()
            );
        }
        // Both workers are still there and running tasks.
        let answers: Vec<_> = (0..10)
            .map(|n| tokio::spawn(async move { n * 2 }))
            .collect();
        for (n, answer) in answers.into_iter().enumerate() {
            assert_eq!(answer.await.unwrap(), n * 2);
        }
    }

    #[tokio::test(start_paused = true)]
    async fn an_abort_handle_stops_a_task_whose_join_handle_is_gone() {
        let stopped = Arc::new(AtomicBool::new(true));
        let flag = Arc::clone(&stopped);
        let handle = tokio::spawn(async move {
            sleep(Duration::from_secs(10)).await;
            flag.store(false, Ordering::SeqCst); // never reached
        });
        let abort = handle.abort_handle();
        drop(handle);
        abort.abort();
        sleep(Duration::from_secs(20)).await;
        assert!(stopped.load(Ordering::SeqCst));
        assert!(abort.is_finished());
    }
}
