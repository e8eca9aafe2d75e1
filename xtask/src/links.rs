//! Every internal link and #anchor in the built book resolves.
//!
//! Reads each .html file under book/ (and the sidebar script, which holds the
//! table of contents), takes every `href="..."` and `src="..."` that points
//! inside the book, and checks that the file exists and, for `#anchor`, that
//! the file has an element with that id. Links to other sites are not
//! followed: they are for the reader to visit, not for the book to load.

use crate::process::normalise;
use crate::process::shown;
use anyhow::{Context, Result, ensure};
use fs_err as fs;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// With `page` (a chapter's built page, `ch03-runtimes.html`), only the
/// links on that page.
pub fn check(book: &Path, page: Option<&str>) -> Result<usize> {
    let files = crate::process::files_under(book)?;
    let mut ids: BTreeMap<PathBuf, HashSet<String>> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut checked = 0;
    for file in &files {
        let is_html = file.extension().is_some_and(|e| e == "html");
        let is_toc = file
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("toc"))
            && file.extension().is_some_and(|e| e == "js");
        if !is_html && !is_toc {
            continue;
        }
        if let Some(page) = page
            && file.file_name().is_none_or(|name| name != page)
        {
            continue;
        }
        let text = fs::read_to_string(file).with_context(|| format!("reading {}", shown(file)))?;
        // The sidebar script's links are relative to the book's root, and so
        // are those of a page with <base href="/"> (404.html).
        let base = if is_toc || text.contains("<base href=\"/\"") {
            book.to_path_buf()
        } else {
            file.parent()
                .context("a file in a directory")?
                .to_path_buf()
        };
        for link in attribute_values(&text, "href").chain(attribute_values(&text, "src")) {
            if is_external(link) {
                continue;
            }
            checked += 1;
            let (path, anchor) = link.split_once('#').unwrap_or((link, ""));
            let path = path.split('?').next().unwrap_or_default();
            let target = if path.is_empty() {
                file.clone()
            } else {
                // `/x` is relative to the site's root, which is the book's.
                let from = if path.starts_with('/') { book } else { &base };
                let mut target = normalise(&from.join(decode(path.trim_start_matches('/'))));
                if path.ends_with('/') {
                    target.push("index.html");
                }
                target
            };
            if !target.starts_with(book) || !target.is_file() {
                problems.push(format!(
                    "{}: links to {link}, which is not in the book",
                    shown(file)
                ));
                continue;
            }
            if anchor.is_empty() || target.extension().is_none_or(|e| e != "html") {
                continue;
            }
            let anchors = match ids.get(&target) {
                Some(anchors) => anchors,
                None => {
                    let page = fs::read_to_string(&target)?;
                    let id_values = attribute_values(&page, "id");
                    let names = attribute_values(&page, "name");
                    let found = id_values.chain(names).map(str::to_owned).collect();
                    ids.entry(target.clone()).or_insert(found)
                }
            };
            if !anchors.contains(&decode(anchor)) {
                problems.push(format!(
                    "{}: links to {link}, but {} has no element with id \"{anchor}\"",
                    shown(file),
                    shown(&target)
                ));
            }
        }
    }
    ensure!(
        problems.is_empty(),
        "broken links in the built book:\n{}",
        problems.join("\n")
    );
    Ok(checked)
}

/// Values of `name="..."` attributes (double-quoted, as mdBook writes them).
fn attribute_values<'a>(html: &'a str, name: &str) -> impl Iterator<Item = &'a str> {
    let needle = format!("{name}=\"");
    let mut rest = html;
    std::iter::from_fn(move || {
        loop {
            let start = rest.find(&needle)?;
            // A whole attribute name: preceded by whitespace (not `data-href`).
            let preceded = rest[..start].chars().next_back();
            rest = &rest[start + needle.len()..];
            let end = rest.find('"')?;
            let value = &rest[..end];
            rest = &rest[end..];
            if preceded.is_none_or(char::is_whitespace) {
                return Some(value);
            }
        }
    })
}

fn is_external(link: &str) -> bool {
    link.starts_with("//")
        || link.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
}

/// Percent-decoding, for links such as `#what%27s-a-future`.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_links_and_anchors_fail_naming_the_page() {
        let book = crate::process::fixture("book");
        let error = check(&book, None).unwrap_err().to_string();
        let page = "xtask/fixtures/book/chapter.html";
        for expected in [
            format!("{page}: links to missing.html, which is not in the book"),
            format!(
                "{page}: links to index.html#nowhere, but xtask/fixtures/book/index.html has no element with id \"nowhere\""
            ),
            format!("{page}: links to #not-here, but {page} has no element"),
            "xtask/fixtures/book/toc.js: links to gone.html, which is not in the book".to_owned(),
        ] {
            assert!(
                error.contains(&expected),
                "missing {expected:?} in:\n{error}"
            );
        }
        // The good links are not mentioned.
        for good in ["#intro\"", "#top", "https://", "style.css", "data-href"] {
            assert!(!error.contains(good), "{good} reported in:\n{error}");
        }
    }

    #[test]
    fn a_chapter_check_looks_only_at_its_page() {
        let book = crate::process::fixture("book");
        // The page as `test` names it (Stem::html), file name and all: a
        // stem without ".html" once matched no file, and the chapter check
        // looked at nothing.
        let error = check(&book, Some("chapter.html")).unwrap_err().to_string();
        assert!(
            error.contains("chapter.html: links to missing.html"),
            "{error}"
        );
        assert!(!error.contains("toc.js"), "{error}");
        assert_eq!(check(&book, Some("index.html")).unwrap(), 2);
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(decode("what%27s-new"), "what's-new");
        assert_eq!(decode("100%"), "100%");
    }
}
