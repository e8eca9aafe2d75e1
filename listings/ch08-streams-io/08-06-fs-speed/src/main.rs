//! tokio::fs against std::fs inside one spawn_blocking, measured: the same
//! work, done as many trips to the blocking pool or as one.

use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tokio::io::AsyncReadExt;

// ANCHOR: ways
/// Reads a file in `piece`-byte reads, each one a trip to the blocking pool.
pub async fn tokio_pieces(path: &Path, piece: usize) -> io::Result<u64> {
    let mut file = tokio::fs::File::open(path).await?;
    let mut buf = vec![0; piece];
    let mut sum = 0u64;
    loop {
        let n = file.read(&mut buf).await?;
        if n == 0 {
            return Ok(sum);
        }
        sum += buf[..n].iter().map(|&b| u64::from(b)).sum::<u64>();
    }
}

/// The same reads with std::fs, all of them in one trip to the pool.
pub async fn std_pieces(path: PathBuf, piece: usize) -> io::Result<u64> {
    tokio::task::spawn_blocking(move || {
        let mut file = std::fs::File::open(path)?;
        let mut buf = vec![0; piece];
        let mut sum = 0u64;
        loop {
            let n = file.read(&mut buf)?;
            if n == 0 {
                return Ok(sum);
            }
            sum += buf[..n].iter().map(|&b| u64::from(b)).sum::<u64>();
        }
    })
    .await?
}

/// Many small files, each with `tokio::fs::read`: a trip to the pool per file.
pub async fn tokio_files(paths: &[PathBuf]) -> io::Result<u64> {
    let mut total = 0;
    for path in paths {
        total += tokio::fs::read(path).await?.len() as u64;
    }
    Ok(total)
}

/// The same files with `std::fs::read`, all in one trip.
pub async fn std_files(paths: Vec<PathBuf>) -> io::Result<u64> {
    tokio::task::spawn_blocking(move || {
        let mut total = 0;
        for path in &paths {
            total += std::fs::read(path)?.len() as u64;
        }
        Ok(total)
    })
    .await?
}
// ANCHOR_END: ways

/// Test data under the system's temporary directory: one file of `big`
/// bytes and `count` files of `small` bytes.
pub fn make_data(
    name: &str,
    big: usize,
    count: usize,
    small: usize,
) -> (PathBuf, PathBuf, Vec<PathBuf>) {
    let dir = std::env::temp_dir().join(format!("ch08-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let big_path = dir.join("big.bin");
    let data: Vec<u8> = (0..big).map(|i| (i % 251) as u8).collect();
    std::fs::write(&big_path, data).unwrap();
    let smalls = (0..count)
        .map(|i| {
            let path = dir.join(format!("{i:05}.txt"));
            std::fs::write(&path, vec![b'a'; small]).unwrap();
            path
        })
        .collect();
    (dir, big_path, smalls)
}

/// The fastest, median and slowest of a set of timings.
fn spread(times: &mut [Duration]) -> (f64, f64, f64) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    (
        ms(times[0]),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1]),
    )
}

/// Times `a` and `b` in turns (a, b, a, b, ...) for `rounds` rounds, after
/// one untimed run of each to warm the page cache, checking that every run
/// gives `expected`. Taking turns spreads any slow spell of the machine
/// over both ways instead of over one.
async fn a_then_b<A, FA, B, FB>(
    rounds: usize,
    expected: u64,
    mut a: A,
    mut b: B,
) -> (Vec<Duration>, Vec<Duration>)
where
    A: FnMut() -> FA,
    FA: Future<Output = io::Result<u64>>,
    B: FnMut() -> FB,
    FB: Future<Output = io::Result<u64>>,
{
    assert_eq!(a().await.unwrap(), expected);
    assert_eq!(b().await.unwrap(), expected);
    let (mut ta, mut tb) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let start = Instant::now();
        assert_eq!(a().await.unwrap(), expected);
        ta.push(start.elapsed());
        let start = Instant::now();
        assert_eq!(b().await.unwrap(), expected);
        tb.push(start.elapsed());
    }
    (ta, tb)
}

fn report(title: &str, tokio_name: &str, mut ta: Vec<Duration>, mut tb: Vec<Duration>) {
    let (a_min, a_med, a_max) = spread(&mut ta);
    let (b_min, b_med, b_max) = spread(&mut tb);
    println!("{title}, {} rounds taking turns (ms):", ta.len());
    println!("  {:<25} {:>8} {:>8} {:>8}", "", "min", "median", "max");
    println!("  {tokio_name:<25} {a_min:>8.1} {a_med:>8.1} {a_max:>8.1}");
    println!(
        "  {:<25} {b_min:>8.1} {b_med:>8.1} {b_max:>8.1}",
        "std::fs in spawn_blocking"
    );
    println!(
        "  median against median: tokio::fs takes {:.1} times as long",
        a_med / b_med
    );
}

// ANCHOR: main
#[tokio::main]
async fn main() {
    const BIG: usize = 64 * 1024 * 1024;
    const PIECE: usize = 8 * 1024;
    const FILES: usize = 2000;
    const ROUNDS: usize = 21;
    let (dir, big, smalls) = make_data("speed", BIG, FILES, 4096);
    let sum: u64 = (0..BIG as u64).map(|i| i % 251).sum();
    let total = (FILES * 4096) as u64;

    let (ta, tb) = a_then_b(
        ROUNDS,
        sum,
        || tokio_pieces(&big, PIECE),
        || std_pieces(big.clone(), PIECE),
    )
    .await;
    report("one 64 MiB file in 8 KiB reads", "tokio::fs::File", ta, tb);

    let (ta, tb) = a_then_b(
        ROUNDS,
        total,
        || tokio_files(&smalls),
        || std_files(smalls.clone()),
    )
    .await;
    report(
        "2000 files of 4 KiB, one after another",
        "tokio::fs::read",
        ta,
        tb,
    );
    std::fs::remove_dir_all(dir).unwrap();
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn both_ways_read_the_same_bytes() {
        let (dir, big, smalls) = make_data("speed-test", 100_000, 20, 100);
        let sum = tokio_pieces(&big, 8192).await.unwrap();
        assert_eq!(std_pieces(big.clone(), 8192).await.unwrap(), sum);
        let expected: u64 = (0..100_000u64).map(|i| i % 251).sum();
        assert_eq!(sum, expected);
        assert_eq!(tokio_files(&smalls).await.unwrap(), 2000);
        assert_eq!(std_files(smalls).await.unwrap(), 2000);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn many_trips_to_the_pool_cost_more_than_one() {
        // 64-byte reads of a 64 KiB file: 1024 trips against one. The gap
        // is wide enough to hold in a debug build on a busy machine.
        let (dir, big, _) = make_data("speed-trips", 64 * 1024, 0, 0);
        let sum = std_pieces(big.clone(), 64).await.unwrap();
        let (mut ta, mut tb) = a_then_b(
            3,
            sum,
            || tokio_pieces(&big, 64),
            || std_pieces(big.clone(), 64),
        )
        .await;
        let (t_tokio, t_std) = (spread(&mut ta).1, spread(&mut tb).1);
        assert!(
            t_tokio > t_std,
            "tokio::fs {t_tokio} ms, std::fs {t_std} ms"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[tokio::test]
    async fn both_ways_report_a_missing_file() {
        let missing = PathBuf::from("/no/such/file");
        assert_eq!(
            tokio_pieces(&missing, 8).await.unwrap_err().kind(),
            io::ErrorKind::NotFound
        );
        assert_eq!(
            std_pieces(missing.clone(), 8).await.unwrap_err().kind(),
            io::ErrorKind::NotFound
        );
        assert_eq!(
            tokio_files(std::slice::from_ref(&missing))
                .await
                .unwrap_err()
                .kind(),
            io::ErrorKind::NotFound
        );
        assert_eq!(
            std_files(vec![missing]).await.unwrap_err().kind(),
            io::ErrorKind::NotFound
        );
    }
}
