//! `keys count` and `keys list` results.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use crate::core::keyplace::Place;
use crate::report::{Human, Style};

/// Keys matching the pattern somewhere other than where it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Elsewhere {
    pub database: u32,
    /// Keys matching `*<pattern>` there: under any prefix, or none.
    pub count: u64,
}

/// `keys count --format json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyCountReport {
    pub pattern: String,
    /// Whose keys the pattern names, and so where they were read.
    pub place: Place,
    /// The database read, and the prefix put before the pattern.
    pub database: u32,
    pub prefix: String,
    pub count: u64,
    /// With a count of 0: where else the pattern matches.
    #[serde(default)]
    pub elsewhere: Vec<Elsewhere>,
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
        writeln!(w, "{} keys match {} {}", self.count, self.pattern, read_at(self.place, self.database, &self.prefix))?;
        if self.count == 0 {
            nothing_here(w, style, &self.pattern, &self.elsewhere)?;
        }
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

/// Where the keys were read, in words.
fn read_at(place: Place, database: u32, prefix: &str) -> String {
    let prefix = match prefix.is_empty() {
        true => "no prefix".to_string(),
        false => format!("prefix {prefix:?}"),
    };
    format!("(database {database}, {prefix}: {})", place.describe())
}

/// Nothing matched where the keys were read: where else they are, or that
/// they are nowhere in the keyspace.
fn nothing_here(w: &mut dyn Write, style: &Style, pattern: &str, elsewhere: &[Elsewhere]) -> io::Result<()> {
    if elsewhere.is_empty() {
        return writeln!(w, "no key matches *{pattern} anywhere else in the keyspace either");
    }
    for e in elsewhere {
        writeln!(
            w,
            "{}",
            style.warn(&format!(
                "but {} key(s) match *{pattern} in database {}: the gateway may keep them there; set [limiter] database / client_prefix / cache_prefix, or read them with --raw and [redis]",
                e.count, e.database
            ))
        )?;
    }
    Ok(())
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
    pub place: Place,
    pub database: u32,
    pub prefix: String,
    /// Unprefixed, sorted, at most `limit`.
    pub keys: Vec<String>,
    pub limit: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub master: Option<String>,
    #[serde(default)]
    pub restarts: u32,
    /// With no key listed: where else the pattern matches.
    #[serde(default)]
    pub elsewhere: Vec<Elsewhere>,
}

impl Human for KeyListReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        restarted(w, style, self.restarts, self.master.as_deref())?;
        if self.keys.is_empty() {
            writeln!(w, "no key matches {} {}", self.pattern, read_at(self.place, self.database, &self.prefix))?;
            return nothing_here(w, style, &self.pattern, &self.elsewhere);
        }
        for key in &self.keys {
            writeln!(w, "{key}")?;
        }
        if self.keys.len() == self.limit {
            writeln!(w, "(stopped at --limit {}; `gatewayctl keys count` gives the total)", self.limit)?;
        }
        Ok(())
    }
}
