//! `cargo xtask test`: every check the book has, in order, stopping at the
//! first failure with the file at fault. CI runs exactly this.

use crate::book::Stem;
use crate::process::{self, cargo, root, step};
use crate::{
    browser, build, compile_fail, exercises, links, listings, measure, new, quizzes, setup,
    snippets, spelling, workspace,
};
use anyhow::{Result, bail, ensure};
use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

/// Every check, or with a chapter's stem (`ch03-runtimes`) every check of
/// that chapter: its packages, snippets, compile-fail cases, outputs, quiz,
/// exercises, captions and links, and the browser tests of its page.
pub fn run(stem: Option<&str>) -> Result<()> {
    let started = Instant::now();
    let stem = stem.map(workspace::find_stem).transpose()?;
    let stem = stem.as_ref();
    step("0/7 tools: the pinned mdbook, mdbook-quiz and typos, and what the workspace holds");
    setup::run_all()?;
    let packages = workspace::packages()?;
    workspace::check_members(&packages)?;
    let rustc = compile_fail::rustc_version()?;
    eprintln!("    {rustc}");
    // A chapter fresh from `cargo xtask new` stops here, with the list of
    // what is left to write.
    let unfinished = new::unfinished(stem)?;
    ensure!(
        unfinished.is_empty(),
        "left to write ({} places marked {}):\n{}",
        unfinished.len(),
        new::MARK,
        unfinished.join("\n")
    );

    let exercises = workspace::exercises(&packages, stem)?;
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
        Some(stem) => workspace::of_chapter(&packages, stem)
            .flat_map(|p| ["--package".to_owned(), p.name.clone()])
            .collect(),
    };

    // First, so that a misspelling fails in a second, not after clippy.
    step("1/7 spelling: typos on the pages, the quizzes and the README");
    spelling::check(stem)?;
    step("1/7 format: cargo fmt --check, and rustfmt on the compile-fail cases");
    match stem {
        None => process::run(cargo().args(["fmt", "--all", "--check"]))?,
        Some(_) if !selection.is_empty() => {
            process::run(cargo().arg("fmt").args(&selection).arg("--check"))?
        }
        Some(_) => {}
    }
    let cases = compile_fail::cases(stem)?;
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
    // Said before the tests, so that a wording changed by a newer rustc is
    // not a mystery when trybuild reports it.
    compile_fail::check_recorded_with(&rustc)?;
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
            skeptic.args(["--", &format!("{}_", snippets::sanitize(&stem.text))]);
            runs.push(skeptic);
            let mut trybuild = cargo();
            trybuild.args([
                "test",
                "--package",
                "async-rust-tested",
                "--test",
                "compile_fail",
            ]);
            trybuild.env("BOOK_CHAPTER", &stem.text);
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
    step(
        "3/7 measurements: each results.txt headed by its machine and measured from the listing as it is",
    );
    let measured = measure::check(stem)?;
    eprintln!("    {measured} results files are current");

    step("4/7 quizzes: policy, and every program a question shows against the compiler");
    quizzes::check(stem)?;

    step(
        "5/7 pages: snippets, one skeptic test for each ```rust block; captions and links between chapters",
    );
    snippets::check(stem)?;

    step("6/7 book: mdbook build without warnings, then every internal link and anchor");
    let book = match stem {
        None => build::run()?,
        Some(stem) => build::run_into(&root().join("target/book-check").join(&stem.text))?,
    };
    let page = stem.map(Stem::html);
    let links = links::check(&book, page.as_deref())?;
    eprintln!("    {links} internal links resolve");

    step(
        "7/7 browser: pages, quiz, search, themes, accessibility, keyboard and phone in headless Chromium",
    );
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
