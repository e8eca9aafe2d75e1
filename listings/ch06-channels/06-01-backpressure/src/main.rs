//! A fast producer and a slow consumer, joined by a bounded channel and by an
//! unbounded one. With the bounded channel the producer waits whenever the
//! buffer is full, so no more than `capacity` messages ever wait in the
//! channel; with the unbounded one it never waits, and the backlog grows
//! with every message the consumer has not yet taken.

use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::{Instant, interval, sleep};

// ANCHOR: bounded
/// Sends `count` numbers as fast as the channel lets it, while the consumer
/// takes 100 ms over each one. Returns the largest number of messages ever
/// seen waiting in the channel.
async fn bounded(capacity: usize, count: usize, print: bool) -> usize {
    let (tx, mut rx) = mpsc::channel::<usize>(capacity);
    let start = Instant::now();

    let producer = tokio::spawn(async move {
        for n in 1..=count {
            tx.send(n)
                .await
                .expect("the consumer outlives the producer");
            if print {
                println!("{:>4} ms  sent {n}", start.elapsed().as_millis());
            }
        }
    });

    let mut most_waiting = 0;
    while let Some(n) = rx.recv().await {
        sleep(Duration::from_millis(100)).await; // the slow part
        if print {
            println!("{:>4} ms      done with {n}", start.elapsed().as_millis());
        }
        most_waiting = most_waiting.max(rx.len());
    }
    producer.await.unwrap();
    most_waiting
}
// ANCHOR_END: bounded

// ANCHOR: unbounded
/// A producer that sends one number every 10 ms on an unbounded channel,
/// and a consumer that takes 100 ms over each, both running at once.
/// Returns how many messages were waiting in the channel after each of the
/// consumer's first `seconds` seconds of work (ten messages a second).
async fn unbounded(seconds: usize) -> Vec<usize> {
    let (tx, mut rx) = mpsc::unbounded_channel::<usize>();
    let producer = tokio::spawn(async move {
        let mut every_10_ms = interval(Duration::from_millis(10));
        for n in 1.. {
            every_10_ms.tick().await; // the first tick is at once
            if tx.send(n).is_err() {
                break; // no .await on send; it fails only once the consumer is gone
            }
        }
    });

    // The consumer starts 5 ms after the producer, so that no sample is
    // taken at the same instant as a send.
    sleep(Duration::from_millis(5)).await;
    let mut waiting = Vec::new();
    while waiting.len() < seconds {
        for _ in 0..10 {
            rx.recv().await.expect("the producer never stops first");
            sleep(Duration::from_millis(100)).await; // the slow part
        }
        waiting.push(rx.len());
    }
    drop(rx); // the producer's next send fails, and it stops
    producer.await.unwrap();
    waiting
}
// ANCHOR_END: unbounded

// ANCHOR: main
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let most = bounded(3, 6, true).await;
    println!("bounded(3): at most {most} messages waiting");
    let waiting = unbounded(3).await;
    println!("unbounded: after 1, 2 and 3 s, {waiting:?} messages waiting");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::timeout;

    #[tokio::test(start_paused = true)]
    async fn a_bounded_channel_never_holds_more_than_its_capacity() {
        for capacity in [1, 3, 16] {
            assert_eq!(bounded(capacity, 50, false).await, capacity);
        }
    }

    #[tokio::test(start_paused = true)]
    async fn the_consumer_sets_the_pace() {
        // 50 messages at 100 ms each take 5 s however fast the producer is.
        let start = Instant::now();
        bounded(3, 50, false).await;
        assert_eq!(start.elapsed(), Duration::from_millis(5000));
    }

    #[test]
    #[should_panic(expected = "mpsc bounded channel requires buffer > 0")]
    fn a_capacity_of_zero_panics() {
        let _ = mpsc::channel::<u32>(0);
    }

    #[tokio::test(start_paused = true)]
    async fn an_unbounded_backlog_grows_for_as_long_as_the_consumer_is_slower() {
        // By 1005 ms, 101 sent (at 0, 10, ... 1000 ms) and 10 taken; then 100
        // more sent and 10 more taken each second. (With a bounded channel
        // this fails rather than hangs, as the consumer runs alongside the
        // producer; the timeout is a guard all the same.)
        let waiting = timeout(Duration::from_secs(60), unbounded(3)).await;
        assert_eq!(waiting.unwrap(), [91, 181, 271]);
    }
}
