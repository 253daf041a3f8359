//! One module per subcommand: its `exec`, receiving the arguments `cli`
//! parsed, gluing ops to the core model and handing a report value to
//! `report`. A command never calls another command: what two share is an
//! op, or a helper here.

pub mod activate;
pub mod breaker;
pub mod cache;
pub mod completions;
pub mod config;
pub mod fleet;
pub mod history;
pub mod init;
pub mod integrate;
pub mod journal;
pub mod keys;
pub mod lab;
pub mod logs;
pub mod manpages;
pub mod model;
pub mod plan;
pub mod preflight;
pub mod reload;
pub mod report;
pub mod rollback;
pub mod simulate;
pub mod status;
pub mod stress;
pub mod verify;
pub mod watch;

use crate::adapters::redis::Redis;
use crate::cli::{ColorChoice, Format, GlobalArgs};
use crate::report::Output;
use crate::settings::{self, ConfigError, Settings};

/// What every command gets: the global flags and the output.
pub struct Context {
    pub global: GlobalArgs,
    pub out: Output,
}

impl Context {
    pub fn new(global: GlobalArgs) -> Self {
        let format = match global.format {
            // Markdown and HTML are `report`'s alone (refused elsewhere, in `run`).
            Format::Human | Format::Markdown | Format::Html => crate::report::Format::Human,
            Format::Json => crate::report::Format::Json,
            Format::Jsonl => crate::report::Format::Jsonl,
        };
        let color = match global.color {
            ColorChoice::Auto => None,
            ColorChoice::Always => Some(true),
            ColorChoice::Never => Some(false),
        };
        let mut out = Output::stdio(format, color, global.quiet, global.verbose);
        out.short = global.short;
        Context { global, out }
    }

    /// The config with the flags' overrides (--app-dir, --base-url) applied.
    fn load(&self) -> Result<Settings, ConfigError> {
        let mut settings = settings::load(self.global.config.as_deref(), self.global.app_dir.as_deref())?;
        if let Some(url) = &self.global.base_url {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(ConfigError::Invalid {
                    problems: vec![settings::Problem {
                        file: None,
                        line: None,
                        key: Some("--base-url".into()),
                        message: format!("{url:?} is not an http:// or https:// URL"),
                    }],
                });
            }
            settings.file.gateway.base_url = url.trim_end_matches('/').to_string();
        }
        Ok(settings)
    }

    /// Loads the config named by the flags (or found, or the built-in plan).
    pub fn settings(&mut self) -> Result<Settings, ConfigError> {
        let settings = self.load()?;
        let origin =
            settings.source.as_ref().map(|p| p.display().to_string()).unwrap_or_else(|| "built-in plan values".into());
        self.out.detail(&format!("config: {origin}"));
        Ok(settings)
    }

    /// The settings for a command that works on the gateway: a config file
    /// or `--app-dir` must say which gateway, and the file in use is said up
    /// front (on stderr), not only with -v.
    pub fn gateway(&mut self) -> Result<Settings, ConfigError> {
        let settings = self.load()?;
        match &settings.source {
            None if self.global.app_dir.is_none() => {
                return Err(ConfigError::NoConfig {
                    searched: settings::SEARCH_PATHS.join(", "),
                    app_dir: settings.app_dir().to_path_buf(),
                })
            }
            None => self.out.status(&format!("config: built-in defaults, app dir {}", settings.app_dir().display())),
            Some(path) => self.out.status(&format!("config: {}", path.display())),
        }
        Ok(settings)
    }

    /// One rule for every change to the gateway: `--yes` answers for a
    /// script; on a terminal the operator is asked; with neither, nothing
    /// changes (exit 2). "No" is exit 6.
    pub fn confirm_change(&mut self, question: &str) -> anyhow::Result<()> {
        if self.global.yes {
            return Ok(());
        }
        match self.out.confirm(question)? {
            Some(true) => Ok(()),
            Some(false) => Err(crate::exit::Declined("not confirmed; nothing was changed".into()).into()),
            None => Err(crate::exit::UsageError(format!(
                "this changes the gateway and nobody can confirm (stdin is not a terminal): pass --yes ({question})"
            ))
            .into()),
        }
    }

    /// Journals how a read-only check ended; a failure to journal is said,
    /// never fatal (the check's own verdict stands).
    pub async fn journal_outcome(&mut self, settings: &Settings, command: &str, ok: bool, summary: String) {
        self.journal_outcome_with(settings, command, ok, summary, None).await;
    }

    /// [`Self::journal_outcome`], with the 429s a stress run saw as the model said.
    pub async fn journal_outcome_with(
        &mut self,
        settings: &Settings,
        command: &str,
        ok: bool,
        summary: String,
        refused: Option<u64>,
    ) {
        if let Err(e) = crate::ops::door::record_outcome(settings, command, ok, summary, refused).await {
            self.out.warn(&format!("the outcome was not journaled: {e}"));
        }
    }

    /// Connects to the configured Redis.
    pub async fn redis(&mut self, settings: &Settings) -> anyhow::Result<Redis> {
        let redis = Redis::connect(&redis_target(settings)).await?;
        self.out.detail(&format!("redis: {}", redis.shown_url()));
        Ok(redis)
    }

    /// Redis where the breakers' keys live (the breaker store's location).
    pub async fn breaker_redis(&mut self, settings: &Settings) -> anyhow::Result<Redis> {
        let redis = Redis::connect(&crate::ops::breaker::target(settings)).await?;
        self.out.detail(&format!("redis (breakers, {}): {}", settings.breaker_store.name, redis.shown_url()));
        Ok(redis)
    }
}

pub use crate::ops::{artisan_php, canary_tag, now_ms, redis_target};

impl crate::cli::fleet::FleetArgs {
    /// The fleet picked, or `None` for this host alone.
    pub fn fleet(&self, ctx: &mut Context, settings: &Settings) -> anyhow::Result<Option<crate::ops::fleet::Fleet>> {
        // -i/--inventory is a global option: one parser, before or after the subcommand.
        let inventory = ctx.global.inventory.clone();
        let Some(spec) = &self.hosts else {
            return match inventory {
                Some(_) => Err(crate::exit::UsageError(
                    "-i/--inventory picks the hosts of --hosts: add --hosts all (or NAME,… or GROUP)".into(),
                )
                .into()),
                None => Ok(None),
            };
        };
        let fleet = crate::ops::fleet::Fleet::pick(settings, spec, inventory.as_deref())?;
        for note in &fleet.notes {
            ctx.out.detail(&format!("inventory: {note}"));
        }
        ctx.out.status(&format!(
            "fleet: {} host(s): {}",
            fleet.hosts.len(),
            fleet.hosts.iter().map(|h| h.name.as_str()).collect::<Vec<_>>().join(", ")
        ));
        Ok(Some(fleet))
    }
}

/// Records the baseline `report` compares with, before anything changes;
/// a failure is said, never fatal (the activation does not depend on it).
pub async fn record_baseline(ctx: &mut Context, settings: &Settings, by: &str) {
    match crate::ops::debrief::record_baseline(settings, by).await {
        Ok(crate::ops::debrief::BaselineOutcome::Recorded(b)) => ctx.out.status(&format!(
            "baseline recorded for `gatewayctl report`: {} request(s) in the last {} of log, Redis {}",
            b.requests,
            crate::core::duration::format(std::time::Duration::from_secs(b.span_s)),
            b.redis_memory_mb.map_or("unknown".into(), |m| format!("{m:.1} MB"))
        )),
        Ok(crate::ops::debrief::BaselineOutcome::Kept(why)) => ctx.out.detail(&format!("baseline not recorded: {why}")),
        Err(e) => ctx.out.warn(&format!("the baseline for `gatewayctl report` was not recorded: {e:#}")),
    }
}
