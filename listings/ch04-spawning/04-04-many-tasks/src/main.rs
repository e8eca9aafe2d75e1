use std::time::Duration;
use tokio::task::JoinSet;
use tokio::time::{Instant, sleep};

/// A fetch that takes a known time.
async fn fetch(name: &'static str, millis: u64) -> &'static str {
    sleep(Duration::from_millis(millis)).await;
    name
}

const JOBS: [(&str, u64); 3] = [("slow", 300), ("fast", 100), ("medium", 200)];

// ANCHOR: joinset
/// Results as they complete, with the time each arrived.
async fn in_completion_order() -> Vec<(&'static str, Duration)> {
    let start = Instant::now();
    let mut set = JoinSet::new();
    for (name, millis) in JOBS {
        set.spawn(fetch(name, millis));
    }
    let mut arrived = Vec::new();
    while let Some(joined) = set.join_next().await {
        arrived.push((joined.unwrap(), start.elapsed()));
    }
    arrived
}
// ANCHOR_END: joinset

// ANCHOR: join_all
/// Results in spawn order, all available once the slowest is done.
async fn in_spawn_order() -> (Vec<&'static str>, Duration) {
    let start = Instant::now();
    let handles: Vec<_> = JOBS
        .iter()
        .map(|&(name, millis)| tokio::spawn(fetch(name, millis)))
        .collect();
    let results = futures::future::join_all(handles).await;
    let names = results.into_iter().map(Result::unwrap).collect();
    (names, start.elapsed())
}
// ANCHOR_END: join_all

// ANCHOR: task_local
tokio::task_local! {
    /// The request a task is working for, visible to everything it calls.
    static REQUEST: u32;
}

fn log(message: &str) -> String {
    // Any code running inside the task can read it, without a parameter.
    format!("[request {}] {message}", REQUEST.get())
}

async fn handle(request: u32) -> String {
    REQUEST
        .scope(request, async {
            sleep(Duration::from_millis(10 * u64::from(request))).await;
            log("handled")
        })
        .await
}
// ANCHOR_END: task_local

// ANCHOR: main
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    for (name, at) in in_completion_order().await {
        println!("JoinSet::join_next: {name:6} at {at:?}");
    }
    let (names, at) = in_spawn_order().await;
    println!("join_all of handles: {names:?}, all at {at:?}");

    // Request 2 takes 20 ms, request 1 10 ms: join_all gives them in the
    // order they finish, not the order they were spawned.
    let mut set = JoinSet::new();
    for request in [2, 1] {
        set.spawn(handle(request));
    }
    for line in set.join_all().await {
        println!("{line}");
    }
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

    /// Dropping the set aborts every task in it: one that has started (it
    /// is asleep in its `sleep`) and one that has not yet been polled.
    #[tokio::test(start_paused = true)]
    async fn dropping_a_join_set_aborts_its_tasks() {
        let finished = Arc::new(AtomicUsize::new(0));
        let (started_tx, started) = tokio::sync::oneshot::channel();
        let mut set = JoinSet::new();
        let counter = Arc::clone(&finished);
        set.spawn(async move {
            started_tx.send(()).unwrap();
            sleep(Duration::from_secs(1)).await;
            counter.fetch_add(1, Ordering::SeqCst);
        });
        started.await.unwrap(); // the first task is running, asleep
        let counter = Arc::clone(&finished);
        set.spawn(async move {
            sleep(Duration::from_secs(1)).await;
            counter.fetch_add(1, Ordering::SeqCst);
        });
        drop(set);
        // The clock is paused, so this sleep is exact: it runs the clock past
        // the moment the tasks would have finished, had they not been aborted.
        sleep(Duration::from_secs(2)).await;
        assert_eq!(finished.load(Ordering::SeqCst), 0);
    }

    /// `JoinSet::join_all` re-raises a task's panic in the caller with the
    /// panic's own payload (not a new message that quotes it), and the set,
    /// dropped as that panic unwinds, aborts the tasks still running. The
    /// caller here is a task, so that the test can catch the panic and look
    /// at its payload.
    #[tokio::test(start_paused = true)]
    async fn join_all_re_raises_a_panic_and_aborts_the_rest() {
        let finished = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&finished);
        let mut set = JoinSet::new();
        set.spawn(async move {
            sleep(Duration::from_secs(1)).await;
            flag.store(true, Ordering::SeqCst);
        });
        set.spawn(async { panic!("one task's bug") });
        let caller = tokio::spawn(set.join_all()).await.unwrap_err();
        let payload = caller.into_panic();
        assert_eq!(payload.downcast_ref::<&str>(), Some(&"one task's bug"));
        // Past the moment the slow task would have finished (exact: the
        // clock is paused): it was aborted.
        sleep(Duration::from_secs(2)).await;
        assert!(!finished.load(Ordering::SeqCst));
    }

    /// A cancelled task makes `join_all` panic too, with the `JoinError`'s
    /// message.
    #[tokio::test]
    async fn join_all_panics_on_a_cancelled_task() {
        let mut set = JoinSet::new();
        let doomed = set.spawn(std::future::pending::<()>());
        doomed.abort();
        let caller = tokio::spawn(set.join_all()).await.unwrap_err();
        let payload = caller.into_panic();
        let message = payload.downcast_ref::<String>().unwrap();
        assert_eq!(*message, format!("task {} was cancelled", doomed.id()));
    }

    /// A panicked task returns no value to say which it was, but its
    /// `JoinError` carries the task's id, the same id that `spawn`'s
    /// `AbortHandle` gave.
    #[tokio::test]
    async fn a_failed_task_is_known_by_its_id() {
        let mut set = JoinSet::new();
        let fine = set.spawn(async { "fine" }).id();
        let bad = set.spawn(async { panic!("bad") }).id();
        let mut seen = Vec::new();
        while let Some(joined) = set.join_next_with_id().await {
            match joined {
                Ok((id, value)) => seen.push((id, value)),
                Err(error) => seen.push((error.id(), "panicked")),
            }
        }
        seen.sort_by_key(|&(id, _)| id != fine);
        assert_eq!(seen, [(fine, "fine"), (bad, "panicked")]);
    }

    #[tokio::test]
    async fn a_task_spawned_inside_a_scope_does_not_inherit_it() {
        let inside = REQUEST
            .scope(5, async {
                tokio::spawn(async { REQUEST.try_with(|id| *id).ok() }).await
            })
            .await;
        assert_eq!(inside.unwrap(), None);
    }

    #[tokio::test(start_paused = true)]
    async fn each_task_sees_its_own_task_local() {
        let (a, b) = tokio::join!(tokio::spawn(handle(7)), tokio::spawn(handle(8)));
        assert_eq!(a.unwrap(), "[request 7] handled");
        assert_eq!(b.unwrap(), "[request 8] handled");
    }

    #[tokio::test]
    #[should_panic(expected = "cannot access a task-local storage value without setting it first")]
    async fn reading_an_unset_task_local_panics() {
        log("outside any scope");
    }
}
