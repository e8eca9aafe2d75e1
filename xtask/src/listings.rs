//! The one place that builds and runs listings, for `test` (compare) and
//! `bless` (write).
//!
//! A listing that shows its output has an output.txt beside its Cargo.toml.
//! The chapter includes it (`{{#include ../listings/.../output.txt}}`), and
//! `cargo xtask test` runs the listing's binary and requires its stdout to
//! equal output.txt byte for byte. `cargo xtask bless` writes output.txt for
//! every listing that has one or whose output a chapter includes.

use crate::book::Stem;
use crate::process::{self, cargo, root, shown};
use anyhow::{Context, Result, bail, ensure};
use fs_err as fs;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// A listing whose output the book shows, or whose measurements it shows.
pub struct Shown {
    /// The listing's directory, relative to the root.
    pub dir: PathBuf,
    pub exe: PathBuf,
}

impl Shown {
    pub fn output_txt(&self) -> PathBuf {
        root().join(&self.dir).join(OUTPUT)
    }
}

/// The file beside a listing that holds the output the book shows.
pub const OUTPUT: &str = "output.txt";

/// The longest a listing may run: listings are examples, not benchmarks.
const TIME_LIMIT: Duration = Duration::from_secs(60);

/// How a listing is built: as a test builds it, or optimised to measure.
#[derive(Clone, Copy, PartialEq)]
pub enum Profile {
    Dev,
    Release,
}

/// Builds the binaries once and returns the listings whose output is shown,
/// each with its executable: the whole workspace's, or with a chapter's
/// stem only that chapter's listings (so that one chapter can be blessed
/// while another is half written).
pub fn build_shown(stem: Option<&Stem>) -> Result<Vec<Shown>> {
    build_with(stem, OUTPUT, Profile::Dev)
}

/// The listings that have `file` beside their Cargo.toml or whose `file` a
/// page includes (output.txt, or a measuring listing's results.txt), built
/// with `profile`: all of them, or a chapter's.
pub fn build_with(stem: Option<&Stem>, file: &str, profile: Profile) -> Result<Vec<Shown>> {
    let mut wanted = dirs_with(file)?;
    if let Some(stem) = stem {
        wanted.retain(|dir| dir.starts_with(stem.listings()));
    }
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    // Only the listings wanted: a chapter can be blessed while another is
    // half written, and `measure` builds no more than it runs with
    // --release. (The whole workspace's tests have built the rest anyway.)
    let packages = crate::workspace::packages()?
        .into_iter()
        .filter(|p| wanted.contains(&p.dir))
        .map(|p| p.name)
        .collect();
    let mut executables = build_binaries(packages, profile)?;
    let mut shown = Vec::new();
    for dir in wanted {
        let exe = match executables.remove(&dir).as_deref() {
            Some([exe]) => exe.clone(),
            Some(many) => bail!(
                "{}: a listing whose {file} is shown has one binary, and this one has {}",
                dir.display(),
                many.len()
            ),
            None => bail!(
                "{}: {file} belongs to a listing, but no binary was built from {} \
                 (is it a workspace member with a src/main.rs?)",
                dir.join(file).display(),
                dir.display()
            ),
        };
        shown.push(Shown { dir, exe });
    }
    Ok(shown)
}

/// Listing directories with `file` (output.txt, results.txt), or whose
/// `file` a page includes.
pub fn dirs_with(file: &str) -> Result<Vec<PathBuf>> {
    let mut dirs = Vec::new();
    for found in process::files_under(&root().join("listings"))? {
        if found.file_name().is_some_and(|n| n == file) {
            let dir = found.parent().context("a listing's file has a directory")?;
            dirs.push(dir.strip_prefix(root())?.to_path_buf());
        }
    }
    for included in crate::snippets::included_paths()? {
        if included.file_name().is_some_and(|n| n == file) {
            let dir = included
                .parent()
                .context("an included file has a directory")?;
            if !dirs.iter().any(|d| d == dir) {
                dirs.push(dir.to_path_buf());
            }
        }
    }
    dirs.sort();
    Ok(dirs)
}

/// `cargo build --bins` of some packages,
/// returning each package directory's binaries.
fn build_binaries(
    packages: Vec<String>,
    profile: Profile,
) -> Result<BTreeMap<PathBuf, Vec<PathBuf>>> {
    let mut command = cargo();
    command.arg("build");
    if profile == Profile::Release {
        command.arg("--release");
    }
    for name in packages {
        command.args(["--package", &name]);
    }
    command
        .args(["--bins", "--message-format=json-render-diagnostics"])
        .stdout(Stdio::piped());
    eprintln!("    $ {}", process::describe(&command));
    let output = command.spawn()?.wait_with_output()?;
    ensure!(
        output.status.success(),
        "`{}` failed",
        process::describe(&command)
    );
    let mut executables: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    for line in String::from_utf8(output.stdout)?.lines() {
        let message: Value = serde_json::from_str(line)?;
        if message["reason"] != "compiler-artifact" {
            continue;
        }
        let manifest = message["manifest_path"].as_str();
        let (Some(manifest), Some(exe)) = (manifest, message["executable"].as_str()) else {
            continue;
        };
        let dir = Path::new(manifest).parent().context("manifest directory")?;
        let dir = dir.strip_prefix(root()).unwrap_or(dir).to_path_buf();
        executables.entry(dir).or_default().push(PathBuf::from(exe));
    }
    Ok(executables)
}

/// Runs a listing's binary, in the listing's directory and with no input,
/// and returns its stdout; a failure or a hang is an error naming the listing.
pub fn run(listing: &Shown) -> Result<Vec<u8>> {
    run_within(listing, TIME_LIMIT)
}

pub fn run_within(listing: &Shown, limit: Duration) -> Result<Vec<u8>> {
    let mut command = Command::new(&listing.exe);
    command.current_dir(root().join(&listing.dir));
    let output = process::run_limited(&mut command, limit)?;
    let name = listing.dir.display();
    ensure!(
        !output.timed_out,
        "{name}: still running after {:?}; a listing whose output is shown must finish",
        limit
    );
    ensure!(
        output.success,
        "{name}: the listing failed. Its stderr:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(output.stdout)
}

/// Compares a real run with the output.txt the book shows.
pub fn compare(output_txt: &Path, actual: &[u8]) -> Result<()> {
    let expected = fs::read(output_txt)
        .with_context(|| format!("{}: missing; run `cargo xtask bless`", shown(output_txt)))?;
    if expected == actual {
        return Ok(());
    }
    let expected = String::from_utf8_lossy(&expected);
    let actual = String::from_utf8_lossy(actual);
    bail!(
        "{}: the listing's real output differs from the file the book shows \
         (- shown, + real):\n{}\nIf the new output is right, run `cargo xtask bless` and commit.",
        shown(output_txt),
        line_diff(&expected, &actual)
    )
}

/// A small line diff (longest common subsequence); outputs are short.
pub fn line_diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.split_inclusive('\n').collect();
    let b: Vec<&str> = actual.split_inclusive('\n').collect();
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let show = |sign: char, line: &str| {
        let text = line.strip_suffix('\n').map_or_else(
            || format!("{line}\u{23ce} (no newline at end)"),
            str::to_owned,
        );
        format!("{sign} {text}\n")
    };
    let (mut i, mut j, mut diff) = (0, 0, String::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            diff += &show(' ', a[i]);
            (i, j) = (i + 1, j + 1);
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            diff += &show('-', a[i]);
            i += 1;
        } else {
            diff += &show('+', b[j]);
            j += 1;
        }
    }
    diff
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::process::fixture;

    #[test]
    fn a_listing_that_fails_or_hangs_is_named() {
        let dir = PathBuf::from("xtask/fixtures/wrong-output");
        let failing = Shown {
            dir: dir.clone(),
            exe: "false".into(),
        };
        let error = run_within(&failing, TIME_LIMIT).unwrap_err().to_string();
        assert!(
            error.starts_with("xtask/fixtures/wrong-output: the listing failed"),
            "{error}"
        );
        let hanging = Shown {
            dir,
            exe: fixture("hangs.sh"),
        };
        let error = run_within(&hanging, Duration::from_millis(300))
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("xtask/fixtures/wrong-output: still running after 300ms"),
            "{error}"
        );
    }

    #[test]
    fn a_wrong_output_txt_fails_naming_the_file() {
        let shown = fixture("wrong-output/output.txt");
        let error = compare(&shown, b"one\ntwo\nthree\n")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("xtask/fixtures/wrong-output/output.txt"),
            "{error}"
        );
        assert!(error.contains("- 2\n+ two\n"), "{error}");
    }

    #[test]
    fn the_same_bytes_pass() {
        let shown = fixture("wrong-output/output.txt");
        compare(&shown, &fs::read(&shown).unwrap()).unwrap();
    }

    #[test]
    fn a_missing_final_newline_is_a_difference() {
        let diff = line_diff("a\nb\n", "a\nb");
        assert_eq!(diff, "  a\n- b\n+ b\u{23ce} (no newline at end)\n");
    }
}
