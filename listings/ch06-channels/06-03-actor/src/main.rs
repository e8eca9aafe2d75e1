//! The actor pattern: one task owns a map and is the only code that touches
//! it; a cloneable handle sends it commands over an mpsc channel, each
//! carrying a oneshot sender for the reply. When every handle is gone the
//! actor's loop ends; when the actor is gone, callers get an error, not a
//! hang.

use std::collections::HashMap;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

// ANCHOR: commands
enum Command {
    Get {
        key: String,
        reply: oneshot::Sender<Option<u64>>,
    },
    Add {
        key: String,
        amount: u64,
        reply: oneshot::Sender<u64>,
    },
}
// ANCHOR_END: commands

// ANCHOR: actor
/// The actor: it owns the map, and ends when every handle has been dropped.
/// Returns the number of commands it served.
async fn run(mut commands: mpsc::Receiver<Command>) -> usize {
    let mut counts: HashMap<String, u64> = HashMap::new();
    let mut served = 0;
    while let Some(command) = commands.recv().await {
        served += 1;
        match command {
            Command::Get { key, reply } => {
                // The caller may have given up: a failed reply is not our problem.
                let _ = reply.send(counts.get(&key).copied());
            }
            Command::Add { key, amount, reply } => {
                let count = counts.entry(key).or_default();
                *count = count.checked_add(amount).expect("count overflowed");
                let _ = reply.send(*count);
            }
        }
    }
    served
}
// ANCHOR_END: actor

// ANCHOR: handle
#[derive(Debug, PartialEq)]
pub struct ActorGone;

#[derive(Clone)]
pub struct Counts {
    commands: mpsc::Sender<Command>,
}

impl Counts {
    pub fn spawn() -> (Counts, JoinHandle<usize>) {
        let (commands, rx) = mpsc::channel(32);
        (Counts { commands }, tokio::spawn(run(rx)))
    }

    pub async fn get(&self, key: &str) -> Result<Option<u64>, ActorGone> {
        let (reply, answer) = oneshot::channel();
        let key = key.to_string();
        self.commands
            .send(Command::Get { key, reply })
            .await
            .map_err(|_| ActorGone)?; // the actor's receiver is gone
        answer.await.map_err(|_| ActorGone) // it dropped our reply sender
    }

    pub async fn add(&self, key: &str, amount: u64) -> Result<u64, ActorGone> {
        let (reply, answer) = oneshot::channel();
        let key = key.to_string();
        self.commands
            .send(Command::Add { key, amount, reply })
            .await
            .map_err(|_| ActorGone)?;
        answer.await.map_err(|_| ActorGone)
    }
}
// ANCHOR_END: handle

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (counts, actor) = Counts::spawn();
    let mut visitors = Vec::new();
    for _ in 0..10 {
        let counts = counts.clone(); // each task gets its own handle
        visitors.push(tokio::spawn(async move {
            counts.add("visits", 1).await.unwrap();
        }));
    }
    for visitor in visitors {
        visitor.await.unwrap();
    }
    println!("visits: {:?}", counts.get("visits").await);
    println!("pages:  {:?}", counts.get("pages").await);
    counts.add("big", u64::MAX).await.unwrap();
    println!("overflow: {:?}", counts.add("big", 1).await); // the actor panics
    println!("after:    {:?}", counts.get("visits").await);
    println!("actor panicked: {}", actor.await.unwrap_err().is_panic());
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use tokio::time::timeout;

    #[tokio::test]
    async fn many_handles_one_state() {
        let (counts, actor) = Counts::spawn();
        let mut tasks = tokio::task::JoinSet::new();
        for n in 1..=100 {
            let counts = counts.clone();
            tasks.spawn(async move { counts.add("sum", n).await.unwrap() });
        }
        tasks.join_all().await;
        assert_eq!(counts.get("sum").await, Ok(Some(5050)));
        assert_eq!(counts.get("other").await, Ok(None));
        drop(counts);
        // Every handle is gone, so the actor's loop ends.
        assert_eq!(actor.await.unwrap(), 102);
    }

    #[tokio::test(start_paused = true)]
    async fn a_dead_actor_gives_an_error_not_a_hang() {
        let (counts, actor) = Counts::spawn();
        counts.add("x", u64::MAX).await.unwrap();
        // This command makes the actor panic while it holds our reply sender.
        let dying = timeout(Duration::from_secs(60), counts.add("x", 1)).await;
        assert_eq!(dying, Ok(Err(ActorGone)));
        assert!(actor.await.unwrap_err().is_panic());
        // Later calls find the channel closed.
        let later = timeout(Duration::from_secs(60), counts.get("x")).await;
        assert_eq!(later, Ok(Err(ActorGone)));
    }

    #[tokio::test(start_paused = true)]
    async fn an_aborted_actor_too() {
        let (counts, actor) = Counts::spawn();
        actor.abort();
        assert!(actor.await.unwrap_err().is_cancelled());
        let call = timeout(Duration::from_secs(60), counts.get("x")).await;
        assert_eq!(call, Ok(Err(ActorGone)));
    }

    #[tokio::test]
    async fn a_caller_that_gives_up_does_not_hurt_the_actor() {
        let (counts, _actor) = Counts::spawn();
        tokio::select! {
            biased;
            // Sends its command, then waits for the answer: dropped there.
            _ = counts.add("x", 1) => unreachable!("the actor has not run yet"),
            _ = std::future::ready(()) => {}
        }
        // The actor still did the work, found the reply unwanted, and goes on.
        assert_eq!(counts.add("x", 1).await, Ok(2));
    }

    #[tokio::test]
    async fn a_dropped_oneshot_sender_gives_recv_error() {
        let (reply, answer) = oneshot::channel::<u64>();
        drop(reply);
        assert!(answer.await.is_err());
    }

    #[tokio::test]
    async fn a_oneshot_send_fails_when_the_receiver_is_gone() {
        let (reply, answer) = oneshot::channel::<u64>();
        drop(answer);
        assert_eq!(reply.send(7), Err(7)); // the value comes back
    }
}
