//! Wrong: no queue. Each `get` takes whatever item is free, and yields and
//! tries again if there is none, so a newcomer can take an item before the
//! tasks that have waited longer.
use std::ops::{Deref, DerefMut};
use std::sync::Mutex;

pub struct Pool<T> {
    items: Mutex<Vec<T>>,
}

pub struct Pooled<'a, T> {
    item: Option<T>,
    pool: &'a Pool<T>,
}

impl<T> Pool<T> {
    pub fn new(items: Vec<T>) -> Self {
        Pool {
            items: Mutex::new(items),
        }
    }

    pub async fn get(&self) -> Pooled<'_, T> {
        loop {
            if let Some(item) = self.items.lock().unwrap().pop() {
                return Pooled {
                    item: Some(item),
                    pool: self,
                };
            }
            tokio::time::sleep(std::time::Duration::from_millis(1)).await;
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
