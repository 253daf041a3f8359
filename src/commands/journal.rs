//! `gatewayctl journal check|repair`: is the journal readable, and setting
//! aside the lines that are not (their bytes kept), itself journaled.

use crate::adapters::state::StateDir;
use crate::cli::journal::JournalCommand;
use crate::commands::Context;
use crate::core::journal::Event;
use crate::exit;
use crate::ops::door::{Door, Knock};
use crate::report::journal::{JournalCheckReport, JournalRepairReport};

pub async fn exec(cmd: JournalCommand, ctx: &mut Context) -> anyhow::Result<u8> {
    let settings = ctx.gateway()?;
    let state = StateDir::new(&settings.file.state.dir);
    match cmd {
        JournalCommand::Check => {
            let (_, health) = state.scan_journal()?;
            let ok = health.unreadable.is_empty();
            ctx.out.emit(&JournalCheckReport { journal: state.journal_path(), health, ok })?;
            Ok(if ok { exit::OK } else { exit::CHECK_FAILED })
        }
        JournalCommand::Repair(args) => {
            let door = Door::open(&settings, Knock::new("journal repair", args.break_lock).repairing()).await?;
            let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S").to_string();
            let repaired = state.repair_journal(&stamp)?;
            let report = match repaired {
                None => JournalRepairReport { journal: state.journal_path(), lines: vec![], kept_in: None },
                Some((kept_in, lines)) => {
                    door.record(Event::JournalRepaired {
                        lines: lines.clone(),
                        kept_in: kept_in.display().to_string(),
                    })?;
                    JournalRepairReport { journal: state.journal_path(), lines, kept_in: Some(kept_in) }
                }
            };
            ctx.out.emit(&report)?;
            Ok(exit::OK)
        }
    }
}
