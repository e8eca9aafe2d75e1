//! `retry(attempts, pause, op)`: calls `op` up to `attempts` times (at least
//! once), sleeping `pause` on tokio's clock after each failure but the
//! last, and returns the first success or the last error.
//!
//! Four versions, `V0` to `V3`: one is right and each of the others has
//! one bug. Finding out which is your suite's job, by what they do.

use std::time::Duration;

pub trait Retry {
    fn retry<T, E>(
        attempts: u32,
        pause: Duration,
        op: impl AsyncFnMut() -> Result<T, E>,
    ) -> impl Future<Output = Result<T, E>>;
}

pub struct V2;

impl Retry for V2 {
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

pub struct V0;

impl Retry for V0 {
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

pub struct V3;

impl Retry for V3 {
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

pub struct V1;

impl Retry for V1 {
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
