//! Listing 10-4: what a boxed future costs per call. A counting global
//! allocator counts the allocations each kind of call makes; timing loops
//! give the time per call of four routes, to be read on the machine they
//! ran on.

// The workspace denies `unsafe` code. This crate allows it on one item, the
// `unsafe impl` of the allocator below, because `GlobalAlloc` is an unsafe
// trait: whoever implements it promises to hand out memory that fits the
// layout asked for. It is sound here because every call is passed straight
// to `System`, the standard allocator, with the same arguments; all the
// wrapper adds is a counter in thread-local `Cell`s, which never allocate
// (they are const-initialised and have no destructor).

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
    /// Whether this thread is counting: only inside `allocations_in`, so
    /// that the timing loops run with a counter that does nothing.
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    /// Allocations this thread made while counting (per thread, so that
    /// tests on other threads do not disturb the count).
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.try_with(Cell::get).unwrap_or(false) {
            let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        }
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
    COUNTING.with(|on| on.set(true));
    f();
    COUNTING.with(|on| on.set(false));
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

/// Not async at all: the cost of a call through a vtable, with no future
/// and no box, for comparison.
trait Plain {
    fn add(&self, x: u64) -> u64;
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

impl Plain for Adder {
    fn add(&self, x: u64) -> u64 {
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

fn plain_dyn_calls(adder: &dyn Plain, n: u64) -> u64 {
    (0..n).fold(0, |acc, i| black_box(adder).add(black_box(acc ^ i)))
}

fn hand_boxed_calls(adder: &Adder, n: u64) -> u64 {
    (0..n).fold(0, |acc, i| {
        let future: Pin<Box<dyn Future<Output = u64> + Send + '_>> =
            Box::pin(Native::add(black_box(adder), black_box(acc ^ i)));
        now(future)
    })
}

fn boxed_dyn_calls(adder: &dyn Macro, n: u64) -> u64 {
    (0..n).fold(0, |acc, i| now(black_box(adder).add(black_box(acc ^ i))))
}
// ANCHOR_END: calls

/// Nanoseconds per call over `rounds` runs of `n` calls: the fastest run
/// and the median one.
fn per_call(rounds: usize, n: u64, f: impl Fn(u64) -> u64) -> (f64, f64) {
    let mut runs: Vec<Duration> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            black_box(f(n));
            start.elapsed()
        })
        .collect();
    runs.sort();
    let ns = |run: Duration| run.as_secs_f64() * 1e9 / n as f64;
    (ns(runs[0]), ns(runs[rounds / 2]))
}

// ANCHOR: main
fn main() {
    const N: u64 = 1_000_000;
    const ROUNDS: usize = 11;
    let adder = Adder(3);
    let routes: [(&str, &dyn Fn(u64) -> u64); 4] = [
        ("native async fn, generic", &|n| static_calls(&adder, n)),
        ("plain fn through dyn", &|n| plain_dyn_calls(&adder, n)),
        ("Box::pin by hand, generic", &|n| {
            hand_boxed_calls(&adder, n)
        }),
        ("#[async_trait] through dyn", &|n| {
            boxed_dyn_calls(&adder, n)
        }),
    ];

    println!("allocations for {N} calls (counter on):");
    for (name, calls) in routes {
        println!("  {name:26}  {}", allocations_in(|| _ = calls(N)));
    }
    println!("time per call, {ROUNDS} runs of {N} (counter off):");
    println!("  {:26}  {:>8}  {:>8}", "", "fastest", "median");
    for (name, calls) in routes {
        let (fastest, median) = per_call(ROUNDS, N, calls);
        println!("  {name:26}  {fastest:>5.2} ns  {median:>5.2} ns");
    }
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
    fn plain_dyn_calls_allocate_nothing() {
        let adder = Adder(1);
        assert_eq!(allocations_in(|| _ = plain_dyn_calls(&adder, 1000)), 0);
    }

    #[test]
    fn async_trait_allocates_once_per_call() {
        let adder = Adder(1);
        assert_eq!(allocations_in(|| _ = boxed_dyn_calls(&adder, 1000)), 1000);
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
        assert_eq!(plain_dyn_calls(&adder, 500), expected);
        assert_eq!(hand_boxed_calls(&adder, 500), expected);
        assert_eq!(boxed_dyn_calls(&adder, 500), expected);
    }

    #[test]
    fn the_counter_sees_an_allocation() {
        // The counter itself must be able to fail.
        assert_eq!(allocations_in(|| drop(black_box(Box::new(5u8)))), 1);
    }

    #[test]
    fn the_counter_is_off_outside_allocations_in() {
        // The timing loops run outside `allocations_in`, uncounted.
        let before = ALLOCATIONS.with(Cell::get);
        drop(black_box(Box::new(5u8)));
        assert_eq!(ALLOCATIONS.with(Cell::get), before);
    }

    #[test]
    fn per_call_gives_fastest_then_median() {
        let (fastest, median) = per_call(3, 1000, black_box);
        assert!(fastest <= median);
    }
}
