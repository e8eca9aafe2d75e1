// The starter leaves fields and parameters unused; remove this line once
// you have written the exercise.
#![allow(unused)]

/// A countdown latch: created with a count, counted down by any task, and
/// awaited by any number of tasks, each of which resumes once the count
/// has reached zero (at once, if it already has). Counting down past zero
/// does nothing.
pub struct Latch {
    // Choose the fields.
}

impl Latch {
    pub fn new(count: usize) -> Self {
        todo!("exercise 1")
    }

    pub fn count_down(&self) {
        todo!("exercise 1")
    }

    pub async fn wait(&self) {
        todo!("exercise 1")
    }
}
