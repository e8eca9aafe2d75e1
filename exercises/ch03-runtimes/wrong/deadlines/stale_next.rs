//! Wrong: remembers the first deadline it was given and does not move it when an earlier one is inserted, like a timer that does not re-arm.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use std::time::Instant;

pub struct Deadlines<T> {
    heap: BinaryHeap<Reverse<Keyed<T>>>,
    inserted: u64,
    // When the timer will next look: set when the queue was empty, and after
    // each pop_due.
    next: Option<Instant>,
}

struct Keyed<T> {
    key: (Instant, u64),
    item: T,
}

impl<T> PartialEq for Keyed<T> {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl<T> Eq for Keyed<T> {}

impl<T> PartialOrd for Keyed<T> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<T> Ord for Keyed<T> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key.cmp(&other.key)
    }
}

impl<T> Default for Deadlines<T> {
    fn default() -> Self {
        Deadlines {
            heap: BinaryHeap::new(),
            inserted: 0,
            next: None,
        }
    }
}

impl<T> Deadlines<T> {
    pub fn insert(&mut self, deadline: Instant, item: T) {
        let key = (deadline, self.inserted);
        self.inserted += 1;
        self.heap.push(Reverse(Keyed { key, item }));
        if self.next.is_none() {
            self.next = Some(deadline);
        }
    }

    pub fn next_deadline(&self) -> Option<Instant> {
        self.next
    }

    pub fn pop_due(&mut self, now: Instant) -> Vec<T> {
        let mut due = Vec::new();
        while let Some(Reverse(next)) = self.heap.peek() {
            if next.key.0 > now {
                break;
            }
            let Reverse(entry) = self.heap.pop().expect("peeked");
            due.push(entry.item);
        }
        self.next = self.heap.peek().map(|Reverse(next)| next.key.0);
        due
    }

    pub fn len(&self) -> usize {
        self.heap.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
