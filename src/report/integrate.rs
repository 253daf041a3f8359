//! `integrate` results: the impact preview (what today's traffic would have
//! been refused), the diff, the proof, and the fix observed on.

use std::io::{self, Write};

use comfy_table::Cell;
use serde::{Deserialize, Serialize};

use crate::core::checks::Check;
use crate::core::rollback::Feature;
use crate::core::validation_impact::Impact;
use crate::report::preflight::checks_table;
use crate::report::{table, Human, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntegrateStatus {
    /// Dry run, or refused by the proof: nothing changed.
    Planned,
    /// Wired now.
    Wired,
    /// The handler already takes the FormRequest; made live and checked.
    AlreadyWired,
    /// An interrupted integration had written the file; now journaled.
    Completed,
    /// Not started: the preview could not be made, or the answer was no.
    NotStarted,
    /// `--impact`: the preview alone was asked for.
    Preview,
}

/// `integrate … --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntegrateReport {
    pub feature: Feature,
    pub dry_run: bool,
    pub status: IntegrateStatus,
    /// The unified diff of the handler.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diff: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<Impact>,
    /// Why there is no preview, when one was asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact_error: Option<String>,
    pub checks: Vec<Check>,
    #[serde(default)]
    pub elapsed_ms: u64,
}

impl IntegrateReport {
    pub fn new(dry_run: bool, impact: Option<anyhow::Result<Impact>>) -> IntegrateReport {
        let (impact, impact_error) = match impact {
            None => (None, None),
            Some(Ok(i)) => (Some(i), None),
            Some(Err(e)) => (None, Some(format!("{e:#}"))),
        };
        IntegrateReport {
            feature: Feature::InputValidation,
            dry_run,
            status: IntegrateStatus::NotStarted,
            diff: None,
            impact,
            impact_error,
            checks: vec![],
            elapsed_ms: 0,
        }
    }
}

/// A count with thousands separators.
fn n(v: usize) -> String {
    let digits = v.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub fn impact_human(impact: &Impact, w: &mut dyn Write, style: &Style) -> io::Result<()> {
    let window = match (&impact.first, &impact.last) {
        (Some(a), Some(b)) => format!(" logged {a} .. {b}"),
        _ => String::new(),
    };
    if impact.payloads + impact.sanitized == 0 {
        return writeln!(
            w,
            "{}",
            style.warn("impact: unknown: no `Retell collect appointment` payload in the log for this period")
        );
    }
    let verdict = format!("{} of {} payloads would have been refused (422)", n(impact.refused), n(impact.payloads));
    let verdict = if impact.refused > 0 { style.warn(&verdict) } else { style.good(&verdict) };
    writeln!(w, "impact:{window}: {verdict}")?;
    if !impact.rules.is_empty() {
        let mut t = table::new(&["field", "rule", "refused", "example (masked)"]);
        for r in &impact.rules {
            t.add_row(vec![
                Cell::new(&r.field),
                Cell::new(&r.rule),
                Cell::new(format!("{} of {}", n(r.refused), n(impact.payloads))),
                Cell::new(&r.example),
            ]);
        }
        writeln!(w, "{t}")?;
    }
    if impact.sanitized > 0 {
        writeln!(
            w,
            "counted apart: {} payloads the log sanitizer changed (hashed emails, redacted values), their true values unknown; {} of them refused as logged",
            n(impact.sanitized),
            n(impact.sanitized_refused)
        )?;
    }
    if impact.capped {
        writeln!(
            w,
            "{}",
            style.warn(&format!(
                "read the first {} payloads only: narrow --since for the whole period",
                n(impact.payloads + impact.sanitized)
            ))
        )?;
    }
    if impact.probes > 0 {
        writeln!(w, "left out: {} of gatewayctl's own probes", n(impact.probes))?;
    }
    Ok(())
}

impl Human for IntegrateReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        if let Some(impact) = &self.impact {
            impact_human(impact, w, style)?;
        }
        if let Some(e) = &self.impact_error {
            writeln!(w, "{}", style.warn(&format!("impact: unknown: {e}")))?;
        }
        let status = match self.status {
            IntegrateStatus::Planned if self.dry_run => "would wire it (dry run: nothing changed)".to_string(),
            IntegrateStatus::Planned => style.bad("refused by the proof: nothing changed"),
            IntegrateStatus::Wired => style.good("wired"),
            IntegrateStatus::AlreadyWired
                if self.dry_run || !self.checks.iter().any(|c| c.name == format!("{} on", self.feature.name())) =>
            {
                "already wired in the code: nothing to do".to_string()
            }
            IntegrateStatus::AlreadyWired => "already wired in the code; made live and checked below".to_string(),
            IntegrateStatus::Completed => style.warn("an interrupted integration was completed"),
            IntegrateStatus::NotStarted => "not started: nothing changed".to_string(),
            IntegrateStatus::Preview => "preview only: nothing changed".to_string(),
        };
        writeln!(w, "{}: {status}", style.bold(self.feature.name()))?;
        if let Some(d) = &self.diff {
            write!(w, "{d}")?;
        }
        if !self.checks.is_empty() {
            writeln!(w, "{}", checks_table(&self.checks, style))?;
        }
        if !self.dry_run && matches!(self.status, IntegrateStatus::Wired | IntegrateStatus::Completed) {
            writeln!(w, "to switch it off: gatewayctl rollback {}", self.feature)?;
        }
        writeln!(w, "in {:.2}s", self.elapsed_ms as f64 / 1000.0)
    }
}
