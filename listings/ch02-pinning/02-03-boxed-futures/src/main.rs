use futures::future::{BoxFuture, FutureExt};
use std::collections::BTreeMap;
use tokio::task::yield_now;

// ANCHOR: handlers
async fn double(n: u64) -> String {
    (n * 2).to_string()
}

async fn countdown(n: u64) -> String {
    let mut said = Vec::new();
    for i in (0..=n).rev() {
        yield_now().await; // as if each number took some I/O
        said.push(i.to_string());
    }
    said.join(" ")
}

/// Every `async fn` returns a future of its own, unnameable type, so a table
/// of handlers stores them boxed, as one type:
/// `BoxFuture<'static, String>` is `Pin<Box<dyn Future<Output = String> + Send>>`.
type Handler = fn(u64) -> BoxFuture<'static, String>;

fn handlers() -> BTreeMap<&'static str, Handler> {
    let mut table: BTreeMap<&'static str, Handler> = BTreeMap::new();
    table.insert("double", |n| Box::pin(double(n)));
    // `.boxed()` (from futures::FutureExt) is the same `Box::pin`, spelled
    // as a method.
    table.insert("countdown", |n| countdown(n).boxed());
    table
}
// ANCHOR_END: handlers

// ANCHOR: recursion
/// A tree of numbers.
struct Node {
    value: u64,
    children: Vec<Node>,
}

/// An `async fn` that awaits itself must box the recursive call: otherwise
/// its future would have to contain a future of its own type, and so be
/// infinitely large. The box holds the inner call's future on the heap.
async fn sum(node: &Node) -> u64 {
    let mut total = node.value;
    for child in &node.children {
        total += Box::pin(sum(child)).await;
    }
    total
}
// ANCHOR_END: recursion

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let table = handlers();
    for (command, argument) in [("double", 21), ("countdown", 3), ("double", 50)] {
        let handler = table[command];
        println!("{command} {argument} -> {}", handler(argument).await);
    }

    let leaf = |value| Node {
        value,
        children: Vec::new(),
    };
    let tree = Node {
        value: 1,
        children: vec![
            leaf(2),
            Node {
                value: 3,
                children: vec![leaf(4), leaf(5)],
            },
        ],
    };
    println!("sum of the tree: {}", sum(&tree).await);
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_handler_answers() {
        let table = handlers();
        assert_eq!(table["double"](4).await, "8");
        assert_eq!(table["countdown"](2).await, "2 1 0");
    }

    /// Compiles only for a `Send` value.
    fn assert_send<T: Send>(_: &T) {}

    /// A BoxFuture is Send, so `tokio::spawn` takes it, to run on any worker
    /// thread of a multi-threaded runtime.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn boxed_futures_are_send_and_can_be_spawned() {
        let future = handlers()["countdown"](1);
        assert_send(&future);
        assert_eq!(tokio::spawn(future).await.unwrap(), "1 0");
    }

    #[tokio::test]
    async fn recursion_reaches_every_node() {
        // A chain 1000 deep: each level's future lives in its own box.
        let mut chain = Node {
            value: 1,
            children: Vec::new(),
        };
        for _ in 1..1000 {
            chain = Node {
                value: 1,
                children: vec![chain],
            };
        }
        assert_eq!(sum(&chain).await, 1000);
    }
}
