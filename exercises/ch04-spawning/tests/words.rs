use exercises_ch04_spawning::count_words;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

#[tokio::test]
async fn counts_across_texts_ignoring_case() {
    let texts = vec![
        "the cat and the hat".to_owned(),
        "The Hat".to_owned(),
        String::new(),
    ];
    let counts = count_words(texts).await;
    assert_eq!(counts["the"], 3);
    assert_eq!(counts["hat"], 2);
    assert_eq!(counts["cat"], 1);
    assert_eq!(counts.len(), 4);
}

/// A current-thread runtime starts no worker threads: it runs on the thread
/// that calls `block_on`. The threads it does start are blocking-pool
/// threads, and each runs `on_thread_start` first. So the counter below is
/// zero unless `count_words` used `spawn_blocking` (counting inline, or in a
/// `tokio::spawn`ed task, would leave it at zero).
#[test]
fn counts_on_the_blocking_pool() {
    let started = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&started);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .on_thread_start(move || {
            counter.fetch_add(1, Ordering::SeqCst);
        })
        .build()
        .unwrap();
    let counts = runtime.block_on(count_words(vec!["a b a".to_owned(), "b".to_owned()]));
    assert_eq!((counts["a"], counts["b"]), (2, 2));
    assert!(
        started.load(Ordering::SeqCst) >= 1,
        "no blocking-pool thread was started: the counting ran on the runtime's thread"
    );
}
