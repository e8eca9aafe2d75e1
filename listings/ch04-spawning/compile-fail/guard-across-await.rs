use std::sync::{Arc, Mutex};

async fn save(total: u64) {
    println!("saving {total}");
}

#[tokio::main]
async fn main() {
    let total = Arc::new(Mutex::new(0u64));
    let task = tokio::spawn(async move {
        let mut guard = total.lock().unwrap();
        *guard += 1;
        save(*guard).await;
    });
    task.await.unwrap();
}
