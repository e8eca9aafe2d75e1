//! Wrong: calls `fetch` for every caller; a thousand requests for one key make a thousand backend calls.

use std::future::Future;

pub struct Coalesce;

impl Coalesce {
    pub fn new() -> Coalesce {
        Coalesce
    }

    pub async fn get<F>(&self, _key: u64, fetch: impl FnOnce() -> F) -> String
    where
        F: Future<Output = String> + Send + 'static,
    {
        fetch().await
    }
}

impl Default for Coalesce {
    fn default() -> Coalesce {
        Coalesce::new()
    }
}
