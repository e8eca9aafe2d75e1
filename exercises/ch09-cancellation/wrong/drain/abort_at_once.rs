//! Wrong: aborts every task the moment the token is cancelled, with no
//! grace for the jobs in flight.

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
    let mut set = JoinSet::new();
    for job in jobs {
        set.spawn(job);
    }
    let mut report = Report::default();
    loop {
        tokio::select! {
            joined = set.join_next() => match joined {
                Some(_) => report.finished += 1,
                None => return report,
            },
            _ = token.cancelled() => break,
        }
    }
    report.aborted = set.len();
    set.shutdown().await;
    report
}
