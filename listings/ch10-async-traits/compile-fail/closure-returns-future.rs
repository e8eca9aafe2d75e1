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

async fn run() -> usize {
    let names = vec!["ada".to_string(), "grace".to_string()];
    total(&names, |name| async move { name.len() }).await
}

fn main() {
    let _ = run();
}
