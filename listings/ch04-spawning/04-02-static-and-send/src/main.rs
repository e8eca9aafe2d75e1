use std::rc::Rc;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use tokio::sync::oneshot;
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

// ANCHOR: moved_guard
/// The same, with the work done by a plain function that takes the guard
/// by value: here the guard is moved, never borrowed, so the future does
/// not keep it across the `.await`.
async fn increment_then_save(total: Arc<Mutex<u64>>) -> u64 {
    let guard = total.lock().unwrap();
    let value = increment(guard);
    save(value).await
}

fn increment(mut guard: MutexGuard<'_, u64>) -> u64 {
    *guard += 1;
    *guard
}
// ANCHOR_END: moved_guard

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

// ANCHOR: two_threads
/// One task on a current-thread runtime, and two threads that take turns
/// driving the runtime with `block_on`. Returns the names of the threads
/// that ran the task before and after its `.await`.
fn one_task_two_threads() -> (String, String) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let (started_tx, started) = oneshot::channel();
    let (go, go_rx) = oneshot::channel::<()>();
    let task = runtime.spawn(async move {
        let before = thread_name();
        started_tx.send(()).unwrap();
        go_rx.await.unwrap(); // the task waits here between the two turns
        (before, thread_name())
    });
    thread::scope(|scope| {
        // Thread "first" drives the runtime until the task is waiting...
        thread::Builder::new()
            .name("first".into())
            .spawn_scoped(scope, || runtime.block_on(started).unwrap())
            .unwrap()
            .join()
            .unwrap();
        // ...and thread "second" drives it until the task is done.
        thread::Builder::new()
            .name("second".into())
            .spawn_scoped(scope, || {
                runtime.block_on(async {
                    go.send(()).unwrap();
                    task.await.unwrap()
                })
            })
            .unwrap()
            .join()
            .unwrap()
    })
}

fn thread_name() -> String {
    thread::current().name().unwrap_or("unnamed").to_owned()
}
// ANCHOR_END: two_threads

// ANCHOR: main
fn main() {
    // The fixes, on a multi-thread runtime...
    tokio::runtime::Runtime::new().unwrap().block_on(fixes());
    // ...and a current-thread runtime driven by two threads in turn.
    let (before, after) = one_task_two_threads();
    println!("{:22} {before:?}, then {after:?}", "one task ran on:");
}

async fn fixes() {
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
    let saved = tokio::spawn(increment_then_save(Arc::clone(&total)))
        .await
        .unwrap();
    println!("{:22} {saved}", "saved again:");
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
        assert_send(&increment_then_save(Arc::new(Mutex::new(0))));
        assert_send(&longest(Vec::new()));
    }

    /// The compiling twin of the `drop-guard-then-await` case: a guard that
    /// is dropped without ever having been borrowed is not kept across the
    /// `.await`, so the future is `Send`, and `tokio::spawn` takes it.
    #[tokio::test]
    async fn a_guard_dropped_unborrowed_is_not_kept() {
        let total = Arc::new(Mutex::new(41));
        let shared = Arc::clone(&total);
        let task = tokio::spawn(async move {
            let guard = shared.lock().unwrap();
            drop(guard);
            save(7).await
        });
        assert_eq!(task.await.unwrap(), 7);
    }

    /// Why `tokio::spawn` needs `Send` even on a current-thread runtime: the
    /// runtime runs its tasks on whichever thread calls `block_on`, and a
    /// `Runtime` may be shared between threads.
    #[test]
    fn a_current_thread_runtime_can_run_one_task_on_two_threads() {
        assert_eq!(
            one_task_two_threads(),
            ("first".to_owned(), "second".to_owned())
        );
    }

    /// A `LocalRuntime` needs no `LocalSet`: `spawn_local` works anywhere in
    /// it, its local tasks run on the thread that drives it, and `abort`
    /// cancels them as it does any task. `tokio::spawn` still works, for
    /// `Send` futures.
    #[tokio::test(flavor = "local")]
    async fn a_local_runtime_runs_local_tasks_on_its_own_thread() {
        let here = thread::current().id();
        let config = Rc::new("verbose");
        let task = task::spawn_local(async move {
            task::yield_now().await; // an Rc held across an .await
            (thread::current().id(), *config)
        });
        assert_eq!(task.await.unwrap(), (here, "verbose"));
        let sleeper = task::spawn_local(std::future::pending::<()>());
        sleeper.abort();
        assert!(sleeper.await.unwrap_err().is_cancelled());
        assert_eq!(tokio::spawn(async { 2 }).await.unwrap(), 2);
    }

    /// On a multi-thread runtime, a `LocalSet`'s tasks still all run on the
    /// one thread that drives the set.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn local_tasks_stay_on_the_thread_that_drives_the_set() {
        let here = thread::current().id();
        let local = LocalSet::new();
        let threads = local
            .run_until(async {
                let tasks: Vec<_> = (0..10)
                    .map(|_| {
                        task::spawn_local(async {
                            task::yield_now().await;
                            thread::current().id()
                        })
                    })
                    .collect();
                let mut threads = Vec::new();
                for task in tasks {
                    threads.push(task.await.unwrap());
                }
                threads
            })
            .await;
        assert!(threads.iter().all(|&thread| thread == here));
    }

    /// A `LocalSet` is a future of its own: its tasks run only while it is
    /// being driven (`run_until`, or awaiting the set).
    #[tokio::test]
    async fn a_local_set_runs_its_tasks_only_while_driven() {
        let local = LocalSet::new();
        let ran = Rc::new(std::cell::Cell::new(false));
        let flag = Rc::clone(&ran);
        let task = local.spawn_local(async move { flag.set(true) });
        for _ in 0..10 {
            task::yield_now().await; // the runtime runs; the set does not
        }
        assert!(!ran.get());
        local.run_until(task).await.unwrap();
        assert!(ran.get());
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
