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
        });
    }
    packages.sort_by(|a, b| a.dir.cmp(&b.dir));
    Ok(packages)
}

/// Exercise crates: exercises/chNN-slug, each with a `solution` feature.
pub fn exercises() -> Result<Vec<Package>> {
    let exercises: Vec<Package> = packages()?
        .into_iter()
        .filter(|p| p.dir.starts_with("exercises"))
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
