//! Config file + environment + flags → one validated `Settings`.
//! Parsed once, checked once; every later step trusts it.

pub mod edit;
pub mod file;
mod locate;
mod validate;
mod validated;

use std::fmt;
use std::path::{Path, PathBuf};

use toml_edit::ImDocument;

use file::FileConfig;
pub use validated::{ServiceManager, Settings};

/// The commented config that `gatewayctl init` writes; equal to the defaults.
pub const TEMPLATE: &str = include_str!("gatewayctl.toml");

/// Where the config is looked for, after `--config` / `$GATEWAYCTL_CONFIG`.
pub const SEARCH_PATHS: &[&str] = &["gatewayctl.toml", "/etc/gatewayctl/gatewayctl.toml"];

/// One thing wrong with a config file, located as precisely as possible.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    pub file: Option<PathBuf>,
    pub line: Option<usize>,
    pub key: Option<String>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.line) {
            (Some(file), Some(line)) => write!(f, "{}:{line}: ", file.display())?,
            (Some(file), None) => write!(f, "{}: ", file.display())?,
            (None, Some(line)) => write!(f, "line {line}: ")?,
            (None, None) => {}
        }
        if let Some(key) = &self.key {
            write!(f, "{key}: ")?;
        }
        f.write_str(&self.message)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("config file {} not found (named by --config or $GATEWAYCTL_CONFIG); create it with `gatewayctl init --path {}`", path.display(), path.display())]
    Missing { path: PathBuf },
    #[error("cannot read config file {}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}{}", problems[0], more_problems(problems.len()))]
    Invalid { problems: Vec<Problem> },
    #[error("invalid flag: {message}")]
    Flag { message: String },
    #[error("no config found (looked for {searched}); the built-in defaults point at app_dir {}, which is the plan's production path: pass --config FILE or --app-dir DIR", app_dir.display())]
    NoConfig { searched: String, app_dir: PathBuf },
    #[error("{} is not a Laravel app ({reason}); pass --app-dir or set gateway.app_dir to the gateway's directory (the one with artisan)", path.display())]
    NotAnApp { path: PathBuf, reason: String },
}

/// What makes a directory a Laravel app gatewayctl can work on.
pub const APP_MARKERS: &[&str] = &["artisan", "bootstrap/app.php", "routes/api.php"];

/// The app dir must be a Laravel app: a directory with artisan,
/// bootstrap/app.php and routes/api.php. Anything else (a typo, /etc/passwd)
/// is refused before a check can pass on nothing.
pub fn require_app_dir(settings: &Settings) -> Result<(), ConfigError> {
    let app = settings.app_dir();
    let not = |reason: String| Err(ConfigError::NotAnApp { path: app.to_path_buf(), reason });
    match std::fs::metadata(app) {
        Err(e) => return not(format!("cannot read it: {e}")),
        Ok(m) if !m.is_dir() => return not("not a directory".into()),
        Ok(_) => {}
    }
    let missing: Vec<&str> = APP_MARKERS.iter().copied().filter(|m| !app.join(m).is_file()).collect();
    match missing.is_empty() {
        true => Ok(()),
        false => not(format!("no {}", missing.join(", "))),
    }
}

fn more_problems(n: usize) -> String {
    match n {
        1 => String::new(),
        n => format!(" (and {} more; run `gatewayctl config check` to see them all)", n - 1),
    }
}

/// Finds the config: `explicit` (from `--config` or `$GATEWAYCTL_CONFIG`),
/// else the first of `SEARCH_PATHS` that exists, else none (built-in defaults).
pub fn discover(explicit: Option<&Path>) -> Result<Option<PathBuf>, ConfigError> {
    if let Some(path) = explicit {
        return match path.exists() {
            true => Ok(Some(path.to_path_buf())),
            false => Err(ConfigError::Missing { path: path.to_path_buf() }),
        };
    }
    Ok(SEARCH_PATHS.iter().map(PathBuf::from).find(|p| p.is_file()))
}

/// Loads and validates the config; `app_dir` (from `--app-dir`) wins over the file.
pub fn load(explicit: Option<&Path>, app_dir: Option<&Path>) -> Result<Settings, ConfigError> {
    let mut settings = match discover(explicit)? {
        None => Settings::defaults(),
        Some(path) => {
            let text =
                std::fs::read_to_string(&path).map_err(|source| ConfigError::Read { path: path.clone(), source })?;
            parse(&text, Some(&path)).map_err(|problems| ConfigError::Invalid { problems })?
        }
    };
    if let Some(dir) = app_dir {
        settings.file.gateway.app_dir = dir.to_path_buf();
    }
    Ok(settings)
}

/// Parses config text, reporting every problem it can find at once.
pub fn parse(text: &str, file: Option<&Path>) -> Result<Settings, Vec<Problem>> {
    let problem = |line: Option<usize>, key: Option<String>, message: String| Problem {
        file: file.map(Path::to_path_buf),
        line,
        key,
        message,
    };
    let doc = match ImDocument::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            let line = e.span().map(|s| locate::line_of(text, s.start));
            return Err(vec![problem(line, None, format!("not valid TOML: {}", e.message()))]);
        }
    };
    let every_key = FileConfig {
        limiter: file::LimiterSection::every_key(),
        breaker_store: file::BreakerStoreSection::every_key(),
        ..FileConfig::default()
    };
    let shape = toml::Value::try_from(every_key).expect("defaults serialize");
    let mut problems: Vec<Problem> = locate::unknown_keys(&doc, &shape)
        .into_iter()
        .map(|(key, offset)| {
            let line = offset.map(|o| locate::line_of(text, o));
            problem(line, Some(key), "unknown key; `gatewayctl init --stdout` shows every key".into())
        })
        .collect();
    let raw: FileConfig = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            let line = e.span().map(|s| locate::line_of(text, s.start));
            problems.push(problem(line, None, e.message().trim().to_string()));
            return Err(problems);
        }
    };
    match validate::build(raw, file) {
        Ok(settings) if problems.is_empty() => Ok(settings),
        Ok(_) => Err(problems),
        Err(invalid) => {
            problems.extend(invalid.into_iter().map(|(key, message)| {
                let line = locate::offset_of(&doc, &key).map(|o| locate::line_of(text, o));
                problem(line, Some(key), message)
            }));
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::breaker::BreakerStore;
    use crate::core::limiter::LimiterShape;

    #[test]
    fn the_template_is_the_defaults() {
        let from_template = parse(TEMPLATE, None).expect("template parses");
        assert_eq!(from_template.file, FileConfig::default());
    }

    #[test]
    fn reports_every_problem_with_its_line() {
        let text = "[redis]\nurl = \"http://x\"\nprefx = \"\"\n\n[rate_limit.abuse]\nblock = \"1500ms\"\n";
        let problems = parse(text, Some(Path::new("g.toml"))).unwrap_err();
        let shown: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(shown.len(), 3, "{shown:#?}");
        assert!(shown[0].starts_with("g.toml:3: redis.prefx: unknown key"), "{shown:#?}");
        assert!(shown.iter().any(|s| s.starts_with("g.toml:2: redis.url:")), "{shown:#?}");
        assert!(shown.iter().any(|s| s.starts_with("g.toml:6: rate_limit.abuse.block:")), "{shown:#?}");
    }

    #[test]
    fn the_limiter_preset_alone_gives_the_real_shape() {
        let settings = parse("[limiter]\npreset = \"askproai-2025-10\"\n", None).expect("valid");
        assert_eq!(settings.limiter, LimiterShape::askproai_2025_10());
        let tuned =
            parse("[limiter]\npreset = \"askproai-2025-10\"\nparams = \"whole\"\ndatabase = 0\n", None).unwrap();
        assert_eq!(tuned.limiter.params, crate::core::limiter::Params::Whole);
        assert_eq!(tuned.limiter.storage.database, Some(0));
        assert_eq!(tuned.limiter.name, "askproai-2025-10 + overrides");
        assert_eq!(Settings::defaults().limiter.name, "contract");
    }

    /// The limit table is data for any preset: `[limiter.limits]` corrects
    /// a row by name, the preset's or `[rate_limit]`'s.
    #[test]
    fn limiter_limits_correct_any_presets_table() {
        let limit = |s: &Settings, row: &str| s.limiter.buckets.iter().find(|b| b.name == row).map(|b| b.limit);
        let real = parse(
            "[limiter]\npreset = \"askproai-2025-10\"\n\n[limiter.limits]\n\"api/v2/bookings/*/reschedule\" = 12\n",
            None,
        )
        .unwrap();
        assert_eq!(limit(&real, "api/v2/bookings/*/reschedule"), Some(12));
        assert_eq!(limit(&real, "api/v2/bookings"), Some(30));
        let contract = parse("[limiter]\nlimits = { reschedule = 20 }\n", None).unwrap();
        assert_eq!(limit(&contract, "reschedule"), Some(20));
    }

    #[test]
    fn the_breaker_store_preset_and_overrides() {
        let real = parse("[breaker_store]\npreset = \"askproai-2025-10\"\n", None).unwrap();
        assert_eq!(real.breaker_store, BreakerStore::askproai_2025_10());
        assert_eq!(Settings::defaults().breaker_store, BreakerStore::contract());
        let tuned = parse("[breaker_store]\nlocation = \"cache-store\"\n", None).unwrap();
        assert_eq!(tuned.breaker_store.location, crate::core::breaker::Location::CacheStore);
        assert_eq!(tuned.breaker_store.name, "contract + overrides");
    }

    #[test]
    fn limiter_mistakes_are_one_clear_line_each() {
        let cases = [
            ("[limiter]\npreset = \"askpro\"\n", "limiter.preset", "unknown preset \"askpro\""),
            ("[limiter]\nwindow = \"sliding\"\n", "limiter.window", "write \"fixed\", \"refreshed\" or \"never\""),
            ("[limiter]\nwindw = \"fixed\"\n", "limiter.windw", "unknown key"),
            ("[limiter]\ncounts = \"allowed\"\n", "limiter.counts", "cannot go with decision"),
            ("[limiter]\nwindow = \"never\"\n", "limiter.retry_after", "needs a counter that expires"),
            ("[limiter]\nidentity = [\"ip\", \"api-key\"]\n", "limiter.identity", "must end with \"ip\""),
            ("[limiter]\nidentity = [\"cookie\", \"ip\"]\n", "limiter.identity", "each source must be"),
            ("[limiter]\nmiddleware = []\n", "limiter.middleware", "names the limiter's alias"),
            ("[limiter]\napi_key_label = \"a:b\"\n", "limiter.api_key_label", "without ':'"),
            ("[limiter]\nlimits = { resched = 10 }\n", "limiter.limits.\"resched\"", "names no row of the limit table"),
            ("[breaker_store]\npreset = \"nope\"\n", "breaker_store.preset", "unknown preset"),
            ("[breaker_store]\nencoding = \"json\"\n", "breaker_store.encoding", "write \"raw\" or \"laravel-cache\""),
            ("[breaker_store]\nkeys = [\"state\"]\n", "breaker_store.keys", "the four key suffixes"),
            ("[breaker_store]\nlocaton = \"redis\"\n", "breaker_store.locaton", "unknown key"),
            (
                "[redis]\nmode = \"cluster\"\nnodes = [\"127.0.0.1:7000\"]\n\n[limiter]\ndatabase = 1\n",
                "limiter.database",
                "only database 0",
            ),
            (
                "[limiter]\npreset = \"askproai-2025-10\"\n\n[rate_limit]\nroutes = []\n",
                "rate_limit",
                "carries its own table",
            ),
        ];
        for (text, key, says) in cases {
            let problems = parse(text, Some(Path::new("g.toml"))).unwrap_err();
            assert_eq!(problems.len(), 1, "{text}: {problems:#?}");
            let p = &problems[0];
            assert_eq!(p.key.as_deref(), Some(key), "{text}");
            assert!(p.message.contains(says), "{text}: {}", p.message);
            assert!(p.line.is_some(), "{text}: located");
        }
    }

    #[test]
    fn a_malformed_duration_names_its_line() {
        let problems = parse("[gateway]\n\nrequest_timeout = \"10 seconds\"\n", None).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, Some(3));
        assert!(problems[0].message.contains("malformed duration"), "{}", problems[0].message);
    }

    #[test]
    fn redis_modes_are_checked_at_their_lines() {
        let cluster = parse(
            "[redis]\nurl = \"redis://127.0.0.1:7000/2\"\nprefix = \"{gw}:\"\nmode = \"cluster\"\nnodes = [\"127.0.0.1\"]\n",
            Some(Path::new("g.toml")),
        )
        .unwrap_err();
        let shown: Vec<String> = cluster.iter().map(|p| p.to_string()).collect();
        assert!(
            shown.iter().any(|s| s.starts_with("g.toml:2: redis.url:") && s.contains("only database 0")),
            "{shown:#?}"
        );
        assert!(shown.iter().any(|s| s.starts_with("g.toml:3: redis.prefix:") && s.contains("{gw}")), "{shown:#?}");
        assert!(
            shown.iter().any(|s| s.starts_with("g.toml:5: redis.nodes:") && s.contains("not host:port")),
            "{shown:#?}"
        );
        let seeds = "[redis]\nurl = \"redis://127.0.0.1:7000/0\"\nprefix = \"gw:\"\nmode = \"cluster\"\nnodes = [\"10.0.0.1:7000\"]\n";
        assert!(parse(seeds, None).is_ok());
        let no_seed = parse("[redis]\nmode = \"cluster\"\n", None).unwrap_err();
        assert_eq!(no_seed[0].key.as_deref(), Some("redis.nodes"));
        let bare = parse("[redis]\nmode = \"sentinel\"\n", None).unwrap_err();
        let keys: Vec<&str> = bare.iter().filter_map(|p| p.key.as_deref()).collect();
        assert_eq!(keys, ["redis.sentinels", "redis.master_name"]);
        let bad = parse("[redis]\nmode = \"sentinel\"\nsentinels = [\"10.0.0.1\"]\nmaster_name = \"gw\"\n", None)
            .unwrap_err();
        assert!(bad[0].message.contains("not host:port"), "{bad:?}");
        let stray = parse("[redis]\nsentinels = [\"10.0.0.1:26379\"]\n", None).unwrap_err();
        assert!(stray[0].message.contains("mode is standalone"), "{stray:?}");
        let ok = parse("[redis]\nmode = \"sentinel\"\nsentinels = [\"10.0.0.1:26379\"]\nmaster_name = \"gw\"\n", None);
        assert!(ok.is_ok());
    }

    #[test]
    fn service_manager_needs_its_fields() {
        let problems = parse("[service]\nmanager = \"signal\"\npid_file = \"\"\n", None).unwrap_err();
        assert_eq!(problems[0].key.as_deref(), Some("service.pid_file"));
        let ok = parse("[service]\nmanager = \"none\"\n", None).unwrap();
        assert_eq!(ok.service, ServiceManager::None);
    }
}
