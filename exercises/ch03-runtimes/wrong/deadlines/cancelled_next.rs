//! Wrong: cancelled entries stay in the heap until popped (which is fine), but next_deadline reports the top entry even when it was cancelled.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::time::Instant;

pub struct Deadlines<T> {
    // The heap orders (deadline, number); the items live in the map, and a
    // cancelled item is only removed from the map.
    heap: BinaryHeap<Reverse<(Instant, u64)>>,
    items: HashMap<u64, T>,
    inserted: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    number: u64,
}

impl<T> Default for Deadlines<T> {
    fn default() -> Self {
        Deadlines {
            heap: BinaryHeap::new(),
            items: HashMap::new(),
            inserted: 0,
        }
    }
}

impl<T> Deadlines<T> {
    pub fn insert(&mut self, deadline: Instant, item: T) -> Key {
        let number = self.inserted;
        self.inserted += 1;
        self.heap.push(Reverse((deadline, number)));
        self.items.insert(number, item);
        Key { number }
    }

    pub fn cancel(&mut self, key: Key) -> Option<T> {
        self.items.remove(&key.number)
    }

    pub fn next_deadline(&self) -> Option<Instant> {
        self.heap.peek().map(|Reverse((deadline, _))| *deadline)
    }

    pub fn pop_due(&mut self, now: Instant) -> Vec<T> {
        let mut due = Vec::new();
        while let Some(&Reverse((deadline, number))) = self.heap.peek() {
            if deadline > now {
                break;
            }
            self.heap.pop();
            // Skips the cancelled ones.
            due.extend(self.items.remove(&number));
        }
        due
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
