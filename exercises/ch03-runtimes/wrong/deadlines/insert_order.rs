//! Wrong: hands out the due items in the order they were inserted, not earliest first.

use std::time::Instant;

pub struct Deadlines<T> {
    items: Vec<(Instant, T)>,
}

impl<T> Default for Deadlines<T> {
    fn default() -> Self {
        Deadlines { items: Vec::new() }
    }
}

impl<T> Deadlines<T> {
    pub fn insert(&mut self, deadline: Instant, item: T) {
        self.items.push((deadline, item));
    }

    pub fn next_deadline(&self) -> Option<Instant> {
        self.items.iter().map(|(deadline, _)| *deadline).min()
    }

    pub fn pop_due(&mut self, now: Instant) -> Vec<T> {
        let (due, waiting) = std::mem::take(&mut self.items)
            .into_iter()
            .partition(|(deadline, _)| *deadline <= now);
        self.items = waiting;
        due.into_iter().map(|(_, item)| item).collect()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
