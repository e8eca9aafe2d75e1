//! The programs quiz questions show, compiled and run to check what the
//! questions claim about them (see quizzes.rs for where claims come from).
//!
//! All programs go into one generated package, target/quiz-programs, one
//! binary each, built with the root package's dev-dependencies at the
//! versions in Cargo.lock and into the workspace's target directory, so the
//! dependencies are the builds the tests already made.

use crate::process::{self, cargo, root};
use anyhow::{Context, Result, ensure};
use fs_err as fs;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;
use toml::Table;

/// What a question says the compiler makes of its program.
#[derive(Debug, Clone, PartialEq)]
pub enum Claim {
    /// It compiles, runs successfully and prints this (compared trimmed, as
    /// mdbook-quiz compares Tracing answers).
    Prints(String),
    /// It compiles, and when run it panics (or otherwise fails) with this
    /// text in its stderr.
    Panics(String),
    /// It does not compile; with a code, one of the errors has that code;
    /// with a line, rustc's first error points at that line.
    FailsWith {
        code: Option<String>,
        line: Option<usize>,
    },
}

/// A program shown by a question, with what the question claims about it.
pub struct Program {
    /// `quizzes/chNN-slug.toml: question N (line L)`, for messages.
    pub question: String,
    /// A name usable as a binary name.
    pub name: String,
    pub source: String,
    pub claim: Claim,
}

/// Where and with what quiz programs are compiled.
pub struct Compiler {
    /// The generated package (one binary per program).
    pub project: PathBuf,
    pub target_dir: PathBuf,
    /// The `[dependencies]` programs may use.
    pub dependencies: Table,
    /// The workspace's `[profile]` table, if it has one.
    pub profile: Option<Table>,
}

impl Compiler {
    /// Programs get what snippets get: the root package's dev-dependencies,
    /// minus the test harnesses. A chapter's check (`stem`) gets a package
    /// of its own, so that checks of two chapters can run at once.
    pub fn workspace(stem: Option<&str>) -> Result<Compiler> {
        let manifest: Table = toml::from_str(&fs::read_to_string(root().join("Cargo.toml"))?)?;
        let section = |path: &[&str]| -> Table {
            let mut value = manifest.get(path[0]);
            for key in &path[1..] {
                value = value.and_then(|v| v.get(key));
            }
            value
                .and_then(|v| v.as_table())
                .cloned()
                .unwrap_or_default()
        };
        let shared = section(&["workspace", "dependencies"]);
        let mut dependencies = Table::new();
        for (name, spec) in section(&["dev-dependencies"]) {
            if name == "skeptic" || name == "trybuild" {
                continue;
            }
            let spec = if spec.get("workspace").and_then(|w| w.as_bool()) == Some(true) {
                shared.get(&name).cloned().with_context(|| {
                    format!("Cargo.toml: {name} is not in [workspace.dependencies]")
                })?
            } else {
                spec
            };
            dependencies.insert(name, spec);
        }
        Ok(Compiler {
            project: root().join(match stem {
                None => "target/quiz-programs".to_owned(),
                Some(stem) => format!("target/quiz-programs-{stem}"),
            }),
            target_dir: root().join("target"),
            dependencies,
            profile: manifest.get("profile").and_then(|p| p.as_table()).cloned(),
        })
    }
}

/// Compiles every program and checks each claim; reports every question
/// whose claim is wrong.
pub fn check(programs: &[Program], compiler: &Compiler) -> Result<()> {
    if programs.is_empty() {
        return Ok(());
    }
    let verdicts = compile(programs, compiler)?;
    let mut problems = Vec::new();
    for program in programs {
        if let Err(problem) = judge(program, &verdicts[&program.name]) {
            problems.push(format!("{}: {problem}", program.question));
        }
    }
    ensure!(problems.is_empty(), "{}", problems.join("\n"));
    Ok(())
}

#[derive(Default)]
struct Verdict {
    executable: Option<PathBuf>,
    /// Each error's code (an error code or a lint name; "" if none), its
    /// message, and the line in the program its primary span points at.
    errors: Vec<(String, String, Option<usize>)>,
    rendered: String,
}

fn compile(programs: &[Program], compiler: &Compiler) -> Result<BTreeMap<String, Verdict>> {
    let sources = compiler.project.join("programs");
    fs::create_dir_all(&sources)?;
    let mut bins = Vec::new();
    for program in programs {
        fs::write(
            sources.join(format!("{}.rs", program.name)),
            &program.source,
        )?;
        let mut bin = Table::new();
        bin.insert("name".into(), program.name.clone().into());
        bin.insert(
            "path".into(),
            format!("programs/{}.rs", program.name).into(),
        );
        bins.push(toml::Value::Table(bin));
    }
    let mut manifest = Table::new();
    let package = toml::toml! {
        name = "quiz-programs"
        version = "0.0.0"
        edition = "2024"
        publish = false
        autobins = false
    };
    manifest.insert("package".into(), package.into());
    manifest.insert("dependencies".into(), compiler.dependencies.clone().into());
    manifest.insert("bin".into(), bins.into());
    // An empty [workspace] makes this package its own workspace.
    manifest.insert("workspace".into(), Table::new().into());
    // The book's profiles, so that the dependencies built for the tests
    // (same target directory) are the ones these programs link.
    if let Some(profile) = &compiler.profile {
        manifest.insert("profile".into(), profile.clone().into());
    }
    fs::write(
        compiler.project.join("Cargo.toml"),
        toml::to_string(&manifest)?,
    )?;
    if root().join("Cargo.lock").is_file() {
        // The book's lock file, so programs use the versions everything else uses.
        fs::copy(
            root().join("Cargo.lock"),
            compiler.project.join("Cargo.lock"),
        )?;
    }

    let output = process::capture(
        cargo()
            .current_dir(&compiler.project)
            .env("CARGO_TARGET_DIR", &compiler.target_dir)
            .args(["build", "--bins", "--keep-going", "--message-format=json"]),
    )?;
    let mut verdicts: BTreeMap<String, Verdict> = programs
        .iter()
        .map(|p| (p.name.clone(), Verdict::default()))
        .collect();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let Some(name) = message["target"]["name"].as_str() else {
            continue;
        };
        let Some(verdict) = verdicts.get_mut(name) else {
            continue;
        };
        match message["reason"].as_str() {
            Some("compiler-artifact") => {
                verdict.executable = message["executable"].as_str().map(PathBuf::from);
            }
            Some("compiler-message") if message["message"]["level"] == "error" => {
                let diagnostic = &message["message"];
                let code = diagnostic["code"]["code"].as_str().unwrap_or_default();
                let file = format!("programs/{name}.rs");
                let line = diagnostic["spans"].as_array().and_then(|spans| {
                    let primary = spans
                        .iter()
                        .find(|s| s["is_primary"] == true && s["file_name"] == file)?;
                    usize::try_from(primary["line_start"].as_u64()?).ok()
                });
                let text = diagnostic["message"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned();
                verdict.errors.push((code.to_owned(), text, line));
                verdict.rendered += diagnostic["rendered"].as_str().unwrap_or_default();
            }
            _ => {}
        }
    }
    for verdict in verdicts.values_mut() {
        if verdict.executable.is_none() && verdict.errors.is_empty() {
            // Neither built nor rejected: cargo itself failed (a dependency, say).
            verdict.rendered = String::from_utf8_lossy(&output.stderr).into_owned();
        }
    }
    Ok(verdicts)
}

fn judge(program: &Program, verdict: &Verdict) -> std::result::Result<(), String> {
    let indent = |text: &str| {
        text.lines()
            .map(|l| format!("    {l}\n"))
            .collect::<String>()
    };
    if verdict.executable.is_none() && verdict.errors.is_empty() {
        return Err(format!(
            "cargo could not build the program:\n{}",
            indent(&verdict.rendered)
        ));
    }
    match (&program.claim, &verdict.executable) {
        (Claim::Prints(expected), Some(executable)) => {
            let output = run(executable)?;
            if !output.success {
                let stderr = String::from_utf8_lossy(&output.stderr);
                return Err(format!(
                    "the program compiles but fails when run:\n{}",
                    indent(&stderr)
                ));
            }
            let actual = String::from_utf8_lossy(&output.stdout);
            if actual.trim() != expected.trim() {
                return Err(format!(
                    "the question says the program prints\n{}but it prints\n{}",
                    indent(expected),
                    indent(&actual)
                ));
            }
            Ok(())
        }
        (Claim::Panics(expected), Some(executable)) => {
            let output = run(executable)?;
            let stderr = String::from_utf8_lossy(&output.stderr);
            if output.success {
                return Err("the question says the program panics, but it runs to the end".into());
            }
            if !stderr.contains(expected.as_str()) {
                return Err(format!(
                    "the question says the program panics with {expected:?}, but it fails with\n{}",
                    indent(&stderr)
                ));
            }
            Ok(())
        }
        (Claim::Panics(_), None) => Err(format!(
            "the question says the program compiles and panics when run, but rustc rejects it:\n{}",
            indent(&verdict.rendered)
        )),
        (Claim::Prints(_), None) => Err(format!(
            "the question says the program compiles, but rustc rejects it:\n{}",
            indent(&verdict.rendered)
        )),
        (Claim::FailsWith { .. }, Some(_)) => {
            Err("the question says the program does not compile, but it does".into())
        }
        (Claim::FailsWith { code, line }, None) => {
            let codes: Vec<&str> = verdict
                .errors
                .iter()
                .map(|(code, _, _)| code.as_str())
                .collect();
            // Some errors have no code ("future cannot be sent between
            // threads safely"): words of the message identify them instead.
            let named = |wanted: &str| {
                verdict
                    .errors
                    .iter()
                    .any(|(code, text, _)| code == wanted || text.contains(wanted))
            };
            if let Some(code) = code
                && !named(code)
            {
                return Err(format!(
                    "the question says rustc rejects the program with {code}, but its errors are \
                     {codes:?}:\n{}",
                    indent(&verdict.rendered)
                ));
            }
            let first_line = verdict.errors.first().and_then(|(_, _, line)| *line);
            if let Some(line) = line
                && first_line != Some(*line)
            {
                return Err(format!(
                    "the question says the error is on line {line}, but rustc's first error is on \
                     line {}:\n{}",
                    first_line.map_or("(none)".to_owned(), |l| l.to_string()),
                    indent(&verdict.rendered)
                ));
            }
            Ok(())
        }
    }
}

/// Runs a quiz program, bounded in time.
fn run(executable: &std::path::Path) -> std::result::Result<process::Output, String> {
    let limit = Duration::from_secs(30);
    let output =
        process::run_limited(&mut Command::new(executable), limit).map_err(|e| e.to_string())?;
    if output.timed_out {
        return Err("the program did not finish within 30 s".into());
    }
    Ok(output)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::process::fixture;
    use crate::quizzes::check_policy;
    use std::collections::HashSet;

    /// Compiles real programs (std only, into a target directory of its own,
    /// so that it does not wait on the `cargo test` that runs it).
    #[test]
    fn wrong_claims_about_programs_fail_naming_the_question() {
        let quiz = fixture("quizzes/wrong-claims.toml");
        let (count, programs) = check_policy(&quiz, &mut HashSet::new()).unwrap();
        assert_eq!(count, 12);
        let scratch = root().join("target/xtask-selftest");
        let compiler = Compiler {
            project: scratch.join("quiz-programs"),
            target_dir: scratch.join("target"),
            dependencies: Table::new(),
            profile: None,
        };
        let error = check(&programs, &compiler).unwrap_err().to_string();
        let text = fs::read_to_string(&quiz).unwrap();
        let header = |question: usize| {
            let line = text
                .lines()
                .enumerate()
                .filter(|(_, l)| *l == "[[questions]]")
                .nth(question - 1);
            line.unwrap().0 + 1
        };
        let expected = [
            (
                2,
                "the question says the program prints\n    two\nbut it prints\n    2\n",
            ),
            (
                3,
                "the question says the program compiles, but rustc rejects it",
            ),
            (
                4,
                "the question says the program does not compile, but it does",
            ),
            (
                6,
                "the question says rustc rejects the program with E0384, but its errors are [\"E0308\"]",
            ),
            (
                7,
                "the question says the program prints\n    4\nbut it prints\n    5\n",
            ),
            (
                9,
                "the question says the error is on line 2, but rustc's first error is on line 3",
            ),
            (
                12,
                "the question says the program panics, but it runs to the end",
            ),
        ];
        for (question, problem) in expected {
            let expected = format!(
                "xtask/fixtures/quizzes/wrong-claims.toml: question {question} (line {}): {problem}",
                header(question)
            );
            assert!(
                error.contains(&expected),
                "missing {expected:?} in:\n{error}"
            );
        }
        // Questions 1, 5, 8, 10 and 11 state the truth and are not mentioned.
        for question in [1, 5, 8, 10, 11] {
            assert!(
                !error.contains(&format!("question {question} (")),
                "{error}"
            );
        }
    }
}
