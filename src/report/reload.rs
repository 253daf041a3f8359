//! `reload` results: the checks that prove it was graceful.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use crate::core::checks::Check;
use crate::report::preflight::checks_table;
use crate::report::{Human, Style};

/// Requests sent across the reload.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Probes {
    pub sent: u64,
    pub failed: u64,
    /// Status code (or `unreachable`) → count.
    pub statuses: BTreeMap<String, u64>,
}

/// `reload --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReloadReport {
    pub dry_run: bool,
    /// The exact commands, in order: the config test, then the signal.
    pub commands: Vec<String>,
    pub checks: Vec<Check>,
    pub master_pid_before: Option<u32>,
    pub master_pid_after: Option<u32>,
    pub workers_before: Vec<u32>,
    pub workers_after: Vec<u32>,
    pub probes: Probes,
    /// Every check passed: reloaded, and nothing was lost.
    pub graceful: bool,
}

impl ReloadReport {
    pub fn dry_run(commands: Vec<String>) -> Self {
        ReloadReport {
            dry_run: true,
            commands,
            checks: vec![],
            master_pid_before: None,
            master_pid_after: None,
            workers_before: vec![],
            workers_after: vec![],
            probes: Probes::default(),
            graceful: false,
        }
    }
}

impl Human for ReloadReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        if self.dry_run {
            writeln!(w, "would run (dry run: nothing sent):")?;
            for c in &self.commands {
                writeln!(w, "  {c}")?;
            }
            return Ok(());
        }
        writeln!(w, "{}", checks_table(&self.checks, style))?;
        match self.graceful {
            true => writeln!(w, "{}", style.good("reloaded gracefully")),
            false => writeln!(w, "{}", style.bad("the reload was refused or not graceful; see above")),
        }
    }
}
