//! The one table style every report uses.

use std::sync::OnceLock;

use comfy_table::{presets, Cell, CellAlignment, ContentArrangement, Table};

/// The width tables fit, once the binary has looked (`fit_to_terminal`);
/// a renderer used on its own (tests, snapshots) never wraps.
static WIDTH: OnceLock<Option<u16>> = OnceLock::new();
/// The width stderr's lines fit: `COLUMNS`, else stderr's terminal; piped
/// with no `COLUMNS`, none: an error captured by a script stays one line to grep.
static STDERR_WIDTH: OnceLock<Option<u16>> = OnceLock::new();

/// Called once by the binary's output: tables then fit `COLUMNS`, else the
/// width of the terminal on stdout, else (piped: a CI log, `less`, `tee`)
/// 100 columns; long cells wrap, nothing is cut (the full text is also in
/// `--format json`).
pub fn fit_to_terminal() {
    let _ = WIDTH.set(columns().or_else(|| terminal(libc::STDOUT_FILENO)).or(Some(PIPED_WIDTH)));
    let _ = STDERR_WIDTH.set(columns().or_else(|| terminal(libc::STDERR_FILENO)).or(Some(PIPED_WIDTH)));
}

/// The width human output fits, once the binary has looked; `None` for a
/// renderer used on its own.
pub fn fitted_width() -> Option<usize> {
    WIDTH.get().copied().flatten().map(usize::from)
}

/// The width status lines and errors on stderr fit, if any.
pub fn stderr_width() -> Option<usize> {
    STDERR_WIDTH.get().copied().flatten().map(usize::from)
}

pub fn new(header: &[&str]) -> Table {
    let mut table = Table::new();
    table.load_preset(presets::UTF8_FULL_CONDENSED);
    match WIDTH.get().copied().flatten() {
        Some(w) => table.set_content_arrangement(ContentArrangement::Dynamic).set_width(w),
        None => table.set_content_arrangement(ContentArrangement::Disabled),
    };
    table.set_header(header.iter().map(Cell::new));
    table
}

fn columns() -> Option<u16> {
    std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<u16>().ok()).filter(|&c| c >= 20)
}

fn terminal(fd: libc::c_int) -> Option<u16> {
    // SAFETY: TIOCGWINSZ fills a winsize we own; a failure leaves it zeroed.
    let mut size: libc::winsize = unsafe { std::mem::zeroed() };
    let ok = unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut size) } == 0;
    (ok && size.ws_col >= 20).then_some(size.ws_col)
}

/// The width tables fit when stdout is no terminal and `COLUMNS` is unset.
const PIPED_WIDTH: u16 = 100;

/// A right-aligned cell, for numbers.
pub fn num(value: impl ToString) -> Cell {
    Cell::new(value.to_string()).set_alignment(CellAlignment::Right)
}

/// A cell for an optional value: `-` when absent.
pub fn opt<T: ToString>(value: Option<T>) -> Cell {
    num(value.map(|v| v.to_string()).unwrap_or_else(|| "-".to_string()))
}

/// A cell with a word longer than this, or more characters than
/// [`LONG_CELL`], is too long to be useful in a table: it goes under the
/// table as a numbered note, the cell keeping its first words and `[n]`.
const LONG_WORD: usize = 50;
const LONG_CELL: usize = 240;
/// How much of a noted cell stays in the table.
const PREVIEW: usize = 40;

/// A table whose too-long cells are numbered notes under it, when the
/// output is fitted to a width (a renderer used on its own keeps every
/// cell whole). Nothing is cut: each note holds its cell's whole text.
pub struct Noted {
    pub table: Table,
    notes: Vec<String>,
}

impl Noted {
    pub fn new(header: &[&str]) -> Self {
        Noted { table: new(header), notes: Vec::new() }
    }

    /// `text` as a cell, or its first words and `[n]` with the whole text
    /// kept as note n. Evidence comes from outside (a log line, an app's
    /// exception): its control characters are shown as escapes here, before
    /// the table takes them for styling.
    pub fn cell(&mut self, text: &str) -> Cell {
        let text = &*super::fit::printable(text, false);
        let long = text.chars().count() > LONG_CELL || text.split_whitespace().any(|w| w.chars().count() > LONG_WORD);
        if !long || fitted_width().is_none() {
            return Cell::new(text);
        }
        self.notes.push(text.to_string());
        let mut preview = String::new();
        for word in text.split_whitespace() {
            if preview.chars().count() + word.chars().count() + 1 > PREVIEW {
                break;
            }
            preview.push_str(word);
            preview.push(' ');
        }
        match preview.is_empty() {
            true => Cell::new(format!("see [{}]", self.notes.len())),
            false => Cell::new(format!("{preview}… [{}]", self.notes.len())),
        }
    }

    pub fn add_row(&mut self, row: Vec<Cell>) -> &mut Self {
        self.table.add_row(row);
        self
    }
}

impl std::fmt::Display for Noted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.table)?;
        for (i, note) in self.notes.iter().enumerate() {
            write!(f, "\n[{}] {note}", i + 1)?;
        }
        Ok(())
    }
}
