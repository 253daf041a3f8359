//! The arguments of `gatewayctl journal`.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum JournalCommand {
    /// Read every line; name the ones that cannot be read (exit 1 if any)
    Check,
    /// Set unreadable lines aside in a file beside the journal, under the lock
    Repair(RepairArgs),
}

#[derive(Debug, Args)]
pub struct RepairArgs {
    /// Take the operator lock from another operator's live run (journaled)
    #[arg(long)]
    pub break_lock: bool,
}
