//! Wrong: a miss is read from the backing store but not kept in the cache, so every read of it is slow.
use crate::Store;

/// A fast store (`cache`) in front of a slow one (`backing`), which is the
/// truth. `get` answers from the cache if it can, and otherwise reads the
/// backing store and keeps what it found in the cache. `put` and `delete`
/// change both, so that a later `get` never sees an old value; if the
/// backing store fails, the cache is left as it was and the error is
/// returned.
pub struct Layered<C, B> {
    pub cache: C,
    pub backing: B,
}

impl<C: Store, B: Store> Store for Layered<C, B> {
    async fn get(&self, key: &str) -> Result<Option<String>, String> {
        if let Some(hit) = self.cache.get(key).await? {
            return Ok(Some(hit));
        }
        self.backing.get(key).await
    }

    async fn put(&self, key: &str, value: &str) -> Result<(), String> {
        self.backing.put(key, value).await?;
        self.cache.put(key, value).await
    }

    async fn delete(&self, key: &str) -> Result<(), String> {
        self.backing.delete(key).await?;
        self.cache.delete(key).await
    }
}
