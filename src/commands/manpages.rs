//! `gatewayctl manpages --dir DIR` (hidden): man pages generated from the CLI
//! itself with clap_mangen, one for gatewayctl and one per subcommand
//! (`gatewayctl-logs-scan.1`); `scripts/package.sh` puts them in the .deb.

use anyhow::Context as _;
use clap::CommandFactory;

use crate::cli::manpages::ManpagesArgs;
use crate::cli::Cli;
use crate::commands::Context;
use crate::exit;

pub fn exec(args: ManpagesArgs, ctx: &mut Context) -> anyhow::Result<u8> {
    std::fs::create_dir_all(&args.dir).with_context(|| format!("while creating {}", args.dir.display()))?;
    clap_mangen::generate_to(Cli::command(), &args.dir)
        .with_context(|| format!("while writing man pages to {}", args.dir.display()))?;
    let mut written: Vec<String> = std::fs::read_dir(&args.dir)
        .with_context(|| format!("while listing {}", args.dir.display()))?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".1"))
        .collect();
    written.sort();
    ctx.out.raw(format!("{}\n", written.join("\n")).as_bytes())?;
    Ok(exit::OK)
}
