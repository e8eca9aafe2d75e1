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
    // Real threads reach for the map at once; 20 rounds, one call each.
    // (This does not reliably catch a cache whose look and insert are two
    // lockings: that gap is too narrow for a test to hit.)
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

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_cancelled_first_requester_on_many_threads() {
    let backend = Fake::new(50);
    let cache = Cache::new(backend.clone(), 4);
    let first = tokio::spawn({
        let cache = cache.clone();
        async move { cache.get("user:7").await }
    });
    // Yield until the first has started the load, let twenty others join
    // it, then cancel the first. (A cache whose first requester did the
    // call itself, the others waiting on a channel from it, fails here.)
    timeout(Duration::from_secs(10), async {
        while backend.calls() == 0 {
            tokio::task::yield_now().await;
        }
    })
    .await
    .expect("the first requester started the load");
    let others = ask(&cache, "user:7", 20);
    first.abort();
    let _ = first.await;
    let answers = timeout(Duration::from_secs(10), others.join_all())
        .await
        .expect("no one hangs");
    assert!(
        answers
            .iter()
            .all(|a| a.as_deref() == Ok("value of user:7"))
    );
    assert_eq!(backend.calls(), 1);
}

#[tokio::test(start_paused = true)]
async fn when_every_requester_gives_up_the_load_still_lands() {
    let backend = Fake::new(100);
    let cache = Cache::new(backend.clone(), 4);
    let gave_up = timeout(Duration::from_millis(10), cache.get("user:7")).await;
    assert!(gave_up.is_err());
    sleep(Duration::from_millis(200)).await; // the spawned load finishes
    // Filed in the map by the load itself, before anyone asks again.
    assert_eq!(cache.cached("user:7").as_deref(), Some("value of user:7"));
    let start = Instant::now();
    assert!(cache.get("user:7").await.is_ok());
    assert_eq!(start.elapsed(), Duration::ZERO, "no second wait");
    assert_eq!(backend.calls(), 1);
}

#[tokio::test(start_paused = true)]
async fn when_every_requester_gives_up_on_a_failure_it_is_not_kept() {
    let backend = Fake::new(100);
    let cache = Cache::new(backend.clone(), 4);
    let gave_up = timeout(Duration::from_millis(10), cache.get("bad:1")).await;
    assert!(gave_up.is_err());
    sleep(Duration::from_millis(200)).await; // the spawned load fails
    assert!(cache.is_empty(), "the failed load removed its slot");
    let failed = Err(BackendError("bad:1 is down".into()));
    assert_eq!(cache.get("bad:1").await, failed);
    assert_eq!(backend.calls(), 2, "the next request tried again");
}

#[tokio::test(start_paused = true)]
async fn an_abandoned_load_gives_its_permit_back() {
    // One call at a time. "a" is asked for and given up on; the load goes
    // on, holds the only permit for its 100 ms, and gives it back, so "b"
    // is answered 100 ms after that. Were the backend call run inside the
    // shared future, no one would poll it after the timeout, its permit
    // would never come back, and "b" would wait for ever.
    let backend = Fake::new(100);
    let cache = Cache::new(backend.clone(), 1);
    let gave_up = timeout(Duration::from_millis(10), cache.get("a")).await;
    assert!(gave_up.is_err());
    let start = Instant::now();
    let b = timeout(Duration::from_secs(60), cache.get("b"))
        .await
        .expect("the permit came back");
    assert_eq!(b.as_deref(), Ok("value of b"));
    assert_eq!(start.elapsed(), Duration::from_millis(190));
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
