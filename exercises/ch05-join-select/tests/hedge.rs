use exercises_ch05_join_select::hedged;
use std::cell::RefCell;
use std::time::Duration;
use tokio::time::{Instant, sleep};

const HEDGE_AFTER: Duration = Duration::from_millis(100);

/// Runs `hedged` with requests that take the given times (request 0 takes
/// `times[0]`, the backup `times[1]`). Returns which request answered, when,
/// and which requests were started.
async fn run(times: [u64; 2]) -> (u32, Duration, Vec<u32>) {
    let started = RefCell::new(Vec::new());
    let start = Instant::now();
    let winner = hedged(HEDGE_AFTER, |n| {
        started.borrow_mut().push(n);
        async move {
            sleep(Duration::from_millis(times[n as usize])).await;
            n
        }
    })
    .await;
    (winner, start.elapsed(), started.into_inner())
}

#[tokio::test(start_paused = true)]
async fn a_quick_answer_never_starts_the_backup() {
    assert_eq!(run([60, 10]).await, (0, Duration::from_millis(60), vec![0]));
}

#[tokio::test(start_paused = true)]
async fn a_slow_first_request_is_overtaken_by_the_backup() {
    // The backup starts at 100 ms and takes 50: it answers at 150 ms,
    // long before the first (at 500 ms).
    assert_eq!(
        run([500, 50]).await,
        (1, Duration::from_millis(150), vec![0, 1])
    );
}

#[tokio::test(start_paused = true)]
async fn the_first_request_keeps_running_after_the_backup_starts() {
    // The first answers at 130 ms, the backup would at 100 + 80 = 180 ms.
    // A solution that restarted or dropped the first request at 100 ms
    // would return 1, or answer later.
    assert_eq!(
        run([130, 80]).await,
        (0, Duration::from_millis(130), vec![0, 1])
    );
}

/// How many times each tie below is played. A tie is decided by the order
/// in which `select!` polls its branches, which is random without
/// `biased;`: a solution without it passes one run in two, but all 20 runs
/// only once in 2^20 (about a million) test runs.
const TIE_RUNS: usize = 20;

#[tokio::test(start_paused = true)]
async fn an_answer_exactly_at_hedge_after_is_in_time() {
    // The first request and the hedge timer both finish at 100 ms.
    for round in 0..TIE_RUNS {
        assert_eq!(
            run([100, 10]).await,
            (0, Duration::from_millis(100), vec![0]),
            "round {round}"
        );
    }
}

#[tokio::test(start_paused = true)]
async fn on_a_tie_the_first_request_wins() {
    // The first answers at 150 ms; the backup, started at 100, also at 150.
    for round in 0..TIE_RUNS {
        assert_eq!(
            run([150, 50]).await,
            (0, Duration::from_millis(150), vec![0, 1]),
            "round {round}"
        );
    }
}
