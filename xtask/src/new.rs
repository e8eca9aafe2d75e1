//! `cargo xtask new <stem> <title>`: a chapter (or appendix) laid out the
//! way README.md's "Contributing a chapter" describes, ready to be written:
//!
//! - the page, with the standard sections;
//! - a first listing crate, whose output.txt comes from a real run;
//! - a quiz file with no questions yet;
//! - the exercise crate, wired for its solution and two wrong solutions;
//! - the entry in SUMMARY.md.
//!
//! Every place that needs the author's words is marked `TODO(new)`, and the
//! check `unfinished` (run first by `cargo xtask test <stem>`) lists each
//! one with its file and line, so the first run after `new` says exactly
//! what is left to write.

use crate::book::{self, Part, Stem};
use crate::process::{self, root, shown};
use anyhow::{Context, Result, bail, ensure};
use fs_err as fs;
use std::path::{Path, PathBuf};

/// What marks a place the author must still write.
pub const MARK: &str = "TODO(new)";

pub fn run(stem: &str, title: &str) -> Result<()> {
    let stem = Stem::parse(stem).with_context(|| {
        format!(
            "`{stem}` is not a stem: a chapter's is `chNN-slug` (ch06-channels), an appendix's \
             `appendix-x-slug` (appendix-a-testing), with a slug of lower-case words joined by \
             single hyphens"
        )
    })?;
    let title = title.trim();
    ensure!(!title.is_empty(), "the title is empty");
    let files = scaffold(&stem, title);
    for (path, _) in &files {
        ensure!(
            !root().join(path).exists(),
            "{} already exists; `new` makes a chapter that does not exist yet",
            path.display()
        );
    }
    for taken in [stem.page(), stem.listings(), stem.exercises(), stem.quiz()] {
        ensure!(
            !root().join(&taken).exists(),
            "{} already exists: the stem `{}` is taken",
            taken.display(),
            stem.text
        );
    }
    let summary = root().join("src/SUMMARY.md");
    let entries = fs::read_to_string(&summary)?;
    let entries = add_to_summary(&entries, &stem, title)?;

    process::step(&format!("scaffolding {} \"{title}\"", stem.text));
    for (path, text) in &files {
        let path = root().join(path);
        fs::create_dir_all(path.parent().context("a file is in a directory")?)?;
        fs::write(&path, text)?;
        eprintln!("    wrote {}", shown(&path));
    }
    fs::write(&summary, entries)?;
    eprintln!("    added \"{title}\" to src/SUMMARY.md");
    // The listing's output.txt comes from a run, like every other.
    crate::bless::run(Some(&stem.text))?;
    eprintln!(
        "\nnext: `cargo xtask test {}` lists what is left to write (every {MARK}), then checks \
         the chapter as you write it",
        stem.text
    );
    Ok(())
}

/// SUMMARY.md with a line for the new page, after the chapters (or
/// appendices) that come before it.
fn add_to_summary(summary: &str, stem: &Stem, title: &str) -> Result<String> {
    let order = |part: &Part| match part {
        Part::Chapter(n) => (0, *n, ' '),
        Part::Appendix(letter) => (1, 0, *letter),
    };
    let mut after = None;
    for (index, line) in summary.lines().enumerate() {
        let Some(link) = line
            .split_once("](")
            .and_then(|(_, rest)| rest.split_once(')'))
            .map(|(link, _)| link)
        else {
            continue;
        };
        if let Some(other) = Stem::parse(link.trim_start_matches("./")) {
            if other.part == stem.part {
                bail!(
                    "src/SUMMARY.md:{}: {} is already listed",
                    index + 1,
                    stem.part.mention()
                );
            }
            if order(&other.part) < order(&stem.part) {
                after = Some(index);
            }
        }
    }
    // A chapter is a numbered list item; an appendix a suffix chapter (a
    // link on a line of its own, after a blank line), which mdBook does not
    // number.
    let entry = match stem.part {
        Part::Chapter(_) => format!("- [{title}]({})", stem.page_file_name()),
        Part::Appendix(letter) => {
            format!("\n[Appendix {letter}: {title}]({})", stem.page_file_name())
        }
    };
    let mut lines: Vec<&str> = summary.lines().collect();
    match after {
        Some(index) => lines.insert(index + 1, &entry),
        None => lines.push(&entry),
    }
    Ok(lines.join("\n") + "\n")
}

/// Every file of the new chapter, as (path from the root, text).
fn scaffold(stem: &Stem, title: &str) -> Vec<(PathBuf, String)> {
    let listing_dir = stem.listing_dir(1, "first");
    let listing_name = listing_dir
        .file_name()
        .expect("a listing has a directory")
        .to_string_lossy()
        .into_owned();
    let package = book::listing_package(&listing_name);
    let exercise_crate = stem.exercise_package().replace('-', "_");
    let fill = |template: &str| {
        template
            .replace("{MARK}", MARK)
            .replace("{title}", title)
            .replace("{stem}", &stem.text)
            .replace("{part}", &stem.part.mention())
            .replace("{label}", &stem.part.label())
            .replace("{anchor}", &stem.part.listing_anchor(1))
            .replace("{listing_dir}", &listing_dir.display().to_string())
            .replace("{listing}", &listing_name)
            .replace("{package}", &package)
            .replace("{exercises}", &stem.exercise_package())
            .replace("{exercise_crate}", &exercise_crate)
    };
    let exercises = stem.exercises();
    let file = |path: PathBuf, template: &str| (path, fill(template));
    vec![
        file(stem.page(), PAGE),
        file(listing_dir.join("Cargo.toml"), LISTING_MANIFEST),
        file(listing_dir.join("src/main.rs"), LISTING_MAIN),
        file(stem.quiz(), QUIZ),
        file(exercises.join("Cargo.toml"), EXERCISE_MANIFEST),
        file(exercises.join("src/lib.rs"), EXERCISE_LIB),
        file(exercises.join("src/first.rs"), EXERCISE_STARTER),
        file(exercises.join("solution/first.rs"), EXERCISE_SOLUTION),
        file(exercises.join("wrong/first/zero.rs"), EXERCISE_WRONG_ZERO),
        file(
            exercises.join("wrong/first/off_by_one.rs"),
            EXERCISE_WRONG_OFF,
        ),
        file(exercises.join("tests/first.rs"), EXERCISE_TESTS),
    ]
}

/// Each `TODO(new)` left in a chapter's files (or, with no stem, in every
/// chapter's), as `path:line: ...`: what is left to write.
pub fn unfinished(stem: Option<&Stem>) -> Result<Vec<String>> {
    let mut places: Vec<PathBuf> = Vec::new();
    match stem {
        Some(stem) => places.extend([stem.page(), stem.quiz(), stem.listings(), stem.exercises()]),
        None => places.extend(["src", "quizzes", "listings", "exercises"].map(PathBuf::from)),
    }
    let mut found = Vec::new();
    for place in places {
        let place = root().join(place);
        let files = if place.is_dir() {
            process::files_under(&place)?
        } else if place.is_file() {
            vec![place]
        } else {
            continue;
        };
        for file in files {
            // Only text files: sources, pages, quizzes, outputs.
            let Ok(text) = std::fs::read_to_string(&file) else {
                continue;
            };
            found.extend(marks_in(&file, &text));
        }
    }
    Ok(found)
}

fn marks_in(file: &Path, text: &str) -> Vec<String> {
    text.lines()
        .enumerate()
        .filter_map(|(index, line)| {
            let at = line.find(MARK)?;
            // Up to the end of the comment or string it sits in.
            let what = line[at + MARK.len()..].trim_start_matches(':');
            let what = what.split(['"', '|']).next().unwrap_or_default();
            let what = what.trim().trim_end_matches("-->").trim();
            Some(format!("{}:{}: {what}", shown(file), index + 1))
        })
        .collect()
}

const PAGE: &str = r#"# {title}

<!-- {MARK}: the hook. The problem this chapter solves, in a few lines: what a reader
     is trying to do, and what goes wrong without what the chapter teaches. -->

## {MARK}: the first concept

<!-- {MARK}: each concept with a tested snippet or a listing, small to real. A
     ```rust block is compiled and run; hide boilerplate with `# ` lines. -->

```rust,noplayground
{{#include ../{listing_dir}/src/main.rs:main}}
```

<a id="{anchor}"></a>*Listing {label}-1: {MARK}: what the listing shows
(`{listing_dir}`; `cargo run -p {package}`)*

```text
{{#include ../{listing_dir}/output.txt}}
```

> [!WARNING]
> {MARK}: the mistake people make here, next to the compile-fail case or the test
> that shows it, then the fix.

## Summary

- {MARK}: what a reader should remember, one point per line.

### Mistakes to remember

| mistake (shown by) | what happens |
| --- | --- |
| {MARK}: the mistake, [Listing {label}-1](#{anchor}) | {MARK}: what it does |

## Quiz

{{#quiz ../quizzes/{stem}.toml}}

## Exercises

The exercises are a crate, `exercises/{stem}`, whose tests fail until you
have written the code:

```console
$ cargo test -p {exercises} --no-fail-fast
```

1. **{MARK}: the first exercise.** In `src/first.rs`, {MARK}: the task. Its
   real question is explained here, in the prose.

<details>
<summary>Hint 1</summary>

{MARK}: a gentle hint; later hints, each in its own block, are stronger.

</details>

Beside the solutions are wrong ones, each a mistake this {part} warns
about; `cargo test -p {exercises} --features wrong-first-zero --test first`
shows the tests catching one.

## Discussion questions

<details>
<summary>{MARK}: a question, of the kind asked in interviews</summary>

{MARK}: the model answer.

</details>
"#;

const LISTING_MANIFEST: &str = r#"[package]
name = "{package}"
version = "0.1.0"
edition = "2024"
publish = false

[lints]
workspace = true

[dependencies]
tokio.workspace = true
"#;

const LISTING_MAIN: &str = r#"//! {MARK}: what this listing shows, and the claims its tests back.

// ANCHOR: main
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    println!("{MARK}: the listing's program");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    // {MARK}: a test for every claim the chapter makes about this listing.
}
"#;

const QUIZ: &str = r#"# {MARK}: 8 to 12 questions, each with a `context` that says why the right
# answer is right and why each wrong one is wrong. See Quizzes in README.md;
# a question about a program says what the compiler makes of it (check.*).
# mdbook-quiz needs one question to build the book, so here is its shape.

[[questions]]
type = "MultipleChoice"
prompt.prompt = "{MARK}: the question"
prompt.distractors = [
  "{MARK}: a wrong answer that a reader might believe",
  "{MARK}: another",
  "{MARK}: a third",
]
answer.answer = "{MARK}: the right answer"
context = "{MARK}: why the right answer is right, and why each wrong one is wrong"
"#;

const EXERCISE_MANIFEST: &str = r#"[package]
name = "{exercises}"
version = "0.1.0"
edition = "2024"
publish = false
description = "{MARK}: the exercises of {part}, \"{title}\""

[features]
# Swaps the solutions in for your code (src/ -> solution/). CI tests the
# solutions this way; you run `cargo test -p {exercises} --no-fail-fast`.
solution = []
# The wrong solutions, which the tests must catch (see README.md).
wrong-first-zero = []
wrong-first-off-by-one = []

[lints]
workspace = true

[dependencies]
tokio.workspace = true
"#;

const EXERCISE_LIB: &str = r#"//! Exercises for {part}, "{title}".
//!
//! 1. {MARK}: the first exercise, in one line (src/first.rs).
//!
//! Fill in the `todo!()`s, then run the tests:
//!
//! ```console
//! $ cargo test -p {exercises} --no-fail-fast
//! ```

#[cfg_attr(feature = "solution", path = "../solution/first.rs")]
#[cfg_attr(feature = "wrong-first-zero", path = "../wrong/first/zero.rs")]
#[cfg_attr(
    feature = "wrong-first-off-by-one",
    path = "../wrong/first/off_by_one.rs"
)]
mod first;
pub use first::answer;
"#;

const EXERCISE_STARTER: &str = r#"//! {MARK}: the task, and nothing more (hints go in the chapter).

/// {MARK}: what the reader writes.
pub fn answer() -> u32 {
    todo!()
}
"#;

const EXERCISE_SOLUTION: &str = r#"//! {MARK}: the solution.

pub fn answer() -> u32 {
    42
}
"#;

const EXERCISE_WRONG_ZERO: &str = r#"//! Wrong: {MARK}: a mistake the chapter warns about.

pub fn answer() -> u32 {
    0
}
"#;

const EXERCISE_WRONG_OFF: &str = r#"//! Wrong: {MARK}: another mistake the chapter warns about.

pub fn answer() -> u32 {
    41
}
"#;

const EXERCISE_TESTS: &str = r#"//! {MARK}: tests that pass on the solution and fail on the starter and on
//! every wrong solution.

use {exercise_crate}::answer;

#[test]
fn answers() {
    assert_eq!(answer(), 42);
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_entry_goes_after_the_parts_before_it() {
        let summary = "# Summary\n\n[Introduction](README.md)\n\n- [Futures](ch01-futures.md)\n\
                       - [Pinning](ch02-pinning.md)\n\n[Appendix A: Testing](appendix-a-testing.md)\n";
        let stem = Stem::parse("ch03-runtimes").unwrap();
        let added = add_to_summary(summary, &stem, "Runtimes").unwrap();
        assert!(
            added.contains(
                "- [Pinning](ch02-pinning.md)\n- [Runtimes](ch03-runtimes.md)\n\n[Appendix A"
            ),
            "{added}"
        );
        let appendix = Stem::parse("appendix-b-cheat-sheet").unwrap();
        let added = add_to_summary(summary, &appendix, "Cheat sheet").unwrap();
        assert!(
            added.ends_with(
                "[Appendix A: Testing](appendix-a-testing.md)\n\n\
                 [Appendix B: Cheat sheet](appendix-b-cheat-sheet.md)\n"
            ),
            "{added}"
        );
        let again = Stem::parse("ch02-pinned").unwrap();
        assert!(
            add_to_summary(summary, &again, "Again")
                .unwrap_err()
                .to_string()
                .contains("chapter 2 is already listed")
        );
    }

    #[test]
    fn the_scaffold_marks_what_is_left_and_names_its_parts_by_the_stem() {
        let stem = Stem::parse("ch06-channels").unwrap();
        let files = scaffold(&stem, "Channels");
        let paths: Vec<String> = files.iter().map(|(p, _)| p.display().to_string()).collect();
        assert!(paths.contains(&"listings/ch06-channels/06-01-first/Cargo.toml".to_owned()));
        assert!(paths.contains(&"exercises/ch06-channels/wrong/first/zero.rs".to_owned()));
        for (path, text) in &files {
            for token in [
                "{MARK}", "{title}", "{stem}", "{part}", "{label}", "{anchor}",
            ] {
                assert!(!text.contains(token), "{} keeps {token}", path.display());
            }
            for token in [
                "{listing_dir}",
                "{package}",
                "{exercises}",
                "{exercise_crate}",
            ] {
                assert!(!text.contains(token), "{} keeps {token}", path.display());
            }
            // Every file but the listing's manifest has something to write.
            let manifest = path.ends_with("06-01-first/Cargo.toml");
            assert!(
                manifest || text.contains(MARK),
                "{} has nothing left to write?",
                path.display()
            );
        }
        let page = &files[0].1;
        assert!(page.contains("<a id=\"listing-6-1\"></a>*Listing 6-1:"));
        assert!(page.contains("`cargo run -p listing-06-01-first`"));
        let marks = marks_in(Path::new("src/ch06-channels.md"), page);
        assert!(
            marks[0].starts_with("src/ch06-channels.md:3: the hook."),
            "{marks:?}"
        );
    }

    #[test]
    fn a_malformed_or_taken_stem_is_refused() {
        let error = run("ch6-channels", "Channels").unwrap_err().to_string();
        assert!(error.contains("is not a stem"), "{error}");
        let error = run("ch01-futures", "Futures").unwrap_err().to_string();
        assert!(error.contains("already exists"), "{error}");
    }
}
