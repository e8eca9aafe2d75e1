//! Wrong: keeps plain JoinHandles and, at the deadline, drops the ones
//! left. Dropping a JoinHandle detaches its task: it is counted as
//! aborted but goes on running.

use std::time::Duration;
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
    let mut handles: Vec<_> = jobs.into_iter().map(tokio::spawn).collect();
    let mut report = Report::default();
    token.cancelled().await;
    let _ = timeout(grace, async {
        while let Some(handle) = handles.first_mut() {
            let _ = handle.await;
            handles.remove(0);
            report.finished += 1;
        }
    })
    .await;
    report.aborted = handles.len();
    drop(handles);
    report
}
