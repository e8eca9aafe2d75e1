use exercises_ch04_spawning::count_words;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

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

/// On a single-threaded runtime, another task can run before `count_words`
/// returns only if `count_words` suspends, as it does while waiting for the
/// blocking pool; counting inline would hold the thread until the end.
#[tokio::test]
async fn does_not_hold_the_runtime_thread() {
    let ran = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&ran);
    tokio::spawn(async move { flag.store(true, Ordering::SeqCst) });
    let counts = count_words(vec!["a b a".to_owned()]).await;
    assert!(
        ran.load(Ordering::SeqCst),
        "the other task got a turn meanwhile"
    );
    assert_eq!(counts["a"], 2);
}
