use futures::stream::{self, Stream};

fn numbers() -> impl Stream<Item = u32> {
    stream::iter([1, 2, 3])
}

#[tokio::main]
async fn main() {
    for n in numbers() {
        println!("{n}");
    }
}
