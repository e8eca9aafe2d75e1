//! Why the service makes its `Signal`s once: `ctrl_c()` listens only from
//! its first poll, so a SIGINT that comes between two calls is missed. The
//! test sends SIGINT to its own process with the `kill` program; tokio's
//! handler, installed first, keeps the signal from ending the process.
//! (A file of its own, so that it runs in a process of its own.)

use std::process::Command;
use std::time::Duration;
use tokio::signal::unix::{SignalKind, signal};
use tokio::time::timeout;

#[tokio::test(flavor = "current_thread")]
async fn a_sigint_between_two_ctrl_c_calls_is_missed_but_a_signal_made_once_hears_it() {
    let mut made_once = signal(SignalKind::interrupt()).unwrap();
    // One ctrl_c() listens for a while and is dropped, as in a select! loop.
    assert!(
        timeout(Duration::from_millis(10), tokio::signal::ctrl_c())
            .await
            .is_err()
    );

    let pid = std::process::id().to_string();
    let status = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(status.success());
    // The Signal made before the kill hears it, though no recv was running.
    timeout(Duration::from_secs(10), made_once.recv())
        .await
        .expect("the Signal made once heard the SIGINT");

    // A ctrl_c() called after it does not.
    let late = timeout(Duration::from_millis(300), tokio::signal::ctrl_c()).await;
    assert!(
        late.is_err(),
        "the next ctrl_c() saw a signal sent before it was made"
    );
}
