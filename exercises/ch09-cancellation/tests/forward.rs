//! Tests for exercise 1: every message arrives, in order, and the
//! heartbeat goes on while `forward` waits for room. The paused clock
//! keeps ticks (7, 17, 27 ... ms) and receives (15, 30, 45 ... ms) apart.

use exercises_ch09_cancellation::{Message, forward};
use std::collections::VecDeque;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::{Instant, interval_at, sleep_until};

async fn run(messages: u32) -> (Vec<u32>, Vec<Duration>) {
    let start = Instant::now();
    let (tx, mut rx) = mpsc::channel::<Message>(1);
    let receiver = tokio::spawn(async move {
        let mut got = Vec::new();
        for k in 1.. {
            sleep_until(start + Duration::from_millis(15 * k)).await;
            match rx.recv().await {
                Some(message) => got.push(message.id()),
                None => return got,
            }
        }
        unreachable!()
    });
    let mut heartbeat = interval_at(start + Duration::from_millis(7), Duration::from_millis(10));
    let mut beats = Vec::new();
    let queue: VecDeque<Message> = (1..=messages).map(Message::new).collect();
    forward(queue, tx, &mut heartbeat, || beats.push(start.elapsed())).await;
    (receiver.await.unwrap(), beats)
}

#[tokio::test(start_paused = true)]
async fn every_message_arrives_in_order() {
    let (got, _) = run(6).await;
    assert_eq!(got, [1, 2, 3, 4, 5, 6]);
}

#[tokio::test(start_paused = true)]
async fn the_heartbeat_goes_on_while_it_waits_for_room() {
    let (_, beats) = run(6).await;
    // Room comes at 15, 30, 45, 60, 75 ms: each tick from 7 to 67 ms falls
    // inside the wait, and is answered when it comes, not later.
    let expected: Vec<Duration> = (0..7).map(|k| Duration::from_millis(7 + 10 * k)).collect();
    assert_eq!(beats, expected);
}

#[tokio::test(start_paused = true)]
async fn an_empty_queue_needs_no_wait() {
    let (got, beats) = run(0).await;
    assert!(got.is_empty());
    assert!(beats.is_empty());
}
