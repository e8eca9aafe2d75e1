use std::future::Future;

async fn three_times<F, Fut>(mut tick: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = ()>,
{
    for _ in 0..3 {
        tick().await;
    }
}

async fn record(log: &mut Vec<u32>) {
    tokio::task::yield_now().await;
    log.push(log.len() as u32);
}

async fn run() -> Vec<u32> {
    let mut log = Vec::new();
    three_times(|| record(&mut log)).await;
    log
}

fn main() {
    let _ = run();
}
