//! Listing 11-4: the limits on how many threads a process may start, read
//! from the OS; then a probe that starts threads up to a budget (half the
//! room those limits leave, so that other jobs of the same user or container
//! can still start theirs), and the same number of tasks.

mod budget;

use std::io;
use std::sync::{Arc, RwLock};
use std::time::Instant;

// ANCHOR: probe
/// Starts threads that all block on one lock until `ceiling` are running or
/// the OS refuses one; then lets them all finish and joins them. Returns how
/// many started and the error, if there was one.
fn probe_threads(ceiling: usize, stack_size: usize) -> (usize, Option<io::Error>) {
    let gate = Arc::new(RwLock::new(()));
    let closed = gate.write().unwrap(); // every thread waits for this to go
    let mut handles = Vec::new();
    let mut error = None;
    while handles.len() < ceiling {
        let gate = Arc::clone(&gate);
        let spawned = std::thread::Builder::new()
            .stack_size(stack_size)
            .spawn(move || drop(gate.read().unwrap()));
        match spawned {
            Ok(handle) => handles.push(handle),
            Err(e) => {
                error = Some(e);
                break;
            }
        }
    }
    let started = handles.len();
    drop(closed);
    for handle in handles {
        handle.join().unwrap();
    }
    (started, error)
}
// ANCHOR_END: probe

/// The same for tasks, on a current-thread runtime: they all wait on one
/// tokio lock.
fn probe_tasks(count: usize) -> usize {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    rt.block_on(async {
        let gate = Arc::new(tokio::sync::RwLock::new(()));
        let closed = gate.write().await;
        let handles: Vec<_> = (0..count)
            .map(|_| {
                let gate = Arc::clone(&gate);
                tokio::spawn(async move { drop(gate.read().await) })
            })
            .collect();
        drop(closed);
        let started = handles.len();
        for handle in handles {
            handle.await.unwrap();
        }
        started
    })
}

/// A small stack for the probe's threads, which only wait on a lock.
const SMALL_STACK: usize = 64 * 1024;

fn main() {
    let limits = budget::limits();
    for (name, max, used) in &limits {
        println!("{name}: {max} ({used} in use)");
    }
    if limits.is_empty() {
        println!("no limit readable here (no /proc)");
    }
    let ceiling = budget::budget(&limits) as usize;
    let start = Instant::now();
    let (started, error) = probe_threads(ceiling, SMALL_STACK);
    let took = start.elapsed();
    match error {
        None => println!("threads: all {started} started (the budget), in {took:?}"),
        Some(e) => println!(
            "threads: {started} started, then the OS refused: {e} ({:?})",
            e.kind()
        ),
    }
    let start = Instant::now();
    let tasks = probe_tasks(started.max(1));
    println!("tasks:   all {tasks} started, in {:?}", start.elapsed());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Builder::spawn` reports a refused thread as an error (where
    /// `std::thread::spawn` would panic): a stack no machine can map is
    /// refused at once, and the threads started before are cleaned up.
    /// Only on 64-bit targets: half of a 32-bit address space (2 GiB) can
    /// be mappable; half of a 64-bit one is far beyond any machine's.
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn a_refused_thread_is_an_io_error() {
        let (started, error) = probe_threads(10, usize::MAX / 2);
        assert_eq!(started, 0);
        assert!(error.is_some());
    }

    #[test]
    fn the_probe_stops_at_its_ceiling_and_every_thread_finishes() {
        let (started, error) = probe_threads(50, SMALL_STACK);
        assert_eq!((started, error.map(|e| e.kind())), (50, None));
        assert_eq!(probe_tasks(50), 50);
    }

    /// The budget takes half the room under the tightest limit (here a
    /// container's 4,096 pids with 3,000 in use), never more than 2,000.
    #[test]
    fn the_budget_is_half_the_room_under_the_tightest_limit() {
        let user = ("user", 96_549, 83);
        let container = ("container", 4_096, 3_000);
        let kernel = ("kernel", 193_098, 83);
        assert_eq!(budget::budget(&[user, container, kernel]), 548);
        assert_eq!(budget::budget(&[user, kernel]), 2_000);
        assert_eq!(budget::budget(&[("full", 4_096, 5_000)]), 0);
        assert_eq!(budget::budget(&[]), budget::NO_LIMIT_READ);
    }

    #[test]
    fn the_limits_are_read_from_procfs_text() {
        let limits = "Limit                     Soft Limit           Hard Limit           Units     \n\
                      Max processes             4096                 8192                 processes \n";
        assert_eq!(budget::max_processes(limits), Some(4_096));
        let unlimited =
            "Max processes             unlimited            unlimited            processes";
        assert_eq!(budget::max_processes(unlimited), None);
        assert_eq!(budget::threads_now("1.48 7.42 8.80 1/83 15416\n"), Some(83));
    }

    /// On Linux, the probe's budget is bounded by what this machine allows.
    #[test]
    #[cfg(target_os = "linux")]
    fn on_linux_every_limit_is_read() {
        let limits = budget::limits();
        assert!(
            limits.iter().any(|l| l.0.starts_with("threads-max")),
            "{limits:?}"
        );
        assert!(budget::budget(&limits) <= budget::MAX_THREADS);
    }
}
