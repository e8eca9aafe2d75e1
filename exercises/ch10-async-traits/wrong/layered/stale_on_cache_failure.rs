//! Wrong: if the cache refuses a new value after the backing store took
//! it, the cache keeps the old one, and `get` serves it.
use crate::Store;

pub struct Layered<C, B> {
    pub cache: C,
    pub backing: B,
}

impl<C: Store, B: Store> Store for Layered<C, B> {
    async fn get(&self, key: &str) -> Result<Option<String>, String> {
        if let Some(hit) = self.cache.get(key).await? {
            return Ok(Some(hit));
        }
        let found = self.backing.get(key).await?;
        if let Some(value) = &found {
            self.cache.put(key, value).await?;
        }
        Ok(found)
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
