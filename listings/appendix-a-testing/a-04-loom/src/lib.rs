//! Listing A-4: a counter shared by two threads, checked by loom in every
//! interleaving. A load followed by a store loses an update in one of
//! them; `fetch_add` loses none.

// ANCHOR: counter
use loom::sync::atomic::{AtomicUsize, Ordering};

/// A hit counter. Under loom, `AtomicUsize` is loom's: each access is a
/// point where loom may switch to the other thread.
#[derive(Default)]
pub struct Hits(AtomicUsize);

impl Hits {
    /// Two steps: another thread can add between the load and the store,
    /// and the store then overwrites its hit.
    pub fn add_load_store(&self) {
        let now = self.0.load(Ordering::Acquire);
        self.0.store(now + 1, Ordering::Release);
    }

    /// One indivisible read-modify-write.
    pub fn add(&self) {
        self.0.fetch_add(1, Ordering::AcqRel);
    }

    pub fn get(&self) -> usize {
        self.0.load(Ordering::Acquire)
    }
}
// ANCHOR_END: counter

#[cfg(test)]
mod tests {
    use super::*;
    use loom::sync::Arc;
    use loom::thread;
    use std::sync::atomic::AtomicUsize as StdCount;

    // ANCHOR: model
    /// Two threads each add one hit; runs the body once per interleaving
    /// loom finds, and returns how many that was.
    fn two_threads_add(add: fn(&Hits)) -> usize {
        // A std atomic, outside the model, counts loom's runs.
        let runs = std::sync::Arc::new(StdCount::new(0));
        let counted = runs.clone();
        loom::model(move || {
            counted.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let hits = Arc::new(Hits::default());
            let other = hits.clone();
            let thread = thread::spawn(move || add(&other));
            add(&hits);
            thread.join().unwrap();
            assert_eq!(hits.get(), 2, "a hit was lost");
        });
        runs.load(std::sync::atomic::Ordering::Relaxed)
    }

    #[test]
    #[should_panic(expected = "a hit was lost")]
    fn load_then_store_loses_a_hit_in_some_interleaving() {
        two_threads_add(Hits::add_load_store);
    }

    #[test]
    fn fetch_add_loses_none_in_any_interleaving() {
        let runs = two_threads_add(Hits::add);
        // Not one schedule but several: loom tried each order of the
        // two threads' accesses.
        assert!(runs > 1, "{runs} runs");
    }
    // ANCHOR_END: model
}
