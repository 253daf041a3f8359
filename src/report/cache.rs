//! `cache` results.

use std::io::{self, Write};
use std::path::PathBuf;

use comfy_table::Cell;
use serde::{Deserialize, Serialize};

use crate::core::checks::Check;
use crate::report::preflight::checks_table;
use crate::report::{table, Human, Style};

/// `cache status --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CacheStatusReport {
    pub app_dir: PathBuf,
    pub files: Vec<CacheFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CacheFile {
    pub name: String,
    pub present: bool,
    pub bytes: Option<u64>,
    pub modified: Option<String>,
    pub sha256: Option<String>,
}

impl Human for CacheStatusReport {
    fn human(&self, w: &mut dyn Write, _style: &Style) -> io::Result<()> {
        let mut t = table::new(&["bootstrap/cache", "present", "bytes", "modified", "sha256"]);
        for f in &self.files {
            let hash = f.sha256.as_deref().map(|h| &h[..12]);
            t.add_row(vec![
                Cell::new(&f.name),
                Cell::new(if f.present { "yes" } else { "no" }),
                table::opt(f.bytes),
                Cell::new(f.modified.as_deref().unwrap_or("-")),
                Cell::new(hash.unwrap_or("-")),
            ]);
        }
        writeln!(w, "{t}")
    }
}

/// `cache clear|rebuild --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CacheRunReport {
    pub dry_run: bool,
    /// The exact commands, in order.
    pub commands: Vec<String>,
    /// One per command run (and `routes` after a rebuild).
    pub checks: Vec<Check>,
    /// The new caches are not live until php-fpm reloads.
    pub owes_reload: bool,
}

impl Human for CacheRunReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        if self.dry_run {
            writeln!(w, "would run (dry run: nothing changed):")?;
            for c in &self.commands {
                writeln!(w, "  {c}")?;
            }
            return Ok(());
        }
        writeln!(w, "{}", checks_table(&self.checks, style))?;
        if self.owes_reload {
            writeln!(
                w,
                "{}",
                style.warn("next: `gatewayctl reload` (the new caches are live only after php-fpm reloads)")
            )?;
        }
        Ok(())
    }
}
