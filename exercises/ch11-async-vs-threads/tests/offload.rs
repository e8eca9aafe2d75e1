use exercises_ch11_async_vs_threads::offload;
use std::sync::mpsc;
use std::time::Duration;

/// The computation waits for a signal that only another task on the same
/// current-thread runtime can send. If the computation held the runtime's
/// thread, that task could never run: the computation gives up after 2 s
/// and reports it.
#[tokio::test(flavor = "current_thread")]
async fn the_runtime_runs_other_tasks_while_the_computation_runs() {
    let (tx, rx) = mpsc::channel::<()>();
    let signaller = tokio::spawn(async move {
        // Yield once, so that a computation spawned as a task on this
        // runtime would be queued ahead of the signal.
        tokio::task::yield_now().await;
        tx.send(()).unwrap()
    });
    let got_signal = offload(move || rx.recv_timeout(Duration::from_secs(2)).is_ok()).await;
    assert!(got_signal, "the computation blocked the runtime's thread");
    signaller.await.unwrap();
}

#[tokio::test(flavor = "current_thread")]
async fn returns_what_the_computation_returns() {
    assert_eq!(offload(|| (1..=100u64).sum::<u64>()).await, 5050);
    assert_eq!(offload(|| String::from("done")).await, "done");
}

#[tokio::test(flavor = "current_thread")]
async fn computes_on_another_thread() {
    let here = std::thread::current().id();
    let there = offload(|| std::thread::current().id()).await;
    assert_ne!(here, there);
}
