//! The gateway's own bugs (core::findings), read from the app itself before
//! any traffic: a dry run of its middleware stacks in a shadow copy, sealed
//! (`process::output_sealed`), with an in-memory cache store and the Redis
//! facade swapped for a recorder, so nothing it does reaches Redis.

use std::path::Path;

use anyhow::Context as _;

use crate::adapters::process;
use crate::core::checks::Check;
use crate::core::findings::{self, DryRun, Finding};
use crate::ops::shadow::{self, Seal, Shadow};
use crate::settings::Settings;

const DRYRUN: &str = include_str!("middleware_dryrun.php");
/// Source files read for registrations, at most, and each at most this long.
const MAX_FILES: usize = 400;
const MAX_FILE_BYTES: u64 = 1 << 20;

/// What the dry run found, or why it could not say.
#[derive(Debug, Clone, Default)]
pub struct AppFindings {
    pub findings: Vec<Finding>,
    /// Routes the app's router listed in the dry run: with none, nothing was looked at.
    pub routes: usize,
    /// The dry run did not run to its end (no isolation, a boot past its
    /// bound): then nothing is known, and this says why.
    pub unknown: Option<String>,
    /// Limiter entries run, and those of them that threw after reaching
    /// Redis directly (not judged: the dry run only records Redis).
    pub ran: usize,
    /// Of those, the ones that asked Redis directly (the recorder answered).
    pub recorded: usize,
    /// Routes whose declared middleware names the limiter.
    pub limited: usize,
    pub unjudged: Vec<String>,
    /// The dry run was not run because the app's code cannot be sealed here
    /// (not root, no bubblewrap): said, and the check is unknown.
    pub not_isolated: Option<String>,
}

impl AppFindings {
    /// The findings as one check: fail where one is harmful today, warn
    /// where all are latent, unknown where the dry run could not run.
    pub fn check(&self) -> Check {
        let name = "the gateway's own bugs";
        if let Some(why) = &self.not_isolated {
            return Check::unknown(
                name,
                why.clone(),
                "the dry run runs the app's code only sealed (bubblewrap: its own network, no host socket, nothing writable outside its shadow): the gateway's own bugs were not read; run preflight as root with bubblewrap installed",
            );
        }
        if let Some(why) = &self.unknown {
            return Check::unknown(
                name,
                why.clone(),
                "the app's middleware stacks were not dry-run: see why, then run preflight again",
            );
        }
        let harmful = self.findings.iter().filter(|f| f.harmful).count();
        // Each finding is printed once, under "The gateway's own bugs": the
        // check names them.
        let mut kinds: Vec<&str> = self.findings.iter().map(|f| f.kind.as_str()).collect();
        kinds.dedup();
        let said = [format!(
            "{} finding(s): {} (each below, with its evidence and fix)",
            self.findings.len(),
            kinds.join(", ")
        )];
        let unjudged = match self.unjudged.len() {
            0 => String::new(),
            n => format!(
                "; {n} threw after reaching Redis directly, which the dry run only records (not judged: `verify` shows them live): {}",
                self.unjudged.join(", ")
            ),
        };
        match (harmful, self.findings.len()) {
            (_, 0) if self.routes == 0 => Check::unknown(
                name,
                "the app's router listed no route in the dry run: no middleware stack was looked at",
                "check the app's routes (php artisan route:list), then run preflight again",
            ),
            // Routes carry the limiter, and not one of its entries ran: nothing was judged.
            (_, 0) if self.limited > 0 && self.ran == 0 => Check::unknown(
                name,
                format!("{} route(s) carry the limiter, and none of its entries ran in the dry run: the limiter was not judged", self.limited),
                "run preflight with -v to see the dry run, then again",
            ),
            (_, 0) => Check::pass(
                name,
                format!(
                    "every middleware of the app's {} route(s) resolves; {} limiter entries ran once in the dry run ({} asked Redis directly, answered by a recorder){unjudged}",
                    self.routes, self.ran, self.recorded
                ),
            ),
            (0, n) => {
                Check::warn(name, said.join("; "), format!("{n} latent finding(s): see \"The gateway's own bugs\""))
            }
            (h, _) => Check::fail(
                name,
                said.join("; "),
                format!("{h} finding(s) break requests today: fix them first (see \"The gateway's own bugs\")"),
            ),
        }
    }
}

/// [`gather`] off the async workers; a panic there is unknown, not a pass.
pub async fn gather_async(settings: &Settings) -> AppFindings {
    let settings = settings.clone();
    crate::ops::blocking::run("the middleware dry run", move || gather(&settings))
        .await
        .unwrap_or_else(|c| AppFindings { unknown: Some(c.evidence), ..AppFindings::default() })
}

/// Blocking: the dry run on a shadow of the app, and the findings from it.
pub fn gather(settings: &Settings) -> AppFindings {
    gather_with(settings, &[])
}

/// [`gather`] on the app as it would be with `overrides` ((path, text),
/// relative to the app dir) written over it: what an undo would bring back.
pub fn gather_with(settings: &Settings, overrides: &[(String, String)]) -> AppFindings {
    match dry_run(settings, overrides) {
        Ok(Ran::Answered(dry)) => {
            let app = settings.app_dir();
            let (files, unread) = sources(app);
            let bootstrap = std::fs::read_to_string(app.join("bootstrap/app.php")).unwrap_or_default();
            let layout = findings::layout(&bootstrap);
            let shape = crate::ops::limiter::from_listed(settings, None).shape;
            let ran = dry.entries.iter().filter(|e| e.ran).count();
            let recorded = dry.entries.iter().filter(|e| e.ran && !e.redis.is_empty()).count();
            let mut unjudged: Vec<String> =
                dry.entries.iter().filter(|e| e.unjudged()).map(|e| e.entry.clone()).collect();
            unjudged.dedup();
            let limited = dry
                .routes
                .iter()
                .filter(|r| r.middleware.iter().any(|m| shape.attachment.names(m.split(':').next().unwrap_or(m))))
                .count();
            let findings = findings::all(&dry, &files, &unread, &layout, &shape);
            AppFindings {
                findings,
                routes: dry.routes.len(),
                ran,
                recorded,
                limited,
                unjudged,
                ..AppFindings::default()
            }
        }
        Ok(Ran::DoesNotBoot(said)) => AppFindings {
            findings: vec![Finding {
                kind: "app-does-not-boot".into(),
                seen: said,
                effect: "the app as its files stand does not boot: every request would answer 500 once this code is loaded (a cache rebuild, a php-fpm reload)".into(),
                fix: "fix the error above before any activation step rebuilds a cache or reloads php-fpm".into(),
                harmful: true,
                routes: vec![],
            }],
            ..AppFindings::default()
        },
        Err(e) => match e.downcast_ref::<process::IsolatedError>() {
            Some(process::IsolatedError::NoIsolation(_)) => {
                AppFindings { not_isolated: Some(format!("{e:#}")), ..AppFindings::default() }
            }
            _ => AppFindings { unknown: Some(format!("{e:#}")), ..AppFindings::default() },
        },
    }
}

/// Blocking: the circuit breaker as the dry run reads it from the app's
/// code (the routes that reach it, what it counts); `None` when no service
/// holds one; an error says why it could not be read.
pub fn breaker(settings: &Settings) -> Result<Option<findings::DryBreaker>, String> {
    match dry_run(settings, &[]) {
        Ok(Ran::Answered(dry)) => Ok(dry.breaker.filter(|b| b.breaker.is_some())),
        Ok(Ran::DoesNotBoot(said)) => Err(said),
        Err(e) => Err(format!("{e:#}")),
    }
}

enum Ran {
    Answered(Box<DryRun>),
    /// The app threw or died while booting: what it said.
    DoesNotBoot(String),
}

fn dry_run(settings: &Settings, overrides: &[(String, String)]) -> anyhow::Result<Ran> {
    crate::settings::require_app_dir(settings)?;
    let shadow = Shadow::fresh(settings)?;
    for (path, text) in overrides {
        let file = shadow.dir.join(path);
        std::fs::write(&file, text).with_context(|| format!("while writing {} into the shadow", file.display()))?;
    }
    let script = shadow
        .script("gatewayctl-middleware-dryrun.php", DRYRUN)
        .context("while writing the dry run into the shadow")?;
    let names = crate::ops::limiter::attachment(settings).all().join(",");
    let php = &settings.file.gateway.php;
    let out = shadow::php(
        php,
        &[script.as_os_str(), shadow.dir.as_os_str(), names.as_ref(), crate::core::rollback::BREAKER_SERVICE.as_ref()],
        Seal::Shadow(&shadow.dir),
        settings.file.gateway.app_timeout.0,
        "the middleware dry run ran past gateway.app_timeout: does a service provider wait on a database or an API while the app boots?",
    )?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let answer = stdout.lines().rev().find(|l| l.starts_with('{'));
    if out.status.success() {
        if let Some(mut dry) = answer.and_then(|l| serde_json::from_str::<DryRun>(l).ok()) {
            dry.attempts.extend(process::sealed_writes(&shadow.dir).into_iter().map(|p| format!("wrote {p}")));
            return Ok(Ran::Answered(Box::new(dry)));
        }
    }
    #[derive(serde::Deserialize)]
    struct BootError {
        boot_error: findings::Thrown,
    }
    if let Some(BootError { boot_error: t }) = answer.and_then(|l| serde_json::from_str(l).ok()) {
        let at = t.file.map(|f| format!(" at {f}:{}", t.line)).unwrap_or_default();
        return Ok(Ran::DoesNotBoot(format!("the app threw {} '{}'{at} while booting", t.class, t.message)));
    }
    let said = shadow::said(&out, 600);
    let shadow_dir = shadow.dir.display().to_string();
    Ok(Ran::DoesNotBoot(match said.is_empty() {
        true => format!("the app's boot ended with {} and said nothing", out.status),
        false => said.replace(&format!("{shadow_dir}/"), ""),
    }))
}

/// The files where middleware aliases are registered: bootstrap/app.php,
/// app/Http and app/Providers (PHP only, bounded), as (relative path, text),
/// and the ones that could not be read, each with why.
fn sources(app: &Path) -> (Vec<(String, String)>, Vec<String>) {
    let mut out = Vec::new();
    let mut unread = Vec::new();
    let mut read = |path: &Path| {
        let rel = path.strip_prefix(app).unwrap_or(path).display().to_string();
        if out.len() >= MAX_FILES {
            unread.push(format!("{rel} (past the first {MAX_FILES} files)"));
            return;
        }
        match std::fs::metadata(path).map(|m| m.len()) {
            Ok(len) if len > MAX_FILE_BYTES => unread.push(format!("{rel} ({len} bytes, over {MAX_FILE_BYTES})")),
            Err(e) => unread.push(format!("{rel} ({e})")),
            Ok(_) => match std::fs::read_to_string(path) {
                // A file that does not lex cannot be read for registrations: said, never skipped.
                Ok(text) => match crate::core::php::Source::parse(&text) {
                    Ok(_) => out.push((rel, text)),
                    Err(e) => unread.push(format!("{rel} (does not lex as PHP: {e})")),
                },
                Err(e) => unread.push(format!("{rel} ({e})")),
            },
        }
    };
    if app.join("bootstrap/app.php").exists() {
        read(&app.join("bootstrap/app.php"));
    }
    for dir in ["app/Http", "app/Providers"] {
        php_files(&app.join(dir), 4, &mut |p| read(p));
    }
    (out, unread)
}

/// Each `.php` file under `dir`, `depth` levels down at most, in name order.
fn php_files(dir: &Path, depth: usize, each: &mut dyn FnMut(&Path)) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let Ok(kind) = entry.file_type() else { continue };
        let path = entry.path();
        if kind.is_dir() && depth > 0 {
            php_files(&path, depth - 1, each);
        } else if kind.is_file() && path.extension().is_some_and(|e| e == "php") {
            each(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::checks::CheckVerdict;

    /// A dry run that listed no route looked at nothing: never a pass.
    #[test]
    fn a_source_that_does_not_lex_is_named_unread() {
        let dir = tempfile::tempdir().unwrap();
        let http = dir.path().join("app/Http");
        std::fs::create_dir_all(&http).unwrap();
        std::fs::write(http.join("Kernel.php"), "<?php\nclass Kernel {}\n").unwrap();
        std::fs::write(http.join("Broken.php"), "<?php\n$a = 'never closed;\n").unwrap();
        let (read, unread) = sources(dir.path());
        assert_eq!(read.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(), ["app/Http/Kernel.php"]);
        assert!(unread.len() == 1 && unread[0].starts_with("app/Http/Broken.php (does not lex"), "{unread:?}");
    }

    #[test]
    fn no_route_seen_is_unknown_not_a_pass() {
        let none = AppFindings::default();
        assert_eq!(none.check().verdict, CheckVerdict::Unknown, "{:?}", none.check());
        let some = AppFindings { routes: 36, ran: 4, ..AppFindings::default() };
        let check = some.check();
        assert_eq!(check.verdict, CheckVerdict::Pass, "{check:?}");
        assert!(check.evidence.contains("the app's 36 route(s)"), "{check:?}");
        // Limited routes, and no limiter entry ran: the limiter was not looked at.
        let unrun = AppFindings { routes: 36, limited: 5, ran: 0, ..AppFindings::default() };
        assert_eq!(unrun.check().verdict, CheckVerdict::Unknown, "{:?}", unrun.check());
        // No route carries it (rolled back): nothing to run, and that is said as a pass.
        let off = AppFindings { routes: 36, limited: 0, ran: 0, ..AppFindings::default() };
        assert_eq!(off.check().verdict, CheckVerdict::Pass, "{:?}", off.check());
    }
}
