//! `gatewayctl init`: writes the commented config with the plan's values.

use anyhow::Context as _;

use crate::adapters::files;
use crate::cli::init::InitArgs;
use crate::commands::{now_ms, Context};
use crate::exit::{self, UsageError};
use crate::report::config::InitReport;
use crate::settings::TEMPLATE;

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
