//! Exercise 2: an actor that hands out numbered tickets.

use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

/// What a handle returns when the actor is no longer running.
#[derive(Debug, PartialEq)]
pub struct ActorGone;

/// A handle to the ticket actor. Clones talk to the same actor.
#[derive(Clone)]
pub struct Tickets {
    requests: mpsc::Sender<oneshot::Sender<u32>>,
}

impl Tickets {
    /// Starts the actor, whose first ticket is `first`, and returns a handle
    /// and the actor's task. The actor ends when every handle is dropped.
    /// After handing out `u32::MAX`, the next request makes it panic.
    pub fn spawn(first: u32) -> (Tickets, JoinHandle<()>) {
        let (requests, rx) = mpsc::channel(16);
        (Tickets { requests }, tokio::spawn(run(first, rx)))
    }

    /// The next ticket: each number once, in order. If the actor is no
    /// longer running (whatever ended it), `Err(ActorGone)`, without
    /// panicking or waiting for ever. A caller that gives up waiting (its
    /// `next()` dropped) does not stop the actor; its number is not reused.
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
        let _ = reply.send(ticket); // the caller may have given up
    }
}
