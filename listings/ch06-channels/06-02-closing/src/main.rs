//! When does a receiving loop end? `recv` returns `None` only once every
//! `Sender` is gone and the buffer is empty. A `Sender` kept alive by
//! mistake (here, the original one, still held by the task that spawned the
//! producers) makes the loop wait forever. `Receiver::close` followed by a
//! drain stops the producers without losing what they already sent, and
//! `Sender::closed` lets a producer stop as soon as nobody is listening.

use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep, timeout};

// ANCHOR: sum
/// Adds up everything that arrives, until the channel is closed.
async fn sum(mut rx: mpsc::Receiver<u64>) -> u64 {
    let mut total = 0;
    while let Some(n) = rx.recv().await {
        total += n;
    }
    total
}
// ANCHOR_END: sum

// ANCHOR: hang
/// Three producers send 1 to 10 each; returns the total, or `None` if it
/// did not arrive within a minute.
async fn three_producers(drop_the_original: bool) -> Option<u64> {
    let (tx, rx) = mpsc::channel(8);
    let consumer = tokio::spawn(sum(rx));
    for _ in 0..3 {
        let tx = tx.clone();
        tokio::spawn(async move {
            for n in 1..=10 {
                tx.send(n).await.unwrap();
            }
        });
    }
    if drop_the_original {
        drop(tx); // the fix: the last Sender now belongs to a producer
    }
    timeout(Duration::from_secs(60), consumer)
        .await
        .ok()
        .map(|joined| joined.unwrap())
}
// ANCHOR_END: hang

// ANCHOR: drain
/// Takes `keep` messages, then closes the channel and drains it. Returns
/// what it received, and how many sends the producer saw succeed.
async fn close_and_drain(keep: usize) -> (Vec<u32>, u32) {
    let (tx, mut rx) = mpsc::channel(4);
    let producer = tokio::spawn(async move {
        let mut accepted = 0;
        for n in 0.. {
            if tx.send(n).await.is_err() {
                break; // closed: stop producing
            }
            accepted += 1;
            sleep(Duration::from_millis(10)).await;
        }
        accepted
    });

    let mut got = Vec::new();
    while got.len() < keep {
        got.push(rx.recv().await.unwrap());
    }
    sleep(Duration::from_millis(35)).await; // meanwhile, more arrive
    rx.close(); // no new messages from here on...
    while let Some(n) = rx.recv().await {
        got.push(n); // ...but the ones already sent are still here
    }
    (got, producer.await.unwrap())
}
// ANCHOR_END: drain

// ANCHOR: closed
/// A producer whose every value takes a second to compute. Returns when it
/// stopped, measured from the start.
async fn slow_producer(watch_for_close: bool) -> Duration {
    let start = Instant::now();
    let (tx, mut rx) = mpsc::channel(1);
    let producer = tokio::spawn(async move {
        loop {
            let compute = sleep(Duration::from_secs(1)); // the expensive part
            if watch_for_close {
                tokio::select! {
                    _ = compute => {}
                    _ = tx.closed() => break, // nobody is listening: stop now
                }
            } else {
                compute.await;
            }
            if tx.send(()).await.is_err() {
                break;
            }
        }
        start.elapsed()
    });
    rx.recv().await; // take one value, at 1 s...
    sleep(Duration::from_millis(500)).await;
    drop(rx); // ...and leave at 1.5 s
    producer.await.unwrap()
}
// ANCHOR_END: closed

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    println!(
        "keeping the original Sender: {:?}",
        three_producers(false).await
    );
    println!(
        "dropping it:                 {:?}",
        three_producers(true).await
    );
    let (got, accepted) = close_and_drain(3).await;
    println!("close and drain: received {got:?}, {accepted} sends accepted");
    println!(
        "producer stopped at {:?} (no closed())",
        slow_producer(false).await
    );
    println!(
        "producer stopped at {:?} (closed())",
        slow_producer(true).await
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_forgotten_sender_keeps_the_loop_waiting_forever() {
        assert_eq!(three_producers(false).await, None);
    }

    #[tokio::test(start_paused = true)]
    async fn once_every_sender_is_gone_the_loop_ends() {
        assert_eq!(three_producers(true).await, Some(3 * 55));
    }

    #[tokio::test]
    async fn recv_returns_none_only_after_the_buffer_is_empty() {
        let (tx, mut rx) = mpsc::channel(4);
        tx.send(1).await.unwrap();
        tx.send(2).await.unwrap();
        drop(tx);
        assert_eq!(rx.recv().await, Some(1));
        assert_eq!(rx.recv().await, Some(2));
        assert_eq!(rx.recv().await, None);
        assert_eq!(rx.recv().await, None); // and it stays closed
    }

    #[tokio::test]
    async fn a_sender_inside_the_consumer_keeps_it_alive() {
        // A consumer that may re-queue work keeps a Sender of its own
        // channel: the channel can never close, and the loop never ends.
        let (tx, rx) = mpsc::channel::<u64>(4);
        let requeue = tx.clone();
        let consumer = tokio::spawn(async move {
            let _requeue = requeue; // held for the life of the loop
            sum(rx).await
        });
        drop(tx);
        tokio::time::pause();
        assert!(timeout(Duration::from_secs(60), consumer).await.is_err());
    }

    #[tokio::test(start_paused = true)]
    async fn close_then_drain_loses_nothing_that_was_accepted() {
        for keep in [1, 3, 10] {
            let (got, accepted) = close_and_drain(keep).await;
            assert_eq!(got, (0..accepted).collect::<Vec<_>>());
            assert!(got.len() > keep, "the drain found messages");
        }
    }

    #[tokio::test]
    async fn dropping_the_receiver_drops_what_it_did_not_read() {
        let message = std::sync::Arc::new("report");
        let (tx, mut rx) = mpsc::channel(4);
        for _ in 0..3 {
            tx.send(message.clone()).await.unwrap();
        }
        rx.recv().await.unwrap();
        assert_eq!(std::sync::Arc::strong_count(&message), 3);
        drop(rx); // the two still buffered are dropped with it
        assert_eq!(std::sync::Arc::strong_count(&message), 1);
        assert!(tx.send(message.clone()).await.is_err());
    }

    #[tokio::test(start_paused = true)]
    async fn sender_closed_stops_the_producer_when_the_receiver_leaves() {
        assert_eq!(slow_producer(false).await, Duration::from_secs(2));
        assert_eq!(slow_producer(true).await, Duration::from_millis(1500));
    }

    #[tokio::test(start_paused = true)]
    async fn a_weak_sender_does_not_keep_the_channel_open() {
        let (tx, rx) = mpsc::channel::<u64>(4);
        let requeue = tx.downgrade();
        let consumer = tokio::spawn(async move {
            let _requeue = requeue; // upgrade() it when there is work to re-queue
            sum(rx).await
        });
        tx.send(5).await.unwrap();
        drop(tx);
        assert_eq!(
            timeout(Duration::from_secs(60), consumer)
                .await
                .unwrap()
                .unwrap(),
            5
        );
    }

    #[tokio::test]
    async fn closing_the_receiver_completes_closed() {
        let (tx, mut rx) = mpsc::channel::<()>(1);
        assert!(!tx.is_closed());
        rx.close();
        tx.closed().await;
        assert!(tx.is_closed());
    }

    #[tokio::test]
    async fn closed_completes_at_once_on_a_closed_channel() {
        let (tx, rx) = mpsc::channel::<()>(1);
        drop(rx);
        assert!(tx.is_closed());
        tx.closed().await;
    }
}
