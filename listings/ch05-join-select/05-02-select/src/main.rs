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

// ANCHOR: merge
/// Merges two channels until both are closed. Once a channel is closed and
/// empty, its `recv` completes with `None`, which does not match `Some`, so
/// that branch is disabled for the round; when both are, `else` ends it.
async fn merge(mut left: mpsc::Receiver<u32>, mut right: mpsc::Receiver<u32>) -> Vec<u32> {
    let mut merged = Vec::new();
    loop {
        tokio::select! {
            Some(value) = left.recv() => merged.push(value),
            Some(value) = right.recv() => merged.push(value),
            else => return merged,
        }
    }
}
// ANCHOR_END: merge

// ANCHOR: precondition
/// Runs a job that reports its progress on a channel, and collects the
/// reports until the job is done and every report has been read. The job
/// must not be polled again once it has finished (that panics), so its
/// branch carries a condition: while it is false, the branch is not polled.
async fn job_and_reports() -> (u32, Vec<u32>) {
    let (report, mut reports) = mpsc::channel(4);
    let mut job = pin!(async move {
        for percent in [25, 50, 75, 100] {
            sleep(Duration::from_millis(100)).await;
            report.send(percent).await.unwrap();
        }
        42 // `report` is dropped here, which closes the channel
    });
    let mut result = None;
    let mut seen = Vec::new();
    loop {
        tokio::select! {
            value = &mut job, if result.is_none() => result = Some(value),
            Some(percent) = reports.recv() => seen.push(percent),
            else => return (result.expect("the job finished"), seen),
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

    let (result, reports) = job_and_reports().await;
    println!("job: {result}, after reports {reports:?}");

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

    /// The mistake merge avoids: a pattern that matches `None` too keeps
    /// the closed channel's branch enabled, and since its `recv` is always
    /// ready, the loop goes round and round while nothing arrives.
    #[tokio::test]
    async fn a_closed_channels_branch_left_enabled_spins() {
        let (to_left, mut left) = mpsc::channel::<u32>(1);
        let (_to_right, mut right) = mpsc::channel::<u32>(1); // open, silent
        drop(to_left);
        let mut rounds = 0;
        loop {
            tokio::select! {
                value = left.recv() => {
                    assert_eq!(value, None);
                    rounds += 1;
                    if rounds == 10_000 {
                        break; // nothing has arrived, ten thousand times
                    }
                }
                Some(_) = right.recv() => unreachable!("nothing is sent"),
            }
        }
        assert_eq!(rounds, 10_000);
    }

    #[tokio::test(start_paused = true)]
    async fn the_precondition_stops_a_finished_job_being_polled() {
        assert_eq!(job_and_reports().await, (42, vec![25, 50, 75, 100]));
    }

    /// Without the condition, the loop polls the finished job again. (rustc
    /// says `async fn` for an `async` block too.)
    #[tokio::test]
    #[should_panic(expected = "`async fn` resumed after completion")]
    async fn polling_a_finished_job_again_panics() {
        let mut job = pin!(async { 42 });
        for _ in 0..2 {
            tokio::select! {
                value = &mut job => assert_eq!(value, 42),
            }
        }
    }

    /// A branch whose condition is false is not polled, but its future is
    /// still made: the expression that makes it runs.
    #[tokio::test]
    async fn a_disabled_branchs_future_is_made_but_never_polled() {
        let made = std::cell::Cell::new(0);
        let polled = std::cell::Cell::new(false);
        let make = || {
            made.set(made.get() + 1);
            async { polled.set(true) }
        };
        let enabled = false;
        let winner = tokio::select! {
            () = make(), if enabled => "the disabled branch",
            () = async {} => "the other branch",
        };
        assert_eq!(winner, "the other branch");
        assert_eq!(made.get(), 1, "the expression was evaluated");
        assert!(!polled.get(), "the future was never polled");
    }

    /// Every branch disabled (here by its pattern), and no `else`.
    #[tokio::test]
    #[should_panic(expected = "all branches are disabled and there is no else branch")]
    async fn all_branches_disabled_without_else_panics() {
        tokio::select! {
            Some(page) = async { None::<&str> } => println!("{page}"),
            Some(page) = async { None::<&str> } => println!("{page}"),
        }
    }

    #[tokio::test]
    async fn biased_always_picks_the_first_ready_branch() {
        assert_eq!(count_wins(200, true).await, (200, 0));
        let (first, second) = count_wins(200, false).await;
        // Random: the chance that either branch wins none of 200 rounds is
        // 2 * 2^-200 = 2^-199.
        assert!(first > 0 && second > 0);
    }
}
