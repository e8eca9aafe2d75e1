use std::time::Duration;

// The paused clock, on #[tokio::main]'s default flavour (multi-thread).
#[tokio::main(start_paused = true)]
async fn main() {
    tokio::time::sleep(Duration::from_secs(3600)).await;
    println!("an hour later, at once");
}
