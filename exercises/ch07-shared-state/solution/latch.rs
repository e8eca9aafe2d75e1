use std::pin::pin;
use std::sync::Mutex;
use tokio::sync::Notify;

/// A countdown latch: created with a count, counted down by any task, and
/// awaited by any number of tasks, each of which resumes once the count
/// has reached zero (at once, if it already has). Counting down past zero
/// does nothing.
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
                // Every waiter registered now; later ones see the zero.
                self.zero.notify_waiters();
            }
        }
    }

    pub async fn wait(&self) {
        let mut zero = pin!(self.zero.notified());
        zero.as_mut().enable(); // registered before the count is read
        if *self.count.lock().unwrap() == 0 {
            return;
        }
        zero.await;
    }
}
