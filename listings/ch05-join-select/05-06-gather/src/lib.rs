//! Asks several services at once for parts of a page, each request with its
//! own timeout and the whole with a deadline, and returns what it has by then.

use futures::stream::{FuturesUnordered, StreamExt};
use std::pin::pin;
use std::time::Duration;
use tokio::time::{Instant, sleep, sleep_until, timeout};

// ANCHOR: service
/// A (simulated) service: answers after `delay`, or fails. `timeout` is how
/// long the caller is willing to wait for this service in particular.
#[derive(Clone, Copy)]
pub struct Service {
    pub name: &'static str,
    pub delay: Duration,
    pub fails: bool,
    pub timeout: Duration,
}

impl Service {
    pub async fn call(&self) -> Result<String, String> {
        sleep(self.delay).await;
        if self.fails {
            Err(format!("{} is down", self.name))
        } else {
            Ok(format!("{} data", self.name))
        }
    }
}

/// What became of one request.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Answered(String),
    Failed(String),
    /// The service took longer than its own timeout.
    TimedOut,
    /// Still waiting when the overall deadline came.
    Abandoned,
}
// ANCHOR_END: service

// ANCHOR: gather
/// Calls every service at once. Each request gets its service's timeout; the
/// whole gets `deadline`. Returns one outcome per service, in the services'
/// order.
pub async fn gather(services: &[Service], deadline: Duration) -> Vec<Outcome> {
    let mut outcomes = vec![Outcome::Abandoned; services.len()];
    let mut requests: FuturesUnordered<_> =
        services
            .iter()
            .enumerate()
            .map(|(index, service)| async move {
                (index, timeout(service.timeout, service.call()).await)
            })
            .collect();
    // One deadline for the whole, pinned once so every round waits for the
    // same instant rather than starting a new countdown.
    let mut deadline = pin!(sleep_until(Instant::now() + deadline));
    loop {
        tokio::select! {
            next = requests.next() => match next {
                Some((index, Ok(Ok(body)))) => outcomes[index] = Outcome::Answered(body),
                Some((index, Ok(Err(error)))) => outcomes[index] = Outcome::Failed(error),
                Some((index, Err(_elapsed))) => outcomes[index] = Outcome::TimedOut,
                None => break, // every request has an outcome
            },
            () = &mut deadline => break, // the rest stay Abandoned, and are dropped
        }
    }
    outcomes
}
// ANCHOR_END: gather
