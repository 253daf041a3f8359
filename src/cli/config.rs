//! The arguments of `gatewayctl config`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Report unknown keys and bad values, with file and line (exit 1 if any)
    Check(CheckArgs),
    /// Print the effective config (Redis password masked)
    Show,
    /// Print which config file is in use
    Path,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The file to check [default: the one in use]
    pub file: Option<PathBuf>,
}
