//! `cargo xtask new <stem> <title>`: scaffolds a chapter (written below).

use anyhow::{Result, bail};

pub fn run(stem: &str, title: &str) -> Result<()> {
    bail!("not yet: {stem} {title}")
}
