//! `report` on a lab: baseline traffic, activation, one identity stressing
//! a limit while two others use the gateway normally, a breaker trip; the
//! JSON names the burst and the unaffected, the breaker's open period, the
//! open CollectAppointmentRequest task. The HTML opens in a real headless
//! chromium and its screenshot is not blank. No baseline and an empty
//! period are said, not errors.

use gatewayctl::core::debrief::{CriterionVerdict, Pattern, TaskState};
use gatewayctl::core::judge::Call;
use gatewayctl::report::debrief::DebriefReport;

use crate::harness::{code, gatewayctl, json, require, stderr, stdout};
use crate::lab::Lab;

const LAB: &str = "[breakers.calcom_api]\nfailure_threshold = 3\nrecovery_timeout = \"2s\"\nsuccess_threshold = 2\n";

fn md5(text: &str) -> String {
    use md5::Digest as _;
    format!("{:x}", md5::Md5::digest(text.as_bytes()))
}

fn send(config: &str, route: &str, requests: u32, key: &str) {
    let n = requests.to_string();
    let out = gatewayctl(&[
        "--config",
        config,
        "stress",
        "rate-limit",
        "--route",
        route,
        "--requests",
        &n,
        "--interval",
        "5ms",
        "--api-key",
        key,
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

#[test]
fn report_judges_a_lab_run_before_and_after() {
    let lab = Lab::start("report", Some(LAB));
    let config = lab.report.config.display().to_string();
    let availability = "POST /api/v2/availability/simple";
    // Before: two callers, well inside their limits.
    for key in ["alice-key", "bob-key"] {
        send(&config, availability, 30, key);
    }
    let out = gatewayctl(&["--config", &config, "preflight"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("baseline recorded"), "{}", stderr(&out));
    let out = gatewayctl(&["--config", &config, "activate", "--yes"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    // After: one caller exceeds the bookings limit (30) by 10; the two others as before.
    send(&config, "POST /api/v2/bookings", 40, "stress-key");
    for key in ["alice-key", "bob-key"] {
        send(&config, availability, 30, key);
    }
    let out = gatewayctl(&["--config", &config, "breaker", "trip-test"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));

    let out = gatewayctl(&["--config", &config, "report", "--format", "json"]);
    // The breaker opened in the first hours: that criterion fails, so exit 1.
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let r: DebriefReport = json(&out);
    assert!(r.baseline.as_ref().is_some_and(|b| b.requests >= 60), "{:?}", r.baseline);
    assert!(r.activation.is_some());

    // Before/after on the route both sides saw, with a verdict per figure.
    let route = r.routes.iter().find(|c| c.route == availability).expect("availability compared");
    assert!(route.before.as_ref().is_some_and(|b| b.requests >= 60), "{route:?}");
    assert!(route.after.as_ref().is_some_and(|a| a.requests >= 60), "{route:?}");
    let p95 = route.shifts.iter().find(|s| s.metric == "p95_ms").unwrap();
    // 60 a side is past the judge's minimum: an interval, and a call that is not "no data".
    assert!(p95.before.is_some() && p95.after.is_some() && p95.interval.is_some(), "{p95:?}");
    // Past the minimum the judge computed an interval: it decided, or the
    // interval (lab timings on a shared machine) was wider than the tolerance.
    let decided = p95.verdict.is_judged();
    let too_wide = p95.verdict == Call::NotEnoughData
        && p95.interval.zip(p95.tolerance).is_some_and(|([lo, hi], t)| hi - lo > 2.0 * t);
    assert!(p95.samples[0] >= 60 && p95.samples[1] >= 60 && (decided || too_wide), "{p95:?}");

    // The stressing identity is the burst; the two others are unaffected.
    let l = &r.limits;
    assert_eq!(l.violations, 10, "{l:?}");
    let stress = l.limited.iter().find(|i| i.identity == md5("key:stress-key")).expect("the stressing identity listed");
    assert_eq!((stress.pattern, stress.limited), (Pattern::Burst, 10), "{stress:?}");
    for key in ["key:alice-key", "key:bob-key"] {
        let line = l.unaffected.iter().find(|i| i.identity == md5(key)).unwrap_or_else(|| panic!("{key}: {l:?}"));
        assert_eq!((line.pattern, line.limited), (Pattern::Unaffected, 0));
        assert!(line.served >= 30, "{line:?}");
    }

    // The breaker's open period, with its duration.
    let period = r.breaker_periods.first().expect("the trip-test's open period");
    assert!(period.opened_ms.is_some() && period.closed_ms.is_some(), "{period:?}");
    assert!(period.duration_s >= 2.0 && period.duration_s < 60.0, "{period:?}");

    // Every transition, with its time: opened, half-open, closed.
    let states: Vec<&str> = r.transitions.iter().map(|t| t.state.as_str()).collect();
    assert!(states.starts_with(&["open"]) && states.ends_with(&["closed"]), "{:?}", r.transitions);
    assert!(states.contains(&"half_open"), "{states:?}");

    // The checklist: the known gap is open, with the command that closes it.
    let fix = r.tasks.iter().find(|t| t.task.contains("CollectAppointmentRequest")).unwrap();
    assert_eq!(fix.state, TaskState::Open, "{fix:?}");
    assert!(fix.evidence.contains("not wired"), "{fix:?}");
    let breaker = r.tasks.iter().find(|t| t.task.contains("circuit breaker")).unwrap();
    assert_eq!(breaker.state, TaskState::NeedsPerson, "{breaker:?}");

    // Criteria: the breaker opened (fail), the 503s it answered are not 5xx introduced.
    let first = &r.criteria[0];
    let verdict = |name: &str| first.criteria.iter().find(|c| c.name.starts_with(name)).unwrap().verdict;
    assert_eq!(verdict("Circuit breaker in CLOSED"), CriterionVerdict::Fail);
    assert_eq!(verdict("Zero 5xx"), CriterionVerdict::Pass, "{first:?}");
    assert_eq!(verdict("Rate limiting working"), CriterionVerdict::Pass);
    assert!(r.journal.iter().any(|j| j.what.starts_with("stress rate-limit: pass")), "{:?}", r.journal);
    let effective = r.tasks.iter().find(|t| t.task == "Verify rate limiting is effective").unwrap();
    assert_eq!(effective.state, TaskState::Done, "the stress run judged it: {effective:?}");

    // Markdown for the ticket, and the HTML in a real browser.
    let out = gatewayctl(&["--config", &config, "report", "--format", "markdown"]);
    let md = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(md.starts_with("# gatewayctl report") && md.contains("| one burst |"), "{md:.400}");
    let html = lab.dir.join("report.html");
    let out = gatewayctl(&["--config", &config, "report", "--format", "html", "--output", &html.display().to_string()]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    screenshot_is_not_blank(&html);
}

/// Headless chromium renders the file; the PNG has many colours (charts,
/// text, verdict cells), not one.
fn screenshot_is_not_blank(html: &std::path::Path) {
    let chromium = require("chromium", "chromium");
    let text = std::fs::read_to_string(html).unwrap();
    assert!(!text.contains("<script") && !text.contains("src=\"http"), "the report must fetch nothing");
    assert_eq!(text.matches("<svg").count(), 4, "four charts");
    let png = html.with_extension("png");
    let profile = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1200,1800"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(png.is_file(), "no screenshot: {}", String::from_utf8_lossy(&out.stderr));
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let colours: std::collections::HashSet<&[u8]> = buf[..info.buffer_size()].chunks(channels).collect();
    assert!(colours.len() > 50, "the screenshot is blank or nearly: {} colours", colours.len());
}

/// What a hostile client gets logged (its path, its API key) reaches the
/// Markdown for a ticket inert: pulldown-cmark finds no HTML, link or image.
#[test]
fn the_markdown_report_stays_inert_whatever_the_log_holds() {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let lab = Lab::start("report-hostile", None);
    let config = lab.report.config.display().to_string();
    let now = chrono::Utc::now().format("%Y-%m-%d %H:%M:%S");
    let hostile = [
        "<img src=x onerror=alert(2)>",
        "<!--",
        "[click](javascript:alert(1))",
        "![i](http://127.0.0.1:9/x.png)",
        "<http://127.0.0.1:9/y>",
    ];
    let mut log = String::new();
    for (i, evil) in hostile.iter().enumerate() {
        let context = serde_json::json!({"method": "POST", "path": format!("/api/v2/{evil}"), "status": 200, "duration_ms": 3, "identity": evil});
        log.push_str(&format!("[{now}] production.INFO: API request {context}\n"));
        let refused = serde_json::json!({"identity": evil, "bucket": format!("b{i}")});
        log.push_str(&format!("[{now}] production.WARNING: Rate limit exceeded {refused}\n"));
    }
    let path = lab.dir.join("app/storage/logs/laravel.log");
    let mut text = std::fs::read_to_string(&path).unwrap_or_default();
    text.push_str(&log);
    std::fs::write(&path, text).unwrap();
    let out = gatewayctl(&["--config", &config, "report", "--since", "1h", "--format", "markdown"]);
    let md = stdout(&out);
    assert!(md.contains("onerror"), "the hostile values are in the report: {md:.2000}");
    for event in Parser::new_ext(&md, Options::ENABLE_TABLES) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => panic!("HTML {h:?} in:\n{md}"),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                panic!("a link or image to {dest_url:?} in:\n{md}")
            }
            _ => {}
        }
    }
}

#[test]
fn no_baseline_and_an_empty_period_are_said_not_errors() {
    let lab = Lab::start("report-empty", None);
    let config = lab.report.config.display().to_string();
    // No activation, no baseline, nothing logged in the last second.
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let out = gatewayctl(&["--config", &config, "report", "--since", "1s", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let r: DebriefReport = json(&out);
    assert!(r.baseline.is_none());
    assert!(r.notes.iter().any(|n| n.contains("no baseline")), "{:?}", r.notes);
    assert!(r.criteria.is_empty(), "nothing is judged without an activation");
    assert!(
        r.tasks.iter().all(|t| t.state != TaskState::Done || t.task.contains("sensitive data")),
        "no task is done on no evidence: {:#?}",
        r.tasks
    );
    let out = gatewayctl(&["--config", &config, "report", "--since", "yesterday-ish"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let out = gatewayctl(&["--config", &config, "status", "--format", "html"]);
    assert_eq!(code(&out), 2, "markdown and html are report's: {}", stderr(&out));
}

/// The case through the binary: p95 1.8 ms in the baseline, 12.3 ms
/// after, on 20 requests a side. The report prints the +580 % and says it
/// cannot tell, with the samples; never "unchanged" beside it.
#[test]
fn a_big_move_on_few_requests_is_not_enough_data_to_tell() {
    use gatewayctl::core::debrief::{Baseline, Latency, RouteFigures};
    let dir = tempfile::tempdir().unwrap();
    let (app, state) = (dir.path().join("app"), dir.path().join("state"));
    std::fs::create_dir_all(&app).unwrap();
    let route = "POST /api/v2/bookings";
    let ms = |i: usize| 1.2 + (i % 7) as f64 * 0.1;
    let mut before = Latency::default();
    (0..20).for_each(|i| before.record(if i == 0 { 1.8 } else { ms(i) }));
    let figures = RouteFigures {
        requests: 20,
        per_hour: 20.0,
        server_errors: 0,
        upstream_unavailable: 0,
        error_rate_percent: 0.0,
        too_many: 0,
        p50_ms: before.quantile(0.5),
        p95_ms: before.quantile(0.95),
        p99_ms: before.quantile(0.99),
        latency: before.to_pairs(),
    };
    let baseline = Baseline {
        recorded_at: "2026-12-01T00:00:00Z".into(),
        by: "test".into(),
        from: "2026-12-01 00:00:00".into(),
        to: "2026-12-01 01:00:00".into(),
        span_s: 3600,
        files: 1,
        lines: 20,
        routes: [(route.to_string(), figures)].into(),
        requests: 20,
        server_errors: 0,
        upstream_unavailable: 0,
        rate_limited: 0,
        breaker_opens: 0,
        redis_memory_mb: None,
        keys: Default::default(),
    };
    gatewayctl::adapters::state::StateDir::new(&state).write_baseline(&baseline).unwrap();
    // After: the same 20 requests, two of them 12.3 ms, in the last minute.
    let now = chrono::Utc::now();
    let log: String = (0..20)
        .map(|i| {
            let ts = (now - chrono::Duration::seconds(60 - i as i64)).format("%Y-%m-%d %H:%M:%S");
            let d = if i < 2 { 12.3 } else { ms(i) };
            format!("[{ts}] lab.INFO: API request {{\"method\":\"POST\",\"path\":\"/api/v2/bookings\",\"status\":201,\"duration_ms\":{d},\"identity\":\"a\"}}\n")
        })
        .collect();
    std::fs::write(app.join("laravel.log"), log).unwrap();
    let config = dir.path().join("gatewayctl.toml");
    std::fs::write(
        &config,
        format!(
            "[gateway]\napp_dir = {app:?}\nlog_file = \"laravel.log\"\n[redis]\nurl = \"redis://127.0.0.1:1/0\"\nconnect_timeout = \"1s\"\n[state]\ndir = {state:?}\n"
        ),
    )
    .unwrap();
    let config = config.display().to_string();

    let out = gatewayctl(&["--config", &config, "report", "--since", "1h", "--format", "json"]);
    let r: DebriefReport = json(&out);
    let change = r.routes.iter().find(|c| c.route == route).unwrap_or_else(|| panic!("{:#?}", r.routes));
    let p95 = change.shifts.iter().find(|s| s.metric == "p95_ms").unwrap();
    assert!(p95.change_percent.is_some_and(|c| c > 500.0), "{p95:?}");
    assert_eq!(p95.verdict, Call::NotEnoughData, "{p95:?}");
    assert_eq!(p95.samples, [20, 20]);
    let human = stdout(&gatewayctl(&["--config", &config, "report", "--since", "1h"]));
    let row = human.lines().skip_while(|l| !l.contains("p95")).take(3).collect::<Vec<_>>().join(" ");
    assert!(row.contains("+5") && row.contains("not enough data to tell"), "{row}\n{human}");
    assert!(!human.contains("unchanged"), "{human}");
}
