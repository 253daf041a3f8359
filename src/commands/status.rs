//! `gatewayctl status`: one screen for an engineer arriving mid-incident
//! (ops::status). Read-only; never takes the lock.

use clap::Args;

use crate::commands::Context;
use crate::exit;

#[derive(Debug, Args)]
pub struct StatusArgs {}

pub async fn exec(_args: StatusArgs, ctx: &mut Context) -> anyhow::Result<u8> {
    let settings = ctx.gateway()?;
    let report = crate::ops::status::gather(&settings).await;
    ctx.out.emit(&report)?;
    Ok(exit::OK)
}
