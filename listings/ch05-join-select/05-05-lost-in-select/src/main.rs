use std::time::Duration;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio::time::{Instant, interval_at, sleep_until};

// ANCHOR: sender
/// Sends 1 to 6 at these times (ms from the start), then closes the channel.
const SEND_AT: [u64; 6] = [10, 20, 130, 250, 260, 370];

/// Returns the receiving end, and the sender's task, which returns how many
/// messages the channel accepted.
fn start_sending() -> (mpsc::Receiver<u32>, JoinHandle<usize>) {
    let (sender, receiver) = mpsc::channel(16);
    let start = Instant::now();
    let sending = tokio::spawn(async move {
        let mut sent = 0;
        for (n, at) in (1..).zip(SEND_AT) {
            sleep_until(start + Duration::from_millis(at)).await;
            sender.send(n).await.unwrap();
            sent += 1;
        }
        sent
    });
    (receiver, sending)
}
// ANCHOR_END: sender

// ANCHOR: broken
/// Two messages as a pair. Not cancel-safe: dropped after the first
/// `recv`, it takes that message with it.
async fn next_pair(receiver: &mut mpsc::Receiver<u32>) -> Option<(u32, u32)> {
    let first = receiver.recv().await?;
    let second = receiver.recv().await?;
    Some((first, second))
}

/// Collects pairs, with a status tick every 100 ms in the same loop.
async fn pairs_with_ticks(mut receiver: mpsc::Receiver<u32>) -> (Vec<(u32, u32)>, u32) {
    let mut ticks = interval_at(
        Instant::now() + Duration::from_millis(100),
        Duration::from_millis(100),
    );
    let (mut pairs, mut tick_count) = (Vec::new(), 0);
    loop {
        tokio::select! {
            pair = next_pair(&mut receiver) => match pair {
                Some(pair) => pairs.push(pair),
                None => return (pairs, tick_count),
            },
            _ = ticks.tick() => tick_count += 1,
        }
    }
}
// ANCHOR_END: broken

// ANCHOR: fixed
/// The same loop, with the half-made pair kept *outside* the select!, so
/// that a branch dropped by the tick loses nothing: `recv` itself is
/// cancel-safe (a message is taken only when it completes).
async fn pairs_with_ticks_fixed(mut receiver: mpsc::Receiver<u32>) -> (Vec<(u32, u32)>, u32) {
    let mut ticks = interval_at(
        Instant::now() + Duration::from_millis(100),
        Duration::from_millis(100),
    );
    let (mut pairs, mut tick_count) = (Vec::new(), 0);
    let mut waiting: Option<u32> = None;
    loop {
        tokio::select! {
            message = receiver.recv() => match (message, waiting.take()) {
                (Some(second), Some(first)) => pairs.push((first, second)),
                (Some(first), None) => waiting = Some(first),
                (None, _) => return (pairs, tick_count),
            },
            _ = ticks.tick() => tick_count += 1,
        }
    }
}
// ANCHOR_END: fixed

// ANCHOR: main
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let (receiver, sending) = start_sending();
    let (pairs, ticks) = pairs_with_ticks(receiver).await;
    let sent = sending.await.unwrap();
    println!("next_pair in select!: sent {sent}, paired {pairs:?} ({ticks} ticks)");

    let (receiver, sending) = start_sending();
    let (pairs, ticks) = pairs_with_ticks_fixed(receiver).await;
    let sent = sending.await.unwrap();
    println!("state outside:        sent {sent}, paired {pairs:?} ({ticks} ticks)");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_branch_dropped_between_its_two_receives_loses_a_message() {
        let (receiver, sending) = start_sending();
        let (pairs, ticks) = pairs_with_ticks(receiver).await;
        // All six went into the channel...
        assert_eq!(sending.await.unwrap(), 6);
        // ...but 3 was taken at 130 ms by a next_pair that the tick at
        // 200 ms dropped; 4 and 5 became a pair; 6 waited for a partner
        // that never came.
        assert_eq!(pairs, [(1, 2), (4, 5)]);
        assert_eq!(ticks, 3);
    }

    #[tokio::test(start_paused = true)]
    async fn keeping_the_state_outside_loses_nothing() {
        let (receiver, sending) = start_sending();
        let (pairs, ticks) = pairs_with_ticks_fixed(receiver).await;
        assert_eq!(sending.await.unwrap(), 6);
        assert_eq!(pairs, [(1, 2), (3, 4), (5, 6)]);
        assert_eq!(ticks, 3, "the same ticks won the same rounds");
    }

    #[tokio::test(start_paused = true)]
    async fn without_the_tick_nothing_is_lost_even_with_next_pair() {
        // The bug needs both halves: a future that is not cancel-safe, and
        // something that cancels it.
        let (mut receiver, _) = start_sending();
        let mut pairs = Vec::new();
        while let Some(pair) = next_pair(&mut receiver).await {
            pairs.push(pair);
        }
        assert_eq!(pairs, [(1, 2), (3, 4), (5, 6)]);
    }
}
