// The starter leaves fields and parameters unused; remove this line once
// you have written the exercise.
#![allow(unused)]

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
        todo!("exercise 1: store the value (and see `drop`)")
    }
}

impl<T> Drop for Sender<T> {
    /// Runs when the sender goes away: at the end of `send`, or instead of it.
    fn drop(&mut self) {
        // Exercise 1: make sure a receiver that is waiting finds out that
        // nothing more will come. (Empty for now rather than `todo!()`: a
        // panic in `drop` while a test is already panicking aborts the tests.)
    }
}

impl<T> Future for Receiver<T> {
    type Output = Result<T, Canceled>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        todo!("exercise 1: the value, or Canceled, or wait for one of them")
    }
}
