//! Circuit breaker off: comment out the statement that constructs
//! `new CircuitBreaker(...)` in `CalcomService::__construct`. CalcomService
//! then calls Cal.com directly (contract §4).

use crate::core::php::{Source, TokenKind};
use crate::core::rollback::{Edit, Refusal};

const MARK: &str = "// gatewayctl rollback: ";

pub fn comment_out_breaker(text: &str) -> Result<Vec<Edit>, Refusal> {
    let src = Source::parse(text)?;
    let Some(open) = constructor_body(&src) else {
        let mentioned = text.contains("CircuitBreaker");
        return match mentioned {
            true => Err(Refusal::at(1, "no __construct found, but the file mentions CircuitBreaker; edit it by hand")),
            false => Ok(Vec::new()),
        };
    };
    let close = src.partner(open).expect("a paired brace");
    let news: Vec<usize> = (open..close)
        .filter(|&i| src.kind(i) == TokenKind::Name && src.text_of(i).eq_ignore_ascii_case("new"))
        .filter(|&i| {
            src.next_code(i)
                .is_some_and(|n| src.text_of(n) == "CircuitBreaker" || src.text_of(n).ends_with("\\CircuitBreaker"))
        })
        .collect();
    let new = match news.as_slice() {
        [] => return Ok(Vec::new()),
        [one] => *one,
        _ => {
            return Err(Refusal::at(src.line_of(news[1]), "__construct builds more than one CircuitBreaker: ambiguous"))
        }
    };
    let (first, last) = statement(&src, open, new)
        .ok_or_else(|| Refusal::at(src.line_of(new), "the construction is not a plain statement in __construct"))?;
    comment_lines(&src, first, last)
}

/// The `{` of `function __construct(...)`.
fn constructor_body(src: &Source) -> Option<usize> {
    let name = (0..src.tokens.len())
        .find(|&i| src.kind(i) == TokenKind::Name && src.text_of(i).eq_ignore_ascii_case("__construct"))?;
    let params = src.next_code(name).filter(|&p| src.is(p, "("))?;
    let mut i = src.partner(params)?;
    // Skip a return type; stop at the body.
    while let Some(n) = src.next_code(i) {
        if src.is(n, "{") {
            return Some(n);
        }
        if src.is(n, ";") {
            return None;
        }
        i = n;
    }
    None
}

/// The first and last token of the statement (at the body's top level) holding `inner`.
fn statement(src: &Source, open: usize, inner: usize) -> Option<(usize, usize)> {
    let close = src.partner(open)?;
    let mut start = None;
    let mut i = open + 1;
    while i < close {
        if src.kind(i).is_code() {
            let first = *start.get_or_insert(i);
            if src.is(i, ";") {
                if (first..=i).contains(&inner) {
                    return Some((first, i));
                }
                start = None;
            } else if let Some(p) = src.partner(i).filter(|&p| p > i) {
                if src.is(i, "{") && !(i..=p).contains(&inner) {
                    // A nested block is a statement of its own.
                    start = None;
                }
                i = p;
            }
        }
        i += 1;
    }
    None
}

/// Line comments on each line of the statement, which must own its lines.
fn comment_lines(src: &Source, first: usize, last: usize) -> Result<Vec<Edit>, Refusal> {
    let text = src.text;
    let span = src.span(first, last);
    let line_start = text[..span.start].rfind('\n').map_or(0, |p| p + 1);
    let line_end = text[span.end..].find('\n').map_or(text.len(), |p| span.end + p);
    let line = src.line_of(first);
    if !text[line_start..span.start].trim().is_empty() || !text[span.end..line_end].trim().is_empty() {
        return Err(Refusal::at(line, "the construction shares its lines with other code; comment it out by hand"));
    }
    if text[span.clone()].contains("?>") {
        return Err(Refusal::at(line, "the statement holds ?>, which would end a line comment"));
    }
    let mut edits = Vec::new();
    let mut at = line_start;
    while at < line_end {
        let end = text[at..line_end].find('\n').map_or(line_end, |p| at + p);
        let indent = text[at..end].len() - text[at..end].trim_start().len();
        if !text[at..end].trim().is_empty() {
            edits.push(Edit {
                range: at + indent..at + indent,
                replacement: MARK.into(),
                line: crate::core::php::line_at(text, at),
            });
        }
        at = end + 1;
    }
    Ok(edits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rollback::apply;

    const SERVICE: &str = "<?php\nclass CalcomService\n{\n    private ?CircuitBreaker $circuitBreaker = null;\n\n    public function __construct()\n    {\n        $breaker = config('x');\n        $this->circuitBreaker = new CircuitBreaker(\n            serviceName: 'calcom_api',\n            failureThreshold: $breaker['f']\n        );\n    }\n\n    public function other() { return new CircuitBreaker('x'); }\n}\n";

    #[test]
    fn comments_out_only_the_construction() {
        let out = apply(SERVICE, &comment_out_breaker(SERVICE).unwrap());
        assert!(out.contains("        // gatewayctl rollback: $this->circuitBreaker = new CircuitBreaker(\n            // gatewayctl rollback: serviceName: 'calcom_api',\n"), "{out}");
        assert!(out.contains("        // gatewayctl rollback: );\n"), "{out}");
        assert!(out.contains("        $breaker = config('x');\n"), "the line before is untouched");
        assert!(
            out.contains("public function other() { return new CircuitBreaker('x'); }"),
            "other methods are untouched"
        );
        assert!(comment_out_breaker(&out).unwrap().is_empty(), "a second rollback has nothing to do");
    }

    #[test]
    fn refuses_shared_lines_and_ambiguity() {
        let shared = "<?php class C { function __construct() { $a = 1; $this->b = new CircuitBreaker('x'); } }";
        assert!(comment_out_breaker(shared).unwrap_err().reason.contains("shares its lines"));
        let two = "<?php class C { function __construct() {\n $a = new CircuitBreaker('x');\n $b = new CircuitBreaker('y');\n } }";
        assert!(comment_out_breaker(two).unwrap_err().reason.contains("more than one"));
    }
}
