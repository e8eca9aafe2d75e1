//! A small executor from chapter 1: a queue of woken tasks, run on the
//! current thread, with a mailbox for tasks to talk through. Chapter 3
//! builds a timer on top of it (listings/ch03-runtimes/03-01-timer).

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::{Future, poll_fn};
use std::pin::Pin;
use std::rc::Rc;
use std::sync::{Arc, Condvar, Mutex};
use std::task::{Context, Poll, Wake, Waker};

// ANCHOR: executor
/// The ids of tasks that have been woken and wait to be polled.
#[derive(Default)]
pub struct ReadyQueue {
    ids: Mutex<VecDeque<usize>>,
    woken: Condvar,
}

/// A task's waker: waking it puts the task's id back on the queue.
struct TaskWaker {
    id: usize,
    queue: Arc<ReadyQueue>,
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.queue.ids.lock().unwrap().push_back(self.id);
        self.queue.woken.notify_one();
    }
}

/// Runs many tasks on the current thread, polling each when it is woken.
#[derive(Default)]
pub struct Executor {
    /// Task `id` is `tasks[id]`; `None` once it has finished.
    tasks: Vec<Option<Pin<Box<dyn Future<Output = ()>>>>>,
    queue: Arc<ReadyQueue>,
    pub polls: usize,
}

impl Executor {
    pub fn spawn(&mut self, task: impl Future<Output = ()> + 'static) {
        let id = self.tasks.len();
        self.tasks.push(Some(Box::pin(task)));
        // A new task is ready to make its first step.
        self.queue.ids.lock().unwrap().push_back(id);
    }

    /// Polls woken tasks until every task has finished.
    pub fn run(&mut self) {
        while self.tasks.iter().any(Option::is_some) {
            let id = self.next_woken();
            // A task may be woken again after it finished; skip it then.
            let Some(task) = self.tasks[id].as_mut() else {
                continue;
            };
            let waker = Waker::from(Arc::new(TaskWaker {
                id,
                queue: Arc::clone(&self.queue),
            }));
            self.polls += 1;
            if task
                .as_mut()
                .poll(&mut Context::from_waker(&waker))
                .is_ready()
            {
                self.tasks[id] = None;
            }
        }
    }

    /// The next woken task, sleeping until a waker (maybe on another
    /// thread) queues one. If nothing ever does, this waits forever: every
    /// task is waiting for another, which is a deadlock.
    fn next_woken(&self) -> usize {
        let mut ids = self.queue.ids.lock().unwrap();
        loop {
            if let Some(id) = ids.pop_front() {
                return id;
            }
            ids = self.queue.woken.wait(ids).unwrap();
        }
    }
}
// ANCHOR_END: executor

// ANCHOR: mailbox
/// A channel between tasks on one thread: the sender pushes, the receiver
/// waits. Holds the receiver's waker while it waits.
#[derive(Default)]
struct Mailbox<T> {
    letters: VecDeque<T>,
    receiver: Option<Waker>,
    closed: bool,
}

pub struct Sender<T>(Rc<RefCell<Mailbox<T>>>);
pub struct Receiver<T>(Rc<RefCell<Mailbox<T>>>);

pub fn mailbox<T>() -> (Sender<T>, Receiver<T>) {
    let shared = Rc::new(RefCell::new(Mailbox {
        letters: VecDeque::new(),
        receiver: None,
        closed: false,
    }));
    (Sender(Rc::clone(&shared)), Receiver(shared))
}

impl<T> Sender<T> {
    pub fn send(&self, letter: T) {
        let receiver = {
            let mut mailbox = self.0.borrow_mut();
            mailbox.letters.push_back(letter);
            mailbox.receiver.take()
        }; // The borrow ends here, so the waker may use the mailbox.
        if let Some(waker) = receiver {
            waker.wake();
        }
    }
}

impl<T> Drop for Sender<T> {
    /// No more letters will come: wake the receiver so it can see that.
    fn drop(&mut self) {
        let receiver = {
            let mut mailbox = self.0.borrow_mut();
            mailbox.closed = true;
            mailbox.receiver.take()
        };
        if let Some(waker) = receiver {
            waker.wake();
        }
    }
}

impl<T> Receiver<T> {
    /// The next letter, or `None` once the sender is gone and all are read.
    pub async fn recv(&self) -> Option<T> {
        poll_fn(|cx| {
            let mut mailbox = self.0.borrow_mut();
            if let Some(letter) = mailbox.letters.pop_front() {
                Poll::Ready(Some(letter))
            } else if mailbox.closed {
                Poll::Ready(None)
            } else {
                mailbox.receiver = Some(cx.waker().clone());
                Poll::Pending
            }
        })
        .await
    }
}

/// Gives other tasks a turn: Pending once, after asking to be polled again.
pub async fn yield_now() {
    let mut yielded = false;
    poll_fn(|cx| {
        if yielded {
            return Poll::Ready(());
        }
        yielded = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    })
    .await
}
// ANCHOR_END: mailbox

#[cfg(test)]
mod tests {
    use super::*;
    use std::pin::pin;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::thread;
    use std::time::Duration;

    #[test]
    fn a_task_woken_from_another_thread_is_polled_again() {
        let mut executor = Executor::default();
        let (tx, rx) = std::sync::mpsc::channel::<Waker>();
        let done = Rc::new(RefCell::new(false));
        let flag = Rc::clone(&done);
        executor.spawn(async move {
            // Pending once, handing our waker to a thread that wakes it.
            let mut sent = false;
            poll_fn(|cx| {
                if sent {
                    return Poll::Ready(());
                }
                sent = true;
                tx.send(cx.waker().clone()).unwrap();
                Poll::Pending
            })
            .await;
            *flag.borrow_mut() = true;
        });
        let waker_thread = thread::spawn(move || rx.recv().unwrap().wake());
        executor.run();
        waker_thread.join().unwrap();
        assert!(*done.borrow());
        assert_eq!(executor.polls, 2);
    }

    /// Counts its polls. At the first it wakes its task twice; it is ready
    /// at the third.
    struct WokenTwice(Arc<AtomicUsize>);

    impl Future for WokenTwice {
        type Output = ();

        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            let polls = self.0.fetch_add(1, Ordering::SeqCst) + 1;
            if polls == 1 {
                cx.waker().wake_by_ref();
                cx.waker().wake_by_ref();
            }
            if polls == 3 {
                Poll::Ready(())
            } else {
                Poll::Pending
            }
        }
    }

    #[test]
    fn two_wakes_give_two_more_polls() {
        let mut executor = Executor::default();
        let polls = Arc::new(AtomicUsize::new(0));
        executor.spawn(WokenTwice(Arc::clone(&polls)));
        executor.run();
        assert_eq!(polls.load(Ordering::SeqCst), 3);
        assert_eq!(executor.polls, 3);
    }

    /// tokio keeps a NOTIFIED bit per task: a wake sets it and queues the
    /// task only if it was clear, so wakes before the next poll merge.
    #[tokio::test(start_paused = true)]
    async fn tokio_merges_wakes_that_come_before_the_next_poll() {
        let polls = Arc::new(AtomicUsize::new(0));
        let task = tokio::spawn(WokenTwice(Arc::clone(&polls)));
        // The task never finishes, so it cannot be joined. This sleep waits
        // for it all the same, exactly: on a current-thread runtime with
        // the clock paused, time moves (and the sleep ends) only once no
        // task can run, that is, once the task has had every poll it will.
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert_eq!(polls.load(Ordering::SeqCst), 2, "one poll for two wakes");
        task.abort();
    }

    /// Pending once, after saving its waker and waking itself; at its second
    /// poll, notes whether the new waker `will_wake` the same task as the
    /// saved one, and is ready.
    struct ComparesWakers {
        first: Option<Waker>,
        same: Arc<Mutex<Option<bool>>>,
    }

    impl Future for ComparesWakers {
        type Output = ();

        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            match &self.first {
                None => {
                    self.first = Some(cx.waker().clone());
                    cx.waker().wake_by_ref();
                    Poll::Pending
                }
                Some(first) => {
                    *self.same.lock().unwrap() = Some(first.will_wake(cx.waker()));
                    Poll::Ready(())
                }
            }
        }
    }

    #[tokio::test]
    async fn will_wake_may_say_no_when_it_cannot_tell() {
        // Our executor makes a new waker for every poll: `will_wake` cannot
        // see that two of them wake the same task.
        let mut executor = Executor::default();
        let same = Arc::new(Mutex::new(None));
        executor.spawn(ComparesWakers {
            first: None,
            same: Arc::clone(&same),
        });
        executor.run();
        assert_eq!(*same.lock().unwrap(), Some(false));
        // tokio polls a task with the same waker every time.
        let same = Arc::new(Mutex::new(None));
        tokio::spawn(ComparesWakers {
            first: None,
            same: Arc::clone(&same),
        })
        .await
        .unwrap();
        assert_eq!(*same.lock().unwrap(), Some(true));
    }

    thread_local! {
        /// What an `OnWake` waker does when it is woken on this thread.
        static ON_WAKE: RefCell<Option<Box<dyn FnMut()>>> = RefCell::new(None);
    }

    /// A waker that runs this thread's `ON_WAKE` code on the spot, as a
    /// waker may: it is a call into code the future does not control.
    struct OnWake;

    impl Wake for OnWake {
        fn wake(self: Arc<Self>) {
            ON_WAKE.with_borrow_mut(|code| code.as_mut().map(|code| code()));
        }
    }

    #[test]
    fn a_waker_may_poll_the_receiver_on_the_spot() {
        let (tx, rx) = mailbox::<u32>();
        let on_wake = Waker::from(Arc::new(OnWake));
        let first = pin!(rx.recv()).poll(&mut Context::from_waker(&on_wake));
        assert!(first.is_pending(), "the mailbox holds our waker now");
        let seen = Rc::new(RefCell::new(Vec::new()));
        let log = Rc::clone(&seen);
        // When woken, poll the receiver right away, until it is Pending or
        // closed. Were the mailbox still borrowed, `recv` would panic.
        ON_WAKE.set(Some(Box::new(move || {
            loop {
                let poll = pin!(rx.recv()).poll(&mut Context::from_waker(&on_wake));
                log.borrow_mut().push(poll);
                if !matches!(poll, Poll::Ready(Some(_))) {
                    break;
                }
            }
        })));
        tx.send(5);
        drop(tx);
        ON_WAKE.set(None);
        assert_eq!(
            *seen.borrow(),
            [Poll::Ready(Some(5)), Poll::Pending, Poll::Ready(None)]
        );
    }

    #[test]
    fn every_letter_arrives_in_order_then_none() {
        let mut executor = Executor::default();
        let (tx, rx) = mailbox();
        let received = Rc::new(RefCell::new(Vec::new()));
        let log = Rc::clone(&received);
        executor.spawn(async move {
            while let Some(n) = rx.recv().await {
                log.borrow_mut().push(n);
            }
        });
        executor.spawn(async move {
            for n in 0..100 {
                tx.send(n);
                if n % 7 == 0 {
                    yield_now().await;
                }
            }
        });
        executor.run();
        assert_eq!(*received.borrow(), (0..100).collect::<Vec<_>>());
    }
}
