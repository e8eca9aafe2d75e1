//! Exercise 1: stop a consumer without losing messages.

use tokio::sync::{mpsc, oneshot};

/// Receives from `rx` until `stop` completes (a value is sent on it, or its
/// sender is dropped) or every sender of `rx` is gone. Then makes every
/// later send on the channel fail, and returns, in order, every message the
/// channel accepted, including any still in its buffer.
pub async fn collect_until_stopped<T>(
    mut rx: mpsc::Receiver<T>,
    mut stop: oneshot::Receiver<()>,
) -> Vec<T> {
    let mut got = Vec::new();
    loop {
        tokio::select! {
            _ = &mut stop => break, // Ok (a stop) or Err (its sender gone): stop either way
            message = rx.recv() => match message {
                Some(message) => got.push(message),
                None => return got, // every sender is gone, and the buffer is empty
            },
        }
    }
    rx.close(); // later sends fail...
    while let Some(message) = rx.recv().await {
        got.push(message); // ...and what was accepted is still received
    }
    got
}
