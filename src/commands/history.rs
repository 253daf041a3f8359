//! `gatewayctl history [--since 2h|TIME] [--run ID]`: the journal as a
//! timeline, every run and step in words. Read-only.

use crate::adapters::state::StateDir;
use crate::cli::history::HistoryArgs;
use crate::commands::Context;
use crate::core::duration;
use crate::exit::{self, UsageError};
use crate::ops::status::describe_all;
use crate::report::history::{HistoryEvent, HistoryReport};

pub async fn exec(args: HistoryArgs, ctx: &mut Context) -> anyhow::Result<u8> {
    let settings = ctx.gateway()?;
    let since = match &args.since {
        None => None,
        Some(text) => Some(since(text)?),
    };
    let (entries, health) = StateDir::new(&settings.file.state.dir).scan_journal()?;
    // Described over the whole journal: a start finished after --since is finished.
    let words = describe_all(&entries);
    let events = entries
        .into_iter()
        .zip(words)
        .filter(|(e, _)| args.run.as_deref().is_none_or(|r| e.run == r))
        .filter(|(e, _)| {
            since.is_none_or(|s| {
                chrono::DateTime::parse_from_rfc3339(&e.ts).is_ok_and(|t| t.with_timezone(&chrono::Utc) >= s)
            })
        })
        .map(|(entry, what)| HistoryEvent { what, entry })
        .collect();
    ctx.out.emit(&HistoryReport { events, unreadable: health.unreadable })?;
    Ok(exit::OK)
}

/// `2h` ago, or an RFC 3339 time.
fn since(text: &str) -> Result<chrono::DateTime<chrono::Utc>, UsageError> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&chrono::Utc));
    }
    let age = duration::parse(text)
        .map_err(|e| UsageError(format!("--since takes an age such as 2h or an RFC 3339 time: {e}")))?;
    let age = chrono::Duration::from_std(age).map_err(|_| UsageError(format!("--since {text}: too long ago")))?;
    Ok(chrono::Utc::now() - age)
}
