use std::collections::BTreeMap;
use std::future::Future;
use std::sync::Mutex;

trait Storage {
    fn put(&self, key: &str, value: Vec<u8>) -> impl Future<Output = ()> + Send;
}

struct MemoryStore {
    entries: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl Storage for MemoryStore {
    async fn put(&self, key: &str, value: Vec<u8>) {
        let mut entries = self.entries.lock().unwrap();
        tokio::task::yield_now().await;
        entries.insert(key.to_string(), value);
    }
}

fn main() {}
