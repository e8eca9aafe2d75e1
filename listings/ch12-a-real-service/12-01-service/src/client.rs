//! A small HTTP/1.1 client on hyper, for the tests and the load generator.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::{self, SendRequest};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

/// One keep-alive connection; requests on it go one after another.
pub struct Conn {
    sender: SendRequest<Full<Bytes>>,
}

impl Conn {
    pub async fn connect(addr: SocketAddr) -> std::io::Result<Conn> {
        let stream = TcpStream::connect(addr).await?;
        let (sender, conn) = http1::handshake(TokioIo::new(stream))
            .await
            .map_err(std::io::Error::other)?;
        tokio::spawn(conn);
        Ok(Conn { sender })
    }

    pub async fn send(&mut self, method: Method, path: &str, body: &str) -> hyper::Result<Reply> {
        let request = Request::builder()
            .method(method)
            .uri(path)
            .header("host", "127.0.0.1")
            .body(Full::new(Bytes::copy_from_slice(body.as_bytes())))
            .unwrap();
        let response = self.sender.send_request(request).await?;
        let (parts, body) = response.into_parts();
        let bytes = body.collect().await?.to_bytes();
        Ok(Reply {
            status: parts.status,
            headers: parts.headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        })
    }
}

/// Generous: only a hang should ever reach it.
pub const BOUND: Duration = Duration::from_secs(10);

/// One request on a connection of its own, answered within `BOUND` or a
/// panic: a service that hangs fails the test instead of stalling it.
pub async fn send(addr: SocketAddr, method: Method, path: &str, body: &str) -> Reply {
    let exchange = async {
        let mut conn = Conn::connect(addr).await.expect("connect");
        conn.send(method, path, body).await.expect("a response")
    };
    match tokio::time::timeout(BOUND, exchange).await {
        Ok(reply) => reply,
        Err(_) => panic!("{path}: no response within {BOUND:?}"),
    }
}

pub async fn get(addr: SocketAddr, path: &str) -> Reply {
    send(addr, Method::GET, path, "").await
}

/// What a load run saw. `latencies` is sorted.
pub struct LoadReport {
    pub requests: usize,
    pub wrong: Vec<String>,
    pub elapsed: Duration,
    pub latencies: Vec<Duration>,
}

impl LoadReport {
    /// The latency that `p` percent of requests beat (nearest rank).
    pub fn percentile(&self, p: f64) -> Duration {
        let rank = ((p / 100.0) * self.latencies.len() as f64).ceil() as usize;
        self.latencies[rank.clamp(1, self.latencies.len()) - 1]
    }

    pub fn per_second(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64()
    }
}

// ANCHOR: load
/// `total` requests from `concurrency` clients, each on its own keep-alive
/// connection: one request in four creates an item, the rest read one of
/// ten seeded items. Every status and body is checked. The ten are read once
/// before the clock starts, so no timed request waits for the backend.
pub async fn load(addr: SocketAddr, total: usize, concurrency: usize) -> LoadReport {
    for k in 1..=10 {
        let reply = send(addr, Method::POST, "/items", &format!("item-{k}")).await;
        assert_eq!(reply.status, StatusCode::CREATED, "seeding");
        let warm = get(addr, &format!("/items/{k}")).await;
        assert_eq!(warm.status, StatusCode::OK, "warming the cache");
    }
    let started = Instant::now();
    let mut clients = tokio::task::JoinSet::new();
    for c in 0..concurrency {
        clients.spawn(async move {
            let mut conn = Conn::connect(addr).await.expect("connect");
            let (mut latencies, mut wrong) = (Vec::new(), Vec::new());
            for i in (c..total).step_by(concurrency) {
                let sent = Instant::now();
                let (method, path, body, want) = if i % 4 == 0 {
                    (
                        Method::POST,
                        "/items".to_string(),
                        format!("load-{i}"),
                        None,
                    )
                } else {
                    let k = i % 10 + 1;
                    (
                        Method::GET,
                        format!("/items/{k}"),
                        String::new(),
                        Some(format!("item-{k}")),
                    )
                };
                let reply = conn.send(method, &path, &body).await;
                latencies.push(sent.elapsed());
                let ok = match (&reply, &want) {
                    (Ok(r), Some(want)) => r.status == StatusCode::OK && r.body == *want,
                    (Ok(r), None) => {
                        r.status == StatusCode::CREATED && r.body.trim().parse::<u64>().is_ok()
                    }
                    (Err(_), _) => false,
                };
                if !ok {
                    wrong.push(format!("request {i} {path}: {reply:?}"));
                }
            }
            (latencies, wrong)
        });
    }
    let (mut latencies, mut wrong) = (Vec::new(), Vec::new());
    while let Some(joined) = clients.join_next().await {
        let (l, w) = joined.expect("a client panicked");
        latencies.extend(l);
        wrong.extend(w);
    }
    let elapsed = started.elapsed();
    latencies.sort();
    LoadReport {
        requests: latencies.len(),
        wrong,
        elapsed,
        latencies,
    }
}
// ANCHOR_END: load
