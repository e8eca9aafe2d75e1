// The starter leaves fields and parameters unused; remove this line once
// you have written the exercise.
#![allow(unused)]

use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};

/// A pool of reusable items (connections, buffers). `get` waits until an
/// item is free and lends it out; dropping the `Pooled` it returns gives
/// the item back. Tasks waiting for an item are served in the order they
/// called `get`, and no more items are lent than the pool was given.
pub struct Pool<T> {
    // Choose the fields.
    todo: PhantomData<T>,
}

/// An item on loan from a pool.
pub struct Pooled<'a, T> {
    // Choose the fields.
    todo: PhantomData<&'a T>,
}

impl<T> Pool<T> {
    pub fn new(items: Vec<T>) -> Self {
        todo!("exercise 2")
    }

    pub async fn get(&self) -> Pooled<'_, T> {
        todo!("exercise 2")
    }
}

impl<T> Deref for Pooled<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        todo!("exercise 2")
    }
}

impl<T> DerefMut for Pooled<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        todo!("exercise 2")
    }
}
