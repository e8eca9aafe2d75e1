use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use std::time::Instant;

/// Items waiting for their deadlines, as a timer keeps its wakers: the
/// timer asks when the next deadline is, sleeps until then, and takes out
/// everything that is due.
pub struct Deadlines<T> {
    // A min-heap by (deadline, insertion number): the number keeps items with
    // equal deadlines in the order they were inserted.
    heap: BinaryHeap<Reverse<Keyed<T>>>,
    inserted: u64,
}

/// An item with the key it is ordered by; the item itself is not compared.
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
        }
    }
}

impl<T> Deadlines<T> {
    /// Adds `item`, due at `deadline`.
    pub fn insert(&mut self, deadline: Instant, item: T) {
        let key = (deadline, self.inserted);
        self.inserted += 1;
        self.heap.push(Reverse(Keyed { key, item }));
    }

    /// The earliest deadline, if there are any items.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.heap.peek().map(|Reverse(next)| next.key.0)
    }

    /// Removes and returns every item due at or before `now`, earliest
    /// first; items with the same deadline come out in the order they went in.
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
