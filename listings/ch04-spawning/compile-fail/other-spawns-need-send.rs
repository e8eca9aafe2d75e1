use std::rc::Rc;
use std::thread;
use tokio::task;

#[tokio::main(flavor = "local")]
async fn main() {
    let names = Rc::new(vec!["ada", "grace"]);
    // Both run the closure on another thread, so it must be Send.
    let shared = Rc::clone(&names);
    let blocking = task::spawn_blocking(move || shared.len());
    let shared = Rc::clone(&names);
    let thread = thread::spawn(move || shared.len());
    println!("{:?} {:?}", blocking.await, thread.join());
}
