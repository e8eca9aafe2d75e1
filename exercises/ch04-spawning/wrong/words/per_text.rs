//! Wrong: one `spawn_blocking` per text, all at once: a thousand texts ask the pool for a thousand threads.
use std::collections::HashMap;

/// Counts the words (split on whitespace, lowercased) in all the texts.
/// Counting is CPU work: do it on tokio's blocking pool, never in more than
/// `workers` blocking jobs at once (and in that many, given at least that
/// many texts), and merge the counts. `workers` is at least 1.
pub async fn count_words(texts: Vec<String>, _workers: usize) -> HashMap<String, usize> {
    let jobs: Vec<_> = texts
        .into_iter()
        .map(|text| tokio::task::spawn_blocking(move || count(&text)))
        .collect();
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
