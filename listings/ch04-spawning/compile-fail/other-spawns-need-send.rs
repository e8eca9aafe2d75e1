use std::rc::Rc;
use std::thread;
use tokio::task;

/// A job for another thread: count the names it was given.
fn count(names: Rc<Vec<&'static str>>) -> impl FnOnce() -> usize {
    move || names.len()
}

#[tokio::main(flavor = "local")]
async fn main() {
    let names = Rc::new(vec!["ada", "grace"]);
    // Both run the job on another thread, so it must be Send.
    let blocking = task::spawn_blocking(count(Rc::clone(&names)));
    let thread = thread::spawn(count(Rc::clone(&names)));
    println!("{:?} {:?}", blocking.await, thread.join());
}
