//! Wrong: the actor unwraps its reply, so a caller that gave up waiting
//! (its oneshot receiver dropped) makes the actor panic for everyone.

use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

#[derive(Debug, PartialEq)]
pub struct ActorGone;

#[derive(Clone)]
pub struct Tickets {
    requests: mpsc::Sender<oneshot::Sender<u32>>,
}

impl Tickets {
    pub fn spawn(first: u32) -> (Tickets, JoinHandle<()>) {
        let (requests, rx) = mpsc::channel(16);
        (Tickets { requests }, tokio::spawn(run(first, rx)))
    }

    pub async fn next(&self) -> Result<u32, ActorGone> {
        let (reply, answer) = oneshot::channel();
        self.requests.send(reply).await.map_err(|_| ActorGone)?;
        answer.await.map_err(|_| ActorGone)
    }
}

async fn run(first: u32, mut requests: mpsc::Receiver<oneshot::Sender<u32>>) {
    let mut next = Some(first);
    while let Some(reply) = requests.recv().await {
        let ticket = next.expect("out of tickets");
        next = ticket.checked_add(1);
        reply.send(ticket).unwrap();
    }
}
