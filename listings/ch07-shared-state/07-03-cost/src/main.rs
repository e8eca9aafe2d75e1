//! What the ways of sharing a counter or a map cost, measured on a
//! multi-thread runtime with one worker per core: a `std::sync::Mutex`,
//! a `tokio::sync::Mutex` and an `AtomicU64` for a counter; one
//! `Mutex<HashMap>` against a map split across 16 mutexes. `main` runs
//! every case once per round, ten rounds after a warm-up, and prints the
//! median and the range of each, and ratios (`cargo xtask measure` runs
//! it in release and keeps the output); the tests, with small counts,
//! check only that every way counts right, which holds on any machine.

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
/// Every loop yields every 64 operations, so that all the tasks take
/// turns on the workers whichever lock they use: without it, a loop with no
/// `.await` in it keeps its worker until it is done, and only as many tasks
/// as workers ever contend.
async fn take_turns(op: u64) {
    if op % 64 == 63 {
        tokio::task::yield_now().await;
    }
}

async fn std_counter(tasks: usize, ops: u64) -> (u64, Duration) {
    let count = Arc::new(Mutex::new(0u64));
    let time = time_tasks(tasks, |_| {
        let count = count.clone();
        async move {
            for op in 0..ops {
                *count.lock().unwrap() += 1;
                take_turns(op).await;
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
            for op in 0..ops {
                *count.lock().await += 1;
                take_turns(op).await;
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
            for op in 0..ops {
                count.fetch_add(1, Ordering::Relaxed);
                take_turns(op).await;
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
            for (op, key) in keys(task, ops).enumerate() {
                map.add(key, 1);
                take_turns(op as u64).await;
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

/// The median, smallest and largest of some measurements.
fn spread(mut xs: Vec<f64>) -> (f64, f64, f64) {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    let median = if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    };
    (median, xs[0], xs[n - 1])
}

// ANCHOR: main
const OPS: u64 = 100_000; // per task
const ROUNDS: usize = 10; // after one warm-up round, which is thrown away

/// The cases: what is measured, and by how many tasks at once.
const CASES: [(&str, usize); 8] = [
    ("std::sync::Mutex", 1),
    ("tokio::sync::Mutex", 1),
    ("AtomicU64::fetch_add", 1),
    ("std::sync::Mutex", 8),
    ("tokio::sync::Mutex", 8),
    ("AtomicU64::fetch_add", 8),
    ("Mutex<HashMap> x 1", 8),
    ("Mutex<HashMap> x 16", 8),
];

async fn run_case(case: usize) -> Duration {
    let (_, tasks) = CASES[case];
    match case {
        0 | 3 => std_counter(tasks, OPS).await.1,
        1 | 4 => tokio_counter(tasks, OPS).await.1,
        2 | 5 => atomic_counter(tasks, OPS).await.1,
        6 => map_with_shards(1, tasks, OPS).await.1,
        _ => map_with_shards(16, tasks, OPS).await.1,
    }
}

fn main() {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(cores)
        .build()
        .unwrap();
    // times[case][round], in ns per operation. Each round runs every case
    // once, so that a slow moment of the machine falls on all of them.
    let mut times = vec![Vec::new(); CASES.len()];
    runtime.block_on(async {
        for round in 0..=ROUNDS {
            for (case, (_, tasks)) in CASES.iter().enumerate() {
                let time = run_case(case).await;
                if round > 0 {
                    times[case].push(per_op(time, OPS * *tasks as u64));
                }
            }
        }
    });
    println!("{cores} worker threads, {OPS} operations per task, every task");
    println!("yielding every 64; {ROUNDS} rounds after a warm-up, each running");
    println!("every case once. ns/op is the wall time over all tasks' operations.");
    println!();
    println!("case                      tasks  median ns/op  (min-max)");
    for (case, (name, tasks)) in CASES.iter().enumerate() {
        let (median, min, max) = spread(times[case].clone());
        println!("{name:<24}  {tasks:>5}  {median:>12.1}  ({min:.1}-{max:.1})");
    }
    println!();
    println!("ratio                      tasks  of medians  (per round, min-max)");
    let ratios = [
        ("tokio's Mutex / std's", 1, 0),
        ("std's Mutex / atomic", 0, 2),
        ("tokio's Mutex / std's", 4, 3),
        ("std's Mutex / atomic", 3, 5),
        ("one lock / 16 shards", 6, 7),
    ];
    for (name, top, bottom) in ratios {
        let tasks = CASES[top].1;
        let per_round = (0..ROUNDS)
            .map(|r| times[top][r] / times[bottom][r])
            .collect();
        let (_, min, max) = spread(per_round);
        let of_medians = spread(times[top].clone()).0 / spread(times[bottom].clone()).0;
        println!("{name:<25}  {tasks:>5}  {of_medians:>9.1}x  ({min:.1}x-{max:.1}x)");
    }
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
