//! Exercise 1: a one-shot channel.
//!
//! Write `Sender::send`, the sender's `drop`, and the receiver's `poll`:
//! the `Receiver` is a future that resolves to `Ok(value)` once the value is
//! sent (from any thread), or to `Err(Canceled)` if the sender is dropped
//! without sending.
//!
//! The tests, in tests/oneshot.rs (`cargo test -p exercises-ch01-futures
//! --test oneshot`), check that:
//! - a value sent before the first poll is ready at once;
//! - sending wakes the waker of the receiver's latest poll, and only that;
//! - dropping the sender wakes a waiting receiver, which gets `Canceled`;
//! - the receiver is woken after the channel's lock is released;
//! - a value sent while `poll` stores its waker still wakes the receiver;
//! - a value gets from a thread to a tokio task.

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
    /// The receiver's waker, while it waits.
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
        todo!("exercise 1")
    }
}

impl<T> Drop for Sender<T> {
    fn drop(&mut self) {
        // Exercise 1. (Empty rather than `todo!()`: a panic in `drop` while
        // a test is already panicking would abort the tests.)
    }
}

impl<T> Future for Receiver<T> {
    type Output = Result<T, Canceled>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        todo!("exercise 1")
    }
}
