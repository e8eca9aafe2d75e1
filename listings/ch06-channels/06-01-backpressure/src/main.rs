//! A fast producer and a slow consumer, joined by a bounded channel and by an
//! unbounded one. With the bounded channel the producer waits whenever the
//! buffer is full, so no more than `capacity` messages ever wait in the
//! channel; with the unbounded one it never waits, and the backlog grows
//! with every message the consumer has not yet taken.

use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep};

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
/// The same producer on an unbounded channel. Returns the number of
/// messages waiting in the channel when the consumer takes its first one.
async fn unbounded(count: usize) -> usize {
    let (tx, mut rx) = mpsc::unbounded_channel::<usize>();
    let producer = tokio::spawn(async move {
        for n in 1..=count {
            tx.send(n).expect("the consumer outlives the producer"); // no .await
        }
    });
    producer.await.unwrap(); // the producer is done before anything is read
    let backlog = rx.len();
    while let Some(_n) = rx.recv().await {
        sleep(Duration::from_millis(100)).await;
    }
    backlog
}
// ANCHOR_END: unbounded

// ANCHOR: main
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let most = bounded(3, 6, true).await;
    println!("bounded(3): at most {most} messages waiting");
    let backlog = unbounded(10_000).await;
    println!("unbounded: {backlog} messages waiting");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

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
    async fn an_unbounded_producer_never_waits() {
        assert_eq!(unbounded(10_000).await, 10_000);
    }

    #[tokio::test(start_paused = true)]
    async fn an_unbounded_backlog_grows_with_what_is_sent() {
        assert_eq!(unbounded(10).await, 10);
        assert_eq!(unbounded(1000).await, 1000);
    }
}
