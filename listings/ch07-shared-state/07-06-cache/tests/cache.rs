//! Every claim the chapter makes about Listing 7-6's cache.

use listing_07_06_cache::{Answer, Backend, BackendError, Cache};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::task::JoinSet;
use tokio::time::{Instant, sleep, timeout};

/// A backend that takes `delay`, fails for keys starting with "bad", and
/// counts its calls and the most calls in flight at once.
#[derive(Clone)]
struct Fake {
    delay: Duration,
    calls: Arc<AtomicUsize>,
    in_flight: Arc<AtomicUsize>,
    most: Arc<AtomicUsize>,
}

impl Fake {
    fn new(delay_ms: u64) -> Self {
        Fake {
            delay: Duration::from_millis(delay_ms),
            calls: Arc::default(),
            in_flight: Arc::default(),
            most: Arc::default(),
        }
    }

    fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
}

impl Backend for Fake {
    async fn fetch(&self, key: &str) -> Answer {
        self.calls.fetch_add(1, Ordering::SeqCst);
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.most.fetch_max(now, Ordering::SeqCst);
        sleep(self.delay).await;
        self.in_flight.fetch_sub(1, Ordering::SeqCst);
        if key.starts_with("bad") {
            Err(BackendError(format!("{key} is down")))
        } else {
            Ok(format!("value of {key}").into())
        }
    }
}

fn ask(cache: &Cache<Fake>, key: &str, times: usize) -> JoinSet<Answer> {
    let mut set = JoinSet::new();
    for _ in 0..times {
        let cache = cache.clone();
        let key = key.to_owned();
        set.spawn(async move { cache.get(&key).await });
    }
    set
}

#[tokio::test(start_paused = true)]
async fn a_hundred_requests_for_a_missing_key_make_one_call() {
    let backend = Fake::new(100);
    let cache = Cache::new(backend.clone(), 4);
    let start = Instant::now();
    let answers = ask(&cache, "user:7", 100).join_all().await;
    assert_eq!(answers.len(), 100);
    assert!(
        answers
            .iter()
            .all(|a| a.as_deref() == Ok("value of user:7"))
    );
    assert_eq!(backend.calls(), 1);
    assert_eq!(start.elapsed(), Duration::from_millis(100));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_call_on_many_threads_too() {
    // Real threads race for the map; repeated so that a cache whose check
    // and insert were two separate locks would be caught starting two loads.
    for round in 0..20 {
        let backend = Fake::new(5);
        let cache = Cache::new(backend.clone(), 4);
        let answers = ask(&cache, &format!("key:{round}"), 100).join_all().await;
        assert!(answers.iter().all(|a| a.is_ok()));
        assert_eq!(backend.calls(), 1, "round {round}");
    }
}

#[tokio::test(start_paused = true)]
async fn a_cached_value_makes_no_call() {
    let backend = Fake::new(100);
    let cache = Cache::new(backend.clone(), 4);
    cache.get("user:7").await.unwrap();
    let start = Instant::now();
    assert_eq!(cache.get("user:7").await.as_deref(), Ok("value of user:7"));
    assert_eq!(start.elapsed(), Duration::ZERO);
    assert_eq!(backend.calls(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_failure_reaches_every_waiter_and_is_not_kept() {
    let backend = Fake::new(100);
    let cache = Cache::new(backend.clone(), 4);
    let answers = ask(&cache, "bad:1", 50).join_all().await;
    let failed = Err(BackendError("bad:1 is down".into()));
    assert!(answers.iter().all(|a| *a == failed));
    assert_eq!(backend.calls(), 1);
    assert!(cache.is_empty(), "the error was not cached");
    assert_eq!(cache.get("bad:1").await, failed);
    assert_eq!(backend.calls(), 2, "the next request tried again");
}

#[tokio::test(start_paused = true)]
async fn a_cancelled_first_requester_leaves_no_one_hanging() {
    let backend = Fake::new(100);
    let cache = Cache::new(backend.clone(), 4);
    let first = tokio::spawn({
        let cache = cache.clone();
        async move { cache.get("user:7").await }
    });
    sleep(Duration::from_millis(1)).await;
    assert_eq!(backend.calls(), 1, "the first requester started the load");
    let mut others = ask(&cache, "user:7", 20);
    sleep(Duration::from_millis(9)).await;
    first.abort();
    assert!(first.await.unwrap_err().is_cancelled());
    // Its cancelled task did not take the load with it.
    let start = Instant::now();
    let answers = timeout(Duration::from_secs(60), async {
        let mut all = Vec::new();
        while let Some(answer) = others.join_next().await {
            all.push(answer.unwrap());
        }
        all
    })
    .await
    .expect("no one hangs");
    assert_eq!(answers.len(), 20);
    assert!(
        answers
            .iter()
            .all(|a| a.as_deref() == Ok("value of user:7"))
    );
    assert_eq!(start.elapsed(), Duration::from_millis(90));
    assert_eq!(backend.calls(), 1);
}

#[tokio::test(start_paused = true)]
async fn when_every_requester_gives_up_the_load_still_lands() {
    let backend = Fake::new(100);
    let cache = Cache::new(backend.clone(), 4);
    let gave_up = timeout(Duration::from_millis(10), cache.get("user:7")).await;
    assert!(gave_up.is_err());
    sleep(Duration::from_millis(200)).await; // the spawned call finishes
    let start = Instant::now();
    assert!(cache.get("user:7").await.is_ok());
    assert_eq!(start.elapsed(), Duration::ZERO, "no second wait");
    assert_eq!(backend.calls(), 1);
}

#[tokio::test(start_paused = true)]
async fn the_semaphore_caps_backend_calls_in_flight() {
    let backend = Fake::new(100);
    let cache = Cache::new(backend.clone(), 3);
    let start = Instant::now();
    // Twelve keys at once, five requests each.
    let mut sets: Vec<_> = (0..12)
        .map(|key| ask(&cache, &format!("k{key}"), 5))
        .collect();
    let mut answers = 0;
    for set in &mut sets {
        while let Some(answer) = set.join_next().await {
            assert!(answer.unwrap().is_ok());
            answers += 1;
        }
    }
    assert_eq!(answers, 60);
    assert_eq!(backend.calls(), 12);
    assert_eq!(backend.most.load(Ordering::SeqCst), 3);
    assert_eq!(
        start.elapsed(),
        Duration::from_millis(400),
        "12 calls, 3 at a time"
    );
}

/// The mistake: look, then load, then store. Every request that arrives
/// while the value is missing makes its own call.
struct Naive {
    backend: Fake,
    values: Mutex<HashMap<String, Answer>>,
}

impl Naive {
    async fn get(&self, key: &str) -> Answer {
        if let Some(answer) = self.values.lock().unwrap().get(key) {
            return answer.clone();
        }
        let answer = self.backend.fetch(key).await;
        self.values
            .lock()
            .unwrap()
            .insert(key.to_owned(), answer.clone());
        answer
    }
}

#[tokio::test(start_paused = true)]
async fn without_single_flight_every_waiter_calls_the_backend() {
    let backend = Fake::new(100);
    let naive = Arc::new(Naive {
        backend: backend.clone(),
        values: Mutex::default(),
    });
    let mut set = JoinSet::new();
    for _ in 0..100 {
        let naive = naive.clone();
        set.spawn(async move { naive.get("user:7").await });
    }
    set.join_all().await;
    assert_eq!(backend.calls(), 100);
}
