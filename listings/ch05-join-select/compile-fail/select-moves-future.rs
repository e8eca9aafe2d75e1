use std::time::Duration;
use tokio::time::sleep;

async fn report() -> &'static str {
    sleep(Duration::from_millis(2500)).await;
    "report"
}

#[tokio::main]
async fn main() {
    let job = report();
    loop {
        tokio::select! {
            done = job => {
                println!("{done} is ready");
                break;
            }
            () = sleep(Duration::from_secs(1)) => println!("still working"),
        }
    }
}
