//! The one place that checks quizzes (quizzes/chNN-slug.toml): their policy
//! here, the programs they show in quiz_programs.rs.
//!
//! Policy: every chapter page listed in src/SUMMARY.md embeds its quiz
//! (`{{#quiz ../quizzes/chNN-slug.toml}}`) and every quiz is embedded; a quiz
//! has 8 to 12 questions; each question has a non-empty `context` (the
//! explanation shown after answering) and the `id` mdbook-quiz assigns; a
//! multiple-choice question has at least two distractors; every code block
//! in a question names its language.
//!
//! Code: every program a question shows is compiled with the workspace's
//! dependencies and edition 2024, and what the question claims is checked:
//! - a `Tracing` question: `answer.doesCompile` and `answer.stdout`, and
//!   `answer.lineNumber` if given (the line of rustc's first error; the
//!   schema has it, though mdbook-quiz 0.5.0 neither shows nor asks for it);
//! - a `MultipleChoice` question whose prompt shows a ```rust program states
//!   the compiler's verdict in a `check` table (mdbook-quiz ignores it):
//!   `check.stdout = "..."` (it compiles, runs and prints exactly that, and
//!   the answer's code is exactly that output) or `check.error = "E0373"`
//!   (it fails to compile with that error code or lint name, or, for errors
//!   that have no code, an error whose message contains those words) or
//!   `check.panics = "..."` (it compiles, and when run it fails with those
//!   words in its stderr: a panic's message).

use crate::book::Stem;
use crate::markdown;
use crate::process::{self, root, shown};
use crate::quiz_programs::{self, Claim, Compiler, Program};
use anyhow::{Context, Result, ensure};
use fs_err as fs;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use toml::{Table, Value};

/// Every quiz, or with a chapter's stem only that chapter's.
pub fn check(stem: Option<&Stem>) -> Result<()> {
    let all: Vec<PathBuf> = process::files_under(&root().join("quizzes"))?
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "toml"))
        .collect();
    let mut problems = Vec::new();
    if let Err(error) = check_embedding(&root().join("src"), &all) {
        problems.push(error.to_string());
    }
    let quizzes: Vec<PathBuf> = all
        .into_iter()
        .filter(|q| stem.is_none_or(|stem| q.ends_with(stem.quiz())))
        .collect();
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
    quiz_programs::check(
        &programs,
        &Compiler::workspace(stem.map(|s| s.text.as_str()))?,
    )
}

/// The chapters and appendices SUMMARY.md lists, as (link, stem). Links
/// before the first list item (an introduction) are neither; every list
/// item's page must be named for its stem (book.rs), `chNN-slug.md` or
/// `chNN-slug/...`.
fn chapters(src: &Path) -> Result<Vec<(PathBuf, Stem)>> {
    let summary_path = src.join("SUMMARY.md");
    let summary = fs::read_to_string(&summary_path)
        .with_context(|| format!("reading {}", shown(&summary_path)))?;
    let mut chapters: Vec<(PathBuf, Stem)> = Vec::new();
    let mut problems = Vec::new();
    for (index, line) in summary.lines().enumerate() {
        let item = line.trim_start();
        // A numbered chapter is a list item; an appendix is a suffix
        // chapter, a link on a line of its own, which mdBook leaves
        // unnumbered.
        let is_suffix = item.starts_with('[') && appendix_link(item).is_some();
        let is_item = item.starts_with("- ") || item.starts_with("* ") || is_suffix;
        let Some((_, after)) = line.split_once("](") else {
            continue;
        };
        let Some((link, _)) = after.split_once(')') else {
            continue;
        };
        let link = link.trim_start_matches("./");
        if !is_item || link.is_empty() {
            continue;
        }
        let first = link.split('/').next().unwrap_or_default();
        match Stem::parse(first) {
            Some(stem) if !chapters.iter().any(|(_, s)| s == &stem) => {
                chapters.push((PathBuf::from(link), stem));
            }
            Some(_) => {} // a section page of a chapter already listed
            None => problems.push(format!(
                "{}:{}: a chapter's page is named chNN-slug.md, an appendix's \
                 appendix-x-slug.md (or they live in a folder of that name), so that its \
                 listings, quiz and exercises can share the name; found {link}",
                shown(&summary_path),
                index + 1
            )),
        }
    }
    ensure!(problems.is_empty(), "{}", problems.join("\n"));
    Ok(chapters)
}

/// The appendix a suffix-chapter line of SUMMARY.md links to, if any.
fn appendix_link(line: &str) -> Option<Stem> {
    let (_, after) = line.split_once("](")?;
    let (link, _) = after.split_once(')')?;
    Stem::parse(link.trim_start_matches("./"))
        .filter(|stem| matches!(stem.part, crate::book::Part::Appendix(_)))
}

/// Each chapter page in `src`'s SUMMARY.md embeds `../quizzes/<chapter>.toml`
/// (relative to `src`), and each of `quizzes` is embedded by a chapter.
fn check_embedding(src: &Path, quizzes: &[PathBuf]) -> Result<()> {
    let quiz_dir = src.parent().context("src has a parent")?.join("quizzes");
    let mut problems = Vec::new();
    let mut embedded = HashSet::new();
    for (chapter, stem) in chapters(src)? {
        let page = src.join(&chapter);
        let text =
            fs::read_to_string(&page).with_context(|| format!("reading {}", shown(&page)))?;
        let up = "../".repeat(chapter.components().count());
        let directive = format!("{{{{#quiz {up}quizzes/{}.toml}}}}", stem.text);
        let quiz = quiz_dir.join(format!("{}.toml", stem.text));
        if text.contains(&directive) {
            embedded.insert(quiz);
        } else if stem.needs_quiz() || quizzes.contains(&quiz) {
            problems.push(format!(
                "{}: the page must embed its quiz with {directive}",
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

/// The 1-based line of each `[[questions]]` header, skipping any inside a
/// multi-line string.
fn question_lines(text: &str) -> Vec<usize> {
    let mut lines = Vec::new();
    let mut open: Option<&str> = None;
    for (index, line) in text.lines().enumerate() {
        if open.is_none() && line.trim() == "[[questions]]" {
            lines.push(index + 1);
        }
        for quotes in ["\"\"\"", "'''"] {
            if open.is_none_or(|q| q == quotes) && line.matches(quotes).count() % 2 == 1 {
                open = if open.is_some() { None } else { Some(quotes) };
            }
        }
    }
    lines
}

/// Checks one quiz's policy; returns its question count and the programs it shows.
pub fn check_policy(path: &Path, ids: &mut HashSet<String>) -> Result<(usize, Vec<Program>)> {
    let name = shown(path);
    let text = fs::read_to_string(path).with_context(|| format!("reading {name}"))?;
    let quiz: Table = toml::from_str(&text).with_context(|| format!("{name}: not valid TOML"))?;
    let questions = quiz
        .get("questions")
        .and_then(Value::as_array)
        .with_context(|| format!("{name}: no [[questions]]"))?;
    let lines = question_lines(&text);
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
        let (found, claim) = check_question(question, ids);
        problems.extend(found.into_iter().map(|problem| format!("{at}: {problem}")));
        if let Some((source, claim)) = claim {
            let name = format!("{stem}_q{}", index + 1);
            programs.push(Program {
                question: at,
                name,
                source,
                claim,
            });
        }
    }
    ensure!(problems.is_empty(), "{}", problems.join("\n"));
    Ok((questions.len(), programs))
}

/// A value by dotted path: `get(q, "prompt.program")`.
fn get<'a>(table: &'a Table, dotted: &str) -> Option<&'a Value> {
    let mut keys = dotted.split('.');
    let mut value = table.get(keys.next()?)?;
    for key in keys {
        value = value.as_table()?.get(key)?;
    }
    Some(value)
}

fn get_str<'a>(table: &'a Table, dotted: &str) -> Option<&'a str> {
    get(table, dotted).and_then(Value::as_str)
}

/// The problems of one question, and the program it shows with its claim.
fn check_question(q: &Table, ids: &mut HashSet<String>) -> (Vec<String>, Option<(String, Claim)>) {
    let mut problems = Vec::new();
    if get_str(q, "context").is_none_or(|c| c.trim().is_empty()) {
        problems.push("needs a `context`: the explanation the reader sees after answering".into());
    }
    match get_str(q, "id") {
        None => problems.push(
            "has no `id`; run `cargo xtask build` (mdbook-quiz adds one) and commit it".into(),
        ),
        Some(id) if !ids.insert(id.to_owned()) => {
            problems.push("has an `id` another question has".into())
        }
        Some(_) => {}
    }
    for field in [
        "prompt.prompt",
        "answer.answer",
        "prompt.distractors",
        "context",
    ] {
        let texts: Vec<&str> = match get(q, field) {
            Some(Value::String(text)) => vec![text],
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
            _ => continue,
        };
        for text in texts {
            for block in markdown::code_blocks(text) {
                if block.info.as_deref().is_none_or(str::is_empty) {
                    problems.push(format!(
                        "a code block in `{field}` needs a language (```rust, ```text)"
                    ));
                } else if block.tokens().any(|t| t == "rs") {
                    problems.push(format!("label Rust code in `{field}` ```rust"));
                }
            }
        }
    }
    let kind = get_str(q, "type").unwrap_or_default();
    let claim = match kind {
        "Tracing" if q.contains_key("check") => {
            Err("a Tracing question states its claim in `answer`; remove `check`".to_owned())
        }
        "Tracing" => tracing_claim(q).map(Some),
        "MultipleChoice" => multiple_choice_claim(q),
        "ShortAnswer"
            if rust_programs(get_str(q, "prompt.prompt").unwrap_or_default()).is_empty() =>
        {
            Ok(None)
        }
        "ShortAnswer" => {
            Err("shows Rust code; ask about code with Tracing or MultipleChoice".to_owned())
        }
        _ => Err(format!(
            "has type {kind:?}; use MultipleChoice, Tracing or ShortAnswer"
        )),
    };
    match claim {
        Ok(claim) => (problems, claim),
        Err(problem) => {
            problems.push(problem);
            (problems, None)
        }
    }
}

fn tracing_claim(q: &Table) -> std::result::Result<(String, Claim), String> {
    let program =
        get_str(q, "prompt.program").ok_or("a Tracing question needs `prompt.program`")?;
    let compiles = get(q, "answer.doesCompile")
        .and_then(Value::as_bool)
        .ok_or("needs `answer.doesCompile`")?;
    let stdout = get_str(q, "answer.stdout");
    let line = get(q, "answer.lineNumber").and_then(Value::as_integer);
    let claim = match (compiles, stdout, line) {
        (true, Some(stdout), None) => Claim::Prints(stdout.to_owned()),
        (true, None, _) => {
            return Err("says the program compiles, so it needs `answer.stdout`".into());
        }
        (true, Some(_), Some(_)) => {
            return Err("says the program compiles but gives `answer.lineNumber`".into());
        }
        (false, Some(_), _) => {
            return Err("says the program does not compile but gives a stdout".into());
        }
        (false, None, line) => Claim::FailsWith {
            code: None,
            line: line.and_then(|line| usize::try_from(line).ok()),
        },
    };
    Ok((program.to_owned(), claim))
}

/// The bodies of the ```rust blocks in some Markdown.
fn rust_programs(markdown_text: &str) -> Vec<String> {
    markdown::code_blocks(markdown_text)
        .into_iter()
        .filter(markdown::CodeBlock::is_rust)
        .map(|block| block.code)
        .collect()
}

fn multiple_choice_claim(q: &Table) -> std::result::Result<Option<(String, Claim)>, String> {
    let prompt = get_str(q, "prompt.prompt").ok_or("needs `prompt.prompt`")?;
    let distractors: Vec<&str> = get(q, "prompt.distractors")
        .and_then(Value::as_array)
        .map(|d| d.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if distractors.len() < 2 {
        return Err("needs at least two plausible distractors".into());
    }
    let answers: Vec<&str> = match get(q, "answer.answer") {
        Some(Value::String(one)) => vec![one],
        Some(Value::Array(many)) => many.iter().filter_map(Value::as_str).collect(),
        _ => return Err("needs `answer.answer`".into()),
    };
    if answers
        .iter()
        .chain(&distractors)
        .any(|text| !rust_programs(text).is_empty())
    {
        return Err("only the prompt may show a ```rust program (it is the one checked)".into());
    }
    let programs = rust_programs(prompt);
    let check = q.get("check").and_then(Value::as_table);
    let (program, check) = match (programs.as_slice(), check) {
        ([], None) => return Ok(None),
        ([], Some(_)) => return Err("has a `check` but its prompt shows no ```rust program".into()),
        ([_], None) => {
            return Err(
                "its prompt shows a ```rust program, so it needs `check.stdout = \"...\"`, \
                        `check.error = \"E....\"` or `check.panics = \"...\"` saying what \
                        the compiler and a run make of it"
                    .into(),
            );
        }
        ([program], Some(check)) => (program.clone(), check),
        _ => return Err("its prompt shows more than one ```rust block; show one program".into()),
    };
    let text = |key: &'static str| check.get(key).map(|v| v.as_str().ok_or(key));
    let claim = match (text("stdout"), text("error"), text("panics")) {
        (Some(Ok(stdout)), None, None) => {
            let output = squeeze(stdout);
            if !answers.iter().any(|answer| code_in(answer) == output) {
                return Err(format!(
                    "check.stdout says the program prints {stdout:?}, but the answer's code \
                     (its `spans` and blocks) is not exactly that"
                ));
            }
            if distractors
                .iter()
                .any(|distractor| code_in(distractor) == output)
            {
                return Err("a distractor's code is exactly the program's output".into());
            }
            Claim::Prints(stdout.to_owned())
        }
        (None, Some(Ok(code)), None) => Claim::FailsWith {
            code: Some(code.to_owned()),
            line: None,
        },
        (None, None, Some(Ok(message))) => Claim::Panics(message.to_owned()),
        _ => {
            return Err(
                "`check` needs exactly one of `stdout`, `error` or `panics`, a string".into(),
            );
        }
    };
    Ok(Some((program, claim)))
}

/// The code a Markdown answer shows, its `spans` and fenced blocks, joined
/// and with runs of whitespace squeezed to one space.
fn code_in(text: &str) -> String {
    let mut code = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        } else if fenced {
            code.push(line.to_owned());
        } else {
            code.extend(line.split('`').skip(1).step_by(2).map(str::to_owned));
        }
    }
    squeeze(&code.join(" "))
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_appendix_is_a_suffix_chapter_and_a_chapter_is_not() {
        let appendix = appendix_link("[Appendix A: Testing](appendix-a-testing.md)");
        assert_eq!(
            appendix.map(|s| s.text),
            Some("appendix-a-testing".to_owned())
        );
        assert!(appendix_link("[Futures](ch01-futures.md)").is_none());
        assert!(appendix_link("[Introduction](README.md)").is_none());
    }
    use crate::process::fixture;

    #[test]
    fn a_chapter_without_its_quiz_and_a_quiz_without_a_chapter_fail() {
        let orphan = fixture("quizzes/broken-policy.toml");
        let error = check_embedding(&fixture("pages"), std::slice::from_ref(&orphan)).unwrap_err();
        assert_eq!(
            error.to_string(),
            "xtask/fixtures/pages/ch07-example.md: the page must embed its quiz with \
             {{#quiz ../quizzes/ch07-example.toml}}"
        );
        let embedded = fixture("quizzes/ch08-embedded.toml");
        let error = check_embedding(&fixture("pages-ok"), &[embedded, orphan]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "xtask/fixtures/quizzes/broken-policy.toml: no chapter in src/SUMMARY.md embeds this quiz"
        );
    }

    #[test]
    fn a_summary_entry_not_named_for_its_chapter_fails() {
        let error = chapters(&fixture("pages-misnamed"))
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "xtask/fixtures/pages-misnamed/SUMMARY.md:5: a chapter's page is named \
             chNN-slug.md, an appendix's appendix-x-slug.md (or they live in a folder of that \
             name), so that its listings, quiz and exercises can share the name; found pinning.md"
        );
    }

    #[test]
    fn policy_failures_name_the_file_and_question() {
        let error = check_policy(&fixture("quizzes/broken-policy.toml"), &mut HashSet::new())
            .err()
            .unwrap()
            .to_string();
        let name = "xtask/fixtures/quizzes/broken-policy.toml";
        for expected in [
            format!("{name}: has 4 questions; a chapter's quiz has 8 to 12"),
            format!("{name}: question 1 (line 3): needs a `context`"),
            format!("{name}: question 2 (line 10): has no `id`"),
            format!(
                "{name}: question 2 (line 10): its prompt shows a ```rust program, so it needs"
            ),
            format!(
                "{name}: question 3 (line 22): a code block in `prompt.prompt` needs a language"
            ),
            format!(
                "{name}: question 4 (line 35): says the program does not compile but gives a stdout"
            ),
        ] {
            assert!(
                error.contains(&expected),
                "missing {expected:?} in:\n{error}"
            );
        }
    }

    #[test]
    fn the_answer_must_show_exactly_the_checked_output() {
        let mut question: Table = toml::from_str(
            r#"
            type = "MultipleChoice"
            prompt.prompt = "What does it print?\n```rust\nfn main() { println!(\"0 1 2\"); }\n```"
            prompt.distractors = ["`1 2 3`", "`0 1`"]
            answer.answer = "`0 1 2 3`"
            check.stdout = "0 1 2"
            "#,
        )
        .unwrap();
        let error = multiple_choice_claim(&question).unwrap_err();
        assert!(error.contains("is not exactly that"), "{error}");
        question["answer"]["answer"] = "It prints:\n```text\n0 1\n2\n```".into();
        let (_, claim) = multiple_choice_claim(&question).unwrap().unwrap();
        assert_eq!(claim, Claim::Prints("0 1 2".into()));
        question["prompt"]["distractors"] = vec!["`2 1 0`", "It prints `0 1` and then `2`"].into();
        let error = multiple_choice_claim(&question).unwrap_err();
        assert_eq!(error, "a distractor's code is exactly the program's output");
    }

    #[test]
    fn a_header_inside_a_string_is_not_a_question() {
        let text =
            "[[questions]]\nprompt.prompt = \"\"\"\n[[questions]]\n\"\"\"\n\n[[questions]]\n";
        assert_eq!(question_lines(text), [1, 6]);
    }

    #[test]
    fn dotted_keys_are_looked_up_level_by_level() {
        let q: Table = toml::from_str("program = \"top\"\n[prompt]\nprompt = \"x\"\n").unwrap();
        assert_eq!(get_str(&q, "prompt.program"), None);
        assert_eq!(get_str(&q, "prompt.prompt"), Some("x"));
    }
}
