//! The browser tests (tests/browser): the built book served on 127.0.0.1 and
//! driven in headless Chromium by Playwright (playwright-core, pinned in
//! tests/browser/package-lock.json), with Node's own test runner.
//!
//! They need Chromium and Node.js 20 or later. In CI (CI set to anything
//! but "false") a missing one is an error; on a reader's machine the tests
//! are skipped and `cargo xtask test` says so as its last line.

use crate::process::{self, root};
use anyhow::{Context, Result, bail, ensure};
use fs_err as fs;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

pub enum Outcome {
    Passed,
    /// Why the tests could not run.
    Skipped(String),
}

/// Where the tests put screenshots and page weights, for a person to look at.
pub fn shots_dir() -> PathBuf {
    root().join("target/browser")
}

/// The tests on the built `book`; with `page` (`ch03-runtimes.html`), only
/// those about that page.
pub fn run(book: &Path, page: Option<&str>) -> Result<Outcome> {
    let missing = match (chromium(), node_major()) {
        (None, _) => Some(
            "no Chromium (looked for $CHROMIUM, /usr/bin/chromium, /usr/bin/chromium-browser)"
                .to_owned(),
        ),
        (_, None) => Some("no Node.js (`node --version` failed)".to_owned()),
        (_, Some(major)) if major < 20 => Some(format!(
            "Node.js {major}; playwright-core needs 20 or later"
        )),
        _ => None,
    };
    if let Some(missing) = missing {
        let in_ci = std::env::var("CI").is_ok_and(|ci| !ci.is_empty() && ci != "false");
        ensure!(
            !in_ci,
            "CI is set, so the browser tests must run, but there is {missing} (.ci/run installs Chromium)"
        );
        return Ok(Outcome::Skipped(missing));
    }
    let chromium = chromium().expect("checked above");
    if install_packages()? {
        // So that the timing table tells the install from the tests.
        process::step("7/7 browser: the tests");
    }
    fs::create_dir_all(shots_dir())?;
    let mut tests = Command::new("node");
    // Each test file (tests/browser/*.test.mjs) has its own server and
    // browser; two at a time keep both cores busy.
    tests
        .current_dir(root().join("tests/browser"))
        .args(["--test", "--test-concurrency=2", "--test-reporter=spec"])
        .env("BOOK_DIR", book)
        .env("CHROMIUM", &chromium)
        .env("SHOTS_DIR", shots_dir());
    if let Some(page) = page {
        tests.env("BOOK_PAGE", page);
    }
    process::run(&mut tests)
        .context("the browser tests failed (screenshots are in target/browser/)")?;
    let weights = fs::read_to_string(shots_dir().join("page-weights.txt")).unwrap_or_default();
    for line in weights.lines() {
        eprintln!("    first visit to {line}");
    }
    Ok(Outcome::Passed)
}

fn chromium() -> Option<PathBuf> {
    let candidates = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .into_iter()
        .chain(["/usr/bin/chromium", "/usr/bin/chromium-browser"].map(PathBuf::from));
    candidates.into_iter().find(|path| path.is_file())
}

fn node_major() -> Option<u32> {
    let output = Command::new("node").arg("--version").output().ok()?;
    let version = String::from_utf8(output.stdout).ok()?;
    version
        .trim()
        .trim_start_matches('v')
        .split('.')
        .next()?
        .parse()
        .ok()
}

/// `npm ci` in tests/browser unless node_modules already holds the versions
/// package-lock.json pins; whether it ran.
fn install_packages() -> Result<bool> {
    let dir = root().join("tests/browser");
    let lock: Value = serde_json::from_str(&fs::read_to_string(dir.join("package-lock.json"))?)
        .context("tests/browser/package-lock.json")?;
    let packages = lock["packages"]
        .as_object()
        .context("package-lock.json lists packages")?;
    let installed = packages
        .iter()
        .filter(|(path, _)| !path.is_empty())
        .all(|(path, pinned)| {
            let manifest =
                fs::read_to_string(dir.join(path).join("package.json")).unwrap_or_default();
            let version = serde_json::from_str::<Value>(&manifest)
                .ok()
                .map(|m| m["version"].clone());
            version.is_some_and(|version| version == pinned["version"])
        });
    if installed {
        return Ok(false);
    }
    process::step("installing the browser tests' npm packages (npm ci in tests/browser)");
    let npm = process::capture(Command::new("npm").current_dir(&dir).args([
        "ci",
        "--no-audit",
        "--no-fund",
    ]));
    match npm {
        Ok(output) if output.status.success() => Ok(true),
        Ok(output) => bail!(
            "`npm ci` in tests/browser failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ),
        Err(error) => {
            Err(error.context("npm is needed to install playwright-core for the browser tests"))
        }
    }
}
