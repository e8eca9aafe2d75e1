//! Load on both versions of the service, every reply checked; prints
//! throughput and latency percentiles. Run it with `--release`: `cargo
//! xtask measure ch12-a-real-service` does, and writes results.txt.

use std::time::Duration;

use listing_12_01_service::client::{LoadReport, load};
use listing_12_01_service::{Config, Running};

// ANCHOR: run
async fn measure(axum: bool, total: usize, concurrency: usize) -> LoadReport {
    let config = Config::default();
    let server = if axum {
        Running::start(config, listing_12_02_axum::run).await
    } else {
        Running::start(config, listing_12_01_service::run).await
    };
    let report = load(server.addr, total, concurrency).await;
    assert!(report.wrong.is_empty(), "wrong replies: {:?}", report.wrong);
    assert!(server.stop().await.clean);
    report
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

#[tokio::main]
async fn main() {
    let (total, concurrency) = (2000, 100);
    println!("{total} requests, {concurrency} clients, every status and body checked");
    println!("latencies in ms; the backend sleeps 20 ms per cache miss\n");
    println!("| version | req/s | p50 | p90 | p99 | max |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (name, axum) in [("hyper", false), ("axum", true)] {
        let r = measure(axum, total, concurrency).await;
        let (p50, p90, p99) = (r.percentile(50.0), r.percentile(90.0), r.percentile(99.0));
        let max = *r.latencies.last().unwrap();
        let rate = r.per_second();
        println!(
            "| {name} | {rate:.0} | {} | {} | {} | {} |",
            ms(p50),
            ms(p90),
            ms(p99),
            ms(max)
        );
    }
}
// ANCHOR_END: run

#[cfg(test)]
mod tests {
    use super::*;

    /// Small enough for a debug build: what holds on any machine.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn every_reply_checked_and_percentiles_ordered() {
        for axum in [false, true] {
            let r = measure(axum, 200, 20).await;
            assert_eq!(r.requests, 200);
            assert!(r.percentile(50.0) <= r.percentile(90.0));
            assert!(r.percentile(99.0) <= *r.latencies.last().unwrap());
        }
    }

    #[test]
    fn nearest_rank() {
        let latencies = (1..=100).map(Duration::from_millis).collect();
        let r = LoadReport {
            requests: 100,
            wrong: vec![],
            elapsed: Duration::ZERO,
            latencies,
        };
        assert_eq!(r.percentile(50.0), Duration::from_millis(50));
        assert_eq!(r.percentile(99.0), Duration::from_millis(99));
        assert_eq!(r.percentile(100.0), Duration::from_millis(100));
    }
}
