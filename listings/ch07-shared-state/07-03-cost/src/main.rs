//! What the ways of sharing a counter or a map cost, measured on a
//! multi-thread runtime with one worker per core: a `std::sync::Mutex`,
//! a `tokio::sync::Mutex` and an `AtomicU64` for a counter; one
//! `Mutex<HashMap>` against a map split across 16 mutexes. `main` prints
//! the figures (`cargo xtask measure` runs it in release and keeps the
//! output); the tests, with small counts, check only that every way counts
//! right, which holds on any machine.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::task::JoinSet;

/// Runs `tasks` copies of `work` at once and returns how long all took.
async fn time_tasks<F, Fut>(tasks: usize, work: F) -> Duration
where
    F: Fn(usize) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let start = Instant::now();
    let mut set = JoinSet::new();
    for task in 0..tasks {
        set.spawn(work(task));
    }
    set.join_all().await;
    start.elapsed()
}

// ANCHOR: counters
async fn std_counter(tasks: usize, ops: u64) -> (u64, Duration) {
    let count = Arc::new(Mutex::new(0u64));
    let time = time_tasks(tasks, |_| {
        let count = count.clone();
        async move {
            for _ in 0..ops {
                *count.lock().unwrap() += 1;
            }
        }
    })
    .await;
    let total = *count.lock().unwrap();
    (total, time)
}

async fn tokio_counter(tasks: usize, ops: u64) -> (u64, Duration) {
    let count = Arc::new(tokio::sync::Mutex::new(0u64));
    let time = time_tasks(tasks, |_| {
        let count = count.clone();
        async move {
            for _ in 0..ops {
                *count.lock().await += 1;
            }
        }
    })
    .await;
    let total = *count.lock().await;
    (total, time)
}

async fn atomic_counter(tasks: usize, ops: u64) -> (u64, Duration) {
    let count = Arc::new(AtomicU64::new(0));
    let time = time_tasks(tasks, |_| {
        let count = count.clone();
        async move {
            for _ in 0..ops {
                count.fetch_add(1, Ordering::Relaxed);
            }
        }
    })
    .await;
    (count.load(Ordering::Relaxed), time)
}
// ANCHOR_END: counters

// ANCHOR: sharded
/// A map split across several mutexes: a key's shard is fixed by the key,
/// so tasks working on different shards do not wait for each other.
pub struct ShardedMap {
    shards: Vec<Mutex<HashMap<u64, u64>>>,
}

impl ShardedMap {
    pub fn new(shards: usize) -> Self {
        ShardedMap {
            shards: (0..shards).map(|_| Mutex::default()).collect(),
        }
    }

    fn shard(&self, key: u64) -> &Mutex<HashMap<u64, u64>> {
        // Multiplying spreads neighbouring keys over the shards.
        let spread = key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32;
        &self.shards[spread as usize % self.shards.len()]
    }

    pub fn add(&self, key: u64, amount: u64) {
        *self.shard(key).lock().unwrap().entry(key).or_default() += amount;
    }

    pub fn get(&self, key: u64) -> u64 {
        self.shard(key)
            .lock()
            .unwrap()
            .get(&key)
            .copied()
            .unwrap_or(0)
    }
}
// ANCHOR_END: sharded

/// The keys task `task` touches: a cheap pseudo-random walk over 0..4096.
fn keys(task: usize, ops: u64) -> impl Iterator<Item = u64> {
    let mut state = task as u64 * 2 + 1;
    (0..ops).map(move |_| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % 4096
    })
}

async fn map_with_shards(shards: usize, tasks: usize, ops: u64) -> (ShardedMap, Duration) {
    let map = Arc::new(ShardedMap::new(shards));
    let time = time_tasks(tasks, |task| {
        let map = map.clone();
        async move {
            for key in keys(task, ops) {
                map.add(key, 1);
            }
        }
    })
    .await;
    let map = Arc::into_inner(map).expect("every task has finished");
    (map, time)
}

fn per_op(time: Duration, ops: u64) -> f64 {
    time.as_nanos() as f64 / ops as f64
}

/// The fastest of three runs, which is the least disturbed by whatever
/// else the machine was doing.
async fn best_of_three<Fut: Future<Output = Duration>>(run: impl Fn() -> Fut) -> Duration {
    let mut best = Duration::MAX;
    for _ in 0..3 {
        best = best.min(run().await);
    }
    best
}

// ANCHOR: main
const OPS: u64 = 400_000; // per task

fn main() {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(cores)
        .build()
        .unwrap();
    runtime.block_on(async {
        println!("{cores} worker threads, {OPS} operations per task, best of 3 runs");
        println!();
        println!("ns/op is the wall time divided by the operations of all tasks");
        println!();
        println!("counter                   tasks  ns/op");
        for tasks in [1, 8] {
            let total = OPS * tasks as u64;
            let std = best_of_three(|| async { std_counter(tasks, OPS).await.1 }).await;
            let tokio = best_of_three(|| async { tokio_counter(tasks, OPS).await.1 }).await;
            let atomic = best_of_three(|| async { atomic_counter(tasks, OPS).await.1 }).await;
            println!(
                "std::sync::Mutex          {tasks:>5}  {:>5.1}",
                per_op(std, total)
            );
            println!(
                "tokio::sync::Mutex        {tasks:>5}  {:>5.1}",
                per_op(tokio, total)
            );
            println!(
                "AtomicU64::fetch_add      {tasks:>5}  {:>5.1}",
                per_op(atomic, total)
            );
            println!(
                "  tokio's Mutex / std's: {:.1}x; std's Mutex / atomic: {:.1}x",
                tokio.as_secs_f64() / std.as_secs_f64(),
                std.as_secs_f64() / atomic.as_secs_f64(),
            );
        }
        println!();
        println!("map of 4096 keys, 8 tasks  shards  ns/op");
        let total = OPS * 8;
        let mut times = Vec::new();
        for shards in [1, 16] {
            let time = best_of_three(|| async { map_with_shards(shards, 8, OPS).await.1 }).await;
            println!(
                "Mutex<HashMap> x {shards:<2}               {:>5.1}",
                per_op(time, total)
            );
            times.push(time);
        }
        println!(
            "  one lock / 16 shards: {:.1}x",
            times[0].as_secs_f64() / times[1].as_secs_f64()
        );
    });
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    // Small counts: these tests check that every way counts right, not
    // which is faster, since that depends on the machine.

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn every_counter_counts_every_increment() {
        assert_eq!(std_counter(8, 5000).await.0, 40_000);
        assert_eq!(tokio_counter(8, 5000).await.0, 40_000);
        assert_eq!(atomic_counter(8, 5000).await.0, 40_000);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn sharding_changes_nothing_but_the_locks() {
        let (one, _) = map_with_shards(1, 8, 5000).await;
        let (many, _) = map_with_shards(16, 8, 5000).await;
        let total: u64 = (0..4096).map(|key| many.get(key)).sum();
        assert_eq!(total, 40_000);
        for key in 0..4096 {
            assert_eq!(one.get(key), many.get(key), "key {key}");
        }
        // Every shard is used.
        assert!(
            many.shards
                .iter()
                .all(|shard| !shard.lock().unwrap().is_empty())
        );
    }
}
