use std::time::Duration;
use tokio::time::{interval, sleep};

async fn report() -> &'static str {
    sleep(Duration::from_millis(2500)).await;
    "report"
}

#[tokio::main]
async fn main() {
    let mut job = report();
    let mut every_second = interval(Duration::from_secs(1));
    loop {
        tokio::select! {
            done = &mut job => {
                println!("{done} is ready");
                break;
            }
            _ = every_second.tick() => println!("still working"),
        }
    }
}
