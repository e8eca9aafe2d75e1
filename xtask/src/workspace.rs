//! What the workspace holds, from `cargo metadata`.

use crate::book::Stem;
use crate::process::{cargo, root};
use anyhow::{Context, Result};
use fs_err as fs;
use serde_json::Value;
use std::path::{Path, PathBuf};

pub struct Package {
    pub name: String,
    /// The package's directory, relative to the repository root.
    pub dir: PathBuf,
    pub has_feature_solution: bool,
    /// The package's features, `solution` and `wrong-...` among them.
    pub features: Vec<String>,
    /// Whether it has a binary target (`cargo run -p` works).
    pub has_bin: bool,
}

pub fn packages() -> Result<Vec<Package>> {
    let output = cargo()
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .output()
        .context("could not run `cargo metadata`")?;
    anyhow::ensure!(
        output.status.success(),
        "`cargo metadata` failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: Value = serde_json::from_slice(&output.stdout)?;
    let mut packages = Vec::new();
    for package in metadata["packages"]
        .as_array()
        .context("metadata lists packages")?
    {
        let manifest = PathBuf::from(package["manifest_path"].as_str().context("manifest_path")?);
        let dir = manifest.parent().context("manifest has a directory")?;
        packages.push(Package {
            name: package["name"].as_str().context("name")?.to_owned(),
            dir: dir.strip_prefix(root()).unwrap_or(dir).to_path_buf(),
            has_feature_solution: package["features"].get("solution").is_some(),
            features: package["features"]
                .as_object()
                .map(|features| features.keys().cloned().collect())
                .unwrap_or_default(),
            has_bin: package["targets"].as_array().is_some_and(|targets| {
                targets.iter().any(|t| {
                    t["kind"]
                        .as_array()
                        .is_some_and(|k| k.contains(&"bin".into()))
                })
            }),
        });
    }
    packages.sort_by(|a, b| a.dir.cmp(&b.dir));
    Ok(packages)
}

/// Exercise crates: exercises/<stem>, each with a `solution` feature; with a
/// stem, only that chapter's.
pub fn exercises<'a>(packages: &'a [Package], stem: Option<&Stem>) -> Result<Vec<&'a Package>> {
    let exercises: Vec<&Package> = packages
        .iter()
        .filter(|p| p.dir.starts_with("exercises"))
        .filter(|p| stem.is_none_or(|stem| p.dir == stem.exercises()))
        .collect();
    for exercise in &exercises {
        anyhow::ensure!(
            exercise.has_feature_solution,
            "{}/Cargo.toml: an exercise crate needs a `solution` feature that swaps in the \
             solution, so that CI can test it (see Exercises in README.md)",
            exercise.dir.display()
        );
    }
    Ok(exercises)
}

/// A chapter's packages: its listings and its exercise crate.
pub fn of_chapter<'a>(packages: &'a [Package], stem: &Stem) -> impl Iterator<Item = &'a Package> {
    let (listings, exercises) = (stem.listings(), stem.exercises());
    packages
        .iter()
        .filter(move |p| p.dir.starts_with(&listings) || p.dir == exercises)
}

/// Every Cargo.toml under listings/ and exercises/ must be a workspace
/// member: a folder whose name misses the workspace's pattern would drop
/// out of the workspace silently, and its tests would never run.
pub fn check_members(packages: &[Package]) -> Result<()> {
    let members: Vec<PathBuf> = packages.iter().map(|p| p.dir.clone()).collect();
    let problems = strays(root(), &members)?;
    anyhow::ensure!(problems.is_empty(), "{}", problems.join("\n"));
    Ok(())
}

fn strays(root: &Path, members: &[PathBuf]) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for top in ["listings", "exercises"] {
        let dir = root.join(top);
        if !dir.is_dir() {
            continue;
        }
        for file in crate::process::files_under(&dir)? {
            if file.file_name().is_none_or(|name| name != "Cargo.toml") {
                continue;
            }
            let package = file.parent().context("Cargo.toml has a directory")?;
            let package = package.strip_prefix(root).unwrap_or(package);
            if !members.iter().any(|member| member == package) {
                problems.push(format!(
                    "{}: not a member of the workspace, so nothing builds or tests it; a \
                     listing's folder is named like `03-01-name` (see Layout in README.md)",
                    package.join("Cargo.toml").display()
                ));
            }
        }
    }
    Ok(problems)
}

/// The stems of the pages in src/ that are chapters or appendices
/// (book.rs says which names those are).
pub fn stems() -> Result<Vec<Stem>> {
    let src = root().join("src");
    let mut stems = Vec::new();
    for entry in fs::read_dir(&src).with_context(|| format!("reading {}", src.display()))? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name.ends_with(".md") {
            stems.extend(Stem::parse(&name));
        }
    }
    stems.sort_by(|a, b| a.text.cmp(&b.text));
    Ok(stems)
}

/// The stem a reader typed, if a page has it; otherwise an error that lists
/// the stems there are.
pub fn find_stem(text: &str) -> Result<Stem> {
    let stems = stems()?;
    let names: Vec<&str> = stems.iter().map(|s| s.text.as_str()).collect();
    stems
        .iter()
        .find(|s| s.text == text)
        .cloned()
        .with_context(|| {
            format!(
                "no chapter has the stem `{text}`; the stems are: {}",
                names.join(", ")
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::process::fixture;

    fn package(dir: &str) -> Package {
        Package {
            name: format!("p-{dir}"),
            dir: dir.into(),
            has_feature_solution: dir.starts_with("exercises"),
            features: Vec::new(),
            has_bin: true,
        }
    }

    #[test]
    fn a_chapter_is_its_listings_and_its_exercises() {
        let packages: Vec<Package> = [
            "listings/ch05-join-select/05-01-join",
            "listings/ch05-join-select/05-07-gather",
            "listings/ch04-spawning/04-01-join-handles",
            "exercises/ch05-join-select",
            "exercises/ch04-spawning",
            "xtask",
        ]
        .into_iter()
        .map(package)
        .collect();
        let stem = Stem::parse("ch05-join-select").unwrap();
        let chosen: Vec<&str> = of_chapter(&packages, &stem)
            .map(|p| p.dir.to_str().unwrap())
            .collect();
        assert_eq!(
            chosen,
            [
                "listings/ch05-join-select/05-01-join",
                "listings/ch05-join-select/05-07-gather",
                "exercises/ch05-join-select"
            ]
        );
        let exercises = exercises(&packages, Some(&stem)).unwrap();
        assert_eq!(exercises.len(), 1);
        assert_eq!(exercises[0].dir, Path::new("exercises/ch05-join-select"));
    }

    #[test]
    fn a_folder_that_misses_the_workspace_is_named() {
        let members = [PathBuf::from("listings/ch09-x/09-01-good")];
        let problems = strays(&fixture("stray"), &members).unwrap();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].starts_with("listings/ch09-x/9-99-misnamed/Cargo.toml: not a member"),
            "{problems:?}"
        );
    }
}
