//! The arguments of `gatewayctl completions`.

use clap::Args;
use clap_complete::Shell;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// bash, zsh, fish or powershell
    pub shell: Shell,
}
