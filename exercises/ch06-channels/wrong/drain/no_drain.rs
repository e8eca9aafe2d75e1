//! Wrong: returns as soon as the stop arrives, so the messages still in the
//! buffer are dropped with the receiver.

use tokio::sync::{mpsc, oneshot};

pub async fn collect_until_stopped<T>(
    mut rx: mpsc::Receiver<T>,
    mut stop: oneshot::Receiver<()>,
) -> Vec<T> {
    let mut got = Vec::new();
    loop {
        tokio::select! {
            _ = &mut stop => return got,
            message = rx.recv() => match message {
                Some(message) => got.push(message),
                None => return got,
            },
        }
    }
}
