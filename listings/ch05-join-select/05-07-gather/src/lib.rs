//! Asks several services at once for parts of a page, each request with its
//! own timeout and the whole with a deadline, and returns what it has by then.

use futures::stream::{FuturesUnordered, StreamExt};
use std::future::Future;
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
    let requests = services.iter().map(|service| async move {
        match timeout(service.timeout, service.call()).await {
            Ok(Ok(body)) => Outcome::Answered(body),
            Ok(Err(error)) => Outcome::Failed(error),
            Err(_elapsed) => Outcome::TimedOut,
        }
    });
    collect_until(requests, deadline).await
}

/// Runs the requests at once and collects their outcomes, in the requests'
/// order, until all are in or `deadline` has passed; a request with no
/// outcome by then is `Abandoned`, and dropped.
pub async fn collect_until<R>(
    requests: impl IntoIterator<Item = R>,
    deadline: Duration,
) -> Vec<Outcome>
where
    R: Future<Output = Outcome>,
{
    // Each request carries its index, since outcomes arrive in completion order.
    let mut in_flight: FuturesUnordered<_> = requests
        .into_iter()
        .enumerate()
        .map(|(index, request)| async move { (index, request.await) })
        .collect();
    let mut outcomes = vec![Outcome::Abandoned; in_flight.len()];
    // One deadline for the whole, pinned once so every round waits for the
    // same instant rather than starting a new countdown.
    let mut deadline = pin!(sleep_until(Instant::now() + deadline));
    loop {
        tokio::select! {
            // An outcome that arrives at the deadline's very instant is kept.
            biased;
            next = in_flight.next() => match next {
                Some((index, outcome)) => outcomes[index] = outcome,
                None => break, // every request has an outcome
            },
            () = &mut deadline => break,
        }
    }
    outcomes
    // Returning drops `in_flight`, and with it every request still running.
}
// ANCHOR_END: gather
