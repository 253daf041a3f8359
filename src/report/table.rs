//! The one table style every report uses.

use std::sync::OnceLock;

use comfy_table::{presets, Cell, CellAlignment, ContentArrangement, Table};

/// The width tables fit, once the binary has looked (`fit_to_terminal`);
/// a renderer used on its own (tests, snapshots) never wraps.
static WIDTH: OnceLock<Option<u16>> = OnceLock::new();

/// Called once by the binary's output: tables then fit `COLUMNS`, else the
/// width of the terminal on stdout, else (piped: a CI log, `less`, `tee`)
/// 100 columns; long cells wrap, nothing is cut (the full text is also in
/// `--format json`).
pub fn fit_to_terminal() {
    let _ = WIDTH.set(width());
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

fn width() -> Option<u16> {
    if let Some(cols) = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<u16>().ok()).filter(|&c| c >= 20) {
        return Some(cols);
    }
    // SAFETY: TIOCGWINSZ fills a winsize we own; a failure leaves it zeroed.
    let mut size: libc::winsize = unsafe { std::mem::zeroed() };
    let ok = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut size) } == 0;
    match ok && size.ws_col >= 20 {
        true => Some(size.ws_col),
        false => Some(PIPED_WIDTH),
    }
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
