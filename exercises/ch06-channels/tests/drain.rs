use exercises_ch06_channels::collect_until_stopped;
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};
use tokio::time::{sleep, timeout};

/// Fails the test, rather than hanging it, if `collect_until_stopped` waits
/// for something that will never happen.
const PATIENCE: Duration = Duration::from_secs(60);

#[tokio::test(start_paused = true)]
async fn what_is_buffered_at_the_stop_is_returned() {
    // The stop and the messages are all ready at once. A solution that
    // returns at the stop keeps only what a random select! happened to
    // take first (all five with probability 1/32); 20 rounds make a pass
    // by luck about one in 10^30.
    for _ in 0..20 {
        let (tx, rx) = mpsc::channel(16);
        for n in 1..=5 {
            tx.send(n).await.unwrap();
        }
        let (stop_tx, stop) = oneshot::channel();
        stop_tx.send(()).unwrap();
        let got = timeout(PATIENCE, collect_until_stopped(rx, stop)).await;
        assert_eq!(got.expect("still waiting after the stop"), [1, 2, 3, 4, 5]);
        assert!(tx.send(6).await.is_err(), "a send after the stop succeeded");
    }
}

#[tokio::test(start_paused = true)]
async fn running_producers_are_stopped_and_nothing_accepted_is_lost() {
    let (tx, rx) = mpsc::channel(4);
    let producer = tokio::spawn(async move {
        let mut accepted = 0;
        while tx.send(accepted).await.is_ok() {
            accepted += 1;
            sleep(Duration::from_millis(10)).await;
        }
        accepted
    });
    let (stop_tx, stop) = oneshot::channel();
    tokio::spawn(async move {
        sleep(Duration::from_millis(55)).await;
        stop_tx.send(()).unwrap();
    });
    let got = timeout(PATIENCE, collect_until_stopped(rx, stop)).await;
    let got = got.expect("still waiting after the stop: is the channel closed?");
    let accepted = producer.await.unwrap();
    assert_eq!(got, (0..accepted).collect::<Vec<_>>());
    assert!(accepted >= 5);
}

#[tokio::test(start_paused = true)]
async fn it_ends_when_every_sender_is_gone() {
    let (tx, rx) = mpsc::channel(4);
    tokio::spawn(async move {
        for n in 0..10 {
            tx.send(n).await.unwrap();
        }
    });
    let (_stop_tx, stop) = oneshot::channel();
    let got = timeout(PATIENCE, collect_until_stopped(rx, stop)).await;
    assert_eq!(
        got.expect("the senders are gone"),
        (0..10).collect::<Vec<_>>()
    );
}

#[tokio::test(start_paused = true)]
async fn a_dropped_stop_sender_is_a_stop() {
    let (tx, rx) = mpsc::channel(4);
    tx.send('a').await.unwrap();
    let (stop_tx, stop) = oneshot::channel::<()>();
    drop(stop_tx);
    let got = timeout(PATIENCE, collect_until_stopped(rx, stop)).await;
    assert_eq!(got.expect("still waiting"), ['a']);
    assert!(tx.send('b').await.is_err());
}
