//! `plan review`: what the plan gets wrong, line by line.

use std::io::{self, Write};

use comfy_table::Cell;
use serde::{Deserialize, Serialize};

use crate::core::planreview::{PlanFinding, Severity};
use crate::report::{table, Human, Style};

/// `plan review --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanDebriefReport {
    pub plan: String,
    /// Shell blocks read: with none, nothing was reviewed.
    pub blocks: usize,
    pub findings: Vec<PlanFinding>,
}

impl PlanDebriefReport {
    /// Would running the plan fail or harm production (or was nothing read)?
    pub fn failed(&self) -> bool {
        self.blocks == 0 || self.findings.iter().any(|f| f.severity.fails())
    }
}

impl Human for PlanDebriefReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        if self.blocks == 0 {
            return writeln!(
                w,
                "{}",
                style.bad(&format!("{}: no shell blocks found, nothing was reviewed", self.plan))
            );
        }
        if !self.findings.is_empty() {
            let mut t = table::Noted::new(&["line", "", "the plan", "what actually happens", "instead"]);
            for f in &self.findings {
                let severity = match f.severity {
                    Severity::Harm => style.bad("HARM"),
                    Severity::Wrong => style.bad("wrong"),
                    Severity::Unverifiable => style.warn("unchecked"),
                    Severity::Note => style.warn("note"),
                };
                let row = vec![
                    table::num(f.line),
                    Cell::new(severity),
                    t.cell(&f.plan),
                    t.cell(&f.actually),
                    t.cell(&f.instead),
                ];
                t.add_row(row);
            }
            writeln!(w, "{t}")?;
        }
        let harm = self.findings.iter().filter(|f| f.severity == Severity::Harm).count();
        let wrong = self.findings.iter().filter(|f| f.severity == Severity::Wrong).count();
        let unchecked = self.findings.iter().filter(|f| f.severity == Severity::Unverifiable).count();
        let line = format!(
            "{}: {} shell block(s) read; {harm} step(s) would harm production, {wrong} would not do what the plan says, \
             {unchecked} expectation(s) nothing checks",
            self.plan, self.blocks
        );
        match self.failed() {
            true => writeln!(w, "{}", style.bad(&line)),
            false => writeln!(w, "{}", style.good(&line)),
        }
    }
}
