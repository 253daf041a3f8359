//! `journal check|repair` results.

use std::io::{self, Write};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::adapters::state::JournalHealth;
use crate::report::{Human, Style};

/// `journal check --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalCheckReport {
    pub journal: PathBuf,
    pub health: JournalHealth,
    /// Every line readable (a torn last line is tolerated).
    pub ok: bool,
}

impl Human for JournalCheckReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        let h = &self.health;
        writeln!(w, "{}: {} line(s), {} entr(ies)", self.journal.display(), h.lines, h.entries)?;
        if let Some(line) = h.torn_tail {
            writeln!(w, "line {line}: {} (a crash mid-append; skipped)", style.warn("torn"))?;
        }
        for (line, reason) in &h.unreadable {
            writeln!(w, "line {line}: {}: {reason}", style.bad("UNREADABLE"))?;
        }
        match self.ok {
            true => writeln!(w, "{}", style.good("readable")),
            false => writeln!(
                w,
                "{}: commands that rely on the journal refuse to run; `gatewayctl journal repair` sets these lines aside",
                style.bad("unreadable")
            ),
        }
    }
}

/// `journal repair --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalRepairReport {
    pub journal: PathBuf,
    /// The line numbers set aside (empty: nothing to repair).
    pub lines: Vec<usize>,
    /// Where their bytes were kept.
    pub kept_in: Option<PathBuf>,
}

impl Human for JournalRepairReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        match &self.kept_in {
            None => writeln!(w, "{}: every line readable, nothing to repair", self.journal.display()),
            Some(kept) => writeln!(
                w,
                "{}: line(s) {:?} set aside in {} (bytes kept); {}",
                self.journal.display(),
                self.lines,
                kept.display(),
                style.good("the journal is readable again")
            ),
        }
    }
}
