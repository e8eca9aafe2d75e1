async fn fetch_count() -> u32 {
    7
}

fn main() {
    let count = fetch_count().await;
    println!("{count}");
}
