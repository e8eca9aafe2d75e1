//! Wrong: after the stop, drains until `None` without closing the channel,
//! so it waits for as long as any producer holds a sender.

use tokio::sync::{mpsc, oneshot};

pub async fn collect_until_stopped<T>(
    mut rx: mpsc::Receiver<T>,
    mut stop: oneshot::Receiver<()>,
) -> Vec<T> {
    let mut got = Vec::new();
    loop {
        tokio::select! {
            _ = &mut stop => break,
            message = rx.recv() => match message {
                Some(message) => got.push(message),
                None => return got,
            },
        }
    }
    while let Some(message) = rx.recv().await {
        got.push(message);
    }
    got
}
