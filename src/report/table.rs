//! The one table style every report uses.

use comfy_table::{presets, Cell, CellAlignment, ContentArrangement, Table};

pub fn new(header: &[&str]) -> Table {
    let mut table = Table::new();
    table.load_preset(presets::UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Disabled);
    table.set_header(header.iter().map(Cell::new));
    table
}

/// A right-aligned cell, for numbers.
pub fn num(value: impl ToString) -> Cell {
    Cell::new(value.to_string()).set_alignment(CellAlignment::Right)
}

/// A cell for an optional value: `-` when absent.
pub fn opt<T: ToString>(value: Option<T>) -> Cell {
    num(value.map(|v| v.to_string()).unwrap_or_else(|| "-".to_string()))
}
