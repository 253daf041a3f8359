//! Circuit breaker off: comment out the statement that constructs
//! `new CircuitBreaker(...)` in `CalcomService::__construct`. CalcomService
//! then calls Cal.com directly (contract §4).
//!
//! Commenting out the construction leaves the property null, or, when it
//! is typed and not nullable (`protected CircuitBreaker $circuitBreaker;`),
//! uninitialised: every read then throws "must not be accessed before
//! initialization", and `?->` does not help. So the declaration becomes
//! nullable with `= null` first. A service that calls
//! `$this->circuitBreaker->call(...)` unguarded would then throw "Call to a
//! member function call() on null" on every Cal.com request: the plan's
//! rollback would turn a Cal.com blip into a booking outage. So every use of
//! the property must be null-safe (`?->`, or guarded by a test of the
//! property in the same statement or an enclosing `if`); an unguarded use
//! is rewritten with the fallback its caller needs: `->call(X)` calls Cal.com
//! directly, `(X)()`, as the plan intends; `->getStatus()` answers a status
//! that says the breaker is off; `->reset()` does nothing. Anything else is
//! refused with its line, as are shapes with nothing to comment out (the
//! breaker promoted from the constructor's parameters), that cannot be
//! null (`readonly`), or whose uses cannot be followed (`&$this->…`). A use this reading cannot follow (the breaker copied
//! to a local variable first) is left to the runtime probe on the shadow,
//! which calls every service method with the breaker off and refuses on
//! "… on null".

use crate::core::php::{Source, TokenKind};
use crate::core::rollback::{Edit, Refusal};

const MARK: &str = "// gatewayctl rollback: ";

pub fn comment_out_breaker(text: &str) -> Result<Vec<Edit>, Refusal> {
    let mut edits: Vec<Edit> = parts(text)?.into_iter().flatten().collect();
    edits.sort_by_key(|e| e.range.start);
    Ok(edits)
}

/// The lines where the service uses the breaker unguarded: with only the
/// construction commented out (the plan's hand edit), each throws "Call to a
/// member function call() on null" (or, on a typed property, "must not be
/// accessed before initialization"). Refused shapes say why instead.
pub fn unguarded_uses(text: &str) -> Result<Vec<usize>, Refusal> {
    let [_, declaration, uses] = parts(text)?;
    let mut lines: Vec<usize> = declaration.iter().chain(&uses).map(|e| e.line).collect();
    lines.dedup();
    Ok(lines)
}

/// The rollback's edits in three parts: the construction commented out, the
/// declaration made nullable, and the unguarded uses made null-safe.
fn parts(text: &str) -> Result<[Vec<Edit>; 3], Refusal> {
    let src = Source::parse(text)?;
    let Some(open) = constructor_body(&src) else {
        let mentioned = text.contains("CircuitBreaker");
        return match mentioned {
            true => Err(Refusal::at(1, "no __construct found, but the file mentions CircuitBreaker; edit it by hand")),
            false => Ok(Default::default()),
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
        [] => return promoted(&src).map(|()| Default::default()),
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
    Ok([
        comment_lines(&src, first, last)?,
        nullable_declaration(&src, &property, open)?,
        direct_calls(&src, &property, first, last)?,
    ])
}

/// No construction to comment out: fine, unless the breaker arrives as a
/// promoted constructor parameter (the container builds it).
fn promoted(src: &Source) -> Result<(), Refusal> {
    let Some(open) = constructor_body(src) else { return Ok(()) };
    let params = (0..open).rev().find(|&i| src.is(i, ")")).and_then(|c| src.partner(c));
    let Some(params) = params else { return Ok(()) };
    let close = src.partner(params).unwrap_or(open);
    match (params..close).find(|&i| src.kind(i) == TokenKind::Name && src.text_of(i).ends_with("CircuitBreaker")) {
        Some(t) if declared_here(src, src.next_code(t).unwrap_or(t)) => Err(Refusal::at(
            src.line_of(t),
            "the breaker is a promoted constructor parameter: the container builds it, so there is no construction to comment out; unbind it where it is bound",
        )),
        _ => Ok(()),
    }
}

/// What `getStatus()` answers once the breaker is off: the keys a status
/// array carries, with a state that says so.
const STATUS_OFF: &str = "['state' => 'disabled', 'failures' => 0, 'successes' => 0, 'opened_at' => null]";

/// The property's declaration made nullable with `= null`, so that with the
/// construction commented out it reads as null, not as uninitialised.
/// Untyped, or already `?Type … = null`, it needs nothing.
fn nullable_declaration(src: &Source, property: &str, ctor_body: usize) -> Result<Vec<Edit>, Refusal> {
    let variable = format!("${property}");
    let found: Vec<usize> = (0..ctor_body)
        .filter(|&i| src.kind(i) == TokenKind::Variable && src.text_of(i) == variable)
        .filter(|&i| declared_here(src, i))
        .collect();
    let Some(&var) = found.first() else {
        return Err(Refusal::at(
            1,
            format!("no declaration of ${property} before __construct: a dynamic property; declare it `private ?CircuitBreaker ${property} = null;` by hand"),
        ));
    };
    let line = src.line_of(var);
    if in_parameters(src, var) {
        return Err(Refusal::at(
            line,
            format!("${property} is promoted from the constructor's parameters: the container builds the breaker, so there is no construction to comment out; unbind it where it is bound"),
        ));
    }
    // Walk back over the type to the modifiers.
    let mut type_tokens = Vec::new();
    let mut i = var;
    while let Some(p) = src.prev_code(i) {
        let word = src.text_of(p).to_ascii_lowercase();
        if matches!(word.as_str(), "private" | "protected" | "public" | "static" | "var" | ";" | "{" | "}") {
            break;
        }
        if word == "readonly" {
            return Err(Refusal::at(
                line,
                format!("${property} is readonly: a readonly property cannot be null by default, so its uses would read it uninitialised; make it `?CircuitBreaker ${property} = null` by hand"),
            ));
        }
        type_tokens.push(p);
        i = p;
    }
    type_tokens.reverse();
    let after = src.next_code(var);
    let has_default = after.is_some_and(|a| src.is(a, "="));
    if type_tokens.is_empty() {
        return Ok(Vec::new()); // untyped: null until set
    }
    let typed: String = type_tokens.iter().map(|&t| src.text_of(t)).collect();
    let nullable = typed.starts_with('?') || typed.split('|').any(|t| t.eq_ignore_ascii_case("null"));
    let mut edits = Vec::new();
    if !nullable {
        if typed.contains(['|', '&', '(']) {
            return Err(Refusal::at(line, format!("${property} has the type {typed}: add null to it by hand")));
        }
        let at = src.tokens[type_tokens[0]].span.start;
        edits.push(Edit { range: at..at, replacement: "?".into(), line });
    }
    match (has_default, after) {
        (true, Some(eq)) => {
            let value = src.next_code(eq);
            if !value.is_some_and(|v| src.text_of(v).eq_ignore_ascii_case("null")) {
                return Err(Refusal::at(line, format!("${property} has a default other than null: edit it by hand")));
            }
        }
        (false, _) => {
            let end = src.tokens[var].span.end;
            edits.push(Edit { range: end..end, replacement: " = null".into(), line });
        }
        (true, None) => {}
    }
    Ok(edits)
}

/// Is the variable at `i` a property declaration (or a promoted parameter):
/// a visibility or `var` modifier before it in the same declaration?
fn declared_here(src: &Source, i: usize) -> bool {
    let mut j = i;
    while let Some(p) = src.prev_code(j) {
        let word = src.text_of(p).to_ascii_lowercase();
        if matches!(word.as_str(), "private" | "protected" | "public" | "var") {
            return true;
        }
        if matches!(word.as_str(), ";" | "{" | "}" | "," | "(" | "=") {
            return false;
        }
        j = p;
    }
    false
}

/// Is the token at `i` inside a parameter list (an open `(` before it that
/// closes after it)?
fn in_parameters(src: &Source, i: usize) -> bool {
    (0..i).rev().filter(|&o| src.is(o, "(")).any(|o| src.partner(o).is_some_and(|c| c > i))
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
        if src.prev_code(this).is_some_and(|b| src.is(b, "&")) {
            return Err(Refusal::at(
                src.line_of(this),
                format!("$this->{property} is taken by reference here: what the reference does with it cannot be followed; edit it by hand"),
            ));
        }
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
        let name = src.text_of(method).to_ascii_lowercase();
        let close = src.partner(open).expect("paired");
        let whole = src.tokens[this].span.start..src.tokens[close].span.end;
        // `$this->PROP?->method(args)`: null when the breaker is off.
        let safe = format!("$this->{property}?->{}", &src.text[src.tokens[method].span.start..whole.end]);
        if name == "getstatus" {
            edits.push(Edit { range: whole, replacement: format!("({safe} ?? {STATUS_OFF})"), line });
            continue;
        }
        if name == "reset" {
            edits.push(Edit { range: whole, replacement: safe, line });
            continue;
        }
        if name != "call" {
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

    /// The baseline's shape (REAL-GATEWAY.md §4): a typed, non-nullable
    /// property, four call()s, two getStatus()es, one reset().
    const TYPED: &str = "<?php\nclass CalcomService\n{\n    protected CircuitBreaker $circuitBreaker;\n\n    public function __construct()\n    {\n        $this->circuitBreaker = new CircuitBreaker('calcom_api', 5, 60, 2);\n    }\n\n    public function slots($d) { return $this->circuitBreaker->call(fn () => $this->get('/slots', $d)); }\n    public function book($b) { return $this->circuitBreaker->call(fn () => $this->post('/bookings', $b)); }\n    public function cancel($u) { return $this->circuitBreaker->call(fn () => $this->post(\"/bookings/$u/cancel\", [])); }\n    public function move($u) { return $this->circuitBreaker->call(fn () => $this->post(\"/bookings/$u/reschedule\", [])); }\n    public function health(): array { $s = $this->circuitBreaker->getStatus(); return ['healthy' => $s['state'] !== 'open']; }\n    public function status(): array { return $this->circuitBreaker->getStatus(); }\n    public function resetBreaker(): void { $this->circuitBreaker->reset(); }\n}\n";

    #[test]
    fn a_typed_property_becomes_nullable_and_every_use_null_safe() {
        let out = apply(TYPED, &comment_out_breaker(TYPED).unwrap());
        assert!(out.contains("    protected ?CircuitBreaker $circuitBreaker = null;\n"), "{out}");
        assert!(out.contains("// gatewayctl rollback: $this->circuitBreaker = new CircuitBreaker("), "{out}");
        assert_eq!(out.matches("(fn () => $this->").count(), 4, "four calls go straight to Cal.com: {out}");
        assert!(out.contains("$s = ($this->circuitBreaker?->getStatus() ?? ['state' => 'disabled'"), "{out}");
        assert!(out.contains("return ($this->circuitBreaker?->getStatus() ?? ['state' => 'disabled'"), "{out}");
        assert!(out.contains("{ $this->circuitBreaker?->reset(); }"), "{out}");
        assert!(comment_out_breaker(&out).unwrap().is_empty(), "a second rollback has nothing to do: {out}");
        assert_eq!(unguarded_uses(TYPED).unwrap(), [4, 11, 12, 13, 14, 15, 16, 17], "the declaration and every use");
    }

    #[test]
    fn a_nullable_property_keeps_its_type_and_gains_its_default() {
        let nullable =
            TYPED.replace("protected CircuitBreaker $circuitBreaker;", "protected ?CircuitBreaker $circuitBreaker;");
        let out = apply(&nullable, &comment_out_breaker(&nullable).unwrap());
        assert!(out.contains("    protected ?CircuitBreaker $circuitBreaker = null;\n"), "{out}");
        let defaulted = SERVICE;
        let edits = comment_out_breaker(defaulted).unwrap();
        assert!(edits.iter().all(|e| e.replacement != "?" && e.replacement != " = null"), "already ?T = null");
        let untyped = TYPED.replace("protected CircuitBreaker $circuitBreaker;", "protected $circuitBreaker;");
        let out = apply(&untyped, &comment_out_breaker(&untyped).unwrap());
        assert!(out.contains("    protected $circuitBreaker;\n"), "untyped reads as null already: {out}");
        let fq = TYPED.replace("protected CircuitBreaker", "protected \\App\\Services\\CircuitBreaker");
        let out = apply(&fq, &comment_out_breaker(&fq).unwrap());
        assert!(out.contains("protected ?\\App\\Services\\CircuitBreaker $circuitBreaker = null;"), "{out}");
    }

    #[test]
    fn shapes_it_cannot_make_safe_are_refused_with_their_reason() {
        let readonly = TYPED.replace("protected CircuitBreaker", "protected readonly CircuitBreaker");
        let refusal = comment_out_breaker(&readonly).unwrap_err();
        assert_eq!(refusal.line, 4);
        assert!(refusal.reason.contains("readonly"), "{refusal}");

        let promoted = "<?php\nclass CalcomService\n{\n    public function __construct(\n        private CircuitBreaker $circuitBreaker,\n    ) {\n    }\n    public function slots($d) { return $this->circuitBreaker->call(fn () => 1); }\n}\n";
        let refusal = comment_out_breaker(promoted).unwrap_err();
        assert_eq!(refusal.line, 5);
        assert!(refusal.reason.contains("promoted constructor parameter"), "{refusal}");

        // A use through a local variable is not rewritten here: it stays as
        // it is, and the runtime probe on the shadow refuses it ("on null";
        // tests/transactions.rs shows it on a lab).
        let local = TYPED.replace(
            "public function status(): array { return $this->circuitBreaker->getStatus(); }",
            "public function status(): array { $cb = $this->circuitBreaker; return $cb->getStatus(); }",
        );
        let out = apply(&local, &comment_out_breaker(&local).unwrap());
        assert!(out.contains("$cb = $this->circuitBreaker; return $cb->getStatus();"), "{out}");

        let by_ref = TYPED.replace(
            "public function resetBreaker(): void { $this->circuitBreaker->reset(); }",
            "public function resetBreaker(): void { $b = &$this->circuitBreaker; $b = null; }",
        );
        let refusal = comment_out_breaker(&by_ref).unwrap_err();
        assert_eq!(refusal.line, 17);
        assert!(refusal.reason.contains("taken by reference"), "{refusal}");

        let union = TYPED.replace("protected CircuitBreaker", "protected CircuitBreaker|Fallback");
        assert!(comment_out_breaker(&union).unwrap_err().reason.contains("add null to it by hand"));
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
