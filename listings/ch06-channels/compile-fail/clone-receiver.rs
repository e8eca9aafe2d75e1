use tokio::sync::mpsc;

async fn worker(id: u32, mut jobs: mpsc::Receiver<u32>) {
    while let Some(job) = jobs.recv().await {
        println!("worker {id} does job {job}");
    }
}

#[tokio::main]
async fn main() {
    let (tx, rx) = mpsc::channel(16);
    for id in 0..3 {
        tokio::spawn(worker(id, rx.clone()));
    }
    for job in 0..10 {
        tx.send(job).await.unwrap();
    }
}
