//! Exercise crates (exercises/chNN-slug): the reader's starter code in src/,
//! the solution swapped in by the `solution` feature, and tests that must
//! pass on the solution (checked with the rest of the workspace) and fail on
//! the starter (checked here: a test that passes before the reader has
//! written anything does not test the exercise).

use crate::process::{self, cargo};
use crate::workspace::Package;
use anyhow::{Result, anyhow, ensure};
use std::time::Duration;

/// For building and running a starter's tests: a starter that hangs fails.
const TIME_LIMIT: Duration = Duration::from_secs(600);

pub fn check_starters(exercises: &[Package]) -> Result<()> {
    for exercise in exercises {
        let mut command = cargo();
        // `--tests`: the library's and the integration tests, not doc-tests.
        command.args([
            "test",
            "--package",
            &exercise.name,
            "--tests",
            "--no-fail-fast",
        ]);
        eprintln!("    $ {}", process::describe(&command));
        let output = process::run_limited(&mut command, TIME_LIMIT)?;
        let dir = exercise.dir.display().to_string();
        ensure!(
            !output.timed_out,
            "{dir}: the starter's tests ran for more than {}s; with the code missing, a test \
             should fail, not hang (give it a timeout)",
            TIME_LIMIT.as_secs()
        );
        let stdout = String::from_utf8_lossy(&output.stdout);
        let failing = judge_starter(&dir, &stdout).map_err(|error| {
            if stdout.contains("test result:") {
                error
            } else {
                // It did not build: show why.
                anyhow!("{error}:\n{}", String::from_utf8_lossy(&output.stderr))
            }
        })?;
        eprintln!("    {dir}: all {failing} tests fail on the starter code, as they should");
    }
    Ok(())
}

/// From `cargo test`'s stdout on the starter code: the number of tests, all
/// of which must have failed.
fn judge_starter(dir: &str, stdout: &str) -> Result<usize> {
    // A build failure leaves no test results at all.
    ensure!(
        stdout.lines().any(|l| l.starts_with("test result:")),
        "{dir}: the starter code does not build; a reader must be able to run its tests"
    );
    let passing: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("test ")?.strip_suffix(" ... ok"))
        .collect();
    ensure!(
        passing.is_empty(),
        "{dir}: these tests pass on the starter code, so they do not test the exercise: {}",
        passing.join(", ")
    );
    let failing = stdout
        .lines()
        .filter(|l| l.ends_with(" ... FAILED"))
        .count();
    ensure!(
        failing > 0,
        "{dir}: has no tests for the reader to make pass"
    );
    Ok(failing)
}

#[cfg(test)]
mod tests {
    use super::judge_starter;

    #[test]
    fn a_test_that_passes_on_the_starter_is_named() {
        let stdout = "\
running 2 tests
test adds_up ... FAILED
test asserts_nothing ... ok
test result: FAILED. 1 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out
";
        let error = judge_starter("exercises/chNN", stdout)
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "exercises/chNN: these tests pass on the starter code, so they do not test the \
             exercise: asserts_nothing"
        );
    }

    #[test]
    fn a_starter_that_does_not_build_or_has_no_tests_fails() {
        assert!(judge_starter("x", "").is_err());
        assert!(judge_starter("x", "test result: ok. 0 passed; 0 failed\n").is_err());
        let all_failing =
            "test a ... FAILED\ntest b ... FAILED\ntest result: FAILED. 0 passed; 2 failed\n";
        assert_eq!(judge_starter("x", all_failing).unwrap(), 2);
    }
}
