//! `php artisan …` through duct, each command's output checked against what
//! Laravel prints on success. `cache:clear` and `optimize:clear` are refused:
//! they FLUSHDB the Redis database the limiter and breaker state live in.

use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum ArtisanError {
    #[error("refusing `php artisan {command}`: it flushes the whole Redis cache database, wiping the rate-limit counters and circuit-breaker state; clear config, routes and views one by one instead")]
    Refused { command: String },
    #[error("cannot run `{php} artisan {command}` in {}: {source}; check gateway.php and gateway.app_dir", app_dir.display())]
    Spawn {
        php: String,
        command: String,
        app_dir: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("`php artisan {command}` did not finish in {seconds}s and was killed: {output}")]
    TimedOut { command: String, seconds: u64, output: String },
    #[error("`php artisan {command}` failed (exit {code}): {output}")]
    Failed { command: String, code: i32, output: String },
    #[error("`php artisan {command}` exited 0 but did not print {expected:?}: {output}")]
    Unexpected { command: String, expected: &'static str, output: String },
}

/// Commands that must never run against a gateway whose state shares Redis.
pub const FORBIDDEN: &[&str] = &["cache:clear", "optimize:clear"];

/// What Laravel 8 prints when each cache command succeeds.
pub fn success_text(command: &str) -> Option<&'static str> {
    Some(match command {
        "config:clear" => "Configuration cache cleared!",
        "config:cache" => "Configuration cached successfully!",
        "route:clear" => "Route cache cleared!",
        "route:cache" => "Routes cached successfully!",
        "view:clear" => "Compiled views cleared!",
        "event:cache" => "Events cached successfully!",
        "event:clear" => "Cached events cleared!",
        _ => return None,
    })
}

/// What one artisan run printed.
#[derive(Debug, Clone)]
pub struct ArtisanOutput {
    pub stdout: String,
    pub stderr: String,
}

/// How long one artisan command may run unless the caller says otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(120);

/// Runs `php artisan <args>` in `app_dir` and checks it succeeded.
pub fn run(php: &str, app_dir: &Path, args: &[&str]) -> Result<ArtisanOutput, ArtisanError> {
    run_within(php, app_dir, args, DEFAULT_TIMEOUT)
}

/// As `run`, killing artisan when it runs past `timeout`: a step's timeout
/// stops the step, it does not leave it running behind the journal's back.
pub fn run_within(php: &str, app_dir: &Path, args: &[&str], timeout: Duration) -> Result<ArtisanOutput, ArtisanError> {
    let command = args.join(" ");
    if args.first().is_some_and(|c| FORBIDDEN.contains(c)) {
        return Err(ArtisanError::Refused { command });
    }
    let mut argv = vec!["artisan"];
    argv.extend_from_slice(args);
    let spawn_error =
        |source| ArtisanError::Spawn { php: php.into(), command: command.clone(), app_dir: app_dir.into(), source };
    let expr = duct::cmd(php, &argv).dir(app_dir).stdout_capture().stderr_capture();
    // A gatewayctl killed mid-step takes its artisan with it, rather than
    // leave it changing caches behind the journal; a timeout kills whatever
    // artisan started too.
    let output = match crate::adapters::process::output_within(expr, timeout).map_err(spawn_error)? {
        crate::adapters::process::Bounded::Finished(output) => output,
        crate::adapters::process::Bounded::TimedOut { stdout } => {
            return Err(ArtisanError::TimedOut { command, seconds: timeout.as_secs(), output: stdout });
        }
    };
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let shown = || format!("{}{}", stdout.trim(), stderr.trim()).chars().take(2000).collect::<String>();
    if !output.status.success() {
        return Err(ArtisanError::Failed { command, code: output.status.code().unwrap_or(-1), output: shown() });
    }
    if let Some(expected) = args.first().and_then(|c| success_text(c)) {
        if !stdout.contains(expected) {
            return Err(ArtisanError::Unexpected { command, expected, output: shown() });
        }
    }
    Ok(ArtisanOutput { stdout, stderr })
}

/// What `php artisan health:detailed` said (it exits 1 when not healthy,
/// so it is read whatever its exit code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DetailedHealth {
    /// The app has no such command.
    Undefined,
    /// `status` from its JSON (healthy, degraded, unhealthy), or `None` if
    /// it printed no JSON; `output` is what it printed.
    Reported { status: Option<String>, exit_ok: bool, output: String },
}

/// Runs the plan's detailed health check.
pub fn health_detailed(php: &str, app_dir: &Path, timeout: Duration) -> Result<DetailedHealth, ArtisanError> {
    let command = "health:detailed".to_string();
    let expr = duct::cmd(php, ["artisan", "health:detailed"]).dir(app_dir).stdout_capture().stderr_capture();
    let spawn_error =
        |source| ArtisanError::Spawn { php: php.into(), command: command.clone(), app_dir: app_dir.into(), source };
    let out = match crate::adapters::process::output_within(expr, timeout).map_err(spawn_error)? {
        crate::adapters::process::Bounded::Finished(out) => out,
        crate::adapters::process::Bounded::TimedOut { stdout } => {
            return Err(ArtisanError::TimedOut { command, seconds: timeout.as_secs(), output: stdout })
        }
    };
    let output = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if output.contains("is not defined") || String::from_utf8_lossy(&out.stderr).contains("is not defined") {
        return Ok(DetailedHealth::Undefined);
    }
    let status =
        serde_json::from_str::<serde_json::Value>(&output).ok().and_then(|j| j["status"].as_str().map(str::to_string));
    Ok(DetailedHealth::Reported { status, exit_ok: out.status.success(), output })
}

/// Artisan run as root leaves root-owned caches and logs that php-fpm's
/// workers (www-data) cannot write: hand them back to the owner of
/// `storage/`. Returns how many entries changed owner.
pub fn restore_ownership(app_dir: &Path) -> usize {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return 0;
    }
    let Ok(owner) = std::fs::metadata(app_dir.join("storage")) else { return 0 };
    if owner.uid() == 0 {
        return 0;
    }
    let mut changed = 0;
    let mut stack = vec![app_dir.join("storage"), app_dir.join("bootstrap/cache")];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(meta) = std::fs::symlink_metadata(&path) else { continue };
            if meta.uid() == 0 && std::os::unix::fs::lchown(&path, Some(owner.uid()), Some(owner.gid())).is_ok() {
                changed += 1;
            }
            if meta.is_dir() {
                stack.push(path);
            }
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_command_past_its_timeout_is_killed_not_left_running() {
        let app = tempfile::tempdir().unwrap();
        let marker = app.path().join("finished");
        // `sh artisan x` stands in for a PHP that hangs.
        std::fs::write(app.path().join("artisan"), format!("sleep 3\ntouch {}\n", marker.display())).unwrap();
        let started = std::time::Instant::now();
        let err = run_within("sh", app.path(), &["x"], Duration::from_millis(300)).unwrap_err();
        assert!(matches!(err, ArtisanError::TimedOut { .. }), "{err}");
        assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
        std::thread::sleep(Duration::from_millis(3500));
        assert!(!marker.exists(), "the timed-out command went on in the background");
    }

    #[test]
    fn refuses_the_commands_that_flush_redis() {
        for command in FORBIDDEN {
            let err = run("php", Path::new("/nonexistent"), &[command]).unwrap_err();
            assert!(matches!(err, ArtisanError::Refused { .. }), "{err}");
            assert!(err.to_string().contains("circuit-breaker state"));
        }
    }
}
