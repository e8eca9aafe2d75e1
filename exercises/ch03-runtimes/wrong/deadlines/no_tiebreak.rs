//! Wrong: a min-heap keyed by the deadline alone, so equal deadlines come out in whatever order the heap leaves them.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use std::time::Instant;

pub struct Deadlines<T> {
    heap: BinaryHeap<Reverse<Keyed<T>>>,
}

struct Keyed<T> {
    deadline: Instant,
    item: T,
}

impl<T> PartialEq for Keyed<T> {
    fn eq(&self, other: &Self) -> bool {
        self.deadline == other.deadline
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
        self.deadline.cmp(&other.deadline)
    }
}

impl<T> Default for Deadlines<T> {
    fn default() -> Self {
        Deadlines {
            heap: BinaryHeap::new(),
        }
    }
}

impl<T> Deadlines<T> {
    pub fn insert(&mut self, deadline: Instant, item: T) {
        self.heap.push(Reverse(Keyed { deadline, item }));
    }

    pub fn next_deadline(&self) -> Option<Instant> {
        self.heap.peek().map(|Reverse(next)| next.deadline)
    }

    pub fn pop_due(&mut self, now: Instant) -> Vec<T> {
        let mut due = Vec::new();
        while self.next_deadline().is_some_and(|next| next <= now) {
            let Reverse(entry) = self.heap.pop().expect("peeked");
            due.push(entry.item);
        }
        due
    }

    pub fn len(&self) -> usize {
        self.heap.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
