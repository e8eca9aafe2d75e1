//! The items live in one task that owns them: chapter 6's actor.

use tokio::sync::{mpsc, oneshot};

enum Command {
    Insert {
        value: String,
        reply: oneshot::Sender<u64>,
    },
    Get {
        id: u64,
        reply: oneshot::Sender<Option<String>>,
    },
    List {
        reply: oneshot::Sender<Vec<(u64, String)>>,
    },
}

/// A handle to the actor; clones share it, and it stops when the last goes.
#[derive(Clone)]
pub struct Store {
    tx: mpsc::Sender<Command>,
}

impl Store {
    pub fn spawn() -> Store {
        let (tx, mut rx) = mpsc::channel(64);
        tokio::spawn(async move {
            let mut items = Vec::<String>::new();
            while let Some(command) = rx.recv().await {
                match command {
                    Command::Insert { value, reply } => {
                        items.push(value);
                        let _ = reply.send(items.len() as u64);
                    }
                    Command::Get { id, reply } => {
                        let found = id.checked_sub(1).and_then(|i| items.get(i as usize));
                        let _ = reply.send(found.cloned());
                    }
                    Command::List { reply } => {
                        let all = (1..).zip(items.iter().cloned()).collect();
                        let _ = reply.send(all);
                    }
                }
            }
        });
        Store { tx }
    }

    async fn ask<T>(&self, make: impl FnOnce(oneshot::Sender<T>) -> Command) -> T {
        let (reply, answer) = oneshot::channel();
        self.tx
            .send(make(reply))
            .await
            .expect("the store outlives its handles");
        answer.await.expect("the store always replies")
    }

    /// Stores `value` and returns its id (1, 2, 3, ... in arrival order).
    pub async fn insert(&self, value: String) -> u64 {
        self.ask(|reply| Command::Insert { value, reply }).await
    }

    pub async fn get(&self, id: u64) -> Option<String> {
        self.ask(|reply| Command::Get { id, reply }).await
    }

    pub async fn list(&self) -> Vec<(u64, String)> {
        self.ask(|reply| Command::List { reply }).await
    }
}
