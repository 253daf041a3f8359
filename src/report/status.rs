//! `status`: what an engineer arriving mid-incident needs on one screen.

use std::io::{self, Write};
use std::path::PathBuf;

use comfy_table::Cell;
use serde::{Deserialize, Serialize};

use crate::adapters::state::LockInfo;
use crate::core::journal::Owed;
use crate::core::rollback::Feature;
use crate::report::{table, Human, Style};

/// `status --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusReport {
    /// The config file in use (`None`: the built-in defaults).
    pub config: Option<PathBuf>,
    pub app_dir: PathBuf,
    pub features: Vec<FeatureState>,
    pub owed: Vec<Owed>,
    /// Who holds the operator lock now.
    pub lock: Option<LockInfo>,
    pub breakers: Vec<BreakerLine>,
    /// The last runs that changed the gateway, newest first.
    pub runs: Vec<RunLine>,
    /// Journal lines that could not be read (line, why).
    pub journal_problems: Vec<(usize, String)>,
    /// Every `model probe` identity whose keys are owed: a probe that
    /// never ended (its keys may remain until the next probe), or one
    /// running now.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub probe_owed: Vec<crate::report::probe::Owed>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeatureState {
    pub feature: Feature,
    /// on, rolled_back, rollback_half_done, undo_half_done; for input
    /// validation also not_wired (the plan's known gap) or unknown.
    pub state: String,
    pub since: Option<String>,
    pub by: Option<String>,
    /// The command that undoes it, or finishes what is half done.
    pub next: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreakerLine {
    pub service: String,
    /// closed, open, half_open; or unknown with the reason.
    pub state: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunLine {
    pub run: String,
    pub started: String,
    /// The last thing the journal says of it.
    pub last: String,
}

impl Human for StatusReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        let config =
            self.config.as_ref().map_or("built-in defaults (no config file)".to_string(), |p| p.display().to_string());
        writeln!(w, "config: {config} · app: {}", self.app_dir.display())?;
        match &self.lock {
            None => writeln!(w, "lock: free")?,
            Some(l) => writeln!(
                w,
                "lock: {} by {}@{} pid {} since {} ({})",
                style.warn("HELD"),
                l.owner,
                l.host,
                l.pid,
                l.since,
                if l.command.is_empty() { "unknown command" } else { l.command.as_str() }
            )?,
        }
        let mut t = table::new(&["feature", "state", "since", "by", "next"]);
        for f in &self.features {
            let state = match f.state.as_str() {
                "on" => style.good("on"),
                "rolled_back" => style.warn("rolled back"),
                "not_wired" => style.warn("not wired (known gap)"),
                other => style.bad(&other.replace('_', " ").to_uppercase()),
            };
            t.add_row(vec![
                Cell::new(f.feature.name()),
                Cell::new(state),
                Cell::new(f.since.as_deref().unwrap_or("-")),
                Cell::new(f.by.as_deref().unwrap_or("-")),
                Cell::new(f.next.as_deref().unwrap_or("-")),
            ]);
        }
        writeln!(w, "{t}")?;
        let breakers: Vec<String> = self.breakers.iter().map(|b| format!("{} {}", b.service, b.state)).collect();
        writeln!(w, "breakers: {}", if breakers.is_empty() { "none configured".into() } else { breakers.join(", ") })?;
        for o in &self.owed {
            writeln!(w, "{}: {} (since {}, run {})", style.warn("owed"), o.step, o.since, o.run)?;
        }
        for (line, why) in &self.journal_problems {
            writeln!(w, "{}: line {line}: {why}", style.bad("journal unreadable"))?;
        }
        for o in &self.probe_owed {
            let at = o.started_ms;
            let when = chrono::DateTime::from_timestamp_millis(at as i64).map_or(at.to_string(), |t| t.to_rfc3339());
            match o.running {
                true => writeln!(w, "probe running: {} since {when}", o.identity)?,
                false => writeln!(
                    w,
                    "{}: the model probe of {} started at {when} never ended; its throwaway identity's keys may remain (the next `gatewayctl model probe` deletes them)",
                    style.warn("probe left keys"),
                    o.identity
                )?,
            }
        }
        if !self.runs.is_empty() {
            let mut t = table::new(&["last runs", "started", "last event"]);
            for r in &self.runs {
                t.add_row(vec![Cell::new(&r.run), Cell::new(&r.started), Cell::new(&r.last)]);
            }
            writeln!(w, "{t}")?;
        }
        Ok(())
    }
}
