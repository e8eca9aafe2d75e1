use std::time::Duration;
use tokio::sync::watch;

async fn log_config(rx: watch::Receiver<String>) {
    let config = rx.borrow();
    tokio::time::sleep(Duration::from_millis(10)).await;
    println!("config: {}", *config);
}

#[tokio::main]
async fn main() {
    let (_tx, rx) = watch::channel(String::from("v1"));
    tokio::spawn(log_config(rx)).await.unwrap();
}
