use std::rc::Rc;
use std::sync::{Arc, Mutex};
use tokio::task::{self, LocalSet};

// ANCHOR: move
/// Fix 1 for a borrowed local: give the task the data (`async move`).
async fn longest(names: Vec<String>) -> Option<usize> {
    let task = tokio::spawn(async move { names.iter().map(String::len).max() });
    task.await.unwrap()
}
// ANCHOR_END: move

// ANCHOR: arc
/// Fix 2, when several tasks need the same data: share it with an `Arc`.
/// Each task owns a clone of the pointer; the data lives until the last goes.
async fn lengths_in_parallel(names: Vec<String>) -> Vec<usize> {
    let names = Arc::new(names);
    let mut tasks = Vec::new();
    for index in 0..names.len() {
        let names = Arc::clone(&names);
        tasks.push(tokio::spawn(async move { names[index].len() }));
    }
    let mut lengths = Vec::new();
    for task in tasks {
        lengths.push(task.await.unwrap());
    }
    lengths
}
// ANCHOR_END: arc

// ANCHOR: no_spawn
/// Fix 3: no task at all. `join!` runs both futures concurrently inside the
/// current task, so they may borrow its locals.
async fn halves(names: &[String]) -> (usize, usize) {
    let (first, second) = names.split_at(names.len() / 2);
    tokio::join!(letters(first), letters(second))
}

async fn letters(names: &[String]) -> usize {
    task::yield_now().await; // as if it had to wait for something
    names.iter().map(String::len).sum()
}
// ANCHOR_END: no_spawn

// ANCHOR: guard
async fn save(total: u64) -> u64 {
    task::yield_now().await; // as if it wrote somewhere
    total
}

/// The guard is dropped at the end of its block, before the `.await`, so
/// the future holds only a `u64` across it, and is `Send`.
async fn increment_and_save(total: Arc<Mutex<u64>>) -> u64 {
    let value = {
        let mut guard = total.lock().unwrap();
        *guard += 1;
        *guard
    };
    save(value).await
}
// ANCHOR_END: guard

// ANCHOR: local
/// `!Send` data across an `.await` is fine in a task that never leaves its
/// thread: `spawn_local`, inside a `LocalSet`.
async fn with_rc() -> String {
    let local = LocalSet::new();
    local
        .run_until(async {
            let config = Rc::new(String::from("verbose"));
            let task = task::spawn_local(async move {
                task::yield_now().await;
                format!("config is {config}")
            });
            task.await.unwrap()
        })
        .await
}
// ANCHOR_END: local

// ANCHOR: main
#[tokio::main]
async fn main() {
    let names = || vec!["ada".to_owned(), "grace".to_owned(), "barbara".to_owned()];
    println!("{:22} {:?}", "longest name:", longest(names()).await);
    println!(
        "{:22} {:?}",
        "lengths, in parallel:",
        lengths_in_parallel(names()).await
    );
    println!("{:22} {:?}", "halves, by join!:", halves(&names()).await);
    let total = Arc::new(Mutex::new(41));
    let saved = tokio::spawn(increment_and_save(Arc::clone(&total)))
        .await
        .unwrap();
    println!("{:22} {saved}", "saved total:");
    println!("{:22} {}", "a local task says:", with_rc().await);
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send<T: Send>(_: &T) {}

    #[test]
    fn the_fixed_futures_are_send() {
        assert_send(&increment_and_save(Arc::new(Mutex::new(0))));
        assert_send(&longest(Vec::new()));
    }

    /// tokio's own mutex may be held across an `.await`: its guard is `Send`.
    #[test]
    fn a_tokio_mutex_guard_across_an_await_is_send() {
        let total = Arc::new(tokio::sync::Mutex::new(0u64));
        assert_send(&async move {
            let mut guard = total.lock().await;
            *guard = save(*guard + 1).await;
        });
    }

    /// Why `spawn_local` is no excuse for holding a std guard across an
    /// `.await`: while the first task is suspended, the lock stays taken, so
    /// a second local task calling `lock()` would block the only thread,
    /// the one that must resume the first task to release it. (`try_lock`
    /// shows the lock taken without hanging the test.)
    #[tokio::test]
    #[expect(
        clippy::await_holding_lock,
        reason = "the hazard this test demonstrates, and which the lint exists to catch"
    )]
    async fn a_guard_held_across_an_await_in_a_local_task_keeps_the_lock() {
        let total = Rc::new(Mutex::new(0));
        let local = LocalSet::new();
        local
            .run_until(async {
                let holder = Rc::clone(&total);
                let first = task::spawn_local(async move {
                    let mut guard = holder.lock().unwrap();
                    task::yield_now().await; // suspended, holding the lock
                    *guard += 1;
                });
                let prober = Rc::clone(&total);
                let second = task::spawn_local(async move { prober.try_lock().is_err() });
                assert!(
                    second.await.unwrap(),
                    "the lock was taken while the first slept"
                );
                first.await.unwrap();
            })
            .await;
        assert_eq!(*total.lock().unwrap(), 1);
    }

    #[tokio::test]
    async fn the_guard_is_released_before_the_await() {
        use std::future::Future;
        use std::task::{Context, Waker};
        let total = Arc::new(Mutex::new(0));
        let mut pending = std::pin::pin!(increment_and_save(Arc::clone(&total)));
        // Poll once by hand: it stops at the `.await` inside save()...
        let mut cx = Context::from_waker(Waker::noop());
        assert!(pending.as_mut().poll(&mut cx).is_pending());
        // ...and while it is suspended there, the lock is free.
        assert!(total.try_lock().is_ok());
        assert_eq!(pending.await, 1);
    }
}
