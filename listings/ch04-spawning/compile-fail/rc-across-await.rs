use std::rc::Rc;

struct Settings {
    retries: u32,
}

async fn connect(attempt: u32) -> bool {
    tokio::task::yield_now().await; // as if it dialled a server
    attempt >= 2
}

async fn connect_with_retries() -> u32 {
    let settings = Rc::new(Settings { retries: 5 });
    let mut attempt = 0;
    while attempt < settings.retries && !connect(attempt).await {
        attempt += 1;
    }
    attempt
}

#[tokio::main]
async fn main() {
    let task = tokio::spawn(connect_with_retries());
    println!("connected on attempt {}", task.await.unwrap());
}
