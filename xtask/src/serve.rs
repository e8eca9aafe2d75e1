//! `cargo xtask serve`: the book on http://127.0.0.1:3000, rebuilt on changes.

use crate::{process, setup};
use anyhow::Result;

pub fn run() -> Result<()> {
    setup::run()?;
    process::step("serving the book on http://127.0.0.1:3000 (Ctrl-C stops)");
    process::run(setup::mdbook().args(["serve", "--hostname", "127.0.0.1", "--port", "3000"]))
}
