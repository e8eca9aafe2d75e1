//! Listing 10-4: what a boxed future costs per call. A counting global
//! allocator counts the allocations each kind of call makes; a timing loop
//! gives the time per call, to be read as a ratio on the machine it ran on.

// The workspace denies `unsafe` code. This crate allows it for one item,
// the allocator below, because `GlobalAlloc` is an unsafe trait: whoever
// implements it promises to hand out memory that fits the layout asked
// for. It is sound here because every call is passed straight to `System`,
// the standard allocator, with the same arguments; all the wrapper adds is
// a counter in a thread-local `Cell`, which never allocates (it is
// const-initialised and has no destructor).
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::future::Future;
use std::hint::black_box;
use std::pin::{Pin, pin};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

// ANCHOR: allocator
struct Counting;

thread_local! {
    /// Allocations made by this thread (so tests on other threads do not
    /// disturb the count).
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        // SAFETY: the caller's promises about `layout` are passed on as is.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System.alloc` above, with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// How many allocations this thread made while running `f`.
fn allocations_in(f: impl FnOnce()) -> u64 {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}
// ANCHOR_END: allocator

// ANCHOR: traits
/// Native: the future is a value of the implementation's own type.
trait Native {
    async fn add(&self, x: u64) -> u64;
}

/// `#[async_trait]`: every call returns a `Pin<Box<dyn Future>>`.
#[async_trait::async_trait]
trait Macro {
    async fn add(&self, x: u64) -> u64;
}

struct Adder(u64);

impl Native for Adder {
    async fn add(&self, x: u64) -> u64 {
        x.wrapping_add(self.0)
    }
}

#[async_trait::async_trait]
impl Macro for Adder {
    async fn add(&self, x: u64) -> u64 {
        x.wrapping_add(self.0)
    }
}
// ANCHOR_END: traits

/// Polls a future that never waits to completion, without a runtime, so
/// that nothing but the call itself allocates.
fn now<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    match future.as_mut().poll(&mut cx) {
        Poll::Ready(value) => value,
        Poll::Pending => unreachable!("these futures never wait"),
    }
}

// ANCHOR: calls
fn static_calls(adder: &impl Native, n: u64) -> u64 {
    (0..n).fold(0, |acc, i| now(black_box(adder).add(black_box(acc ^ i))))
}

fn boxed_calls(adder: &dyn Macro, n: u64) -> u64 {
    (0..n).fold(0, |acc, i| now(black_box(adder).add(black_box(acc ^ i))))
}

fn hand_boxed_calls(adder: &Adder, n: u64) -> u64 {
    (0..n).fold(0, |acc, i| {
        let future: Pin<Box<dyn Future<Output = u64> + Send + '_>> =
            Box::pin(Native::add(black_box(adder), black_box(acc ^ i)));
        now(future)
    })
}
// ANCHOR_END: calls

/// Nanoseconds per call: the fastest of `rounds` runs of `n` calls.
fn per_call(rounds: u32, n: u64, f: impl Fn(u64) -> u64) -> f64 {
    (0..rounds)
        .map(|_| {
            let start = Instant::now();
            black_box(f(n));
            start.elapsed()
        })
        .min()
        .map(|fastest: Duration| fastest.as_secs_f64() * 1e9 / n as f64)
        .unwrap()
}

// ANCHOR: main
fn main() {
    const N: u64 = 1_000_000;
    let adder = Adder(3);
    let dynamic: &dyn Macro = &adder;

    println!("allocations for {N} calls:");
    println!(
        "  native async fn, generic:   {}",
        allocations_in(|| _ = static_calls(&adder, N))
    );
    println!(
        "  #[async_trait] through dyn: {}",
        allocations_in(|| _ = boxed_calls(dynamic, N))
    );
    println!(
        "  Box::pin by hand:           {}",
        allocations_in(|| _ = hand_boxed_calls(&adder, N))
    );

    let native = per_call(5, N, |n| static_calls(&adder, n));
    let boxed = per_call(5, N, |n| boxed_calls(dynamic, n));
    println!("time per call (fastest of 5 runs of {N}):");
    println!("  native async fn, generic:   {native:>6.2} ns");
    println!("  #[async_trait] through dyn: {boxed:>6.2} ns");
    println!("  boxed / native: {:.0}x", boxed / native);
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn native_calls_allocate_nothing() {
        let adder = Adder(1);
        assert_eq!(allocations_in(|| _ = static_calls(&adder, 1000)), 0);
    }

    #[test]
    fn async_trait_allocates_once_per_call() {
        let adder = Adder(1);
        assert_eq!(allocations_in(|| _ = boxed_calls(&adder, 1000)), 1000);
    }

    #[test]
    fn boxing_by_hand_allocates_once_per_call() {
        let adder = Adder(1);
        assert_eq!(allocations_in(|| _ = hand_boxed_calls(&adder, 1000)), 1000);
    }

    #[test]
    fn every_route_computes_the_same() {
        let adder = Adder(7);
        let expected = static_calls(&adder, 500);
        assert_eq!(boxed_calls(&adder, 500), expected);
        assert_eq!(hand_boxed_calls(&adder, 500), expected);
    }

    #[test]
    fn the_counter_sees_an_allocation() {
        // The counter itself must be able to fail.
        assert_eq!(allocations_in(|| drop(black_box(Box::new(5u8)))), 1);
    }

    #[test]
    fn a_boxed_call_is_not_cheaper_than_a_native_one() {
        // Loose on purpose: on any machine, in debug or release, a call that
        // allocates and frees should not beat one that does neither. The
        // fastest of 5 runs keeps a busy machine from deciding it.
        let adder = Adder(1);
        let native = per_call(5, 20_000, |n| static_calls(&adder, n));
        let boxed = per_call(5, 20_000, |n| boxed_calls(&adder, n));
        assert!(boxed >= native, "boxed {boxed} ns < native {native} ns");
    }
}
