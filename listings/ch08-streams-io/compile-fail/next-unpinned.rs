use futures::stream::{Stream, StreamExt};
use std::time::Duration;

fn ticks() -> impl Stream<Item = u32> {
    async_stream::stream! {
        for n in 1..=3 {
            tokio::time::sleep(Duration::from_millis(100)).await;
            yield n;
        }
    }
}

#[tokio::main]
async fn main() {
    let mut ticks = ticks();
    while let Some(n) = ticks.next().await {
        println!("{n}");
    }
}
