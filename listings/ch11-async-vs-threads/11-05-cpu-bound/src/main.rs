//! Listing 11-5: CPU-bound work. The same computation split over many
//! units with tokio tasks, `spawn_blocking`, std threads and rayon; then
//! what computing inside a task does to a heartbeat on the same runtime,
//! and the fix: rayon plus a oneshot back to the task.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, Mutex};
use std::thread::{self, ThreadId};
use std::time::{Duration, Instant};

// ANCHOR: work
/// The work: count the primes in `range`, by trial division.
fn primes_in(range: std::ops::Range<u64>) -> u64 {
    let is_prime = |n: u64| {
        n >= 2
            && (2..)
                .take_while(|d| d * d <= n)
                .all(|d| !n.is_multiple_of(d))
    };
    range.filter(|&n| is_prime(n)).count() as u64
}

/// `0..limit` cut into `units` ranges (the last one takes the rest). Trial
/// division costs more for bigger numbers, so the later ranges are more
/// work: many more units than cores let every pool even that out.
fn ranges(limit: u64, units: u64) -> Vec<std::ops::Range<u64>> {
    let size = limit / units;
    (0..units)
        .map(|i| {
            i * size..if i == units - 1 {
                limit
            } else {
                (i + 1) * size
            }
        })
        .collect()
}
// ANCHOR_END: work

/// Which threads did the work, for the tests.
type Seen = Arc<Mutex<HashSet<ThreadId>>>;

fn counted(range: std::ops::Range<u64>, seen: &Seen) -> u64 {
    seen.lock().unwrap().insert(thread::current().id());
    primes_in(range)
}

// ANCHOR: split
fn with_tasks(rt: &tokio::runtime::Runtime, limit: u64, units: u64, seen: &Seen) -> u64 {
    rt.block_on(async {
        let handles: Vec<_> = ranges(limit, units)
            .into_iter()
            .map(|r| {
                let seen = Arc::clone(seen);
                tokio::spawn(async move { counted(r, &seen) })
            })
            .collect();
        let mut total = 0;
        for handle in handles {
            total += handle.await.unwrap();
        }
        total
    })
}

fn with_spawn_blocking(rt: &tokio::runtime::Runtime, limit: u64, units: u64, seen: &Seen) -> u64 {
    rt.block_on(async {
        let handles: Vec<_> = ranges(limit, units)
            .into_iter()
            .map(|r| {
                let seen = Arc::clone(seen);
                tokio::task::spawn_blocking(move || counted(r, &seen))
            })
            .collect();
        let mut total = 0;
        for handle in handles {
            total += handle.await.unwrap();
        }
        total
    })
}

fn with_threads(limit: u64, units: u64, seen: &Seen) -> u64 {
    thread::scope(|s| {
        let handles: Vec<_> = ranges(limit, units)
            .into_iter()
            .map(|r| s.spawn(move || counted(r, seen)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    })
}

fn with_rayon(limit: u64, units: u64, seen: &Seen) -> u64 {
    use rayon::prelude::*;
    ranges(limit, units)
        .into_par_iter()
        .map(|r| counted(r, seen))
        .sum()
}
// ANCHOR_END: split

/// Busy for `d` of wall-clock time: computation that takes as long on any
/// machine.
fn spin(d: Duration) -> u64 {
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < d {
        n = std::hint::black_box(n.wrapping_mul(31).wrapping_add(7));
    }
    n
}

// ANCHOR: heartbeat
/// A heartbeat ticks every millisecond on a current-thread runtime while
/// another task needs `work` of computation. Returns the heartbeat's
/// longest gap and how many beats happened while the work ran.
fn heartbeat(work: Duration, offload: bool) -> (Duration, u64) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    rt.block_on(async {
        let beats = Arc::new(AtomicU64::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let (beating, stopping) = (Arc::clone(&beats), Arc::clone(&stop));
        let beat = tokio::spawn(async move {
            let mut longest = Duration::ZERO;
            let mut last = Instant::now();
            loop {
                tokio::time::sleep(Duration::from_millis(1)).await;
                longest = longest.max(last.elapsed());
                last = Instant::now();
                beating.fetch_add(1, Relaxed);
                if stopping.load(Relaxed) {
                    break longest;
                }
            }
        });
        tokio::task::yield_now().await; // the heartbeat is running
        let during = Arc::clone(&beats);
        let measure = move || {
            let before = during.load(Relaxed);
            spin(work);
            during.load(Relaxed) - before
        };
        let during_work = if offload {
            // The fix: compute on rayon's pool, await the answer.
            let (tx, rx) = tokio::sync::oneshot::channel();
            rayon::spawn(move || {
                let _ = tx.send(measure());
            });
            rx.await.unwrap()
        } else {
            // The mistake: compute inside a task.
            tokio::spawn(async move { measure() }).await.unwrap()
        };
        stop.store(true, Relaxed);
        let longest = beat.await.unwrap();
        (longest, during_work)
    })
}
// ANCHOR_END: heartbeat

/// Runs every row `runs` times in turn (A B C A B C ...), after one warm-up
/// run of each, so that a slow spell of the machine falls on every row
/// alike; returns each row's fastest and median time.
fn interleaved(
    runs: usize,
    rows: &mut [&mut dyn FnMut() -> Duration],
) -> Vec<(Duration, Duration)> {
    for row in rows.iter_mut() {
        row();
    }
    let mut times = vec![Vec::with_capacity(runs); rows.len()];
    for _ in 0..runs {
        for (row, times) in rows.iter_mut().zip(&mut times) {
            times.push(row());
        }
    }
    times
        .into_iter()
        .map(|mut t| {
            t.sort();
            (t[0], t[t.len() / 2])
        })
        .collect()
}

fn main() {
    let (limit, units, runs) = (1_500_000, 64, 5);
    let multi = tokio::runtime::Runtime::new().unwrap();
    let current = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let seen: Seen = Arc::default();
    let cores = thread::available_parallelism().unwrap();
    println!("primes below {limit}, split into {units} units; {cores} logical CPUs");
    println!("one warm-up, then {runs} runs of each row in turn");
    let expected = primes_in(0..limit);
    let check = |answer: u64| assert_eq!(answer, expected);
    let timed = |f: &dyn Fn() -> u64| {
        let start = Instant::now();
        check(f());
        start.elapsed()
    };
    let names = [
        "one thread, not split",
        "tokio tasks, current-thread",
        "tokio tasks, multi-thread",
        "spawn_blocking",
        "std threads (scoped)",
        "rayon",
    ];
    let times = interleaved(
        runs,
        &mut [
            &mut || timed(&|| primes_in(0..limit)),
            &mut || timed(&|| with_tasks(&current, limit, units, &seen)),
            &mut || timed(&|| with_tasks(&multi, limit, units, &seen)),
            &mut || timed(&|| with_spawn_blocking(&multi, limit, units, &seen)),
            &mut || timed(&|| with_threads(limit, units, &seen)),
            &mut || timed(&|| with_rayon(limit, units, &seen)),
        ],
    );
    println!("every row found {expected} primes");
    println!(
        "{:<28} {:>10} {:>10} {:>18}",
        "", "fastest", "median", "speed-up (median)"
    );
    let base = times[0].1.as_secs_f64();
    for (name, (fastest, median)) in names.iter().zip(times) {
        let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1e3);
        let speedup = base / median.as_secs_f64();
        println!(
            "{name:<28} {:>10} {:>10} {speedup:>18.2}",
            ms(fastest),
            ms(median)
        );
    }
    println!();
    println!("heartbeat every 1 ms on a current-thread runtime, beside 200 ms of computation");
    for (name, offload) in [("computed in a task", false), ("rayon + oneshot", true)] {
        let (longest, during) = heartbeat(Duration::from_millis(200), offload);
        println!(
            "{name:<20} longest gap {:>7.1} ms, beats during the work {during:>4}",
            longest.as_secs_f64() * 1e3
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn threads_used(f: impl FnOnce(&Seen) -> u64) -> (u64, usize) {
        let seen: Seen = Arc::default();
        let answer = f(&seen);
        let used = seen.lock().unwrap().len();
        (answer, used)
    }

    #[test]
    fn every_way_finds_the_same_answer() {
        let multi = tokio::runtime::Runtime::new().unwrap();
        let current = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let (limit, units) = (10_007, 3); // not a multiple of 3: the last range takes the rest
        let expected = primes_in(0..limit);
        assert_eq!(expected, 1_229); // 10,007 itself is prime, and left out
        assert_eq!(
            threads_used(|s| with_tasks(&current, limit, units, s)).0,
            expected
        );
        assert_eq!(
            threads_used(|s| with_tasks(&multi, limit, units, s)).0,
            expected
        );
        assert_eq!(
            threads_used(|s| with_spawn_blocking(&multi, limit, units, s)).0,
            expected
        );
        assert_eq!(threads_used(|s| with_threads(limit, units, s)).0, expected);
        assert_eq!(threads_used(|s| with_rayon(limit, units, s)).0, expected);
    }

    /// Tasks on a current-thread runtime are concurrent, not parallel: all
    /// the units run on the one thread, so there is nothing to gain.
    #[test]
    fn tasks_on_a_current_thread_runtime_use_one_thread() {
        let current = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        assert_eq!(threads_used(|s| with_tasks(&current, 1_000, 4, s)).1, 1);
        assert_eq!(threads_used(|s| with_threads(1_000, 4, s)).1, 4);
    }

    /// Deterministic: while a task computes, the one thread of the runtime
    /// is busy, so the heartbeat cannot beat at all.
    #[test]
    fn computing_in_a_task_stops_the_heartbeat() {
        let (longest, during) = heartbeat(Duration::from_millis(100), false);
        assert_eq!(during, 0);
        assert!(longest >= Duration::from_millis(100), "{longest:?}");
    }

    /// With the work on rayon's pool, the heartbeat goes on: 100 ms of work
    /// leaves room for many 1 ms beats; asking for one is a wide margin.
    #[test]
    fn rayon_and_a_oneshot_keep_the_heartbeat_going() {
        let (_, during) = heartbeat(Duration::from_millis(100), true);
        assert!(during >= 1, "{during} beats");
    }
}
