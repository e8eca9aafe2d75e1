//! One call per key at a time: `get(key, fetch)` starts `fetch()` only if no
//! call for `key` is in flight, and otherwise waits for that call's result.
//! When every caller waiting for a call has gone, the call is dropped.
//! Nothing is kept once a call has finished.

use std::collections::HashMap;
use std::future::Future;
use std::sync::Mutex;

use futures::FutureExt;
use futures::future::{BoxFuture, Shared, WeakShared};

type Call = BoxFuture<'static, String>;

pub struct Coalesce {
    in_flight: Mutex<HashMap<u64, WeakShared<Call>>>,
}

impl Coalesce {
    pub fn new() -> Coalesce {
        Coalesce {
            in_flight: Mutex::default(),
        }
    }

    pub async fn get<F>(&self, key: u64, fetch: impl FnOnce() -> F) -> String
    where
        F: Future<Output = String> + Send + 'static,
    {
        let call: Shared<Call> = {
            let mut in_flight = self.in_flight.lock().unwrap();
            match in_flight.get(&key).and_then(WeakShared::upgrade) {
                Some(call) => call,
                None => {
                    let call = fetch().boxed().shared();
                    // Only the callers hold the call; the map holds a weak one.
                    in_flight.insert(key, call.downgrade().unwrap());
                    call
                }
            }
        };
        // A clone is awaited, so `call` can still be compared afterwards.
        let value = call.clone().await;
        let mut in_flight = self.in_flight.lock().unwrap();
        // Only our own call: a newer one for the same key stays.
        let stored = in_flight.get(&key).and_then(WeakShared::upgrade);
        if stored.is_some_and(|stored| Shared::ptr_eq(&stored, &call)) {
            in_flight.remove(&key);
        }
        value
    }
}

impl Default for Coalesce {
    fn default() -> Coalesce {
        Coalesce::new()
    }
}
