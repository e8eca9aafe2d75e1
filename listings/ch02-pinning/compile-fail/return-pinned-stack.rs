use std::future::Future;
use std::pin::{Pin, pin};

fn ready_to_poll() -> Pin<&'static mut impl Future<Output = u32>> {
    let future = async { 7 };
    pin!(future)
}

fn main() {
    let _ = ready_to_poll();
}
