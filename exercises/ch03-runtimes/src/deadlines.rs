// The starter leaves fields and parameters unused; remove this line once
// you have written the exercise.
#![allow(unused)]

use std::time::Instant;

/// Items waiting for their deadlines, as a timer keeps its wakers: the
/// timer asks when the next deadline is, sleeps until then, and takes out
/// everything that is due. An item can also be cancelled before it is due,
/// as a timer's entry is when its `Sleep` is dropped.
pub struct Deadlines<T> {
    // Change the fields as you need.
    items: Vec<(Instant, T)>,
}

/// Names one inserted item, so that it can be cancelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    // Change the fields as you need.
    number: u64,
}

impl<T> Default for Deadlines<T> {
    fn default() -> Self {
        Deadlines { items: Vec::new() }
    }
}

impl<T> Deadlines<T> {
    /// Adds `item`, due at `deadline`, and returns the key that cancels it.
    pub fn insert(&mut self, deadline: Instant, item: T) -> Key {
        todo!("exercise 1")
    }

    /// Takes out the item `key` names, if it is still waiting: not handed
    /// out by `pop_due`, nor cancelled before.
    pub fn cancel(&mut self, key: Key) -> Option<T> {
        todo!("exercise 1")
    }

    /// The earliest deadline of the items waiting, if there are any.
    pub fn next_deadline(&self) -> Option<Instant> {
        todo!("exercise 1")
    }

    /// Removes and returns every item due at or before `now`, earliest
    /// first; items with the same deadline come out in the order they went in.
    pub fn pop_due(&mut self, now: Instant) -> Vec<T> {
        todo!("exercise 1")
    }

    /// How many items are waiting.
    pub fn len(&self) -> usize {
        todo!("exercise 1")
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
