//! The shadow: a throwaway copy of the app (code copied, vendor linked, no
//! storage, caches or secrets) where gatewayctl runs the app's own code,
//! sealed, on its behalf: the rollback's proof, the middleware dry run,
//! the validation replay and the named limiters' reading all run there.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context as _;

use crate::adapters::process;
use crate::settings::Settings;

const SHADOW_BOOT: &str = include_str!("shadow_boot.php");

/// A throwaway copy of the app: code copied, vendor linked, no storage or caches.
pub struct Shadow {
    pub dir: PathBuf,
}

impl Drop for Shadow {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

const SKIP: &[&str] = &["storage", "vendor", "node_modules", ".git"];

/// Files a shadow never holds: secrets the proof does not need.
fn is_secret(name: &str) -> bool {
    name == ".env"
        || name.starts_with(".env.")
        || name == "auth.json"
        || [".key", ".pem", ".p12", ".pfx"].iter().any(|ext| name.ends_with(ext))
}

impl Shadow {
    /// Removes shadows left by runs that were killed (their pid is gone),
    /// and stops any process still running from one (a stand-in a run
    /// killed before this release could not take down with it).
    pub fn sweep(under: &Path) -> usize {
        let Ok(entries) = std::fs::read_dir(under) else { return 0 };
        let mut removed = 0;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(pid) = name.strip_prefix("shadow-").and_then(|r| r.split('-').next()?.parse::<u32>().ok()) else {
                continue;
            };
            if pid == std::process::id() || process::is_alive(pid) {
                continue;
            }
            for left in process::naming(&entry.path()) {
                let _ = process::signal(left, libc::SIGKILL);
            }
            if std::fs::remove_dir_all(entry.path()).is_ok() {
                removed += 1;
            }
        }
        removed
    }

    /// Writes a PHP script into the shadow beside the boot file it requires
    /// (`gatewayctl-boot.php`: the shadow's app bootstrapped, its own classes first).
    pub fn script(&self, name: &str, body: &str) -> std::io::Result<PathBuf> {
        std::fs::write(self.dir.join("gatewayctl-boot.php"), SHADOW_BOOT)?;
        let path = self.dir.join(name);
        std::fs::write(&path, body)?;
        Ok(path)
    }

    /// A shadow of the settings' app under its state dir, the shadows of
    /// runs that were killed swept first.
    pub fn fresh(settings: &Settings) -> anyhow::Result<Shadow> {
        let state = &settings.file.state.dir;
        std::fs::create_dir_all(state).with_context(|| format!("while creating {}", state.display()))?;
        Shadow::sweep(state);
        Shadow::build(settings.app_dir(), state).context("while copying the app to a shadow")
    }

    pub fn build(app: &Path, under: &Path) -> std::io::Result<Shadow> {
        // Two shadows of one process may be built in the same millisecond
        // (preflight proves the rollback while it dry-runs the stacks).
        static SEQ: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let seq = SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = under.join(format!("shadow-{}-{}-{seq}", std::process::id(), crate::ops::now_ms()));
        std::fs::create_dir_all(&dir)?;
        let shadow = Shadow { dir };
        copy_tree(app, &shadow.dir, true)?;
        if app.join("vendor").exists() {
            std::os::unix::fs::symlink(app.join("vendor"), shadow.dir.join("vendor"))?;
        }
        for d in crate::lab::files::WRITABLE_DIRS {
            std::fs::create_dir_all(shadow.dir.join(d))?;
        }
        Ok(shadow)
    }
}

fn copy_tree(from: &Path, to: &Path, top: bool) -> std::io::Result<()> {
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        let name_str = name.to_string_lossy();
        if top && SKIP.contains(&name_str.as_ref()) {
            continue;
        }
        if is_secret(&name_str) {
            continue;
        }
        let (src, dst) = (entry.path(), to.join(&name));
        let kind = entry.file_type()?;
        if kind.is_dir() {
            // The shadow must read routes/api.php, not a cached copy of the routes.
            if src.ends_with("bootstrap/cache") {
                std::fs::create_dir_all(&dst)?;
                continue;
            }
            std::fs::create_dir_all(&dst)?;
            copy_tree(&src, &dst, false)?;
        } else if kind.is_file() {
            std::fs::copy(&src, &dst)?;
        }
    }
    Ok(())
}

/// How the app's code is kept from production while it runs.
pub enum Seal<'a> {
    /// Bubblewrap over this shadow dir: no network, nothing writable but it.
    Shadow(&'a Path),
    /// No network where the system allows it, plainly otherwise.
    NoNetwork,
}

/// Runs the PHP script `args[0]` of the app, sealed, to its end or to
/// `bound`. Running out of time is said with `late`, the question for the
/// operator ("does a rule of the FormRequest wait on a database or an API?").
pub fn php(
    php: &str,
    args: &[&std::ffi::OsStr],
    seal: Seal,
    bound: Duration,
    late: &str,
) -> anyhow::Result<std::process::Output> {
    let out = match seal {
        Seal::Shadow(dir) => process::output_sealed(php, args, bound, dir, None),
        Seal::NoNetwork => process::output_without_network(php, args, bound, true),
    };
    out.map_err(|e| match e {
        process::IsolatedError::TimedOut { .. } => anyhow::anyhow!("{e}: {late}"),
        e => anyhow::Error::new(e),
    })
}

/// What a run printed, both streams, on one line of at most `chars`.
pub fn said(out: &std::process::Output, chars: usize) -> String {
    let both =
        format!("{} {}", String::from_utf8_lossy(&out.stdout).trim(), String::from_utf8_lossy(&out.stderr).trim());
    both.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(chars).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shadow_holds_no_secret_and_killed_runs_leave_none_behind() {
        let app = tempfile::tempdir().unwrap();
        let state = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(app.path().join("routes")).unwrap();
        std::fs::write(app.path().join("routes/api.php"), "<?php\n").unwrap();
        std::fs::write(app.path().join(".env"), "DB_PASSWORD=hunter2\n").unwrap();
        std::fs::write(app.path().join(".env.production"), "APP_KEY=base64:x\n").unwrap();
        std::fs::create_dir_all(app.path().join("storage/oauth")).unwrap();
        let shadow = Shadow::build(app.path(), state.path()).unwrap();
        assert!(shadow.dir.join("routes/api.php").is_file());
        assert!(!shadow.dir.join(".env").exists() && !shadow.dir.join(".env.production").exists());
        // A shadow whose run was killed (its pid gone) is swept; ours is not.
        let dead = state.path().join(format!("shadow-{}-1", u32::MAX - 3));
        std::fs::create_dir_all(dead.join("routes")).unwrap();
        assert_eq!(Shadow::sweep(state.path()), 1);
        assert!(!dead.exists() && shadow.dir.exists());
    }
}
