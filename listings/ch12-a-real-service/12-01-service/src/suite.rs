//! One test suite for both versions of the service. Each function takes a
//! way to start a server; `suite!` turns them all into `#[tokio::test]`s.
//! Every wait is bounded (`client::send` and `get` panic after `BOUND`), and
//! a child process is killed and reaped on every path out of its test, and
//! stops by itself if the test process dies (see `Child`).

use std::future::Future;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::sync::atomic::Ordering::SeqCst;
use std::time::{Duration, Instant};

use http::{Method, StatusCode};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;

use crate::client::{self, BOUND, get, send};
use crate::{Config, Fault, Running};

async fn healthy(addr: SocketAddr) {
    let reply = timeout(BOUND, get(addr, "/health"))
        .await
        .expect("health hung");
    assert_eq!(
        (reply.status, reply.body.as_str()),
        (StatusCode::OK, "ok\n")
    );
}

/// Reads what the server sends until it closes the connection.
async fn read_all(stream: &mut TcpStream) -> String {
    let mut out = Vec::new();
    let _ = timeout(BOUND, stream.read_to_end(&mut out))
        .await
        .expect("never closed");
    String::from_utf8_lossy(&out).into_owned()
}

pub async fn routes<S: Future<Output = Running>>(start: impl Fn(Config) -> S) {
    let server = start(Config::default()).await;
    let addr = server.addr;
    healthy(addr).await;
    let created = send(addr, Method::POST, "/items", "first").await;
    assert_eq!(
        (created.status, created.body.as_str()),
        (StatusCode::CREATED, "1\n")
    );
    send(addr, Method::POST, "/items", "second").await;
    let item = get(addr, "/items/2").await;
    assert_eq!(
        (item.status, item.body.as_str()),
        (StatusCode::OK, "second")
    );
    // A body of known length says so.
    assert_eq!(item.headers["content-length"], "6");
    assert_eq!(get(addr, "/items/9").await.status, StatusCode::NOT_FOUND);
    assert_eq!(get(addr, "/items/x").await.status, StatusCode::BAD_REQUEST);
    assert_eq!(get(addr, "/nowhere").await.status, StatusCode::NOT_FOUND);
    let list = get(addr, "/items").await;
    assert_eq!(list.body, "1 first\n2 second\n");
    // A body built from a stream has no length: it goes chunked.
    assert_eq!(list.headers["transfer-encoding"], "chunked");
    assert!(server.stop().await.clean);
}

pub async fn single_flight<S: Future<Output = Running>>(start: impl Fn(Config) -> S) {
    let config = Config {
        backend_delay: Duration::from_millis(200),
        ..Config::default()
    };
    let server = start(config).await;
    let addr = server.addr;
    send(addr, Method::POST, "/items", "shared").await;
    let gets = (0..20).map(|_| get(addr, "/items/1"));
    for reply in futures::future::join_all(gets).await {
        assert_eq!(
            (reply.status, reply.body.as_str()),
            (StatusCode::OK, "shared")
        );
    }
    // Twenty requests at once, one backend call; then the cache answers.
    get(addr, "/items/1").await;
    assert_eq!(server.app.backend.counts.calls.load(SeqCst), 1);
}

pub async fn saturation<S: Future<Output = Running>>(start: impl Fn(Config) -> S) {
    let config = Config {
        max_in_flight: 2,
        deadline: Duration::from_millis(1500),
        fault: Fault::Hang,
        ..Config::default()
    };
    let server = start(config).await;
    let addr = server.addr;
    // Two requests take both permits and wait on a backend that hangs.
    let a = tokio::spawn(get(addr, "/items/1"));
    let b = tokio::spawn(get(addr, "/items/2"));
    let mut started = server.app.backend.started.subscribe();
    timeout(BOUND, started.wait_for(|n| *n == 2))
        .await
        .unwrap()
        .unwrap();
    let refused = get(addr, "/items/3").await;
    assert_eq!(refused.status, StatusCode::SERVICE_UNAVAILABLE);
    // A deadline of 1.5 s: come back in 2 s, not 1, or the holders are
    // still there.
    assert_eq!(refused.headers["retry-after"], "2");
    healthy(addr).await; // health is not limited
    for held in [a, b] {
        let reply = timeout(BOUND, held).await.unwrap().unwrap();
        assert_eq!(reply.status, StatusCode::GATEWAY_TIMEOUT);
    }
    // The permits came back with the 504s.
    assert_eq!(server.app.limit.available_permits(), 2);
}

pub async fn deadline<S: Future<Output = Running>>(start: impl Fn(Config) -> S) {
    let config = Config {
        deadline: Duration::from_millis(300),
        fault: Fault::Hang,
        ..Config::default()
    };
    let server = start(config).await;
    let sent = Instant::now();
    let reply = get(server.addr, "/items/1").await;
    assert_eq!(reply.status, StatusCode::GATEWAY_TIMEOUT);
    assert!(sent.elapsed() >= Duration::from_millis(300));
    // The backend call was dropped, not left running.
    let counts = &server.app.backend.counts;
    assert_eq!(
        (counts.calls.load(SeqCst), counts.cancelled.load(SeqCst)),
        (1, 1)
    );
    healthy(server.addr).await;
}

pub async fn backend_fails<S: Future<Output = Running>>(start: impl Fn(Config) -> S) {
    let server = start(Config {
        fault: Fault::Fail,
        ..Config::default()
    })
    .await;
    assert_eq!(
        get(server.addr, "/items/1").await.status,
        StatusCode::BAD_GATEWAY
    );
    // An error is not cached: the next request calls the backend again.
    assert_eq!(
        get(server.addr, "/items/1").await.status,
        StatusCode::BAD_GATEWAY
    );
    assert_eq!(server.app.backend.counts.calls.load(SeqCst), 2);
    healthy(server.addr).await;
}

pub async fn oversized<S: Future<Output = Running>>(start: impl Fn(Config) -> S) {
    let server = start(Config {
        max_body: 1000,
        ..Config::default()
    })
    .await;
    let addr = server.addr;
    let fits = send(addr, Method::POST, "/items", &"x".repeat(1000)).await;
    assert_eq!(fits.status, StatusCode::CREATED);
    let big = send(addr, Method::POST, "/items", &"x".repeat(1001)).await;
    assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE);
    // Chunked, with no length declared: cut off once past the limit.
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let head = "POST /items HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\n";
    stream.write_all(head.as_bytes()).await.unwrap();
    for _ in 0..3 {
        stream
            .write_all(format!("258\r\n{}\r\n", "y".repeat(600)).as_bytes())
            .await
            .unwrap();
    }
    stream.write_all(b"0\r\n\r\n").await.unwrap();
    let mut buf = [0; 12];
    timeout(BOUND, stream.read_exact(&mut buf))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(&buf, b"HTTP/1.1 413");
    healthy(addr).await;
}

pub async fn malformed<S: Future<Output = Running>>(start: impl Fn(Config) -> S) {
    let server = start(Config::default()).await;
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    stream.write_all(b"THIS IS NOT HTTP\r\n\r\n").await.unwrap();
    assert!(read_all(&mut stream).await.starts_with("HTTP/1.1 400"));
    let reply = send(server.addr, Method::POST, "/items", "").await;
    assert_eq!(reply.status, StatusCode::CREATED); // an empty value is a value
    let bad = b"POST /items HTTP/1.1\r\nhost: x\r\ncontent-length: 2\r\n\r\n\xff\xfe";
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    stream.write_all(bad).await.unwrap();
    let mut buf = [0; 12];
    timeout(BOUND, stream.read_exact(&mut buf))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(&buf, b"HTTP/1.1 400");
    healthy(server.addr).await;
}

pub async fn slow_headers<S: Future<Output = Running>>(start: impl Fn(Config) -> S) {
    let config = Config {
        header_timeout: Duration::from_millis(500),
        ..Config::default()
    };
    let server = start(config).await;
    let addr = server.addr;
    let slow = tokio::spawn(async move {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        let began = Instant::now();
        // One byte every 100 ms: the headers would take seconds.
        for byte in b"GET /health HTTP/1.1\r\nhost: x\r\n\r\n" {
            if stream.write_all(&[*byte]).await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
            if began.elapsed() > BOUND {
                panic!("never cut off");
            }
        }
        let _ = read_all(&mut stream).await;
        began.elapsed()
    });
    // Meanwhile everyone else is served.
    for _ in 0..3 {
        healthy(addr).await;
    }
    let lasted = timeout(BOUND, slow).await.unwrap().unwrap();
    assert!(
        lasted < Duration::from_secs(2),
        "the slow client lasted {lasted:?}"
    );
    healthy(addr).await;
}

pub async fn grace_runs_out<S: Future<Output = Running>>(start: impl Fn(Config) -> S) {
    let config = Config {
        deadline: Duration::from_secs(30),
        grace: Duration::from_millis(300),
        fault: Fault::Hang,
        ..Config::default()
    };
    let server = start(config).await;
    let addr = server.addr;
    let mut started = server.app.backend.started.subscribe();
    let hung = tokio::spawn(async move {
        let mut conn = client::Conn::connect(addr).await.unwrap();
        conn.send(Method::GET, "/items/1", "").await
    });
    timeout(BOUND, started.wait_for(|n| *n == 1))
        .await
        .unwrap()
        .unwrap();
    // The request outlives the grace: it is aborted, and the stop says so.
    let asked = Instant::now();
    assert_eq!(server.stop().await, crate::Stopped { clean: false });
    assert!(asked.elapsed() < Duration::from_secs(2), "{asked:?}");
    let cut = timeout(BOUND, hung).await.unwrap().unwrap();
    assert!(cut.is_err(), "{cut:?}");
}

pub async fn disconnects<S: Future<Output = Running>>(start: impl Fn(Config) -> S) {
    let server = start(Config::default()).await;
    let addr = server.addr;
    // Mid-request: a body promised and not sent.
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(b"POST /items HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\nabc")
        .await
        .unwrap();
    drop(stream);
    // Mid-response: a long list, of which one byte is read.
    for i in 0..2000 {
        send(addr, Method::POST, "/items", &format!("{i:0>100}")).await;
    }
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(b"GET /items HTTP/1.1\r\nhost: x\r\n\r\n")
        .await
        .unwrap();
    let mut one = [0; 1];
    timeout(BOUND, stream.read_exact(&mut one))
        .await
        .expect("no response")
        .unwrap();
    drop(stream);
    healthy(addr).await;
    // Nothing half-read was stored: still 2000 items.
    let list = get(addr, "/items").await;
    assert_eq!(list.body.lines().count(), 2000);
}

pub async fn load<S: Future<Output = Running>>(start: impl Fn(Config) -> S) {
    let server = start(Config::default()).await;
    let report = timeout(BOUND, client::load(server.addr, 400, 40))
        .await
        .unwrap();
    assert_eq!(report.requests, 400);
    assert!(report.wrong.is_empty(), "{:?}", report.wrong);
    assert!(server.stop().await.clean);
}

pub async fn curl<S: Future<Output = Running>>(start: impl Fn(Config) -> S) {
    let server = start(Config::default()).await;
    let base = format!("http://{}", server.addr);
    let run = |args: &[&str]| {
        let out = Command::new("curl")
            .args(["--silent", "--show-error", "--max-time", "10"])
            .args(args)
            .output()
            .expect("curl is installed (.ci/run installs it)");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let url = format!("{base}/items");
    let created = tokio::task::spawn_blocking(move || {
        run(&["--data-binary", "from curl", &url]);
        let item = run(&[&format!("{url}/1")]);
        let code = run(&[
            "--output",
            "/dev/null",
            "--write-out",
            "%{http_code}",
            &format!("{url}/x"),
        ]);
        (item, code)
    });
    let (item, code) = timeout(BOUND, created).await.unwrap().unwrap();
    assert_eq!((item.as_str(), code.as_str()), ("from curl", "400"));
}

/// A server as a child process, killed and reaped when dropped, so no
/// failing path leaves it behind (a std `Child` dropped does neither).
pub struct Child {
    child: std::process::Child,
    pub addr: SocketAddr,
    stdout: std::sync::mpsc::Receiver<String>,
    pub log: std::sync::mpsc::Receiver<String>,
}

/// Sends each line `from` gives to a channel, on a thread of its own: a
/// read that never ends cannot hang the test, and a full pipe never blocks
/// the server.
fn lines_to_channel(
    from: impl std::io::Read + Send + 'static,
) -> std::sync::mpsc::Receiver<String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(from).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    rx
}

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Child {
    pub fn spawn(program: &str, backend_delay_ms: u64) -> Child {
        let mut child = Command::new(program)
            .args(["0", &backend_delay_ms.to_string()])
            // The server shuts down when its stdin ends: if this process is
            // killed, the pipe closes and the server does not outlive it.
            .env("STOP_AT_STDIN_EOF", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = lines_to_channel(child.stderr.take().unwrap());
        let stdout = lines_to_channel(child.stdout.take().unwrap());
        let mut child = Child {
            child,
            addr: "0.0.0.0:0".parse().unwrap(),
            stdout,
            log,
        };
        let line = child.stdout_line();
        child.addr = line
            .strip_prefix("listening on ")
            .expect(&line)
            .parse()
            .unwrap();
        child
    }

    fn stdout_line(&mut self) -> String {
        self.stdout.recv_timeout(BOUND).expect("no line on stdout")
    }

    /// The next log line that contains `words`, within `BOUND`.
    pub fn wait_log(&self, words: &[&str]) -> String {
        let until = Instant::now() + BOUND;
        loop {
            let left = until.saturating_duration_since(Instant::now());
            match self.log.recv_timeout(left) {
                Ok(line) if words.iter().all(|w| line.contains(w)) => return line,
                Ok(_) => {}
                Err(e) => panic!("no log line with {words:?}: {e}"),
            }
        }
    }

    pub fn signal(&self, name: &str) {
        let pid = self.child.id().to_string();
        assert!(
            Command::new("kill")
                .args([name, &pid])
                .status()
                .unwrap()
                .success()
        );
    }

    /// Waits at most `limit` for the process to exit, and returns the rest
    /// of its stdout and its exit code.
    pub fn wait_exit(&mut self, limit: Duration) -> (String, Option<i32>) {
        let until = Instant::now() + limit;
        while Instant::now() < until {
            if let Some(status) = self.child.try_wait().unwrap() {
                // The pipe is closed: the thread sends what is left and ends.
                let rest: String = self.stdout.iter().map(|line| line + "\n").collect();
                return (rest, status.code());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("still running {limit:?} after the signal");
    }
}

// ANCHOR: sigterm
pub async fn sigterm_under_load(program: &str) {
    // The backend holds each request 1.5 s: longer than the wait below for
    // their "received" lines, so they are all in flight at the signal.
    let mut child = Child::spawn(program, 1500);
    let addr = child.addr;
    send(addr, Method::POST, "/items", "survivor").await;
    // Twenty requests, each on its own connection, all held by the backend.
    let mut requests = tokio::task::JoinSet::new();
    for _ in 0..20 {
        requests.spawn(get(addr, "/items/1"));
    }
    // Each request logs "received" in its span; wait for all twenty.
    for _ in 0..20 {
        let line = child.wait_log(&["path=/items/1}", "received"]);
        // The line names its connection and its request: the spans.
        assert!(line.contains("conn{id="), "{line}");
    }
    // A keep-alive connection, used once and left open and idle: shutdown
    // must tell it to close, or the server waits for it (until its
    // header-read timeout, 5 s from now, closes it).
    let mut idle = client::Conn::connect(addr).await.unwrap();
    let health = timeout(BOUND, idle.send(Method::GET, "/health", ""));
    assert_eq!(health.await.unwrap().unwrap().status, StatusCode::OK);
    assert!(
        requests.try_join_next().is_none(),
        "answered before the signal"
    );
    child.signal("-TERM");
    child.wait_log(&["stopped accepting"]);
    assert!(TcpStream::connect(addr).await.is_err(), "still accepting");
    while let Some(reply) = timeout(BOUND, requests.join_next()).await.unwrap() {
        let reply = reply.unwrap();
        assert_eq!(
            (reply.status, reply.body.as_str()),
            (StatusCode::OK, "survivor")
        );
    }
    // With every request answered and the idle connection told to close,
    // the exit is prompt. This blocks the thread (at most 2 s); the server
    // is another process, so nothing here needs the runtime.
    let (stdout, code) = child.wait_exit(Duration::from_secs(2));
    drop(idle);
    assert_eq!((stdout.as_str(), code), ("stopped, clean: true\n", Some(0)));
}
// ANCHOR_END: sigterm

/// Every test above, for one way of starting the server and its binary.
#[macro_export]
macro_rules! suite {
    ($start:path, $program:expr) => {
        $crate::suite!(@each $start; routes single_flight saturation deadline backend_fails
            oversized malformed slow_headers grace_runs_out disconnects load curl);
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn sigterm_under_load() {
            $crate::suite::sigterm_under_load($program).await;
        }
    };
    (@each $start:path; $($name:ident)*) => {
        $(
            #[tokio::test]
            async fn $name() {
                $crate::suite::$name($start).await;
            }
        )*
    };
}
