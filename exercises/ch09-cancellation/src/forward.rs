//! Forward every message of `queue`, in order, into `tx`, a bounded
//! channel whose receiver may be slow. While it waits for room, a
//! heartbeat must go on: call `beat()` on every tick of `heartbeat`.
//! Return when the queue is empty and every message is in the channel.

use std::collections::VecDeque;
use tokio::sync::mpsc;
use tokio::time::Interval;

use crate::Message;

/// Forwards `queue` into `tx`, calling `beat` on every tick meanwhile.
pub async fn forward(
    queue: VecDeque<Message>,
    tx: mpsc::Sender<Message>,
    heartbeat: &mut Interval,
    beat: impl FnMut(),
) {
    let _ = (queue, tx, heartbeat, beat);
    todo!()
}
