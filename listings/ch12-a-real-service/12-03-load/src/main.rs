//! Load on both versions of the service, every reply checked; prints
//! throughput and latency percentiles over several rounds. Run it with
//! `--release`: `cargo xtask measure ch12-a-real-service` does, and writes
//! results.txt.

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

/// The median, the smallest and the largest of some figures.
fn spread(mut xs: Vec<f64>) -> (f64, f64, f64) {
    xs.sort_by(f64::total_cmp);
    (xs[xs.len() / 2], xs[0], xs[xs.len() - 1])
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() {
    let (total, concurrency, rounds) = (20_000, 100, 5);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("{total} requests, {concurrency} clients, every status and body checked;");
    println!("{rounds} rounds, the two versions alternating which goes first;");
    println!("client and server share one runtime ({workers} worker threads);");
    let delay = Config::default().backend_delay;
    println!("the items are read once before timing (the backend takes {delay:?} a miss)");
    println!("latencies in ms: the median over the rounds, (smallest to largest)\n");
    println!("| version | req/s | p50 | p99 |");
    println!("| --- | ---: | ---: | ---: |");
    let mut runs: [Vec<LoadReport>; 2] = Default::default();
    for round in 0..rounds {
        let order = if round % 2 == 0 {
            [false, true]
        } else {
            [true, false]
        };
        for axum in order {
            runs[usize::from(axum)].push(measure(axum, total, concurrency).await);
        }
    }
    for (name, reports) in ["hyper", "axum"].iter().zip(&runs) {
        let figure = |f: &dyn Fn(&LoadReport) -> f64| spread(reports.iter().map(f).collect());
        let rate = figure(&|r| r.per_second());
        let p50 = figure(&|r| ms(r.percentile(50.0)));
        let p99 = figure(&|r| ms(r.percentile(99.0)));
        println!(
            "| {name} | {:.0} ({:.0} to {:.0}) | {:.2} ({:.2} to {:.2}) | {:.2} ({:.2} to {:.2}) |",
            rate.0, rate.1, rate.2, p50.0, p50.1, p50.2, p99.0, p99.1, p99.2
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

    #[test]
    fn median_and_range() {
        assert_eq!(spread(vec![3.0, 1.0, 2.0, 9.0, 5.0]), (3.0, 1.0, 9.0));
    }
}
