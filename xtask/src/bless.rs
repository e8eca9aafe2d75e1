//! `cargo xtask bless`: regenerates, from real runs, the files that show the
//! reader what code does: each listing's output.txt and each compile-fail
//! case's .stderr. Nothing in them is typed by hand; review the diff.

use crate::listings;
use crate::process::{self, cargo, shown, step};
use anyhow::Result;
use std::fs;

pub fn run() -> Result<()> {
    step("outputs: running each listing whose output the book shows");
    for listing in listings::build_shown()? {
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
    process::run(
        cargo()
            .env("TRYBUILD", "overwrite")
            .args(["test", "--test", "compile_fail"]),
    )?;
    eprintln!("\nreview the changes with `git diff`, then commit them");
    Ok(())
}
