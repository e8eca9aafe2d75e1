//! Spelling: the pinned typos (crate-ci/typos) reads the pages, the quizzes
//! and the README, and every word it knows to be misspelt is an error, named
//! by file and line.
//!
//! typos knows misspellings, not words: it flags "recieve" and "teh", and,
//! with the British locale the book is written in, American spellings
//! ("color", "behavior", "canceled"), but a name or a term it has never seen
//! passes, so the word list stays short. What it does not know it misses.
//!
//! Its settings are in typos.toml at the root: the locale, what is skipped
//! (code blocks, `code spans`, `{{#include}}` lines, quizzes' `check`
//! tables; the compiler checks code, and identifiers are spelt by the APIs
//! they name) and the project's word list.

use crate::book::Stem;
use crate::process::{root, shown};
use anyhow::{Context, Result, bail, ensure};
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

/// The checker and its version, which `cargo xtask setup` installs into
/// .tools/ (`cargo install --locked --version 1.42.3 typos-cli`). 1.42.3 is
/// the last release that builds with Rust 1.88, the oldest the book supports.
pub const TOOL: (&str, &str) = ("typos-cli", "1.42.3");

/// The program that TOOL installs (`typos --version` prints
/// "typos-cli 1.42.3").
pub const BINARY: &str = "typos";

/// The settings and the project's word list, relative to the root.
pub const CONFIG: &str = "typos.toml";

/// Every page (src/*.md), quiz (quizzes/*.toml) and the README; with a
/// chapter's stem, its page and its quiz.
pub fn check(stem: Option<&Stem>) -> Result<()> {
    check_files(&files(stem)?)
}

/// The files a run checks. src/quiz/ is mdbook-quiz's copy of its own
/// files, and src/img/ holds pictures: neither is read.
fn files(stem: Option<&Stem>) -> Result<Vec<PathBuf>> {
    let root = root();
    let mut files = match stem {
        None => {
            let mut files = Vec::new();
            for (dir, extension) in [("src", "md"), ("quizzes", "toml")] {
                let dir = root.join(dir);
                for entry in
                    fs_err::read_dir(&dir).with_context(|| format!("reading {}", shown(&dir)))?
                {
                    let path = entry?.path();
                    if path.is_file() && path.extension().is_some_and(|e| e == extension) {
                        files.push(path);
                    }
                }
            }
            files.push(root.join("README.md"));
            files
        }
        Some(stem) => {
            let page = root.join(stem.page());
            ensure!(page.is_file(), "{} does not exist", shown(&page));
            let quiz = root.join(stem.quiz());
            let mut files = vec![page];
            if quiz.is_file() {
                files.push(quiz);
            }
            files
        }
    };
    files.sort();
    Ok(files)
}

/// Runs the pinned typos on `files` with the project's settings.
fn check_files(files: &[PathBuf]) -> Result<()> {
    let (tool, version) = TOOL;
    let program = root().join(".tools/bin").join(BINARY);
    let install = format!(
        "run `cargo xtask setup`, which installs {tool} {version} into .tools/ \
         (the first time, building it takes about 3 minutes on 2 cores)"
    );
    let Some(installed) = crate::setup::installed_version(BINARY) else {
        bail!(
            "{} is missing, and the spelling check needs it: {install}",
            shown(&program)
        );
    };
    ensure!(
        installed == version,
        "{} is version {installed:?}, but the book pins {version}: {install}",
        shown(&program)
    );
    let config = root().join(CONFIG);
    ensure!(config.is_file(), "{} is missing", shown(&config));

    let mut command = Command::new(&program);
    command
        .current_dir(root())
        // Only typos.toml: no typos.toml, _typos.toml or Cargo.toml
        // settings found above a file, nor the user's.
        .arg("--isolated")
        .arg("--config")
        .arg(&config)
        .args(["--format", "json", "--sort"])
        // Relative paths, so that typos reports them as the book names them.
        .args(files.iter().map(|file| shown(file)));
    let output = command
        .output()
        .with_context(|| format!("could not start {}", shown(&program)))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let problems = problems(&stdout)?;
    if problems.is_empty() {
        ensure!(
            output.status.success(),
            "{} failed ({}):\n{}{}",
            shown(&program),
            output.status,
            stdout,
            String::from_utf8_lossy(&output.stderr)
        );
        eprintln!(
            "    {} files: no misspelling that {tool} {version} knows",
            files.len()
        );
        return Ok(());
    }
    bail!(
        "{count} misspelt word{s}:\n{list}\n\
         Correct each one. If a word is right as it stands (a name, a term the \
         book uses), add it to the project's word list in {CONFIG}, under \
         [default.extend-words], as `word = \"word\"`. The book is spelt in \
         British English, and code blocks and `code spans` are not checked \
         ({CONFIG} says what else is skipped).",
        count = problems.len(),
        s = if problems.len() == 1 { "" } else { "s" },
        list = problems.join("\n"),
    )
}

/// One line per misspelling in typos's JSON lines:
/// `src/ch01-futures.md:12: `recieve` (typos suggests `receive`)`.
fn problems(json_lines: &str) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for line in json_lines.lines().filter(|l| !l.trim().is_empty()) {
        let message: Value =
            serde_json::from_str(line).with_context(|| format!("typos printed {line:?}"))?;
        if message["type"] != "typo" {
            continue;
        }
        let path = message["path"].as_str().unwrap_or_default();
        let word = message["typo"].as_str().unwrap_or_default();
        let corrections: Vec<String> = message["corrections"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(|c| format!("`{c}`"))
            .collect();
        let advice = if corrections.is_empty() {
            "typos knows it as a misspelling".to_owned()
        } else {
            format!("typos suggests {}", corrections.join(", "))
        };
        // A misspelt file name has no line.
        let place = match message["line_num"].as_u64() {
            Some(line) => format!("{path}:{line}"),
            None => format!("{path}: in the file's name"),
        };
        problems.push(format!("{place}: `{word}` ({advice})"));
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::process::fixture;

    #[test]
    fn misspelt_words_fail_naming_file_line_and_word() {
        let files = [fixture("spelling/page.md"), fixture("spelling/quiz.toml")];
        let error = check_files(&files).unwrap_err().to_string();
        let page = "xtask/fixtures/spelling/page.md";
        let quiz = "xtask/fixtures/spelling/quiz.toml";
        for expected in [
            format!("{page}:3: `recieve` (typos suggests `receive`)"),
            format!("{page}:22: `color` (typos suggests `colour`)"),
            format!("{quiz}:4: `redy` (typos suggests `ready`"),
            format!("{quiz}:9: `flavor` (typos suggests `flavour`)"),
            "add it to the project's word list in typos.toml".to_owned(),
        ] {
            assert!(
                error.contains(&expected),
                "missing {expected:?} in:\n{error}"
            );
        }
        assert!(error.starts_with("4 misspelt words:"), "{error}");
    }

    #[test]
    fn code_directives_check_tables_and_listed_words_are_not_checked() {
        // The fixture's code block, code spans, {{#include}} line, `check`
        // table and the word list's "skeptic" hold misspellings and American
        // spellings that must pass.
        let files = [fixture("spelling/page.md"), fixture("spelling/quiz.toml")];
        let error = check_files(&files).unwrap_err().to_string();
        for passed in [
            "teh",
            "Canceled",
            "ned",
            "skeptic",
            "initialize",
            "occured",
            "flavors",
        ] {
            assert!(
                !error.contains(&format!("`{passed}`")),
                "{passed} reported in:\n{error}"
            );
        }
        check_files(&[fixture("spelling/sound.md")]).unwrap();
    }

    #[test]
    fn a_chapter_is_its_page_and_its_quiz() {
        let shown_files = |stem: Option<&str>| -> Vec<String> {
            let stem = stem.map(|s| Stem::parse(s).unwrap());
            files(stem.as_ref())
                .unwrap()
                .iter()
                .map(|f| shown(f))
                .collect()
        };
        assert_eq!(
            shown_files(Some("ch01-futures")),
            ["quizzes/ch01-futures.toml", "src/ch01-futures.md"]
        );
        let all = shown_files(None);
        for expected in ["README.md", "src/SUMMARY.md", "quizzes/ch01-futures.toml"] {
            assert!(all.iter().any(|f| f == expected), "{expected}: {all:?}");
        }
        assert!(all.iter().all(|f| !f.starts_with("src/quiz/")), "{all:?}");
        let nowhere = Stem::parse("ch99-nowhere").unwrap();
        assert!(files(Some(&nowhere)).is_err());
    }
}
