//! Listing 7-6's cache in use: 100 requests for one key, and ten for
//! others, in front of a backend that takes 100 ms and allows two calls
//! at a time.

use listing_07_06_cache::{Answer, Backend, Cache};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::time::{Instant, sleep};

// ANCHOR: main
/// A backend that takes 100 ms per call and counts its calls.
#[derive(Default)]
struct Slow {
    calls: AtomicUsize,
}

impl Backend for Slow {
    async fn fetch(&self, key: &str) -> Answer {
        self.calls.fetch_add(1, Ordering::SeqCst);
        sleep(Duration::from_millis(100)).await;
        Ok(format!("value of {key}").into())
    }
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let cache = Cache::new(Slow::default(), 2);
    let start = Instant::now();
    let mut requests = tokio::task::JoinSet::new();
    for i in 0..110 {
        let cache = cache.clone();
        // 100 requests for user:7, then one each for user:0 ... user:9
        let key = if i < 100 {
            "user:7".to_owned()
        } else {
            format!("user:{}", i - 100)
        };
        requests.spawn(async move { (cache.get(&key).await, start.elapsed()) });
    }
    let answers = requests.join_all().await;
    let last = answers.iter().map(|(_, at)| *at).max().unwrap();
    let ok = answers.iter().filter(|(answer, _)| answer.is_ok()).count();
    println!("{ok} answers, the last at {last:?}");
    println!("{} keys cached", cache.len());
    let calls = cache.backend().calls.load(Ordering::SeqCst);
    println!("{calls} backend calls, 2 at a time, 100 ms each");
    let at = Instant::now();
    let again = cache.get("user:7").await.unwrap();
    println!("then {again:?} from the cache in {:?}", at.elapsed());
}
// ANCHOR_END: main
