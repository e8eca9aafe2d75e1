//! Exercise crates (exercises/chNN-slug): the reader's starter code in src/,
//! the solution swapped in by the `solution` feature, and tests that must
//! pass on the solution (checked with the rest of the workspace) and fail on
//! the starter (checked here: a test that passes before the reader has
//! written anything does not test the exercise).

use crate::process::cargo;
use crate::workspace::Package;
use anyhow::{Context, Result, ensure};

pub fn check_starters(exercises: &[Package]) -> Result<()> {
    for exercise in exercises {
        let mut command = cargo();
        command.args(["test", "--package", &exercise.name, "--no-fail-fast"]);
        eprintln!("    $ {}", crate::process::describe(&command));
        let output = command.output().context("could not run cargo test")?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        let dir = exercise.dir.display();
        // A build failure leaves no test results at all.
        let results: Vec<&str> = stdout
            .lines()
            .filter(|l| l.starts_with("test result:"))
            .collect();
        ensure!(
            !results.is_empty(),
            "{dir}: the starter code does not build; a reader must be able to run its tests:\n{}",
            String::from_utf8_lossy(&output.stderr)
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
        eprintln!("    {dir}: all {failing} tests fail on the starter code, as they should");
    }
    Ok(())
}
