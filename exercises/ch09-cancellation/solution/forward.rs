//! Solution: wait for room with `reserve` (cancelling it loses no
//! message), and take the message out of the queue only with a permit.

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
    while !queue.is_empty() {
        tokio::select! {
            permit = tx.reserve() => match permit {
                Ok(permit) => permit.send(queue.pop_front().unwrap()),
                Err(_) => return, // the receiver is gone
            },
            _ = heartbeat.tick() => beat(),
        }
    }
}
