#![deny(unused_must_use)]

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

async fn save() {}

/// A future type of our own, not marked `#[must_use]`.
struct SaveLater;

impl Future for SaveLater {
    type Output = ();

    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        Poll::Ready(())
    }
}

fn save_later() -> SaveLater {
    SaveLater
}

// ANCHOR: main
fn main() {
    save(); // an unused `async fn` result: flagged
    let _ = save(); // discarded on purpose: not flagged
    save_later(); // a future type without #[must_use]: not flagged
    tokio::spawn(async {}); // a JoinHandle, not #[must_use]: not flagged
}
// ANCHOR_END: main
