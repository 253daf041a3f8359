//! The arguments of `gatewayctl reload`.

use clap::Args;

#[derive(Debug, Args)]
pub struct ReloadArgs {
    /// Print the commands, send nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Restart instead of reload (drops in-flight requests; systemd only)
    #[arg(long)]
    pub force_restart: bool,
    /// Take the operator lock from another operator's live run (journaled)
    #[arg(long)]
    pub break_lock: bool,
}
