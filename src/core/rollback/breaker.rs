//! Circuit breaker off: comment out the statement that constructs
//! `new CircuitBreaker(...)` in `CalcomService::__construct`. CalcomService
//! then calls Cal.com directly (contract §4).
//!
//! Commenting out the construction leaves the property null. A service that
//! calls `$this->circuitBreaker->call(...)` unguarded would then throw "Call to
//! a member function call() on null" on every Cal.com request: the plan's
//! rollback would turn a Cal.com blip into a booking outage. So every use of
//! the property must be null-safe (`?->`, or guarded by a test of the
//! property in the same statement or an enclosing `if`); an unguarded
//! `->call(X)` is rewritten to call Cal.com directly, `(X)()`, as the plan
//! intends; any other unguarded use is refused with its line.

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
    let property = assigned_property(&src, first, new).ok_or_else(|| {
        Refusal::at(
            src.line_of(new),
            "the breaker is not assigned to a $this->property, so its uses cannot be checked; edit it by hand",
        )
    })?;
    let mut edits = comment_lines(&src, first, last)?;
    edits.extend(direct_calls(&src, &property, first, last)?);
    Ok(edits)
}

/// The lines where the service uses the breaker unguarded: with only the
/// construction commented out (the plan's hand edit), each throws "Call to a
/// member function call() on null". Refused shapes say why instead.
pub fn unguarded_uses(text: &str) -> Result<Vec<usize>, Refusal> {
    Ok(comment_out_breaker(text)?.into_iter().filter(|e| e.replacement != MARK).map(|e| e.line).collect())
}

/// `$this->NAME = new CircuitBreaker(...)`: NAME.
fn assigned_property(src: &Source, first: usize, new: usize) -> Option<String> {
    let this = first;
    let arrow = src.next_code(this)?;
    let name = src.next_code(arrow)?;
    let eq = src.next_code(name)?;
    let ok = src.kind(this) == TokenKind::Variable
        && src.text_of(this) == "$this"
        && src.is(arrow, "->")
        && src.kind(name) == TokenKind::Name
        && src.is(eq, "=")
        && src.next_code(eq) == Some(new);
    ok.then(|| src.text_of(name).to_string())
}

/// Every `$this->PROP` outside the construction (first..=last): the token
/// index of `$this`.
fn uses(src: &Source, property: &str, first: usize, last: usize) -> Vec<usize> {
    (0..src.tokens.len())
        .filter(|&i| !(first..=last).contains(&i))
        .filter(|&i| src.kind(i) == TokenKind::Variable && src.text_of(i) == "$this")
        .filter(|&i| {
            let arrow = src.next_code(i);
            let name = arrow.and_then(|a| src.next_code(a));
            arrow.is_some_and(|a| src.is(a, "->") || src.is(a, "?->"))
                && name.is_some_and(|n| src.kind(n) == TokenKind::Name && src.text_of(n) == property)
        })
        .collect()
}

/// The token after `$this->PROP`.
fn after_use(src: &Source, this: usize) -> Option<usize> {
    src.next_code(src.next_code(src.next_code(this)?)?)
}

/// Is the use at `this` (a `$this->PROP->…` dereference) guarded: another
/// read of the property earlier in the same statement (`$this->cb ? … :`,
/// `$this->cb && …`), or in the condition of an enclosing `if`?
fn guarded(src: &Source, this: usize, all: &[usize]) -> bool {
    let is_read =
        |u: usize| after_use(src, u).is_some_and(|n| !src.is(n, "->") && !src.is(n, "?->") && !src.is(n, "="));
    let mut i = this;
    while let Some(p) = src.prev_code(i) {
        if src.is(p, ";") || src.is(p, "}") {
            return false;
        }
        if src.is(p, "{") {
            // The block of `if (COND) {`, `elseif (COND) {`?
            let Some(close) = src.prev_code(p).filter(|&c| src.is(c, ")")) else { return false };
            let Some(open) = src.partner(close) else { return false };
            let keyword = src.prev_code(open).map(|k| src.text_of(k).to_ascii_lowercase());
            return matches!(keyword.as_deref(), Some("if" | "elseif"))
                && all.iter().any(|&u| (open..close).contains(&u) && is_read(u));
        }
        if all.contains(&p) && is_read(p) {
            return true;
        }
        i = p;
    }
    false
}

/// Each unguarded dereference of the property: `->call(X)` becomes `(X)()`
/// (Cal.com called directly); anything else is refused with its line.
fn direct_calls(src: &Source, property: &str, first: usize, last: usize) -> Result<Vec<Edit>, Refusal> {
    let all = uses(src, property, first, last);
    let mut edits = Vec::new();
    for &this in &all {
        let Some(next) = after_use(src, this) else { continue };
        if !src.is(next, "->") || guarded(src, this, &all) {
            continue; // null-safe `?->`, a plain read, or guarded
        }
        let method = src.next_code(next).filter(|&m| src.kind(m) == TokenKind::Name);
        let open = method.and_then(|m| src.next_code(m)).filter(|&o| src.is(o, "("));
        let line = src.line_of(this);
        let (Some(method), Some(open)) = (method, open) else {
            return Err(Refusal::at(
                line,
                format!(
                    "$this->{property} is used unguarded here; without the breaker it is null: make it null-safe first"
                ),
            ));
        };
        if !src.text_of(method).eq_ignore_ascii_case("call") {
            return Err(Refusal::at(
                line,
                format!(
                    "$this->{property}->{}() is called unguarded; without the breaker it is null and this would throw on every request: make it null-safe first",
                    src.text_of(method)
                ),
            ));
        }
        let items = src.items(open);
        let [(a, b)] = items.as_slice() else {
            return Err(Refusal::at(line, format!("$this->{property}->call() does not take exactly one argument")));
        };
        let close = src.partner(open).expect("paired");
        let inner = &src.text[src.span(*a, *b)];
        edits.push(Edit {
            range: src.tokens[this].span.start..src.tokens[close].span.end,
            replacement: format!("({inner})()"),
            line,
        });
    }
    Ok(edits)
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
    fn unguarded_uses_are_called_directly_or_refused() {
        let guarded = SERVICE.replace(
            "    public function other()",
            "    public function send($r) { return $this->circuitBreaker ? $this->circuitBreaker->call($r) : $r(); }\n    public function nullsafe() { return $this->circuitBreaker?->getState(); }\n    public function iffed($r) { if ($this->circuitBreaker !== null) { return $this->circuitBreaker->call($r); } return $r(); }\n    public function other()",
        );
        let out = apply(&guarded, &comment_out_breaker(&guarded).unwrap());
        assert!(out.contains("? $this->circuitBreaker->call($r) : $r()"), "a guarded use stays: {out}");
        assert!(
            out.contains("if ($this->circuitBreaker !== null) { return $this->circuitBreaker->call($r); }"),
            "{out}"
        );

        let bare = SERVICE.replace(
            "    public function other()",
            "    public function send($m) {\n        return $this->circuitBreaker->call(function () use ($m) { return $this->request($m); });\n    }\n    public function other()",
        );
        let out = apply(&bare, &comment_out_breaker(&bare).unwrap());
        assert!(
            out.contains("return (function () use ($m) { return $this->request($m); })();"),
            "called directly, as the plan intends: {out}"
        );
        assert!(comment_out_breaker(&out).unwrap().is_empty(), "a second rollback has nothing to do");

        let state = SERVICE.replace("    public function other()", "    public function state() {\n        return $this->circuitBreaker->getState();\n    }\n    public function other()");
        let refusal = comment_out_breaker(&state).unwrap_err();
        assert_eq!(refusal.line, 16, "{refusal}");
        assert!(refusal.reason.contains("getState() is called unguarded"), "{refusal}");
    }

    #[test]
    fn refuses_shared_lines_and_ambiguity() {
        let shared = "<?php class C { function __construct() { $a = 1; $this->b = new CircuitBreaker('x'); } }";
        let local = "<?php class C { function __construct() {\n $a = new CircuitBreaker('x');\n } }";
        assert!(comment_out_breaker(local).unwrap_err().reason.contains("not assigned to a $this->property"));
        assert!(comment_out_breaker(shared).unwrap_err().reason.contains("shares its lines"));
        let two = "<?php class C { function __construct() {\n $a = new CircuitBreaker('x');\n $b = new CircuitBreaker('y');\n } }";
        assert!(comment_out_breaker(two).unwrap_err().reason.contains("more than one"));
    }
}
