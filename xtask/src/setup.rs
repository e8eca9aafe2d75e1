//! `cargo xtask setup`: the pinned book tools, installed into .tools/.

use crate::process::{self, cargo, root};
use anyhow::Result;
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::Command;

/// The tools and the versions every reader and CI use.
pub const TOOLS: [(&str, &str); 2] = [("mdbook", "0.5.4"), ("mdbook-quiz", "0.5.0")];

pub fn run() -> Result<()> {
    for (tool, version) in TOOLS {
        let replace = match installed_version(tool) {
            Some(installed) if installed == version => continue,
            Some(other) => {
                eprintln!("    .tools/bin/{tool} is {other}; the book pins {version}");
                true
            }
            None => false,
        };
        process::step(&format!(
            "installing {tool} {version} into .tools/ (first time only: building both \
             tools takes about 5 minutes on 2 cores)"
        ));
        let install = [
            "install",
            "--locked",
            "--root",
            ".tools",
            "--version",
            version,
            tool,
        ];
        process::run(
            cargo()
                // Both tools share most dependencies; one target directory
                // builds those once.
                .env("CARGO_TARGET_DIR", root().join(".tools/target"))
                .args(install)
                // Over another version, which cargo may not know it installed.
                .args(replace.then_some("--force")),
        )?;
    }
    Ok(())
}

/// The version a tool in .tools/bin reports, if it is there.
fn installed_version(tool: &str) -> Option<String> {
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
