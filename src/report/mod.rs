//! The only place that writes to the terminal: human tables, JSON documents,
//! status lines and progress on stderr.
//!
//! Each report type here is also the JSON contract for scripts: tests
//! deserialize the binary's output into these same types.

pub mod activate;
pub mod breaker;
pub mod cache;
pub mod charts;
pub mod config;
pub mod debrief;
pub mod error;
pub mod escape;
pub mod findings;
mod fit;
pub mod fleet;
pub mod history;
pub mod integrate;
pub mod journal;
pub mod keys;
pub mod lab;
pub mod logs;
pub mod plan;
pub mod preflight;
pub mod probe;
pub mod progress;
pub mod reload;
pub mod rollback;
pub mod simulate;
pub mod status;
pub mod stress;
pub mod style;
mod table;
pub mod verify;
pub mod watch;

use std::io::{self, IsTerminal, Write};

use serde::Serialize;

pub use style::Style;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    /// One document.
    Json,
    /// One object per line, as each comes (`watch`).
    Jsonl,
}

/// A report that people read; JSON comes from its `Serialize`.
pub trait Human {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()>;

    /// The verdict and its top reasons in one line, for reports that judge
    /// (preflight, verify, activate): printed first, and alone under
    /// `--short` or `-q`.
    fn headline(&self, _style: &Style) -> Option<String> {
        None
    }
}

/// A judged report's first line: GO, or NO-GO with the checks that stop
/// it (failed first, then unknown), at most three, then how many more.
pub fn verdict_line(go: bool, checks: &[crate::core::checks::Check], style: &Style) -> String {
    use crate::core::checks::CheckVerdict;
    if go {
        let warned = checks.iter().filter(|c| c.verdict == CheckVerdict::Warn).count();
        let said = match warned {
            0 => format!("GO: {} check(s) pass", checks.len()),
            n => format!("GO: {} check(s) pass, {n} with a warning", checks.len()),
        };
        return style.good(&said);
    }
    let mut stopping: Vec<&crate::core::checks::Check> =
        checks.iter().filter(|c| c.verdict == CheckVerdict::Fail).collect();
    stopping.extend(checks.iter().filter(|c| !c.verdict.is_good() && c.verdict != CheckVerdict::Fail));
    let reasons: Vec<String> = stopping
        .iter()
        .take(3)
        .map(|c| {
            let why: String = c.evidence.chars().take(90).collect();
            let cut = if c.evidence.chars().count() > 90 { "…" } else { "" };
            format!("{} ({}): {why}{cut}", c.name, format!("{:?}", c.verdict).to_lowercase())
        })
        .collect();
    let more = match stopping.len().saturating_sub(3) {
        0 => String::new(),
        n => format!("; and {n} more"),
    };
    let reasons = if reasons.is_empty() { "no check was made".to_string() } else { reasons.join("; ") };
    style.bad(&format!("NO-GO: {reasons}{more}"))
}

/// A report as people read it, without colour: what the report tests compare.
#[cfg(test)]
pub(crate) fn plain_text(report: &dyn Human) -> String {
    let mut out = Vec::new();
    report.human(&mut out, &Style::default()).expect("writing to memory");
    String::from_utf8(out).expect("reports are UTF-8")
}

/// A report as people read it, every line fitted to the output's width.
/// Text written whole (a report file, Markdown, HTML) with its control
/// characters shown as escapes, as every human output is.
pub fn printable(text: &str) -> String {
    fit::printable(text, false).into_owned()
}

/// Control characters that came from outside (a log line, an app's
/// exception) are shown as escapes, never sent to the terminal.
fn fitted(report: &dyn Human, style: &Style) -> io::Result<String> {
    let mut out = Vec::new();
    report.human(&mut out, style)?;
    let text = String::from_utf8_lossy(&out);
    Ok(fit_text(&fit::printable(&text, style.color)))
}

/// Text wrapped to the width tables fit (none when no width was looked up).
fn fit_text(text: &str) -> String {
    match table::fitted_width() {
        Some(width) => fit::lines(text, width),
        None => text.to_string(),
    }
}

/// A line for stderr, control characters shown as escapes, wrapped to its
/// width when it has one.
fn fit_stderr(text: &str) -> String {
    let text = fit::printable(text, false);
    match table::stderr_width() {
        Some(width) => fit::lines(&text, width),
        None => text.into_owned(),
    }
}

/// Where results (stdout) and status (stderr) go, and in which form.
pub struct Output {
    pub format: Format,
    pub style: Style,
    quiet: bool,
    /// `--short`: a judged report's headline only.
    pub short: bool,
    verbose: u8,
    stdout: Box<dyn Write + Send>,
    stderr: Box<dyn Write + Send>,
    stderr_is_terminal: bool,
    stdout_is_terminal: bool,
}

impl Output {
    /// The process's stdout and stderr. Colour: `Some(choice)` from the flag,
    /// `None` for auto (a terminal, and NO_COLOR unset or empty).
    pub fn stdio(format: Format, color: Option<bool>, quiet: bool, verbose: u8) -> Self {
        table::fit_to_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = color.unwrap_or_else(|| io::stdout().is_terminal() && !no_color);
        Output {
            format,
            style: Style { color },
            quiet,
            short: false,
            verbose,
            stdout: Box::new(io::stdout()),
            stderr: Box::new(io::stderr()),
            stderr_is_terminal: io::stderr().is_terminal(),
            stdout_is_terminal: io::stdout().is_terminal(),
        }
    }

    /// The report on stdout, as a table for people or one JSON document.
    pub fn emit<T: Serialize + Human>(&mut self, value: &T) -> io::Result<()> {
        match self.format {
            Format::Json => {
                serde_json::to_writer_pretty(&mut self.stdout, value)?;
                writeln!(self.stdout)?;
            }
            Format::Jsonl => {
                serde_json::to_writer(&mut self.stdout, value)?;
                writeln!(self.stdout)?;
            }
            Format::Human => {
                // Quiet: the verdict alone where there is one, nothing else.
                let text = match (value.headline(&self.style), self.short || self.quiet) {
                    (Some(line), true) => fit_text(&fit::printable(&format!("{line}\n"), self.style.color)),
                    (None, true) if self.quiet => String::new(),
                    _ => fitted(value, &self.style)?,
                };
                self.stdout.write_all(text.as_bytes())?;
            }
        }
        self.stdout.flush()
    }

    /// Whether what a long command sees as it goes is shown as it comes
    /// (`stream`): not under `--format json`, where the command emits one
    /// document at its end.
    pub fn streams(&self) -> bool {
        self.format != Format::Json
    }

    /// One JSON line (`--format jsonl`), or for people a view that redraws
    /// in place on a terminal; nothing under `--format json` (see `streams`).
    pub fn stream<T: Serialize + Human>(&mut self, value: &T) -> io::Result<()> {
        match self.format {
            Format::Json => return Ok(()),
            Format::Jsonl => {
                serde_json::to_writer(&mut self.stdout, value)?;
                writeln!(self.stdout)?;
            }
            Format::Human => {
                if self.stdout_is_terminal {
                    write!(self.stdout, "\x1b[H\x1b[2J")?;
                }
                let text = fitted(value, &self.style)?;
                self.stdout.write_all(text.as_bytes())?;
            }
        }
        self.stdout.flush()
    }

    /// Bytes that are the result itself (a completion script, a template).
    pub fn raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.stdout.write_all(bytes)?;
        self.stdout.flush()
    }

    /// A status line on stderr (silenced by -q).
    pub fn status(&mut self, message: &str) {
        if !self.quiet {
            self.line_to_stderr(message);
        }
    }

    /// Detail shown only with -v.
    pub fn detail(&mut self, message: &str) {
        if self.verbose > 0 && !self.quiet {
            self.line_to_stderr(message);
        }
    }

    /// A warning on stderr; shown even with -q, since it may change a decision.
    pub fn warn(&mut self, message: &str) {
        self.line_to_stderr(&format!("warning: {message}"));
    }

    /// One line on stderr, fitted, in one write with its newline: two
    /// commands sharing a stderr (a log, a background watch) never glue
    /// their lines together.
    fn line_to_stderr(&mut self, message: &str) {
        let line = format!("{}\n", fit_stderr(message));
        let _ = self.stderr.write_all(line.as_bytes());
    }

    /// Asks a yes/no question on stderr and reads the answer from stdin.
    /// `None` when nobody can answer (stdin is not a terminal).
    pub fn confirm(&mut self, question: &str) -> io::Result<Option<bool>> {
        if !io::stdin().is_terminal() {
            return Ok(None);
        }
        write!(self.stderr, "{question} [y/N] ")?;
        self.stderr.flush()?;
        let mut answer = String::new();
        io::stdin().read_line(&mut answer)?;
        Ok(Some(matches!(answer.trim(), "y" | "Y" | "yes" | "YES")))
    }

    /// A spinner on stderr, hidden unless stderr is a terminal and people read.
    pub fn spinner(&self, message: &str) -> progress::Spinner {
        let show = match (self.quiet, self.stderr_is_terminal, self.format) {
            (true, _, _) => progress::Show::Hidden,
            (false, true, Format::Human) => progress::Show::Live,
            (false, true, Format::Json | Format::Jsonl) => progress::Show::Hidden,
            (false, false, _) => progress::Show::Heartbeat,
        };
        progress::Spinner::new(message, show)
    }
}
