#![deny(unused_must_use)]

async fn save(order: &str) {
    println!("saved {order}");
}

async fn checkout() {
    save("3 apples"); // forgot `.await`
    println!("checked out");
}

#[tokio::main]
async fn main() {
    checkout().await;
}
