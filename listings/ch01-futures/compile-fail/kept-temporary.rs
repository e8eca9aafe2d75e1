use std::sync::Mutex;

async fn later() {}

async fn temporary_in_if_let(jobs: &Mutex<Vec<u32>>) {
    if let Some(_job) = jobs.lock().unwrap().pop() {
        later().await;
    }
}

fn require_send(_future: impl Send) {}

fn main() {
    let jobs = Mutex::new(vec![1, 2]);
    require_send(temporary_in_if_let(&jobs));
}
