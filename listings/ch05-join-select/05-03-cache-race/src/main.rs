use std::collections::HashMap;
use std::time::Duration;
use tokio::time::{Instant, sleep, timeout};

// ANCHOR: sources
/// A cache: fast, but it may not have the key.
struct Cache {
    entries: HashMap<&'static str, &'static str>,
}

impl Cache {
    async fn get(&self, key: &str) -> Option<&'static str> {
        sleep(Duration::from_millis(5)).await;
        self.entries.get(key).copied()
    }
}

/// The network: always has the answer, after a delay that varies.
async fn fetch(key: &str, delay: Duration) -> String {
    sleep(delay).await;
    format!("{key} (fresh)")
}
// ANCHOR_END: sources

// ANCHOR: get
#[derive(Debug, PartialEq)]
enum Answer {
    Cached(&'static str),
    Fresh(String),
    /// Neither source answered in time.
    GaveUp,
}

/// Asks the cache and the network at once. A cache hit wins at once; a
/// miss leaves the network to answer, within `patience` of the start.
async fn get(key: &str, cache: &Cache, network_delay: Duration, patience: Duration) -> Answer {
    tokio::select! {
        // The pattern is part of the branch: if the cache answers `None`,
        // this branch is disabled and select! goes on waiting for the others.
        Some(value) = cache.get(key) => Answer::Cached(value),
        fresh = fetch(key, network_delay) => Answer::Fresh(fresh),
        () = sleep(patience) => Answer::GaveUp,
    }
}
// ANCHOR_END: get

// ANCHOR: timeout
/// The same patience, written with `timeout` for the network part: the cache
/// is asked first, then the network, with whatever time is left.
async fn get_in_turn(
    key: &str,
    cache: &Cache,
    network_delay: Duration,
    patience: Duration,
) -> Answer {
    let start = Instant::now();
    if let Some(value) = cache.get(key).await {
        return Answer::Cached(value);
    }
    let left = patience.saturating_sub(start.elapsed());
    match timeout(left, fetch(key, network_delay)).await {
        Ok(fresh) => Answer::Fresh(fresh),
        Err(_elapsed) => Answer::GaveUp,
    }
}
// ANCHOR_END: timeout

// ANCHOR: main
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let cache = Cache {
        entries: HashMap::from([("home", "home page (cached)")]),
    };
    let patience = Duration::from_millis(200);
    let cases = [
        ("home", Duration::from_millis(80)),
        ("news", Duration::from_millis(80)),
        ("news", Duration::from_millis(500)),
    ];
    println!("raced:");
    for (key, delay) in cases {
        let start = Instant::now();
        let answer = get(key, &cache, delay, patience).await;
        println!(
            "  {key}, network {delay:?}: {answer:?} after {:?}",
            start.elapsed()
        );
    }
    println!("in turn, with timeout:");
    for (key, delay) in cases {
        let start = Instant::now();
        let answer = get_in_turn(key, &cache, delay, patience).await;
        println!(
            "  {key}, network {delay:?}: {answer:?} after {:?}",
            start.elapsed()
        );
    }
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    fn cache() -> Cache {
        Cache {
            entries: HashMap::from([("home", "home page (cached)")]),
        }
    }

    const PATIENCE: Duration = Duration::from_millis(200);

    /// (answer, elapsed) for both versions.
    async fn both(key: &str, delay: u64) -> [(Answer, Duration); 2] {
        let delay = Duration::from_millis(delay);
        let start = Instant::now();
        let raced = get(key, &cache(), delay, PATIENCE).await;
        let raced_took = start.elapsed();
        let start = Instant::now();
        let in_turn = get_in_turn(key, &cache(), delay, PATIENCE).await;
        [(raced, raced_took), (in_turn, start.elapsed())]
    }

    #[tokio::test(start_paused = true)]
    async fn a_hit_is_answered_from_the_cache_at_once() {
        for (answer, took) in both("home", 80).await {
            assert_eq!(answer, Answer::Cached("home page (cached)"));
            assert_eq!(took, Duration::from_millis(5));
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_miss_waits_for_the_network() {
        let [(raced, raced_took), (in_turn, in_turn_took)] = both("news", 80).await;
        assert_eq!(raced, Answer::Fresh("news (fresh)".into()));
        assert_eq!(in_turn, raced);
        // Racing saves the cache's 5 ms: the network was already running.
        assert_eq!(raced_took, Duration::from_millis(80));
        assert_eq!(in_turn_took, Duration::from_millis(85));
    }

    #[tokio::test(start_paused = true)]
    async fn a_slow_network_gives_up_at_the_deadline() {
        for (answer, took) in both("news", 500).await {
            assert_eq!(answer, Answer::GaveUp);
            assert_eq!(took, PATIENCE);
        }
    }
}
