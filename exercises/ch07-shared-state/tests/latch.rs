//! Exercise 1: a countdown latch.

use exercises_ch07_shared_state::Latch;
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinSet;
use tokio::time::{Instant, sleep, timeout};

const PATIENCE: Duration = Duration::from_secs(60);

fn waiters(latch: &Arc<Latch>, how_many: usize, start: Instant) -> JoinSet<Duration> {
    let mut set = JoinSet::new();
    for _ in 0..how_many {
        let latch = latch.clone();
        set.spawn(async move {
            latch.wait().await;
            start.elapsed()
        });
    }
    set
}

#[tokio::test(start_paused = true)]
async fn every_waiter_resumes_when_the_count_reaches_zero() {
    let latch = Arc::new(Latch::new(3));
    let start = Instant::now();
    let set = waiters(&latch, 5, start);
    for _ in 0..3 {
        sleep(Duration::from_millis(10)).await;
        latch.count_down();
    }
    let times = timeout(PATIENCE, set.join_all())
        .await
        .expect("every waiter resumed");
    assert_eq!(times, [Duration::from_millis(30); 5]);
}

#[tokio::test(start_paused = true)]
async fn no_waiter_resumes_before_zero() {
    let latch = Arc::new(Latch::new(3));
    let set = waiters(&latch, 2, Instant::now());
    latch.count_down();
    latch.count_down();
    assert!(timeout(PATIENCE, set.join_all()).await.is_err());
}

#[tokio::test(start_paused = true)]
async fn a_waiter_after_zero_returns_at_once() {
    let latch = Latch::new(2);
    latch.count_down();
    latch.count_down();
    let start = Instant::now();
    timeout(PATIENCE, latch.wait()).await.expect("no wait");
    assert_eq!(start.elapsed(), Duration::ZERO);
}

#[tokio::test(start_paused = true)]
async fn a_count_of_zero_is_already_open() {
    let latch = Latch::new(0);
    timeout(PATIENCE, latch.wait()).await.expect("no wait");
}

#[tokio::test(start_paused = true)]
async fn counting_down_past_zero_does_nothing() {
    let latch = Latch::new(1);
    latch.count_down();
    latch.count_down();
    latch.count_down();
    timeout(PATIENCE, latch.wait()).await.expect("still open");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn waiters_and_count_downs_on_many_threads() {
    // Real threads: the count-downs race the waiters' registration. 100
    // rounds give a lost wake-up many chances to hang a round. It catches
    // wrong/latch/check_first.rs, whose gap holds an `.await`, in 20 runs
    // of 20 on an idle two-core machine and 10 of 10 with both cores busy;
    // a gap with no `.await` in it is nanoseconds wide, and no test here
    // can be relied on to hit it.
    for _ in 0..100 {
        let latch = Arc::new(Latch::new(4));
        let set = waiters(&latch, 8, Instant::now());
        for _ in 0..4 {
            let latch = latch.clone();
            tokio::spawn(async move { latch.count_down() });
        }
        let all = timeout(Duration::from_secs(2), set.join_all()).await;
        assert!(all.is_ok(), "a waiter missed the zero");
    }
}
