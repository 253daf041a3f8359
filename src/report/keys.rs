//! `keys count` and `keys list` results.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use crate::report::{Human, Style};

/// `keys count --format json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyCountReport {
    pub pattern: String,
    pub prefix: String,
    pub count: u64,
    pub scan_rounds: u64,
    pub elapsed_ms: u64,
}

impl Human for KeyCountReport {
    fn human(&self, w: &mut dyn Write, _style: &Style) -> io::Result<()> {
        let prefix = if self.prefix.is_empty() { String::new() } else { format!(" (prefix {:?})", self.prefix) };
        writeln!(w, "{} keys match {}{prefix}", self.count, self.pattern)
    }
}

/// `keys list --format json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyListReport {
    pub pattern: String,
    pub prefix: String,
    /// Unprefixed, sorted, at most `limit`.
    pub keys: Vec<String>,
    pub limit: usize,
}

impl Human for KeyListReport {
    fn human(&self, w: &mut dyn Write, _style: &Style) -> io::Result<()> {
        for key in &self.keys {
            writeln!(w, "{key}")?;
        }
        if self.keys.len() == self.limit {
            writeln!(w, "(stopped at --limit {}; `gatewayctl keys count` gives the total)", self.limit)?;
        }
        Ok(())
    }
}
