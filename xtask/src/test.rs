//! `cargo xtask test`: every check the book has, in order, stopping at the
//! first failure with the file at fault. CI runs exactly this.

use crate::process::{self, cargo, root, step};
use crate::{browser, build, exercises, links, listings, quizzes, setup, snippets, workspace};
use anyhow::{Result, bail, ensure};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Every check, or with a chapter's stem (`ch03-runtimes`) every check of
/// that chapter: its packages, snippets, compile-fail cases, outputs, quiz,
/// exercises, captions and links, and the browser tests of its page.
pub fn run(stem: Option<&str>) -> Result<()> {
    let started = Instant::now();
    if let Some(stem) = stem {
        workspace::check_stem(stem)?;
    }
    step("0/7 tools: the pinned mdbook and mdbook-quiz");
    setup::run()?;

    let exercises = workspace::exercises(stem)?;
    // Exercise crates are tested with their solution; their starter code and
    // wrong solutions are checked separately (their tests must fail).
    let solutions: Vec<String> = exercises
        .iter()
        .map(|e| format!("{}/solution", e.name))
        .collect();
    let features = format!("--features={}", solutions.join(","));
    // The packages to lint and test: the workspace, or the chapter's.
    let selection: Vec<String> = match stem {
        None => vec!["--workspace".to_owned()],
        Some(stem) => workspace::packages()?
            .into_iter()
            .filter(|p| {
                p.dir.starts_with(Path::new("listings").join(stem))
                    || p.dir == Path::new("exercises").join(stem)
            })
            .flat_map(|p| ["--package".to_owned(), p.name])
            .collect(),
    };

    step("1/7 format: cargo fmt --check, and rustfmt on the compile-fail cases");
    match stem {
        None => process::run(cargo().args(["fmt", "--all", "--check"]))?,
        Some(_) if !selection.is_empty() => {
            process::run(cargo().arg("fmt").args(&selection).arg("--check"))?
        }
        Some(_) => {}
    }
    let cases = compile_fail_cases(stem)?;
    if !cases.is_empty() {
        process::run(
            rustfmt()
                .args(["--check", "--edition", "2024"])
                .args(&cases),
        )?;
    }
    if !selection.is_empty() {
        step("1/7 lint: cargo clippy, warnings denied");
        process::run(cargo().arg("clippy").args(&selection).args([
            "--all-targets",
            &features,
            "--",
            "-D",
            "warnings",
        ]))?;
    }

    step(
        "2/7 tests: snippets (skeptic), compile-fail cases (trybuild), listings, exercise solutions, xtask",
    );
    // TRYBUILD=overwrite in the environment would rewrite .stderr files
    // instead of checking them.
    let mut runs = Vec::new();
    match stem {
        None => {
            let mut tests = cargo();
            tests.args(["test", "--workspace", &features]);
            runs.push(tests);
        }
        Some(stem) => {
            if !selection.is_empty() {
                let mut tests = cargo();
                tests.arg("test").args(&selection).arg(&features);
                runs.push(tests);
            }
            let mut skeptic = cargo();
            skeptic.args([
                "test",
                "--package",
                "async-rust-tested",
                "--test",
                "skeptic",
            ]);
            skeptic.args(["--", &format!("{}_", snippets::sanitize(stem))]);
            runs.push(skeptic);
            let mut trybuild = cargo();
            trybuild.args([
                "test",
                "--package",
                "async-rust-tested",
                "--test",
                "compile_fail",
            ]);
            trybuild.env("BOOK_CHAPTER", stem);
            runs.push(trybuild);
        }
    }
    for mut tests in runs {
        let (passed, output) = process::run_teed(tests.env_remove("TRYBUILD"))?;
        if !passed {
            bail!("cargo test failed:\n{}", explain_failures(&output));
        }
    }
    step("2/7 starters: every exercise test fails on the starter code");
    exercises::check_starters(&exercises)?;
    step("2/7 wrong solutions: each fails its exercise's tests");
    exercises::check_wrong_solutions(&exercises)?;

    step("3/7 outputs: each listing's real stdout equals the output.txt the book shows");
    let shown = listings::build_shown(stem)?;
    for listing in &shown {
        listings::compare(&listing.output_txt(), &listings::run(listing)?)?;
    }
    eprintln!("    {} listings' outputs match", shown.len());

    step("4/7 quizzes: policy, and every program a question shows against the compiler");
    quizzes::check(stem)?;

    step(
        "5/7 pages: snippets, one skeptic test for each ```rust block; captions and links between chapters",
    );
    snippets::check(stem)?;

    step("6/7 book: mdbook build without warnings, then every internal link and anchor");
    let book = match stem {
        None => build::run()?,
        Some(stem) => build::run_into(&root().join("target/book-check").join(stem))?,
    };
    let links = links::check(&book, stem)?;
    eprintln!("    {links} internal links resolve");

    step("7/7 browser: the pages, quiz, search, navigation and themes in headless Chromium");
    let page = stem.map(|stem| format!("{stem}.html"));
    let browser = browser::run(&book, page.as_deref())?;

    eprintln!("\nall checks passed in {:.0?}", started.elapsed());
    if let browser::Outcome::Skipped(why) = browser {
        // The last line, so that nobody mistakes a partial run for a full one.
        eprintln!(
            "browser tests SKIPPED: {why}. To run them, install Chromium (Debian: `apt install \
             chromium`) and Node.js 20 or later, then run `cargo xtask test` again."
        );
    }
    Ok(())
}

/// rustfmt from the toolchain that runs xtask (it sits beside cargo).
fn rustfmt() -> Command {
    let beside_cargo = std::env::var_os("CARGO")
        .map(PathBuf::from)
        .map(|cargo| cargo.with_file_name("rustfmt"))
        .filter(|rustfmt| rustfmt.is_file());
    let mut command = Command::new(beside_cargo.unwrap_or_else(|| "rustfmt".into()));
    command.current_dir(root());
    command
}

/// The compile-fail cases (listings/*/compile-fail/*.rs), relative to the
/// root; with a stem, that chapter's. Every .stderr there must belong to a
/// case: one left behind by a deleted case would go on being shown and
/// never checked.
fn compile_fail_cases(stem: Option<&str>) -> Result<Vec<PathBuf>> {
    let mut cases = Vec::new();
    let mut problems = Vec::new();
    let dir = match stem {
        None => root().join("listings"),
        Some(stem) => root().join("listings").join(stem),
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
                let text = std::fs::read_to_string(root().join(&file))?;
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

/// Names what failed: the page and line of a failing snippet, otherwise the
/// test. (cargo's "Running ..." lines go to stderr, so they are not here.)
fn explain_failures(stdout: &str) -> String {
    let failures: Vec<String> = stdout
        .lines()
        .filter_map(|line| line.strip_prefix("test ")?.strip_suffix(" ... FAILED"))
        .map(|test| match snippets::locate_skeptic_test(test) {
            Some(place) => format!("  {place}: this snippet failed (skeptic test {test})"),
            None => format!("  {test}"),
        })
        .collect();
    if failures.is_empty() {
        "  (no failing test was reported: see the build errors above)".to_owned()
    } else {
        failures.join("\n")
    }
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
    fn a_failing_snippet_is_reported_by_page_and_line() {
        // What cargo test writes to stdout (its "Running" lines go to stderr).
        let stdout = "\
running 8 tests
test ch01_futures_sect_futures_line_7 ... FAILED
test ch01_futures_sect_futures_line_9 ... ok

running 3 tests
test tests::counts ... FAILED
";
        assert_eq!(
            explain_failures(stdout),
            "  src/ch01-futures.md:7: this snippet failed (skeptic test \
             ch01_futures_sect_futures_line_7)\n  tests::counts"
        );
    }
}
