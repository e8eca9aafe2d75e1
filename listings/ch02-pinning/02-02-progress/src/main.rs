use std::pin::pin;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;
use tokio::time::{Instant, sleep, timeout};

/// How many downloads have been started, so the tests can tell a download
/// that was resumed from one that was started over.
static STARTED: AtomicU32 = AtomicU32::new(0);

// ANCHOR: download
/// A slow operation: 3.5 seconds of (simulated) network.
async fn download(name: &str) -> usize {
    STARTED.fetch_add(1, Ordering::SeqCst);
    sleep(Duration::from_millis(3500)).await;
    name.len() * 1000
}
// ANCHOR_END: download

// ANCHOR: progress
/// Awaits `download`, reporting once a second while it runs.
async fn with_progress(name: &str) -> usize {
    let start = Instant::now();
    // Pin the future where it is, so that it can be polled through a
    // reference and outlive each `timeout` that polls it.
    let mut download = pin!(download(name));
    loop {
        // `download.as_mut()` is a `Pin<&mut _>`: a future that polls ours
        // without moving it, so the timeout can be dropped and ours lives on.
        match timeout(Duration::from_secs(1), download.as_mut()).await {
            Ok(bytes) => return bytes,
            Err(_) => println!("{:>4.1?}: still downloading {name}", start.elapsed()),
        }
    }
}
// ANCHOR_END: progress

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now();
    let bytes = with_progress("report.pdf").await;
    println!("{:>4.1?}: downloaded {bytes} bytes", start.elapsed());
    println!("downloads started: {}", STARTED.load(Ordering::SeqCst));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole listing in one test, so that the STARTED counter is not
    /// shared with another test running at the same time.
    #[tokio::test(start_paused = true)]
    async fn progress_is_reported_without_restarting_the_download() {
        let start = Instant::now();
        let before = STARTED.load(Ordering::SeqCst);
        assert_eq!(with_progress("abc").await, 3000);
        assert_eq!(
            start.elapsed(),
            Duration::from_millis(3500),
            "not restarted, so not longer"
        );
        assert_eq!(
            STARTED.load(Ordering::SeqCst) - before,
            1,
            "started exactly once"
        );
    }
}
