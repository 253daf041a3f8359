//! `config check|show|path` and `init` results.

use std::io::{self, Write};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::report::{Human, Style};
use crate::settings::Problem;

/// `config check --format json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConfigCheckReport {
    /// `None`: no file found, the built-in defaults were checked.
    pub file: Option<PathBuf>,
    pub ok: bool,
    pub problems: Vec<Problem>,
}

impl Human for ConfigCheckReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        let name = self.file.as_ref().map(|f| f.display().to_string()).unwrap_or_else(|| "built-in defaults".into());
        if self.ok {
            return writeln!(w, "{}: {}", name, style.good("ok"));
        }
        for p in &self.problems {
            writeln!(w, "{p}")?;
        }
        writeln!(w, "{}: {}", name, style.bad(&format!("{} problem(s)", self.problems.len())))
    }
}

/// `config path --format json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConfigPathReport {
    pub file: Option<PathBuf>,
    pub searched: Vec<PathBuf>,
}

impl Human for ConfigPathReport {
    fn human(&self, w: &mut dyn Write, _style: &Style) -> io::Result<()> {
        match &self.file {
            Some(f) => writeln!(w, "{}", f.display()),
            None => {
                writeln!(w, "no config file found (searched {}); using the built-in plan values", join(&self.searched))
            }
        }
    }
}

fn join(paths: &[PathBuf]) -> String {
    paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
}

/// `config show`: the effective config, secrets masked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConfigShowReport {
    pub file: Option<PathBuf>,
    pub config: toml::Value,
}

impl Human for ConfigShowReport {
    fn human(&self, w: &mut dyn Write, _style: &Style) -> io::Result<()> {
        let origin = self.file.as_ref().map(|f| f.display().to_string()).unwrap_or_else(|| "built-in defaults".into());
        writeln!(w, "# effective config (from {origin}; Redis password masked)")?;
        write!(w, "{}", toml::to_string_pretty(&self.config).map_err(io::Error::other)?)
    }
}

/// `init --format json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InitReport {
    pub path: PathBuf,
    pub written: bool,
    pub dry_run: bool,
    /// Where the replaced file's bytes were kept (with --force).
    pub kept: Option<PathBuf>,
}

impl Human for InitReport {
    fn human(&self, w: &mut dyn Write, _style: &Style) -> io::Result<()> {
        if self.dry_run {
            return writeln!(w, "would write {} (dry run: nothing changed)", self.path.display());
        }
        writeln!(w, "wrote {}", self.path.display())?;
        if let Some(kept) = &self.kept {
            writeln!(w, "the previous file is kept as {}", kept.display())?;
        }
        writeln!(w, "next: edit it, then run `gatewayctl config check --config {}`", self.path.display())
    }
}
