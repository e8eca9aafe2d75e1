//! Exercise 2: an actor that hands out numbered tickets.

use tokio::task::JoinHandle;

/// What a handle returns when the actor is no longer running.
#[derive(Debug, PartialEq)]
pub struct ActorGone;

/// A handle to the ticket actor. Clones talk to the same actor.
#[derive(Clone)]
pub struct Tickets {
    // Your fields here.
}

impl Tickets {
    /// Starts the actor, whose first ticket is `first`, and returns a handle
    /// and the actor's task. The actor ends when every handle is dropped.
    /// After handing out `u32::MAX`, the next request makes it panic.
    pub fn spawn(first: u32) -> (Tickets, JoinHandle<()>) {
        let _ = first;
        todo!()
    }

    /// The next ticket: each number once, in order. If the actor is no
    /// longer running (whatever ended it), `Err(ActorGone)`, without
    /// panicking or waiting for ever. A caller that gives up waiting (its
    /// `next()` dropped) does not stop the actor; its number is not reused.
    pub async fn next(&self) -> Result<u32, ActorGone> {
        todo!()
    }
}
