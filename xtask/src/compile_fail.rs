//! The compile-fail cases (listings/<stem>/compile-fail/name.rs, each with
//! rustc's message in name.stderr, checked by trybuild in
//! tests/compile_fail.rs): which there are, that their messages do not
//! depend on where the book is checked out, and which rustc recorded them.
//!
//! rustc's wording changes between versions, and this machine cannot pin a
//! toolchain with rust-toolchain.toml (it can fetch none), so the version
//! that wrote the .stderr files is recorded beside them, and a run says so
//! when it differs.

use crate::book::Stem;
use crate::process::{self, root};
use anyhow::{Context, Result, ensure};
use fs_err as fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where `cargo xtask bless` records the rustc that wrote the .stderr files.
pub const RECORDED_WITH: &str = "listings/compile-fail-rustc.txt";

/// The compile-fail cases (listings/*/compile-fail/*.rs), relative to the
/// root; with a stem, that chapter's. Every .stderr there must belong to a
/// case: one left behind by a deleted case would go on being shown and
/// never checked.
pub fn cases(stem: Option<&Stem>) -> Result<Vec<PathBuf>> {
    let mut cases = Vec::new();
    let mut problems = Vec::new();
    let dir = match stem {
        None => root().join("listings"),
        Some(stem) => root().join(stem.listings()),
    };
    if !dir.is_dir() {
        return Ok(cases);
    }
    for file in process::files_under(&dir)? {
        let file = file.strip_prefix(root())?.to_path_buf();
        let in_case_dir = file
            .parent()
            .is_some_and(|dir| dir.ends_with("compile-fail"));
        match file.extension().and_then(|e| e.to_str()) {
            Some("rs") if in_case_dir => cases.push(file),
            Some("stderr") if !root().join(file.with_extension("rs")).is_file() => {
                problems.push(format!(
                    "{}: no compile-fail case beside it; delete it",
                    file.display()
                ));
            }
            Some("stderr") => {
                let text = fs::read_to_string(root().join(&file))?;
                if let Some(line) = path_dependent_line(&text) {
                    problems.push(format!(
                        "{}:{line}: rustc names an `async` block or closure here by its \
                         source file's full path, and lays the message out differently \
                         when that path is longer, so the case would fail in a checkout \
                         elsewhere; use an `async fn` or a named function instead",
                        file.display()
                    ));
                }
            }
            _ => {}
        }
    }
    ensure!(problems.is_empty(), "{}", problems.join("\n"));
    Ok(cases)
}

/// The first line (1-based) of a .stderr that shows the type of an `async`
/// block or a closure, which rustc names by absolute path
/// (`{async block@$DIR/...}` once trybuild has normalised it).
fn path_dependent_line(stderr: &str) -> Option<usize> {
    stderr
        .lines()
        .position(|line| line.contains("@$DIR/"))
        .map(|index| index + 1)
}

/// `rustc --version` of the toolchain that runs xtask.
pub fn rustc_version() -> Result<String> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let output = Command::new(&rustc)
        .arg("--version")
        .output()
        .context("could not run `rustc --version`")?;
    ensure!(output.status.success(), "`rustc --version` failed");
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// Records `rustc` as the version that wrote the .stderr files.
pub fn record(rustc: &str) -> Result<()> {
    fs::write(root().join(RECORDED_WITH), format!("{rustc}\n"))?;
    Ok(())
}

/// Says when `rustc` is not the version that wrote the .stderr files; in CI
/// (CI set) that is an error, since the messages would not match.
pub fn check_recorded_with(rustc: &str) -> Result<()> {
    let in_ci = std::env::var("CI").is_ok_and(|ci| !ci.is_empty() && ci != "false");
    match mismatch(&root().join(RECORDED_WITH), rustc)? {
        None => Ok(()),
        Some(problem) if in_ci => Err(anyhow::anyhow!(problem)),
        Some(problem) => {
            eprintln!("    warning: {problem}");
            Ok(())
        }
    }
}

fn mismatch(recorded: &Path, rustc: &str) -> Result<Option<String>> {
    let recorded_text = fs::read_to_string(recorded)?;
    let recorded_version = recorded_text.trim();
    // "rustc 1.95.0 (59807616e 2026-04-14)": the release is what matters.
    let release = |version: &str| version.split_whitespace().nth(1).map(str::to_owned);
    Ok((release(recorded_version) != release(rustc)).then(|| {
        format!(
            "{}: the compile-fail messages were recorded with {recorded_version}, and this is \
             {rustc}; rustc words its messages differently between versions, so the \
             compile-fail cases may fail. Use {recorded_version}, or run `cargo xtask bless` \
             and review how the messages changed",
            process::shown(recorded)
        )
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stderr_naming_an_async_block_by_path_is_found() {
        let stderr = "error[E0277]: `{async block@$DIR/x.rs:5:19: 5:24}` cannot be unpinned\n";
        assert_eq!(path_dependent_line(&format!("error: x\n{stderr}")), Some(2));
        assert_eq!(
            path_dependent_line("error: `{async fn body of f()}` cannot be unpinned\n"),
            None
        );
    }

    #[test]
    fn a_different_rustc_is_named_with_the_way_out() {
        let recorded = crate::process::fixture("compile-fail-rustc.txt");
        assert_eq!(
            mismatch(&recorded, "rustc 1.95.0 (59807616e 2026-04-14)").unwrap(),
            None
        );
        // A different build of the same release words its messages alike.
        assert_eq!(
            mismatch(&recorded, "rustc 1.95.0 (0000000 2026-05-01)").unwrap(),
            None
        );
        let problem = mismatch(&recorded, "rustc 1.97.0 (abc 2026-07-07)")
            .unwrap()
            .unwrap();
        assert!(problem.starts_with("xtask/fixtures/compile-fail-rustc.txt: the compile-fail messages were recorded with rustc 1.95.0"), "{problem}");
        assert!(problem.contains("cargo xtask bless"), "{problem}");
    }
}
