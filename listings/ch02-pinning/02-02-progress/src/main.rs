use std::cell::Cell;
use std::pin::pin;
use std::time::Duration;
use tokio::time::{Instant, sleep, timeout};

// ANCHOR: download
thread_local! {
    /// How many downloads this thread has started, so that the tests (each
    /// on its own thread, with a single-threaded runtime) can tell a
    /// download that was resumed from one that was started over.
    static STARTED: Cell<u32> = const { Cell::new(0) };
}

fn started() -> u32 {
    STARTED.with(Cell::get)
}

/// A slow operation: 3.5 seconds of (simulated) network.
async fn download(name: &str) -> usize {
    STARTED.with(|started| started.set(started.get() + 1));
    sleep(Duration::from_millis(3500)).await;
    name.len() * 1000
}
// ANCHOR_END: download

// ANCHOR: progress
/// Awaits `download`, reporting once a second while it runs.
async fn with_progress(name: &str) -> usize {
    let start = Instant::now();
    // Pin the future once, here (inside this function's own future), so
    // that it can be polled through a reference and outlive each `timeout`
    // that polls it.
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

// ANCHOR: main
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now();
    let bytes = with_progress("report.pdf").await;
    println!("{:>4.1?}: downloaded {bytes} bytes", start.elapsed());
    println!("downloads started: {}", started());
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    /// The mistake: a new download in every round. It starts over each
    /// second and, taking 3.5 s, never finishes (the test stops after five
    /// rounds).
    #[tokio::test(start_paused = true)]
    async fn recreating_the_future_each_round_never_finishes() {
        let before = started();
        let mut finished = 0;
        for _ in 0..5 {
            if timeout(Duration::from_secs(1), download("abc"))
                .await
                .is_ok()
            {
                finished += 1;
            }
        }
        assert_eq!(started() - before, 5, "started five times");
        assert_eq!(finished, 0, "and finished none");
    }

    #[tokio::test(start_paused = true)]
    async fn progress_is_reported_without_restarting_the_download() {
        let start = Instant::now();
        let before = started();
        assert_eq!(with_progress("abc").await, 3000);
        assert_eq!(
            start.elapsed(),
            Duration::from_millis(3500),
            "not restarted, so not longer"
        );
        assert_eq!(started() - before, 1, "started exactly once");
    }
}
