use tokio::runtime::LocalRuntime;

/// Runs a future on `runtime`, from whichever thread calls it.
fn driver(runtime: LocalRuntime) -> impl FnOnce() -> u32 {
    move || runtime.block_on(async_answer())
}

async fn async_answer() -> u32 {
    42
}

fn main() {
    let runtime = LocalRuntime::new().unwrap();
    // A LocalRuntime may not move to another thread.
    let other = std::thread::spawn(driver(runtime));
    println!("{}", other.join().unwrap());
}
