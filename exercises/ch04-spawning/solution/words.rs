use std::collections::HashMap;

/// Counts the words (split on whitespace, lowercased) in all the texts.
/// Counting is CPU work: do it on tokio's blocking pool (one `spawn_blocking`
/// per text), not on the runtime's threads, then merge the counts.
pub async fn count_words(texts: Vec<String>) -> HashMap<String, usize> {
    // Each closure owns its text ('static), so nothing is borrowed across threads.
    let tasks: Vec<_> = texts
        .into_iter()
        .map(|text| tokio::task::spawn_blocking(move || count(&text)))
        .collect();
    let mut total = HashMap::new();
    for task in tasks {
        for (word, n) in task.await.expect("counting does not panic") {
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
