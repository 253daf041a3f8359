//! The plan's curl loops: the answers they expect from a limited route,
//! against the model.

use crate::core::limiter::{Identity, Schedule};
use crate::core::route::Route;

use super::blocks::words;
use super::blocks::Block;
use super::finding::{PlanFinding, Severity};
use super::knowledge::Knowledge;

/// `for i in {1..N}` around a `curl` that expects a 429 in the prose after.
pub(super) fn curl_loop(block: &Block, cmds: &[(usize, String)], know: &Knowledge, found: &mut Vec<PlanFinding>) {
    let Some(count) = loop_count(&block.code).filter(|&n| n > 0 && n <= 100_000) else { return };
    let Some((line, curl)) = cmds.iter().find(|(_, c)| words(c).iter().any(|w| w == "curl")) else { return };
    let w = words(curl);
    let at = w.iter().position(|x| x == "curl").unwrap_or(0);
    let args = &w[at + 1..];
    let mut method = None;
    let mut url = None;
    let mut api_key = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "-X" | "--request" => {
                method = args.get(i + 1).cloned();
                i += 1;
            }
            "-d" | "--data" | "--data-raw" | "--json" => {
                method.get_or_insert_with(|| "POST".into());
                i += 1;
            }
            "-H" | "--header" => {
                if let Some((name, value)) = args.get(i + 1).and_then(|h| h.split_once(':')) {
                    if name.trim().eq_ignore_ascii_case("x-api-key") {
                        api_key = Some(value.trim().to_string());
                    }
                }
                i += 1;
            }
            "-w" | "--write-out" | "-o" | "-m" => i += 1,
            a if a.starts_with("http://") || a.starts_with("https://") => url = Some(a.to_string()),
            _ => {}
        }
        i += 1;
    }
    let Some(url) = url else { return };
    let path = url
        .splitn(4, '/')
        .nth(3)
        .map(|p| format!("/{}", p.split(['?', '#']).next().unwrap_or("")))
        .unwrap_or("/".into());
    let method = method.unwrap_or_else(|| "GET".into()).to_ascii_uppercase();
    let Ok(route) = format!("{method} {path}").parse::<Route>() else { return };
    // Headers the prose expects, from a curl that never prints any.
    let shows_headers = args.iter().any(|a| {
        matches!(a.as_str(), "-i" | "--include" | "-I" | "--head" | "-D" | "--dump-header" | "-v" | "--verbose")
    });
    let header = ["x-ratelimit", "retry-after"].into_iter().find(|h| block.after.to_ascii_lowercase().contains(h));
    if let (Some(header), false) = (header, shows_headers) {
        found.push(PlanFinding {
            line: *line,
            severity: Severity::Unverifiable,
            plan: format!("{count} requests to {route}, expecting the {header} headers to be seen"),
            actually: "this curl prints no header (no -i, -D or -v): nobody can see what the plan expects of them".into(),
            instead: format!("gatewayctl stress rate-limit --route \"{route}\" (X-RateLimit-Remaining and Retry-After held against the model, request by request)"),
        });
    }
    let expected = expected_statuses(&block.after, count);
    if !expected.iter().any(|(_, status)| *status == 429) {
        return;
    }
    let interval_ms = sleep_ms(&block.code);
    let identity = Identity::of(api_key.as_deref(), "203.0.113.7");
    let schedule = Schedule { requests: count as u32, interval_ms, start_count: 0, start_ttl_ms: None };
    let sim = crate::core::limiter::simulate(know.limiter, &route, &identity, schedule);
    let apart = match interval_ms {
        0 => String::new(),
        ms => format!(", {} s apart", ms as f64 / 1000.0),
    };
    let unlimited = know.limiter.stack_for(&route).is_none_or(|s| s.entries.is_empty());
    let Some(bucket) = &sim.bucket else {
        if !unlimited {
            // Limited, but not by the gateway's own limiter (Laravel's
            // throttle, say): no bucket to explain a difference with.
            return;
        }
        let first = expected.iter().find(|(_, s)| *s == 429).map(|(n, _)| *n);
        found.push(PlanFinding {
            line: *line,
            severity: Severity::Wrong,
            plan: format!("{count} requests to {route}{apart}, expecting 429{}", first.map_or(String::new(), |n| format!(" from request {n}"))),
            actually: format!("{route} carries no rate limiter: all {count} pass and none gets 429"),
            instead: "gatewayctl stress rate-limit --route \"POST /api/v2/bookings\" (a limited route; the model predicts every answer)".into(),
        });
        return;
    };
    // The first request where the plan and the model part.
    let divergence = expected.iter().find_map(|&(n, want)| {
        let got = sim.requests.get(n - 1)?;
        (got.verdict.status != want).then_some((n, want, got))
    });
    let Some((n, want, got)) = divergence else { return };
    let window_s = bucket.window_ms / 1000;
    let why = match sim.first_rejected() {
        Some(first) if want == 429 && (first as usize) < n => format!(
            "its bucket {} allows {} per {window_s} s; request {n} comes {:.1} s after the first, in a new window, so the count has started again",
            bucket.name,
            bucket.limit,
            got.at_ms as f64 / 1000.0
        ),
        Some(first) => format!(
            "its bucket {} allows {} per {} s for one identity: the first 429 is request {first}",
            bucket.name,
            bucket.limit,
            bucket.window_ms / 1000
        ),
        None => format!(
            "its bucket {} allows {} per {} s, and these {count} requests{apart} never exceed it in one window: none gets 429",
            bucket.name,
            bucket.limit,
            bucket.window_ms / 1000
        ),
    };
    found.push(PlanFinding {
        line: *line,
        severity: Severity::Wrong,
        plan: match expected.iter().find(|(_, s)| *s == 429) {
            Some((first, _)) => {
                format!("{count} requests to {route}{apart}, expecting the first 429 at request {first}")
            }
            None => format!("{count} requests to {route}{apart}, expecting HTTP {want} at request {n}"),
        },
        actually: format!("the model answers request {n} with {}, not {want}: {why}", got.verdict.status),
        instead: format!(
            "gatewayctl stress rate-limit --route \"{route}\" --requests {count}{}",
            if interval_ms > 0 { format!(" --interval {interval_ms}ms") } else { String::new() }
        ),
    });
}

/// The statuses the prose after a loop expects, per request number:
/// "First 30 requests: HTTP 200", "Request 31+: HTTP 429", "requests 11-15
/// get 429", "from request 31". Sorted by request, the last word winning.
pub(super) fn expected_statuses(prose: &str, count: usize) -> Vec<(usize, u16)> {
    let mut by_request = std::collections::BTreeMap::new();
    for line in prose.lines() {
        let lower = line.to_ascii_lowercase();
        // Whole numbers only: "2000 ms" is no status.
        let has = |code: &str| lower.split(|c: char| !c.is_ascii_alphanumeric()).any(|t| t == code);
        let status = match (has("429"), has("200")) {
            (true, _) => 429,
            (false, true) => 200,
            _ => continue,
        };
        let Some(range) = request_range(&lower, count) else { continue };
        for n in range {
            by_request.insert(n, status);
        }
    }
    // "Request 31+: 429" means the first 429 is request 31: the ones before pass.
    if let Some(first) = by_request.iter().find(|(_, s)| **s == 429).map(|(n, _)| *n) {
        for n in 1..first {
            by_request.entry(n).or_insert(200);
        }
    }
    by_request.into_iter().collect()
}

/// The requests a line speaks of: "first N", "request A+", "from request
/// A", "requests A-B" (or "A to B", "A–B"), "request A".
pub(super) fn request_range(lower: &str, count: usize) -> Option<std::ops::RangeInclusive<usize>> {
    let number = |s: &str| -> Option<(usize, usize)> {
        let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
        Some((digits.parse().ok()?, digits.len()))
    };
    if let Some(at) = lower.find("first ") {
        if let Some((n, _)) = number(&lower[at + 6..]) {
            return Some(1..=n.min(count));
        }
    }
    let at = lower.find("request")?;
    let rest = lower[at + "request".len()..].trim_start_matches(['s', ' ', '#']);
    let (a, len) = number(rest)?;
    let tail = &rest[len..];
    if tail.starts_with('+') || lower[..at].contains("from") || tail.trim_start().starts_with("on") {
        return Some(a..=count);
    }
    let tail = tail.trim_start();
    let tail = tail
        .strip_prefix('-')
        .or_else(|| tail.strip_prefix('\u{2013}'))
        .or_else(|| tail.strip_prefix("to "))
        .map(str::trim_start);
    match tail.and_then(number) {
        Some((b, _)) if b >= a => Some(a..=b.min(count)),
        _ => Some(a..=a),
    }
}

/// The pause per iteration: `sleep 0.5` in the loop, in milliseconds.
pub(super) fn sleep_ms(code: &str) -> u64 {
    code.lines()
        .filter_map(|l| l.trim().strip_prefix("sleep "))
        .filter_map(|v| v.trim().trim_end_matches(';').trim_end_matches('s').parse::<f64>().ok())
        .find(|v| v.is_finite() && *v >= 0.0 && *v < 86_400.0)
        .map_or(0, |v| (v * 1000.0).round() as u64)
}

/// N in `for i in {1..N}` or `$(seq N)` / `$(seq 1 N)`.
pub(super) fn loop_count(code: &str) -> Option<usize> {
    if let Some(at) = code.find("{1..") {
        return code[at + 4..].split('}').next()?.parse().ok();
    }
    let at = code.find("seq ")?;
    let nums: Vec<usize> = code[at + 4..]
        .split(|c: char| !c.is_ascii_digit() && c != ' ')
        .next()?
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    nums.last().copied()
}
