//! Wrong: bounded, but counts in `tokio::spawn`ed tasks, on the runtime's own threads, where CPU work holds up every other task.
use std::collections::HashMap;

/// Counts the words (split on whitespace, lowercased) in all the texts.
/// Counting is CPU work: do it on tokio's blocking pool, never in more than
/// `workers` blocking jobs at once (and in that many, given at least that
/// many texts), and merge the counts. `workers` is at least 1.
pub async fn count_words(texts: Vec<String>, workers: usize) -> HashMap<String, usize> {
    let piles = workers.min(texts.len());
    let mut shares: Vec<Vec<String>> = (0..piles).map(|_| Vec::new()).collect();
    for (index, text) in texts.into_iter().enumerate() {
        shares[index % piles].push(text);
    }
    let jobs: Vec<_> = shares
        .into_iter()
        .map(|share| tokio::spawn(async move { count(&share) }))
        .collect();
    let mut total = HashMap::new();
    for job in jobs {
        for (word, n) in job.await.expect("counting does not panic") {
            *total.entry(word).or_insert(0) += n;
        }
    }
    total
}

fn count(texts: &[String]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for word in texts.iter().flat_map(|text| text.split_whitespace()) {
        *counts.entry(word.to_lowercase()).or_insert(0) += 1;
    }
    counts
}
