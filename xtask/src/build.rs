//! `cargo xtask build`: the book in book/, built by the pinned mdbook with
//! the quiz preprocessor. A warning fails the build: mdBook reports a broken
//! include or a missing file as a warning and carries on.

use crate::process::{self, root};
use crate::setup;
use anyhow::{Context, Result, ensure};
use std::path::PathBuf;

pub fn run() -> Result<PathBuf> {
    setup::run()?;
    process::step("building the book with mdbook into book/");
    let mut command = setup::mdbook();
    command.arg("build");
    eprintln!("    $ {}", process::describe(&command));
    let output = command
        .output()
        .context("could not run .tools/bin/mdbook")?;
    let log = String::from_utf8_lossy(&output.stderr);
    eprint!("{}", String::from_utf8_lossy(&output.stdout));
    eprint!("{log}");
    ensure!(output.status.success(), "mdbook build failed");
    let complaints: Vec<&str> = log
        .lines()
        .filter(|line| line.contains("WARN") || line.contains("ERROR"))
        .collect();
    ensure!(
        complaints.is_empty(),
        "mdbook build warned; the book must build cleanly:\n{}",
        complaints.join("\n")
    );
    Ok(root().join("book"))
}
