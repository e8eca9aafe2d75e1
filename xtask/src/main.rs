//! `cargo xtask <verb>`: the one driver for building, serving and checking
//! the book. Each verb is a module; the checks `test` runs live in modules of
//! their own so that `bless` and the self-tests use the very same code.

mod bless;
mod browser;
mod build;
mod exercises;
mod links;
mod listings;
mod markdown;
mod process;
mod prose;
mod quiz_programs;
mod quizzes;
mod serve;
mod setup;
mod snippets;
mod test;
mod workspace;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <verb>

  serve   install the pinned mdbook and mdbook-quiz into .tools/ if missing,
          then serve the book on http://127.0.0.1:3000
  test [stem]
          every check the book has (what CI runs); stops at the first
          failure. With a chapter's stem (ch03-runtimes), that chapter's
          checks only, without the browser tests
  build   install the tools if missing, then build the book into book/
  bless [stem]
          regenerate listings' output.txt and the compile-fail .stderr files
          from real runs (review the diff, then commit); with a chapter's
          stem (ch01-futures), only that chapter's
  setup   only install the pinned tools into .tools/";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let verb = args.next();
    // Only `test` and `bless` take an argument (a chapter's stem); a stray
    // one is a mistake, not something to ignore silently.
    let stem = args.next();
    let takes_stem = matches!(verb.as_deref(), Some("bless" | "test"));
    if stem.is_some() && !takes_stem || args.next().is_some() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let result = match verb.as_deref() {
        Some("setup") => setup::run(),
        Some("serve") => serve::run(),
        Some("build") => build::run().map(|_| ()),
        Some("test") => test::run(stem.as_deref()),
        Some("bless") => bless::run(stem.as_deref()),
        Some("help" | "-h" | "--help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("\nerror: {error:#}");
            ExitCode::FAILURE
        }
    }
}
