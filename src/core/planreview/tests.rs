//! The plan review's tests.

use std::ops::Range;

use crate::core::findings::Finding;
use crate::core::limiter::LimiterShape;

use super::*;
use super::{blocks::*, commands::*, curl::*, finding::*, knowledge::*, prose::*};

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
    let seed = expected_statuses("- First 30 requests: HTTP 200\n- Request 31+: HTTP 429 (Rate limit exceeded)", 35);
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
    let lines =
        ["// Test route without middleware", "Route::get('v2/test', [", "    V2Controller::class, 'answer',", "]);"];
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
