use futures::stream::{self, Stream, StreamExt};
use std::time::Duration;

async fn tick(n: u32) -> Option<(u32, u32)> {
    tokio::time::sleep(Duration::from_millis(100)).await;
    if n < 3 { Some((n + 1, n + 1)) } else { None }
}

fn ticks() -> impl Stream<Item = u32> {
    stream::unfold(0, tick)
}

#[tokio::main]
async fn main() {
    let mut ticks = ticks();
    while let Some(n) = ticks.next().await {
        println!("{n}");
    }
}
