//! Wrong: `send` as a select! branch; when a tick wins, the message that
//! was inside the send future is dropped.

use std::collections::VecDeque;
use tokio::sync::mpsc;
use tokio::time::Interval;

use crate::Message;

pub async fn forward(
    mut queue: VecDeque<Message>,
    tx: mpsc::Sender<Message>,
    heartbeat: &mut Interval,
    mut beat: impl FnMut(),
) {
    while let Some(message) = queue.pop_front() {
        tokio::select! {
            _ = tx.send(message) => {}
            _ = heartbeat.tick() => beat(),
        }
    }
}
