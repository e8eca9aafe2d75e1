use std::sync::Mutex;

async fn later() {}

async fn dropped_at_the_end(counter: &Mutex<u32>) {
    let _guard = counter.lock().unwrap();
    later().await;
}

fn require_send(_future: impl Send) {}

fn main() {
    let counter = Mutex::new(0);
    require_send(dropped_at_the_end(&counter));
}
