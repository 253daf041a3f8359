//! `gatewayctl keys count|list PATTERN`: the plan's `redis-cli KEYS … | wc -l`
//! done with SCAN, which never blocks a production Redis, read where the
//! gateway keeps the pattern's keys (`ops::keys`).

use std::time::Instant;

use anyhow::Context as _;

use crate::adapters::redis::{Redis, ScanProgress};
use crate::cli::keys::KeysCommand;
use crate::commands::Context;
use crate::core::keyplace::Place;
use crate::exit;
use crate::ops::keys::{elsewhere, target};
use crate::report::keys::{KeyCountReport, KeyListReport, NodeCount};

pub async fn exec(cmd: KeysCommand, ctx: &mut Context) -> anyhow::Result<u8> {
    let settings = ctx.gateway()?;
    let args = match &cmd {
        KeysCommand::Count(args) => args,
        KeysCommand::List(list) => &list.pattern,
    };
    let place = Place::of(&args.pattern, args.raw);
    let target = target(place, &settings);
    let database = crate::ops::redis_db(&target.url);
    let mut redis = Redis::connect(&target).await?;
    ctx.out.detail(&format!("redis ({}): {}", place.describe(), redis.shown_url()));
    let prefix = redis.prefix().to_string();
    let started = Instant::now();
    let spinner = ctx.out.spinner("scanning");
    let mut rounds = 0;
    let mut restarts = 0;
    let mut on_progress = |p: ScanProgress| {
        rounds = p.rounds;
        restarts = p.restarts;
        spinner.set_message(format!("scanning: {} rounds, {} matches", p.rounds, p.seen));
    };
    match cmd {
        KeysCommand::Count(args) => {
            let counted =
                redis.count_by_server(&args.pattern, &mut on_progress).await.context("while counting keys")?;
            let count = counted.total;
            let nodes = match redis.shards().is_empty() {
                true => Vec::new(),
                false => counted.per_server.into_iter().map(|(node, count)| NodeCount { node, count }).collect(),
            };
            let elsewhere = match count {
                0 => elsewhere(&target, &args.pattern, &mut on_progress).await.context("while looking elsewhere")?,
                _ => Vec::new(),
            };
            spinner.finish();
            let elapsed_ms = started.elapsed().as_millis() as u64;
            let master = redis.master().map(str::to_string);
            let report = KeyCountReport {
                pattern: args.pattern,
                place,
                database,
                prefix,
                elsewhere,
                count,
                scan_rounds: rounds,
                elapsed_ms,
                master,
                restarts,
                nodes,
            };
            ctx.out.emit(&report)?;
        }
        KeysCommand::List(args) => {
            let keys =
                redis.list(&args.pattern.pattern, args.limit, &mut on_progress).await.context("while listing keys")?;
            let elsewhere = match keys.is_empty() {
                true => elsewhere(&target, &args.pattern.pattern, &mut on_progress)
                    .await
                    .context("while looking elsewhere")?,
                false => Vec::new(),
            };
            spinner.finish();
            let master = redis.master().map(str::to_string);
            // A raw identity in a key's name is a secret: masked here too.
            let keys = keys.iter().map(|k| crate::core::limiter::mask_key_name(k)).collect();
            let report = KeyListReport {
                pattern: args.pattern.pattern,
                place,
                database,
                prefix,
                keys,
                limit: args.limit,
                master,
                restarts,
                elsewhere,
            };
            ctx.out.emit(&report)?;
        }
    }
    Ok(exit::OK)
}
