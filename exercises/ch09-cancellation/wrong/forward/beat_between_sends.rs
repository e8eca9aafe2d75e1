//! Wrong: loses nothing and calls `beat` as often as there are sends,
//! but with no select! a tick is only awaited between sends: the beats
//! come late, when the interval catches up.

use std::collections::VecDeque;
use tokio::sync::mpsc;
use tokio::time::Interval;

use crate::Message;

pub async fn forward(
    queue: VecDeque<Message>,
    tx: mpsc::Sender<Message>,
    heartbeat: &mut Interval,
    mut beat: impl FnMut(),
) {
    for message in queue {
        if tx.send(message).await.is_err() {
            return;
        }
        heartbeat.tick().await;
        beat();
    }
}
