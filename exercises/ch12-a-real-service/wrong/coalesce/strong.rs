//! Wrong: the map keeps a strong handle to each call, so a call nobody waits for any more is never dropped.

use std::collections::HashMap;
use std::future::Future;
use std::sync::Mutex;

use futures::FutureExt;
use futures::future::{BoxFuture, Shared};

type Call = Shared<BoxFuture<'static, String>>;

pub struct Coalesce {
    in_flight: Mutex<HashMap<u64, Call>>,
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
        let call = {
            let mut in_flight = self.in_flight.lock().unwrap();
            in_flight
                .entry(key)
                .or_insert_with(|| fetch().boxed().shared())
                .clone()
        };
        let value = call.await;
        self.in_flight.lock().unwrap().remove(&key);
        value
    }
}

impl Default for Coalesce {
    fn default() -> Coalesce {
        Coalesce::new()
    }
}
