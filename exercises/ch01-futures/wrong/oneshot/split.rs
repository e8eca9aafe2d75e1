//! Wrong: checks for a value under one lock and stores the waker under another, so a
//! value sent in between finds no waker to wake, and the receiver waits forever.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

/// What the receiver gets if the sender is dropped without sending.
#[derive(Debug, PartialEq, Eq)]
pub struct Canceled;

/// A channel for one value, from a `Sender` (on any thread) to a `Receiver`,
/// which is a future.
pub fn oneshot<T>() -> (Sender<T>, Receiver<T>) {
    let shared = Arc::new(Mutex::new(State {
        value: None,
        sender_gone: false,
        waker: None,
    }));
    let sender = Sender {
        shared: Arc::clone(&shared),
    };
    (sender, Receiver { shared })
}

struct State<T> {
    value: Option<T>,
    /// The sender has sent, or was dropped: nothing more will come.
    sender_gone: bool,
    /// The waker of the receiver's latest `Pending` poll.
    waker: Option<Waker>,
}

pub struct Sender<T> {
    shared: Arc<Mutex<State<T>>>,
}

pub struct Receiver<T> {
    shared: Arc<Mutex<State<T>>>,
}

impl<T> Sender<T> {
    /// Sends the value, waking the receiver if it is waiting.
    pub fn send(self, value: T) {
        self.shared.lock().unwrap().value = Some(value);
        // `self` is dropped here, after the lock is released, and `drop`
        // does the waking: one place wakes, whether or not a value was sent.
    }
}

impl<T> Drop for Sender<T> {
    /// Runs when the sender goes away: at the end of `send`, or instead of it.
    fn drop(&mut self) {
        let waker = {
            let mut state = self.shared.lock().unwrap();
            state.sender_gone = true;
            state.waker.take()
        }; // Wake with the lock released: the waker may run any code.
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

impl<T> Future for Receiver<T> {
    type Output = Result<T, Canceled>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        {
            let mut state = self.shared.lock().unwrap();
            if let Some(value) = state.value.take() {
                return Poll::Ready(Ok(value));
            }
            if state.sender_gone {
                return Poll::Ready(Err(Canceled));
            }
        } // The mistake: the lock is released here, between check and store.
        let waker = cx.waker().clone();
        self.shared.lock().unwrap().waker = Some(waker);
        Poll::Pending
    }
}
