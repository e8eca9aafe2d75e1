use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::{Instant, interval, sleep};

async fn lookup(what: &'static str, millis: u64) -> &'static str {
    sleep(Duration::from_millis(millis)).await;
    what
}

/// Sets its flag when dropped.
struct Tell(Arc<AtomicBool>);

impl Drop for Tell {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

// ANCHOR: race
/// The first branch to finish wins; the other future is dropped, unfinished.
async fn race() -> (&'static str, bool) {
    let loser_dropped = Arc::new(AtomicBool::new(false));
    let tell = Tell(Arc::clone(&loser_dropped));
    let slow = async move {
        let _tell = tell; // dropped with this future
        lookup("replica", 200).await
    };
    let winner = tokio::select! {
        found = lookup("primary", 100) => found,
        found = slow => found,
    };
    (winner, loser_dropped.load(Ordering::SeqCst))
}
// ANCHOR_END: race

// ANCHOR: progress
/// A long job and a ticker in one loop. The job is created once and pinned,
/// and each round polls it through `&mut`, so it goes on where it was;
/// the ticker's `tick()` is a new future each round, which is fine, since
/// the `Interval` keeps its schedule outside the future.
async fn job_with_ticks() -> Vec<String> {
    let start = Instant::now();
    let mut events = Vec::new();
    let mut job = pin!(lookup("report", 2500));
    let mut every_second = interval(Duration::from_secs(1));
    every_second.tick().await; // the first tick is immediate; skip it
    loop {
        tokio::select! {
            done = &mut job => {
                events.push(format!("{:?}: {done} is ready", start.elapsed()));
                return events;
            }
            _ = every_second.tick() => events.push(format!("{:?}: still working", start.elapsed())),
        }
    }
}
// ANCHOR_END: progress

// ANCHOR: precondition
/// Merges two channels until both are closed. A branch whose `if` is false
/// is not polled at all; when every branch is disabled, `else` runs.
async fn merge(mut left: mpsc::Receiver<u32>, mut right: mpsc::Receiver<u32>) -> Vec<u32> {
    let (mut left_open, mut right_open) = (true, true);
    let mut merged = Vec::new();
    loop {
        tokio::select! {
            value = left.recv(), if left_open => match value {
                Some(value) => merged.push(value),
                None => left_open = false,
            },
            value = right.recv(), if right_open => match value {
                Some(value) => merged.push(value),
                None => right_open = false,
            },
            else => return merged,
        }
    }
}
// ANCHOR_END: precondition

// ANCHOR: biased
/// Two branches ready at once. Without `biased;` select! starts at a random
/// branch each time, so both win sometimes; with it, the first listed wins.
async fn count_wins(rounds: u32, biased: bool) -> (u32, u32) {
    let (mut first, mut second) = (0, 0);
    for _ in 0..rounds {
        let first_won = if biased {
            tokio::select! { biased; _ = async {} => true, _ = async {} => false }
        } else {
            tokio::select! { _ = async {} => true, _ = async {} => false }
        };
        if first_won { first += 1 } else { second += 1 }
    }
    (first, second)
}
// ANCHOR_END: biased

// ANCHOR: main
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let (winner, loser_dropped) = race().await;
    println!("race: {winner} won; the loser was dropped: {loser_dropped}");

    for event in job_with_ticks().await {
        println!("loop: {event}");
    }

    let (to_left, left) = mpsc::channel(8);
    let (to_right, right) = mpsc::channel(8);
    for n in [1, 3, 5] {
        to_left.send(n).await.unwrap();
    }
    for n in [2, 4] {
        to_right.send(n).await.unwrap();
    }
    drop((to_left, to_right));
    let mut merged = merge(left, right).await;
    merged.sort();
    println!("merge: {merged:?}");

    let (first, second) = count_wins(1000, true).await;
    println!("biased: first {first}, second {second}");
    let (first, second) = count_wins(1000, false).await;
    println!(
        "unbiased: both won some rounds: {}",
        first > 0 && second > 0
    );
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_first_to_finish_wins_and_the_other_is_dropped() {
        let start = Instant::now();
        assert_eq!(race().await, ("primary", true));
        assert_eq!(start.elapsed(), Duration::from_millis(100));
    }

    #[tokio::test(start_paused = true)]
    async fn the_pinned_job_is_not_restarted_by_the_loop() {
        let events = job_with_ticks().await;
        assert_eq!(events.len(), 3, "{events:?}");
        assert_eq!(events[2], "2.5s: report is ready");
    }

    /// The mistake the pinned job avoids: a job created inside the loop is a
    /// new job every round, dropped unfinished whenever the ticker wins.
    #[tokio::test(start_paused = true)]
    async fn a_job_created_inside_the_loop_restarts_and_never_finishes() {
        let mut every_second = interval(Duration::from_secs(1));
        every_second.tick().await;
        let mut ticks = 0;
        let looping = async {
            loop {
                tokio::select! {
                    done = lookup("report", 2500) => return done,
                    _ = every_second.tick() => ticks += 1,
                }
            }
        };
        // Half a second off the ticks, so that no tick and no timeout fall
        // on the same instant.
        let gave_up = tokio::time::timeout(Duration::from_millis(9500), looping).await;
        assert!(gave_up.is_err(), "9.5 s, and a 2.5 s job never finished");
        assert_eq!(ticks, 9);
    }

    #[tokio::test]
    async fn merge_takes_everything_and_stops_when_both_close() {
        let (to_left, left) = mpsc::channel(4);
        let (to_right, right) = mpsc::channel(4);
        let producer = tokio::spawn(async move {
            for n in 0..10 {
                if n % 2 == 0 {
                    to_left.send(n).await.unwrap()
                } else {
                    to_right.send(n).await.unwrap()
                }
            }
        });
        let mut merged = merge(left, right).await;
        producer.await.unwrap();
        merged.sort();
        assert_eq!(merged, (0..10).collect::<Vec<_>>());
    }

    #[tokio::test]
    async fn biased_always_picks_the_first_ready_branch() {
        assert_eq!(count_wins(200, true).await, (200, 0));
        let (first, second) = count_wins(200, false).await;
        // Random: the chance that one branch never wins in 200 rounds is 2^-199.
        assert!(first > 0 && second > 0);
    }
}
