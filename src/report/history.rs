//! `history`: the journal as a timeline.

use std::io::{self, Write};

use comfy_table::Cell;
use serde::{Deserialize, Serialize};

use crate::core::journal::Entry;
use crate::report::{table, Human, Style};

/// `history --format json`: the entries, oldest first, each with its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryReport {
    pub events: Vec<HistoryEvent>,
    /// Journal lines that could not be read (line, why).
    pub unreadable: Vec<(usize, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEvent {
    pub what: String,
    #[serde(flatten)]
    pub entry: Entry,
}

impl Human for HistoryReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        if self.events.is_empty() {
            writeln!(w, "nothing in the journal for that selection")?;
        } else {
            let mut t = table::Noted::new(&["time", "run", "what"]);
            for e in &self.events {
                let row = vec![Cell::new(&e.entry.ts), Cell::new(&e.entry.run), t.cell(&e.what)];
                t.add_row(row);
            }
            writeln!(w, "{t}")?;
        }
        for (line, why) in &self.unreadable {
            writeln!(w, "{}: line {line}: {why}", style.bad("journal unreadable"))?;
        }
        Ok(())
    }
}
