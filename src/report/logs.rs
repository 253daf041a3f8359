//! `logs scan|probe` results.

use std::io::{self, Write};

use comfy_table::Cell;
use serde::{Deserialize, Serialize};

use crate::report::{table, Human, Style};

/// `logs scan --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogsScanReport {
    pub files: Vec<String>,
    pub lines: u64,
    pub bytes: u64,
    pub findings: Vec<LogFinding>,
    /// Every finding, including those past --max-findings.
    pub total_findings: u64,
    pub elapsed_ms: u64,
}

impl LogsScanReport {
    /// Nothing was read (no file, or only empty ones): no verdict either way.
    pub fn saw_nothing(&self) -> bool {
        self.bytes == 0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogFinding {
    pub file: String,
    pub line: u64,
    /// password, secret, token, api_key, authorization, cookie, credit_card or email.
    pub rule: String,
    /// The secret masked.
    pub excerpt: String,
}

impl Human for LogsScanReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        if !self.findings.is_empty() {
            let mut t = table::Noted::new(&["file", "line", "rule", "excerpt (masked)"]);
            for f in &self.findings {
                let row = vec![t.cell(&f.file), table::num(f.line), Cell::new(&f.rule), t.cell(&f.excerpt)];
                t.add_row(row);
            }
            writeln!(w, "{t}")?;
        }
        let mb = self.bytes as f64 / 1_048_576.0;
        let rate = mb / (self.elapsed_ms.max(1) as f64 / 1000.0);
        writeln!(
            w,
            "{} file(s), {} lines, {mb:.1} MB in {} ms ({rate:.0} MB/s)",
            self.files.len(),
            self.lines,
            self.elapsed_ms
        )?;
        match self.total_findings {
            0 if self.saw_nothing() => writeln!(
                w,
                "{}: no log was read, so nothing is proven clean; check gateway.log_file or pass --file",
                style.bad("unknown")
            ),
            0 => writeln!(w, "{}", style.good("no unsanitized secret found")),
            n => writeln!(w, "{}", style.bad(&format!("{n} unsanitized secret(s) found"))),
        }
    }
}

/// `logs probe --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogsProbeReport {
    pub canaries: Vec<Canary>,
    /// `--dry-run`: what would be sent; nothing was.
    #[serde(default)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Canary {
    pub endpoint: String,
    /// password, token, credit_card or email.
    pub kind: String,
    pub redacted: bool,
    pub evidence: String,
}

impl Human for LogsProbeReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        let mut t = table::new(&["endpoint", "canary", "result"]);
        for c in &self.canaries {
            let result = if c.redacted { style.good(&c.evidence) } else { style.bad(&c.evidence) };
            t.add_row(vec![Cell::new(&c.endpoint), Cell::new(&c.kind), Cell::new(result)]);
        }
        writeln!(w, "{t}")?;
        if self.dry_run {
            return writeln!(w, "would send these canaries (dry run: nothing was sent)");
        }
        match self.canaries.iter().filter(|c| !c.redacted).count() {
            _ if self.canaries.is_empty() => writeln!(w, "{}", style.bad("no canary was sent: nothing is proven")),
            0 => writeln!(w, "{}", style.good("every canary was redacted")),
            n => writeln!(w, "{}", style.bad(&format!("{n} canary secret(s) leaked into the log"))),
        }
    }
}
