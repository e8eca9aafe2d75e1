//! Wrong: forgets each permit and never adds it back, so once every item
//! has been lent once, `get` waits for ever.
use std::ops::{Deref, DerefMut};
use std::sync::Mutex;
use tokio::sync::Semaphore;

/// A pool of reusable items (connections, buffers). `get` waits until an
/// item is free and lends it out; dropping the `Pooled` it returns gives
/// the item back. Tasks waiting for an item are served in the order they
/// called `get`, and no more items are lent than the pool was given.
pub struct Pool<T> {
    items: Mutex<Vec<T>>,
    free: Semaphore, // one permit per item in `items`
}

/// An item on loan from a pool.
pub struct Pooled<'a, T> {
    item: Option<T>, // `None` only once it has gone back
    pool: &'a Pool<T>,
}

impl<T> Pool<T> {
    pub fn new(items: Vec<T>) -> Self {
        let free = Semaphore::new(items.len());
        Pool {
            items: Mutex::new(items),
            free,
        }
    }

    pub async fn get(&self) -> Pooled<'_, T> {
        // Forgotten, so the loan need not hold it; but nothing gives it back.
        self.free.acquire().await.expect("never closed").forget();
        let item = self.items.lock().unwrap().pop();
        let item = item.expect("a permit means an item");
        Pooled {
            item: Some(item),
            pool: self,
        }
    }
}

impl<T> Drop for Pooled<'_, T> {
    fn drop(&mut self) {
        if let Some(item) = self.item.take() {
            self.pool.items.lock().unwrap().push(item);
        }
    }
}

impl<T> Deref for Pooled<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.item.as_ref().expect("on loan")
    }
}

impl<T> DerefMut for Pooled<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        self.item.as_mut().expect("on loan")
    }
}
