//! `cargo xtask measure [stem]`: the one place the book's numbers about speed
//! and memory come from.
//!
//! A listing that measures shows its numbers in a results.txt beside its
//! Cargo.toml, which a page includes. `measure` builds such listings with
//! `--release`, runs each, and writes its stdout to results.txt under a
//! header that names the machine and the version of the listing measured:
//!
//! ```text
//! # Measured on: <CPU>; 2 logical CPUs; 23.4 GiB memory; linux 6.1.0 x86_64; rustc 1.95.0 (...); tokio 1.54.1
//! # By: cargo xtask measure ch07-shared-state on 2026-12-01, from listing sources 3f09c1d2a8b7e654
//! ```
//!
//! The numbers differ from machine to machine, so `test` cannot compare
//! them with a new run. It checks instead that every results.txt has its
//! header and was measured from the listing's current sources: change the
//! listing and the book's numbers must be measured again. What holds on
//! any machine (a ratio's direction, a bound with a wide margin) is the
//! listing's own tests' business.

use crate::book::Stem;
use crate::listings::{self, Profile};
use crate::process::{self, root, shown, step};
use crate::{compile_fail, workspace};
use anyhow::{Context, Result, bail};
use fs_err as fs;
use std::path::Path;
use std::time::Duration;

/// The file beside a measuring listing that holds what it measured.
pub const RESULTS: &str = "results.txt";

/// A measurement may take longer than an example, but not for ever.
const TIME_LIMIT: Duration = Duration::from_secs(300);

const MACHINE: &str = "# Measured on: ";
const BY: &str = "# By: ";
const SOURCES: &str = ", from listing sources ";

/// Measures every measuring listing, or a chapter's, and rewrites its
/// results.txt.
pub fn run(stem: Option<&str>) -> Result<()> {
    let stem = stem.map(workspace::find_stem).transpose()?;
    step("measure: building the measuring listings with --release");
    let listings = listings::build_with(stem.as_ref(), RESULTS, Profile::Release)?;
    if listings.is_empty() {
        eprintln!("    no page includes a listing's {RESULTS}; nothing to measure");
        return Ok(());
    }
    let machine = machine()?;
    eprintln!("    {machine}");
    for listing in &listings {
        let stem = stem_of(&listing.dir)?;
        step(&format!(
            "measuring {} (up to {} s)",
            listing.dir.display(),
            TIME_LIMIT.as_secs()
        ));
        let stdout = listings::run_within(listing, TIME_LIMIT)?;
        let header = header(
            &machine,
            &stem,
            &today(),
            &fingerprint(&root().join(&listing.dir))?,
        );
        let path = root().join(&listing.dir).join(RESULTS);
        let mut text = header.into_bytes();
        text.extend_from_slice(&stdout);
        fs::write(&path, text)?;
        eprintln!("    wrote {}", shown(&path));
    }
    eprintln!("\nreview the numbers with `git diff`, then commit them");
    Ok(())
}

/// For `test`: each results.txt (all, or a chapter's) has its header and
/// was measured from the listing as it is now.
pub fn check(stem: Option<&Stem>) -> Result<usize> {
    let mut dirs = listings::dirs_with(RESULTS)?;
    if let Some(stem) = stem {
        dirs.retain(|dir| dir.starts_with(stem.listings()));
    }
    for dir in &dirs {
        check_one(dir)?;
    }
    Ok(dirs.len())
}

fn check_one(dir: &Path) -> Result<()> {
    check_file(dir, &stem_of(dir)?)
}

/// Checks `dir`'s results.txt (`dir` relative to the root), naming `stem`'s
/// measure command as the way out.
fn check_file(dir: &Path, stem: &Stem) -> Result<()> {
    let path = root().join(dir).join(RESULTS);
    let again = format!(
        "run `cargo xtask measure {}` and commit what it writes",
        stem.text
    );
    let Ok(text) = fs::read_to_string(&path) else {
        bail!("{}: missing; {again}", shown(&path));
    };
    let mut lines = text.lines();
    let (Some(machine), Some(by)) = (lines.next(), lines.next()) else {
        bail!("{}:1: no header naming the machine; {again}", shown(&path));
    };
    if !machine.starts_with(MACHINE) || !by.starts_with(BY) {
        bail!(
            "{}:1: the first two lines must be the header `cargo xtask measure` writes \
             (\"{MACHINE}...\", \"{BY}...\"); results are never typed: {again}",
            shown(&path)
        );
    }
    let recorded = by.rsplit(SOURCES).next().unwrap_or_default();
    let now = fingerprint(&root().join(dir))?;
    if recorded != now {
        bail!(
            "{}:2: measured from other sources than the listing's (recorded {recorded}, \
             now {now}): the listing changed since its numbers were measured; {again}",
            shown(&path)
        );
    }
    Ok(())
}

/// The header's two lines.
fn header(machine: &str, stem: &Stem, date: &str, sources: &str) -> String {
    format!(
        "{MACHINE}{machine}\n{BY}cargo xtask measure {} on {date}{SOURCES}{sources}\n",
        stem.text
    )
}

/// Today's date (UTC), as 2026-12-01.
fn today() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_date(seconds / 86_400)
}

/// The proleptic Gregorian date of a day counted from 1970-01-01 (Howard
/// Hinnant's `civil_from_days`, for days on or after the epoch).
fn civil_date(days: u64) -> String {
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    format!("{year}-{month:02}-{day:02}")
}

/// The tokio version Cargo.lock pins, which the measurements ran against.
fn tokio_version() -> Option<String> {
    let lock = fs::read_to_string(root().join("Cargo.lock")).ok()?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"tokio\"" {
            let version = lines.next()?.strip_prefix("version = \"")?;
            return Some(version.trim_end_matches('"').to_owned());
        }
    }
    None
}

/// The chapter a listing directory belongs to (listings/<stem>/NN-MM-name).
fn stem_of(dir: &Path) -> Result<Stem> {
    let text = dir
        .iter()
        .nth(1)
        .and_then(|s| s.to_str())
        .with_context(|| format!("{}: not under listings/<stem>/", dir.display()))?;
    workspace::find_stem(text)
}

/// A fingerprint of the listing's sources: every file in its directory but
/// the results themselves, and in the directories of the crates it depends
/// on by path (a measuring listing may drive another listing's service),
/// by path and content (FNV-1a, 64 bits: enough to notice a change, which
/// is all it is for).
pub fn fingerprint(dir: &Path) -> Result<String> {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &byte in bytes {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    for (crate_dir, name, file) in source_files(dir)? {
        feed(crate_dir.as_bytes());
        feed(&[0]);
        feed(name.as_bytes());
        feed(&[0]);
        // Line endings as git may check them out on Windows.
        let content = fs::read(&file)?;
        feed(
            &content
                .into_iter()
                .filter(|&b| b != b'\r')
                .collect::<Vec<_>>(),
        );
        feed(&[0]);
    }
    Ok(format!("{hash:016x}"))
}

/// (crate directory as the listing's Cargo.toml names it, file name within
/// it, file) for the listing and each crate it depends on by path, in a
/// stable order.
fn source_files(dir: &Path) -> Result<Vec<(String, String, std::path::PathBuf)>> {
    let mut crates = vec![(".".to_owned(), dir.to_path_buf())];
    let mut files = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    while let Some((label, crate_dir)) = crates.pop() {
        let Ok(canonical) = crate_dir.canonicalize() else {
            continue;
        };
        if !seen.insert(canonical) {
            continue;
        }
        for file in process::files_under(&crate_dir)? {
            let relative = file.strip_prefix(&crate_dir)?;
            let name = relative.to_string_lossy().replace('\\', "/");
            if name == RESULTS || name == listings::OUTPUT || name.starts_with("target/") {
                continue;
            }
            // A module borrowed from outside with `#[path = "..."]`.
            if name.ends_with(".rs") {
                for path in module_paths(&fs::read_to_string(&file)?) {
                    let borrowed = file.parent().context("a file has a directory")?.join(&path);
                    if borrowed.is_file() && !borrowed.starts_with(&crate_dir) {
                        files.push((label.clone(), format!("{name} -> {path}"), borrowed));
                    }
                }
            }
            files.push((label.clone(), name, file));
        }
        for path in path_dependencies(&crate_dir.join("Cargo.toml"))? {
            crates.push((format!("{label}/{path}"), crate_dir.join(&path)));
        }
    }
    files.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    Ok(files)
}

/// The files a Rust source names in `#[path = "..."]` attributes.
fn module_paths(source: &str) -> Vec<String> {
    source
        .split("#[path = \"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}

/// The `path = "..."` values in a Cargo.toml that name a crate's directory.
fn path_dependencies(manifest: &Path) -> Result<Vec<String>> {
    // A directory without one (a test's scratch crate) depends on nothing.
    let Ok(text) = fs::read_to_string(manifest) else {
        return Ok(Vec::new());
    };
    let parent = manifest.parent().context("a manifest has a directory")?;
    Ok(text
        .split("path = \"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|path| parent.join(path).join("Cargo.toml").is_file())
        .map(str::to_owned)
        .collect())
}

/// The machine, in one line: CPU, logical CPUs, memory, OS, rustc.
fn machine() -> Result<String> {
    let cpu = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find_map(|l| l.strip_prefix("model name")?.split_once(':'))
                .map(|(_, name)| name.split_whitespace().collect::<Vec<_>>().join(" "))
        })
        .unwrap_or_else(|| format!("a {} CPU", std::env::consts::ARCH));
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let memory = fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|info| {
            let kib: f64 = info
                .lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))?
                .split_whitespace()
                .next()?
                .parse()
                .ok()?;
            Some(format!("; {:.1} GiB memory", kib / 1024.0 / 1024.0))
        })
        .unwrap_or_default();
    let kernel = fs::read_to_string("/proc/sys/kernel/osrelease")
        .map(|release| format!(" {}", release.trim()))
        .unwrap_or_default();
    let rustc = compile_fail::rustc_version()?;
    let tokio = tokio_version().map_or_else(String::new, |v| format!("; tokio {v}"));
    Ok(format!(
        "{cpu}; {cpus} logical CPUs{memory}; {}{kernel} {}; {rustc}{tokio}",
        std::env::consts::OS,
        std::env::consts::ARCH
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fingerprint_follows_the_sources_and_ignores_the_results() {
        let scratch = root().join("target/xtask-selftest/measure");
        let _ = fs::remove_dir_all(&scratch);
        fs::create_dir_all(scratch.join("src")).unwrap();
        fs::write(scratch.join("src/main.rs"), "fn main() {}\n").unwrap();
        let before = fingerprint(&scratch).unwrap();
        fs::write(scratch.join(RESULTS), "numbers\n").unwrap();
        assert_eq!(fingerprint(&scratch).unwrap(), before);
        fs::write(scratch.join("src/main.rs"), "fn main() { }\n").unwrap();
        assert_ne!(fingerprint(&scratch).unwrap(), before);
    }

    #[test]
    fn the_fingerprint_follows_what_a_listing_borrows_by_path() {
        let scratch = root().join("target/xtask-selftest/measure-deps");
        let _ = fs::remove_dir_all(&scratch);
        for (dir, manifest) in [
            (
                "load",
                "[dependencies]\nservice = { path = \"../service\" }\n",
            ),
            ("service", "[package]\nname = \"service\"\n"),
        ] {
            fs::create_dir_all(scratch.join(dir).join("src")).unwrap();
            fs::write(scratch.join(dir).join("Cargo.toml"), manifest).unwrap();
            fs::write(scratch.join(dir).join("src/lib.rs"), "//! one\n").unwrap();
        }
        let before = fingerprint(&scratch.join("load")).unwrap();
        fs::write(scratch.join("service/src/lib.rs"), "//! two\n").unwrap();
        let after = fingerprint(&scratch.join("load")).unwrap();
        assert_ne!(after, before);
        // And a module borrowed with #[path].
        fs::write(scratch.join("service/src/budget.rs"), "//! a\n").unwrap();
        let borrows = "#[path = \"../../service/src/budget.rs\"]\nmod budget;\n";
        fs::write(scratch.join("load/src/main.rs"), borrows).unwrap();
        let borrowing = fingerprint(&scratch.join("load")).unwrap();
        fs::write(scratch.join("service/src/budget.rs"), "//! b\n").unwrap();
        assert_ne!(fingerprint(&scratch.join("load")).unwrap(), borrowing);
    }

    #[test]
    fn results_without_a_header_or_from_older_sources_are_named_with_the_way_out() {
        let dir = Path::new("target/xtask-selftest/measure-check");
        let _ = fs::remove_dir_all(root().join(dir));
        fs::create_dir_all(root().join(dir).join("src")).unwrap();
        fs::write(root().join(dir).join("src/main.rs"), "fn main() {}\n").unwrap();
        let results = root().join(dir).join(RESULTS);
        let sources = fingerprint(&root().join(dir)).unwrap();
        let stem = Stem::parse("ch07-shared-state").unwrap();

        let error = check_file(dir, &stem).unwrap_err().to_string();
        assert!(
            error.contains("measure-check/results.txt: missing"),
            "{error}"
        );
        assert!(
            error.contains("`cargo xtask measure ch07-shared-state`"),
            "{error}"
        );

        fs::write(&results, "1.5x faster\n").unwrap();
        let error = check_file(dir, &stem).unwrap_err().to_string();
        assert!(error.contains("results.txt:1: no header"), "{error}");
        fs::write(&results, "1.5x faster\nthan that\n").unwrap();
        let error = check_file(dir, &stem).unwrap_err().to_string();
        assert!(
            error.contains("results.txt:1: the first two lines"),
            "{error}"
        );

        let old = header("a machine", &stem, "2026-12-01", "0123456789abcdef") + "1.5x\n";
        fs::write(&results, old).unwrap();
        let error = check_file(dir, &stem).unwrap_err().to_string();
        assert!(
            error.contains("results.txt:2: measured from other sources"),
            "{error}"
        );

        let current = header("a machine", &stem, "2026-12-01", &sources) + "1.5x\n";
        fs::write(&results, current).unwrap();
        check_file(dir, &stem).unwrap();
    }

    #[test]
    fn the_machine_line_names_the_cpus_and_rustc() {
        let machine = machine().unwrap();
        assert!(machine.contains("logical CPUs"), "{machine}");
        assert!(machine.contains("rustc 1."), "{machine}");
        assert!(machine.contains("; tokio 1."), "{machine}");
    }

    #[test]
    fn days_since_the_epoch_become_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(59), "1970-03-01");
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert_eq!(civil_date(20_788), "2026-12-01");
    }
}
