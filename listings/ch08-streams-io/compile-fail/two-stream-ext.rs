use futures::StreamExt;
use tokio_stream::StreamExt as _;

#[tokio::main]
async fn main() {
    let mut numbers = futures::stream::iter([1, 2, 3]);
    while let Some(n) = numbers.next().await {
        println!("{n}");
    }
}
