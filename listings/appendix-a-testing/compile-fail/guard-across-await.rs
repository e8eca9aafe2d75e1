use std::sync::Mutex;

fn assert_send<T: Send>(_: &T) {}

async fn audit() {
    tokio::task::yield_now().await;
}

async fn transfer(accounts: &Mutex<Vec<u64>>) {
    let mut guard = accounts.lock().unwrap();
    guard[0] -= 1;
    audit().await;
    guard[1] += 1;
}

fn main() {
    let accounts = Mutex::new(vec![1, 0]);
    let future = transfer(&accounts);
    assert_send(&future);
}
