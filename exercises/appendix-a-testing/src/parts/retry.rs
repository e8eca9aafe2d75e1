//! `retry(attempts, pause, op)`: calls `op` up to `attempts` times (at least
//! once), sleeping `pause` on tokio's clock after each failure but the
//! last, and returns the first success or the last error.

use std::time::Duration;

pub trait Retry {
    fn retry<T, E>(
        attempts: u32,
        pause: Duration,
        op: impl AsyncFnMut() -> Result<T, E>,
    ) -> impl Future<Output = Result<T, E>>;
}

/// The right version.
pub struct Right;

impl Retry for Right {
    async fn retry<T, E>(
        attempts: u32,
        pause: Duration,
        mut op: impl AsyncFnMut() -> Result<T, E>,
    ) -> Result<T, E> {
        let mut tried = 1;
        loop {
            match op().await {
                Ok(value) => return Ok(value),
                Err(error) if tried >= attempts => return Err(error),
                Err(_) => {
                    tokio::time::sleep(pause).await;
                    tried += 1;
                }
            }
        }
    }
}

/// Gives up one attempt early.
pub struct TooFew;

impl Retry for TooFew {
    async fn retry<T, E>(
        attempts: u32,
        pause: Duration,
        mut op: impl AsyncFnMut() -> Result<T, E>,
    ) -> Result<T, E> {
        let mut tried = 1;
        loop {
            match op().await {
                Ok(value) => return Ok(value),
                Err(error) if tried + 1 >= attempts => return Err(error),
                Err(_) => {
                    tokio::time::sleep(pause).await;
                    tried += 1;
                }
            }
        }
    }
}

/// Sleeps after the last failure too, before it reports it.
pub struct PauseAtEnd;

impl Retry for PauseAtEnd {
    async fn retry<T, E>(
        attempts: u32,
        pause: Duration,
        mut op: impl AsyncFnMut() -> Result<T, E>,
    ) -> Result<T, E> {
        let mut tried = 1;
        loop {
            match op().await {
                Ok(value) => return Ok(value),
                Err(error) => {
                    tokio::time::sleep(pause).await;
                    if tried >= attempts {
                        return Err(error);
                    }
                    tried += 1;
                }
            }
        }
    }
}

/// Pauses with `std::thread::sleep`, blocking the runtime's thread.
pub struct Blocking;

impl Retry for Blocking {
    async fn retry<T, E>(
        attempts: u32,
        pause: Duration,
        mut op: impl AsyncFnMut() -> Result<T, E>,
    ) -> Result<T, E> {
        let mut tried = 1;
        loop {
            match op().await {
                Ok(value) => return Ok(value),
                Err(error) if tried >= attempts => return Err(error),
                Err(_) => {
                    std::thread::sleep(pause);
                    tried += 1;
                }
            }
        }
    }
}
