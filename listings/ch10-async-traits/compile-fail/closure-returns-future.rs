use std::future::Future;

async fn total<F, Fut>(names: &[String], measure: F) -> usize
where
    F: Fn(&String) -> Fut,
    Fut: Future<Output = usize>,
{
    let mut sum = 0;
    for name in names {
        sum += measure(name).await;
    }
    sum
}

async fn letters(name: &String) -> usize {
    tokio::task::yield_now().await;
    name.len()
}

async fn run() -> usize {
    let names = vec!["ada".to_string(), "grace".to_string()];
    total(&names, |name| letters(name)).await
}

fn main() {
    let _ = run();
}
