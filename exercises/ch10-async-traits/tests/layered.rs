//! Exercise 2: a cache layered over a store, itself a `Store`.

use exercises_ch10_async_traits::{Layered, Memory, Store};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

/// A backing store that counts its reads and can be made to fail.
#[derive(Default)]
struct Backing {
    inner: Memory,
    reads: AtomicU32,
    broken: AtomicBool,
}

impl Backing {
    fn fail_if_broken(&self) -> Result<(), String> {
        if self.broken.load(Ordering::SeqCst) {
            Err("backing store down".into())
        } else {
            Ok(())
        }
    }
}

impl Store for Backing {
    async fn get(&self, key: &str) -> Result<Option<String>, String> {
        self.fail_if_broken()?;
        self.reads.fetch_add(1, Ordering::SeqCst);
        self.inner.get(key).await
    }

    async fn put(&self, key: &str, value: &str) -> Result<(), String> {
        self.fail_if_broken()?;
        self.inner.put(key, value).await
    }

    async fn delete(&self, key: &str) -> Result<(), String> {
        self.fail_if_broken()?;
        self.inner.delete(key).await
    }
}

/// A cache that can be made to refuse new values (full, say); it can
/// still delete.
#[derive(Default)]
struct Refusing {
    inner: Memory,
    full: AtomicBool,
}

impl Store for Refusing {
    async fn get(&self, key: &str) -> Result<Option<String>, String> {
        self.inner.get(key).await
    }

    async fn put(&self, key: &str, value: &str) -> Result<(), String> {
        if self.full.load(Ordering::SeqCst) {
            return Err("cache full".into());
        }
        self.inner.put(key, value).await
    }

    async fn delete(&self, key: &str) -> Result<(), String> {
        self.inner.delete(key).await
    }
}

fn layered() -> Layered<Memory, Backing> {
    Layered {
        cache: Memory::default(),
        backing: Backing::default(),
    }
}

#[tokio::test]
async fn reads_what_was_written() {
    let store = layered();
    assert_eq!(store.get("a").await, Ok(None));
    store.put("a", "1").await.unwrap();
    assert_eq!(store.get("a").await, Ok(Some("1".into())));
    store.put("a", "2").await.unwrap();
    assert_eq!(store.get("a").await, Ok(Some("2".into())));
    assert_eq!(store.backing.get("a").await, Ok(Some("2".into())));
}

#[tokio::test]
async fn a_miss_is_read_once_and_then_served_from_the_cache() {
    let store = layered();
    store.backing.inner.put("old", "from before").await.unwrap();
    for _ in 0..3 {
        assert_eq!(store.get("old").await, Ok(Some("from before".into())));
    }
    assert_eq!(store.backing.reads.load(Ordering::SeqCst), 1);
    assert_eq!(store.cache.get("old").await, Ok(Some("from before".into())));
}

#[tokio::test]
async fn deleted_values_stay_deleted() {
    let store = layered();
    store.put("k", "v").await.unwrap();
    store.delete("k").await.unwrap();
    assert_eq!(store.get("k").await, Ok(None));
    assert_eq!(store.backing.get("k").await, Ok(None));
}

#[tokio::test]
async fn a_failed_write_changes_nothing() {
    let store = layered();
    store.put("k", "v1").await.unwrap();
    store.backing.broken.store(true, Ordering::SeqCst);
    assert_eq!(store.put("k", "v2").await, Err("backing store down".into()));
    assert_eq!(
        store.put("new", "x").await,
        Err("backing store down".into())
    );
    assert_eq!(store.cache.get("k").await, Ok(Some("v1".into())));
    assert_eq!(store.cache.get("new").await, Ok(None));
    store.backing.broken.store(false, Ordering::SeqCst);
    assert_eq!(store.get("k").await, Ok(Some("v1".into())));
}

#[tokio::test]
async fn a_cache_that_refuses_a_new_value_keeps_no_old_one() {
    let store = Layered {
        cache: Refusing::default(),
        backing: Backing::default(),
    };
    store.put("k", "v1").await.unwrap();
    store.cache.full.store(true, Ordering::SeqCst);
    assert_eq!(store.put("k", "v2").await, Err("cache full".into()));
    assert_eq!(store.backing.get("k").await, Ok(Some("v2".into())));
    assert_eq!(store.cache.get("k").await, Ok(None));
    store.cache.full.store(false, Ordering::SeqCst);
    assert_eq!(store.get("k").await, Ok(Some("v2".into())));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn layered_stores_can_be_spawned_and_stacked() {
    // The trait promises `Send` futures: a Layered must keep that promise.
    let store = Arc::new(Layered {
        cache: Memory::default(),
        backing: layered(),
    });
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..10 {
        let store = Arc::clone(&store);
        tasks.spawn(async move { store.put(&format!("k{i}"), &i.to_string()).await });
    }
    while let Some(done) = tasks.join_next().await {
        done.unwrap().unwrap();
    }
    assert_eq!(store.get("k7").await, Ok(Some("7".into())));
    assert_eq!(store.backing.backing.get("k7").await, Ok(Some("7".into())));
}
