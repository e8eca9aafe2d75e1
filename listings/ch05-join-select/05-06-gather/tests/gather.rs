//! Every outcome of `gather`, under tokio's paused clock: durations are
//! exact, so each test says precisely when the page is ready.

use listing_05_06_gather::{Outcome, Service, collect_until, gather};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::time::Instant;

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// A service that answers (or fails) after `delay` ms, with a `timeout` ms.
fn service(name: &'static str, delay: u64, fails: bool, timeout: u64) -> Service {
    Service {
        name,
        delay: ms(delay),
        fails,
        timeout: ms(timeout),
    }
}

#[tokio::test(start_paused = true)]
async fn all_answer_in_time_and_it_waits_only_for_the_slowest() {
    let services = [service("a", 50, false, 100), service("b", 90, false, 100)];
    let start = Instant::now();
    let outcomes = gather(&services, ms(1000)).await;
    assert_eq!(
        outcomes,
        [
            Outcome::Answered("a data".into()),
            Outcome::Answered("b data".into())
        ]
    );
    assert_eq!(
        start.elapsed(),
        ms(90),
        "concurrent: the slowest, not the sum"
    );
}

#[tokio::test(start_paused = true)]
async fn a_slow_service_times_out_on_its_own() {
    let services = [
        service("quick", 20, false, 100),
        service("slow", 300, false, 100),
    ];
    let start = Instant::now();
    let outcomes = gather(&services, ms(1000)).await;
    assert_eq!(
        outcomes,
        [Outcome::Answered("quick data".into()), Outcome::TimedOut]
    );
    assert_eq!(
        start.elapsed(),
        ms(100),
        "gave up on it at its own timeout, not the deadline"
    );
}

#[tokio::test(start_paused = true)]
async fn a_failure_is_reported_and_does_not_stop_the_others() {
    let services = [
        service("down", 10, true, 100),
        service("up", 60, false, 100),
    ];
    let start = Instant::now();
    let outcomes = gather(&services, ms(1000)).await;
    assert_eq!(
        outcomes,
        [
            Outcome::Failed("down is down".into()),
            Outcome::Answered("up data".into())
        ]
    );
    assert_eq!(start.elapsed(), ms(60));
}

#[tokio::test(start_paused = true)]
async fn the_deadline_returns_whatever_has_arrived() {
    let services = [
        service("fast", 10, false, 1000),
        service("medium", 200, false, 1000),
        service("slow", 500, false, 1000),
    ];
    let start = Instant::now();
    let outcomes = gather(&services, ms(150)).await;
    assert_eq!(
        outcomes,
        [
            Outcome::Answered("fast data".into()),
            Outcome::Abandoned,
            Outcome::Abandoned
        ]
    );
    assert_eq!(start.elapsed(), ms(150));
}

#[tokio::test(start_paused = true)]
async fn timeouts_and_the_deadline_together() {
    // "a" answers, "b" times out at 50 ms, "c" is still waiting (its own
    // timeout is 400 ms) when the 100 ms deadline comes.
    let services = [
        service("a", 30, false, 50),
        service("b", 80, false, 50),
        service("c", 300, false, 400),
    ];
    let start = Instant::now();
    let outcomes = gather(&services, ms(100)).await;
    assert_eq!(
        outcomes,
        [
            Outcome::Answered("a data".into()),
            Outcome::TimedOut,
            Outcome::Abandoned
        ]
    );
    assert_eq!(start.elapsed(), ms(100));
}

#[tokio::test(start_paused = true)]
async fn no_services_no_waiting() {
    let start = Instant::now();
    assert!(gather(&[], ms(100)).await.is_empty());
    assert_eq!(start.elapsed(), Duration::ZERO);
}

#[tokio::test(start_paused = true)]
async fn an_answer_at_the_deadlines_very_instant_is_kept() {
    let services = [service("punctual", 100, false, 1000)];
    let outcomes = gather(&services, ms(100)).await;
    assert_eq!(outcomes, [Outcome::Answered("punctual data".into())]);
}

/// Sets its flag when dropped.
struct Tell(Arc<AtomicBool>);

impl Drop for Tell {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

#[tokio::test(start_paused = true)]
async fn requests_still_running_at_the_deadline_are_dropped() {
    let dropped = Arc::new(AtomicBool::new(false));
    let tell = Tell(Arc::clone(&dropped));
    let quick = async { Outcome::Answered("quick".into()) };
    let stuck = async move {
        let _tell = tell; // dropped with this request
        std::future::pending::<Outcome>().await
    };
    let outcomes = collect_until([Box::pin(quick) as BoxedRequest, Box::pin(stuck)], ms(50)).await;
    assert_eq!(
        outcomes,
        [Outcome::Answered("quick".into()), Outcome::Abandoned]
    );
    assert!(
        dropped.load(Ordering::SeqCst),
        "no work goes on for a page already sent"
    );
}

type BoxedRequest = std::pin::Pin<Box<dyn std::future::Future<Output = Outcome>>>;
