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

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};

use crate::core::breaker::BreakerConfig;
use crate::core::findings::Finding;
use crate::core::limiter::{Identity, LimiterShape, Schedule};
use crate::core::route::Route;
use crate::core::shell;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Running it would hurt production.
    Harm,
    /// It will not do or show what the plan says.
    Wrong,
    /// An expectation nothing in the plan checks.
    Unverifiable,
    /// Worth a look; not wrong by itself.
    Note,
}

impl Severity {
    /// Would following the plan here fail or harm production?
    pub fn fails(self) -> bool {
        matches!(self, Severity::Harm | Severity::Wrong)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanFinding {
    /// 1-based line in the plan.
    pub line: usize,
    pub severity: Severity,
    /// What the plan says or runs there.
    pub plan: String,
    /// What the gateway will actually do, and why.
    pub actually: String,
    /// The gatewayctl command that does the step correctly.
    pub instead: String,
}

/// A fenced shell block and the prose right after it (its "Expected").
#[derive(Debug, Clone)]
pub struct Block {
    /// 1-based line of the block's first line of code.
    pub line: usize,
    /// The fence's language (`bash`), empty for a bare fence (often output).
    pub lang: String,
    pub code: String,
    pub after: String,
}

/// What the review knows about the gateway.
pub struct Knowledge<'a> {
    pub limiter: &'a LimiterShape,
    pub breakers: &'a std::collections::BTreeMap<String, BreakerConfig>,
    pub redis_prefix: &'a str,
    /// The Redis database the gateway uses (from redis.url).
    pub redis_db: u32,
    /// The php-fpm unit this host has (from the config).
    pub fpm_unit: &'a str,
    pub app_lines: &'a AppLines<'a>,
    /// A file of the Laravel framework the app runs, by its path under
    /// `Illuminate/` (`Foundation/Console/ConfigClearCommand.php`).
    pub framework: &'a Framework<'a>,
    /// The gateway's own bugs, read from the app (empty without one).
    pub app_findings: &'a [Finding],
}

pub type Framework<'a> = dyn Fn(&str) -> Option<String> + 'a;

/// Lines `range` (1-based) of a file the plan names, read from the app:
/// `None` when the app does not have the file.
pub type AppLines<'a> = dyn Fn(&str, Range<usize>) -> Option<Vec<String>> + 'a;

/// The shell blocks of a Markdown plan, each with the prose after it.
pub fn blocks(markdown: &str) -> Vec<Block> {
    let line_of = |offset: usize| markdown[..offset.min(markdown.len())].matches('\n').count() + 1;
    let mut out: Vec<Block> = Vec::new();
    let mut current: Option<Block> = None;
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match &kind {
                    CodeBlockKind::Fenced(lang) => Some(lang.split_whitespace().next().unwrap_or("").to_string()),
                    CodeBlockKind::Indented => None,
                };
                if let Some(lang) =
                    lang.filter(|l| l.is_empty() || matches!(l.as_str(), "bash" | "sh" | "shell" | "console" | "zsh"))
                {
                    // The code starts on the line after the fence.
                    let line = line_of(range.start) + 1;
                    current = Some(Block { line, lang, code: String::new(), after: String::new() });
                }
            }
            Event::Text(text) if current.is_some() => {
                if let Some(b) = current.as_mut() {
                    b.code.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(b) = current.take() {
                    out.push(b);
                }
            }
            Event::Text(text) | Event::Code(text) => {
                // Prose after the last block, up to the next one.
                if let Some(last) = out.last_mut() {
                    if last.after.len() < 2000 {
                        last.after.push_str(&text);
                        last.after.push('\n');
                    }
                }
            }
            _ => {}
        }
    }
    out
}

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

/// The plan's claims that what was read from the app contradicts: an alias
/// "registered in Kernel.php" the app never loads, "N bookings/min" on a
/// route whose entry throws or whose limiter counts twice, and a rollback
/// "(N seconds)" whose line-number edit lands on other code. Each at its
/// line, quoting the finding's evidence.
fn contradicted_claims(markdown: &str, know: &Knowledge, found: &mut Vec<PlanFinding>) {
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
fn routes_defined(lines: &[String]) -> Vec<String> {
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
fn prose_expectations(markdown: &str, found: &mut Vec<PlanFinding>) {
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
fn check_for(text: &str) -> &'static str {
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

/// Text with the plan line it stands on.
type Lines = Vec<(usize, String)>;
/// Scripts the plan writes with a heredoc: their path and their commands.
type Scripts = std::collections::BTreeMap<String, Vec<String>>;

/// The block's commands as bash reads them (core::shell): comments
/// dropped, `\` continuations joined, each with its line in the plan.
/// Heredoc bodies are commands only where a shell or an interpreter reads
/// them; a body written to a file runs where a later step runs that file
/// (`scripts`, kept across blocks), at that step's line, quoting its own
/// lines; any other body is text. What bash could not read is a problem.
fn commands_in(block: &Block, scripts: &mut Scripts) -> (Lines, Lines, Lines) {
    let script = shell::read(&block.code, block.line);
    let mut out = script.commands.clone();
    let mut problems = script.problems.clone();
    let mut notes: Lines = Vec::new();
    for h in &script.heredocs {
        // Unquoted, the body is expanded where the heredoc is read: for a
        // script, when it is written, not when it runs.
        let expands = h.body.iter().any(|(_, l)| l.contains("$(") || l.contains('`'));
        if !h.quoted && expands && matches!(h.consumer, shell::Consumer::File(_)) {
            notes.push((
                h.line,
                format!(
                    "<<{0} is unquoted: each $(…) in the body runs now, while the file is written, and the script gets its output, not the command (<<'{0}' keeps it as written)",
                    h.delimiter
                ),
            ));
        }
        let text: String = h.body.iter().map(|(_, l)| format!("{l}\n")).collect();
        let first = h.body.first().map_or(h.line, |(n, _)| *n);
        let body = shell::read(&text, first);
        problems.extend(body.problems.iter().cloned());
        match &h.consumer {
            shell::Consumer::Shell => out.extend(body.commands),
            shell::Consumer::File(path) => {
                scripts.insert(path.clone(), body.commands.into_iter().map(|(_, c)| c).collect());
            }
            shell::Consumer::Data => {}
        }
    }
    for (line, cmd) in &script.commands {
        if let Some(path) = shell::runs(cmd, scripts.keys()) {
            out.extend(scripts[path].iter().map(|c| (*line, c.clone())));
        }
    }
    (out, problems, notes)
}

/// [`commands_in`] of a block alone (no script written before it).
fn commands(block: &Block) -> Lines {
    commands_in(block, &mut Default::default()).0
}

/// Shell words, quotes removed (enough for the commands a plan holds).
fn words(command: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in command.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                any = true;
            }
            (None, c) if c.is_whitespace() || matches!(c, '|' | ';' | '&' | '(' | ')') => {
                if !word.is_empty() || any {
                    out.push(std::mem::take(&mut word));
                }
                any = false;
                if matches!(c, '|' | ';' | '&') {
                    out.push(c.to_string());
                }
            }
            (None, c) => word.push(c),
        }
    }
    if !word.is_empty() || any {
        out.push(word);
    }
    out
}

/// Does this curl command check its answer (fail on an error status,
/// print the status, or pass the body to something that tests it)?
fn checked(w: &[String]) -> bool {
    w.iter().any(|x| {
        matches!(x.as_str(), "-f" | "--fail" | "--fail-with-body" | "-w" | "--write-out" | "-I" | "--head" | "-i")
            || (x.starts_with('-') && !x.starts_with("--") && x.contains('f') && x.len() <= 5)
            || matches!(x.as_str(), "grep" | "jq" | "test" | "[")
    })
}

fn review_block(block: &Block, know: &Knowledge, scripts: &mut Scripts, found: &mut Vec<PlanFinding>) {
    let (cmds, problems, notes) = commands_in(block, scripts);
    let plan_at =
        |line: usize| block.code.lines().nth(line.saturating_sub(block.line)).unwrap_or("").chars().take(120).collect();
    for (line, why) in problems {
        found.push(PlanFinding {
            line,
            severity: Severity::Wrong,
            plan: plan_at(line),
            actually: why,
            instead: "close the heredoc with its delimiter alone on a line".into(),
        });
    }
    for (line, why) in notes {
        found.push(PlanFinding {
            line,
            severity: Severity::Note,
            plan: plan_at(line),
            actually: why,
            instead: "quote the delimiter".into(),
        });
    }
    let after = block.after.to_ascii_lowercase();
    let expects = after.contains("verif") || after.contains("expected");
    let mut tested_fpm = false;
    for (line, cmd) in &cmds {
        let w = words(cmd);
        let has = |name: &str| w.iter().any(|x| x == name || x.ends_with(&format!("/{name}")));
        let shown = cmd.chars().take(120).collect::<String>();
        let mut push = |severity, actually: String, instead: &str| {
            found.push(PlanFinding { line: *line, severity, plan: shown.clone(), actually, instead: instead.into() })
        };
        if let Some(at) = w.iter().position(|x| x == "redis-cli" || x.ends_with("/redis-cli")) {
            redis(&w[at + 1..], know, &mut push);
        }
        if has("artisan") {
            for flush in ["cache:clear", "optimize:clear"] {
                if w.iter().any(|x| x == flush) {
                    push(
                        Severity::Harm,
                        format!("`{flush}` flushes the cache store: the Redis database the rate limiter and the circuit breaker keep their state in"),
                        "gatewayctl cache clear (config, route and view caches only)",
                    );
                }
            }
        }
        if w.iter().any(|x| x.starts_with("php-fpm") && w.iter().any(|y| y == "-t" || y == "-tt")) {
            tested_fpm = true;
        }
        let service = w.iter().position(|x| x == "systemctl").and_then(|i| w.get(i + 1).zip(w.get(i + 2)));
        let legacy = w.iter().position(|x| x == "service").and_then(|i| w.get(i + 2).zip(w.get(i + 1)));
        if let Some((action, unit)) = service.or(legacy) {
            let unit = unit.trim_end_matches(".service");
            if unit.contains("php") && unit.contains("fpm") {
                match action.as_str() {
                    "restart" => push(
                        Severity::Harm,
                        format!("`restart` stops php-fpm hard: requests in flight are dropped ({unit})"),
                        "gatewayctl reload (php-fpm -t, then a graceful reload, proven)",
                    ),
                    "reload" if !tested_fpm => push(
                        Severity::Wrong,
                        "a reload on a config php-fpm cannot parse kills php-fpm; nothing here runs `php-fpm -t` first"
                            .into(),
                        "gatewayctl reload (tests the config before the signal)",
                    ),
                    _ => {}
                }
                if matches!(action.as_str(), "reload" | "restart" | "status") && unit != know.fpm_unit {
                    push(
                        Severity::Wrong,
                        format!("this host's php-fpm unit is {} (service.unit), not {unit}", know.fpm_unit),
                        "gatewayctl reload",
                    );
                }
            }
        }
        let log_grep = has("grep") && w.iter().any(|x| x.ends_with("laravel.log"));
        let secret_words = ["password", "secret", "token", "api_key"];
        if log_grep && secret_words.iter().any(|k| cmd.to_ascii_lowercase().contains(k)) {
            push(
                Severity::Wrong,
                "a grep read by eye (and `tail` keeps only its last lines): a leak anywhere else passes unseen, and nothing tells a redacted value from a missed one".into(),
                "gatewayctl logs scan (the sanitizer's own rules, every line and rotation, exit 1 on a leak)",
            );
        }
        if expects && has("curl") && !checked(&w) {
            push(
                Severity::Unverifiable,
                "curl prints the body and exits 0 whatever the status: nothing here checks what the plan expects"
                    .into(),
                "gatewayctl verify (health, the limiter's headers against the model, the breaker)",
            );
        }
        if let Some(at) = w.iter().position(|x| x == "sed") {
            sed_by_line(&w[at + 1..], know, &mut push);
        }
    }
    curl_loop(block, &cmds, know, found);
    hand_edit(block, know, found);
}

/// A block that tells a person to edit a file by hand ("# Edit
/// routes/api.php", "# Change line 159-164", "# Comment out lines 30-35"):
/// by line number, unproven, with no original kept. Named with what those
/// lines hold in the app today, the structural command that does it, and,
/// for the breaker, whether commenting out its construction leaves calls
/// that fail on null.
fn hand_edit(block: &Block, know: &Knowledge, found: &mut Vec<PlanFinding>) {
    let comments: Vec<(usize, String)> = block
        .code
        .lines()
        .enumerate()
        .filter_map(|(i, l)| l.trim_start().strip_prefix('#').map(|c| (block.line + i, c.trim().to_string())))
        .filter(|(_, c)| !c.starts_with('!'))
        .collect();
    let lower = |c: &str| c.to_ascii_lowercase();
    let Some((line, said)) = comments.iter().find(|(_, c)| {
        let c = lower(c);
        c.starts_with("edit ") || c.starts_with("file:") || c.contains("update method signature")
    }) else {
        return;
    };
    let all: String = comments.iter().map(|(_, c)| lower(c)).collect::<Vec<_>>().join("\n");
    let file = comments
        .iter()
        .flat_map(|(_, c)| {
            c.split_whitespace().map(|w| w.trim_end_matches([':', ',', ')']).to_string()).collect::<Vec<_>>()
        })
        .find(|w| w.ends_with(".php"));
    let target = file.as_deref().unwrap_or("");
    let (feature, command) = if target.ends_with("routes/api.php") {
        ("rate limiting", "gatewayctl rollback rate-limit")
    } else if target.contains("CalcomService") {
        ("the circuit breaker", "gatewayctl rollback circuit-breaker")
    } else if target.contains("RetellFunctionCallHandler") && all.contains("signature") {
        ("input validation", "gatewayctl integrate input-validation --impact, then without --impact")
    } else if all.contains("logsanitizer") {
        ("log sanitization", "gatewayctl rollback log-sanitizer")
    } else {
        return;
    };
    let lines = line_numbers(&all);
    let today = match (&file, &lines) {
        (Some(f), Some(r)) => (know.app_lines)(f, r.clone()),
        _ => None,
    };
    let held = match (&today, &lines, &file) {
        (Some(l), Some(r), Some(f)) if l.is_empty() => format!("; the app's {f} has no line {}", r.start),
        (Some(l), ..) => {
            let shown: Vec<String> = l.iter().map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect();
            format!("; in the app today those lines hold: {}", shown.join(" ").chars().take(160).collect::<String>())
        }
        _ => String::new(),
    };
    // By line number is wrong unless the app shows those lines hold what the
    // edit is about; a hand edit by content is only unproven.
    let marker = match feature {
        "rate limiting" => "rate-limit",
        "the circuit breaker" => "CircuitBreaker",
        "input validation" => "collectAppointment",
        _ => "LogSanitizer",
    };
    let severity = match (&lines, &today) {
        (None, _) => Severity::Note,
        (Some(_), Some(l)) if l.iter().any(|x| x.contains(marker)) => Severity::Note,
        _ => Severity::Wrong,
    };
    let by_number = match &lines {
        Some(r) if r.len() == 1 => format!("by line number ({}), ", r.start),
        Some(r) => format!("by line number ({}-{}), ", r.start, r.end - 1),
        None => String::new(),
    };
    found.push(PlanFinding {
        line: *line,
        severity,
        plan: said.chars().take(120).collect(),
        actually: format!(
            "a hand edit of {feature} {by_number}unproven (no `php -l`, no route:list), with no original bytes kept to undo it{held}"
        ),
        instead: command.into(),
    });
    // The breaker: commenting out its construction leaves a null the service may still call.
    if let (true, Some(f)) = (feature == "the circuit breaker", &file) {
        let Some(text) = (know.app_lines)(f, 1..usize::MAX).map(|l| l.join("\n")) else { return };
        match crate::core::rollback::unguarded_uses(&text) {
            Ok(uses) if !uses.is_empty() => found.push(PlanFinding {
                line: *line,
                severity: Severity::Harm,
                plan: said.chars().take(120).collect(),
                actually: format!(
                    "CalcomService uses the breaker unguarded (line {}): with only the construction commented out, every Cal.com call fails with \"Call to a member function call() on null\", a booking outage",
                    uses.iter().map(usize::to_string).collect::<Vec<_>>().join(", ")
                ),
                instead: "gatewayctl rollback circuit-breaker (rewrites those calls to call Cal.com directly, proven on a shadow with the network cut)".into(),
            }),
            Err(refusal) => found.push(PlanFinding {
                line: *line,
                severity: Severity::Harm,
                plan: said.chars().take(120).collect(),
                actually: format!("CalcomService.php:{refusal}: commenting the construction out by hand is not safe here"),
                instead: "gatewayctl rollback circuit-breaker --dry-run (shows why, changes nothing)".into(),
            }),
            Ok(_) => {}
        }
    }
}

/// "line 159-164", "lines 30-35", "around line 260": the 1-based range.
fn line_numbers(text: &str) -> Option<Range<usize>> {
    let at = text.find("line")?;
    // "around line 260" is a hint to find the place, not an edit by number.
    if ["around", "near", "about", "approximately"].iter().any(|w| text[..at].trim_end().ends_with(w)) {
        return None;
    }
    let rest = text[at + 4..].trim_start_matches(['s', ' ']);
    let digits = |s: &str| -> Option<(usize, usize)> {
        let d: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
        Some((d.parse().ok()?, d.len()))
    };
    let (a, len) = digits(rest)?;
    let tail = rest[len..].trim_start();
    let b = tail
        .strip_prefix('-')
        .or_else(|| tail.strip_prefix("to "))
        .and_then(|t| digits(t.trim_start()))
        .map(|(b, _)| b)
        .filter(|&b| b >= a && b - a < 200)
        .unwrap_or(a);
    (a > 0).then_some(a..b + 1)
}

type Push<'a> = dyn FnMut(Severity, String, &str) + 'a;

/// The lines an artisan command prints, read from the framework's source:
/// its `info(…)` messages, and those of the commands it `call`s.
fn artisan_messages(command: &str, know: &Knowledge, depth: usize) -> Option<Vec<String>> {
    let class: String = command
        .split(':')
        .map(|part| {
            let mut c = part.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
        .collect();
    let source = (know.framework)(&format!("Foundation/Console/{class}Command.php"))?;
    let mut out = Vec::new();
    for (call, into_messages) in [("info(", true), ("->call(", false)] {
        let mut rest = source.as_str();
        while let Some(at) = rest.find(call) {
            rest = &rest[at + call.len()..];
            let Some(quote) = rest.chars().next().filter(|c| *c == '\'' || *c == '"') else { continue };
            let Some(end) = rest[1..].find(quote) else { break };
            let text = &rest[1..1 + end];
            match into_messages {
                true => out.push(text.to_string()),
                false if depth < 2 => out.extend(artisan_messages(text, know, depth + 1).unwrap_or_default()),
                false => {}
            }
        }
    }
    Some(out)
}

/// "Expected Output" after a block of artisan commands, against what this
/// Laravel prints for them.
fn artisan_output(block: &Block, output: &Block, know: &Knowledge, found: &mut Vec<PlanFinding>) {
    let mut printed = Vec::new();
    for (_, cmd) in commands(block) {
        let w = words(&cmd);
        if let Some(at) = w.iter().position(|x| x == "artisan" || x.ends_with("/artisan")) {
            match w.get(at + 1).and_then(|c| artisan_messages(c, know, 0)) {
                Some(messages) => printed.extend(messages),
                // A command this framework does not have, or no framework
                // to read: nothing to compare with.
                None => return,
            }
        }
    }
    if printed.is_empty() {
        return;
    }
    for (i, expected) in output.code.lines().enumerate() {
        let expected = expected.trim();
        if expected.is_empty() || printed.iter().any(|p| p.trim() == expected) {
            continue;
        }
        found.push(PlanFinding {
            line: output.line + i,
            severity: Severity::Wrong,
            plan: format!("expected output: {expected}"),
            actually: format!("this Laravel prints: {}", printed.join(" / ")),
            instead: "gatewayctl cache rebuild (checks each command's output itself)".into(),
        });
    }
}

fn redis(args: &[String], know: &Knowledge, push: &mut Push) {
    // Options before the command, and those that take a value.
    let mut i = 0;
    while i < args.len() && args[i].starts_with('-') {
        if args[i] == "-n" {
            if let Some(db) = args.get(i + 1).and_then(|d| d.parse::<u32>().ok()).filter(|&d| d != know.redis_db) {
                push(
                    Severity::Wrong,
                    format!(
                        "the gateway keeps its keys in database {}, not {db}: this reads another database",
                        know.redis_db
                    ),
                    "gatewayctl keys count (uses redis.url's database)",
                );
            }
        }
        let takes = matches!(args[i].as_str(), "-h" | "-p" | "-n" | "-a" | "-u" | "--user" | "--pass" | "--pattern");
        if args[i] == "--scan" {
            let pattern = args.iter().position(|a| a == "--pattern").and_then(|p| args.get(p + 1));
            if let Some(p) = pattern {
                unprefixed(p, know, push);
            }
        }
        i += if takes { 2 } else { 1 };
    }
    let Some(command) = args.get(i) else { return };
    let key = args.get(i + 1).filter(|k| !matches!(k.as_str(), "|" | ";" | "&"));
    match command.to_ascii_uppercase().as_str() {
        "KEYS" => {
            let pattern = key.map_or("*", |k| k.as_str());
            push(
                Severity::Harm,
                "KEYS walks the whole keyspace in one blocking call: production Redis answers nothing else meanwhile, the limiter included".into(),
                &format!("gatewayctl keys count '{pattern}' (SCAN, prefix applied)"),
            );
            unprefixed(pattern, know, push);
        }
        "GET" | "TTL" | "PTTL" | "EXISTS" | "TYPE" | "HGETALL" | "STRLEN" => {
            let Some(key) = key else { return };
            if key.contains(['*', '?', '[']) || key.contains('<') {
                push(
                    Severity::Wrong,
                    format!("{command} takes one key and does not expand `{key}`: this always prints nothing"),
                    &format!("gatewayctl keys list '{}'", key.replace(['<', '>'], "")),
                );
            } else {
                unprefixed(key, know, push);
            }
        }
        _ => {}
    }
}

/// A key or pattern the gateway's keys cannot match: they carry the prefix.
fn unprefixed(key: &str, know: &Knowledge, push: &mut Push) {
    if know.redis_prefix.is_empty() || key.starts_with(know.redis_prefix) || key == "*" {
        return;
    }
    let instead =
        if key.starts_with("circuit_breaker:") { "gatewayctl breaker status" } else { "gatewayctl keys count" };
    push(
        Severity::Wrong,
        format!("the gateway's keys carry the prefix `{}`: `{key}` names none of them", know.redis_prefix),
        &format!("{instead} (applies the prefix)"),
    );
}

/// `sed -i 'N,M…' FILE`: an edit by line number.
fn sed_by_line(args: &[String], know: &Knowledge, push: &mut Push) {
    if !args.iter().any(|a| a.starts_with("-i")) {
        return;
    }
    let Some(script) = args.iter().find(|a| !a.starts_with('-')) else { return };
    let digits: String = script.chars().take_while(|c| c.is_ascii_digit() || *c == ',').collect();
    let mut bounds = digits.split(',').filter_map(|n| n.parse::<usize>().ok());
    let Some(first) = bounds.next() else { return };
    let last = bounds.next().unwrap_or(first);
    let file = args.iter().rev().find(|a| !a.starts_with('-') && *a != script).cloned().unwrap_or_default();
    let instead = if file.ends_with("routes/api.php") {
        "gatewayctl rollback rate-limit (edits the middleware lists by PHP structure, proven, undoable)"
    } else if file.contains("CalcomService") {
        "gatewayctl rollback circuit-breaker"
    } else {
        "an edit by structure, proven on a shadow copy (gatewayctl rollback …)"
    };
    let held = (know.app_lines)(&file, first..last + 1);
    let shown = |lines: &[String]| {
        lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" / ").chars().take(160).collect::<String>()
    };
    let by_number =
        format!("edits lines {first}-{last} by number: any change above them moves the edit onto other code");
    match held {
        // The lines hold today what the plan means to edit: right today.
        Some(lines) if lines.iter().any(|l| l.contains("rate-limit") || l.contains("CircuitBreaker")) => push(
            Severity::Note,
            format!("{by_number}; today they hold what the plan means: {}", shown(&lines)),
            instead,
        ),
        Some(lines) if lines.is_empty() => {
            push(Severity::Wrong, format!("{by_number}; {file} has no line {first}"), instead)
        }
        Some(lines) => {
            let routes = routes_defined(&lines);
            let does = match (file.ends_with("routes/api.php"), routes.is_empty()) {
                (true, false) => {
                    format!(" (commenting them out removes {} and leaves the limiter on)", routes.join(", "))
                }
                (true, true) => " (none of them names the limiter: it stays on)".to_string(),
                (false, _) => String::new(),
            };
            push(
                Severity::Wrong,
                format!("{by_number}; today lines {first}-{last} of {file} hold: {}{does}", shown(&lines)),
                instead,
            )
        }
        None => push(Severity::Wrong, by_number, instead),
    }
}

/// `for i in {1..N}` around a `curl` that expects a 429 in the prose after.
fn curl_loop(block: &Block, cmds: &[(usize, String)], know: &Knowledge, found: &mut Vec<PlanFinding>) {
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
fn expected_statuses(prose: &str, count: usize) -> Vec<(usize, u16)> {
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
fn request_range(lower: &str, count: usize) -> Option<std::ops::RangeInclusive<usize>> {
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
fn sleep_ms(code: &str) -> u64 {
    code.lines()
        .filter_map(|l| l.trim().strip_prefix("sleep "))
        .filter_map(|v| v.trim().trim_end_matches(';').trim_end_matches('s').parse::<f64>().ok())
        .find(|v| v.is_finite() && *v >= 0.0 && *v < 86_400.0)
        .map_or(0, |v| (v * 1000.0).round() as u64)
}

/// N in `for i in {1..N}` or `$(seq N)` / `$(seq 1 N)`.
fn loop_count(code: &str) -> Option<usize> {
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

/// The numbers in a line, each with the word right after it.
fn numbers_with_next_word(line: &str) -> Vec<(u64, String)> {
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
fn breaker_prose(markdown: &str, know: &Knowledge, found: &mut Vec<PlanFinding>) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_like_a_shell_for_plan_commands() {
        assert_eq!(
            words("redis-cli KEYS \"rate_limit:*\" | wc -l"),
            ["redis-cli", "KEYS", "rate_limit:*", "|", "wc", "-l"]
        );
        assert_eq!(words("sed -i '161,164s/^/\\/\\/ X/' f.php"), ["sed", "-i", "161,164s/^/\\/\\/ X/", "f.php"]);
    }

    #[test]
    fn numbers_and_their_words() {
        assert_eq!(
            numbers_with_next_word("open after 5 consecutive failures, 60s later"),
            [(5, "consecutive".to_string()), (60, "s".to_string())]
        );
        assert!(numbers_with_next_word("php8.3-fpm, 1-2 min").is_empty());
    }

    #[test]
    fn loops_and_their_expected_statuses() {
        assert_eq!(loop_count("for i in {1..35}; do"), Some(35));
        assert_eq!(loop_count("for i in $(seq 1 12); do"), Some(12));
        let seed =
            expected_statuses("- First 30 requests: HTTP 200\n- Request 31+: HTTP 429 (Rate limit exceeded)", 35);
        assert_eq!(seed.len(), 35);
        assert_eq!((seed[29], seed[30], seed[34]), ((30, 200), (31, 429), (35, 429)));
        let ranged = expected_statuses("requests 11-15 get 429\nrequest 3: 200", 20);
        assert_eq!(ranged.len(), 15);
        assert_eq!((ranged[0], ranged[9], ranged[10], ranged[14]), ((1, 200), (10, 200), (11, 429), (15, 429)));
        assert_eq!(expected_statuses("from request 5 onwards: HTTP 429", 6)[4..], [(5, 429), (6, 429)]);
        assert!(expected_statuses("requests 1-10 within 2000 ms", 10).is_empty(), "2000 is no status");
        assert_eq!(expected_statuses("Requests 3+ get HTTP 429.", 4)[2..], [(3, 429), (4, 429)]);
        assert_eq!(sleep_ms("do\n  curl x\n  sleep 0.5\ndone"), 500);
        assert_eq!(sleep_ms("do curl x; done"), 0);
    }

    fn knowledge_check(plan: &str) -> Vec<PlanFinding> {
        review_with(plan, &crate::core::limiter::tests::contract(), &[])
    }

    /// The review with no app lines or framework to read, this limiter and these app findings.
    fn review_with(plan: &str, limiter: &LimiterShape, app_findings: &[Finding]) -> Vec<PlanFinding> {
        let breakers = std::collections::BTreeMap::new();
        let lines = |_: &str, _: Range<usize>| None;
        let framework = |_: &str| None;
        let know = Knowledge {
            limiter,
            breakers: &breakers,
            redis_prefix: "",
            redis_db: 0,
            fpm_unit: "php8.3-fpm",
            app_lines: &lines,
            framework: &framework,
            app_findings,
        };
        review(plan, &know)
    }

    #[test]
    fn curl_loops_are_played_through_the_model() {
        let plan = |n: usize, path: &str, sleep: &str, expect: &str| {
            format!("```bash\nfor i in {{1..{n}}}; do\n  curl -s -o /dev/null -w \"%{{http_code}}\" -X POST http://localhost{path} -H \"X-Api-Key: k1\"\n  {sleep}\ndone\n```\n\nExpected:\n{expect}\n")
        };
        // Right: 35 bookings at once, the first 429 at 31.
        let right = plan(35, "/api/v2/bookings", "", "- First 30 requests: HTTP 200\n- Request 31+: HTTP 429");
        assert!(knowledge_check(&right).is_empty(), "{:#?}", knowledge_check(&right));
        // Wrong limit: reschedule allows 10.
        let wrong = plan(35, "/api/v2/bookings/7/reschedule", "", "- Request 31+: HTTP 429");
        let found = knowledge_check(&wrong);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].plan.contains("the first 429 at request 31"), "{found:#?}");
        assert!(found[0].actually.contains("first 429 is request 11"), "{found:#?}");
        // Too slow: 2 s apart, the window expires before the limit is reached.
        let slow = plan(35, "/api/v2/bookings", "sleep 3", "- Request 31+: HTTP 429");
        let found = knowledge_check(&slow);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].actually.contains("none gets 429"), "{found:#?}");
        assert!(found[0].instead.contains("--interval 3000ms"), "{found:#?}");
        // 2 s apart: request 31 is refused, but 32 falls in a new window.
        let found = knowledge_check(&plan(35, "/api/v2/bookings", "sleep 2", "- Request 31+: HTTP 429"));
        assert!(
            found[0].actually.contains("request 32 with 200") && found[0].actually.contains("new window"),
            "{found:#?}"
        );
        // An unlimited route.
        let health = plan(35, "/api/health", "", "- Request 31+: HTTP 429");
        assert!(knowledge_check(&health.replace("-X POST ", ""))[0].actually.contains("no rate limiter"));
    }

    #[test]
    fn comments_are_skipped_and_continuations_joined() {
        let b = Block {
            line: 10,
            lang: "bash".into(),
            code: "# a comment\ncurl -s \\\n  -X GET http://x/api\nls\n".into(),
            after: String::new(),
        };
        assert_eq!(commands(&b), [(11, "curl -s  -X GET http://x/api".to_string()), (13, "ls".to_string())]);
    }

    #[test]
    fn routes_defined_reads_route_definitions_from_lines() {
        let lines = [
            "// Test route without middleware",
            "Route::get('v2/test', [",
            "    V2Controller::class, 'answer',",
            "]);",
        ];
        let lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(routes_defined(&lines), ["GET v2/test"]);
        assert_eq!(routes_defined(&["Route::post(\"a\", X::class); Route::middleware('x')".into()]), ["POST a"]);
        assert!(routes_defined(&["Route::get(".into()]).is_empty(), "cut short: nothing, no panic");
    }

    #[test]
    fn claims_the_app_contradicts_are_wrong_at_their_line() {
        let limiter = LimiterShape::askproai_2025_10();
        let finding = |kind: &str, seen: &str| Finding {
            kind: kind.into(),
            seen: seen.into(),
            effect: "500 on every request".into(),
            fix: "the fix".into(),
            harmful: true,
            routes: vec!["POST api/v2/bookings".into()],
        };
        let findings = [
            finding("unresolved-middleware", "middleware 'api.logging' on 1 route(s)"),
            finding("unresolved-middleware", "middleware 'api.rate-limit' on 1 route(s)"),
        ];
        let plan = "# Plan\n\n- **RateLimitMiddleware**: Registered in Kernel.php\n- Current Limits: 30 bookings/min\n";
        let found = review_with(plan, &limiter, &findings);
        assert_eq!(found.iter().map(|f| f.line).collect::<Vec<_>>(), [3, 4], "{found:#?}");
        assert!(
            found.iter().all(|f| f.severity == Severity::Wrong && f.actually.contains("'api.rate-limit'")),
            "{found:#?}"
        );
        assert!(review_with(plan, &limiter, &[]).is_empty(), "without the app, nothing is claimed");
    }

    #[test]
    fn heredocs_are_data_until_a_shell_runs_them() {
        let keys = |plan: &str| {
            knowledge_check(plan)
                .into_iter()
                .filter(|f| f.actually.contains("KEYS"))
                .map(|f| (f.line, f.plan))
                .collect::<Vec<_>>()
        };
        // Text handed to cat: nothing runs it.
        assert!(keys("```bash\ncat <<'NOTE'\nredis-cli KEYS 'rate_limit:*'\nNOTE\n```\n").is_empty());
        // Fed to a shell: it runs, at its own line.
        assert_eq!(
            keys("```bash\nbash <<EOF\nredis-cli KEYS 'rate_limit:*'\nEOF\n```\n"),
            [(3, "redis-cli KEYS 'rate_limit:*'".to_string())]
        );
        // Behind sudo, the shell still runs it, at the KEYS line.
        assert_eq!(
            keys("```bash\nsudo -u www-data bash <<EOF\nredis-cli KEYS \"rate_limit:*\"\nEOF\n```\n"),
            [(3, "redis-cli KEYS \"rate_limit:*\"".to_string())]
        );
        // Written to a file, run two blocks later: at the line that runs it, quoting the body's line.
        let plan = "```bash\ncat > /tmp/x.sh <<'EOF'\nredis-cli KEYS 'abuse:*'\nEOF\n```\n\ntext\n\n```bash\nchmod +x /tmp/x.sh\nbash /tmp/x.sh\n```\n";
        assert_eq!(keys(plan), [(11, "redis-cli KEYS 'abuse:*'".to_string())]);
        // Written and never run: nothing.
        assert!(keys("```bash\ncat > /tmp/y.sh <<EOF\nredis-cli KEYS x\nEOF\n```\n").is_empty());
        // Unquoted, a $(…) in a script's body runs while it is written: said; quoted, not.
        let unquoted = knowledge_check("```bash\ncat > /tmp/z.sh <<EOF\necho $(date)\nEOF\n```\n");
        assert!(
            unquoted.iter().any(|f| f.line == 2 && f.severity == Severity::Note && f.actually.contains("is unquoted")),
            "{unquoted:#?}"
        );
        assert!(knowledge_check("```bash\ncat > /tmp/z.sh <<'EOF'\necho $(date)\nEOF\n```\n").is_empty());
    }

    #[test]
    fn hostile_blocks_get_a_finding_or_nothing_never_a_panic() {
        let open = knowledge_check("```bash\nbash <<EOF\nredis-cli KEYS x\n```\n");
        assert!(open.iter().any(|f| f.line == 2 && f.actually.contains("never closed")), "{open:#?}");
        let big = format!("```bash\n{}```\n", "echo a\n".repeat(150_000));
        assert!(knowledge_check(&big).is_empty());
        let deep = format!("```bash\necho {}x{}\n```\n", "$(".repeat(1000), ")".repeat(1000));
        let _ = knowledge_check(&deep);
        let _ = knowledge_check("```bash\necho \0 <<\0\ncat <<\n```\n");
    }
}
