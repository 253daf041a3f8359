//! The plan's shell commands read as bash reads them: Redis, artisan,
//! reloads, hand edits by line number.

use std::ops::Range;

use crate::core::shell;

use super::blocks::{words, Block};
use super::curl::curl_loop;
use super::finding::{PlanFinding, Severity};
use super::knowledge::Knowledge;
use super::prose::routes_defined;

/// Text with the plan line it stands on.
pub(super) type Lines = Vec<(usize, String)>;

/// Scripts the plan writes with a heredoc: their path and their commands.
pub(super) type Scripts = std::collections::BTreeMap<String, Vec<String>>;

/// The block's commands as bash reads them (core::shell): comments
/// dropped, `\` continuations joined, each with its line in the plan.
/// Heredoc bodies are commands only where a shell or an interpreter reads
/// them; a body written to a file runs where a later step runs that file
/// (`scripts`, kept across blocks), at that step's line, quoting its own
/// lines; any other body is text. What bash could not read is a problem.
pub(super) fn commands_in(block: &Block, scripts: &mut Scripts) -> (Lines, Lines, Lines) {
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
pub(super) fn commands(block: &Block) -> Lines {
    commands_in(block, &mut Default::default()).0
}

/// Does this curl command check its answer (fail on an error status,
/// print the status, or pass the body to something that tests it)?
pub(super) fn checked(w: &[String]) -> bool {
    w.iter().any(|x| {
        matches!(x.as_str(), "-f" | "--fail" | "--fail-with-body" | "-w" | "--write-out" | "-I" | "--head" | "-i")
            || (x.starts_with('-') && !x.starts_with("--") && x.contains('f') && x.len() <= 5)
            || matches!(x.as_str(), "grep" | "jq" | "test" | "[")
    })
}

pub(super) fn review_block(block: &Block, know: &Knowledge, scripts: &mut Scripts, found: &mut Vec<PlanFinding>) {
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
pub(super) fn hand_edit(block: &Block, know: &Knowledge, found: &mut Vec<PlanFinding>) {
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
pub(super) fn line_numbers(text: &str) -> Option<Range<usize>> {
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

pub(super) type Push<'a> = dyn FnMut(Severity, String, &str) + 'a;

/// The lines an artisan command prints, read from the framework's source:
/// its `info(…)` messages, and those of the commands it `call`s.
pub(super) fn artisan_messages(command: &str, know: &Knowledge, depth: usize) -> Option<Vec<String>> {
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
pub(super) fn artisan_output(block: &Block, output: &Block, know: &Knowledge, found: &mut Vec<PlanFinding>) {
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

pub(super) fn redis(args: &[String], know: &Knowledge, push: &mut Push) {
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
pub(super) fn unprefixed(key: &str, know: &Knowledge, push: &mut Push) {
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
pub(super) fn sed_by_line(args: &[String], know: &Knowledge, push: &mut Push) {
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
