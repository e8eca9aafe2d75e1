//! Wrong: loses nothing, but sends without a select!, so the heartbeat
//! stops while it waits for room.

use std::collections::VecDeque;
use tokio::sync::mpsc;
use tokio::time::Interval;

use crate::Message;

pub async fn forward(
    queue: VecDeque<Message>,
    tx: mpsc::Sender<Message>,
    heartbeat: &mut Interval,
    beat: impl FnMut(),
) {
    let _ = (heartbeat, beat);
    for message in queue {
        if tx.send(message).await.is_err() {
            return;
        }
    }
}
