//! Wrong: wakes one waiter with `notify_one` at zero; the others sleep on.
use std::pin::pin;
use std::sync::Mutex;
use tokio::sync::Notify;

pub struct Latch {
    count: Mutex<usize>,
    zero: Notify,
}

impl Latch {
    pub fn new(count: usize) -> Self {
        Latch {
            count: Mutex::new(count),
            zero: Notify::new(),
        }
    }

    pub fn count_down(&self) {
        let mut count = self.count.lock().unwrap();
        if *count > 0 {
            *count -= 1;
            if *count == 0 {
                self.zero.notify_one();
            }
        }
    }

    pub async fn wait(&self) {
        let mut zero = pin!(self.zero.notified());
        zero.as_mut().enable();
        if *self.count.lock().unwrap() == 0 {
            return;
        }
        zero.await;
    }
}
