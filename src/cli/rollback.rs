//! The arguments of `gatewayctl rollback`.

use clap::{Args, Subcommand};

use crate::core::rollback::Feature;
use crate::ops::rollback::Options;

#[derive(Debug, Subcommand)]
pub enum RollbackCommand {
    /// Type every handler method taking CollectAppointmentRequest back to a plain Request (the plan's "remove type hint"), the FormRequest built from it unvalidated so the data it reads is kept
    InputValidation(FeatureArgs),
    /// Remove api.rate-limit from every middleware list in routes/api.php
    RateLimit(FeatureArgs),
    /// Comment out the CircuitBreaker construction in CalcomService::__construct
    CircuitBreaker(FeatureArgs),
    /// Replace LogSanitizer::sanitize(EXPR) with EXPR in the three controllers
    LogSanitizer(FeatureArgs),
    /// The plan's 60-second rollback: rate limiting off, caches cleared, graceful reload, health verified (asks nothing, by design)
    Emergency(FeatureArgs),
    /// Every feature, in reverse order of activation
    All(FeatureArgs),
    /// What is rolled back now, and what an interruption left half done (from the journal)
    List,
    /// Restore the original bytes, only if the file still holds what the rollback wrote
    Undo(UndoArgs),
}

/// A rollback's flags, and the hosts it runs on (this one without --hosts).
#[derive(Debug, Clone, Args)]
pub struct FeatureArgs {
    #[command(flatten)]
    pub run: RunArgs,
    #[command(flatten)]
    pub fleet: super::fleet::FleetArgs,
    /// With --hosts: ask each host what stands there and roll back only where it is not rolled back yet
    #[arg(long, requires = "hosts")]
    pub resume: bool,
}

#[derive(Debug, Clone, Args)]
pub struct RunArgs {
    /// Show the diff and the route:list change; change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Do not clear the config and route caches (stage it by hand, as the plan does)
    #[arg(long)]
    pub no_cache: bool,
    /// Do not reload php-fpm (the change is not live until you do)
    #[arg(long)]
    pub no_reload: bool,
    /// Take the operator lock from another operator's live run (journaled)
    #[arg(long)]
    pub break_lock: bool,
}

impl RunArgs {
    pub(crate) fn options(&self, emergency: bool) -> Options {
        Options { no_cache: self.no_cache, no_reload: self.no_reload, emergency }
    }

    /// The same flags for each host's own gatewayctl.
    pub fn remote(&self) -> Vec<&'static str> {
        [
            (self.dry_run, "--dry-run"),
            (self.no_cache, "--no-cache"),
            (self.no_reload, "--no-reload"),
            (self.break_lock, "--break-lock"),
        ]
        .into_iter()
        .filter_map(|(on, flag)| on.then_some(flag))
        .collect()
    }
}

#[derive(Debug, Args)]
pub struct UndoArgs {
    /// input-validation, rate-limit, circuit-breaker, log-sanitizer, or all (every feature rolled back, in activation order)
    pub feature: UndoTarget,
    #[command(flatten)]
    pub run: RunArgs,
    #[command(flatten)]
    pub fleet: super::fleet::FleetArgs,
    /// With --hosts: ask each host what stands there and undo wherever it is still rolled back
    #[arg(long, requires = "hosts")]
    pub resume: bool,
}

/// What `rollback undo` restores: one feature, or every one rolled back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UndoTarget {
    One(Feature),
    All,
}

impl std::str::FromStr for UndoTarget {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        const NAMES: [&str; 6] =
            ["input-validation", "rate-limit", "circuit-breaker", "log-sanitizer", "emergency", "all"];
        match s {
            "all" => Ok(UndoTarget::All),
            // The emergency rollback switches the limiter off: its undo is rate-limit's.
            "emergency" => Ok(UndoTarget::One(Feature::RateLimit)),
            other => other.parse().map(UndoTarget::One).map_err(|_| {
                let near = NAMES.iter().filter(|n| strsim::levenshtein(n, other) <= 3).min_by_key(|n| strsim::levenshtein(n, other));
                format!(
                    "unknown feature {other:?}{}: input-validation, rate-limit, circuit-breaker, log-sanitizer, emergency or all",
                    near.map(|n| format!(" (did you mean {n}?)")).unwrap_or_default()
                )
            }),
        }
    }
}
