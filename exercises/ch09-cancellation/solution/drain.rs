//! Solution: a JoinSet owns the tasks; after the cancel, a deadline bounds
//! the wait, and `shutdown` aborts what is left and waits for it.

use std::time::Duration;
use tokio::task::JoinSet;
use tokio::time::timeout;
use tokio_util::sync::CancellationToken;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub finished: usize,
    pub aborted: usize,
}

pub async fn drain<F>(jobs: Vec<F>, token: CancellationToken, grace: Duration) -> Report
where
    F: Future<Output = ()> + Send + 'static,
{
    let mut set = JoinSet::new();
    for job in jobs {
        set.spawn(job);
    }
    let mut report = Report::default();
    // Until the cancel: collect tasks as they end.
    loop {
        tokio::select! {
            joined = set.join_next() => match joined {
                Some(_) => report.finished += 1,
                None => return report,
            },
            _ = token.cancelled() => break,
        }
    }
    // After it: the same, but only until the deadline.
    let _ = timeout(grace, async {
        while set.join_next().await.is_some() {
            report.finished += 1;
        }
    })
    .await;
    report.aborted = set.len();
    set.shutdown().await;
    report
}
