//! A cache in front of a slow backend, shared by many tasks. Requests for a
//! key that is being loaded wait for that load instead of starting another
//! (single-flight); the load runs as a task of its own, which files the
//! answer in the map, so a requester that gives up stops nothing; a failure
//! reaches every waiter and is not kept; a `Semaphore` caps the backend
//! calls in flight. tests/cache.rs checks each of these.

use futures::future::{BoxFuture, FutureExt, Shared};
use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;

#[derive(Clone, Debug, PartialEq)]
pub struct BackendError(pub String);

pub type Answer = Result<Arc<str>, BackendError>;

/// The slow thing in front of which the cache sits.
pub trait Backend: Send + Sync + 'static {
    fn fetch(&self, key: &str) -> impl Future<Output = Answer> + Send;
}

// ANCHOR: types
/// A load in flight: a future that any number of requesters can await,
/// each getting a clone of its output.
type Load = Shared<BoxFuture<'static, Answer>>;

enum Slot {
    Ready(Arc<str>),
    Loading(Load),
}

pub struct Cache<B> {
    inner: Arc<Inner<B>>,
}

struct Inner<B> {
    backend: B,
    slots: Mutex<HashMap<String, Slot>>, // std's: never held across .await
    calls: Semaphore,                    // backend calls allowed at once
}
// ANCHOR_END: types

impl<B> Clone for Cache<B> {
    fn clone(&self) -> Self {
        Cache {
            inner: self.inner.clone(),
        }
    }
}

// ANCHOR: get
impl<B: Backend> Cache<B> {
    pub fn new(backend: B, max_calls: usize) -> Self {
        let slots = Mutex::new(HashMap::new());
        let calls = Semaphore::new(max_calls);
        Cache {
            inner: Arc::new(Inner {
                backend,
                slots,
                calls,
            }),
        }
    }

    pub async fn get(&self, key: &str) -> Answer {
        let load = {
            let mut slots = self.inner.slots.lock().unwrap();
            match slots.get(key) {
                Some(Slot::Ready(value)) => return Ok(value.clone()),
                Some(Slot::Loading(load)) => load.clone(), // join the load
                None => {
                    let load = self.start_load(key);
                    slots.insert(key.to_owned(), Slot::Loading(load.clone()));
                    load
                }
            }
        }; // the lock ends here, before any .await
        load.await
    }
    // ANCHOR_END: get

    // ANCHOR: load
    /// Spawns the load, so that it belongs to no requester: the task calls
    /// the backend and files the answer in the map itself. The shareable
    /// future it returns only waits for that task.
    fn start_load(&self, key: &str) -> Load {
        let inner = self.inner.clone();
        let key = key.to_owned();
        let task = tokio::spawn(async move {
            let answer = {
                let _permit = inner.calls.acquire().await.expect("never closed");
                let call = AssertUnwindSafe(inner.backend.fetch(&key));
                match call.catch_unwind().await {
                    Ok(answer) => answer,
                    Err(_) => Err(BackendError(format!("the call for {key} panicked"))),
                }
            }; // the permit goes back here
            let mut slots = inner.slots.lock().unwrap();
            match &answer {
                Ok(value) => slots.insert(key, Slot::Ready(value.clone())),
                Err(_) => slots.remove(&key), // the next request tries again
            };
            answer
        });
        async move {
            match task.await {
                Ok(answer) => answer,
                Err(stopped) => Err(BackendError(stopped.to_string())), // runtime shut down
            }
        }
        .boxed()
        .shared()
    }
    // ANCHOR_END: load

    /// The value filed for `key`, if its load has finished, without asking
    /// for it.
    pub fn cached(&self, key: &str) -> Option<Arc<str>> {
        match self.inner.slots.lock().unwrap().get(key) {
            Some(Slot::Ready(value)) => Some(value.clone()),
            _ => None,
        }
    }

    pub fn backend(&self) -> &B {
        &self.inner.backend
    }

    /// How many keys hold a value or a load in flight.
    pub fn len(&self) -> usize {
        self.inner.slots.lock().unwrap().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
