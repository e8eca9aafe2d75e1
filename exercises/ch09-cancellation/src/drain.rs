//! Run each job (a future) as a task. When `token` is cancelled, let the
//! tasks still running go on until `grace` has passed, then abort the rest.
//! Return how many finished and how many were aborted, once every task has
//! either finished or been stopped.

use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// How the jobs ended.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub finished: usize,
    pub aborted: usize,
}

/// Runs `jobs` until they end, or until `grace` after `token` is cancelled.
pub async fn drain<F>(jobs: Vec<F>, token: CancellationToken, grace: Duration) -> Report
where
    F: Future<Output = ()> + Send + 'static,
{
    let _ = (jobs, token, grace);
    todo!()
}
