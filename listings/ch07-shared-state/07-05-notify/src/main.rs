//! `tokio::sync::Notify`: what `notify_one` and `notify_waiters` store, a
//! flag whose waiters can miss the wake-up, and the same flag written so
//! they cannot.

use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::sync::Notify;
use tokio::time::{Instant, sleep};

// ANCHOR: flag
/// A flag that is set once ("shutting down", "cache warm") and that any
/// number of tasks can wait for.
#[derive(Default)]
pub struct Flag {
    set: AtomicBool,
    notify: Notify,
}

impl Flag {
    pub fn set(&self) {
        self.set.store(true, Ordering::SeqCst);
        self.notify.notify_waiters(); // wakes every waiter registered now
    }

    pub async fn wait(&self) {
        let mut notified = pin!(self.notify.notified());
        notified.as_mut().enable(); // registered from here on
        if self.set.load(Ordering::SeqCst) {
            return; // set before we registered: nothing to wait for
        }
        notified.await; // set after: `set`'s notify_waiters will find us
    }
}
// ANCHOR_END: flag

// ANCHOR: wrong
impl Flag {
    /// The mistake: checks the flag, then registers. A `set` between the
    /// two wakes no one, and this waits for ever.
    pub async fn wait_check_first(&self) {
        if self.set.load(Ordering::SeqCst) {
            return;
        }
        // Any await here lets another task run; on a multi-thread runtime,
        // another thread can call `set` here without one.
        tokio::task::yield_now().await;
        self.notify.notified().await;
    }
}
// ANCHOR_END: wrong

// ANCHOR: main
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let flag = Arc::new(Flag::default());
    let start = Instant::now();
    let mut waiters = tokio::task::JoinSet::new();
    for name in ["cache", "server", "metrics"] {
        let flag = flag.clone();
        waiters.spawn(async move {
            flag.wait().await;
            println!("{name} saw the flag at {:?}", start.elapsed());
        });
    }
    sleep(Duration::from_millis(100)).await;
    flag.set();
    waiters.join_all().await;
    flag.wait().await; // already set: returns at once
    println!("a late waiter saw it at {:?}", start.elapsed());
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::timeout;

    const PATIENCE: Duration = Duration::from_secs(60);

    // ANCHOR: one_permit
    #[tokio::test(start_paused = true)]
    async fn notify_one_stores_a_single_permit() {
        let notify = Notify::new();
        notify.notify_one();
        notify.notify_one(); // no second permit: there is already one
        notify.notified().await; // takes the permit at once
        let second = timeout(PATIENCE, notify.notified()).await;
        assert!(second.is_err(), "the second wait found no permit");
    }

    #[tokio::test(start_paused = true)]
    async fn notify_waiters_stores_nothing() {
        let notify = Notify::new();
        let early = notify.notified(); // created before the call: counts
        notify.notify_waiters();
        early.await;
        let late = timeout(PATIENCE, notify.notified()).await;
        assert!(late.is_err(), "a wait that starts after the call misses it");
    }
    // ANCHOR_END: one_permit

    #[tokio::test(start_paused = true)]
    async fn the_check_first_waiter_misses_a_set_in_the_gap() {
        let flag = Arc::new(Flag::default());
        let waiter = tokio::spawn({
            let flag = flag.clone();
            async move { timeout(PATIENCE, flag.wait_check_first()).await }
        });
        tokio::task::yield_now().await; // the waiter checks, and yields
        flag.set(); // in the gap: no one is registered yet
        assert!(waiter.await.unwrap().is_err(), "it waited for ever");
    }

    #[tokio::test(start_paused = true)]
    async fn the_enabled_waiter_does_not() {
        let flag = Arc::new(Flag::default());
        let waiter = tokio::spawn({
            let flag = flag.clone();
            async move { timeout(PATIENCE, flag.wait()).await }
        });
        tokio::task::yield_now().await;
        flag.set();
        assert!(waiter.await.unwrap().is_ok());
        assert!(
            timeout(PATIENCE, flag.wait()).await.is_ok(),
            "a late waiter"
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn many_waiters_on_many_threads_all_wake() {
        // Each round races 8 waiters against a `set` on other threads; a
        // lost wake-up would hang its round, so 200 rounds give the race
        // many chances to show itself.
        for _ in 0..200 {
            let flag = Arc::new(Flag::default());
            let mut waiters = tokio::task::JoinSet::new();
            for _ in 0..8 {
                let flag = flag.clone();
                waiters.spawn(async move { flag.wait().await });
            }
            let setter = flag.clone();
            tokio::spawn(async move { setter.set() });
            let all = timeout(Duration::from_secs(5), waiters.join_all());
            assert!(all.await.is_ok());
        }
    }

    // ANCHOR: enable
    #[tokio::test(start_paused = true)]
    async fn two_notify_one_calls_reach_two_enabled_waiters() {
        // Two receivers have each found the queue empty, and two senders
        // each push and call notify_one before either receiver waits.
        let notify = Notify::new();
        let mut first = pin!(notify.notified());
        let mut second = pin!(notify.notified());
        first.as_mut().enable();
        second.as_mut().enable();
        notify.notify_one();
        notify.notify_one();
        assert!(
            timeout(PATIENCE, async {
                first.await;
                second.await
            })
            .await
            .is_ok()
        );
    }

    #[tokio::test(start_paused = true)]
    async fn without_enable_one_of_them_sleeps() {
        let notify = Notify::new();
        let first = notify.notified();
        let second = notify.notified();
        notify.notify_one();
        notify.notify_one(); // one permit, stored, for whichever polls first
        first.await;
        assert!(timeout(PATIENCE, second).await.is_err());
    }
    // ANCHOR_END: enable
}
