//! `cargo xtask <verb>`: the one driver for building, serving and checking
//! the book. Each verb is a module; the checks `test` runs live in modules of
//! their own so that `bless` and the self-tests use the very same code.

mod bless;
mod book;
mod browser;
mod build;
mod compile_fail;
mod exercises;
mod links;
mod listings;
mod markdown;
mod measure;
mod new;
mod process;
mod prose;
mod quiz_programs;
mod quizzes;
mod serve;
mod setup;
mod snippets;
mod spelling;
mod test;
mod workspace;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <verb> [arguments]

  serve [--port N] [--hostname H]
          install the pinned mdbook and mdbook-quiz into .tools/ if missing,
          then serve the book (default http://127.0.0.1:3000), rebuilt on
          every change
  test [stem]
          every check the book has (what CI runs); stops at the first
          failure. With a chapter's stem (ch03-runtimes), that chapter's
          checks only, and the browser tests of its page
  new <stem> <title>
          scaffold a chapter: page, first listing, quiz, exercises and
          SUMMARY.md entry (for example: new ch06-channels \"Channels\")
  build   install the tools if missing, then build the book into book/
  bless [stem]
          regenerate listings' output.txt and the compile-fail .stderr files
          from real runs (review the diff, then commit); with a chapter's
          stem (ch01-futures), only that chapter's
  measure [stem]
          run the listings whose numbers the book shows (their results.txt),
          built with --release, and rewrite results.txt headed by this
          machine; with a chapter's stem, only that chapter's
  setup   only install the pinned tools (mdbook, mdbook-quiz, and typos for
          the spelling check) into .tools/";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((verb, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let result = match parse(verb, rest) {
        Ok(command) => command.run(),
        Err(problem) => {
            eprintln!("error: {problem}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    // The time each step took, so that the slow one shows in any log.
    process::print_timings();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("\nerror: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// A verb with its arguments, checked before anything runs.
#[derive(Debug, PartialEq)]
enum Verb {
    Setup,
    Serve(serve::Options),
    Build,
    Test(Option<String>),
    Bless(Option<String>),
    Measure(Option<String>),
    New { stem: String, title: String },
    Help,
}

impl Verb {
    fn run(self) -> anyhow::Result<()> {
        match self {
            Verb::Setup => setup::run_all(),
            Verb::Serve(options) => serve::run(&options),
            Verb::Build => build::run().map(|_| ()),
            Verb::Test(stem) => test::run(stem.as_deref()),
            Verb::Bless(stem) => bless::run(stem.as_deref()),
            Verb::Measure(stem) => measure::run(stem.as_deref()),
            Verb::New { stem, title } => new::run(&stem, &title),
            Verb::Help => {
                println!("{USAGE}");
                Ok(())
            }
        }
    }
}

/// The verb and its arguments; an argument a verb does not take is an
/// error, not something to ignore.
fn parse(verb: &str, rest: &[String]) -> Result<Verb, String> {
    let none = |verb: Verb| match rest {
        [] => Ok(verb),
        [extra, ..] => Err(format!("`{extra}`: this verb takes no arguments")),
    };
    let stem = |make: fn(Option<String>) -> Verb| match rest {
        [] => Ok(make(None)),
        [stem] if !stem.starts_with('-') => Ok(make(Some(stem.clone()))),
        [other, ..] => Err(format!("`{other}`: expected a chapter's stem, or nothing")),
    };
    match verb {
        "setup" => none(Verb::Setup),
        "build" => none(Verb::Build),
        "help" | "-h" | "--help" => none(Verb::Help),
        "test" => stem(Verb::Test),
        "bless" => stem(Verb::Bless),
        "measure" => stem(Verb::Measure),
        "serve" => serve::Options::parse(rest).map(Verb::Serve),
        "new" => match rest {
            [stem, title] => Ok(Verb::New {
                stem: stem.clone(),
                title: title.clone(),
            }),
            _ => Err("`new` takes a stem and a title: new ch06-channels \"Channels\"".into()),
        },
        other => Err(format!("`{other}` is not a verb")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(args: &[&str]) -> Result<Verb, String> {
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        parse(&args[0], &args[1..])
    }

    #[test]
    fn each_verb_takes_its_own_arguments_and_no_others() {
        assert_eq!(parsed(&["test"]), Ok(Verb::Test(None)));
        assert_eq!(
            parsed(&["test", "ch03-runtimes"]),
            Ok(Verb::Test(Some("ch03-runtimes".into())))
        );
        assert!(parsed(&["test", "--release"]).is_err());
        assert_eq!(
            parsed(&["measure", "ch07-shared-state"]),
            Ok(Verb::Measure(Some("ch07-shared-state".into())))
        );
        assert!(parsed(&["measure", "--release"]).is_err());
        assert!(parsed(&["test", "ch01-futures", "ch02-pinning"]).is_err());
        assert!(parsed(&["build", "now"]).unwrap_err().contains("`now`"));
        assert!(parsed(&["serve", "--port", "3001", "--open"]).is_err());
        assert!(parsed(&["new", "ch06-channels"]).is_err());
        assert!(parsed(&["publish"]).unwrap_err().contains("not a verb"));
    }
}
