//! The arguments of `gatewayctl breaker`.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum BreakerCommand {
    /// State, counts, opened_at, time until half-open, and what moves it next
    Status(StatusArgs),
    /// The breaker's transitions, read from laravel.log and its rotations
    History(StatusArgs),
    /// Delete the breaker's keys (closed); asks first, journaled
    Reset(ResetArgs),
    /// On a non-production target: make Cal.com fail and check every transition against the model
    TripTest(StatusArgs),
}

#[derive(Debug, Args)]
pub struct ResetArgs {
    /// The service
    #[arg(default_value = "calcom_api")]
    pub service: String,
    /// Show what would be deleted; change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Take the operator lock from another operator's live run (journaled)
    #[arg(long)]
    pub break_lock: bool,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// One service [default: every breaker in the config]
    pub service: Option<String>,
}
