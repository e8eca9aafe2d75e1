//! Listing 11-2: the cost to start and finish a unit of work that does
//! nothing: `n` tasks spawned and joined, against `n` threads.

use std::time::{Duration, Instant};

// ANCHOR: spawn
/// Spawns `n` no-op tasks on `rt` and awaits them all.
fn tasks(rt: &tokio::runtime::Runtime, n: usize) -> Duration {
    rt.block_on(async {
        let start = Instant::now();
        let handles: Vec<_> = (0..n).map(|_| tokio::spawn(async {})).collect();
        for handle in handles {
            handle.await.unwrap();
        }
        start.elapsed()
    })
}

/// Spawns `n` no-op threads and joins them all.
fn threads(n: usize) -> Duration {
    let start = Instant::now();
    let handles: Vec<_> = (0..n).map(|_| std::thread::spawn(|| {})).collect();
    for handle in handles {
        handle.join().unwrap();
    }
    start.elapsed()
}
// ANCHOR_END: spawn

/// The fastest of `runs` runs: the one least disturbed by the rest of the
/// machine.
fn best(runs: usize, mut f: impl FnMut() -> Duration) -> Duration {
    (0..runs).map(|_| f()).min().unwrap()
}

fn main() {
    let multi = tokio::runtime::Runtime::new().unwrap();
    let current = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let n = 10_000;
    println!("spawn + join of {n} no-op units, fastest of 3 runs");
    let rows = [
        (
            "tokio tasks, current-thread runtime",
            best(3, || tasks(&current, n)),
        ),
        (
            "tokio tasks, multi-thread runtime",
            best(3, || tasks(&multi, n)),
        ),
        ("std threads", best(3, || threads(n))),
    ];
    for (name, took) in &rows {
        let each = took.as_nanos() as f64 / n as f64;
        println!(
            "{name:<36} {:>9.2} ms  {:>9.0} ns each",
            took.as_secs_f64() * 1e3,
            each
        );
    }
    let ratio = rows[2].1.as_secs_f64() / rows[1].1.as_secs_f64();
    println!("threads / multi-thread tasks: {ratio:.0}x");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Holds on any machine with a wide margin: starting a thread asks the
    /// kernel for a stack and a schedulable thread; a task is one allocation
    /// and a push onto a queue. Even in a debug build, where tokio's code
    /// is not optimised and the kernel's work is the same, the factor is
    /// well above the five asserted here.
    #[test]
    fn a_no_op_task_starts_and_finishes_at_least_five_times_faster_than_a_thread() {
        let multi = tokio::runtime::Runtime::new().unwrap();
        let current = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let n = 1_000;
        let thread = best(3, || threads(n));
        for rt in [&multi, &current] {
            let task = best(3, || tasks(rt, n));
            eprintln!("tasks {task:?}, threads {thread:?}");
            assert!(task * 5 < thread, "tasks {task:?}, threads {thread:?}");
        }
    }
}
