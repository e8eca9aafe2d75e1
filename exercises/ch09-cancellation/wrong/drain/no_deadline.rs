//! Wrong: after the cancel it waits for every task, however long: a job
//! that ignores cancellation holds the shutdown up for ever.

use std::time::Duration;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub finished: usize,
    pub aborted: usize,
}

pub async fn drain<F>(jobs: Vec<F>, token: CancellationToken, _grace: Duration) -> Report
where
    F: Future<Output = ()> + Send + 'static,
{
    let _ = token;
    let mut set = JoinSet::new();
    for job in jobs {
        set.spawn(job);
    }
    let mut report = Report::default();
    while set.join_next().await.is_some() {
        report.finished += 1;
    }
    report
}
