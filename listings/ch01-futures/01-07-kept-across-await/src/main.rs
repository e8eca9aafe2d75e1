//! What a future keeps across an `.await`: a lock guard, five ways.

use std::mem::{size_of, size_of_val};
use std::sync::{Mutex, MutexGuard};

// ANCHOR: cases
/// Some other future to await; what it does does not matter here.
async fn later() {}

fn increment(mut guard: MutexGuard<'_, u32>) {
    *guard += 1;
}

/// Case 1: moved away before the `.await`, never borrowed here: not kept.
async fn moved_away(counter: &Mutex<u32>) {
    let guard = counter.lock().unwrap();
    increment(guard);
    later().await;
}

/// Case 2: borrowed (`*guard += 1` calls `deref_mut(&mut guard)`), then
/// dropped: kept all the same, until the end of its scope.
#[expect(clippy::await_holding_lock, reason = "clippy sees it too")]
async fn borrowed_then_dropped(counter: &Mutex<u32>) {
    let mut guard = counter.lock().unwrap();
    *guard += 1;
    drop(guard);
    later().await;
}

/// Case 3: its destructor is still to run, at the end of its scope: kept.
#[expect(clippy::await_holding_lock, reason = "clippy sees it too")]
async fn dropped_at_the_end(counter: &Mutex<u32>) {
    let _guard = counter.lock().unwrap();
    later().await;
}

/// Case 4: a temporary guard, never named, lives to the end of its
/// statement; for an `if let`, that is after its block: kept.
#[expect(clippy::await_holding_lock, reason = "clippy sees it too")]
async fn temporary_in_if_let(jobs: &Mutex<Vec<u32>>) {
    if let Some(_job) = jobs.lock().unwrap().pop() {
        later().await;
    }
}

/// The fix for 2 and 3: a block ends the guard's scope before the `.await`.
async fn scoped(counter: &Mutex<u32>) {
    {
        let mut guard = counter.lock().unwrap();
        *guard += 1;
    }
    later().await;
}
// ANCHOR_END: cases

// ANCHOR: main
fn main() {
    let counter = Mutex::new(0);
    let jobs = Mutex::new(vec![1, 2]);
    // Each future is built and measured, never polled: nothing runs.
    let sizes = [
        ("moved_away", size_of_val(&moved_away(&counter))),
        (
            "borrowed_then_dropped",
            size_of_val(&borrowed_then_dropped(&counter)),
        ),
        (
            "dropped_at_the_end",
            size_of_val(&dropped_at_the_end(&counter)),
        ),
        (
            "temporary_in_if_let",
            size_of_val(&temporary_in_if_let(&jobs)),
        ),
        ("scoped", size_of_val(&scoped(&counter))),
    ];
    for (name, size) in sizes {
        println!("{name:22} {size:>2} bytes");
    }
    let guard = size_of::<MutexGuard<'_, u32>>();
    println!("{:22} {guard:>2} bytes", "(a MutexGuard<u32>)");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::future::Future;

    /// Compiles only if `future` is `Send`. The compile-fail cases
    /// `kept-after-drop`, `kept-to-scope-end` and `kept-temporary` are its
    /// failing twins.
    fn assert_send(_future: impl Future + Send) {}

    /// The fix for case 4: a `let` statement of its own ends the temporary.
    async fn popped_first(jobs: &Mutex<Vec<u32>>) {
        let job = jobs.lock().unwrap().pop();
        if let Some(_job) = job {
            later().await;
        }
    }

    /// An `if` condition ends its temporaries before the block runs.
    async fn tested_in_if(counter: &Mutex<u32>) {
        if *counter.lock().unwrap() > 0 {
            later().await;
        }
    }

    #[test]
    fn a_guard_ended_before_the_await_is_not_kept_so_the_future_is_send() {
        let counter = Mutex::new(0);
        let jobs = Mutex::new(vec![1]);
        // The test is that these lines type-check.
        assert_send(moved_away(&counter));
        assert_send(scoped(&counter));
        assert_send(popped_first(&jobs));
        assert_send(tested_in_if(&counter));
        assert_send(moved_on_every_path(&counter, true));
    }

    /// Moved away on one path only: the other still has a destructor to run.
    #[expect(clippy::await_holding_lock, reason = "clippy sees it too")]
    async fn moved_on_one_path(counter: &Mutex<u32>, done: bool) {
        let guard = counter.lock().unwrap();
        if done {
            increment(guard);
        }
        later().await;
    }

    /// Moved away on both paths: nothing is left to drop.
    async fn moved_on_every_path(counter: &Mutex<u32>, done: bool) {
        let guard = counter.lock().unwrap();
        if done {
            increment(guard);
        } else {
            drop(guard);
        }
        later().await;
    }

    /// A `match` keeps its scrutinee's temporaries to its end, as `if let`
    /// does.
    #[expect(clippy::await_holding_lock, reason = "clippy sees it too")]
    async fn temporary_in_match(counter: &Mutex<u32>) {
        match *counter.lock().unwrap() {
            0 => {}
            _ => later().await,
        }
    }

    /// Only reads through the guard, but `*guard` calls `deref(&guard)`:
    /// that is a borrow too.
    #[expect(clippy::await_holding_lock, reason = "clippy sees it too")]
    async fn read_then_dropped(counter: &Mutex<u32>) -> u32 {
        let guard = counter.lock().unwrap();
        let value = *guard;
        drop(guard);
        later().await;
        value
    }

    #[test]
    fn a_guard_not_ended_before_the_await_is_stored_in_the_future() {
        let counter = Mutex::new(0);
        let jobs = Mutex::new(vec![1]);
        let guard = size_of::<MutexGuard<'_, u32>>();
        assert_eq!(size_of::<MutexGuard<'_, Vec<u32>>>(), guard);
        let without = size_of_val(&moved_away(&counter));
        for same in [
            size_of_val(&scoped(&counter)),
            size_of_val(&popped_first(&jobs)),
            size_of_val(&tested_in_if(&counter)),
            size_of_val(&moved_on_every_path(&counter, true)),
        ] {
            assert_eq!(same, without);
        }
        for with in [
            size_of_val(&borrowed_then_dropped(&counter)),
            size_of_val(&dropped_at_the_end(&counter)),
            size_of_val(&temporary_in_if_let(&jobs)),
            size_of_val(&read_then_dropped(&counter)),
            size_of_val(&moved_on_one_path(&counter, true)),
            size_of_val(&temporary_in_match(&counter)),
        ] {
            assert!(with >= without + guard, "{with} < {without} + {guard}");
        }
    }
}
