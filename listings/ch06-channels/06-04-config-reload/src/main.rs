//! A configuration that can be reloaded while workers run: a watch channel
//! holds only the latest value, and each worker applies it with the
//! `borrow_and_update` + `changed` loop. Reading with plain `borrow` after
//! `changed` leaves a value that arrived in between marked unseen, so the
//! worker applies it twice.

use std::time::Duration;
use tokio::sync::watch;
use tokio::time::{Instant, sleep};

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub version: u32,
    pub max_connections: u32,
}

// ANCHOR: worker
/// Applies every configuration it sees until the sender is dropped, taking
/// `prepare` to get ready before each read. Returns the versions applied.
async fn worker(name: &str, mut config: watch::Receiver<Config>, prepare: Duration) -> Vec<u32> {
    let start = Instant::now();
    let mut applied = Vec::new();
    loop {
        let current = config.borrow_and_update().clone(); // read, and mark seen
        if !name.is_empty() {
            let at = start.elapsed().as_millis();
            println!("{at:>5} ms  {name} applies {current:?}");
        }
        applied.push(current.version);
        if config.changed().await.is_err() {
            break; // the sender is gone: no more reloads
        }
        sleep(prepare).await;
    }
    applied
}
// ANCHOR_END: worker

// ANCHOR: racy
/// The same loop reading with `borrow`, which does not mark the value seen.
async fn racy_worker(mut config: watch::Receiver<Config>, prepare: Duration) -> Vec<u32> {
    let mut applied = vec![config.borrow_and_update().version];
    while config.changed().await.is_ok() {
        sleep(prepare).await;
        applied.push(config.borrow().version); // may be newer than what changed() saw
    }
    applied
}
// ANCHOR_END: racy

/// Sends version `n` at each of the given times (in ms), then drops the sender.
async fn reload(tx: watch::Sender<Config>, times: &[(u64, u32)]) {
    let start = Instant::now();
    for &(at, version) in times {
        tokio::time::sleep_until(start + Duration::from_millis(at)).await;
        tx.send_replace(Config {
            version,
            max_connections: 100 * version,
        });
    }
}

// ANCHOR: main
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let first = Config {
        version: 1,
        max_connections: 100,
    };
    let (tx, rx) = watch::channel(first);
    let fast = tokio::spawn(worker("fast", rx.clone(), Duration::ZERO));
    let slow = tokio::spawn(worker("slow", rx, Duration::from_millis(1500)));
    reload(tx, &[(1000, 2), (2000, 3), (2100, 4)]).await; // then drops tx
    println!("fast applied {:?}", fast.await.unwrap());
    println!("slow applied {:?}", slow.await.unwrap());

    let first = Config {
        version: 1,
        max_connections: 100,
    };
    let (tx, rx) = watch::channel(first);
    let racy = tokio::spawn(racy_worker(rx, Duration::from_millis(1500)));
    reload(tx, &[(1000, 2), (2000, 3), (2100, 4)]).await;
    println!(
        "slow, reading with borrow(), applied {:?}",
        racy.await.unwrap()
    );
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::timeout;

    fn config(version: u32) -> Config {
        Config {
            version,
            max_connections: 0,
        }
    }

    #[tokio::test(start_paused = true)]
    async fn the_initial_value_counts_as_seen() {
        let (_tx, mut rx) = watch::channel(config(1));
        assert!(
            timeout(Duration::from_secs(60), rx.changed())
                .await
                .is_err()
        );
        assert_eq!(rx.borrow().version, 1); // but it can be read
    }

    #[tokio::test(start_paused = true)]
    async fn only_the_latest_value_is_kept() {
        let (tx, mut rx) = watch::channel(config(1));
        tx.send(config(2)).unwrap();
        tx.send(config(3)).unwrap();
        rx.changed().await.unwrap();
        assert_eq!(rx.borrow_and_update().version, 3); // 2 was overwritten
        drop(tx);
        assert!(rx.changed().await.is_err());
    }

    #[tokio::test(start_paused = true)]
    async fn a_value_sent_before_the_sender_is_dropped_is_still_seen() {
        let (tx, mut rx) = watch::channel(config(1));
        tx.send(config(2)).unwrap();
        drop(tx);
        assert!(rx.changed().await.is_ok()); // unseen value first...
        assert_eq!(rx.borrow_and_update().version, 2);
        assert!(rx.changed().await.is_err()); // ...then closed
    }

    #[tokio::test(start_paused = true)]
    async fn each_version_is_applied_once() {
        // Version 3 arrives while the worker prepares to read version 2.
        let (tx, rx) = watch::channel(config(1));
        let worker = tokio::spawn(worker("", rx, Duration::from_millis(50)));
        reload(tx, &[(100, 2), (120, 3)]).await;
        assert_eq!(worker.await.unwrap(), [1, 3]);
    }

    #[tokio::test(start_paused = true)]
    async fn borrow_after_changed_applies_a_version_twice() {
        let (tx, rx) = watch::channel(config(1));
        let worker = tokio::spawn(racy_worker(rx, Duration::from_millis(50)));
        reload(tx, &[(100, 2), (120, 3)]).await;
        assert_eq!(worker.await.unwrap(), [1, 3, 3]);
    }

    #[tokio::test]
    async fn send_needs_a_receiver_and_send_replace_does_not() {
        let (tx, rx) = watch::channel(config(1));
        drop(rx);
        assert!(tx.send(config(2)).is_err());
        assert_eq!(*tx.borrow(), config(1)); // the failed value was not stored
        assert_eq!(tx.send_replace(config(3)), config(1));
        assert_eq!(tx.subscribe().borrow().version, 3);
    }
}
