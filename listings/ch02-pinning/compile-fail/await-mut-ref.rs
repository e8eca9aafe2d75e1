use std::time::Duration;

async fn download() -> &'static str {
    tokio::time::sleep(Duration::from_secs(3)).await;
    "done"
}

#[tokio::main]
async fn main() {
    let mut download = download();
    // Wait a second at a time, without starting the download over.
    while tokio::time::timeout(Duration::from_secs(1), &mut download)
        .await
        .is_err()
    {
        println!("still downloading");
    }
}
