//! Listing A-3: testing what happens when a future is dropped at each of
//! its await points, that it is `Send`, that it does not hang, and that a
//! task panics.

use std::sync::Mutex;

pub struct Ledger {
    accounts: Mutex<Vec<u64>>,
}

impl Ledger {
    pub fn new(accounts: Vec<u64>) -> Self {
        Ledger {
            accounts: Mutex::new(accounts),
        }
    }

    pub fn total(&self) -> u64 {
        self.accounts.lock().unwrap().iter().sum()
    }

    async fn audit(&self, _line: String) {
        // Stands for a write to an audit log: one await point.
        tokio::task::yield_now().await;
    }

    // ANCHOR: split
    /// The mistake: debits, awaits the audit, then credits. Dropped at the
    /// await, the money has left one account and reached no other.
    pub async fn transfer_split(&self, from: usize, to: usize, amount: u64) {
        self.accounts.lock().unwrap()[from] -= amount;
        self.audit(format!("{from} -> {to}: {amount}")).await;
        self.accounts.lock().unwrap()[to] += amount;
    }
    // ANCHOR_END: split

    // ANCHOR: whole
    /// The fix: both halves with no await between them, then the audit.
    pub async fn transfer(&self, from: usize, to: usize, amount: u64) {
        {
            let mut accounts = self.accounts.lock().unwrap();
            accounts[from] -= amount;
            accounts[to] += amount;
        }
        self.audit(format!("{from} -> {to}: {amount}")).await;
    }
    // ANCHOR_END: whole
}

// ANCHOR: every_await
/// Polls a fresh future 0, 1, 2, ... times, drops it, and checks the
/// invariant after each drop, until a future finishes within its polls.
/// Returns how many places it was dropped at.
pub fn drop_at_every_await<F: Future>(mut make: impl FnMut() -> F, check: impl Fn()) -> usize {
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    for polls in 0.. {
        let mut future = Box::pin(make());
        let finished = (0..polls).any(|_| future.as_mut().poll(&mut cx).is_ready());
        drop(future);
        check();
        if finished {
            return polls;
        }
    }
    unreachable!()
}
// ANCHOR_END: every_await

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    // ANCHOR: cancel_tests
    #[tokio::test]
    async fn a_transfer_dropped_anywhere_keeps_the_money() {
        let ledger = Ledger::new(vec![100, 0]);
        let places = drop_at_every_await(
            || ledger.transfer(0, 1, 30),
            || assert_eq!(ledger.total(), 100, "money appeared or vanished"),
        );
        assert_eq!(places, 2); // dropped unpolled, and at the audit
    }

    #[tokio::test]
    #[should_panic(expected = "money appeared or vanished")]
    async fn a_split_transfer_loses_money_when_dropped_at_the_audit() {
        let ledger = Ledger::new(vec![100, 0]);
        drop_at_every_await(
            || ledger.transfer_split(0, 1, 30),
            || assert_eq!(ledger.total(), 100, "money appeared or vanished"),
        );
    }
    // ANCHOR_END: cancel_tests

    // ANCHOR: send
    fn assert_send<T: Send>(_: &T) {}

    #[test]
    fn a_transfer_is_send() {
        let ledger = Ledger::new(vec![1]);
        let future = ledger.transfer(0, 0, 1);
        assert_send(&future); // a compile error if it were not
    }
    // ANCHOR_END: send

    // ANCHOR: hang
    #[tokio::test(start_paused = true)]
    async fn a_receive_with_a_live_sender_hangs() {
        let (_keep, mut rx) = tokio::sync::mpsc::channel::<u8>(1);
        // With the clock paused this times out at once, not after 5 s.
        let waited = tokio::time::timeout(Duration::from_secs(5), rx.recv()).await;
        assert!(waited.is_err(), "expected a hang, got {waited:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn a_receive_after_the_sender_is_gone_ends() {
        let (tx, mut rx) = tokio::sync::mpsc::channel::<u8>(1);
        drop(tx);
        let got = tokio::time::timeout(Duration::from_secs(5), rx.recv())
            .await
            .expect("recv hung: is a sender still alive?");
        assert_eq!(got, None);
    }
    // ANCHOR_END: hang

    // ANCHOR: panics
    #[tokio::test]
    async fn a_task_that_panics_reports_it_when_joined() {
        let task = tokio::spawn(async {
            let accounts: Vec<u64> = Vec::new();
            accounts[0]
        });
        let error = task.await.unwrap_err();
        assert!(error.is_panic());
        let message = error.into_panic();
        let text = message.downcast_ref::<String>().unwrap();
        assert!(text.contains("index out of bounds"), "{text}");
    }
    // ANCHOR_END: panics
}
