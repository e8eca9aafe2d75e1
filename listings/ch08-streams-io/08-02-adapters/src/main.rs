//! Stream adapters, each run on the paused clock, with the time each item
//! came out: what they do to order, and how many things run at once.

use futures::stream::{self, Stream, StreamExt};
use std::fmt::Debug;
use std::time::Duration;
use tokio::sync::{broadcast, mpsc};
use tokio::time::{Instant, interval, sleep};
use tokio_stream::wrappers::{BroadcastStream, IntervalStream, ReceiverStream};

// ANCHOR: job
/// A piece of work that takes `ms` milliseconds and returns `ms`.
async fn job(ms: u64) -> u64 {
    sleep(Duration::from_millis(ms)).await;
    ms
}
// ANCHOR_END: job

/// Every item of `stream`, each with the time it came out, in ms.
async fn timed<T>(stream: impl Stream<Item = T>) -> Vec<(T, u128)> {
    let start = Instant::now();
    stream
        .map(|item| (item, start.elapsed().as_millis()))
        .collect()
        .await
}

fn show<T: Debug>(name: &str, items: Vec<(T, u128)>) {
    let items: Vec<String> = items.iter().map(|(t, ms)| format!("{t:?}@{ms}")).collect();
    println!("{name:<17} {}", items.join(" "));
}

// ANCHOR: then
/// One job at a time, in order: `then` awaits each future before pulling
/// the next item.
fn one_at_a_time() -> impl Stream<Item = u64> {
    stream::iter([300, 100, 200]).then(job)
}

/// Up to `n` jobs at once, results in the input's order.
fn in_order(n: usize) -> impl Stream<Item = u64> {
    stream::iter([300, 100, 200]).map(job).buffered(n)
}

/// Up to `n` jobs at once, results as they finish.
fn as_they_finish(n: usize) -> impl Stream<Item = u64> {
    stream::iter([300, 100, 200]).map(job).buffer_unordered(n)
}
// ANCHOR_END: then

// ANCHOR: time
/// A source that yields at 50, 100 and 400 ms.
fn uneven() -> impl Stream<Item = u64> {
    stream::iter([50, 50, 300]).then(job)
}

/// An `Err(Elapsed)` item for each silence longer than 200 ms; the stream
/// goes on after it.
fn with_timeout() -> impl Stream<Item = Result<u64, tokio_stream::Elapsed>> {
    tokio_stream::StreamExt::timeout(uneven(), Duration::from_millis(200))
}

/// Items at least 100 ms apart: the first at once, each later one held back.
fn throttled() -> impl Stream<Item = u64> {
    tokio_stream::StreamExt::throttle(stream::iter([1, 2, 3]), Duration::from_millis(100))
}
// ANCHOR_END: time

// ANCHOR: wrappers
/// A channel's receiver as a stream: it ends when every sender is gone.
async fn from_channel() -> Vec<u32> {
    let (tx, rx) = mpsc::channel(8);
    tokio::spawn(async move {
        for n in 1..=3 {
            tx.send(n).await.unwrap();
        }
    }); // the task ends, drops `tx`, and the stream ends
    ReceiverStream::new(rx).collect().await
}

/// A broadcast receiver as a stream: missed messages are an item, not an end.
async fn from_broadcast() -> Vec<Result<u32, String>> {
    let (tx, rx) = broadcast::channel(2);
    let stream = BroadcastStream::new(rx);
    for n in [10, 20, 30] {
        tx.send(n).unwrap(); // capacity 2: 10 is overwritten by 30
    }
    drop(tx);
    stream
        .map(|item| item.map_err(|lagged| lagged.to_string()))
        .collect()
        .await
}

/// An `Interval` as a stream: a tick at 0, 100, 200 ms ...
fn ticks() -> impl Stream<Item = Instant> {
    IntervalStream::new(interval(Duration::from_millis(100)))
}
// ANCHOR_END: wrappers

// ANCHOR: main
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let numbers = || stream::iter(1..=5);
    show(
        "map, filter",
        timed(
            numbers()
                .map(|n| n * 10)
                .filter(|n| std::future::ready(n % 20 != 0)),
        )
        .await,
    );
    show("take(2)", timed(numbers().take(2)).await);
    show("chunks(2)", timed(numbers().chunks(2)).await);
    show("then", timed(one_at_a_time()).await);
    show("buffered(3)", timed(in_order(3)).await);
    show("buffer_unordered", timed(as_they_finish(3)).await);
    show("uneven source", timed(uneven()).await);
    show("timeout(200ms)", timed(with_timeout()).await);
    show("throttle(100ms)", timed(throttled()).await);
    show("IntervalStream", timed(ticks().take(3).map(|_| ())).await);
    println!("ReceiverStream    {:?}", from_channel().await);
    println!("BroadcastStream   {:?}", from_broadcast().await);
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::rc::Rc;

    fn ms(items: &[(u64, u128)]) -> Vec<u128> {
        items.iter().map(|&(_, t)| t).collect()
    }

    #[tokio::test(start_paused = true)]
    async fn map_and_filter_keep_order_and_cost_no_time() {
        let out = timed(
            stream::iter(1..=5)
                .map(|n| n * 10)
                .filter(|n| std::future::ready(n % 20 != 0)),
        )
        .await;
        assert_eq!(out, vec![(10, 0), (30, 0), (50, 0)]);
    }

    #[tokio::test(start_paused = true)]
    async fn adapters_are_lazy_nothing_runs_until_polled() {
        let pulled = Rc::new(Cell::new(0));
        let counter = pulled.clone();
        let s = stream::iter(1..=5)
            .inspect(move |_| counter.set(counter.get() + 1))
            .map(|n| n * 2);
        assert_eq!(pulled.get(), 0, "building the chain pulled nothing");
        let all: Vec<_> = s.collect().await;
        assert_eq!(all, [2, 4, 6, 8, 10]);
        assert_eq!(pulled.get(), 5);
    }

    #[tokio::test(start_paused = true)]
    async fn take_stops_pulling_from_the_source() {
        let pulled = Rc::new(Cell::new(0));
        let counter = pulled.clone();
        let firsts: Vec<_> = stream::iter(1..=1000)
            .inspect(move |_| counter.set(counter.get() + 1))
            .take(2)
            .collect()
            .await;
        assert_eq!(firsts, [1, 2]);
        assert_eq!(pulled.get(), 2);
        // The output's line: the first two, at once.
        let line = timed(stream::iter(1..=5).take(2)).await;
        assert_eq!(line, vec![(1, 0), (2, 0)]);
    }

    #[tokio::test(start_paused = true)]
    async fn chunks_waits_for_a_full_chunk_except_at_the_end() {
        let out = timed(stream::iter([50, 50, 50]).then(job).chunks(2)).await;
        assert_eq!(out, vec![(vec![50, 50], 100), (vec![50], 150)]);
        // The output's line: a ready source, so every chunk at once.
        let line = timed(stream::iter(1..=5).chunks(2)).await;
        assert_eq!(line, vec![(vec![1, 2], 0), (vec![3, 4], 0), (vec![5], 0)]);
    }

    #[tokio::test(start_paused = true)]
    async fn then_runs_one_job_at_a_time_in_order() {
        let out = timed(one_at_a_time()).await;
        assert_eq!(out, vec![(300, 300), (100, 400), (200, 600)]);
    }

    #[tokio::test(start_paused = true)]
    async fn buffered_overlaps_but_keeps_the_input_order() {
        let out = timed(in_order(3)).await;
        // 100 and 200 are done early, but wait behind 300.
        assert_eq!(out, vec![(300, 300), (100, 300), (200, 300)]);
    }

    #[tokio::test(start_paused = true)]
    async fn buffer_unordered_yields_as_they_finish() {
        let out = timed(as_they_finish(3)).await;
        assert_eq!(out, vec![(100, 100), (200, 200), (300, 300)]);
    }

    #[tokio::test(start_paused = true)]
    async fn buffer_unordered_never_runs_more_than_n() {
        let running = Rc::new(Cell::new(0));
        let most = Rc::new(Cell::new(0));
        let out = stream::iter(0..20u64)
            .map(|i| {
                let (running, most) = (running.clone(), most.clone());
                async move {
                    running.set(running.get() + 1);
                    most.set(most.get().max(running.get()));
                    job(10 + i % 7).await;
                    running.set(running.get() - 1);
                }
            })
            .buffer_unordered(4)
            .count()
            .await;
        assert_eq!((out, most.get()), (20, 4));
    }

    #[tokio::test(start_paused = true)]
    async fn buffer_unordered_with_one_place_is_then() {
        assert_eq!(ms(&timed(as_they_finish(1)).await), [300, 400, 600]);
    }

    #[tokio::test(start_paused = true)]
    async fn timeout_gives_an_error_item_and_goes_on() {
        let out: Vec<(Result<u64, ()>, u128)> = timed(with_timeout())
            .await
            .into_iter()
            .map(|(r, t)| (r.map_err(|_| ()), t))
            .collect();
        // The source alone (the output's "uneven source" line):
        assert_eq!(timed(uneven()).await, vec![(50, 50), (50, 100), (300, 400)]);
        // Silence from 100 to 400 ms: an error at 300, then the item at 400.
        assert_eq!(
            out,
            vec![(Ok(50), 50), (Ok(50), 100), (Err(()), 300), (Ok(300), 400)]
        );
    }

    #[tokio::test(start_paused = true)]
    async fn throttle_spaces_the_items() {
        assert_eq!(timed(throttled()).await, vec![(1, 0), (2, 100), (3, 200)]);
    }

    #[tokio::test(start_paused = true)]
    async fn interval_stream_ticks_at_once_then_every_period() {
        let out: Vec<u128> = timed(ticks().take(3))
            .await
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(out, [0, 100, 200]);
    }

    #[tokio::test]
    async fn receiver_stream_ends_when_the_senders_are_gone() {
        assert_eq!(from_channel().await, [1, 2, 3]);
    }

    #[tokio::test]
    async fn broadcast_stream_reports_lag_as_an_item_and_goes_on() {
        assert_eq!(
            from_broadcast().await,
            vec![Err("channel lagged by 1".to_string()), Ok(20), Ok(30)]
        );
    }

    #[tokio::test]
    async fn a_loop_on_some_ok_stops_at_the_first_lag() {
        let (tx, rx) = broadcast::channel(2);
        let mut stream = BroadcastStream::new(rx);
        for n in [10, 20, 30] {
            tx.send(n).unwrap();
        }
        drop(tx);
        let mut seen = Vec::new();
        while let Some(Ok(n)) = stream.next().await {
            seen.push(n);
        }
        assert!(seen.is_empty(), "the lag ended the loop before 20 and 30");
    }

    #[tokio::test(start_paused = true)]
    async fn both_stream_ext_traits_on_one_stream() {
        // futures' StreamExt is imported; tokio-stream's is called by its path.
        let s = stream::iter([1, 2, 3]).map(|n| n + 1);
        let s = tokio_stream::StreamExt::throttle(s, Duration::from_millis(10));
        assert_eq!(timed(s).await, vec![(2, 0), (3, 10), (4, 20)]);
    }
}
