//! An edit of a file's bytes, and why a file is left as it is: what every
//! rollback's edit is made of.

use std::ops::Range;

/// Replace the bytes in `range` with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
    /// The line it starts on, for the report.
    pub line: usize,
}

/// Why a file is left as it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct Refusal {
    pub line: usize,
    pub reason: String,
}

impl Refusal {
    pub fn at(line: usize, reason: impl Into<String>) -> Refusal {
        Refusal { line, reason: reason.into() }
    }
}

impl From<crate::core::php::ParseError> for Refusal {
    fn from(e: crate::core::php::ParseError) -> Refusal {
        Refusal { line: e.line, reason: format!("not readable as PHP: {}", e.message) }
    }
}

/// Applies non-overlapping edits (in any order) to `text`.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| e.range.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in sorted {
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.replacement);
        at = e.range.end;
    }
    out.push_str(&text[at..]);
    out
}
