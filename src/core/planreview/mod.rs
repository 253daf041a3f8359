//! Reviewing a hand-written activation plan (Markdown with shell snippets
//! and "Expected" lines) against what gatewayctl knows: the model, the
//! safety rails and, when given, the app's own files. Pure: the caller
//! passes the plan's text and a way to read the app's lines.
//!
//! This first slice understands Redis commands (KEYS, GET with a pattern,
//! keys without the configured prefix), artisan's cache-flushing commands,
//! php-fpm restarts, reloads without a config test and on another unit,
//! `sed -i` edits by line number, curl loops that expect 429 from a route,
//! and breaker prose about the successes that close the circuit.

mod blocks;
mod commands;
mod curl;
mod finding;
mod knowledge;
mod prose;
#[cfg(test)]
mod tests;

pub use blocks::{blocks, Block};
pub use finding::{PlanFinding, Severity};
pub use knowledge::{AppLines, Framework, Knowledge};

use commands::{artisan_output, review_block, Scripts};
use prose::{breaker_prose, contradicted_claims, prose_expectations};

/// Every finding in the plan, in line order.
pub fn review(markdown: &str, know: &Knowledge) -> Vec<PlanFinding> {
    let mut found = Vec::new();
    let all = blocks(markdown);
    // Scripts the plan writes (`cat > x.sh <<EOF`), run where a later step runs them.
    let mut scripts = Scripts::new();
    for (i, block) in all.iter().enumerate() {
        review_block(block, know, &mut scripts, &mut found);
        if let Some(output) = all.get(i + 1).filter(|o| o.lang.is_empty()) {
            if block.after.to_ascii_lowercase().contains("expected") {
                artisan_output(block, output, know, &mut found);
            }
        }
    }
    breaker_prose(markdown, know, &mut found);
    prose_expectations(markdown, &mut found);
    contradicted_claims(markdown, know, &mut found);
    found.sort_by_key(|f| (f.line, f.severity));
    found
}
