//! The one place that checks quizzes (quizzes/chNN-slug.toml).
//!
//! Policy: every chapter page listed in src/SUMMARY.md embeds its quiz
//! (`{{#quiz ../quizzes/chNN-slug.toml}}`) and every quiz is embedded; a quiz
//! has 8 to 12 questions; each question has a non-empty `context` (the
//! explanation shown after answering) and the `id` mdbook-quiz assigns, and a
//! multiple-choice question has at least two distractors.
//!
//! Code: every program a question shows is compiled with the workspace's
//! dependencies and edition 2024, and what the question claims is checked:
//! - a `Tracing` question: `answer.doesCompile` and `answer.stdout`;
//! - a `MultipleChoice` question whose prompt shows a ```rust block states the
//!   compiler's verdict in a `check` table (mdbook-quiz ignores it):
//!   `check.stdout = "..."` (it compiles, runs and prints exactly that; the
//!   answer must show that output) or `check.error = "E0373"` (it fails to
//!   compile with that error code or lint name).

use crate::process::{self, cargo, root, shown};
use anyhow::{Context, Result, bail, ensure};
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;
use toml::Table;

/// What a question says the compiler will make of its program.
#[derive(Debug, Clone, PartialEq)]
pub enum Claim {
    /// It compiles, runs successfully and prints this (compared trimmed, as
    /// mdbook-quiz compares Tracing answers).
    Prints(String),
    /// It does not compile; with a code, one of the errors has that code.
    FailsWith(Option<String>),
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

pub fn check() -> Result<()> {
    let quizzes = quiz_files()?;
    let mut problems = check_embedding(&root().join("src"), &quizzes)
        .err()
        .map(|e| vec![e.to_string()])
        .unwrap_or_default();
    let mut programs = Vec::new();
    let mut ids = HashSet::new();
    let mut questions = 0;
    for quiz in &quizzes {
        match check_policy(quiz, &mut ids) {
            Ok((count, found)) => {
                questions += count;
                programs.extend(found);
            }
            Err(error) => problems.push(error.to_string()),
        }
    }
    ensure!(problems.is_empty(), "{}", problems.join("\n"));
    eprintln!(
        "    {questions} questions in {} quizzes; compiling the {} programs they show",
        quizzes.len(),
        programs.len()
    );
    check_programs(&programs, &Compiler::workspace()?)?;
    Ok(())
}

fn quiz_files() -> Result<Vec<PathBuf>> {
    let mut quizzes = Vec::new();
    for entry in fs::read_dir(root().join("quizzes")).context("reading quizzes/")? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "toml") {
            quizzes.push(path);
        }
    }
    quizzes.sort();
    Ok(quizzes)
}

/// Chapter pages (`chNN-slug.md`, or pages inside `chNN-slug/`) listed in SUMMARY.md.
fn chapters(src: &Path) -> Result<Vec<PathBuf>> {
    let summary = fs::read_to_string(src.join("SUMMARY.md"))
        .with_context(|| format!("reading {}", shown(src)))?;
    let mut chapters = Vec::new();
    for line in summary.lines() {
        let Some((_, after)) = line.split_once("](") else {
            continue;
        };
        let Some((link, _)) = after.split_once(')') else {
            continue;
        };
        let first = link.split('/').next().unwrap_or_default();
        if chapter_stem(first).is_some() && !chapters.iter().any(|c: &PathBuf| c.starts_with(first))
        {
            chapters.push(PathBuf::from(link));
        }
    }
    Ok(chapters)
}

/// `ch01-futures` for `ch01-futures.md` or `ch01-futures`.
fn chapter_stem(name: &str) -> Option<&str> {
    let stem = name.strip_suffix(".md").unwrap_or(name);
    let digits = stem.strip_prefix("ch")?;
    (digits.len() > 3 && digits[..2].bytes().all(|b| b.is_ascii_digit()) && &digits[2..3] == "-")
        .then_some(stem)
}

/// Each chapter page in `src`'s SUMMARY.md embeds `../quizzes/<chapter>.toml`
/// (relative to `src`), and each of `quizzes` is embedded by a chapter.
fn check_embedding(src: &Path, quizzes: &[PathBuf]) -> Result<()> {
    let mut problems = Vec::new();
    let mut embedded = HashSet::new();
    for chapter in chapters(src)? {
        let first = chapter.components().next().context("non-empty link")?;
        let stem = chapter_stem(&first.as_os_str().to_string_lossy())
            .context("a chapter link")?
            .to_owned();
        let page = src.join(&chapter);
        let text =
            fs::read_to_string(&page).with_context(|| format!("reading {}", shown(&page)))?;
        let depth = chapter.components().count() - 1;
        let directive = format!(
            "{{{{#quiz {}quizzes/{stem}.toml}}}}",
            "../".repeat(depth + 1)
        );
        if text.contains(&directive) {
            let quiz = src.parent().context("src has a parent")?.join("quizzes");
            embedded.insert(quiz.join(format!("{stem}.toml")));
        } else {
            problems.push(format!(
                "{}: the chapter must embed its quiz with {directive}",
                shown(&page)
            ));
        }
    }
    for quiz in quizzes {
        if !embedded.contains(quiz) && problems.is_empty() {
            problems.push(format!(
                "{}: no chapter in src/SUMMARY.md embeds this quiz",
                shown(quiz)
            ));
        }
    }
    ensure!(problems.is_empty(), "{}", problems.join("\n"));
    Ok(())
}

/// Checks one quiz's policy; returns its question count and the programs it shows.
pub fn check_policy(path: &Path, ids: &mut HashSet<String>) -> Result<(usize, Vec<Program>)> {
    let name = shown(path);
    let text = fs::read_to_string(path).with_context(|| format!("reading {name}"))?;
    let quiz: Table = toml::from_str(&text).with_context(|| format!("{name}: not valid TOML"))?;
    let questions = quiz
        .get("questions")
        .and_then(|q| q.as_array())
        .with_context(|| format!("{name}: no [[questions]]"))?;
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == "[[questions]]")
        .map(|(i, _)| i + 1)
        .collect();
    let stem = path
        .file_stem()
        .context("quiz file name")?
        .to_string_lossy()
        .replace('-', "_");

    let mut problems = Vec::new();
    if !(8..=12).contains(&questions.len()) {
        problems.push(format!(
            "{name}: has {} questions; a chapter's quiz has 8 to 12",
            questions.len()
        ));
    }
    let mut programs = Vec::new();
    for (index, question) in questions.iter().enumerate() {
        let at = match lines.get(index) {
            Some(line) => format!("{name}: question {} (line {line})", index + 1),
            None => format!("{name}: question {}", index + 1),
        };
        let Some(question) = question.as_table() else {
            problems.push(format!("{at}: not a table"));
            continue;
        };
        match check_question(question, &at, ids) {
            Ok(Some((source, claim))) => programs.push(Program {
                question: at,
                name: format!("{stem}_q{}", index + 1),
                source,
                claim,
            }),
            Ok(None) => {}
            Err(error) => problems.push(format!("{error:#}")),
        }
    }
    ensure!(problems.is_empty(), "{}", problems.join("\n"));
    Ok((questions.len(), programs))
}

fn string<'a>(table: &'a Table, dotted: &str) -> Option<&'a str> {
    let mut value = None::<&toml::Value>;
    let mut current = table;
    for key in dotted.split('.') {
        value = current.get(key);
        if let Some(next) = value.and_then(|v| v.as_table()) {
            current = next;
        }
    }
    value.and_then(|v| v.as_str())
}

/// The problems of one question, or the program it shows and its claim.
fn check_question(
    q: &Table,
    at: &str,
    ids: &mut HashSet<String>,
) -> Result<Option<(String, Claim)>> {
    let mut problems = Vec::new();
    if string(q, "context").is_none_or(|c| c.trim().is_empty()) {
        problems.push("needs a `context`: the explanation the reader sees after answering");
    }
    match string(q, "id") {
        None => problems
            .push("has no `id`; run `cargo xtask build` (mdbook-quiz adds one) and commit it"),
        Some(id) if !ids.insert(id.to_owned()) => problems.push("has an `id` another question has"),
        Some(_) => {}
    }
    let kind = string(q, "type").unwrap_or_default();
    let check = q.get("check").and_then(|c| c.as_table());
    let result = match kind {
        "Tracing" => {
            if check.is_some() {
                problems.push("a Tracing question states its claim in `answer`; remove `check`");
            }
            tracing_claim(q)
        }
        "MultipleChoice" => multiple_choice_claim(q, check),
        "ShortAnswer" => Ok(None),
        _ => Err(format!(
            "has type {kind:?}; use MultipleChoice, Tracing or ShortAnswer"
        )),
    };
    let program = result.map_err(|problem| anyhow::anyhow!("{at}: {problem}"));
    if !problems.is_empty() {
        let mut all: Vec<String> = problems.iter().map(|p| format!("{at}: {p}")).collect();
        if let Err(error) = &program {
            all.push(error.to_string());
        }
        bail!("{}", all.join("\n"));
    }
    program
}

fn tracing_claim(q: &Table) -> std::result::Result<Option<(String, Claim)>, String> {
    let program = string(q, "prompt.program").ok_or("a Tracing question needs `prompt.program`")?;
    let answer = q
        .get("answer")
        .and_then(|a| a.as_table())
        .ok_or("needs an `answer` table")?;
    let compiles = answer
        .get("doesCompile")
        .and_then(|d| d.as_bool())
        .ok_or("needs `answer.doesCompile`")?;
    let claim = match (compiles, answer.get("stdout").and_then(|s| s.as_str())) {
        (true, Some(stdout)) => Claim::Prints(stdout.to_owned()),
        (true, None) => return Err("says the program compiles, so it needs `answer.stdout`".into()),
        (false, None) => Claim::FailsWith(None),
        (false, Some(_)) => {
            return Err("says the program does not compile but gives a stdout".into());
        }
    };
    Ok(Some((program.to_owned(), claim)))
}

fn multiple_choice_claim(
    q: &Table,
    check: Option<&Table>,
) -> std::result::Result<Option<(String, Claim)>, String> {
    let prompt = string(q, "prompt.prompt").ok_or("needs `prompt.prompt`")?;
    let distractors: Vec<&str> = q
        .get("prompt")
        .and_then(|p| p.get("distractors"))
        .and_then(|d| d.as_array())
        .map(|d| d.iter().filter_map(|d| d.as_str()).collect())
        .unwrap_or_default();
    if distractors.len() < 2 {
        return Err("needs at least two plausible distractors".into());
    }
    let answers: Vec<&str> = match q.get("answer").and_then(|a| a.get("answer")) {
        Some(toml::Value::String(one)) => vec![one],
        Some(toml::Value::Array(many)) => many.iter().filter_map(|a| a.as_str()).collect(),
        _ => return Err("needs `answer.answer`".into()),
    };
    let rust_blocks: Vec<String> = crate::snippets::fences(prompt)
        .map_err(|e| format!("prompt: {e}"))?
        .into_iter()
        .filter(|f| f.is_rust())
        .map(|f| f.body.join("\n") + "\n")
        .collect();
    for text in answers.iter().chain(&distractors) {
        if text.contains("```rust") {
            return Err(
                "only the prompt may show a ```rust program (it is the one checked)".into(),
            );
        }
    }
    let program = match (rust_blocks.len(), check) {
        (0, None) => return Ok(None),
        (0, Some(_)) => return Err("has a `check` but its prompt shows no ```rust program".into()),
        (1, None) => {
            return Err(
                "its prompt shows a ```rust program, so it needs `check.stdout = \"...\"` \
                        or `check.error = \"E....\"` saying what the compiler makes of it"
                    .into(),
            );
        }
        (1, Some(_)) => rust_blocks.into_iter().next().expect("one block"),
        (_, _) => {
            return Err("its prompt shows more than one ```rust block; show one program".into());
        }
    };
    let check = check.expect("matched above");
    let claim = match (check.get("stdout"), check.get("error")) {
        (Some(toml::Value::String(stdout)), None) => {
            let shown = normalise(stdout);
            if !answers.iter().any(|a| normalise(a).contains(&shown)) {
                return Err(format!(
                    "check.stdout says the program prints {stdout:?}, but the answer does not show it"
                ));
            }
            if distractors.iter().any(|d| normalise(d) == shown) {
                return Err("a distractor shows exactly the program's output".into());
            }
            Claim::Prints(stdout.clone())
        }
        (None, Some(toml::Value::String(code))) => Claim::FailsWith(Some(code.clone())),
        _ => {
            return Err(
                "`check` needs exactly one of `stdout` (a string) or `error` (a string)".into(),
            );
        }
    };
    Ok(Some((program, claim)))
}

/// Markdown text reduced to its words: no fences, no backticks, single spaces.
fn normalise(text: &str) -> String {
    text.lines()
        .filter(|l| !l.trim_start().starts_with("```"))
        .collect::<Vec<_>>()
        .join(" ")
        .replace('`', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where and with what quiz programs are compiled.
pub struct Compiler {
    /// The generated package (one binary per program).
    pub project: PathBuf,
    pub target_dir: PathBuf,
    /// The `[dependencies]` programs may use.
    pub dependencies: Table,
}

impl Compiler {
    /// Programs get what snippets get: the root package's dev-dependencies
    /// (minus the test harnesses), at the versions in Cargo.lock, built into
    /// the workspace's target directory so nothing is compiled twice.
    fn workspace() -> Result<Compiler> {
        let manifest: Table = toml::from_str(&fs::read_to_string(root().join("Cargo.toml"))?)?;
        let shared = manifest
            .get("workspace")
            .and_then(|w| w.get("dependencies"))
            .and_then(|d| d.as_table())
            .cloned()
            .unwrap_or_default();
        let mut dependencies = Table::new();
        let dev = manifest
            .get("dev-dependencies")
            .and_then(|d| d.as_table())
            .cloned()
            .unwrap_or_default();
        for (name, spec) in dev {
            if name == "skeptic" || name == "trybuild" {
                continue;
            }
            let inherited = spec.get("workspace").and_then(|w| w.as_bool()) == Some(true);
            let spec = if inherited {
                shared.get(&name).cloned().with_context(|| {
                    format!("Cargo.toml: {name} is not in [workspace.dependencies]")
                })?
            } else {
                spec
            };
            dependencies.insert(name, spec);
        }
        Ok(Compiler {
            project: root().join("target/quiz-programs"),
            target_dir: root().join("target"),
            dependencies,
        })
    }
}

/// Compiles every program in one package and checks each claim; reports all
/// the questions whose claim is wrong.
pub fn check_programs(programs: &[Program], compiler: &Compiler) -> Result<()> {
    if programs.is_empty() {
        return Ok(());
    }
    let verdicts = compile(programs, compiler)?;
    let mut problems = Vec::new();
    for program in programs {
        let verdict = &verdicts[&program.name];
        if let Err(problem) = judge(program, verdict) {
            problems.push(format!("{}: {problem}", program.question));
        }
    }
    ensure!(problems.is_empty(), "{}", problems.join("\n"));
    Ok(())
}

#[derive(Default)]
struct Verdict {
    executable: Option<PathBuf>,
    /// Codes of the errors (error codes or lint names); "" for an error without one.
    errors: Vec<String>,
    rendered: String,
}

fn compile(programs: &[Program], compiler: &Compiler) -> Result<BTreeMap<String, Verdict>> {
    let sources = compiler.project.join("programs");
    fs::create_dir_all(&sources)?;
    let mut manifest = Table::new();
    manifest.insert(
        "package".into(),
        toml::toml! { name = "quiz-programs" version = "0.0.0" edition = "2024" publish = false autobins = false }
            .into(),
    );
    manifest.insert("dependencies".into(), compiler.dependencies.clone().into());
    let mut bins = Vec::new();
    for program in programs {
        let file = sources.join(format!("{}.rs", program.name));
        fs::write(&file, &program.source)?;
        let mut bin = Table::new();
        bin.insert("name".into(), program.name.clone().into());
        bin.insert(
            "path".into(),
            format!("programs/{}.rs", program.name).into(),
        );
        bins.push(toml::Value::Table(bin));
    }
    manifest.insert("bin".into(), bins.into());
    // An empty [workspace] makes this package its own workspace.
    manifest.insert("workspace".into(), Table::new().into());
    fs::write(
        compiler.project.join("Cargo.toml"),
        toml::to_string(&manifest)?,
    )?;
    if root().join("Cargo.lock").is_file() {
        // Start from the book's lock file so programs use the same versions.
        fs::copy(
            root().join("Cargo.lock"),
            compiler.project.join("Cargo.lock"),
        )?;
    }

    let mut command = cargo();
    command
        .current_dir(&compiler.project)
        .env("CARGO_TARGET_DIR", &compiler.target_dir)
        .args(["build", "--bins", "--keep-going", "--message-format=json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let output = command
        .output()
        .with_context(|| format!("could not run {}", process::describe(&command)))?;
    let mut verdicts: BTreeMap<String, Verdict> = programs
        .iter()
        .map(|p| (p.name.clone(), Verdict::default()))
        .collect();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let Some(verdict) = message["target"]["name"]
            .as_str()
            .and_then(|n| verdicts.get_mut(n))
        else {
            continue;
        };
        match message["reason"].as_str() {
            Some("compiler-artifact") => {
                verdict.executable = message["executable"].as_str().map(PathBuf::from);
            }
            Some("compiler-message") if message["message"]["level"] == "error" => {
                let code = message["message"]["code"]["code"]
                    .as_str()
                    .unwrap_or_default();
                verdict.errors.push(code.to_owned());
                verdict.rendered += message["message"]["rendered"].as_str().unwrap_or_default();
            }
            _ => {}
        }
    }
    for verdict in verdicts.values_mut() {
        if verdict.executable.is_none() && verdict.errors.is_empty() {
            // Neither built nor rejected: cargo itself failed (say, a dependency).
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
    match (&program.claim, &verdict.executable) {
        (Claim::Prints(expected), Some(executable)) => {
            let output =
                process::run_limited(&mut Command::new(executable), Duration::from_secs(30))
                    .map_err(|e| e.to_string())?;
            if output.timed_out {
                return Err("the program did not finish within 30 s".into());
            }
            if !output.success {
                return Err(format!(
                    "the program compiles but fails when run:\n{}",
                    indent(&String::from_utf8_lossy(&output.stderr))
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
        (Claim::Prints(_), None) if verdict.errors.is_empty() => Err(format!(
            "cargo could not build the program:\n{}",
            indent(&verdict.rendered)
        )),
        (Claim::Prints(_), None) => Err(format!(
            "the question says the program compiles, but rustc rejects it:\n{}",
            indent(&verdict.rendered)
        )),
        (Claim::FailsWith(_), Some(_)) => {
            Err("the question says the program does not compile, but it does".into())
        }
        (Claim::FailsWith(_), None) if verdict.errors.is_empty() => Err(format!(
            "cargo could not build the program:\n{}",
            indent(&verdict.rendered)
        )),
        (Claim::FailsWith(Some(code)), None) if !verdict.errors.contains(code) => Err(format!(
            "the question says rustc rejects the program with {code}, but its errors are {:?}:\n{}",
            verdict.errors,
            indent(&verdict.rendered)
        )),
        (Claim::FailsWith(_), None) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> PathBuf {
        root().join("xtask/fixtures/quizzes").join(name)
    }

    #[test]
    fn a_chapter_without_its_quiz_and_a_quiz_without_a_chapter_fail() {
        let fixtures = root().join("xtask/fixtures");
        let orphan = fixtures.join("quizzes/broken-policy.toml");
        let error = check_embedding(&fixtures.join("pages"), &[orphan])
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "xtask/fixtures/pages/ch07-example.md: the chapter must embed its quiz with \
             {{#quiz ../quizzes/ch07-example.toml}}"
        );
        let embedded = fixtures.join("quizzes/ch08-embedded.toml");
        let error = check_embedding(
            &fixtures.join("pages-ok"),
            &[embedded, fixtures.join("quizzes/broken-policy.toml")],
        )
        .unwrap_err()
        .to_string();
        assert_eq!(
            error,
            "xtask/fixtures/quizzes/broken-policy.toml: no chapter in src/SUMMARY.md embeds this quiz"
        );
    }

    #[test]
    fn policy_failures_name_the_file_and_question() {
        let error = check_policy(&fixture("broken-policy.toml"), &mut HashSet::new())
            .err()
            .unwrap()
            .to_string();
        let name = "xtask/fixtures/quizzes/broken-policy.toml";
        for expected in [
            format!("{name}: has 2 questions; a chapter's quiz has 8 to 12"),
            format!("{name}: question 1 (line 3): needs a `context`"),
            format!("{name}: question 2 (line 10): has no `id`"),
            format!(
                "{name}: question 2 (line 10): its prompt shows a ```rust program, so it needs"
            ),
        ] {
            assert!(
                error.contains(&expected),
                "missing {expected:?} in:\n{error}"
            );
        }
    }

    #[test]
    fn an_answer_that_does_not_show_the_checked_output_is_rejected() {
        let mut question: Table = toml::from_str(
            r#"
            type = "MultipleChoice"
            prompt.prompt = "What does it print?\n```rust\nfn main() { println!(\"1 2\"); }\n```"
            prompt.distractors = ["`1`", "`2 1`"]
            answer.answer = "`1 3`"
            check.stdout = "1 2"
            "#,
        )
        .unwrap();
        let check = question.get("check").and_then(|c| c.as_table()).cloned();
        let error = multiple_choice_claim(&question, check.as_ref()).unwrap_err();
        assert!(error.contains("the answer does not show it"), "{error}");
        question["answer"]["answer"] = "```text\n1\n2\n```".into();
        let (_, claim) = multiple_choice_claim(&question, check.as_ref())
            .unwrap()
            .unwrap();
        assert_eq!(claim, Claim::Prints("1 2".into()));
    }

    /// Compiles real programs (std only, into a target directory of its own,
    /// so that it does not wait on the `cargo test` that runs it).
    #[test]
    fn wrong_claims_about_programs_fail_naming_the_question() {
        let (count, programs) =
            check_policy(&fixture("wrong-claims.toml"), &mut HashSet::new()).unwrap();
        assert_eq!(count, 8);
        let scratch = root().join("target/xtask-selftest");
        let compiler = Compiler {
            project: scratch.join("quiz-programs"),
            target_dir: scratch.join("target"),
            dependencies: Table::new(),
        };
        let error = check_programs(&programs, &compiler)
            .unwrap_err()
            .to_string();
        let name = "xtask/fixtures/quizzes/wrong-claims.toml";
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
        ];
        for (question, problem) in expected {
            let line = fs::read_to_string(fixture("wrong-claims.toml"))
                .unwrap()
                .lines()
                .enumerate()
                .filter(|(_, l)| *l == "[[questions]]")
                .nth(question - 1)
                .unwrap()
                .0
                + 1;
            let expected = format!("{name}: question {question} (line {line}): {problem}");
            assert!(
                error.contains(&expected),
                "missing {expected:?} in:\n{error}"
            );
        }
        // Questions 1, 5 and 8 state the truth and are not mentioned.
        for question in [1, 5, 8] {
            assert!(
                !error.contains(&format!("question {question} (")),
                "{error}"
            );
        }
    }
}
