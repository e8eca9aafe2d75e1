//! Turns every ```rust block in src/ into a test, with skeptic.
//!
//! One kind of ```rust block is not a snippet: a block whose only content is
//! mdBook includes of a listing (`{{#include ../listings/...}}` or
//! `{{#rustdoc_include ../listings/...}}`). The listing is a crate of its own, built and
//! tested by the workspace, so skeptic is given a copy of each page in which
//! those blocks are relabelled `text`. The copy keeps every line where it
//! was, so a test's name (`<page>_sect_<heading>_line_<N>`) still points at
//! line N of the real page. `cargo xtask test` checks that the number of
//! generated tests equals the number of snippets it counts on its own.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let target = env::var("TARGET").expect("cargo sets TARGET");
    println!("cargo:rustc-env=SKEPTIC_TARGET={target}");

    let copies = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("src");
    let mut pages = Vec::new();
    collect_pages(Path::new("src"), &mut pages);
    // Rerun when a page changes, or when SUMMARY.md (itself a page) gains one.
    // Not on all of src/: mdbook-quiz rewrites its assets in src/quiz/ on
    // every build, and that would rerun this script after every build.
    for page in &pages {
        println!("cargo:rerun-if-changed={}", page.display());
    }
    pages.sort();

    let mut docs = Vec::new();
    for page in pages {
        let text = fs::read_to_string(&page).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
        let copy = copies.join(page.strip_prefix("src").expect("under src"));
        fs::create_dir_all(copy.parent().expect("has a parent")).expect("create OUT_DIR/src");
        write_if_changed(&copy, &relabel_listing_includes(&text));
        docs.push(copy);
    }
    skeptic::generate_doc_tests(&docs);
}

fn collect_pages(dir: &Path, pages: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("readable directory entry").path();
        if path.is_dir() && !path.ends_with("src/quiz") {
            collect_pages(&path, pages);
        } else if path.extension().is_some_and(|e| e == "md") {
            pages.push(path);
        }
    }
}

/// Relabels ```rust blocks that hold nothing but listing includes.
fn relabel_listing_includes(page: &str) -> String {
    let lines: Vec<&str> = page.lines().collect();
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let mut i = 0;
    while i < lines.len() {
        let opening = lines[i].trim_start();
        if let Some(info) = opening.strip_prefix("```") {
            let close = (i + 1..lines.len()).find(|&j| lines[j].trim_start().starts_with("```"));
            let Some(close) = close else { break };
            let body = &lines[i + 1..close];
            let only_includes = body.iter().any(|l| !l.trim().is_empty())
                && body.iter().all(|l| {
                    let l = l.trim();
                    l.is_empty()
                        || l.starts_with("{{#include ")
                        || l.starts_with("{{#rustdoc_include ")
                });
            if info.starts_with("rust") && only_includes {
                let indent = &lines[i][..lines[i].len() - opening.len()];
                out[i] = format!("{indent}```text");
            }
            i = close + 1;
        } else {
            i += 1;
        }
    }
    let mut joined = out.join("\n");
    joined.push('\n');
    joined
}

fn write_if_changed(path: &Path, contents: &str) {
    // Rewriting an unchanged copy would make cargo think the inputs changed.
    if fs::read_to_string(path).ok().as_deref() != Some(contents) {
        fs::write(path, contents).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}
