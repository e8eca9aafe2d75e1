//! What tokio::fs does: every call is a trip to the blocking pool. Reading
//! a big file in chunks, and many files with a bound on how many are open.
//! (On Linux, the thread names also come from /proc/thread-self/comm.)

use futures::stream::{self, StreamExt};
use std::cell::Cell;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, BufReader};

// ANCHOR: started
/// How many threads a current-thread runtime has started: before any file
/// operation, after a `std::fs` call, and after a `tokio::fs` call; and the
/// name of the last thread started. Works on every OS.
pub fn threads_started() -> io::Result<(usize, usize, usize, String)> {
    let started = Arc::new(AtomicUsize::new(0));
    let last_name = Arc::new(Mutex::new(String::new()));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .thread_name("blocking-pool")
        .on_thread_start({
            let (started, last_name) = (started.clone(), last_name.clone());
            move || {
                // Runs on each new thread of the runtime, as it starts.
                started.fetch_add(1, SeqCst);
                let name = std::thread::current().name().unwrap_or("").to_string();
                *last_name.lock().unwrap() = name;
            }
        })
        .build()?;
    let here = std::env::temp_dir();
    let (before, after_std, after_tokio) = runtime.block_on(async {
        let before = started.load(SeqCst);
        std::fs::metadata(&here)?; // blocking, on this thread
        let after_std = started.load(SeqCst);
        tokio::fs::metadata(&here).await?; // sent to the blocking pool
        io::Result::Ok((before, after_std, started.load(SeqCst)))
    })?;
    let name = last_name.lock().unwrap().clone();
    Ok((before, after_std, after_tokio, name))
}
// ANCHOR_END: started

// ANCHOR: where
/// The name of the thread that reads it: Linux puts each thread's name in
/// /proc/thread-self/comm.
const MY_NAME: &str = "/proc/thread-self/comm";

/// (the thread running this task, the thread that ran a tokio::fs call)
#[cfg(target_os = "linux")]
pub async fn who_reads() -> io::Result<(String, String)> {
    let here = std::fs::read_to_string(MY_NAME)?; // blocking, on this thread
    let there = tokio::fs::read_to_string(MY_NAME).await?; // sent to the blocking pool
    Ok((here.trim().to_string(), there.trim().to_string()))
}
// ANCHOR_END: where

// ANCHOR: chunks
/// Counts the lines of a file of any size, holding one chunk of it at a time.
/// Returns (lines, bytes, how many chunks were read).
pub async fn count_lines(path: &Path, chunk: usize) -> io::Result<(usize, usize, usize)> {
    let file = tokio::fs::File::open(path).await?;
    let mut reader = BufReader::with_capacity(chunk, file);
    let (mut lines, mut bytes, mut chunks) = (0, 0, 0);
    loop {
        let buf = reader.fill_buf().await?; // one read of the file, in the pool
        if buf.is_empty() {
            return Ok((lines, bytes, chunks));
        }
        lines += buf.iter().filter(|&&b| b == b'\n').count();
        bytes += buf.len();
        chunks += 1;
        let n = buf.len();
        reader.consume(n);
    }
}
// ANCHOR_END: chunks

// ANCHOR: many
/// The total size of many files, reading at most `limit` at a time. Also
/// returns the most that were ever in flight at once (taken on by
/// `buffer_unordered` and not yet finished).
pub async fn total_size(paths: Vec<PathBuf>, limit: usize) -> io::Result<(u64, usize)> {
    let (in_flight, most) = (Cell::new(0), Cell::new(0));
    let sizes: Vec<io::Result<u64>> = stream::iter(paths)
        .map(|path| {
            // Runs when buffer_unordered takes the next path: one more in flight.
            in_flight.set(in_flight.get() + 1);
            most.set(most.get().max(in_flight.get()));
            let in_flight = &in_flight;
            async move {
                let contents = tokio::fs::read(&path).await;
                in_flight.set(in_flight.get() - 1);
                Ok(contents?.len() as u64)
            }
        })
        .buffer_unordered(limit)
        .collect()
        .await;
    let total = sizes.into_iter().sum::<io::Result<u64>>()?;
    Ok((total, most.get()))
}
// ANCHOR_END: many

/// A directory of its own under the system's temporary directory.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ch08-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `n` files of 1000 bytes each into `dir`.
pub fn small_files(dir: &Path, n: usize) -> Vec<PathBuf> {
    (0..n)
        .map(|i| {
            let path = dir.join(format!("{i:04}.txt"));
            std::fs::write(&path, [b'a'; 1000]).unwrap();
            path
        })
        .collect()
}

/// Writes a file of `lines` lines of 100 bytes each.
pub fn big_file(dir: &Path, lines: usize) -> PathBuf {
    let path = dir.join("big.log");
    let line = format!("{}\n", "x".repeat(99));
    std::fs::write(&path, line.repeat(lines)).unwrap();
    path
}

// ANCHOR: main
fn main() -> io::Result<()> {
    let (before, after_std, after_tokio, name) = threads_started()?;
    println!(
        "threads started: before {before}, after std::fs {after_std}, after tokio::fs {after_tokio} ({name:?})"
    );

    // A runtime on a thread called "async-main", whose blocking pool's
    // threads are called "blocking-pool".
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .thread_name("blocking-pool")
        .build()?;
    let task = std::thread::Builder::new()
        .name("async-main".into())
        .spawn(move || {
            runtime.block_on(async {
                #[cfg(target_os = "linux")]
                {
                    let (here, there) = who_reads().await?;
                    println!("the task runs on {here:?}; tokio::fs ran on {there:?}");
                }

                let dir = scratch("fs");
                let big = big_file(&dir, 20_000); // 2 MB
                let (lines, bytes, chunks) = count_lines(&big, 64 * 1024).await?;
                println!("{lines} lines, {bytes} bytes, in {chunks} chunks of at most 64 KiB");

                let paths = small_files(&dir, 200);
                let (total, most) = total_size(paths, 8).await?;
                println!("200 files, {total} bytes, at most {most} in flight");
                std::fs::remove_dir_all(&dir)
            })
        })?;
    task.join().unwrap()
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_tokio_fs_starts_a_thread_of_the_pool() {
        let (before, after_std, after_tokio, name) = threads_started().unwrap();
        assert_eq!((before, after_std, after_tokio), (0, 0, 1));
        assert_eq!(name, "blocking-pool");
    }

    #[cfg(target_os = "linux")]
    #[tokio::test]
    async fn tokio_fs_runs_on_another_thread() {
        let (here, there) = who_reads().await.unwrap();
        assert_ne!(here, there);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn tokio_fs_runs_on_the_blocking_pool_even_on_a_current_thread_runtime() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .thread_name("the-pool")
            .build()
            .unwrap();
        let (_, there) = rt.block_on(who_reads()).unwrap();
        assert_eq!(there, "the-pool");
    }

    #[tokio::test]
    async fn a_big_file_is_counted_one_chunk_at_a_time() {
        let dir = scratch("chunks");
        let big = big_file(&dir, 2_000); // 200,000 bytes
        let (lines, bytes, chunks) = count_lines(&big, 64 * 1024).await.unwrap();
        assert_eq!((lines, bytes), (2_000, 200_000));
        assert_eq!(chunks, 200_000_usize.div_ceil(64 * 1024)); // 4 reads, never the whole file
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[tokio::test]
    async fn many_files_at_most_limit_at_a_time() {
        let dir = scratch("many");
        let paths = small_files(&dir, 100);
        assert_eq!(total_size(paths.clone(), 8).await.unwrap(), (100_000, 8));
        // With no bound, all hundred are taken on before the first is done.
        assert_eq!(total_size(paths, usize::MAX).await.unwrap(), (100_000, 100));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[tokio::test]
    async fn a_missing_file_is_an_error_not_a_panic() {
        let err = total_size(vec!["/no/such/file".into()], 8)
            .await
            .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    }
}
