//! The Markdown pages in src/: their fenced blocks, the policy they follow,
//! and the link between skeptic's tests and the blocks they come from.
//!
//! Policy:
//! - every fenced block names its language (```rust, ```text, ```console...);
//! - a ```rust block is a snippet (skeptic compiles and runs it) unless its
//!   only content is an include of a file in listings/;
//! - no snippet is marked `ignore` (use `no_run`, and exercise the code in a
//!   listing's tests) or `compile_fail` (show compiler errors with trybuild);
//! - every `{{#include}}` names a file that exists, and an anchor in it;
//! - skeptic generates exactly one test per snippet.

use crate::process::{cargo, root, shown};
use anyhow::{Context, Result, bail, ensure};
use std::fs;
use std::path::{Path, PathBuf};

pub struct Fence {
    /// 1-based line of the opening fence.
    pub line: usize,
    pub info: String,
    pub body: Vec<String>,
}

impl Fence {
    fn tokens(&self) -> impl Iterator<Item = &str> {
        // The same split as rustdoc and skeptic.
        self.info
            .split(|c: char| !(c == '_' || c == '-' || c.is_alphanumeric()))
            .filter(|t| !t.is_empty())
    }

    pub fn is_rust(&self) -> bool {
        self.tokens().any(|t| t == "rust")
    }

    /// A block that only includes files (from listings/, see the policy) is
    /// not a snippet: the listing is a crate, built and tested on its own.
    pub fn is_listing_include(&self) -> bool {
        let lines = || self.body.iter().map(|l| l.trim()).filter(|l| !l.is_empty());
        lines().next().is_some()
            && lines().all(|l| l.starts_with("{{#include ") || l.starts_with("{{#rustdoc_include "))
    }

    pub fn is_snippet(&self) -> bool {
        self.is_rust() && !self.is_listing_include()
    }
}

/// The fenced blocks of a Markdown text.
pub fn fences(text: &str) -> std::result::Result<Vec<Fence>, String> {
    let mut fences = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((index, line)) = lines.next() {
        let trimmed = line.trim_start();
        let marker = trimmed.chars().next().filter(|c| *c == '`' || *c == '~');
        let Some(marker) = marker else { continue };
        let length = trimmed.chars().take_while(|c| *c == marker).count();
        if length < 3 {
            continue;
        }
        let info = trimmed[length..].trim().to_owned();
        let mut body = Vec::new();
        let mut closed = false;
        for (_, line) in lines.by_ref() {
            let t = line.trim();
            if t.len() >= length && t.chars().all(|c| c == marker) {
                closed = true;
                break;
            }
            body.push(line.to_owned());
        }
        if !closed {
            return Err(format!(
                "line {}: this code block is never closed",
                index + 1
            ));
        }
        fences.push(Fence {
            line: index + 1,
            info,
            body,
        });
    }
    Ok(fences)
}

/// Every Markdown page under src/.
pub fn pages() -> Result<Vec<PathBuf>> {
    let files = crate::process::files_under(&root().join("src"))?;
    Ok(files
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "md"))
        .collect())
}

/// Checks the policy on the given pages; returns how many snippets they hold.
pub fn check_policy(pages: &[PathBuf]) -> Result<usize> {
    let mut problems = Vec::new();
    let mut snippets = 0;
    for page in pages {
        let name = shown(page);
        let text = fs::read_to_string(page).with_context(|| format!("reading {name}"))?;
        let fences = match fences(&text) {
            Ok(fences) => fences,
            Err(problem) => {
                problems.push(format!("{name}: {problem}"));
                continue;
            }
        };
        for fence in &fences {
            let at = format!("{name}:{}", fence.line);
            if fence.info.is_empty() {
                problems.push(format!(
                    "{at}: a code block needs a language (```rust, ```text, ```console, ...)"
                ));
            }
            if fence.is_rust() && fence.is_listing_include() {
                for line in &fence.body {
                    if !line.trim().is_empty() && !line.contains("/listings/") {
                        problems.push(format!(
                            "{at}: a ```rust block may include code from listings/ only \
                             (other code is either a snippet or a listing)"
                        ));
                    }
                }
            }
            if fence.is_snippet() {
                snippets += 1;
                for token in fence.tokens() {
                    match token {
                        "ignore" => problems.push(format!(
                            "{at}: `ignore` leaves a snippet untested; use `no_run` and run the \
                             same code in a listing's tests"
                        )),
                        "compile_fail" => problems.push(format!(
                            "{at}: skeptic cannot check `compile_fail`; show the error from a \
                             compile-fail case in listings/chNN-slug/compile-fail/ instead"
                        )),
                        _ => {}
                    }
                }
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

/// Pages tell readers to run `cargo run -p listing-01-03-block-on` or
/// `cargo test -p exercises-ch01-futures`: every such name must be a package.
pub fn check_package_names(pages: &[PathBuf], packages: &[String]) -> Result<()> {
    let mut problems = Vec::new();
    for page in pages {
        let text = fs::read_to_string(page)?;
        for (index, line) in text.lines().enumerate() {
            let words = line.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'));
            for word in words.map(|w| w.trim_end_matches('-')) {
                let named = word.starts_with("listing-") || word.starts_with("exercises-ch");
                if named && !packages.iter().any(|p| p == word) {
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

/// The `{{#include path[:anchor]}}` and `{{#rustdoc_include ...}}` of a page,
/// with their 1-based lines.
fn includes(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(start) = rest.find("{{#") {
            let after = &rest[start + 3..];
            let Some(end) = after.find("}}") else { break };
            let directive = &after[..end];
            for keyword in ["include ", "rustdoc_include "] {
                if let Some(argument) = directive.strip_prefix(keyword) {
                    found.push((index + 1, argument.trim().to_owned()));
                }
            }
            rest = &after[end..];
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
        let hint = if path.ends_with("output.txt") {
            " (run `cargo xtask bless` to generate it)"
        } else {
            ""
        };
        return Err(format!("includes {path}, which does not exist{hint}"));
    };
    // `path:anchor` names an anchor; `path:10`, `path:10:20` and `path::20` are lines.
    if let Some(anchor) =
        selector.filter(|s| !s.starts_with(|c: char| c.is_ascii_digit() || c == ':'))
    {
        let start = format!("ANCHOR: {anchor}");
        let end = format!("ANCHOR_END: {anchor}");
        let has = |marker: &str| text.lines().any(|l| l.trim_end().ends_with(marker));
        if !has(&start) || !has(&end) {
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
            let file = page.parent().context("page directory")?.join(path);
            // Normalise `src/../listings/...` to `listings/...`.
            let mut normal = PathBuf::new();
            for part in file.strip_prefix(root())?.components() {
                match part {
                    std::path::Component::ParentDir => {
                        normal.pop();
                    }
                    other => normal.push(other),
                }
            }
            paths.push(normal);
        }
    }
    Ok(paths)
}

/// How many tests skeptic generated (the harness is already built).
pub fn skeptic_test_count() -> Result<usize> {
    let output = cargo()
        .args(["test", "--quiet", "--test", "skeptic", "--", "--list"])
        .output()
        .context("could not list skeptic's tests")?;
    ensure!(
        output.status.success(),
        "`cargo test --test skeptic -- --list` failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(String::from_utf8(output.stdout)?
        .lines()
        .filter(|l| l.ends_with(": test"))
        .count())
}

/// Checks the policy and that skeptic tests every snippet, once.
pub fn check() -> Result<()> {
    let pages = pages()?;
    let snippets = check_policy(&pages)?;
    let packages: Vec<String> = crate::workspace::packages()?
        .into_iter()
        .map(|p| p.name)
        .collect();
    check_package_names(&pages, &packages)?;
    let tests = skeptic_test_count()?;
    if tests != snippets {
        bail!(
            "src/ holds {snippets} ```rust snippets but skeptic generated {tests} tests; \
             a block skeptic reads differently from this check (an odd fence, an indented \
             block) is testing something other than what the page shows"
        );
    }
    eprintln!(
        "    {snippets} snippets in {} pages, each a skeptic test",
        pages.len()
    );
    Ok(())
}

/// Skeptic names a test `<page>_sect_<heading>_line_<N>`, where N is the
/// line of the block's opening fence; this turns it back into `src/<page>.md:N`.
pub fn locate_skeptic_test(test: &str) -> Option<String> {
    let (head, line) = test.rsplit_once("_line_")?;
    let line: usize = line.parse().ok()?;
    let stem = head.split_once("_sect_").map_or(head, |(stem, _)| stem);
    let page = pages().ok()?.into_iter().find(|p| {
        p.file_stem()
            .is_some_and(|s| sanitize(&s.to_string_lossy()) == stem)
    })?;
    Some(format!("{}:{line}", shown(&page)))
}

/// Skeptic's test-name sanitising: lowercase ASCII alphanumerics joined by `_`.
fn sanitize(name: &str) -> String {
    name.to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> PathBuf {
        root().join("xtask/fixtures/pages").join(name)
    }

    #[test]
    fn an_ignored_snippet_and_an_unlabelled_block_fail_naming_file_and_line() {
        let error = check_policy(&[fixture("broken.md")])
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("xtask/fixtures/pages/broken.md:3: `ignore`"),
            "{error}"
        );
        assert!(
            error.contains("xtask/fixtures/pages/broken.md:7: a code block needs a language"),
            "{error}"
        );
        assert!(
            error.contains("xtask/fixtures/pages/broken.md:11: skeptic cannot check"),
            "{error}"
        );
        assert!(
            error.contains("broken.md:15: a ```rust block may include code from listings/ only"),
            "{error}"
        );
        assert!(
            error.contains("broken.md:16: includes ../missing/file.rs, which does not exist"),
            "{error}"
        );
        assert!(
            error.contains("broken.md:20: includes broken.md:nowhere, but broken.md has no anchor"),
            "{error}"
        );
    }

    #[test]
    fn snippets_are_counted_and_listing_includes_are_not() {
        assert_eq!(check_policy(&[fixture("good.md")]).unwrap(), 2);
        let page = fs::read_to_string(fixture("good.md")).unwrap();
        let includes = fences(&page)
            .unwrap()
            .into_iter()
            .filter(|f| f.is_rust() && f.is_listing_include());
        assert_eq!(includes.count(), 1);
    }

    #[test]
    fn a_package_the_workspace_lacks_is_reported() {
        let packages = ["listing-01-02-countdown".to_owned()];
        let error = check_package_names(&[fixture("broken.md")], &packages).unwrap_err();
        assert_eq!(
            error.to_string(),
            "xtask/fixtures/pages/broken.md:23: names the package `listing-99-01-nowhere`, \
             which the workspace does not have"
        );
        check_package_names(&[fixture("good.md")], &packages).unwrap();
    }

    #[test]
    fn an_unclosed_block_is_reported() {
        let error = fences("text\n```rust\nfn main() {}\n").err().unwrap();
        assert_eq!(error, "line 2: this code block is never closed");
    }

    #[test]
    fn a_failing_skeptic_test_is_traced_to_its_page_and_line() {
        // Skeptic's own name for the block at line 42 of src/ch01-futures.md.
        let located = locate_skeptic_test("ch01_futures_sect_futures_line_42");
        assert_eq!(located.as_deref(), Some("src/ch01-futures.md:42"));
    }
}
