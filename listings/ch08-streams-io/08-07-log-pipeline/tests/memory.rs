//! The pipeline never holds the whole log: the most memory it has in use at
//! once stays far below the size of the log. Measured by a global allocator
//! that keeps a running total of the bytes allocated and not yet freed, and
//! the highest that total reached. Everything in this file runs in one test,
//! so that no other test allocates while it measures.

// A global allocator has to be written with `unsafe`; this one only counts
// and passes each call on to the system allocator.
#![allow(unsafe_code)]

use listing_08_07_log_pipeline::{Limits, generate, run};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = IN_USE.fetch_add(layout.size(), SeqCst) + layout.size();
        PEAK.fetch_max(now, SeqCst);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        IN_USE.fetch_sub(layout.size(), SeqCst);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// The most memory in use at once while `f` ran, above what was in use
/// when it started.
fn peak_during<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = IN_USE.load(SeqCst);
    PEAK.store(before, SeqCst);
    let out = f();
    (out, PEAK.load(SeqCst) - before)
}

// ANCHOR: memory
#[test]
fn the_pipeline_holds_a_bounded_part_of_the_log() {
    let path = std::env::temp_dir().join(format!("ch08-memory-{}.log", std::process::id()));
    std::fs::write(&path, generate(120_000, &[5, 60_000])).unwrap();
    let size = std::fs::metadata(&path).unwrap().len() as usize; // about 5 MB
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let limits = Limits {
        batch: 1000,
        batches: 4,
    };

    let (summary, peak) = peak_during(|| {
        runtime.block_on(async {
            let log = tokio::fs::File::open(&path).await.unwrap();
            run(log, tokio::io::sink(), limits).await.unwrap()
        })
    });
    assert_eq!((summary.lines, summary.malformed), (120_000, 2));
    assert!(size > 4_000_000, "the log is {size} bytes");
    assert!(
        peak < 1_000_000,
        "{peak} bytes in use at the peak, for a log of {size}"
    );

    // The same work done by reading the whole file first holds all of it.
    let (summary, slurped) = peak_during(|| {
        runtime.block_on(async {
            let all = tokio::fs::read(&path).await.unwrap();
            run(&all[..], tokio::io::sink(), limits).await.unwrap()
        })
    });
    assert_eq!(summary.lines, 120_000);
    eprintln!("log {size} bytes; peak {peak} streamed, {slurped} read whole");
    assert!(
        slurped > size,
        "{slurped} bytes in use at the peak, for a log of {size}"
    );

    // A corrupt log, 4 MB with no newline: one line, too long, never held.
    std::fs::write(&path, vec![b'x'; 4_000_000]).unwrap();
    let (summary, corrupt) = peak_during(|| {
        runtime.block_on(async {
            let log = tokio::fs::File::open(&path).await.unwrap();
            run(log, tokio::io::sink(), limits).await.unwrap()
        })
    });
    assert_eq!((summary.lines, summary.malformed), (1, 1));
    assert!(corrupt < 1_000_000, "{corrupt} bytes in use at the peak");
    std::fs::remove_file(&path).unwrap();
}
// ANCHOR_END: memory
