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
    let multi = tokio::runtime::Runtime::new().unwrap();
    let current = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let (n, runs) = (10_000, 5);
    println!("spawn + join of {n} no-op units; one warm-up, then {runs} runs of each row in turn");
    let names = [
        "tokio tasks, current-thread runtime",
        "tokio tasks, multi-thread runtime (*)",
        "std threads",
    ];
    let times = interleaved(
        runs,
        &mut [
            &mut || tasks(&current, n),
            &mut || tasks(&multi, n),
            &mut || threads(n),
        ],
    );
    println!(
        "{:<38} {:>10} {:>10} {:>12}",
        "", "fastest", "median", "median each"
    );
    for (name, (fastest, median)) in names.iter().zip(&times) {
        let ms = |d: &Duration| format!("{:.2} ms", d.as_secs_f64() * 1e3);
        let each = median.as_nanos() as f64 / n as f64;
        println!(
            "{name:<38} {:>10} {:>10} {:>9.0} ns",
            ms(fastest),
            ms(median),
            each
        );
    }
    println!("(*) spawned from block_on's thread, outside the workers: each spawn goes");
    println!("    through the runtime's shared inject queue");
    let ratio = times[2].1.as_secs_f64() / times[1].1.as_secs_f64();
    println!("threads / multi-thread tasks, medians: {ratio:.0}x");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fastest of `runs` runs: the one least disturbed by the rest of the
    /// machine.
    fn best(runs: usize, mut f: impl FnMut() -> Duration) -> Duration {
        (0..runs).map(|_| f()).min().unwrap()
    }

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
