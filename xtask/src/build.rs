//! `cargo xtask build`: the book in book/, built by the pinned mdbook with
//! the quiz preprocessor. A warning fails the build: mdBook reports a broken
//! include or a missing file as a warning and carries on.

use crate::process::{self, root};
use crate::setup;
use anyhow::{Context, Result, ensure};
use std::path::{Path, PathBuf};

pub fn run() -> Result<PathBuf> {
    run_into(&root().join("book"))
}

/// Builds the book into `dest` (a chapter's check builds its own copy, so
/// that it does not race `cargo xtask serve` or another check for book/).
pub fn run_into(dest: &Path) -> Result<PathBuf> {
    setup::run()?;
    process::step(&format!(
        "building the book with mdbook into {}/",
        process::shown(dest)
    ));
    let mut command = setup::mdbook();
    command.arg("build").arg("--dest-dir").arg(dest);
    eprintln!("    $ {}", process::describe(&command));
    let output = command
        .output()
        .context("could not run .tools/bin/mdbook")?;
    let log = String::from_utf8_lossy(&output.stderr);
    eprint!("{}", String::from_utf8_lossy(&output.stdout));
    eprint!("{log}");
    ensure!(output.status.success(), "mdbook build failed");
    let complaints = complaints(&log);
    ensure!(
        complaints.is_empty(),
        "mdbook build complained; the book must build cleanly:\n{}",
        complaints.join("\n")
    );
    Ok(dest.to_path_buf())
}

/// The lines of mdbook's log that report a problem. mdbook 0.5 logs a missing
/// include as ERROR and still exits with success.
fn complaints(log: &str) -> Vec<&str> {
    log.lines()
        .filter(|line| {
            let level = line.split_whitespace().next().unwrap_or_default();
            level == "WARN"
                || level == "ERROR"
                || line.contains("[WARN]")
                || line.contains("[ERROR]")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::complaints;

    #[test]
    fn a_missing_include_is_a_complaint_though_mdbook_succeeds() {
        // What mdbook 0.5.4 printed, with exit status 0, for a page that
        // includes a file that does not exist.
        let log = "\
 INFO Book building has started
ERROR Error updating \"{{#include missing.rs}}\", Could not read file for link {{#include missing.rs}} (/tmp/mdw/src/missing.rs)
 WARN Caused By: failed to read `/tmp/mdw/src/missing.rs`
 INFO Running the html backend
2026-11-23 13:37:28 [INFO] (mdbook_quiz): Running the mdbook-quiz preprocessor
 INFO HTML book written to `/tmp/mdw/book`
";
        let found = complaints(log);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("missing.rs"));
    }
}
