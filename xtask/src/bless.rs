//! `cargo xtask bless`: regenerates, from real runs, the files that show the
//! reader what code does: each listing's output.txt and each compile-fail
//! case's .stderr. Nothing in them is typed by hand; review the diff.

use crate::process::{self, cargo, shown, step};
use crate::{compile_fail, listings, workspace};
use anyhow::Result;
use fs_err as fs;

/// With a chapter's stem, only that chapter's files.
pub fn run(stem: Option<&str>) -> Result<()> {
    let stem = stem.map(workspace::find_stem).transpose()?;
    step("outputs: running each listing whose output the book shows");
    for listing in listings::build_shown(stem.as_ref())? {
        let stdout = listings::run(&listing)?;
        let path = listing.output_txt();
        if fs::read(&path).ok().as_deref() == Some(&stdout[..]) {
            eprintln!("    {} is up to date", shown(&path));
        } else {
            fs::write(&path, &stdout)?;
            eprintln!("    wrote {}", shown(&path));
        }
    }
    step("compiler errors: rewriting the compile-fail cases' .stderr from rustc");
    let mut trybuild = cargo();
    trybuild
        .env("TRYBUILD", "overwrite")
        .args(["test", "--test", "compile_fail"]);
    if let Some(stem) = &stem {
        // tests/compile_fail.rs then takes only this chapter's cases.
        trybuild.env("BOOK_CHAPTER", &stem.text);
    }
    process::run(&mut trybuild)?;
    let rustc = compile_fail::rustc_version()?;
    compile_fail::record(&rustc)?;
    eprintln!("    recorded {rustc} in {}", compile_fail::RECORDED_WITH);
    eprintln!("\nreview the changes with `git diff`, then commit them");
    Ok(())
}
