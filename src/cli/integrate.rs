//! The arguments of `gatewayctl integrate`.

use std::time::Duration;

use clap::{Args, Subcommand};

use super::rollback::RunArgs;
use crate::core::duration;

#[derive(Debug, Subcommand)]
pub enum IntegrateCommand {
    /// Wire CollectAppointmentRequest into RetellFunctionCallHandler::collectAppointment (type hint, import, getAppointmentData())
    #[command(
        after_help = "Examples:\n  gatewayctl integrate input-validation --impact            # what the last 7 days' calls would have got\n  gatewayctl integrate input-validation --dry-run --since 24h\n  gatewayctl integrate input-validation                     # asks, naming how many calls would be refused"
    )]
    InputValidation(IntegrateArgs),
}

#[derive(Debug, Args)]
pub struct IntegrateArgs {
    /// --dry-run (also shows the impact preview), --no-cache, --no-reload, --break-lock: as for rollback
    #[command(flatten)]
    pub run: RunArgs,
    /// Only the impact preview: replay the logged payloads through the FormRequest's rules (on a shadow, nothing sent)
    #[arg(long)]
    pub impact: bool,
    /// The period of logged payloads to replay (7d, 24h); all of the log and its rotations with `all`
    #[arg(long, default_value = "7d", value_parser = parse_since)]
    pub since: Since,
}

pub fn parse_since(s: &str) -> Result<Since, String> {
    match s {
        "all" => Ok(Since(None)),
        _ => duration::parse(s).map(|d| Since(Some(d))).map_err(|e| e.to_string()),
    }
}

/// How far back the preview reads.
#[derive(Debug, Clone, Copy)]
pub struct Since(pub Option<Duration>);
