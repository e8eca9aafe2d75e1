//! `cargo xtask setup`: the pinned book tools, installed into .tools/.

use crate::process::{self, cargo, root};
use crate::spelling;
use anyhow::Result;
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::Command;

/// The tools the book is built with, as (crate, the program it installs,
/// version): every reader (`serve`, `build`) and CI use these.
pub const TOOLS: [(&str, &str, &str); 2] = [
    ("mdbook", "mdbook", "0.5.4"),
    ("mdbook-quiz", "mdbook-quiz", "0.5.0"),
];

/// What the checks need besides: the spelling checker. Only `test` and
/// `setup` install it, so a reader who only serves the book never waits
/// for it.
pub const CHECK_TOOLS: [(&str, &str, &str); 1] =
    [(spelling::TOOL.0, spelling::BINARY, spelling::TOOL.1)];

/// The book's tools.
pub fn run() -> Result<()> {
    install(&TOOLS)
}

/// The book's tools and the checks' tools.
pub fn run_all() -> Result<()> {
    install(&TOOLS)?;
    install(&CHECK_TOOLS)
}

fn install(tools: &[(&str, &str, &str)]) -> Result<()> {
    for &(tool, program, version) in tools {
        let replace = match installed_version(program) {
            Some(installed) if installed == version => continue,
            Some(other) => {
                eprintln!("    .tools/bin/{program} is {other}; the book pins {version}");
                true
            }
            None => false,
        };
        process::step(&format!(
            "installing {tool} {version} into .tools/ (first time only: mdbook and \
             mdbook-quiz take about 2.5 minutes to build on 2 cores, typos about 1.5)"
        ));
        let install = [
            "install",
            "--locked",
            // Unoptimised, without debug info: measured on 2 cores, the
            // three tools cost 365 s of CPU to build instead of 749 s with
            // --release, and the book then builds in 2.1 s instead of
            // 0.7 s and is spell-checked in 0.9 s instead of 0.1 s.
            "--debug",
            "--root",
            ".tools",
            "--version",
            version,
            tool,
        ];
        process::run(
            cargo()
                // The tools share most dependencies; one target directory
                // builds those once.
                .env("CARGO_TARGET_DIR", root().join(".tools/target"))
                .env("CARGO_PROFILE_DEV_DEBUG", "false")
                .args(install)
                // Over another version, which cargo may not know it installed.
                .args(replace.then_some("--force")),
        )?;
    }
    Ok(())
}

/// The version a tool in .tools/bin reports, if it is there.
pub fn installed_version(tool: &str) -> Option<String> {
    let output = Command::new(bin().join(tool))
        .arg("--version")
        .output()
        .ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    // "mdbook v0.5.4", "mdbook-quiz 0.5.0"
    let version = text.split_whitespace().last()?;
    Some(version.trim_start_matches('v').to_owned())
}

fn bin() -> PathBuf {
    root().join(".tools/bin")
}

/// `mdbook`, from .tools/, with .tools/bin first on PATH so that it finds the
/// pinned mdbook-quiz preprocessor.
pub fn mdbook() -> Command {
    let mut path = OsString::from(bin());
    if let Some(existing) = std::env::var_os("PATH") {
        path.push(":");
        path.push(existing);
    }
    let mut command = Command::new(bin().join("mdbook"));
    command
        .current_dir(root())
        .env("PATH", path)
        // Plain INFO/WARN/ERROR lines, whatever the caller's environment, so
        // that `cargo xtask build` can judge the log.
        .env("MDBOOK_LOG", "info")
        .env("NO_COLOR", "1");
    command
}
