//! What a future keeps across an `.await`: a lock guard, four ways.

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
    /// `kept-after-drop` and `kept-to-scope-end` are its failing twins.
    fn assert_send(_future: impl Future + Send) {}

    #[test]
    fn a_guard_moved_away_or_scoped_is_not_kept_so_the_future_is_send() {
        let counter = Mutex::new(0);
        // The test is that these two lines type-check.
        assert_send(moved_away(&counter));
        assert_send(scoped(&counter));
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
    fn a_borrowed_or_undropped_guard_is_stored_in_the_future() {
        let counter = Mutex::new(0);
        let guard = size_of::<MutexGuard<'_, u32>>();
        let without = size_of_val(&moved_away(&counter));
        assert_eq!(size_of_val(&scoped(&counter)), without);
        for with in [
            size_of_val(&borrowed_then_dropped(&counter)),
            size_of_val(&dropped_at_the_end(&counter)),
            size_of_val(&read_then_dropped(&counter)),
        ] {
            assert!(with >= without + guard, "{with} < {without} + {guard}");
        }
    }
}
