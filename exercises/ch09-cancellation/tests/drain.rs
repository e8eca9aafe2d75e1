//! Tests for exercise 2, on tokio's paused clock: jobs are sleeps of known
//! length, the cancel comes at a known time.

use exercises_ch09_cancellation::{Report, drain};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::time::{Instant, sleep, timeout};
use tokio_util::sync::CancellationToken;

fn job(ms: u64, ended: &Arc<AtomicUsize>) -> impl Future<Output = ()> + Send + 'static {
    let ended = ended.clone();
    async move {
        sleep(Duration::from_millis(ms)).await;
        ended.fetch_add(1, Ordering::SeqCst);
    }
}

fn cancel_after(ms: u64) -> CancellationToken {
    let token = CancellationToken::new();
    let canceller = token.clone();
    tokio::spawn(async move {
        sleep(Duration::from_millis(ms)).await;
        canceller.cancel();
    });
    token
}

const GRACE: Duration = Duration::from_millis(100);

#[tokio::test(start_paused = true)]
async fn without_a_cancel_every_job_finishes() {
    let ended = Arc::new(AtomicUsize::new(0));
    let jobs = vec![job(10, &ended), job(20, &ended), job(30, &ended)];
    let report = timeout(
        Duration::from_secs(60),
        drain(jobs, CancellationToken::new(), GRACE),
    )
    .await
    .expect("drain returns once the jobs are done");
    assert_eq!(
        report,
        Report {
            finished: 3,
            aborted: 0
        }
    );
}

#[tokio::test(start_paused = true)]
async fn jobs_in_flight_get_until_the_deadline_and_the_rest_are_aborted() {
    let ended = Arc::new(AtomicUsize::new(0));
    let jobs = vec![job(10, &ended), job(50, &ended), job(3_600_000, &ended)];
    let start = Instant::now();
    let report = timeout(Duration::from_secs(60), drain(jobs, cancel_after(5), GRACE))
        .await
        .expect("drain returns at the deadline, not when the slow job ends");
    assert_eq!(
        report,
        Report {
            finished: 2,
            aborted: 1
        }
    );
    assert_eq!(
        start.elapsed(),
        Duration::from_millis(105),
        "cancel at 5 ms + grace"
    );
}

#[tokio::test(start_paused = true)]
async fn an_aborted_job_really_stops() {
    let ended = Arc::new(AtomicUsize::new(0));
    let jobs = vec![job(1000, &ended)];
    let report = timeout(Duration::from_secs(60), drain(jobs, cancel_after(0), GRACE))
        .await
        .expect("drain returns at the deadline");
    assert_eq!(report.aborted, 1);
    sleep(Duration::from_secs(5)).await;
    assert_eq!(ended.load(Ordering::SeqCst), 0, "the job went on running");
}
