//! `tokio::sync::Mutex` guarding a connection, where the lock must be held
//! across `.await` so that one request's write and read are not split by
//! another's. The tests show that its guard is `Send`, that waiters get the
//! lock in the order they asked, and two deadlocks it does not prevent:
//! locking twice in one task, and holding a lock while a full channel waits
//! for a reader who needs the same lock.

use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Mutex;
use tokio::time::{Instant, sleep};

// ANCHOR: client
/// A connection speaks one request, then one reply; two requests must not
/// overlap on it.
pub struct Connection {
    transcript: Vec<String>,
}

impl Connection {
    async fn write(&mut self, line: &str) {
        sleep(Duration::from_millis(10)).await; // the network
        self.transcript.push(format!("> {line}"));
    }

    async fn read(&mut self) -> String {
        sleep(Duration::from_millis(30)).await; // the server thinking
        let reply = format!("ok {}", self.transcript.len());
        self.transcript.push(format!("< {reply}"));
        reply
    }
}

#[derive(Clone)]
pub struct Client {
    connection: Arc<Mutex<Connection>>,
}

impl Client {
    pub fn new() -> Self {
        let connection = Connection {
            transcript: Vec::new(),
        };
        Client {
            connection: Arc::new(Mutex::new(connection)),
        }
    }

    /// Holds the lock from the write to the end of the read.
    pub async fn request(&self, line: &str) -> String {
        let mut connection = self.connection.lock().await;
        connection.write(line).await;
        connection.read().await
    }
}
// ANCHOR_END: client

impl Default for Client {
    fn default() -> Self {
        Self::new()
    }
}

// ANCHOR: main
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let client = Client::new();
    let start = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for name in ["GET a", "GET b", "GET c"] {
        let client = client.clone();
        tasks.spawn(async move {
            let reply = client.request(name).await;
            println!("{name}: {reply} at {:?}", start.elapsed());
        });
    }
    tasks.join_all().await;
    for line in &client.connection.lock().await.transcript {
        println!("{line}");
    }
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::sync::mpsc;
    use tokio::time::timeout;

    fn assert_send<T: Send>(_: &T) {}

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_guard_is_send_so_the_request_can_be_spawned() {
        let client = Client::new();
        let request = client.request("GET a");
        assert_send(&request);
        drop(request);
        let reply = tokio::spawn(async move { client.request("GET b").await });
        assert_eq!(reply.await.unwrap(), "ok 1");
    }

    #[tokio::test(start_paused = true)]
    async fn requests_never_interleave() {
        let client = Client::new();
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..5 {
            let client = client.clone();
            tasks.spawn(async move { client.request(&format!("GET {i}")).await });
        }
        tasks.join_all().await;
        let transcript = client.connection.lock().await.transcript.clone();
        assert_eq!(transcript.len(), 10);
        for pair in transcript.chunks(2) {
            assert!(
                pair[0].starts_with('>') && pair[1].starts_with('<'),
                "{pair:?}"
            );
        }
    }

    // ANCHOR: fifo
    #[tokio::test(start_paused = true)]
    async fn waiters_get_the_lock_in_the_order_they_asked() {
        let order = Arc::new(Mutex::new(Vec::new()));
        let held = order.clone().lock_owned().await;
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..5 {
            let order = order.clone();
            tasks.spawn(async move { order.lock().await.push(i) });
            sleep(Duration::from_millis(1)).await; // task i queues at i ms
        }
        drop(held); // the lock goes straight to the first in the queue:
        assert!(order.try_lock().is_err()); // no one can barge in now
        tasks.join_all().await;
        assert_eq!(*order.lock().await, [0, 1, 2, 3, 4]);
    }
    // ANCHOR_END: fifo

    // ANCHOR: relock
    async fn total_and_count(numbers: &Mutex<Vec<u64>>) -> (u64, usize) {
        let list = numbers.lock().await;
        let total = list.iter().sum();
        (total, count(numbers).await) // locks again, while `list` holds it
    }

    async fn count(numbers: &Mutex<Vec<u64>>) -> usize {
        numbers.lock().await.len()
    }

    #[tokio::test(start_paused = true)]
    async fn locking_twice_in_one_task_waits_for_ever() {
        let numbers = Mutex::new(vec![1, 2, 3]);
        let result = timeout(Duration::from_secs(60), total_and_count(&numbers)).await;
        assert!(result.is_err(), "timed out: the task waits for itself");
    }
    // ANCHOR_END: relock

    // ANCHOR: channel
    /// Sends each item while holding the lock on the list of what was sent.
    async fn send_all_locked(sent: Arc<Mutex<Vec<u32>>>, tx: mpsc::Sender<u32>) {
        for item in 0..4 {
            let mut list = sent.lock().await;
            list.push(item);
            tx.send(item).await.unwrap(); // waits for room, still locked
        }
    }

    /// Reads each item, and checks it against the list of what was sent.
    async fn receive_all(sent: Arc<Mutex<Vec<u32>>>, mut rx: mpsc::Receiver<u32>) -> usize {
        let mut received = 0;
        while let Some(item) = rx.recv().await {
            sleep(Duration::from_millis(5)).await; // the receiver is slower
            assert!(sent.lock().await.contains(&item));
            received += 1;
        }
        received
    }

    #[tokio::test(start_paused = true)]
    async fn a_lock_held_while_a_full_channel_waits_deadlocks() {
        let sent = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = mpsc::channel(1);
        let sender = tokio::spawn(send_all_locked(sent.clone(), tx));
        let receiver = tokio::spawn(receive_all(sent, rx));
        let both = async { (sender.await, receiver.await) };
        assert!(timeout(Duration::from_secs(60), both).await.is_err());
    }
    // ANCHOR_END: channel

    // ANCHOR: channel_fixed
    async fn send_all(sent: Arc<Mutex<Vec<u32>>>, tx: mpsc::Sender<u32>) {
        for item in 0..4 {
            sent.lock().await.push(item); // the guard ends with the statement
            tx.send(item).await.unwrap();
        }
    }

    #[tokio::test(start_paused = true)]
    async fn released_before_the_send_it_finishes() {
        let sent = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = mpsc::channel(1);
        let sender = tokio::spawn(send_all(sent.clone(), tx));
        let receiver = tokio::spawn(receive_all(sent, rx));
        let both = async { (sender.await, receiver.await) };
        let (sent, received) = timeout(Duration::from_secs(60), both).await.unwrap();
        sent.unwrap();
        assert_eq!(received.unwrap(), 4);
    }
    // ANCHOR_END: channel_fixed
}
