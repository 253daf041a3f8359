//! `gatewayctl init`: writes the commented config with the plan's values.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;

use crate::adapters::files;
use crate::commands::{now_ms, Context};
use crate::exit::{self, UsageError};
use crate::report::config::InitReport;
use crate::settings::TEMPLATE;

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

pub fn exec(args: InitArgs, ctx: &mut Context) -> anyhow::Result<u8> {
    if args.stdout {
        ctx.out.raw(TEMPLATE.as_bytes())?;
        return Ok(exit::OK);
    }
    if args.path.exists() && !args.force {
        let shown = args.path.display();
        return Err(UsageError(format!(
            "{shown} already exists; pass --force to replace it (its bytes are kept as {shown}.orig.<time>)"
        ))
        .into());
    }
    let mut report = InitReport { path: args.path.clone(), written: false, dry_run: args.dry_run, kept: None };
    if !args.dry_run {
        let done = files::replace(&args.path, TEMPLATE.as_bytes(), &now_ms().to_string())
            .with_context(|| format!("while writing {}", args.path.display()))?;
        report.written = true;
        report.kept = done.kept;
    }
    ctx.out.emit(&report)?;
    Ok(exit::OK)
}
