//! A deliberately slow backend in front of the store, and the single-flight
//! cache (chapter 7's idea) in front of the backend.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::time::Duration;

use futures::FutureExt;
use futures::future::{BoxFuture, Shared, WeakShared};
use tokio::sync::watch;

use crate::store::Store;

/// What the backend does after its delay: answer, never answer, or fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    None,
    Hang,
    Fail,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackendError;

/// Counts kept for the tests and the logs.
#[derive(Default)]
pub struct Counts {
    pub calls: AtomicUsize,
    pub cancelled: AtomicUsize,
}

pub struct Backend {
    store: Store,
    delay: Duration,
    fault: Fault,
    pub counts: Counts,
    /// How many calls have started; tests wait on it instead of sleeping.
    pub started: watch::Sender<usize>,
}

/// Counts a call as cancelled if it is dropped before it finishes.
struct CancelGuard<'a>(&'a Counts, bool);

impl Drop for CancelGuard<'_> {
    fn drop(&mut self) {
        if !self.1 {
            self.0.cancelled.fetch_add(1, SeqCst);
            tracing::info!("backend call cancelled");
        }
    }
}

impl Backend {
    pub fn new(store: Store, delay: Duration, fault: Fault) -> Backend {
        Backend {
            store,
            delay,
            fault,
            counts: Counts::default(),
            started: watch::Sender::new(0),
        }
    }

    pub async fn fetch(&self, id: u64) -> Result<Option<String>, BackendError> {
        self.counts.calls.fetch_add(1, SeqCst);
        self.started.send_modify(|n| *n += 1);
        let mut guard = CancelGuard(&self.counts, false);
        tokio::time::sleep(self.delay).await;
        let result = match self.fault {
            Fault::None => Ok(self.store.get(id).await),
            Fault::Hang => std::future::pending().await,
            Fault::Fail => Err(BackendError),
        };
        guard.1 = true;
        result
    }
}

// ANCHOR: cache
type Call = BoxFuture<'static, Result<Option<String>, BackendError>>;
type Fetch = Shared<Call>;

/// One backend call per id at a time, however many requests want it; a value
/// found is kept (items never change), a miss or an error is not.
pub struct Cache {
    backend: std::sync::Arc<Backend>,
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    found: HashMap<u64, String>,
    // Weak: when every request waiting for a call has gone (timed out, or
    // its client left), the call itself is dropped, which cancels it.
    in_flight: HashMap<u64, WeakShared<Call>>,
}

impl Cache {
    pub fn new(backend: std::sync::Arc<Backend>) -> Cache {
        Cache {
            backend,
            inner: Mutex::default(),
        }
    }

    pub async fn get(&self, id: u64) -> Result<Option<String>, BackendError> {
        let call: Fetch = {
            let mut inner = self.inner.lock().unwrap();
            if let Some(value) = inner.found.get(&id) {
                return Ok(Some(value.clone()));
            }
            match inner.in_flight.get(&id).and_then(WeakShared::upgrade) {
                Some(call) => call,
                None => {
                    let backend = self.backend.clone();
                    let call = async move { backend.fetch(id).await }.boxed().shared();
                    inner
                        .in_flight
                        .insert(id, call.downgrade().expect("not polled yet"));
                    call
                }
            }
        }; // the lock is released before the await
        // A clone is awaited: `call` itself stays comparable after it ends.
        let result = call.clone().await;
        let mut inner = self.inner.lock().unwrap();
        // Only if the entry is still this call: a waiter woken late must not
        // remove a newer call, or the next request would start a second one.
        let stored = inner.in_flight.get(&id).and_then(WeakShared::upgrade);
        if stored.is_some_and(|stored| Shared::ptr_eq(&stored, &call)) {
            inner.in_flight.remove(&id);
        }
        if let Ok(Some(value)) = &result {
            inner.found.insert(id, value.clone());
        }
        result
    }
}
// ANCHOR_END: cache

#[cfg(test)]
mod tests {
    use super::*;
    use std::pin::pin;
    use std::sync::Arc;

    use futures::poll;

    /// A waiter that finishes after a newer call has started must leave
    /// that call in place, or a request after it starts a third call.
    #[tokio::test(start_paused = true)]
    async fn a_late_waiter_keeps_the_newer_call() {
        let delay = Duration::from_millis(100);
        let backend = Arc::new(Backend::new(Store::spawn(), delay, Fault::Fail));
        let cache = Cache::new(backend.clone());
        let (mut a, mut b) = (pin!(cache.get(1)), pin!(cache.get(1)));
        assert!(poll!(a.as_mut()).is_pending());
        assert!(poll!(b.as_mut()).is_pending());
        tokio::time::advance(delay).await;
        // The first call fails (an error is not kept); `b` is not polled yet.
        assert!(poll!(a.as_mut()).is_ready());
        let mut c = pin!(cache.get(1)); // a second call, now in flight
        assert!(poll!(c.as_mut()).is_pending());
        assert!(poll!(b.as_mut()).is_ready()); // the late waiter
        let mut d = pin!(cache.get(1)); // must join the second call
        assert!(poll!(d.as_mut()).is_pending());
        assert_eq!(backend.counts.calls.load(SeqCst), 2);
    }
}
