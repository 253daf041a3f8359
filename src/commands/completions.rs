//! `gatewayctl completions SHELL`: completion scripts, generated from the CLI
//! itself (the committed copies in completions/ are checked against these).

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::completions::CompletionsArgs;
use crate::cli::Cli;
use crate::commands::Context;
use crate::exit;

/// The completion script for `shell`, as bytes.
pub fn generate(shell: Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "gatewayctl", &mut out);
    out
}

pub fn exec(args: CompletionsArgs, ctx: &mut Context) -> anyhow::Result<u8> {
    ctx.out.raw(&generate(args.shell))?;
    Ok(exit::OK)
}
