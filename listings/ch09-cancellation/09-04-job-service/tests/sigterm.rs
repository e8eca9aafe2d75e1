//! The service as a real child process: jobs in over TCP, SIGTERM sent
//! with the `kill` program, then the results file read back.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The longest any step of a test waits: for the address, for an answer,
/// for the process to exit after SIGTERM.
const LIMIT: Duration = Duration::from_secs(10);

struct Service {
    child: Child,
    addr: String,
    results: PathBuf,
}

/// On every path out of a test, a failed assert included, the process is
/// killed and reaped (a std `Child` dropped does neither), and its file goes.
impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.results);
    }
}

fn start(name: &str, deadline_ms: u64) -> Service {
    let results = std::env::temp_dir().join(format!("ch09-{name}-{}.txt", std::process::id()));
    let child = Command::new(env!("CARGO_BIN_EXE_listing-09-04-job-service"))
        .arg(&results)
        .arg(deadline_ms.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut service = Service {
        child,
        addr: String::new(),
        results,
    };
    // The first line is read on a thread, so that waiting for it has a limit.
    let stdout = service.child.stdout.take().unwrap();
    let (line_tx, line_rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut first = String::new();
        let _ = BufReader::new(stdout).read_line(&mut first);
        let _ = line_tx.send(first);
    });
    let first = line_rx
        .recv_timeout(LIMIT)
        .expect("no address from the service");
    service.addr = first
        .trim()
        .strip_prefix("listening on ")
        .expect("a first line `listening on <addr>`")
        .to_string();
    service
}

/// Connects, and writes `jobs` from a thread, so that the test can read
/// answers while the lines go out. Reads time out after `LIMIT`.
fn send_jobs(addr: &str, jobs: Vec<String>) -> BufReader<TcpStream> {
    let stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(LIMIT)).unwrap();
    let mut writer = stream.try_clone().unwrap();
    std::thread::spawn(move || {
        for job in jobs {
            if writeln!(writer, "{job}").is_err() {
                return; // the service has closed the connection
            }
        }
    });
    BufReader::new(stream)
}

/// Reads up to `count` answers, fewer if the service closes the connection.
fn answers(reader: &mut BufReader<TcpStream>, count: usize) -> Vec<String> {
    let mut got = Vec::new();
    for _ in 0..count {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) => break,
            Ok(_) => got.push(line.trim_end().to_string()),
            Err(e) => panic!(
                "no answer within {LIMIT:?} after {} answers: {e}",
                got.len()
            ),
        }
    }
    got
}

fn accepted_ids(answers: &[String]) -> Vec<u64> {
    answers
        .iter()
        .filter_map(|answer| answer.strip_prefix("accepted "))
        .map(|id| id.parse().unwrap())
        .collect()
}

/// Sends `jobs` on one connection and returns the ids the service accepted.
fn submit(addr: &str, jobs: Vec<String>) -> Vec<u64> {
    let count = jobs.len();
    let mut reader = send_jobs(addr, jobs);
    let got = answers(&mut reader, count);
    assert_eq!(got.len(), count, "an answer for every job");
    accepted_ids(&got)
}

/// Sends SIGTERM and waits (at most `LIMIT`) for the process to exit; the
/// `Service`'s destructor kills it if it does not.
fn terminate(service: &mut Service) -> (ExitStatus, Duration, String, BTreeMap<u64, Vec<String>>) {
    let sent = Instant::now();
    let status = Command::new("kill")
        .args(["-TERM", &service.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let status = loop {
        if let Some(status) = service.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            sent.elapsed() < LIMIT,
            "the service did not exit within {LIMIT:?} of SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(5));
    };
    let took = sent.elapsed();
    let mut stderr = String::new();
    let mut pipe = service.child.stderr.take().unwrap();
    pipe.read_to_string(&mut stderr).unwrap(); // it has exited: no wait
    let mut outcomes: BTreeMap<u64, Vec<String>> = BTreeMap::new();
    let text = std::fs::read_to_string(&service.results).unwrap();
    for line in text.lines() {
        let (word, id) = line.split_once(' ').unwrap();
        outcomes
            .entry(id.parse().unwrap())
            .or_default()
            .push(word.to_string());
    }
    (status, took, stderr, outcomes)
}

// ANCHOR: under_load
#[test]
fn sigterm_under_load_loses_nothing_and_does_nothing_twice() {
    let mut service = start("load", 3000);
    // Job 0 is long, and surely in flight when SIGTERM comes.
    let mut jobs = vec!["0 300".to_string()];
    jobs.extend((1..500).map(|id| format!("{id} {}", 10 + id % 20)));
    let accepted = submit(&service.addr, jobs);
    assert_eq!(accepted.len(), 500, "all accepted before the signal");

    let (status, took, stderr, outcomes) = terminate(&mut service);
    assert!(status.success(), "{status:?}\n{stderr}");
    assert!(
        took < Duration::from_secs(3),
        "within the deadline: {took:?}"
    );
    assert!(!stderr.contains("aborting"), "{stderr}");
    // Every accepted job has exactly one outcome, and no other job has one.
    let ids: Vec<u64> = outcomes.keys().copied().collect();
    let mut expected = accepted.clone();
    expected.sort();
    assert_eq!(ids, expected);
    for (id, words) in &outcomes {
        assert_eq!(words.len(), 1, "job {id}: {words:?}");
        assert!(
            words[0] == "done" || words[0] == "returned",
            "job {id}: {words:?}"
        );
    }
    assert_eq!(outcomes[&0], ["done"], "the job in flight was finished");
    // SIGTERM came long before the queue could empty: some never started.
    assert!(
        outcomes.values().any(|words| words[0] == "returned"),
        "no job was handed back"
    );
}
// ANCHOR_END: under_load

// ANCHOR: stuck
#[test]
fn a_job_that_ignores_cancellation_is_aborted_at_the_deadline() {
    let mut service = start("stuck", 500);
    let mut jobs = vec!["0 stuck".to_string()];
    jobs.extend((1..100).map(|id| format!("{id} 20")));
    let accepted = submit(&service.addr, jobs);
    assert_eq!(accepted.len(), 100);

    let (status, took, stderr, outcomes) = terminate(&mut service);
    assert!(status.success(), "{status:?}\n{stderr}");
    assert!(
        took >= Duration::from_millis(500),
        "not before the deadline: {took:?}"
    );
    assert!(
        took < Duration::from_millis(2500),
        "soon after it: {took:?}"
    );
    assert!(
        stderr.contains("deadline passed: aborting 1 worker(s)"),
        "{stderr}"
    );
    assert_eq!(outcomes[&0], ["aborted"]);
    assert_eq!(outcomes.len(), 100);
    assert!(outcomes.values().all(|words| words.len() == 1));
}
// ANCHOR_END: stuck

#[test]
fn an_idle_service_exits_at_once_with_an_empty_results_file() {
    let mut service = start("idle", 3000);
    let (status, took, stderr, outcomes) = terminate(&mut service);
    assert!(status.success(), "{stderr}");
    assert!(took < Duration::from_secs(3), "{took:?}");
    assert!(outcomes.is_empty());
    assert!(stderr.contains("wrote 0 result(s)"), "{stderr}");
}

// ANCHOR: full
#[test]
fn sigterm_with_the_queue_full_still_ends_at_the_deadline() {
    let mut service = start("full", 500);
    // Eight workers busy for 5 s and 1,024 jobs queued: job 1032 waits for
    // room, and after the cancel no worker will make any.
    let jobs = (0..1100).map(|id| format!("{id} 5000")).collect();
    let mut reader = send_jobs(&service.addr, jobs);
    let first = answers(&mut reader, 1032);
    let accepted = accepted_ids(&first);
    assert_eq!(accepted.len(), 1032, "8 running and 1,024 queued");

    let (status, took, stderr, outcomes) = terminate(&mut service);
    assert!(status.success(), "{status:?}\n{stderr}");
    assert!(took < Duration::from_millis(2500), "{took:?}\n{stderr}");
    // The job waiting for room was never queued: rejected, if answered.
    let rest = answers(&mut reader, 100);
    assert!(rest.iter().all(|a| a.starts_with("rejected ")), "{rest:?}");
    assert_eq!(outcomes.keys().copied().collect::<Vec<_>>(), accepted);
    let count = |word: &str| outcomes.values().filter(|w| *w == &[word]).count();
    assert_eq!((count("aborted"), count("returned")), (8, 1024));
}
// ANCHOR_END: full
