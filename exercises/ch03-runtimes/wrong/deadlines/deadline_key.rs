//! Wrong: a map keyed by the deadline alone, so an item inserted with the same deadline as another replaces it.

use std::collections::BTreeMap;
use std::time::Instant;

pub struct Deadlines<T> {
    items: BTreeMap<Instant, T>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    deadline: Instant,
}

impl<T> Default for Deadlines<T> {
    fn default() -> Self {
        Deadlines {
            items: BTreeMap::new(),
        }
    }
}

impl<T> Deadlines<T> {
    pub fn insert(&mut self, deadline: Instant, item: T) -> Key {
        self.items.insert(deadline, item);
        Key { deadline }
    }

    pub fn cancel(&mut self, key: Key) -> Option<T> {
        self.items.remove(&key.deadline)
    }

    pub fn next_deadline(&self) -> Option<Instant> {
        self.items.first_key_value().map(|(&deadline, _)| deadline)
    }

    pub fn pop_due(&mut self, now: Instant) -> Vec<T> {
        let mut due = Vec::new();
        while let Some(first) = self.items.first_entry() {
            if *first.key() > now {
                break;
            }
            due.push(first.remove());
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
