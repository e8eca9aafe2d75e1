//! The Markdown pages in src/: the policy their code blocks follow, and the
//! link between skeptic's tests and the blocks they come from.
//!
//! Policy:
//! - every code block is fenced and names its language (```rust, ```text,
//!   ```console...); Rust code is labelled `rust`, not `rs`;
//! - a ```rust block is a snippet (skeptic compiles and runs it) unless its
//!   only content is includes of files in listings/;
//! - no snippet is empty, marked `ignore` (use `no_run`, and exercise the
//!   code in a listing's tests) or `compile_fail` (show compiler errors with
//!   trybuild);
//! - every `{{#include}}` names a file that exists, and an anchor in it;
//! - package names the prose tells readers to run exist;
//! - no two pages share a file name (skeptic names tests after it);
//! - skeptic generated exactly one test per snippet, named for its line.

use crate::book::{self, Stem};
use crate::markdown::{self, CodeBlock};
use crate::process::{self, cargo, root, shown};
use anyhow::{Context, Result, ensure};
use fs_err as fs;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Every Markdown page under src/.
pub fn pages() -> Result<Vec<PathBuf>> {
    let files = process::files_under(&root().join("src"))?;
    Ok(files
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "md"))
        .collect())
}

/// Checks the policy on the given pages; returns where their snippets are,
/// as (page, line) pairs.
pub fn check_policy(pages: &[PathBuf]) -> Result<BTreeSet<(PathBuf, usize)>> {
    let mut problems = Vec::new();
    let mut snippets = BTreeSet::new();
    let mut stems: HashMap<String, &Path> = HashMap::new();
    for page in pages {
        let name = shown(page);
        let stem = page
            .file_stem()
            .context("a page has a name")?
            .to_string_lossy();
        if let Some(other) = stems.insert(sanitize(&stem), page) {
            problems.push(format!(
                "{name}: has the same name as {}; skeptic names tests after the page, so \
                 page names must differ",
                shown(other)
            ));
        }
        let text = fs::read_to_string(page).with_context(|| format!("reading {name}"))?;
        for block in markdown::code_blocks(&text) {
            let line = text[..block.range.start].matches('\n').count() + 1;
            let at = format!("{name}:{line}");
            problems.extend(
                block_problems(&block)
                    .into_iter()
                    .map(|p| format!("{at}: {p}")),
            );
            if block.is_snippet()
                && let Some(line) = block.line
            {
                snippets.insert((page.clone(), line));
            }
        }
        for (line, include) in includes(&text) {
            if let Err(problem) = check_include(page, &include) {
                problems.push(format!("{name}:{line}: {problem}"));
            }
        }
    }
    ensure!(problems.is_empty(), "{}", problems.join("\n"));
    Ok(snippets)
}

fn block_problems(block: &CodeBlock) -> Vec<String> {
    let mut problems = Vec::new();
    match block.info.as_deref() {
        None => problems.push(
            "an indented code block; fence it and name its language (```rust, ```text, ...)"
                .to_owned(),
        ),
        Some("") => problems
            .push("a code block needs a language (```rust, ```text, ```console, ...)".to_owned()),
        Some(_) if block.tokens().any(|t| t == "rs") => {
            problems.push("label Rust code ```rust (skeptic tests only that)".to_owned());
        }
        Some(_) => {}
    }
    if block.is_rust() && block.is_listing_include() {
        for line in block.code.lines().filter_map(markdown::include_argument) {
            if !line.trim_start_matches("../").starts_with("listings/") {
                problems.push(format!(
                    "a ```rust block may include only listings (listings/...), not {line}"
                ));
            }
        }
    }
    if block.is_snippet() {
        if block.line.is_none() {
            problems.push("an empty ```rust block".to_owned());
        }
        for token in block.tokens() {
            match token {
                "ignore" => problems.push(
                    "`ignore` leaves a snippet untested; use `no_run` and run the same code in \
                     a listing's tests"
                        .to_owned(),
                ),
                "compile_fail" => problems.push(
                    "skeptic cannot check `compile_fail`; show the error from a compile-fail \
                     case in listings/chNN-slug/compile-fail/ instead"
                        .to_owned(),
                ),
                _ => {}
            }
        }
    }
    problems
}

/// A snippet has a run button (theme/playground.js) unless it is marked
/// `noplayground`; the playground has std, tokio and futures but not this
/// repository's crates, so a snippet that uses one must be marked.
pub fn check_playground(pages: &[PathBuf], packages: &[String]) -> Result<()> {
    let crates: Vec<String> = packages.iter().map(|p| p.replace('-', "_")).collect();
    let mut problems = Vec::new();
    for page in pages {
        let text = fs::read_to_string(page)?;
        for block in markdown::code_blocks(&text) {
            if !block.is_snippet() || block.tokens().any(|t| t == "noplayground") {
                continue;
            }
            let used = crates.iter().find(|name| {
                block.code.contains(&format!("{name}::"))
                    || block.code.contains(&format!("extern crate {name}"))
            });
            if let Some(name) = used {
                let line = text[..block.range.start].matches('\n').count() + 1;
                problems.push(format!(
                    "{}:{line}: this snippet uses `{name}`, which the Rust playground does not have; \
                     mark it ```rust,noplayground so it gets no run button",
                    shown(page)
                ));
            }
        }
    }
    ensure!(problems.is_empty(), "{}", problems.join("\n"));
    Ok(())
}

/// Pages tell readers to run `cargo run -p listing-01-03-block-on` or
/// `cargo test -p exercises-ch01-futures`: every such name must be a package.
pub fn check_package_names(pages: &[PathBuf], packages: &[String]) -> Result<()> {
    let mut problems = Vec::new();
    for page in pages {
        let text = fs::read_to_string(page)?;
        for (index, line) in text.lines().enumerate() {
            let words = line.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'));
            for word in words.map(|w| w.trim_end_matches('-')) {
                if book::names_a_package(word) && !packages.iter().any(|p| p == word) {
                    problems.push(format!(
                        "{}:{}: names the package `{word}`, which the workspace does not have",
                        shown(page),
                        index + 1
                    ));
                }
            }
        }
    }
    ensure!(problems.is_empty(), "{}", problems.join("\n"));
    Ok(())
}

/// The includes of a page, with their 1-based lines.
fn includes(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(start) = rest.find("{{") {
            let Some(end) = rest[start..].find("}}") else {
                break;
            };
            let directive = &rest[start..start + end + 2];
            if let Some(argument) = markdown::include_argument(directive) {
                found.push((index + 1, argument.to_owned()));
            }
            rest = &rest[start + end + 2..];
        }
    }
    found
}

fn check_include(page: &Path, include: &str) -> std::result::Result<(), String> {
    let (path, selector) = match include.split_once(':') {
        Some((path, selector)) => (path, Some(selector)),
        None => (include, None),
    };
    let file = page.parent().expect("a page is in a directory").join(path);
    let Ok(text) = fs::read_to_string(&file) else {
        let hint = if path.ends_with("output.txt") || path.ends_with(".stderr") {
            " (run `cargo xtask bless` to generate it)"
        } else {
            ""
        };
        return Err(format!("includes {path}, which does not exist{hint}"));
    };
    // `path:anchor` names an anchor; `path:10`, `path:10:20` and `path::20` are lines.
    let anchor = selector.filter(|s| !s.starts_with(|c: char| c.is_ascii_digit() || c == ':'));
    if let Some(anchor) = anchor {
        // As mdBook finds them: `ANCHOR: name` anywhere in a line.
        let marks = |marker: &str| {
            text.lines().any(|line| {
                line.split(marker).skip(1).any(|after| {
                    let after = after.trim_start();
                    after.strip_prefix(anchor).is_some_and(|rest| {
                        !rest.starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '-')
                    })
                })
            })
        };
        if !marks("ANCHOR:") || !marks("ANCHOR_END:") {
            return Err(format!(
                "includes {path}:{anchor}, but {path} has no anchor `{anchor}`"
            ));
        }
    }
    Ok(())
}

/// Files that pages include, relative to the root.
pub fn included_paths() -> Result<Vec<PathBuf>> {
    let mut paths = Vec::new();
    for page in pages()? {
        let text = fs::read_to_string(&page)?;
        for (_, include) in includes(&text) {
            let path = include.split(':').next().unwrap_or_default();
            let file = process::normalise(&page.parent().context("page directory")?.join(path));
            paths.push(file.strip_prefix(root()).unwrap_or(&file).to_path_buf());
        }
    }
    Ok(paths)
}

/// Where skeptic's tests say the snippets are (the harness is already built).
fn skeptic_tests() -> Result<BTreeSet<(PathBuf, usize)>> {
    let listing =
        process::capture(cargo().args(["test", "--quiet", "--test", "skeptic", "--", "--list"]))?;
    ensure!(
        listing.status.success(),
        "`cargo test --test skeptic -- --list` failed:\n{}",
        String::from_utf8_lossy(&listing.stderr)
    );
    let pages = pages()?;
    let mut found = BTreeSet::new();
    for test in String::from_utf8(listing.stdout)?
        .lines()
        .filter_map(|l| l.strip_suffix(": test"))
    {
        let located = locate_in(test, &pages)
            .with_context(|| format!("skeptic test `{test}` matches no page in src/"))?;
        found.insert(located);
    }
    Ok(found)
}

/// Checks the policy, and that skeptic tests every snippet, once: on every
/// page, or with a chapter's stem on that chapter's page.
pub fn check(stem: Option<&Stem>) -> Result<()> {
    let mut pages = pages()?;
    if let Some(stem) = stem {
        pages.retain(|page| page.ends_with(stem.page()));
    }
    let snippets = check_policy(&pages)?;
    let packages = crate::workspace::packages()?;
    let names: Vec<String> = packages.iter().map(|p| p.name.clone()).collect();
    check_package_names(&pages, &names)?;
    check_playground(&pages, &names)?;
    crate::prose::check(&pages, &self::pages()?, &packages)?;
    let mut tested = skeptic_tests()?;
    tested.retain(|(page, _)| pages.contains(page));
    compare(&snippets, &tested)?;
    eprintln!(
        "    {} snippets in {} pages, each a skeptic test",
        snippets.len(),
        pages.len()
    );
    Ok(())
}

/// The snippets the policy sees must be exactly the blocks skeptic tests.
fn compare(
    snippets: &BTreeSet<(PathBuf, usize)>,
    tested: &BTreeSet<(PathBuf, usize)>,
) -> Result<()> {
    let mut problems = Vec::new();
    for (page, line) in snippets.difference(tested) {
        problems.push(format!(
            "{}:{line}: this snippet has no skeptic test; run `cargo clean -p async-rust-tested` \
             if build.rs has not seen the page since it changed",
            shown(page)
        ));
    }
    for (page, line) in tested.difference(snippets) {
        problems.push(format!(
            "{}:{line}: skeptic tests a block here that the snippet policy does not see as a \
             snippet",
            shown(page)
        ));
    }
    ensure!(problems.is_empty(), "{}", problems.join("\n"));
    Ok(())
}

/// Skeptic names a test `<page>_sect_<heading>_line_<N>` (or
/// `<page>_line_<N>`), where N is the line of the block's opening fence;
/// this turns it back into `src/<page>.md:N`.
pub fn locate_skeptic_test(test: &str) -> Option<String> {
    let (page, line) = locate_in(test, &pages().ok()?)?;
    Some(format!("{}:{line}", shown(&page)))
}

fn locate_in(test: &str, pages: &[PathBuf]) -> Option<(PathBuf, usize)> {
    let (head, line) = test.rsplit_once("_line_")?;
    let line: usize = line.parse().ok()?;
    let page = pages.iter().find(|page| {
        let stem = sanitize(&page.file_stem().unwrap_or_default().to_string_lossy());
        head == stem
            || head
                .strip_prefix(&stem)
                .is_some_and(|rest| rest.starts_with("_sect_"))
    })?;
    Some((page.clone(), line))
}

/// Skeptic's test-name sanitising: lowercase ASCII alphanumerics joined by `_`.
pub fn sanitize(name: &str) -> String {
    name.to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::process::fixture;

    #[test]
    fn every_broken_rule_is_reported_with_file_and_line() {
        let error = check_policy(&[fixture("pages/broken.md")])
            .unwrap_err()
            .to_string();
        let page = "xtask/fixtures/pages/broken.md";
        for expected in [
            format!("{page}:3: `ignore` leaves a snippet untested"),
            format!("{page}:7: a code block needs a language"),
            format!("{page}:11: skeptic cannot check `compile_fail`"),
            format!("{page}:15: a ```rust block may include only listings"),
            format!("{page}:16: includes ../missing/file.rs, which does not exist"),
            format!("{page}:20: includes broken.md:nowhere, but broken.md has no anchor"),
            format!("{page}:25: an indented code block"),
            format!("{page}:27: label Rust code ```rust"),
            format!("{page}:31: an empty ```rust block"),
        ] {
            assert!(
                error.contains(&expected),
                "missing {expected:?} in:\n{error}"
            );
        }
    }

    #[test]
    fn snippets_are_found_by_line_and_listing_includes_are_not_snippets() {
        let page = fixture("pages/good.md");
        let snippets = check_policy(std::slice::from_ref(&page)).unwrap();
        let lines: Vec<usize> = snippets.iter().map(|(_, line)| *line).collect();
        assert_eq!(lines, [3, 16, 24, 36]);
        let text = fs::read_to_string(&page).unwrap();
        let includes = markdown::code_blocks(&text)
            .into_iter()
            .filter(|b| b.is_rust() && b.is_listing_include())
            .count();
        assert_eq!(includes, 1);
    }

    #[test]
    fn the_build_script_relabels_exactly_the_listing_includes() {
        let text = fs::read_to_string(fixture("pages/good.md")).unwrap();
        let relabelled = markdown::relabel_listing_includes(&text);
        assert_eq!(
            relabelled.lines().count(),
            text.lines().count(),
            "lines stay put"
        );
        let rust_blocks = |page: &str| {
            markdown::code_blocks(page)
                .iter()
                .filter(|b| b.is_rust())
                .count()
        };
        assert_eq!(rust_blocks(&text), 5);
        assert_eq!(rust_blocks(&relabelled), 4);
    }

    #[test]
    fn a_snippet_skeptic_misses_and_a_test_of_no_snippet_are_both_named() {
        let page = root().join("src/ch01-futures.md");
        let snippets = BTreeSet::from([(page.clone(), 10), (page.clone(), 20)]);
        let tested = BTreeSet::from([(page.clone(), 10), (page.clone(), 30)]);
        let error = compare(&snippets, &tested).unwrap_err().to_string();
        assert!(
            error.starts_with("src/ch01-futures.md:20: this snippet has no skeptic test"),
            "{error}"
        );
        assert!(
            error.contains("\nsrc/ch01-futures.md:30: skeptic tests a block here"),
            "{error}"
        );
        compare(&snippets, &snippets).unwrap();
    }

    #[test]
    fn a_snippet_using_a_crate_of_the_book_must_not_offer_the_playground() {
        let packages = ["exercises-ch01-futures".to_owned()];
        let error = check_playground(&[fixture("pages/broken.md")], &packages).unwrap_err();
        assert_eq!(
            error.to_string(),
            "xtask/fixtures/pages/broken.md:34: this snippet uses `exercises_ch01_futures`, which \
             the Rust playground does not have; mark it ```rust,noplayground so it gets no run button"
        );
        check_playground(&[fixture("pages/good.md")], &packages).unwrap();
    }

    #[test]
    fn a_package_the_workspace_lacks_is_reported() {
        let packages = ["listing-01-02-countdown".to_owned()];
        let error = check_package_names(&[fixture("pages/broken.md")], &packages).unwrap_err();
        assert_eq!(
            error.to_string(),
            "xtask/fixtures/pages/broken.md:23: names the package `listing-99-01-nowhere`, \
             which the workspace does not have"
        );
        check_package_names(&[fixture("pages/good.md")], &packages).unwrap();
    }

    #[test]
    fn a_failing_skeptic_test_is_traced_to_its_page_and_line() {
        let pages = [
            root().join("src/ch01-futures.md"),
            root().join("src/ch10-x.md"),
        ];
        let located = locate_in("ch01_futures_sect_futures_line_42", &pages);
        assert_eq!(located, Some((pages[0].clone(), 42)));
        assert_eq!(
            locate_in("ch10_x_line_7", &pages),
            Some((pages[1].clone(), 7))
        );
        assert_eq!(locate_in("ch01_futures_extra_line_7", &pages), None);
    }
}
