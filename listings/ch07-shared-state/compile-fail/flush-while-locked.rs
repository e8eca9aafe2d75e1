use std::sync::{Arc, Mutex};

async fn write_to_disk(lines: &[String]) {
    println!("writing {} lines", lines.len());
}

async fn log(buffer: Arc<Mutex<Vec<String>>>, line: String) {
    let mut lines = buffer.lock().unwrap();
    lines.push(line);
    if lines.len() >= 100 {
        write_to_disk(&lines).await;
        lines.clear();
    }
}

#[tokio::main]
async fn main() {
    let buffer = Arc::new(Mutex::new(Vec::new()));
    tokio::spawn(log(buffer, "started".to_owned()))
        .await
        .unwrap();
}
