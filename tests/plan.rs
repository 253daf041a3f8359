//! `plan review`: the seed plan's mistakes found on their lines, nothing it
//! gets right flagged, and variants judged on what they do.

use gatewayctl::core::planreview::Severity;
use gatewayctl::report::plan::PlanDebriefReport;

use crate::harness::{code, gatewayctl, json, stderr};

fn review(path: &str, extra: &[&str]) -> (i32, PlanDebriefReport) {
    let mut args = extra.to_vec();
    args.extend(["plan", "review", path, "--format", "json"]);
    let out = gatewayctl(&args);
    (code(&out), json(&out))
}

fn seed() -> String {
    format!("{}/tests/data/production-activation-plan.md", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_seed_plans_mistakes_are_found_on_their_lines_and_nothing_else() {
    let (exit, report) = review(&seed(), &[]);
    assert_eq!(exit, 1);
    let at = |line: usize| report.findings.iter().filter(|f| f.line == line).collect::<Vec<_>>();
    // KEYS on production Redis, every time.
    for line in [121, 256, 257, 357, 358, 546] {
        assert!(at(line).iter().any(|f| f.severity == Severity::Harm && f.actually.contains("KEYS")), "{line}");
    }
    // GET with a pattern prints nothing.
    assert!(at(260).iter().any(|f| f.actually.contains("does not expand")));
    // Phase 5A: /api/health has no limiter. The loop is a heredoc written to
    // /tmp/test_rate_limit.sh: its findings belong to line 293, which runs it.
    assert!(at(293).iter().any(|f| f.actually.contains("no rate limiter") && f.plan.contains("from request 31")));
    assert!(at(285).is_empty(), "the body's own line runs nothing");
    // "One successful request should close circuit": the threshold is 2.
    assert!(at(314).iter().any(|f| f.actually.contains("after 2 successes")));
    // Rollback by line number.
    assert!(at(419).iter().any(|f| f.actually.contains("by number") && f.instead.contains("rollback rate-limit")));
    // Expected output this Laravel does not print (read from its source).
    for line in 187..=190 {
        assert!(at(line).iter().any(|f| f.actually.contains("Configuration cache cleared!")), "{line}");
    }
    // Phase 5C: the log read by eye, ten lines of it.
    assert!(at(319).iter().any(|f| f.instead.contains("logs scan")));
    // "Verify" with a bare curl: nothing checks the status or the headers.
    for line in [241, 428] {
        assert!(at(line).iter().any(|f| f.severity == Severity::Unverifiable), "{line}");
    }
    // Phase 5A expects headers from a curl that prints none.
    assert!(at(293).iter().any(|f| f.severity == Severity::Unverifiable && f.actually.contains("prints no header")));
    // Success Criteria with no command behind them: unchecked, each with the command that checks it.
    let criteria: Vec<usize> = (560..=576).filter(|&l| !at(l).is_empty()).collect();
    assert_eq!(criteria, [560, 561, 562, 563, 564, 567, 568, 569, 570, 573, 574, 575, 576]);
    assert!(at(563)[0].instead.contains("breaker status") && at(562)[0].instead.contains("logs scan"));
    assert!(criteria.iter().all(|&l| at(l).iter().all(|f| f.severity == Severity::Unverifiable)));
    // Hand edits: by line number (wrong without the app to show those lines),
    // by content (only unproven), each with the structural command.
    assert!(at(439).iter().any(|f| f.severity == Severity::Wrong && f.instead.contains("rollback rate-limit")));
    assert!(at(462).iter().any(|f| f.severity == Severity::Wrong && f.instead.contains("rollback circuit-breaker")));
    assert!(at(479).iter().any(|f| f.severity == Severity::Note && f.instead.contains("rollback log-sanitizer")));
    assert!(at(376).iter().any(|f| f.severity == Severity::Note && f.instead.contains("integrate input-validation")));
    // A reload with no config test before it.
    assert!(at(134).iter().any(|f| f.actually.contains("php-fpm -t")));
    // Nothing else: what the plan gets right (the 60 s recovery, route:list
    // --path, reload rather than restart, limits of 30 and 60) is not flagged.
    let flagged: Vec<usize> = report.findings.iter().map(|f| f.line).collect();
    for line in &flagged {
        assert!(
            [
                121, 134, 187, 188, 189, 190, 207, 241, 256, 257, 260, 293, 314, 319, 357, 358, 393, 419, 425, 428,
                376, 439, 457, 462, 474, 479, 484, 546, 560, 561, 562, 563, 564, 567, 568, 569, 570, 573, 574, 575,
                576
            ]
            .contains(line),
            "unexpected finding at {line}: {:#?}",
            report.findings.iter().find(|f| f.line == *line)
        );
    }
}

#[test]
fn variants_are_judged_on_what_they_do() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.md");
    // Headings in German; a correct Phase 5A; php-fpm tested before its
    // reload; KEYS in a script written by a heredoc, then run; a GET of one real key.
    std::fs::write(
        &plan,
        "# Aktivierung\n\n## Lasttest\n\n```bash\nfor i in {1..35}; do\n  curl -s -X POST http://localhost/api/v2/bookings \\\n    -H \"X-Api-Key: k\"\ndone\n```\n\nErwartet:\n- Request 31+: HTTP 429\n\n```sh\nphp-fpm8.3 -t\nsudo systemctl reload php8.3-fpm\nredis-cli GET \"circuit_breaker:calcom_api:state\"\n```\n\n```bash\ncat > /tmp/check.sh <<'EOF'\nredis-cli -n 0 keys '*'\nEOF\nbash /tmp/check.sh\n```\n",
    )
    .unwrap();
    let (exit, report) = review(plan.to_str().unwrap(), &[]);
    assert_eq!(exit, 1, "{report:#?}");
    assert_eq!(report.blocks, 3);
    let lines: Vec<(usize, Severity)> = report.findings.iter().map(|f| (f.line, f.severity)).collect();
    assert_eq!(lines, [(25, Severity::Harm)], "only the KEYS in the script, at the line that runs it: {report:#?}");

    // The same without the KEYS: nothing wrong, exit 0.
    let text = std::fs::read_to_string(&plan).unwrap();
    std::fs::write(&plan, text.replace("redis-cli -n 0 keys '*'", "echo ok")).unwrap();
    let (exit, report) = review(plan.to_str().unwrap(), &[]);
    assert_eq!((exit, report.findings.len()), (0, 0), "{report:#?}");
}

#[test]
fn a_sed_is_read_against_the_apps_lines() {
    let app = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(app.path().join("routes")).unwrap();
    let mut routes: Vec<String> = (1..=10).map(|i| format!("// line {i}")).collect();
    routes[4] = "    'middleware' => ['api.rate-limit', 'api.performance'],".into();
    std::fs::write(app.path().join("routes/api.php"), routes.join("\n")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.md");
    let write = |lines: &str| {
        let sed = format!("```bash\nsed -i '{lines}s/^/\\/\\/ X: /' /var/www/api-gateway/routes/api.php\n```\n");
        std::fs::write(&plan, sed).unwrap();
    };
    let app_dir = app.path().to_str().unwrap();
    write("5,5");
    let (exit, report) = review(plan.to_str().unwrap(), &["--app-dir", app_dir]);
    assert_eq!((exit, report.findings[0].severity), (0, Severity::Note), "{report:#?}");
    assert!(report.findings[0].actually.contains("api.rate-limit"));
    write("8,9");
    let (exit, report) = review(plan.to_str().unwrap(), &["--app-dir", app_dir]);
    assert_eq!((exit, report.findings[0].severity), (1, Severity::Wrong), "{report:#?}");
    assert!(report.findings[0].actually.contains("// line 8"), "{report:#?}");
}

#[test]
fn an_empty_binary_or_huge_plan_gets_a_clear_answer() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.md");
    std::fs::write(&empty, "").unwrap();
    let (exit, report) = review(empty.to_str().unwrap(), &[]);
    assert_eq!((exit, report.blocks), (1, 0), "nothing reviewed is not a pass");
    let binary = dir.path().join("plan.bin");
    std::fs::write(&binary, (0..=255u8).cycle().take(100_000).collect::<Vec<u8>>()).unwrap();
    let (exit, _) = review(binary.to_str().unwrap(), &[]);
    assert_eq!(exit, 1);
    let huge = dir.path().join("huge.md");
    let f = std::fs::File::create(&huge).unwrap();
    f.set_len(17 * 1024 * 1024).unwrap();
    let out = gatewayctl(&["plan", "review", huge.to_str().unwrap()]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("not a hand-written plan"), "{}", stderr(&out));
}

#[test]
fn breaker_prose_is_held_against_the_model() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.md");
    std::fs::write(
        &plan,
        "```bash\ncurl -s http://localhost/api/health\n```\n\n1. Circuit should OPEN after 3 failures\n2. After 30 seconds, circuit should go HALF_OPEN\n3. Two successful requests close it\n4. It opens after 5 consecutive failures and half-opens after 60s\n",
    )
    .unwrap();
    let (exit, report) = review(plan.to_str().unwrap(), &[]);
    assert_eq!(exit, 1);
    let lines: Vec<(usize, bool)> = report
        .findings
        .iter()
        .map(|f| (f.line, f.actually.contains("5 failures") || f.actually.contains("60s")))
        .collect();
    assert_eq!(lines, [(5, true), (6, true)], "{report:#?}");
}

/// The guide's table "What gatewayctl catches in the plan" is `plan
/// review` of the seed plan, one row per kind of finding. Run with
/// UPDATE_GUIDE=1 to rewrite it after changing the review.
#[test]
fn the_guides_table_is_the_review_of_the_seed_plan() {
    let (_, report) = review(&seed(), &[]);
    let mut rows: Vec<(Vec<usize>, &gatewayctl::core::planreview::PlanFinding)> = Vec::new();
    for f in &report.findings {
        match rows.iter_mut().find(|(_, first)| first.actually == f.actually && first.instead == f.instead) {
            Some((lines, _)) => lines.push(f.line),
            None => rows.push((vec![f.line], f)),
        }
    }
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let mut table = String::from("| plan line(s) | the plan | what actually happens | instead |\n|---|---|---|---|\n");
    for (lines, f) in rows {
        let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
        table.push_str(&format!(
            "| {} | `{}` | {} | `{}` |\n",
            lines.join(", "),
            cell(&f.plan),
            cell(&f.actually),
            cell(&f.instead)
        ));
    }
    let (start, end) = ("<!-- plan-review:start -->\n", "<!-- plan-review:end -->");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/guide.md");
    let guide = std::fs::read_to_string(&path).unwrap();
    let (Some(a), Some(b)) = (guide.find(start), guide.find(end)) else {
        panic!("docs/guide.md has no {start:?} … {end:?} section");
    };
    let current = &guide[a + start.len()..b];
    if std::env::var_os("UPDATE_GUIDE").is_some() {
        std::fs::write(&path, format!("{}{table}{}", &guide[..a + start.len()], &guide[b..])).unwrap();
        return;
    }
    assert!(
        current == table,
        "the guide's plan table drifted from `plan review`: run `UPDATE_GUIDE=1 cargo nextest run -E 'test(/plan::the_guides/)'`"
    );
}

#[test]
fn expected_artisan_output_is_what_this_laravel_prints() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.md");
    let write = |expected: &str| {
        let text = format!(
            "```bash\nphp artisan config:cache\nphp artisan view:clear\n```\n\n**Expected Output:**\n```\n{expected}\n```\n"
        );
        std::fs::write(&plan, text).unwrap();
    };
    // Laravel 8's own words (config:cache clears first, and says so).
    write("Configuration cache cleared!\nConfiguration cached successfully!\nCompiled views cleared!");
    let (exit, report) = review(plan.to_str().unwrap(), &[]);
    assert_eq!((exit, report.findings.len()), (0, 0), "{report:#?}");
    write("Configuration cached successfully.");
    let (exit, report) = review(plan.to_str().unwrap(), &[]);
    assert_eq!(exit, 1);
    assert_eq!(report.findings[0].line, 8, "{report:#?}");
}

#[test]
fn another_redis_database_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.md");
    std::fs::write(
        &plan,
        "```bash\nredis-cli -n 2 GET \"circuit_breaker:calcom_api:state\"\nredis-cli -n 0 TTL x\n```\n",
    )
    .unwrap();
    let (exit, report) = review(plan.to_str().unwrap(), &[]);
    assert_eq!(exit, 1);
    let lines: Vec<usize> = report.findings.iter().map(|f| f.line).collect();
    assert_eq!(lines, [2], "{report:#?}");
    assert!(report.findings[0].actually.contains("database 0, not 2"));
}

#[test]
fn curl_loops_are_played_through_the_model_with_their_pace() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.md");
    let with = |path: &str, sleep: &str| {
        format!(
            "## Stress\n\n```bash\nfor i in $(seq 1 35); do\n  curl -s -o /dev/null -w '%{{http_code}}\\n' -X POST http://localhost{path} -H 'X-Api-Key: stress-1'\n  {sleep}\ndone\n```\n\n**Expected:**\n- First 30 requests: HTTP 200\n- Request 31+: HTTP 429\n"
        )
    };
    // Right, at any pace inside the window.
    std::fs::write(&plan, with("/api/v2/bookings", "sleep 0.5")).unwrap();
    let (exit, report) = review(plan.to_str().unwrap(), &[]);
    assert_eq!((exit, report.findings.len()), (0, 0), "{report:#?}");
    // The reschedule bucket allows 10: the plan's request 11 is refused.
    std::fs::write(&plan, with("/api/v2/bookings/42/reschedule", "")).unwrap();
    let (exit, report) = review(plan.to_str().unwrap(), &[]);
    assert_eq!(exit, 1);
    assert_eq!(report.findings.len(), 1, "{report:#?}");
    assert!(report.findings[0].actually.contains("request 11 with 429"), "{report:#?}");
    // 3 s apart, the counter never reaches 30 in one window.
    std::fs::write(&plan, with("/api/v2/bookings", "sleep 3")).unwrap();
    let (_, report) = review(plan.to_str().unwrap(), &[]);
    assert!(report.findings[0].actually.contains("none gets 429"), "{report:#?}");
}

#[test]
fn hand_edits_are_named_and_the_breakers_comment_out_is_held_against_the_service() {
    let app = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(app.path().join("app/Services")).unwrap();
    std::fs::write(app.path().join("app/Services/CalcomService.php"), gatewayctl::lab::files::calcom_unguarded())
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.md");
    std::fs::write(
        &plan,
        "#### Rollback Circuit Breaker Only\n```bash\n# Edit app/Services/CalcomService.php\n# Comment out lines 1-2 in __construct:\n/*\n$this->circuitBreaker = new CircuitBreaker('calcom_api');\n*/\n```\n",
    )
    .unwrap();
    let (exit, report) = review(plan.to_str().unwrap(), &["--app-dir", app.path().to_str().unwrap()]);
    assert_eq!(exit, 1, "{report:#?}");
    assert!(report
        .findings
        .iter()
        .any(|f| f.severity == Severity::Wrong && f.actually.contains("by line number (1-2)")));
    let harm = report.findings.iter().find(|f| f.severity == Severity::Harm).expect("the null call is harm");
    assert!(harm.actually.contains("on null") && harm.instead.contains("rollback circuit-breaker"), "{harm:#?}");
    // The guarded service (the lab's own): no harm, the hand edit is still named.
    let guarded = gatewayctl::lab::files::APP_FILES.iter().find(|(p, _)| p.ends_with("CalcomService.php")).unwrap().1;
    std::fs::write(app.path().join("app/Services/CalcomService.php"), guarded).unwrap();
    let (_, report) = review(plan.to_str().unwrap(), &["--app-dir", app.path().to_str().unwrap()]);
    assert!(!report.findings.iter().any(|f| f.severity == Severity::Harm), "{report:#?}");
    // The seed's Known Issue 1 points at integrate.
    let (_, report) = review(&seed(), &[]);
    assert!(report.findings.iter().any(|f| f.line == 376 && f.instead.contains("integrate input-validation")));
}
