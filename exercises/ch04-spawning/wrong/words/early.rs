//! Wrong: takes a semaphore permit per job, but drops it as soon as the job is spawned, not when the job ends: no bound at all.
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::Semaphore;

/// Counts the words (split on whitespace, lowercased) in all the texts.
/// Counting is CPU work: do it on tokio's blocking pool, never in more than
/// `workers` blocking jobs at once (and in that many, given at least that
/// many texts), and merge the counts. `workers` is at least 1.
pub async fn count_words(texts: Vec<String>, workers: usize) -> HashMap<String, usize> {
    let permits = Arc::new(Semaphore::new(workers));
    let mut jobs = Vec::new();
    for text in texts {
        let _permit = permits.acquire().await.unwrap();
        jobs.push(tokio::task::spawn_blocking(move || count(&text)));
        // `_permit` is dropped here, while the job may still be running.
    }
    let mut total = HashMap::new();
    for job in jobs {
        for (word, n) in job.await.expect("counting does not panic") {
            *total.entry(word).or_insert(0) += n;
        }
    }
    total
}

fn count(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for word in text.split_whitespace() {
        *counts.entry(word.to_lowercase()).or_insert(0) += 1;
    }
    counts
}
