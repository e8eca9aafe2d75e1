use std::sync::Mutex;

async fn later() {}

async fn borrowed_then_dropped(counter: &Mutex<u32>) {
    let mut guard = counter.lock().unwrap();
    *guard += 1;
    drop(guard);
    later().await;
}

fn require_send(_future: impl Send) {}

fn main() {
    let counter = Mutex::new(0);
    require_send(borrowed_then_dropped(&counter));
}
