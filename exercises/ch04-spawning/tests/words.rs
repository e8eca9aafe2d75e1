use exercises_ch04_spawning::count_words;
use std::collections::HashMap;
use std::pin::pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};

#[tokio::test]
async fn counts_across_texts_ignoring_case() {
    let texts = vec![
        "the cat and the hat".to_owned(),
        "The Hat".to_owned(),
        String::new(),
    ];
    let counts = count_words(texts, 2).await;
    assert_eq!(counts["the"], 3);
    assert_eq!(counts["hat"], 2);
    assert_eq!(counts["cat"], 1);
    assert_eq!(counts.len(), 4);
}

#[tokio::test]
async fn more_workers_than_texts_or_no_texts() {
    let counts = count_words(vec!["a b a".to_owned(), "b".to_owned()], 8).await;
    assert_eq!((counts["a"], counts["b"], counts.len()), (2, 2, 2));
    assert!(count_words(Vec::new(), 3).await.is_empty());
}

/// A closed gate that blocking-pool threads wait at before they take any
/// job, so that no job can finish until the test opens it. It opens when
/// dropped, too: a runtime's drop waits for its blocking threads, and a
/// failed assertion must not leave them waiting for ever.
#[derive(Default)]
struct Gate {
    open: Mutex<bool>,
    opened: Condvar,
}

impl Gate {
    fn wait(&self) {
        let open = self.open.lock().unwrap();
        drop(self.opened.wait_while(open, |open| !*open).unwrap());
    }

    fn open(&self) {
        *self.open.lock().unwrap() = true;
        self.opened.notify_all();
    }
}

struct OpenOnDrop(Arc<Gate>);

impl Drop for OpenOnDrop {
    fn drop(&mut self) {
        self.0.open();
    }
}

/// The bound, checked. The runtime is current-thread, so every thread it
/// starts is a blocking-pool thread, and it names each one as it starts it,
/// inside `spawn_blocking`: the counter below is the number of blocking
/// threads started. While the gate is closed no job finishes and no thread
/// becomes free, so every `spawn_blocking` starts a thread of its own, and
/// the counter is the number of jobs `count_words` has handed to the pool.
/// With 20 texts and 3 workers it must be exactly 3: not 0 (counting
/// elsewhere), not 20 (a job per text), not 4 or more (no bound).
#[test]
fn never_more_than_workers_jobs_at_once() {
    let gate = Arc::new(Gate::default());
    let started = Arc::new(AtomicUsize::new(0));
    let runtime = {
        let started = Arc::clone(&started);
        let gate = Arc::clone(&gate);
        tokio::runtime::Builder::new_current_thread()
            .thread_name_fn(move || {
                started.fetch_add(1, Ordering::SeqCst);
                "counting".to_owned()
            })
            .on_thread_start(move || gate.wait())
            .build()
            .unwrap()
    };
    // Declared after the runtime, so dropped (and the gate opened) first.
    let opener = OpenOnDrop(Arc::clone(&gate));

    let texts: Vec<String> = (0..20).map(|n| format!("Word{} word", n % 4)).collect();
    let (held, counts) = runtime.block_on(async {
        let mut counting = pin!(count_words(texts, 3));
        // Give `count_words` every chance to start more jobs: poll it, then
        // let anything else on the runtime run, a hundred times over.
        for _ in 0..100 {
            tokio::select! {
                biased;
                _ = &mut counting => panic!("counted with every pool thread held at the gate"),
                () = tokio::task::yield_now() => {}
            }
        }
        let held = started.load(Ordering::SeqCst);
        opener.0.open();
        (held, counting.await)
    });
    assert_eq!(
        held, 3,
        "blocking jobs handed to the pool at once, with 3 workers"
    );
    let expected: HashMap<String, usize> = [
        ("word".to_owned(), 20),
        ("word0".to_owned(), 5),
        ("word1".to_owned(), 5),
        ("word2".to_owned(), 5),
        ("word3".to_owned(), 5),
    ]
    .into();
    assert_eq!(counts, expected);
}
