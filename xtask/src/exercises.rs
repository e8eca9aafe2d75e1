//! Exercise crates (exercises/chNN-slug): the reader's starter code in src/,
//! the solution swapped in by the `solution` feature, wrong solutions swapped
//! in by `wrong-...` features, and tests that must pass on the solution
//! (checked with the rest of the workspace) and fail on the starter and on
//! every wrong solution (checked here: a test that passes before the reader
//! has written anything, or on a plausible wrong answer, does not test the
//! exercise).
//!
//! Module `name` of an exercise crate (src/name.rs) has its tests in
//! tests/name.rs, its solution in solution/name.rs and at least two wrong
//! solutions in wrong/name/what.rs, each switched in by the feature
//! `wrong-name-what` (with underscores turned into hyphens) through a
//! `#[cfg_attr(feature = ..., path = ...)]` on the module in src/lib.rs.

use crate::process::{self, cargo, root};
use crate::workspace::Package;
use anyhow::{Context, Result, anyhow, ensure};
use fs_err as fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// For building and running a starter's or a wrong solution's tests: one
/// that hangs fails.
const TIME_LIMIT: Duration = Duration::from_secs(600);

/// The fewest wrong solutions each exercise module keeps.
const WRONG_PER_MODULE: usize = 2;

pub fn check_starters(exercises: &[&Package]) -> Result<()> {
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
        let dir = exercise.dir.display().to_string();
        let failing = run_failing(&mut command, |stdout| judge_starter(&dir, stdout))?;
        eprintln!("    {dir}: all {failing} tests fail on the starter code, as they should");
    }
    Ok(())
}

/// A wrong solution: the file, the module it replaces, the feature that
/// switches it in.
#[derive(Debug, PartialEq)]
pub struct Wrong {
    /// Relative to the root: exercises/chNN-slug/wrong/name/what.rs.
    pub file: PathBuf,
    pub module: String,
    pub feature: String,
}

/// Finds each module's wrong solutions and checks that they are wired up:
/// at least two per module, each with its feature and its `cfg_attr` line.
pub fn wrong_solutions(exercise: &Package) -> Result<Vec<Wrong>> {
    let dir = root().join(&exercise.dir);
    let lib_path = dir.join("src/lib.rs");
    let lib = fs::read_to_string(&lib_path)
        .with_context(|| format!("reading {}", process::shown(&lib_path)))?;
    let mut problems = Vec::new();
    let mut found = Vec::new();
    for module in modules(&dir)? {
        let wrong_dir = dir.join("wrong").join(&module);
        let mut files: Vec<PathBuf> = match fs::read_dir(&wrong_dir) {
            Ok(entries) => entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "rs"))
                .collect(),
            Err(_) => Vec::new(),
        };
        files.sort();
        let shown_dir = exercise.dir.join("wrong").join(&module);
        if files.len() < WRONG_PER_MODULE {
            problems.push(format!(
                "{}/: module `{module}` has {} wrong solutions; keep at least \
                 {WRONG_PER_MODULE}, the mistakes the chapter warns about, that its tests \
                 must catch (see Wrong solutions in README.md)",
                shown_dir.display(),
                files.len()
            ));
        }
        if !dir.join("tests").join(format!("{module}.rs")).is_file() {
            problems.push(format!(
                "{}: module `{module}` has no tests/{module}.rs, which its solutions are \
                 tested with",
                exercise
                    .dir
                    .join("src")
                    .join(format!("{module}.rs"))
                    .display()
            ));
        }
        for file in files {
            let what = file.file_stem().context("a file name")?.to_string_lossy();
            let feature = format!("wrong-{module}-{what}").replace('_', "-");
            let relative = file.strip_prefix(root())?.to_path_buf();
            let path_attr = format!("../wrong/{module}/{what}.rs");
            let attr = format!("#[cfg_attr(feature = \"{feature}\", path = \"{path_attr}\")]");
            if !exercise.features.contains(&feature) {
                problems.push(format!(
                    "{}: no feature `{feature}` in {}/Cargo.toml to switch it in; add \
                     `{feature} = []` under [features]",
                    relative.display(),
                    exercise.dir.display()
                ));
            }
            // As rustfmt may lay it out: over several lines, with a comma.
            let squeeze = |s: &str| -> String {
                let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
                s.replace(",)", ")")
            };
            if !squeeze(&lib).contains(&squeeze(&attr)) {
                problems.push(format!(
                    "{}: src/lib.rs does not switch it in; put `{attr}` on `mod {module};`",
                    relative.display()
                ));
            }
            found.push(Wrong {
                file: relative,
                module: module.clone(),
                feature,
            });
        }
    }
    for feature in exercise.features.iter().filter(|f| f.starts_with("wrong-")) {
        if !found.iter().any(|w| &w.feature == feature) {
            problems.push(format!(
                "{}/Cargo.toml: feature `{feature}` names no file in wrong/",
                exercise.dir.display()
            ));
        }
    }
    ensure!(problems.is_empty(), "{}", problems.join("\n"));
    Ok(found)
}

/// The exercise's modules: the files in src/ other than lib.rs.
fn modules(dir: &Path) -> Result<Vec<String>> {
    let src = dir.join("src");
    let mut modules = Vec::new();
    for entry in fs::read_dir(&src).with_context(|| format!("reading {}", process::shown(&src)))? {
        let path = entry?.path();
        let name = path.file_stem().unwrap_or_default().to_string_lossy();
        if path.extension().is_some_and(|e| e == "rs") && name != "lib" {
            modules.push(name.into_owned());
        }
    }
    modules.sort();
    Ok(modules)
}

/// Runs each wrong solution's tests: it must build, and a test must fail.
pub fn check_wrong_solutions(exercises: &[&Package]) -> Result<()> {
    for exercise in exercises {
        for wrong in wrong_solutions(exercise)? {
            let mut command = cargo();
            command.args([
                "test",
                "--package",
                &exercise.name,
                "--features",
                &wrong.feature,
                "--test",
                &wrong.module,
                "--no-fail-fast",
            ]);
            let file = wrong.file.display().to_string();
            let failing = run_failing(&mut command, |stdout| judge_wrong(&file, &wrong, stdout))?;
            eprintln!("    {file}: caught by {failing} failing test(s)");
        }
    }
    Ok(())
}

/// Runs tests that are expected to fail, with the time limit, and judges
/// their stdout; when they did not even build, the error shows why.
fn run_failing(
    command: &mut std::process::Command,
    judge: impl Fn(&str) -> Result<usize>,
) -> Result<usize> {
    eprintln!("    $ {}", process::describe(command));
    let output = process::run_limited(command, TIME_LIMIT)?;
    ensure!(
        !output.timed_out,
        "`{}` ran for more than {}s; with the code missing or wrong, a test should fail, not \
         hang (give it a timeout)",
        process::describe(command),
        TIME_LIMIT.as_secs()
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    judge(&stdout).map_err(|error| {
        if stdout.contains("test result:") {
            error
        } else {
            anyhow!("{error}:\n{}", String::from_utf8_lossy(&output.stderr))
        }
    })
}

/// From `cargo test`'s stdout on a wrong solution: how many tests caught it.
fn judge_wrong(file: &str, wrong: &Wrong, stdout: &str) -> Result<usize> {
    let results = Results::of(stdout).with_context(|| {
        format!(
            "{file}: this wrong solution does not build; keep it compiling, so that the \
             tests (not the compiler) must catch the mistake"
        )
    })?;
    ensure!(
        results.failing > 0,
        "{file}: this wrong solution passes every test in tests/{}.rs; the tests must catch \
         the mistake it makes",
        wrong.module
    );
    Ok(results.failing)
}

/// What `cargo test` reported: the tests that passed, and how many failed.
struct Results<'a> {
    passing: Vec<&'a str>,
    failing: usize,
}

impl<'a> Results<'a> {
    /// `None` when nothing ran: a build failure leaves no test results.
    fn of(stdout: &'a str) -> Option<Results<'a>> {
        stdout
            .lines()
            .any(|l| l.starts_with("test result:"))
            .then(|| Results {
                passing: stdout
                    .lines()
                    .filter_map(|l| l.strip_prefix("test ")?.strip_suffix(" ... ok"))
                    .collect(),
                failing: stdout
                    .lines()
                    .filter(|l| l.ends_with(" ... FAILED"))
                    .count(),
            })
    }
}

/// From `cargo test`'s stdout on the starter code: the number of tests, all
/// of which must have failed.
fn judge_starter(dir: &str, stdout: &str) -> Result<usize> {
    let results = Results::of(stdout).with_context(|| {
        format!("{dir}: the starter code does not build; a reader must be able to run its tests")
    })?;
    ensure!(
        results.passing.is_empty(),
        "{dir}: these tests pass on the starter code, so they do not test the exercise: {}",
        results.passing.join(", ")
    );
    ensure!(
        results.failing > 0,
        "{dir}: has no tests for the reader to make pass"
    );
    Ok(results.failing)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn a_wrong_solution_that_passes_or_does_not_build_is_named() {
        let wrong = Wrong {
            file: "exercises/chNN/wrong/hedge/unbiased.rs".into(),
            module: "hedge".into(),
            feature: "wrong-hedge-unbiased".into(),
        };
        let file = "exercises/chNN/wrong/hedge/unbiased.rs";
        let passing = "test a ... ok\ntest b ... ok\ntest result: ok. 2 passed; 0 failed\n";
        let error = judge_wrong(file, &wrong, passing).unwrap_err().to_string();
        assert_eq!(
            error,
            "exercises/chNN/wrong/hedge/unbiased.rs: this wrong solution passes every test in \
             tests/hedge.rs; the tests must catch the mistake it makes"
        );
        assert!(
            judge_wrong(file, &wrong, "")
                .unwrap_err()
                .to_string()
                .contains("does not build")
        );
        let caught = "test a ... FAILED\ntest b ... ok\ntest result: FAILED. 1 passed; 1 failed\n";
        assert_eq!(judge_wrong(file, &wrong, caught).unwrap(), 1);
    }

    #[test]
    fn wrong_solutions_must_be_two_per_module_and_wired_up() {
        // xtask/fixtures/exercise: module `adder` has one wrong solution
        // with no feature and no cfg_attr; module `big_step` has two, one of
        // them wired up; a feature names no file.
        let exercise = Package {
            name: "exercises-fixture".into(),
            dir: "xtask/fixtures/exercise".into(),
            has_feature_solution: true,
            features: vec![
                "solution".into(),
                "wrong-big-step-too-far".into(),
                "wrong-big-step-stale".into(),
            ],
            has_bin: false,
        };
        let error = wrong_solutions(&exercise).unwrap_err().to_string();
        let expected = [
            "xtask/fixtures/exercise/wrong/adder/: module `adder` has 1 wrong solutions; keep \
             at least 2",
            "xtask/fixtures/exercise/wrong/adder/off_by_one.rs: no feature \
             `wrong-adder-off-by-one`",
            "xtask/fixtures/exercise/wrong/adder/off_by_one.rs: src/lib.rs does not switch it \
             in; put `#[cfg_attr(feature = \"wrong-adder-off-by-one\", path = \
             \"../wrong/adder/off_by_one.rs\")]` on `mod adder;`",
            "xtask/fixtures/exercise/wrong/big_step/unwired.rs: no feature \
             `wrong-big-step-unwired`",
            "xtask/fixtures/exercise/src/big_step.rs: module `big_step` has no tests/big_step.rs",
            "xtask/fixtures/exercise/Cargo.toml: feature `wrong-big-step-stale` names no file",
        ];
        for line in expected {
            assert!(error.contains(line), "missing {line:?} in:\n{error}");
        }
        assert!(!error.contains("too_far.rs"), "{error}");
    }
}
