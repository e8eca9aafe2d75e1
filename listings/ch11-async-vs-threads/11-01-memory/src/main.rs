//! Listing 11-1: what an idle task and an idle thread cost in memory.
//!
//! A counting allocator gives the bytes each unit allocates; the kernel's
//! `/proc/self/status` gives the resident memory (VmRSS) and the address
//! space reserved (VmSize). Each measurement runs in a fresh child process
//! (this program run again with arguments), so one cannot reuse the memory
//! another freed.

// The workspace denies `unsafe` code. This crate allows it on one item, the
// `unsafe impl` of the allocator below, because `GlobalAlloc` is an unsafe
// trait: whoever implements it promises to hand out memory that fits the
// layout asked for. It is sound because every call is passed straight to
// `System`, the standard allocator, with the same arguments; the wrapper
// only adds to counters: atomics, and thread-local `Cell`s that are
// const-initialised and have no destructor, so they never allocate.

// Listing 11-4's rule for how many threads a listing may start on a shared
// machine: half the room left under the tightest limit, at most 2,000.
#[path = "../../11-04-thread-limit/src/budget.rs"]
mod budget;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicIsize, AtomicUsize, Ordering::Relaxed};
use std::sync::mpsc;

// ANCHOR: allocator
struct Counting;

/// Bytes allocated and not yet freed, by every thread.
static LIVE: AtomicIsize = AtomicIsize::new(0);

thread_local! {
    /// Allocations this thread made, and their sizes (per thread, so that
    /// tests running on other threads do not disturb an exact count).
    static COUNT: Cell<usize> = const { Cell::new(0) };
    static BYTES: Cell<usize> = const { Cell::new(0) };
}

#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Relaxed);
        let _ = COUNT.try_with(|n| n.set(n.get() + 1));
        let _ = BYTES.try_with(|n| n.set(n.get() + layout.size()));
        // SAFETY: the caller's promises about `layout` are passed on as is.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Relaxed);
        // SAFETY: `ptr` came from `System.alloc` above, with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The allocations (count, bytes) this thread made while running `f`.
fn allocations_in<T>(f: impl FnOnce() -> T) -> (usize, usize, T) {
    let (count, bytes) = (COUNT.with(Cell::get), BYTES.with(Cell::get));
    let out = f();
    (
        COUNT.with(Cell::get) - count,
        BYTES.with(Cell::get) - bytes,
        out,
    )
}
// ANCHOR_END: allocator

// ANCHOR: spawn_size
/// What one `tokio::spawn` allocates, for an empty future and for a future
/// that holds 1 KB across an `.await`.
fn spawn_allocations() -> [(usize, usize); 2] {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let _guard = rt.enter();
    let (count, bytes, empty) = allocations_in(|| tokio::spawn(async {}));
    let (count_kb, bytes_kb, holding) = allocations_in(|| {
        tokio::spawn(async {
            let buffer = [7u8; 1024];
            tokio::task::yield_now().await;
            std::hint::black_box(&buffer);
        })
    });
    rt.block_on(async {
        empty.await.unwrap();
        holding.await.unwrap();
    });
    [(count, bytes), (count_kb, bytes_kb)]
}
// ANCHOR_END: spawn_size

/// Memory the kernel reports for this process, in KiB: (resident, reserved).
/// `None` where there is no `/proc/self/status` (not Linux).
fn proc_status() -> Option<(i64, i64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<i64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        line.split_whitespace().nth(1)?.parse().ok()
    };
    Some((field("VmRSS:")?, field("VmSize:")?))
}

/// What `n` idle units added: allocated bytes, and (on Linux) resident and
/// reserved KiB.
#[derive(Debug, Clone, Copy)]
struct Sample {
    allocated: i64,
    resident_kib: Option<i64>,
    reserved_kib: Option<i64>,
}

fn sample_since(live: isize, status: Option<(i64, i64)>) -> Sample {
    let now = proc_status();
    let diff = |pick: fn((i64, i64)) -> i64| Some(pick(now?) - pick(status?));
    Sample {
        allocated: (LIVE.load(Relaxed) - live) as i64,
        resident_kib: diff(|s| s.0),
        reserved_kib: diff(|s| s.1),
    }
}

// ANCHOR: idle
/// `n` tasks, each waiting on its own oneshot channel.
fn idle_tasks(n: usize) -> Sample {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let (live, status) = (LIVE.load(Relaxed), proc_status());
    let polled = Arc::new(AtomicUsize::new(0));
    let (senders, handles): (Vec<_>, Vec<_>) = rt.block_on(async {
        let pairs = (0..n)
            .map(|_| {
                let (tx, rx) = tokio::sync::oneshot::channel::<()>();
                let polled = Arc::clone(&polled);
                let task = tokio::spawn(async move {
                    polled.fetch_add(1, Relaxed);
                    rx.await.ok()
                });
                (tx, task)
            })
            .unzip();
        // Let every task run up to its `.await`, where it stays parked.
        while polled.load(Relaxed) < n {
            tokio::task::yield_now().await;
        }
        pairs
    });
    let sample = sample_since(live, status);
    drop(senders);
    rt.block_on(async {
        for handle in handles {
            handle.await.unwrap();
        }
    });
    sample
}

/// `n` threads, each blocked on its own std channel.
fn idle_threads(n: usize) -> Sample {
    let (live, status) = (LIVE.load(Relaxed), proc_status());
    let (ready_tx, ready_rx) = mpsc::channel::<()>();
    let (senders, handles): (Vec<_>, Vec<_>) = (0..n)
        .map(|_| {
            let (tx, rx) = mpsc::channel::<()>();
            let ready = ready_tx.clone();
            let handle = std::thread::spawn(move || {
                ready.send(()).unwrap();
                rx.recv().ok()
            });
            (tx, handle)
        })
        .unzip();
    for _ in 0..n {
        ready_rx.recv().unwrap(); // every thread has started and is about to block
    }
    let sample = sample_since(live, status);
    drop(senders);
    for handle in handles {
        handle.join().unwrap();
    }
    sample
}
// ANCHOR_END: idle

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, kind, n] = &args[..] {
        // A child: measure one thing and print it for the parent.
        let n: usize = n.parse().unwrap();
        let s = if kind == "tasks" {
            idle_tasks(n)
        } else {
            idle_threads(n)
        };
        let kib = |v: Option<i64>| v.map_or("-".to_string(), |v| v.to_string());
        println!(
            "{} {} {}",
            s.allocated,
            kib(s.resident_kib),
            kib(s.reserved_kib)
        );
        return;
    }
    let [(count, bytes), (count_kb, bytes_kb)] = spawn_allocations();
    println!("tokio::spawn(async {{}}):           {count} allocation(s), {bytes} bytes");
    println!("tokio::spawn, future holding 1 KB: {count_kb} allocation(s), {bytes_kb} bytes");
    println!();
    println!("idle units, each waiting on its own channel (per unit: bytes)");
    println!(
        "{:<8} {:>7} {:>10} {:>10} {:>12}",
        "unit", "n", "allocated", "resident", "reserved"
    );
    // Threads are bounded by the budget, so that the listing never takes
    // the thread slots other jobs of this user or container need.
    let threads = budget::budget(&budget::limits()) as usize;
    let runs = [
        ("tasks", 1_000),
        ("threads", threads.min(1_000)),
        ("tasks", 10_000),
        ("threads", threads),
        ("tasks", 100_000),
    ];
    for (kind, n) in runs {
        if n == 0 {
            println!("{kind:<8} skipped: no room for more threads on this machine");
            continue;
        }
        let out = Command::new(std::env::current_exe().unwrap())
            .args([kind, &n.to_string()])
            .env_remove("RUST_MIN_STACK") // the default stack, 2 MiB
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        if !out.status.success() {
            println!(
                "{kind:<8} {n:>7} failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
            continue;
        }
        let fields: Vec<&str> = text.split_whitespace().collect();
        let per = |s: &str, scale: i64| {
            s.parse::<i64>()
                .map_or("n/a".to_string(), |v| (v * scale / n as i64).to_string())
        };
        println!(
            "{kind:<8} {n:>7} {:>10} {:>10} {:>12}",
            per(fields[0], 1),
            per(fields[1], 1024),
            per(fields[2], 1024)
        );
    }
    if proc_status().is_none() {
        println!("(resident and reserved memory: not supported here, no /proc/self/status)");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Since tokio 1.29 the task cell is `#[repr(align(128))]` on x86-64,
    /// so even an empty task is one allocation of 128 bytes, not 64.
    #[test]
    #[cfg(target_arch = "x86_64")]
    fn an_empty_task_is_one_allocation_of_128_bytes() {
        assert_eq!(spawn_allocations()[0], (1, 128));
    }

    /// The future lives inside the task's one allocation, rounded up to a
    /// multiple of the cell's alignment.
    #[test]
    fn a_future_holding_1_kb_is_still_one_allocation_of_more_than_1_kb() {
        let [(count, bytes), (count_kb, bytes_kb)] = spawn_allocations();
        assert_eq!((count, count_kb), (1, 1));
        assert!(bytes_kb >= bytes + 1024, "{bytes_kb} bytes");
        #[cfg(target_arch = "x86_64")]
        assert_eq!(bytes_kb % 128, 0);
    }
}
