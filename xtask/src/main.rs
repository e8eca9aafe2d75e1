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
  test    every check the book has (what CI runs); stops at the first failure
  build   install the tools if missing, then build the book into book/
  bless   regenerate listings' output.txt and the compile-fail .stderr files
          from real runs (review the diff, then commit)
  setup   only install the pinned tools into .tools/";

fn main() -> ExitCode {
    let verb = std::env::args().nth(1);
    let result = match verb.as_deref() {
        Some("setup") => setup::run(),
        Some("serve") => serve::run(),
        Some("build") => build::run().map(|_| ()),
        Some("test") => test::run(),
        Some("bless") => bless::run(),
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
