use std::collections::BTreeMap;
use std::time::Instant;

/// Items waiting for their deadlines, as a timer keeps its wakers: the
/// timer asks when the next deadline is, sleeps until then, and takes out
/// everything that is due. An item can also be cancelled before it is due,
/// as a timer's entry is when its `Sleep` is dropped.
pub struct Deadlines<T> {
    // Ordered by (deadline, insertion number). The number keeps items with
    // equal deadlines in the order they went in, and makes every key unique,
    // so that the key can name its item. Unlike a BinaryHeap, a BTreeMap can
    // remove an entry from the middle.
    items: BTreeMap<(Instant, u64), T>,
    inserted: u64,
}

/// Names one inserted item, so that it can be cancelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    deadline: Instant,
    number: u64,
}

impl<T> Default for Deadlines<T> {
    fn default() -> Self {
        Deadlines {
            items: BTreeMap::new(),
            inserted: 0,
        }
    }
}

impl<T> Deadlines<T> {
    /// Adds `item`, due at `deadline`, and returns the key that cancels it.
    pub fn insert(&mut self, deadline: Instant, item: T) -> Key {
        let number = self.inserted;
        self.inserted += 1;
        self.items.insert((deadline, number), item);
        Key { deadline, number }
    }

    /// Takes out the item `key` names, if it is still waiting: not handed
    /// out by `pop_due`, nor cancelled before.
    pub fn cancel(&mut self, key: Key) -> Option<T> {
        self.items.remove(&(key.deadline, key.number))
    }

    /// The earliest deadline of the items waiting, if there are any.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.items
            .first_key_value()
            .map(|(&(deadline, _), _)| deadline)
    }

    /// Removes and returns every item due at or before `now`, earliest
    /// first; items with the same deadline come out in the order they went in.
    pub fn pop_due(&mut self, now: Instant) -> Vec<T> {
        let mut due = Vec::new();
        while let Some(first) = self.items.first_entry() {
            if first.key().0 > now {
                break;
            }
            due.push(first.remove());
        }
        due
    }

    /// How many items are waiting.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
