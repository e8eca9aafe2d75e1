//! Runs a suite against one version of a component, on a current-thread
//! runtime in a thread of its own, and says how it went.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc;
use std::time::Duration;

/// Long enough for any suite that uses the paused clock; a suite that takes
/// longer is counted as hung.
const LIMIT: Duration = Duration::from_secs(5);

#[derive(Debug, PartialEq)]
pub enum Outcome {
    Passed,
    Failed(String),
    NotWritten,
    Hung,
}

pub fn run<F: Future<Output = ()> + 'static>(suite: fn() -> F) -> Outcome {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let outcome = match catch_unwind(AssertUnwindSafe(|| runtime.block_on(suite()))) {
            Ok(()) => Outcome::Passed,
            Err(payload) => {
                let text = payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                if text.starts_with("not yet implemented") {
                    Outcome::NotWritten
                } else {
                    Outcome::Failed(text)
                }
            }
        };
        let _ = tx.send(outcome);
    });
    // A hung suite's thread is left behind; the test process ends anyway.
    rx.recv_timeout(LIMIT).unwrap_or(Outcome::Hung)
}

/// The suite must pass on the right version.
pub fn passes<F: Future<Output = ()> + 'static>(suite: fn() -> F) {
    let outcome = run(suite);
    assert_eq!(
        outcome,
        Outcome::Passed,
        "the suite must pass on the right version"
    );
}

/// The suite must fail, in time, on a version with a bug.
pub fn catches<F: Future<Output = ()> + 'static>(suite: fn() -> F) {
    match run(suite) {
        Outcome::Failed(_) => {}
        Outcome::Passed => panic!("the suite passes on this buggy version"),
        Outcome::NotWritten => panic!("the suite is not written yet"),
        Outcome::Hung => panic!(
            "the suite hung for 5 s instead of failing: bound each wait, or, if the code \
             under test blocked the thread (a timeout cannot stop that), keep real durations short"
        ),
    }
}
