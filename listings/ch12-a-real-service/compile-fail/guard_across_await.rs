// A cache lookup that holds its std Mutex guard while it awaits the backend.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

async fn fetch(id: u64) -> String {
    format!("item-{id}")
}

async fn get(cache: Arc<Mutex<HashMap<u64, String>>>, id: u64) -> String {
    let mut found = cache.lock().unwrap();
    if !found.contains_key(&id) {
        let value = fetch(id).await; // the guard is still alive here
        found.insert(id, value);
    }
    found[&id].clone()
}

#[tokio::main]
async fn main() {
    let cache = Arc::new(Mutex::new(HashMap::new()));
    // Each hyper connection runs in a spawned task, which must be Send.
    let task = tokio::spawn(get(cache, 1));
    println!("{}", task.await.unwrap());
}
