//! `cargo xtask test`: every check the book has, in order, stopping at the
//! first failure with the file at fault. CI runs exactly this.

use crate::process::{self, cargo, root, step};
use crate::{build, exercises, links, listings, quizzes, snippets, workspace};
use anyhow::{Result, bail};
use std::time::Instant;

pub fn run() -> Result<()> {
    let started = Instant::now();
    let exercises = workspace::exercises()?;
    // Exercise crates are tested with their solution; their starter code is
    // checked separately (its tests must fail).
    let solutions: Vec<String> = exercises
        .iter()
        .map(|e| format!("{}/solution", e.name))
        .collect();
    let features = format!("--features={}", solutions.join(","));

    step("1/6 format: cargo fmt --check, and rustfmt on the compile-fail cases");
    process::run(cargo().args(["fmt", "--all", "--check"]))?;
    let cases = compile_fail_cases()?;
    if !cases.is_empty() {
        let mut rustfmt = std::process::Command::new("rustfmt");
        rustfmt
            .current_dir(root())
            .args(["--check", "--edition", "2024"]);
        rustfmt.args(
            cases
                .iter()
                .map(|case| case.strip_prefix(root()).unwrap_or(case)),
        );
        process::run(&mut rustfmt)?;
    }
    step("1/6 lint: cargo clippy, warnings denied");
    process::run(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        &features,
        "--",
        "-D",
        "warnings",
    ]))?;

    step(
        "2/6 tests: snippets (skeptic), compile-fail cases (trybuild), listings, exercise solutions, xtask",
    );
    let (passed, output) = process::run_teed(cargo().args(["test", "--workspace", &features]))?;
    if !passed {
        bail!("cargo test failed:\n{}", explain_failures(&output));
    }
    step("2/6 exercises: every test fails on the starter code");
    exercises::check_starters(&exercises)?;

    step("3/6 outputs: each listing's real stdout equals the output.txt the book shows");
    let shown = listings::build_shown()?;
    for listing in &shown {
        listings::compare(&listing.output_txt(), &listings::run(listing)?)?;
    }
    eprintln!("    {} listings' outputs match", shown.len());

    step("4/6 quizzes: policy, and every program a question shows against the compiler");
    quizzes::check()?;

    step("5/6 snippets: policy, and one skeptic test per ```rust block");
    snippets::check()?;

    step("6/6 book: mdbook build without warnings, then every internal link and anchor");
    let book = build::run()?;
    let links = links::check(&book)?;
    eprintln!("    {links} internal links resolve");

    eprintln!("\nall checks passed in {:.0?}", started.elapsed());
    Ok(())
}

fn compile_fail_cases() -> Result<Vec<std::path::PathBuf>> {
    let mut cases = Vec::new();
    for chapter in std::fs::read_dir(root().join("listings"))? {
        let dir = chapter?.path().join("compile-fail");
        if dir.is_dir() {
            for case in std::fs::read_dir(dir)? {
                let case = case?.path();
                if case.extension().is_some_and(|e| e == "rs") {
                    cases.push(case);
                }
            }
        }
    }
    cases.sort();
    Ok(cases)
}

/// Names what failed: the page and line of a failing snippet, otherwise
/// the test binary (cargo's "Running ..." line) and the test.
fn explain_failures(output: &str) -> String {
    let mut running = "";
    let mut failures = Vec::new();
    for line in output.lines() {
        if let Some(binary) = line.trim_start().strip_prefix("Running ") {
            running = binary;
        } else if let Some(test) = line
            .strip_prefix("test ")
            .and_then(|l| l.strip_suffix(" ... FAILED"))
        {
            let located = running
                .starts_with("tests/skeptic.rs")
                .then(|| snippets::locate_skeptic_test(test))
                .flatten();
            failures.push(match located {
                Some(place) => format!("  {place}: this snippet failed (skeptic test {test})"),
                None => format!("  {test} (in {running})"),
            });
        }
    }
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
    fn a_failing_snippet_is_reported_by_page_and_line() {
        let output = "\
     Running tests/compile_fail.rs (target/debug/deps/compile_fail-1)
test compiler_errors_shown_in_the_book ... ok
     Running tests/skeptic.rs (target/debug/deps/skeptic-2)
test ch01_futures_sect_futures_line_7 ... FAILED
test ch01_futures_sect_futures_line_9 ... ok
     Running unittests src/main.rs (target/debug/deps/listing_01_01-3)
test tests::counts ... FAILED
";
        assert_eq!(
            explain_failures(output),
            "  src/ch01-futures.md:7: this snippet failed (skeptic test ch01_futures_sect_futures_line_7)\n  \
             tests::counts (in unittests src/main.rs (target/debug/deps/listing_01_01-3))"
        );
    }
}
