//! Wrong: a key is the item's position in a Vec, and cancelling removes the item from the Vec, so every later item moves and its key names another.

use std::time::Instant;

pub struct Deadlines<T> {
    // In insertion order, with the insertion number to keep ties in order.
    items: Vec<(Instant, u64, T)>,
    inserted: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    position: usize,
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
        Key {
            position: self.items.len() - 1,
        }
    }

    pub fn cancel(&mut self, key: Key) -> Option<T> {
        if key.position < self.items.len() {
            Some(self.items.remove(key.position).2)
        } else {
            None
        }
    }

    pub fn next_deadline(&self) -> Option<Instant> {
        self.items.iter().map(|(deadline, _, _)| *deadline).min()
    }

    pub fn pop_due(&mut self, now: Instant) -> Vec<T> {
        let (mut due, waiting): (Vec<_>, Vec<_>) = std::mem::take(&mut self.items)
            .into_iter()
            .partition(|(deadline, _, _)| *deadline <= now);
        self.items = waiting;
        due.sort_by_key(|(deadline, number, _)| (*deadline, *number));
        due.into_iter().map(|(_, _, item)| item).collect()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
