use std::future::Future;

async fn fetch() -> u32 {
    7
}

async fn run() -> u32 {
    // A `Box` is `Unpin` whatever it holds; that does not make it a future.
    let boxed: Box<dyn Future<Output = u32>> = Box::new(fetch());
    boxed.await
}

fn main() {
    let _ = run();
}
