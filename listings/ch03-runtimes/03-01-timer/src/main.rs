//! Chapter 1's executor, with a timer: a thread that keeps deadlines in
//! order, sleeps until the next one, and wakes the task that set it. That
//! thread plays the part a runtime's reactor plays for sockets: it turns an
//! event outside the program's tasks (time passing) into a wake.

use listing_01_06_executor::Executor;
use std::cell::Cell;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::{Arc, Condvar, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::{Duration, Instant};

// ANCHOR: timer
/// A deadline and the waker to wake at it. Ordered by deadline (then by the
/// order they were added), so the heap's smallest entry is the next due.
struct Entry {
    deadline: Instant,
    order: u64,
    waker: Waker,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        (self.deadline, self.order) == (other.deadline, other.order)
    }
}
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Entry {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.deadline, self.order).cmp(&(other.deadline, other.order))
    }
}

/// What the timer thread watches: the deadlines, in a min-heap.
#[derive(Default)]
struct TimerState {
    heap: BinaryHeap<Reverse<Entry>>,
    added: u64,
    shut_down: bool,
}

/// The timer: a thread and the deadlines it watches.
#[derive(Clone)]
pub struct Timer {
    shared: Arc<(Mutex<TimerState>, Condvar)>,
}

impl Timer {
    /// Starts the timer thread.
    pub fn start() -> Timer {
        let timer = Timer {
            shared: Arc::default(),
        };
        let shared = Arc::clone(&timer.shared);
        thread::spawn(move || run_timer(&shared));
        timer
    }

    /// Asks for `waker` to be woken at `deadline`.
    fn wake_at(&self, deadline: Instant, waker: Waker) {
        let (deadlines, changed) = &*self.shared;
        let mut deadlines = deadlines.lock().unwrap();
        let order = deadlines.added;
        deadlines.added += 1;
        deadlines.heap.push(Reverse(Entry {
            deadline,
            order,
            waker,
        }));
        // The new deadline may be sooner than the one the thread sleeps until.
        changed.notify_one();
    }

    /// Stops the timer thread (pending deadlines are never woken).
    pub fn shut_down(&self) {
        let (deadlines, changed) = &*self.shared;
        deadlines.lock().unwrap().shut_down = true;
        changed.notify_one();
    }

    /// A future that is ready `duration` from now.
    pub fn sleep(&self, duration: Duration) -> Sleep {
        Sleep {
            timer: self.clone(),
            deadline: Instant::now() + duration,
        }
    }
}

/// The timer thread: wake whatever is due, then sleep until the next
/// deadline, or until a new deadline or a shutdown changes the picture.
fn run_timer(shared: &(Mutex<TimerState>, Condvar)) {
    let (deadlines, changed) = shared;
    let mut deadlines = deadlines.lock().unwrap();
    while !deadlines.shut_down {
        let now = Instant::now();
        while let Some(Reverse(next)) = deadlines.heap.peek() {
            if next.deadline > now {
                break;
            }
            let Reverse(due) = deadlines.heap.pop().expect("peeked");
            due.waker.wake();
        }
        deadlines = match deadlines.heap.peek() {
            Some(Reverse(next)) => {
                let wait = next.deadline.saturating_duration_since(now);
                changed.wait_timeout(deadlines, wait).unwrap().0
            }
            None => changed.wait(deadlines).unwrap(),
        };
    }
}

/// The future `Timer::sleep` returns.
pub struct Sleep {
    timer: Timer,
    deadline: Instant,
}

impl Future for Sleep {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if Instant::now() >= self.deadline {
            return Poll::Ready(());
        }
        // Not yet: leave the waker with the timer. (A real timer would
        // replace this task's earlier entry instead of adding another.)
        self.timer.wake_at(self.deadline, cx.waker().clone());
        Poll::Pending
    }
}
// ANCHOR_END: timer

// ANCHOR: main
fn main() {
    let timer = Timer::start();
    let mut executor = Executor::default();
    let finished = Rc::new(Cell::new(0));
    let start = Instant::now();

    for (dish, millis) in [("tea", 300), ("toast", 100), ("eggs", 200)] {
        let timer = timer.clone();
        let finished = Rc::clone(&finished);
        executor.spawn(async move {
            timer.sleep(Duration::from_millis(millis)).await;
            finished.set(finished.get() + 1);
            println!("{} ready: {dish} ({millis} ms)", finished.get());
        });
    }
    println!("started 3 tasks");

    executor.run();
    timer.shut_down();
    println!(
        "all done; at least 300 ms passed: {}",
        start.elapsed() >= Duration::from_millis(300)
    );
    println!(
        "polls: {} (each task once to start, once when its timer fired)",
        executor.polls
    );
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    /// Each task computes its deadline when first polled and compares the
    /// time to it at once, and the tasks' first polls follow each other
    /// within microseconds. With deadlines 100 ms apart, the shortest 50 ms,
    /// only a stall of 50 ms between two adjacent lines (a task ready at its
    /// first poll, so fewer polls) or of 100 ms between two first polls
    /// (deadlines in another order) could change the outcome.
    #[test]
    fn tasks_finish_in_deadline_order_and_are_polled_only_when_woken() {
        let timer = Timer::start();
        let mut executor = Executor::default();
        let order = Rc::new(std::cell::RefCell::new(Vec::new()));
        for millis in [250, 50, 150, 350] {
            let (timer, order) = (timer.clone(), Rc::clone(&order));
            executor.spawn(async move {
                timer.sleep(Duration::from_millis(millis)).await;
                order.borrow_mut().push(millis);
            });
        }
        let start = Instant::now();
        executor.run();
        timer.shut_down();
        assert_eq!(*order.borrow(), [50, 150, 250, 350]);
        assert!(start.elapsed() >= Duration::from_millis(350));
        // A spinning executor would have polled thousands of times.
        assert_eq!(executor.polls, 8);
    }

    #[test]
    fn a_deadline_already_past_is_ready_at_once() {
        let timer = Timer::start();
        let mut executor = Executor::default();
        let sleep = timer.sleep(Duration::ZERO);
        executor.spawn(sleep);
        executor.run();
        timer.shut_down();
        assert_eq!(executor.polls, 1);
    }
}
