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
    /// Sentinel mode: the master the count was read from, and how many
    /// times a failover made the scan start again on the new master.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub master: Option<String>,
    #[serde(default)]
    pub restarts: u32,
    /// Cluster mode: each primary and the keys that matched there (a key
    /// met on two primaries while its slot moved counts once in `count`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<NodeCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeCount {
    pub node: String,
    pub count: u64,
}

impl Human for KeyCountReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        let prefix = if self.prefix.is_empty() { String::new() } else { format!(" (prefix {:?})", self.prefix) };
        writeln!(w, "{} keys match {}{prefix}", self.count, self.pattern)?;
        if !self.nodes.is_empty() {
            let nodes: Vec<String> = self.nodes.iter().map(|n| format!("{} {}", n.node, n.count)).collect();
            writeln!(w, "per primary: {}", nodes.join(", "))?;
        }
        if self.restarts > 0 && !self.nodes.is_empty() {
            return writeln!(w, "{}", style.warn(&format!("a primary failed over during the scan: its slots were scanned again from the start on the new primary ({} time(s))", self.restarts)));
        }
        restarted(w, style, self.restarts, self.master.as_deref())
    }
}

/// A scan moved to a new master is said, never silent.
fn restarted(w: &mut dyn Write, style: &Style, restarts: u32, master: Option<&str>) -> io::Result<()> {
    if restarts > 0 {
        let on = master.map_or(String::new(), |m| format!(" on {m}"));
        writeln!(w, "{}", style.warn(&format!("the master failed over during the scan: it started again{on} ({restarts} time(s)); the figure is the new master's")))?;
    }
    Ok(())
}

/// `keys list --format json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyListReport {
    pub pattern: String,
    pub prefix: String,
    /// Unprefixed, sorted, at most `limit`.
    pub keys: Vec<String>,
    pub limit: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub master: Option<String>,
    #[serde(default)]
    pub restarts: u32,
}

impl Human for KeyListReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        restarted(w, style, self.restarts, self.master.as_deref())?;
        for key in &self.keys {
            writeln!(w, "{key}")?;
        }
        if self.keys.len() == self.limit {
            writeln!(w, "(stopped at --limit {}; `gatewayctl keys count` gives the total)", self.limit)?;
        }
        Ok(())
    }
}
