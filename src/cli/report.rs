//! The arguments of `gatewayctl report`.

use std::path::PathBuf;

use clap::Args;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The period's start: the journal's last activation, an age (24h, 7d), or a date or time (2026-11-20, RFC 3339)
    #[arg(long, default_value = "activation", value_name = "activation|AGE|DATE")]
    pub since: String,
    /// Write the report to FILE (atomically) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}
