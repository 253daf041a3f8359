//! The arguments of `gatewayctl activate`.

use std::path::PathBuf;

use clap::Args;

#[derive(Debug, Args)]
pub struct ActivateArgs {
    /// The runbook [default: the shipped runbooks/activation.toml]
    #[arg(long, value_name = "FILE")]
    pub runbook: Option<PathBuf>,
    /// Print every step and the exact commands it would run; change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Finish what an interrupted run left owed or undone
    #[arg(long)]
    pub resume: bool,
    /// Take the lock from another operator's live run (recorded in the journal)
    #[arg(long)]
    pub break_lock: bool,
    /// Also run an optional step (enabled = false in the runbook), e.g. integrate.input-validation
    #[arg(long, value_name = "STEP")]
    pub with: Vec<String>,
    #[command(flatten)]
    pub fleet: super::fleet::FleetArgs,
}
