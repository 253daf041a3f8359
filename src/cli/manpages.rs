//! The arguments of `gatewayctl manpages`.

use std::path::PathBuf;

use clap::Args;

#[derive(Debug, Args)]
pub struct ManpagesArgs {
    /// Write the pages into this directory (created if missing)
    #[arg(long, value_name = "DIR")]
    pub dir: PathBuf,
}
