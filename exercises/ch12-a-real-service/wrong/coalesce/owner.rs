//! Wrong: the first caller runs the call itself and hands the result to the others, so when it leaves, the call is dropped and the others wait for ever.

use std::collections::HashMap;
use std::future::Future;
use std::sync::Mutex;

use tokio::sync::broadcast;

pub struct Coalesce {
    in_flight: Mutex<HashMap<u64, broadcast::Sender<String>>>,
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
        let waiting = {
            let mut in_flight = self.in_flight.lock().unwrap();
            match in_flight.get(&key) {
                Some(tx) => Some(tx.subscribe()),
                None => {
                    in_flight.insert(key, broadcast::channel(1).0);
                    None
                }
            }
        };
        if let Some(mut rx) = waiting {
            return rx.recv().await.unwrap();
        }
        let value = fetch().await;
        if let Some(tx) = self.in_flight.lock().unwrap().remove(&key) {
            let _ = tx.send(value.clone());
        }
        value
    }
}

impl Default for Coalesce {
    fn default() -> Coalesce {
        Coalesce::new()
    }
}
