//! Names the commit the binary is built from, for `gatewayctl --version`
//! ("unknown" outside a git checkout, e.g. from a source tarball).
//!
//! Cargo reruns a build script whose `rerun-if-changed` path is missing on
//! every build, and a rerun recompiles the crate. So only files that exist
//! are named: `HEAD`, and the one place the branch it points to is stored
//! (its loose ref file, or `packed-refs` and the folder a new loose ref
//! would appear in). A new commit rewrites one of them.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let commit = git(&["rev-parse", "--short=12", "HEAD"]).unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=GATEWAYCTL_COMMIT={commit}");
    for path in watched() {
        println!("cargo:rerun-if-changed={}", path.display());
    }
}

/// The files whose change means a new commit, each one that exists.
fn watched() -> Vec<PathBuf> {
    let Some(head) = git_path("HEAD").filter(|p| p.is_file()) else {
        return Vec::new();
    };
    let mut paths = vec![head.clone()];
    // A detached HEAD holds the commit itself; a branch is named by it.
    let Some(branch) =
        std::fs::read_to_string(&head).ok().and_then(|text| text.strip_prefix("ref: ").map(|r| r.trim().to_string()))
    else {
        return paths;
    };
    match git_path(&branch) {
        Some(loose) if loose.is_file() => paths.push(loose),
        Some(loose) => {
            // The branch is packed (or not born yet): the next commit writes
            // its loose file, in a folder that exists or under one that does.
            paths.extend(nearest_existing(&loose));
            paths.extend(git_path("packed-refs").filter(|p| p.is_file()));
        }
        None => {}
    }
    // The reftable format keeps every ref in one folder.
    paths.extend(git_path("reftable").filter(|p| p.is_dir()));
    paths
}

/// `path`'s nearest ancestor that exists.
fn nearest_existing(path: &Path) -> Option<PathBuf> {
    path.ancestors().skip(1).find(|p| p.is_dir()).map(Path::to_path_buf)
}

/// Where git keeps `name` (`HEAD`, `refs/heads/main`), right in a worktree too.
fn git_path(name: &str) -> Option<PathBuf> {
    let path = PathBuf::from(git(&["rev-parse", "--git-path", name])?);
    // Relative paths are relative to the build script's directory, the package root.
    Some(std::env::current_dir().ok()?.join(path))
}

fn git(args: &[&str]) -> Option<String> {
    Command::new("git")
        .args(args)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|s| !s.is_empty())
}
