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

/// Many small files, each with `tokio::fs::read`: a trip per file (two, with the open).
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

/// The median of `runs` timings of `f`, checking that each run gives `expected`.
async fn median<F, Fut>(runs: usize, expected: u64, mut f: F) -> Duration
where
    F: FnMut() -> Fut,
    Fut: Future<Output = io::Result<u64>>,
{
    let mut times = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        assert_eq!(f().await.unwrap(), expected);
        times.push(start.elapsed());
    }
    times.sort();
    times[runs / 2]
}

// ANCHOR: main
#[tokio::main]
async fn main() {
    const BIG: usize = 64 * 1024 * 1024;
    const PIECE: usize = 8 * 1024;
    const FILES: usize = 2000;
    let (dir, big, smalls) = make_data("speed", BIG, FILES, 4096);
    let sum = std_pieces(big.clone(), PIECE).await.unwrap();
    let total = (FILES * 4096) as u64;

    let t_tokio = median(5, sum, || tokio_pieces(&big, PIECE)).await;
    let t_std = median(5, sum, || std_pieces(big.clone(), PIECE)).await;
    println!("one 64 MiB file in 8 KiB reads, median of 5 runs:");
    println!(
        "  tokio::fs::File           {:>8.1} ms",
        t_tokio.as_secs_f64() * 1e3
    );
    println!(
        "  std::fs in spawn_blocking {:>8.1} ms",
        t_std.as_secs_f64() * 1e3
    );
    println!(
        "  tokio::fs takes {:.1} times as long",
        t_tokio.as_secs_f64() / t_std.as_secs_f64()
    );

    let f_tokio = median(5, total, || tokio_files(&smalls)).await;
    let f_std = median(5, total, || std_files(smalls.clone())).await;
    println!("2000 files of 4 KiB, one after another, median of 5 runs:");
    println!(
        "  tokio::fs::read           {:>8.1} ms",
        f_tokio.as_secs_f64() * 1e3
    );
    println!(
        "  std::fs in spawn_blocking {:>8.1} ms",
        f_std.as_secs_f64() * 1e3
    );
    println!(
        "  tokio::fs takes {:.1} times as long",
        f_tokio.as_secs_f64() / f_std.as_secs_f64()
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
        let t_tokio = median(3, sum, || tokio_pieces(&big, 64)).await;
        let t_std = median(3, sum, || std_pieces(big.clone(), 64)).await;
        assert!(t_tokio > t_std, "tokio::fs {t_tokio:?}, std::fs {t_std:?}");
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
