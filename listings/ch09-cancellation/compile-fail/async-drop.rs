use std::future::AsyncDrop;
use std::pin::Pin;

struct Connection;

// The cleanup we would like to await when a Connection is dropped.
impl AsyncDrop for Connection {
    async fn drop(self: Pin<&mut Self>) {
        tokio::task::yield_now().await;
    }
}

fn main() {
    let _connection = Connection;
}
