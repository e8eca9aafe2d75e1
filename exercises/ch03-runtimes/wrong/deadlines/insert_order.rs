//! Wrong: hands out the due items in the order they were inserted, not earliest first.

use std::time::Instant;

pub struct Deadlines<T> {
    items: Vec<(Instant, u64, T)>,
    inserted: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    number: u64,
}

impl<T> Default for Deadlines<T> {
    fn default() -> Self {
        Deadlines {
            items: Vec::new(),
            inserted: 0,
        }
    }
}

impl<T> Deadlines<T> {
    pub fn insert(&mut self, deadline: Instant, item: T) -> Key {
        let number = self.inserted;
        self.inserted += 1;
        self.items.push((deadline, number, item));
        Key { number }
    }

    pub fn cancel(&mut self, key: Key) -> Option<T> {
        let at = self.items.iter().position(|(_, n, _)| *n == key.number)?;
        Some(self.items.remove(at).2)
    }

    pub fn next_deadline(&self) -> Option<Instant> {
        self.items.iter().map(|(deadline, _, _)| *deadline).min()
    }

    pub fn pop_due(&mut self, now: Instant) -> Vec<T> {
        let (due, waiting) = std::mem::take(&mut self.items)
            .into_iter()
            .partition(|(deadline, _, _)| *deadline <= now);
        self.items = waiting;
        due.into_iter().map(|(_, _, item)| item).collect()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
