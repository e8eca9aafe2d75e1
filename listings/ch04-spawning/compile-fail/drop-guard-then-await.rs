use std::sync::{Arc, Mutex};

async fn save(total: u64) {
    println!("saving {total}");
}

async fn increment_and_save(total: Arc<Mutex<u64>>) {
    let mut guard = total.lock().unwrap();
    *guard += 1; // borrows `guard` (DerefMut)...
    let value = *guard;
    drop(guard); // ...so, though the lock is released here,
    save(value).await; // the future keeps `guard` to the end of its scope
}

#[tokio::main]
async fn main() {
    let total = Arc::new(Mutex::new(0u64));
    let task = tokio::spawn(increment_and_save(total));
    task.await.unwrap();
}
