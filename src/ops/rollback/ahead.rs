//! Rollbacks proven ahead of time, so the emergency does not wait for a
//! shadow copy, `php -l` and `route:list`: preflight (and so activate)
//! proves the rollback's edit and keeps it in the state dir with the hashes
//! it was proven on. A rollback whose planned edit is exactly that one, on
//! an app tree that has not changed since, uses it; anything else is proven
//! again, and says so.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::adapters::files;
use crate::core::journal::FileChange;
use crate::core::rollback::Feature;
use crate::settings::Settings;

/// What a kept proof covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Proven {
    feature: Feature,
    /// (path, original sha256, edited sha256) of each file the edit changes.
    files: Vec<(String, String, String)>,
    /// The app's code (everything but storage, vendor, caches and secrets) when proven.
    tree: String,
    at: String,
    route_changes: Vec<String>,
}

fn path(settings: &Settings, feature: Feature) -> PathBuf {
    settings.file.state.dir.join(format!("proven-{feature}.json"))
}

fn covered(changes: &[FileChange]) -> Vec<(String, String, String)> {
    changes.iter().map(|c| (c.path.clone(), c.original_sha256.clone(), c.edited_sha256.clone())).collect()
}

const SKIP: &[&str] = &["storage", "vendor", "node_modules", ".git", "bootstrap/cache"];

/// One hash over every code file of the app (path and content), sorted.
pub fn tree_hash(app: &Path) -> std::io::Result<String> {
    let mut entries = Vec::new();
    let mut stack = vec![app.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            let p = entry.path();
            let rel = p.strip_prefix(app).unwrap_or(&p).to_string_lossy().into_owned();
            let name = entry.file_name().to_string_lossy().into_owned();
            if SKIP.contains(&rel.as_str()) || name.starts_with(".env") {
                continue;
            }
            let kind = entry.file_type()?;
            if kind.is_dir() {
                stack.push(p);
            } else if kind.is_file() {
                entries.push((rel, Sha256::digest(std::fs::read(&p)?)));
            }
        }
    }
    entries.sort();
    let mut all = Sha256::new();
    for (rel, digest) in entries {
        all.update(rel.as_bytes());
        all.update([0]);
        all.update(digest);
    }
    Ok(all.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Keeps a proof that passed.
pub fn store(settings: &Settings, feature: Feature, changes: &[FileChange], routes: &[String]) -> anyhow::Result<()> {
    let proven = Proven {
        feature,
        files: covered(changes),
        tree: tree_hash(settings.app_dir())?,
        at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        route_changes: routes.to_vec(),
    };
    let body = serde_json::to_vec_pretty(&proven).expect("a proof serializes");
    files::write_atomic(&path(settings, feature), &body)?;
    Ok(())
}

/// The kept proof for exactly these changes on the app as it is now: when
/// it was made and its route changes. `Err` says why it cannot be used.
pub fn usable(settings: &Settings, feature: Feature, changes: &[FileChange]) -> Result<(String, Vec<String>), String> {
    let text = std::fs::read(path(settings, feature)).map_err(|_| "no proof kept from preflight".to_string())?;
    let kept: Proven = serde_json::from_slice(&text).map_err(|_| "the kept proof is unreadable".to_string())?;
    if kept.feature != feature || kept.files != covered(changes) {
        return Err(format!("the files changed since the proof of {}", kept.at));
    }
    let now = tree_hash(settings.app_dir()).map_err(|e| e.to_string())?;
    if now != kept.tree {
        return Err(format!("the app's code changed since the proof of {}", kept.at));
    }
    Ok((kept.at, kept.route_changes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tree_hash_sees_code_and_ignores_storage_and_secrets() {
        let app = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(app.path().join("routes")).unwrap();
        std::fs::create_dir_all(app.path().join("storage/logs")).unwrap();
        std::fs::write(app.path().join("routes/api.php"), "<?php\n").unwrap();
        let first = tree_hash(app.path()).unwrap();
        std::fs::write(app.path().join("storage/logs/laravel.log"), "x").unwrap();
        std::fs::write(app.path().join(".env"), "A=1").unwrap();
        assert_eq!(tree_hash(app.path()).unwrap(), first, "logs and .env are not code");
        std::fs::write(app.path().join("routes/api.php"), "<?php //\n").unwrap();
        assert_ne!(tree_hash(app.path()).unwrap(), first);
    }
}
