//! `gatewayctl config check|show|path`.

use std::path::PathBuf;

use anyhow::Context as _;

use crate::adapters::{redis_url, webhook};
use crate::cli::config::{CheckArgs, ConfigCommand};
use crate::commands::Context;
use crate::exit;
use crate::report::config::{ConfigCheckReport, ConfigPathReport, ConfigShowReport};
use crate::settings::{self, ConfigError, Problem, SEARCH_PATHS};

pub fn exec(cmd: ConfigCommand, ctx: &mut Context) -> anyhow::Result<u8> {
    match cmd {
        ConfigCommand::Check(args) => check(args, ctx),
        ConfigCommand::Show => show(ctx),
        ConfigCommand::Path => {
            let file = settings::discover(ctx.global.config.as_deref())?;
            let searched = SEARCH_PATHS.iter().map(PathBuf::from).collect();
            ctx.out.emit(&ConfigPathReport { file, searched })?;
            Ok(exit::OK)
        }
    }
}

fn check(args: CheckArgs, ctx: &mut Context) -> anyhow::Result<u8> {
    let file = match args.file {
        Some(f) => Some(f),
        None => settings::discover(ctx.global.config.as_deref())?,
    };
    let problems: Vec<Problem> = match &file {
        None => Vec::new(),
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|source| ConfigError::Read { path: path.clone(), source })?;
            settings::parse(&text, Some(path)).err().unwrap_or_default()
        }
    };
    let ok = problems.is_empty();
    ctx.out.emit(&ConfigCheckReport { file, ok, problems })?;
    Ok(if ok { exit::OK } else { exit::CHECK_FAILED })
}

fn show(ctx: &mut Context) -> anyhow::Result<u8> {
    let mut settings = ctx.settings()?;
    settings.file.redis.url = redis_url::mask(&settings.file.redis.url);
    settings.file.watch.webhook = webhook::mask(&settings.file.watch.webhook);
    if !settings.file.redis.sentinel_password.is_empty() {
        settings.file.redis.sentinel_password = "***".into();
    }
    let config = toml::Value::try_from(&settings.file).context("while rendering the config")?;
    ctx.out.emit(&ConfigShowReport { file: settings.source.clone(), config })?;
    Ok(exit::OK)
}
