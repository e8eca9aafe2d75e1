// The starter leaves parameters unused; remove this line once you have
// written the exercise.
#![allow(unused)]

use std::collections::HashMap;

/// Counts the words (split on whitespace, lowercased) in all the texts.
/// Counting is CPU work: do it on tokio's blocking pool, never in more than
/// `workers` blocking jobs at once (and in that many, given at least that
/// many texts), and merge the counts. `workers` is at least 1.
pub async fn count_words(texts: Vec<String>, workers: usize) -> HashMap<String, usize> {
    todo!("exercise 2")
}
