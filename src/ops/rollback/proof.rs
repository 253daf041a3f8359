//! Proof before touching the app: the edited files go into a shadow copy of
//! it, must pass `php -l`, and its `route:list --json` must differ from the
//! app's in exactly the intended middleware and nothing else.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::adapters::artisan;
use crate::core::checks::Check;
use crate::core::rollback::Feature;

/// (method, uri) → (action, middleware), as `route:list --json` prints them.
pub type Routes = BTreeMap<(String, String), (String, Vec<String>)>;

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

impl Shadow {
    pub fn build(app: &Path, under: &Path) -> std::io::Result<Shadow> {
        let dir = under.join(format!("shadow-{}-{}", std::process::id(), crate::commands::now_ms()));
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

/// `php -l` on one file.
pub fn lint(php: &str, file: &Path, shown: &str) -> Check {
    let out = duct::cmd(php, ["-l".as_ref(), file.as_os_str()]).stderr_to_stdout().stdout_capture().unchecked().run();
    match out {
        Ok(o) if o.status.success() => Check::pass("php -l", format!("{shown}: no syntax errors")),
        Ok(o) => Check::fail(
            "php -l",
            format!("{shown}: {}", String::from_utf8_lossy(&o.stdout).trim()),
            "the edit would break the file: nothing was changed",
        ),
        Err(e) => Check::fail("php -l", e.to_string(), "cannot run php"),
    }
}

/// The app's routes as `route:list --json` reports them.
pub fn routes(php: &str, app: &Path) -> Result<Routes, String> {
    let out = artisan::run(php, app, &["route:list", "--json"]).map_err(|e| e.to_string())?;
    let list: Vec<serde_json::Value> = serde_json::from_str(out.stdout.trim())
        .map_err(|_| format!("route:list printed no JSON: {}", out.stdout.trim()))?;
    Ok(list
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap_or_default().to_string();
            let mw = r["middleware"]
                .as_array()
                .map(|a| a.iter().filter_map(|m| m.as_str().map(str::to_string)).collect())
                .unwrap_or_default();
            ((s("method"), s("uri")), (s("action"), mw))
        })
        .collect())
}

/// What the rollback of `features` must do to the routes: only the rate
/// limiter's middleware leaves, and only for rate-limit.
pub fn expected_routes(before: &Routes, features: &[Feature]) -> Routes {
    let mut expected = before.clone();
    if features.contains(&Feature::RateLimit) {
        for (_, mw) in expected.values_mut() {
            mw.retain(|m| m != "api.rate-limit" && !m.starts_with("api.rate-limit:"));
        }
    }
    expected
}

/// The route differences, in words ("POST api/v2/bookings: -api.rate-limit").
pub fn route_changes(before: &Routes, after: &Routes) -> Vec<String> {
    let mut changes = Vec::new();
    for (key, (action, mw)) in before {
        match after.get(key) {
            None => changes.push(format!("{} {}: removed", key.0, key.1)),
            Some((a, m)) if a != action => changes.push(format!("{} {}: action {action} → {a}", key.0, key.1)),
            Some((_, m)) if m != mw => {
                let gone: Vec<&String> = mw.iter().filter(|x| !m.contains(x)).collect();
                let new: Vec<&String> = m.iter().filter(|x| !mw.contains(x)).collect();
                let parts: Vec<String> =
                    gone.iter().map(|g| format!("-{g}")).chain(new.iter().map(|n| format!("+{n}"))).collect();
                changes.push(format!("{} {}: {}", key.0, key.1, parts.join(" ")));
            }
            _ => {}
        }
    }
    changes.extend(after.keys().filter(|k| !before.contains_key(*k)).map(|k| format!("{} {}: added", k.0, k.1)));
    changes
}
