//! What the workspace holds, from `cargo metadata`.

use crate::process::{cargo, root};
use anyhow::{Context, Result};
use serde_json::Value;
use std::path::PathBuf;

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

/// Exercise crates: exercises/chNN-slug, each with a `solution` feature;
/// with a stem, only that chapter's.
pub fn exercises(stem: Option<&str>) -> Result<Vec<Package>> {
    let exercises: Vec<Package> = packages()?
        .into_iter()
        .filter(|p| p.dir.starts_with("exercises"))
        .filter(|p| stem.is_none_or(|stem| p.dir.ends_with(stem)))
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

/// The chapters' stems (`ch01-futures`, ...): the pages in src/ whose
/// name starts with `ch` or `appendix`.
pub fn stems() -> Result<Vec<String>> {
    let mut stems = Vec::new();
    for entry in std::fs::read_dir(root().join("src"))? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix(".md")
            && (stem.starts_with("ch") || stem.starts_with("appendix"))
        {
            stems.push(stem.to_owned());
        }
    }
    stems.sort();
    Ok(stems)
}

/// An error listing the known stems, unless `stem` is one.
pub fn check_stem(stem: &str) -> Result<()> {
    let stems = stems()?;
    anyhow::ensure!(
        stems.iter().any(|s| s == stem),
        "no chapter has the stem `{stem}`; the stems are: {}",
        stems.join(", ")
    );
    Ok(())
}
