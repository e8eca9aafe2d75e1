// The starter leaves parameters unused; remove this line once you have
// written the exercise.
#![allow(unused)]

use crate::Store;

/// A fast store (`cache`) in front of a slow one (`backing`), which is the
/// truth. `get` answers from the cache if it can, and otherwise reads the
/// backing store and keeps what it found in the cache. `put` and `delete`
/// change both, so that a later `get` never sees an old value; if the
/// backing store fails, the cache is left as it was and the error is
/// returned. If the cache refuses a new value that the backing store
/// took, the key is removed from the cache (so that the next `get` reads
/// the backing store) and the cache's error is returned.
pub struct Layered<C, B> {
    pub cache: C,
    pub backing: B,
}

impl<C: Store, B: Store> Store for Layered<C, B> {
    async fn get(&self, key: &str) -> Result<Option<String>, String> {
        todo!("exercise 2")
    }

    async fn put(&self, key: &str, value: &str) -> Result<(), String> {
        todo!("exercise 2")
    }

    async fn delete(&self, key: &str) -> Result<(), String> {
        todo!("exercise 2")
    }
}
