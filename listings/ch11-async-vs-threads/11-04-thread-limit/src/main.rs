//! Listing 11-4: how many threads this machine lets a process start, probed
//! with a ceiling so that the probe cannot exhaust the machine, and the same
//! number of tasks.

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

/// std's default stack for a spawned thread: 2 MiB on the tier-1 platforms.
const DEFAULT_STACK: usize = 2 * 1024 * 1024;

fn main() {
    let ceiling = 10_000;
    let start = Instant::now();
    let (started, error) = probe_threads(ceiling, DEFAULT_STACK);
    let took = start.elapsed();
    match error {
        None => println!("threads: all {started} started (the ceiling), in {took:?}"),
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
    #[test]
    fn a_refused_thread_is_an_io_error() {
        let (started, error) = probe_threads(10, usize::MAX / 4);
        assert_eq!(started, 0);
        assert!(error.is_some());
    }

    #[test]
    fn the_probe_stops_at_its_ceiling_and_every_thread_finishes() {
        let (started, error) = probe_threads(50, DEFAULT_STACK);
        assert_eq!((started, error.map(|e| e.kind())), (50, None));
        assert_eq!(probe_tasks(50), 50);
    }
}
