//! Turns every ```rust block in src/ into a test, with skeptic.
//!
//! One kind of ```rust block is not a snippet: a block whose only content is
//! mdBook includes of a listing (`{{#include ../listings/...}}`). The listing
//! is a crate of its own, built and tested by the workspace, so skeptic is
//! given a copy of each page in which those blocks are relabelled `text`.
//! The copy keeps every line where it was, so a test's name
//! (`<page>_sect_<heading>_line_<N>`) still points at line N of the real
//! page. What counts as a block, and as a listing include, is decided by
//! xtask/src/markdown.rs, which xtask's snippet policy uses too; `cargo xtask
//! test` then checks that skeptic made one test for each snippet, no more.

#[allow(dead_code)] // xtask uses the rest of it
#[path = "xtask/src/markdown.rs"]
mod markdown;

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let target = env::var("TARGET").expect("cargo sets TARGET");
    println!("cargo:rustc-env=SKEPTIC_TARGET={target}");
    println!("cargo:rerun-if-changed=xtask/src/markdown.rs");

    let copies = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("src");
    let mut pages = Vec::new();
    collect_pages(Path::new("src"), &mut pages);
    pages.sort();

    let mut docs = Vec::new();
    for page in pages {
        let text = fs::read_to_string(&page).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
        let copy = copies.join(page.strip_prefix("src").expect("under src"));
        fs::create_dir_all(copy.parent().expect("has a parent")).expect("create OUT_DIR/src");
        write_if_changed(&copy, &markdown::relabel_listing_includes(&text));
        docs.push(copy);
    }
    skeptic::generate_doc_tests(&docs);
}

/// The pages under `dir`, telling cargo to rerun this script when one of
/// them changes or a page is added. Not on all of src/: mdbook-quiz rewrites
/// its assets in src/quiz/ on every build, which would rerun this every time.
fn collect_pages(dir: &Path, pages: &mut Vec<PathBuf>) {
    if dir != Path::new("src") {
        // A directory watches everything below it, new files included.
        println!("cargo:rerun-if-changed={}", dir.display());
    }
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("readable directory entry").path();
        if path.is_dir() && path != Path::new("src/quiz") {
            collect_pages(&path, pages);
        } else if path.extension().is_some_and(|e| e == "md") {
            // A new page at the top also appears in SUMMARY.md, watched here.
            println!("cargo:rerun-if-changed={}", path.display());
            pages.push(path);
        }
    }
}

fn write_if_changed(path: &Path, contents: &str) {
    // Rewriting an unchanged copy would make cargo think the inputs changed.
    if fs::read_to_string(path).ok().as_deref() != Some(contents) {
        fs::write(path, contents).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}
