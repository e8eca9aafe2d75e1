use exercises_ch02_pinning::Progress;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Waker};
use std::time::Duration;
use tokio::time::{Instant, advance, sleep};

const SECOND: Duration = Duration::from_secs(1);

/// With the clock paused, time jumps from timer to timer: exact and instant.
#[tokio::test(start_paused = true)]
async fn reports_every_period_until_the_future_is_done() {
    let start = Instant::now();
    let mut reports = Vec::new();
    let work = async {
        sleep(Duration::from_millis(3500)).await;
        "finished"
    };
    let output = Progress::new(work, SECOND, |n| reports.push((n, start.elapsed()))).await;
    assert_eq!(output, "finished");
    assert_eq!(reports, [(1, SECOND), (2, 2 * SECOND), (3, 3 * SECOND)]);
    assert_eq!(
        start.elapsed(),
        Duration::from_millis(3500),
        "no later than the work itself"
    );
}

/// At 3 s the work and the third tick are due together: the work wins, so
/// a Progress that polls the tick first reports once too often.
#[tokio::test(start_paused = true)]
async fn polls_the_work_before_the_tick() {
    let mut reports = Vec::new();
    Progress::new(sleep(3 * SECOND), SECOND, |n| reports.push(n)).await;
    assert_eq!(reports, [1, 2]);
}

#[tokio::test(start_paused = true)]
async fn a_future_that_is_ready_at_once_reports_nothing() {
    let mut reports = 0;
    let output = Progress::new(async { 42 }, SECOND, |_| reports += 1).await;
    assert_eq!((output, reports), (42, 0));
}

/// A tick that is not reset after it fires stays ready and never fires
/// again, so only the work finishing wakes the task: one report, not four.
#[tokio::test(start_paused = true)]
async fn keeps_reporting_while_nothing_else_wakes_the_task() {
    let mut reports = Vec::new();
    Progress::new(sleep(Duration::from_millis(4500)), SECOND, |n| {
        reports.push(n)
    })
    .await;
    assert_eq!(reports, [1, 2, 3, 4]);
}

/// The next report is due one period after the last *deadline*, not one
/// period after the poll that saw the tick fire, which may come late: a
/// Progress that counts from the poll drifts, here to 2.5 s and 3.5 s.
#[tokio::test(start_paused = true)]
async fn counts_periods_from_the_deadline_not_from_a_late_poll() {
    let start = Instant::now();
    let mut reports = Vec::new();
    {
        let work = sleep(Duration::from_millis(3500));
        let mut progress = pin!(Progress::new(work, SECOND, |n| {
            reports.push((n, start.elapsed()))
        }));
        let mut cx = Context::from_waker(Waker::noop());
        assert!(progress.as_mut().poll(&mut cx).is_pending());
        // The task is busy elsewhere and polls again only at 1.5 s, half a
        // period after the tick fired.
        advance(Duration::from_millis(1500)).await;
        assert!(progress.as_mut().poll(&mut cx).is_pending());
        progress.await;
    }
    let late = Duration::from_millis(1500);
    assert_eq!(reports, [(1, late), (2, 2 * SECOND), (3, 3 * SECOND)]);
}
