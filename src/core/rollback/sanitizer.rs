//! Log sanitization off: `LogSanitizer::sanitize(EXPR)` becomes `EXPR`
//! (qualified names included), as the plan's selective rollback says.

use crate::core::php::{Source, TokenKind};
use crate::core::rollback::{Edit, Refusal};

pub fn unwrap_sanitize(text: &str) -> Result<Vec<Edit>, Refusal> {
    let src = Source::parse(text)?;
    let mut edits = Vec::new();
    for i in 0..src.tokens.len() {
        let named = src.kind(i) == TokenKind::Name && src.text_of(i) == "LogSanitizer";
        let Some(colons) = src.next_code(i).filter(|&c| named && src.is(c, "::")) else { continue };
        let Some(method) = src.next_code(colons).filter(|&m| src.text_of(m).eq_ignore_ascii_case("sanitize")) else {
            continue;
        };
        let Some(open) = src.next_code(method).filter(|&o| src.is(o, "(")) else { continue };
        let args = src.items(open);
        let [(first, last)] = args.as_slice() else {
            return Err(Refusal::at(src.line_of(i), "LogSanitizer::sanitize is not called with exactly one argument"));
        };
        let close = src.partner(open).expect("paired");
        let start = qualified_start(&src, i);
        // A call inside another call's argument: unwrapping both would need
        // overlapping edits. Refuse it by line rather than guess.
        if let Some(outer) = edits.last().filter(|e: &&Edit| e.range.end > src.tokens[start].span.start) {
            return Err(Refusal::at(
                src.line_of(i),
                format!("LogSanitizer::sanitize is nested inside the call on line {}; unwrap it by hand", outer.line),
            ));
        }
        let inner = &text[src.span(*first, *last)];
        edits.push(Edit {
            range: src.tokens[start].span.start..src.tokens[close].span.end,
            replacement: inner.to_string(),
            line: src.line_of(i),
        });
    }
    Ok(edits)
}

/// Back over `\App\Helpers\` to the first token of the class name.
fn qualified_start(src: &Source, mut i: usize) -> usize {
    while let Some(p) = src.prev_code(i).filter(|&p| src.is(p, "\\")) {
        match src.prev_code(p).filter(|&n| src.kind(n) == TokenKind::Name) {
            Some(n) => i = n,
            None => return p,
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rollback::apply;

    #[test]
    fn unwraps_every_call() {
        let before = "<?php\nLog::info('x', LogSanitizer::sanitize($data));\nLog::info('y', \\App\\Helpers\\LogSanitizer::sanitize(['a' => f($b, 1)]));\n// LogSanitizer::sanitize($c) in a comment\n";
        let after = "<?php\nLog::info('x', $data);\nLog::info('y', ['a' => f($b, 1)]);\n// LogSanitizer::sanitize($c) in a comment\n";
        let out = apply(before, &unwrap_sanitize(before).unwrap());
        assert_eq!(out, after);
        assert!(unwrap_sanitize(&out).unwrap().is_empty());
    }

    #[test]
    fn a_nested_call_is_refused_with_its_line() {
        let text = "<?php\n\nLog::info('x', LogSanitizer::sanitize(LogSanitizer::sanitize($data)));\n";
        let refusal = unwrap_sanitize(text).unwrap_err();
        assert_eq!(refusal.line, 3);
        assert!(refusal.reason.contains("nested"), "{refusal}");
    }
}
