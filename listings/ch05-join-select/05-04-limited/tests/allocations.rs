//! What running futures together costs in allocations: `join!` none, a
//! `FuturesUnordered` one per future (each future lives in a node of its
//! own, an `Arc` that its waker points at). Counted by a global allocator
//! that tallies the allocations made on each thread.

// A global allocator has to be written with `unsafe`: this test file is the
// only place in the chapter that needs it, and it only counts and passes on.
#![allow(unsafe_code)]

use futures::executor::block_on;
use futures::stream::{FuturesUnordered, StreamExt};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::pin::Pin;
use std::task::{Context, Poll};

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// The allocations made on this thread so far.
fn allocations() -> usize {
    ALLOCATIONS.with(Cell::get)
}

/// Pending at its first poll (after asking to be polled again), ready at
/// its second: so that the futures below really wait, once.
struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

async fn step(n: u64) -> u64 {
    YieldOnce(false).await;
    n
}

#[test]
fn join_allocates_nothing() {
    block_on(async {
        let before = allocations();
        let (a, b, c) = futures::join!(step(1), step(2), step(3));
        assert_eq!(a + b + c, 6);
        // tokio's join! too: it needs no tokio runtime, only the `macros`
        // feature, and runs here under futures' `block_on`.
        let (a, b, c) = tokio::join!(step(1), step(2), step(3));
        assert_eq!(a + b + c, 6);
        assert_eq!(allocations() - before, 0);
    });
}

#[test]
fn futures_unordered_allocates_a_node_for_each_future() {
    block_on(async {
        let mut set = FuturesUnordered::new();
        let before = allocations();
        for n in 0..1000 {
            set.push(step(n));
        }
        assert_eq!(allocations() - before, 1000, "one per push");
        let before = allocations();
        let mut sum = 0;
        while let Some(n) = set.next().await {
            sum += n;
        }
        assert_eq!(sum, 999 * 1000 / 2);
        assert_eq!(allocations() - before, 0, "none to run them");
    });
}

#[test]
fn a_spawned_task_allocates_too() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut tasks = tokio::task::JoinSet::new();
        let before = allocations();
        for n in 0..1000 {
            tasks.spawn(step(n));
        }
        let spawning = allocations() - before;
        assert!(spawning >= 1000, "{spawning} allocations for 1000 tasks");
        assert_eq!(tasks.join_all().await.len(), 1000);
    });
}
