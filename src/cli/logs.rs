//! The arguments of `gatewayctl logs`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum LogsCommand {
    /// Find unsanitized secrets in laravel.log and its rotated files (exit 1 if any, or if nothing was read)
    Scan(ScanArgs),
    /// Send canary secrets to each sanitized endpoint and prove they were redacted
    Probe(ProbeArgs),
}

#[derive(Debug, Args)]
pub struct ProbeArgs {
    /// Show the endpoints and the kinds of canary; send nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Scan these files instead of the configured log and its rotations
    #[arg(long = "file", value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Report at most this many findings (all are counted)
    #[arg(long, default_value_t = 1000)]
    pub max_findings: usize,
}
