//! `preflight` results: the GO / NO-GO table, the fixes, owed work.

use std::io::{self, Write};
use std::path::PathBuf;

use comfy_table::Cell;
use serde::{Deserialize, Serialize};

use crate::core::checks::{Check, CheckVerdict, GoNoGo};
use crate::core::integration::{FixStatus, Integration};
use crate::core::journal::Owed;
use crate::report::{table, Human, Style};

/// `preflight --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreflightReport {
    pub decision: GoNoGo,
    pub app_dir: PathBuf,
    pub checks: Vec<Check>,
    /// The plan's 8 fixes, read from the app's source.
    pub integration: Vec<FixStatus>,
    /// Steps an interrupted run left owed.
    pub owed: Vec<Owed>,
    /// The gateway's own bugs, from a dry run of its middleware stacks.
    #[serde(default)]
    pub findings: Vec<crate::core::findings::Finding>,
    pub elapsed_ms: u64,
}

pub fn verdict_cell(style: &Style, v: CheckVerdict) -> Cell {
    Cell::new(match v {
        CheckVerdict::Pass => style.good("pass"),
        CheckVerdict::Warn => style.warn("warn"),
        CheckVerdict::Unknown => style.bad("unknown"),
        CheckVerdict::Fail => style.bad("FAIL"),
    })
}

/// The checks table, shared by preflight and verify.
pub fn checks_table(checks: &[Check], style: &Style) -> table::Noted {
    let mut t = table::Noted::new(&["check", "verdict", "evidence", "what to do"]);
    for c in checks {
        let row = vec![
            Cell::new(&c.name),
            verdict_cell(style, c.verdict),
            t.cell(&c.evidence),
            t.cell(c.hint.as_deref().unwrap_or("")),
        ];
        t.add_row(row);
    }
    t
}

impl Human for PreflightReport {
    fn headline(&self, style: &Style) -> Option<String> {
        Some(crate::report::verdict_line(self.decision == GoNoGo::Go, &self.checks, style))
    }

    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        writeln!(w, "{}", self.headline(style).unwrap_or_default())?;
        writeln!(w, "{}", checks_table(&self.checks, style))?;
        let mut t = table::Noted::new(&["fix", "status", "plan expects", "evidence"]);
        for f in &self.integration {
            let status = format!("{:?}", f.status).to_lowercase();
            let closed = f.expected < Integration::Wired && f.status == Integration::Wired;
            let status = match (f.status == f.expected, closed) {
                (true, _) => status,
                (false, true) => format!("{status} (gap closed)"),
                (false, false) => style.warn(&status),
            };
            let expected = format!("{:?}", f.expected).to_lowercase();
            let expected = if f.expected < Integration::Wired { format!("{expected} (known gap)") } else { expected };
            let row = vec![Cell::new(&f.fix), Cell::new(status), Cell::new(expected), t.cell(&f.evidence)];
            t.add_row(row);
        }
        writeln!(w, "{t}")?;
        for o in &self.owed {
            writeln!(
                w,
                "{}",
                style.warn(&format!(
                    "owed: {} (left by {} in run {}); run `gatewayctl activate --resume`",
                    o.step, o.because, o.run
                ))
            )?;
        }
        crate::report::findings::write(w, style, &self.findings)?;
        let decision = match self.decision {
            GoNoGo::Go => style.good("GO"),
            GoNoGo::NoGo => style.bad("NO-GO"),
        };
        writeln!(w, "{decision} ({} checks in {} ms)", self.checks.len(), self.elapsed_ms)
    }
}
