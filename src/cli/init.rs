//! The arguments of `gatewayctl init`.

use std::path::PathBuf;

use clap::Args;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write it
    #[arg(long, default_value = "gatewayctl.toml")]
    pub path: PathBuf,
    /// Replace an existing file (its bytes are kept beside it)
    #[arg(long)]
    pub force: bool,
    /// Print the file instead of writing it
    #[arg(long, conflicts_with_all = ["force", "dry_run"])]
    pub stdout: bool,
    /// Say what would be written, change nothing
    #[arg(long)]
    pub dry_run: bool,
}
