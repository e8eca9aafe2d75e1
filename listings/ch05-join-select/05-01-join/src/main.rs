use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::time::{Instant, sleep};

// ANCHOR: lookups
/// A lookup that takes `millis` of (simulated) network time.
async fn lookup(what: &'static str, millis: u64) -> &'static str {
    sleep(Duration::from_millis(millis)).await;
    what
}
// ANCHOR_END: lookups

// ANCHOR: sequential
async fn one_after_another() -> (&'static str, &'static str, &'static str) {
    let user = lookup("user", 300).await;
    let orders = lookup("orders", 200).await;
    let prices = lookup("prices", 100).await;
    (user, orders, prices)
}
// ANCHOR_END: sequential

// ANCHOR: joined
async fn all_at_once() -> (&'static str, &'static str, &'static str) {
    tokio::join!(
        lookup("user", 300),
        lookup("orders", 200),
        lookup("prices", 100)
    )
}
// ANCHOR_END: joined

// ANCHOR: try_join
/// A lookup that may fail, and records whether it ran to the end.
async fn fallible(
    what: &'static str,
    millis: u64,
    fails: bool,
    finished: Arc<AtomicBool>,
) -> Result<&'static str, String> {
    sleep(Duration::from_millis(millis)).await;
    finished.store(true, Ordering::SeqCst);
    if fails {
        Err(format!("{what} failed"))
    } else {
        Ok(what)
    }
}

/// Returns try_join!'s result, and the flag the slow lookup sets if it
/// ever gets to the end.
async fn all_or_nothing() -> (
    Result<(&'static str, &'static str), String>,
    Arc<AtomicBool>,
) {
    let slow_finished = Arc::new(AtomicBool::new(false));
    let result = tokio::try_join!(
        fallible("quick", 100, true, Arc::new(AtomicBool::new(false))),
        fallible("slow", 300, false, Arc::clone(&slow_finished)),
    );
    (result, slow_finished)
}
// ANCHOR_END: try_join

// ANCHOR: main
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now();
    let found = one_after_another().await;
    println!("one after another: {found:?} in {:?}", start.elapsed());

    let start = Instant::now();
    let found = all_at_once().await;
    println!("join!:             {found:?} in {:?}", start.elapsed());

    let start = Instant::now();
    let names = ["user", "orders", "prices"];
    let many = futures::future::join_all(
        names
            .iter()
            .zip([300, 200, 100])
            .map(|(&n, m)| lookup(n, m)),
    )
    .await;
    println!("join_all:          {many:?} in {:?}", start.elapsed());

    let start = Instant::now();
    let (result, slow_finished) = all_or_nothing().await;
    println!("try_join!:         {result:?} in {:?}", start.elapsed());
    // Long after the slow lookup would have finished, had it still existed:
    sleep(Duration::from_secs(1)).await;
    let finished = slow_finished.load(Ordering::SeqCst);
    println!("a second later, the slow lookup has finished: {finished}");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn awaits_in_a_row_take_the_sum_and_join_takes_the_longest() {
        let start = Instant::now();
        one_after_another().await;
        assert_eq!(start.elapsed(), Duration::from_millis(600));
        let start = Instant::now();
        all_at_once().await;
        assert_eq!(start.elapsed(), Duration::from_millis(300));
    }

    #[tokio::test(start_paused = true)]
    async fn try_join_returns_the_first_error_and_drops_the_rest() {
        let start = Instant::now();
        let (result, slow_finished) = all_or_nothing().await;
        assert_eq!(result, Err("quick failed".to_owned()));
        assert_eq!(
            start.elapsed(),
            Duration::from_millis(100),
            "it did not wait for the slow one"
        );
        // Paused clock: this sleep is exact, and takes the clock well past
        // the 300 ms the slow lookup needed. It never finished: dropped, not
        // left running somewhere.
        sleep(Duration::from_secs(1)).await;
        assert!(!slow_finished.load(Ordering::SeqCst));
    }

    /// join! runs its futures in the task that awaits it: one thread, even
    /// on a multi-thread runtime; concurrency without parallelism.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn join_runs_everything_on_the_current_task() {
        // The test's body is run by `block_on` on the test's own thread,
        // where no other worker can take it over: if the futures were handed
        // to the runtime's workers, they would report other threads.
        let here = std::thread::current().id();
        // Each future notes its thread, suspends once, and notes it again
        // after the wakeup.
        let on = || async {
            let before = std::thread::current().id();
            tokio::task::yield_now().await;
            (before, std::thread::current().id())
        };
        let (a, b, c) = tokio::join!(on(), on(), on());
        assert_eq!([a, b, c], [(here, here); 3]);
    }
}
