//! Cancel safety, first look. A producer forwards items while counting
//! heartbeats in the same `select!`. When the heartbeat wins, the losing
//! `send` future is dropped, and the item that was moved into it is dropped
//! too: lost. Waiting for a slot with `reserve` first, and taking the item
//! only once the slot is ours, loses nothing.

use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::{interval, sleep};

// ANCHOR: lossy
async fn forward_lossy(tx: mpsc::Sender<u32>, items: Vec<u32>) -> u32 {
    let mut heartbeat = interval(Duration::from_millis(30));
    let mut beats = 0;
    for item in items {
        tokio::select! {
            biased; // no ties left to chance: the listing's output is fixed
            sent = tx.send(item) => sent.unwrap(),
            _ = heartbeat.tick() => beats += 1, // and `item` is gone
        }
    }
    beats
}
// ANCHOR_END: lossy

// ANCHOR: reserve
async fn forward_reserved(tx: mpsc::Sender<u32>, items: Vec<u32>) -> u32 {
    let mut heartbeat = interval(Duration::from_millis(30));
    let mut beats = 0;
    let mut items = items.into_iter().peekable();
    while items.peek().is_some() {
        tokio::select! {
            biased;
            permit = tx.reserve() => {
                let permit = permit.unwrap(); // a slot is ours
                permit.send(items.next().unwrap()); // cannot fail, cannot wait
            }
            _ = heartbeat.tick() => beats += 1, // nothing was taken
        }
    }
    beats
}
// ANCHOR_END: reserve

/// Runs a forwarder against a consumer that takes 100 ms per item, and
/// returns what the consumer received.
async fn run<F, Fut>(forward: F) -> Vec<u32>
where
    F: FnOnce(mpsc::Sender<u32>, Vec<u32>) -> Fut,
    Fut: Future<Output = u32> + Send + 'static,
{
    let (tx, mut rx) = mpsc::channel(1);
    let forwarder = tokio::spawn(forward(tx, (1..=10).collect()));
    let mut received = Vec::new();
    while let Some(item) = rx.recv().await {
        received.push(item);
        sleep(Duration::from_millis(100)).await;
    }
    forwarder.await.unwrap();
    received
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    println!("send in select!:    {:?}", run(forward_lossy).await);
    println!("reserve in select!: {:?}", run(forward_reserved).await);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_send_that_loses_the_select_loses_its_item() {
        let received = run(forward_lossy).await;
        assert!(received.len() < 10, "{received:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn reserve_first_loses_nothing() {
        assert_eq!(run(forward_reserved).await, (1..=10).collect::<Vec<_>>());
    }

    #[tokio::test]
    async fn a_dropped_permit_returns_its_slot() {
        let (tx, _rx) = mpsc::channel::<u32>(1);
        let permit = tx.reserve().await.unwrap();
        assert_eq!(tx.capacity(), 0);
        drop(permit);
        assert_eq!(tx.capacity(), 1);
    }
}
