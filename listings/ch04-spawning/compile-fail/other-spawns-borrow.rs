use std::thread;
use tokio::task;

// Each of these may outlive `names`, so none of them may borrow it.

async fn local_task() -> usize {
    let names = vec![String::from("ada"), String::from("grace")];
    task::spawn_local(async { names.len() }).await.unwrap()
}

async fn blocking_job() -> usize {
    let names = vec![String::from("ada"), String::from("grace")];
    task::spawn_blocking(|| names.len()).await.unwrap()
}

fn std_thread() -> usize {
    let names = vec![String::from("ada"), String::from("grace")];
    thread::spawn(|| names.len()).join().unwrap()
}

#[tokio::main(flavor = "local")]
async fn main() {
    let total = local_task().await + blocking_job().await + std_thread();
    println!("{total}");
}
