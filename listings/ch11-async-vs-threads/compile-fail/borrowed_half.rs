// Splitting work over spawn_blocking by borrowing halves of a local vector.
fn sum(values: &[u64]) -> u64 {
    values.iter().sum()
}

#[tokio::main]
async fn main() {
    let data: Vec<u64> = (1..=1_000).collect();
    let (left, right) = data.split_at(data.len() / 2);
    let a = tokio::task::spawn_blocking(|| sum(left));
    let b = tokio::task::spawn_blocking(|| sum(right));
    println!("{}", a.await.unwrap() + b.await.unwrap());
}
