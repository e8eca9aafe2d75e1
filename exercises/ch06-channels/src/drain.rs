//! Exercise 1: stop a consumer without losing messages.

use tokio::sync::{mpsc, oneshot};

/// Receives from `rx` until `stop` completes (a value is sent on it, or its
/// sender is dropped) or every sender of `rx` is gone. Then makes every
/// later send on the channel fail, and returns, in order, every message the
/// channel accepted, including any still in its buffer.
pub async fn collect_until_stopped<T>(
    rx: mpsc::Receiver<T>,
    stop: oneshot::Receiver<()>,
) -> Vec<T> {
    let _ = (rx, stop);
    todo!()
}
