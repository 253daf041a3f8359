//! The plan's prose read against the model: claims the app contradicts,
//! Expected lines, and the breaker's.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::core::findings::Finding;

use super::finding::{PlanFinding, Severity};
use super::knowledge::Knowledge;

/// The plan's claims that what was read from the app contradicts: an alias
/// "registered in Kernel.php" the app never loads, "N bookings/min" on a
/// route whose entry throws or whose limiter counts twice, and a rollback
/// "(N seconds)" whose line-number edit lands on other code. Each at its
/// line, quoting the finding's evidence.
pub(super) fn contradicted_claims(markdown: &str, know: &Knowledge, found: &mut Vec<PlanFinding>) {
    let all = know.app_findings;
    let of_kind = |kind: &str| all.iter().find(|f| f.kind == kind);
    let on = |kind: &str, route: &str| all.iter().find(|f| f.kind == kind && f.routes.iter().any(|r| r == route));
    // The limiter's own alias first among names that resolve to nothing: the claims are about it.
    let unresolved = all.iter().find(|f| {
        f.kind == "unresolved-middleware"
            && know.limiter.attachment.all().iter().any(|m| f.seen.starts_with(&format!("middleware '{m}'")))
    });
    let sed_misses = found.iter().any(|f| f.plan.contains("sed") && f.actually.contains("leaves the limiter on"));
    for (i, line) in markdown.lines().enumerate() {
        let lower = line.to_ascii_lowercase();
        let quote = || line.trim().trim_start_matches(['-', '*', ' ']).chars().take(120).collect::<String>();
        let mut push = |actually: String, instead: &str| {
            found.push(PlanFinding {
                line: i + 1,
                severity: Severity::Wrong,
                plan: quote(),
                actually,
                instead: instead.into(),
            })
        };
        if lower.contains("registered in kernel.php") {
            if let Some(f) = unresolved.or_else(|| of_kind("unresolved-middleware")) {
                push(format!("{}; {}", f.seen, f.effect), &f.fix);
            }
        }
        if lower.contains("bookings/min") {
            let bookings = |f: &&Finding| f.routes.iter().any(|r| r == "POST api/v2/bookings");
            if let Some(f) = unresolved.filter(bookings).or_else(|| on("unresolved-middleware", "POST api/v2/bookings"))
            {
                push(format!("no booking succeeds: {}; {}", f.seen, f.effect), &f.fix);
            } else if let Some(f) = on("entry-throws", "POST api/v2/bookings") {
                let later = on("repeated-limiter", "POST api/v2/bookings").map(|r| format!("; {}", r.effect));
                push(
                    format!("no booking succeeds: {}: {}{}", f.seen, f.effect, later.unwrap_or_default()),
                    "gatewayctl preflight (names the gateway's own bugs before any traffic)",
                );
            } else if let Some(r) = on("repeated-limiter", "POST api/v2/bookings") {
                push(format!("{}: {}", r.seen, r.effect), &r.fix);
            }
        }
        if sed_misses && lower.contains("rollback:") && lower.contains("middleware") && lower.contains("second") {
            push(
                "the plan's rollback edits routes/api.php by line number, and those lines hold another route: it leaves the limiter on (see the sed line)".into(),
                "gatewayctl rollback rate-limit (edits the middleware lists by PHP structure, proven, undoable)",
            );
        }
    }
}

/// The routes PHP lines define (`Route::get('v2/test', …)`), as "GET v2/test".
pub(super) fn routes_defined(lines: &[String]) -> Vec<String> {
    let text = lines.join(" ");
    let mut out = Vec::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("Route::") {
        rest = &rest[at + "Route::".len()..];
        let verb: String = rest.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
        let after = rest[verb.len()..].trim_start();
        let Some(args) = after.strip_prefix('(') else { continue };
        let args = args.trim_start();
        let Some(quote) = args.chars().next().filter(|c| *c == '\'' || *c == '"') else { continue };
        let Some(end) = args[1..].find(quote) else { continue };
        if matches!(verb.as_str(), "get" | "post" | "put" | "patch" | "delete" | "options" | "any") {
            out.push(format!("{} {}", verb.to_ascii_uppercase(), &args[1..1 + end]));
        }
    }
    out
}

/// A section whose headings promise a check ("Success Criteria",
/// "Verification", "Expected") and that holds no command at all: each of
/// its list items is an expectation nothing in the plan checks. Reported as
/// unchecked, each with the gatewayctl command that does check it.
pub(super) fn prose_expectations(markdown: &str, found: &mut Vec<PlanFinding>) {
    let line_of = |offset: usize| markdown[..offset.min(markdown.len())].matches('\n').count() + 1;
    let promise = ["criteria", "verif", "expected", "expect", "look for", "erwartet", "attendu", "esperado"];
    let mut path: Vec<(pulldown_cmark::HeadingLevel, String)> = Vec::new();
    let mut heading: Option<(pulldown_cmark::HeadingLevel, String)> = None;
    let mut has_code = false;
    let mut items: Vec<(usize, String)> = Vec::new();
    let mut item: Option<(usize, String)> = None;
    let mut depth = 0usize;
    let flush = |path: &[(pulldown_cmark::HeadingLevel, String)],
                 has_code: bool,
                 items: &mut Vec<(usize, String)>,
                 found: &mut Vec<PlanFinding>| {
        let titles = path.iter().map(|(_, t)| t.to_ascii_lowercase()).collect::<Vec<_>>().join(" / ");
        if !has_code && promise.iter().any(|p| titles.contains(p)) {
            for (line, text) in items.iter() {
                found.push(PlanFinding {
                    line: *line,
                    severity: Severity::Unverifiable,
                    plan: text.chars().take(120).collect(),
                    actually: "an expectation with no command behind it: nothing in the plan checks it".into(),
                    instead: check_for(text).into(),
                });
            }
        }
        items.clear();
    };
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&path, has_code, &mut items, found);
                has_code = false;
                heading = Some((level, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text)) = heading.take() {
                    path.retain(|(l, _)| *l < level);
                    path.push((level, text));
                }
            }
            Event::Start(Tag::CodeBlock(_)) => has_code = true,
            Event::Start(Tag::Item) => {
                depth += 1;
                if depth == 1 {
                    item = Some((line_of(range.start), String::new()));
                }
            }
            Event::End(TagEnd::Item) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    if let Some((line, text)) = item.take().filter(|(_, t)| !t.trim().is_empty()) {
                        items.push((line, text.trim().to_string()));
                    }
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, h)) = heading.as_mut() {
                    h.push_str(&text);
                } else if let Some((_, t)) = item.as_mut() {
                    if t.len() < 400 {
                        t.push_str(&text);
                    }
                }
            }
            _ => {}
        }
    }
    flush(&path, has_code, &mut items, found);
}

/// The gatewayctl command that checks an expectation written in words.
pub(super) fn check_for(text: &str) -> &'static str {
    let t = text.to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if has(&["outage", "handles cal.com"]) {
        "gatewayctl breaker trip-test (Cal.com made to fail, every transition checked against the model)"
    } else if has(&["circuit", "breaker"]) {
        "gatewayctl breaker status (the state in Redis, and the model's next transition)"
    } else if has(&["sanitiz", "sensitive", "redact", "security incident"]) {
        "gatewayctl logs scan (every line and rotation, exit 1 on a leak), and gatewayctl logs probe"
    } else if has(&["abuse"]) {
        "gatewayctl stress rate-limit --burst 40 (exactly the limit passes; the model judges the block)"
    } else if has(&["rate limit", "rate-limit", "429", "blocked"]) {
        "gatewayctl stress rate-limit (every answer held against the model), then gatewayctl watch (rate-limit hits per hour)"
    } else if has(&["5xx", "error", "response time", "performance", "memory", "latency"]) {
        "gatewayctl watch (the Key Metrics judged over the window, and the Success Criteria on what was seen)"
    } else if has(&["health"]) {
        "gatewayctl verify"
    } else {
        "say which command checks it and what it must print, or drop it"
    }
}

/// The numbers in a line, each with the word right after it.
pub(super) fn numbers_with_next_word(line: &str) -> Vec<(u64, String)> {
    let mut out = Vec::new();
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit()
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric() && !matches!(bytes[i - 1], b'.' | b'-'))
        {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if bytes.get(i).is_some_and(|&b| b == b'.' || b == b'-') {
                // A version or a range (php8.3, 1-2): not a count.
                continue;
            }
            let n = line[start..i].parse().unwrap_or(u64::MAX);
            let word: String = line[i..].trim_start().chars().take_while(|c| c.is_ascii_alphabetic()).collect();
            out.push((n, word.to_ascii_lowercase()));
        } else {
            i += 1;
        }
    }
    out
}

/// Breaker prose against the model: the failures that open it, the time
/// to half-open, and the successes that close it.
pub(super) fn breaker_prose(markdown: &str, know: &Knowledge, found: &mut Vec<PlanFinding>) {
    let Some((service, cfg)) = know.breakers.iter().next() else { return };
    for (i, line) in markdown.lines().enumerate() {
        let lower = line.to_ascii_lowercase();
        let mut push = |actually: String| {
            found.push(PlanFinding {
                line: i + 1,
                severity: Severity::Wrong,
                plan: line.trim().chars().take(120).collect(),
                actually,
                instead: "gatewayctl simulate breaker (plays the sequence through the model)".into(),
            })
        };
        let numbers = numbers_with_next_word(&lower);
        if lower.contains("open") && !lower.contains("half") {
            let failures = numbers.iter().find(|(_, w)| w.starts_with("failure") || w == "consecutive");
            if let Some((n, _)) = failures.filter(|(n, _)| *n != u64::from(cfg.failure_threshold)) {
                push(format!("{service}'s breaker opens after {} failures, not {n}", cfg.failure_threshold));
            }
        }
        if lower.contains("half") && (lower.contains("after") || lower.contains("timeout")) {
            let secs = numbers.iter().find_map(|(n, w)| match w.as_str() {
                "s" | "sec" | "secs" | "second" | "seconds" => Some(*n),
                "m" | "min" | "minute" | "minutes" => Some(n.saturating_mul(60)),
                _ => None,
            });
            if let Some(s) = secs.filter(|&s| s != cfg.recovery_timeout_s) {
                push(format!("{service}'s breaker half-opens {}s after it opened, not {s}s", cfg.recovery_timeout_s));
            }
        }
        let one = ["one successful", "1 successful", "a single successful", "first successful"]
            .iter()
            .any(|p| lower.contains(p));
        if one && lower.contains("close") && cfg.success_threshold > 1 {
            push(format!(
                "{service}'s breaker closes after {} successes in half-open: after one it is still half-open",
                cfg.success_threshold
            ));
        }
    }
}
