//! The service as a real child process: jobs in over TCP, SIGTERM sent
//! with the `kill` program, then the results file read back.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

struct Service {
    child: Child,
    addr: String,
    results: PathBuf,
}

fn start(name: &str, deadline_ms: u64) -> Service {
    let results = std::env::temp_dir().join(format!("ch09-{name}-{}.txt", std::process::id()));
    let mut child = Command::new(env!("CARGO_BIN_EXE_listing-09-04-job-service"))
        .arg(&results)
        .arg(deadline_ms.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.as_mut().unwrap())
        .read_line(&mut first)
        .unwrap();
    let addr = first
        .trim()
        .strip_prefix("listening on ")
        .unwrap()
        .to_string();
    Service {
        child,
        addr,
        results,
    }
}

/// Sends `jobs` on one connection and returns the ids the service accepted.
fn submit(addr: &str, jobs: Vec<String>) -> Vec<u64> {
    let stream = TcpStream::connect(addr).unwrap();
    let mut writer = stream.try_clone().unwrap();
    let count = jobs.len();
    let sender = std::thread::spawn(move || {
        for job in jobs {
            writeln!(writer, "{job}").unwrap();
        }
    });
    let mut accepted = Vec::new();
    for line in BufReader::new(stream).lines().take(count) {
        let line = line.unwrap();
        if let Some(id) = line.strip_prefix("accepted ") {
            accepted.push(id.parse().unwrap());
        }
    }
    sender.join().unwrap();
    accepted
}

/// Sends SIGTERM and waits (at most 20 s) for the process to exit.
fn terminate(mut service: Service) -> (ExitStatus, Duration, String, BTreeMap<u64, Vec<String>>) {
    let sent = Instant::now();
    let status = Command::new("kill")
        .args(["-TERM", &service.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let mut stderr = service.child.stderr.take().unwrap();
    let (done_tx, done_rx) = mpsc::channel();
    let mut child = service.child;
    std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stderr, &mut text).unwrap();
        done_tx.send((child.wait().unwrap(), text)).unwrap();
    });
    let (status, stderr) = done_rx
        .recv_timeout(Duration::from_secs(20))
        .expect("the service did not exit within 20 s of SIGTERM");
    let took = sent.elapsed();
    let mut outcomes: BTreeMap<u64, Vec<String>> = BTreeMap::new();
    let text = std::fs::read_to_string(&service.results).unwrap();
    std::fs::remove_file(&service.results).unwrap();
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
    let service = start("load", 3000);
    // Job 0 is long, and surely in flight when SIGTERM comes.
    let mut jobs = vec!["0 300".to_string()];
    jobs.extend((1..500).map(|id| format!("{id} {}", 10 + id % 20)));
    let accepted = submit(&service.addr, jobs);
    assert_eq!(accepted.len(), 500, "all accepted before the signal");

    let (status, took, stderr, outcomes) = terminate(service);
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
}
// ANCHOR_END: under_load

// ANCHOR: stuck
#[test]
fn a_job_that_ignores_cancellation_is_aborted_at_the_deadline() {
    let service = start("stuck", 500);
    let mut jobs = vec!["0 stuck".to_string()];
    jobs.extend((1..100).map(|id| format!("{id} 20")));
    let accepted = submit(&service.addr, jobs);
    assert_eq!(accepted.len(), 100);

    let (status, took, stderr, outcomes) = terminate(service);
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
    let service = start("idle", 3000);
    let (status, took, stderr, outcomes) = terminate(service);
    assert!(status.success(), "{stderr}");
    assert!(took < Duration::from_secs(3), "{took:?}");
    assert!(outcomes.is_empty());
    assert!(stderr.contains("wrote 0 result(s)"), "{stderr}");
}
