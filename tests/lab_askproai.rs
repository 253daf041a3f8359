//! `lab up --gateway askproai`: the production baseline's limiter, run over
//! HTTP through nginx and php-fpm, answers as measured on the real code
//! (`REAL-GATEWAY.md` §1-3), and gatewayctl's model of it agrees.

use gatewayctl::core::checks::GoNoGo;
use gatewayctl::core::findings::Finding;
use gatewayctl::core::keyplace::Place;
use gatewayctl::core::limiter::md5_hex;
use gatewayctl::report::keys::{KeyCountReport, KeyListReport};
use gatewayctl::report::preflight::PreflightReport;
use gatewayctl::report::stress::StressReport;

use crate::harness::{code, gatewayctl, json};
use crate::lab::Lab;

fn askproai(name: &str) -> Lab {
    Lab::start_with(name, None, &["--gateway", "askproai"])
}

/// A key of the cache store (database 1), with the lab's two prefixes.
fn cache_key(key: &str) -> String {
    format!("laravel_database_laravel_cache:{key}")
}

fn header<'a>(answer: &'a gatewayctl::adapters::http::Exchange, name: &str) -> &'a str {
    answer.header(name).unwrap_or_else(|| panic!("no {name} on {}: {:?}", answer.status, answer.headers))
}

#[test]
fn bookings_answer_500_then_429_and_the_client_is_refused_for_good() {
    let lab = askproai("askproai-bookings");
    let http = lab.http(None);
    let key = "gatewayctl-test-bookings-key";
    let send = |path: &str| lab.send(&http, "POST", path, &[("X-Api-Key", key), ("Accept", "application/json")], None);

    let answers: Vec<_> = (0..35).map(|_| send("/api/v2/bookings")).collect();
    let statuses: Vec<u16> = answers.iter().map(|a| a.status).collect();
    assert_eq!(statuses, [vec![500; 30], vec![429; 5]].concat());
    for (i, a) in answers[..30].iter().enumerate() {
        assert_eq!(header(a, "x-ratelimit-limit"), "30");
        assert_eq!(header(a, "x-ratelimit-remaining"), (29 - i).to_string(), "request {}", i + 1);
    }
    assert!(lab.laravel_log().contains("Undefined array key 1"), "the parameterised entry throws");

    let refused = &answers[30];
    let body: serde_json::Value = serde_json::from_str(&refused.body).unwrap();
    assert_eq!((body["success"].as_bool(), body["status_code"].as_u64()), (Some(false), Some(429)));
    assert_eq!(body["error"], "rate_limit_exceeded");
    assert_eq!(body["message"], "Too many requests. Please slow down.");
    // Carbon 3: now minus the window's end, signed and fractional.
    let retry: f64 = header(refused, "retry-after").parse().unwrap();
    assert!((-60.0..0.0).contains(&retry) && retry.fract() != 0.0, "Retry-After {retry}");
    // The same value; the header is printed to 14 digits, the JSON to 17.
    assert!((body["retry_after"].as_f64().unwrap() - retry).abs() < 1e-6, "{body}");

    let counter = cache_key(&format!("rate_limit:{}:{}", md5_hex(&format!("api:{key}")), md5_hex("api/v2/bookings")));
    assert_eq!(lab.redis(&["-n", "1", "GET", &counter]), "30", "refusals are not counted");
    assert_eq!(lab.redis(&["-n", "1", "TTL", &counter]), "-1", "the counter never expires");

    // The window's end: its reset key is gone, as 60 s later.
    assert_eq!(lab.redis(&["-n", "1", "DEL", &format!("{counter}:reset")]), "1");
    assert_eq!(send("/api/v2/bookings").status, 429, "after the window the same key is still refused");

    // More refusals: the 12th writes the block, and nothing reads it.
    let blocked = cache_key(&format!("blocked:api:{key}"));
    let mut refusals = 6;
    while lab.redis(&["-n", "1", "EXISTS", &blocked]) == "0" {
        assert!(refusals < 20, "no block after {refusals} refusals");
        assert_eq!(send("/api/v2/bookings").status, 429);
        refusals += 1;
    }
    assert_eq!(refusals, 12, "the block is written at the 12th refusal");
    assert_eq!(lab.redis(&["-n", "1", "EXISTS", &cache_key(&format!("abuse:api:{key}"))]), "1", "raw key names");
    assert_eq!(send("/api/v2/availability/simple").status, 200, "a blocked client is still served elsewhere");
}

#[test]
fn availability_allows_60_then_refuses_and_stress_matches_the_model() {
    let lab = askproai("askproai-availability");
    let http = lab.http(None);
    let key = [("X-Api-Key", "gatewayctl-test-availability"), ("Accept", "application/json")];
    let statuses: Vec<u16> =
        (0..65).map(|_| lab.send(&http, "POST", "/api/v2/availability/simple", &key, None).status).collect();
    assert_eq!(statuses, [vec![200; 60], vec![429; 5]].concat());

    // gatewayctl predicts it: the config the lab wrote carries the preset,
    // and the stacks come from the app's route list.
    let config = lab.report.config.display().to_string();
    let out = gatewayctl(&[
        "--config",
        &config,
        "stress",
        "rate-limit",
        "--route",
        "POST /api/v2/bookings",
        "--requests",
        "33",
        "--interval",
        "15ms",
        "--format",
        "json",
    ]);
    let report: StressReport = json(&out);
    // Every answer as the model predicts, and the route broken: no pass.
    assert_eq!((code(&out), report.mismatches), (1, 0), "{report:#?}");
    assert_eq!(report.requests.iter().filter(|r| r.observed.status == 500).count(), 30);
    let said = crate::harness::stdout(&gatewayctl(&[
        "--config",
        &config,
        "stress",
        "rate-limit",
        "--route",
        "POST /api/v2/bookings",
        "--requests",
        "3",
        "--interval",
        "15ms",
    ]));
    assert!(said.contains("the model says this route is broken: 3 of 3 answered 500"), "{said}");
    assert!(said.split_whitespace().collect::<Vec<_>>().join(" ").contains("The gateway's own bugs"), "{said}");
    // The report does not exit 0 over a broken route.
    let out = gatewayctl(&["--config", &config, "report", "--since", "1h", "--format", "json"]);
    let said = crate::harness::stderr(&out);
    assert_eq!(code(&out), 1, "{said}");
    assert!(said.contains("bookings is broken"), "{said}");

    // verify: the headers as the shape predicts, and a counter with no TTL
    // named for what it does to clients; its own identity's keys deleted after.
    let mut before = all_keys(&lab);
    let out =
        gatewayctl(&["--config", &config, "verify", "--route", "POST /api/v2/availability/simple", "--format", "json"]);
    let mut after = all_keys(&lab);
    before.sort();
    after.sort();
    assert_eq!(after, before, "verify leaves no key behind");
    let report: serde_json::Value = json(&out);
    let check = |name: &str| report["checks"].as_array().unwrap().iter().find(|c| c["name"] == name).unwrap().clone();
    assert_eq!(check("rate-limit headers")["verdict"], "pass", "{report:#}");
    let key = check("limiter key");
    assert_eq!(key["verdict"], "warn", "{key:#}");
    assert!(key["evidence"].as_str().unwrap().contains("never expires"), "{key:#}");

    // `keys` reads where this gateway keeps its keys: database 1, under the
    // shape's prefixes, not [redis]'s database 0.
    let keys = |args: &[&str]| {
        let mut all = vec!["--config", config.as_str(), "keys"];
        all.extend_from_slice(args);
        all.extend(["--format", "json"]);
        gatewayctl(&all)
    };
    let scan = |pattern: &str| -> Vec<String> {
        let found = lab.redis(&["-n", "1", "--scan", "--pattern", pattern]);
        found.lines().filter(|l| !l.is_empty()).map(str::to_string).collect()
    };
    let counted: KeyCountReport = json(&keys(&["count", "rate_limit:*"]));
    assert_eq!((counted.place, counted.database), (Place::Limiter, 1), "{counted:?}");
    assert!(counted.prefix.starts_with("laravel_database_"), "{counted:?}");
    let in_db1 = scan(&format!("{}rate_limit:*", counted.prefix));
    assert!(!in_db1.is_empty());
    assert_eq!(counted.count, in_db1.len() as u64, "{in_db1:?}");

    let listed: KeyListReport = json(&keys(&["list", "abuse:*"]));
    let abuse = scan(&format!("{}abuse:*", listed.prefix));
    assert!(!abuse.is_empty(), "refusals counted abuse");
    assert_eq!(listed.keys.len(), abuse.len(), "{:?} vs {abuse:?}", listed.keys);
    assert!(listed.keys.iter().all(|k| !k.contains("gatewayctl-test-availability")), "masked: {:?}", listed.keys);

    // --raw reads [redis] as given: nothing there, and it says where they are.
    let raw: KeyCountReport = json(&keys(&["count", "rate_limit:*", "--raw"]));
    assert_eq!((raw.place, raw.database, raw.count), (Place::Redis, 0, 0), "{raw:?}");
    assert!(raw.elsewhere.iter().any(|e| e.database == 1 && e.count >= in_db1.len() as u64), "{raw:?}");
}

#[test]
fn as_deployed_every_v2_route_answers_500_and_health_200() {
    let lab = Lab::start_with("askproai-deployed", None, &["--gateway", "askproai", "--as-deployed"]);
    let http = lab.http(None);
    let json = [("Accept", "application/json")];
    assert_eq!(lab.send(&http, "GET", "/api/health", &json, None).status, 200);
    assert_eq!(lab.send(&http, "POST", "/api/v2/availability/simple", &json, None).status, 500);
    assert_eq!(lab.send(&http, "GET", "/api/v2/test", &json, None).status, 200, "the test route has no middleware");
    assert!(lab.laravel_log().contains("Target class [api.rate-limit] does not exist."));
    // route:list still names the alias: reading it does not show the problem.
    let out = std::process::Command::new("php")
        .args(["artisan", "route:list", "--json"])
        .current_dir(lab.dir.join("app"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("api.rate-limit:30,60"));
}

/// The breaker guards the Retell functions, not v2 (§4): it opens on the
/// 5th failure, a Cal.com 4xx included, then fails fast without calling
/// Cal.com, while v2 answers on. Its state is in database 1, serialized.
#[test]
fn the_breaker_guards_the_retell_routes_with_its_state_in_the_cache_store() {
    let lab = askproai("askproai-breaker");
    let http = lab.http(None);
    let accept = [("Accept", "application/json")];
    let body = serde_json::json!({"args": {"booking_id": "b-1", "reason": "test"}});
    // The stand-in has no cancel endpoint: 404, which the service throws on.
    let statuses: Vec<u16> = (0..5)
        .map(|_| lab.send(&http, "POST", "/api/retell/cancel-appointment", &accept, Some(&body)).status)
        .collect();
    assert_eq!(statuses, [502; 5], "a Cal.com 4xx is a failure");
    let state = cache_key("circuit_breaker:calcom_api:state");
    assert_eq!(lab.redis(&["-n", "1", "GET", &state]), "s:4:\"open\";");
    let ttl: u64 = lab.redis(&["-n", "1", "TTL", &state]).parse().unwrap();
    assert!((86_000..=86_400).contains(&ttl), "state TTL {ttl}");
    let opened_at: u64 =
        lab.redis(&["-n", "1", "GET", &cache_key("circuit_breaker:calcom_api:opened_at")]).parse().unwrap();
    assert!(opened_at > 1_700_000_000, "an integer is stored raw: {opened_at}");

    let calls = lab.upstream("").calls;
    let slots = serde_json::json!({"args": {"service_id": 1, "date": "2026-12-24"}});
    let open = lab.send(&http, "POST", "/api/retell/check-availability", &accept, Some(&slots));
    assert_eq!(open.status, 503, "{}", open.body);
    assert_eq!(lab.upstream("").calls, calls, "an open breaker does not call Cal.com");
    let v2 = lab.send(&http, "POST", "/api/v2/availability/simple", &[("X-Api-Key", "k-breaker"), accept[0]], None);
    assert_eq!(v2.status, 200, "the v2 routes do not go through the breaker");

    let status = lab.send(&http, "GET", "/api/health/calcom", &accept, None);
    let status: serde_json::Value = serde_json::from_str(&status.body).unwrap();
    assert_eq!(status["circuit_breaker"]["state"], "open", "{status}");

    // gatewayctl reads the breaker where and as the app keeps it.
    let config = lab.report.config.display().to_string();
    let out = gatewayctl(&["--config", &config, "breaker", "status", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", crate::harness::stderr(&out));
    let report: gatewayctl::report::breaker::BreakerStatusReport = json(&out);
    let b = &report.breakers[0];
    assert_eq!((b.state.as_str(), b.state_key_present, b.failure_count), ("open", true, 5), "{report:#?}");
    assert_eq!(b.opened_at, Some(opened_at));
    assert!(report.redis.ends_with("/1"), "database 1: {}", report.redis);
    assert!(b.ttl_s["state"] > 86_000 && b.ttl_s["failures"] <= 300, "the real TTLs: {:?}", b.ttl_s);

    // A value it cannot read is named, never shown, and never reads as closed.
    let secret = "a:1:{i:0;s:14:\"hunter2-secret\";}";
    assert_eq!(lab.redis(&["-n", "1", "SET", &state, secret]), "OK");
    let out = gatewayctl(&["--config", &config, "breaker", "status"]);
    let said = format!("{}{}", crate::harness::stdout(&out), crate::harness::stderr(&out));
    assert_eq!(code(&out), 4, "{said}");
    assert!(said.contains("state is unknown") && said.contains("a serialized array"), "{said}");
    assert!(!said.contains("hunter2") && !said.contains("closed"), "{said}");
}

/// trip-test on the real shape: through a Retell function, against the
/// breaker's own rule (a Cal.com 4xx is a failure there), every transition
/// held against the model.
#[test]
fn trip_test_passes_through_a_retell_route_and_proves_a_4xx_counts() {
    let config = "[breakers.calcom_api]\nfailure_threshold = 5\nrecovery_timeout = \"2s\"\nsuccess_threshold = 2\n";
    let lab = Lab::start_with("askproai-trip", Some(config), &["--gateway", "askproai"]);
    let config = lab.report.config.display().to_string();
    let out = gatewayctl(&["--config", &config, "breaker", "trip-test", "--format", "json"]);
    let report: serde_json::Value = json(&out);
    assert_eq!(code(&out), 0, "{report:#}");
    let checks = report["checks"].as_array().unwrap();
    assert!(checks.iter().all(|c| c["verdict"] == "pass"), "{report:#}");
    assert!(checks[0]["evidence"].as_str().unwrap().contains("counts a 4xx as a failure"), "{:#}", checks[0]);

    // Pointed at a v2 route, which never reaches the breaker, it says so.
    let moved = std::fs::read_to_string(&config).unwrap().replace(
        "[breaker_store]\npreset = \"askproai-2025-10\"",
        "[breaker_store]\npreset = \"askproai-2025-10\"\ntrip_route = \"POST /api/v2/availability/composite\"",
    );
    assert!(moved.contains("trip_route"), "the lab's config names its breaker store");
    std::fs::write(&config, moved).unwrap();
    // The app's code says so before any call: refused, with the routes that do reach it.
    let out = gatewayctl(&["--config", &config, "breaker", "trip-test", "--format", "json"]);
    let said = crate::harness::stderr(&out);
    assert_eq!(code(&out), 2, "{said}");
    assert!(said.contains("POST /api/v2/availability/composite does not reach the breaker"), "{said}");
    assert!(said.contains("POST /api/retell/check-availability"), "{said}");
    // breaker status shows what it guards, and what it counts.
    let status: serde_json::Value = json(&gatewayctl(&["--config", &config, "breaker", "status", "--format", "json"]));
    let guards = &status["guards"];
    assert!(
        guards["routes"].as_array().unwrap().iter().any(|r| r == "POST /api/retell/check-availability"),
        "{guards:#}"
    );
    let kinds: Vec<&str> = guards["findings"].as_array().unwrap().iter().filter_map(|f| f["kind"].as_str()).collect();
    assert_eq!(kinds, ["breaker-guards-no-v2", "breaker-counts-4xx"], "{guards:#}");
}

/// The plan's breaker rollback on the real shape: the typed property made
/// nullable and every use null-safe, so a Retell availability check through
/// CalcomService answers 200 with the breaker off; undo restores the bytes.
#[test]
fn the_breaker_rollback_on_a_typed_property_keeps_the_retell_routes_answering() {
    let lab = askproai("askproai-breaker-rollback");
    let config = lab.report.config.display().to_string();
    let service = lab.dir.join("app/app/Services/CalcomService.php");
    // A method that throws a TypeError whatever the breaker: the probe's
    // calls find it before the edit and after, and never blame the edit.
    let stock = std::fs::read_to_string(&service).unwrap();
    let broken = stock.replace(
        "    public function healthCheck(): array",
        "    public function importTeams(int $teamId): array\n    {\n        return array_map(null, 'not an array');\n    }\n\n    public function healthCheck(): array",
    );
    assert_ne!(broken, stock);
    std::fs::write(&service, &broken).unwrap();
    let original = std::fs::read(&service).unwrap();
    assert!(String::from_utf8_lossy(&original).contains("protected CircuitBreaker $circuitBreaker;"));

    let out = gatewayctl(&["--config", &config, "rollback", "circuit-breaker", "--yes", "--format", "json"]);
    let report: serde_json::Value = json(&out);
    assert_eq!(code(&out), 0, "{report:#}");
    // Proven first in the shadow, on its own network: with Cal.com answering
    // the calls go straight through; failing, the errors are Cal.com's.
    let probe = report["checks"].as_array().unwrap().iter().find(|c| c["name"] == "breaker off probe").unwrap();
    assert_eq!(probe["verdict"], "pass", "{probe:#}");
    // Judged against the same calls before the edit: the methods typed with
    // the app's model are called with one, and go straight through too.
    let evidence = probe["evidence"].as_str().unwrap();
    assert!(evidence.starts_with("straight through to Cal.com: "), "{evidence}");
    for method in ["getAvailableSlots", "createBooking", "createEventType", "updateEventType", "syncService"] {
        assert!(evidence.contains(method), "{method}: {evidence}");
    }
    assert!(!evidence.contains("new after the edit") && !evidence.contains("not called"), "{evidence}");
    assert!(
        evidence.contains("unchanged by the edit (the same before): answering: importTeams: TypeError"),
        "{evidence}"
    );
    let edited = std::fs::read_to_string(&service).unwrap();
    assert!(edited.contains("protected ?CircuitBreaker $circuitBreaker = null;"), "{edited}");
    assert!(edited.contains("$this->circuitBreaker?->reset();"), "{edited}");

    let http = lab.http(None);
    let accept = [("Accept", "application/json")];
    let slots = serde_json::json!({"args": {"service_id": 1, "date": "2030-01-02"}});
    let answer = lab.send(&http, "POST", "/api/retell/check-availability", &accept, Some(&slots));
    assert_eq!(answer.status, 200, "{}", answer.body);
    let health = lab.send(&http, "GET", "/api/health/calcom", &accept, None);
    assert_eq!(health.status, 200, "getStatus() answers with the breaker off: {}", health.body);
    assert!(!lab.laravel_log().contains("must not be accessed before initialization"));

    let out = gatewayctl(&["--config", &config, "rollback", "undo", "circuit-breaker", "--yes", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", crate::harness::stderr(&out));
    assert_eq!(std::fs::read(&service).unwrap(), original, "undo restores CalcomService.php byte-exact");
}

/// Every key in the lab's Redis, in each database the app uses.
fn all_keys(lab: &Lab) -> Vec<String> {
    ["0", "1"]
        .iter()
        .flat_map(|db| lab.redis(&["-n", db, "--scan"]).lines().map(String::from).collect::<Vec<_>>())
        .collect()
}

fn preflight(lab: &Lab) -> (PreflightReport, i32) {
    let config = lab.report.config.display().to_string();
    let out = gatewayctl(&["--config", &config, "preflight", "--format", "json"]);
    (json(&out), code(&out))
}

fn of_kind<'a>(report: &'a PreflightReport, kind: &str) -> Vec<&'a Finding> {
    report.findings.iter().filter(|f| f.kind == kind).collect()
}

/// Before any traffic, from a dry run of the app's own stacks: the entries
/// that throw on the four parameterised routes (the exception and its
/// line), the limiter run twice (16 once fixed, against 30), the rows that
/// match nothing (with the route each was meant for), the counter per
/// booking id. Nothing reaches Redis.
#[test]
fn preflight_names_the_gateways_own_bugs_before_any_traffic() {
    let lab = askproai("askproai-findings");
    let before = all_keys(&lab);
    let (report, c) = preflight(&lab);
    assert_eq!((c, report.decision), (1, GoNoGo::NoGo), "{:#?}", report.checks);
    let throws = of_kind(&report, "entry-throws");
    let routes: Vec<&str> = throws.iter().flat_map(|f| &f.routes).map(String::as_str).collect();
    assert_eq!(
        routes,
        [
            "POST api/v2/bookings",
            "PATCH api/v2/bookings/{id}/reschedule",
            "DELETE api/v2/bookings/{id}",
            "POST api/v2/calcom/push-event-types"
        ],
        "{throws:#?}"
    );
    let bookings = throws[0];
    assert!(bookings.harmful);
    assert!(
        bookings.seen.starts_with("api.rate-limit:30,60: handle() takes one parameter, Laravel passes '30' and '60'; it throws ErrorException 'Undefined array key 1' at app/Http/Middleware/RateLimitMiddleware.php:"),
        "{}",
        bookings.seen
    );
    assert!(bookings.effect.contains("answers 500, after the entry before it has counted it"), "{}", bookings.effect);
    let twice = of_kind(&report, "repeated-limiter");
    let on_bookings = twice.iter().find(|f| f.routes == ["POST api/v2/bookings"]).expect("bookings counts twice");
    assert!(
        on_bookings.effect.ends_with("request 16 in a window is refused, where the route says 30"),
        "{}",
        on_bookings.effect
    );
    // Every row that matches no route, with the route it was meant for and what that route gets.
    let rows = of_kind(&report, "unmatched-row");
    let named: Vec<(&str, &str)> = rows
        .iter()
        .map(|f| (f.seen.split('\'').nth(1).unwrap_or_default(), f.routes.first().map_or("", String::as_str)))
        .collect();
    assert_eq!(
        named,
        [
            ("api/v2/bookings/*/cancel", "DELETE api/v2/bookings/{id}"),
            ("api/v2/calcom/push", "POST api/v2/calcom/push-event-types"),
            ("webhooks/*", "GET api/webhooks/calcom"),
        ],
        "{rows:#?}"
    );
    assert!(rows[0].effect.ends_with("gets row 'default' instead: 60 per 60 s"), "{}", rows[0].effect);
    // A counter per concrete path: the cancellation limit holds per booking.
    let per_id = of_kind(&report, "counter-per-id");
    assert_eq!(per_id.len(), 1, "{per_id:#?}");
    assert!(per_id[0].routes.iter().any(|r| r == "DELETE api/v2/bookings/{id}"), "{:?}", per_id[0].routes);
    assert!(of_kind(&report, "unresolved-middleware").is_empty(), "the lab registers the alias");
    // The breaker, read from the app's code: it guards the Retell routes, none under api/v2, and counts a 4xx.
    let guards = of_kind(&report, "breaker-guards-no-v2");
    assert_eq!(guards.len(), 1, "{:#?}", report.findings);
    assert!(guards[0].effect.contains("none of them under api/v2"), "{}", guards[0].effect);
    assert!(guards[0].routes.iter().any(|r| r == "POST /api/retell/check-availability"), "{:?}", guards[0].routes);
    assert!(guards[0].routes.iter().all(|r| !r.contains("api/v2")), "{:?}", guards[0].routes);
    let counts = of_kind(&report, "breaker-counts-4xx");
    assert_eq!(counts.len(), 1, "{:#?}", report.findings);
    assert_eq!(counts[0].effect, "a Cal.com 4xx counts as a failure: 5 of them open the breaker for every caller");
    assert_eq!(all_keys(&lab), before, "the dry run wrote nothing to Redis");

    // The first line is the verdict with its reasons; --short and -q print it alone.
    let config = lab.report.config.display().to_string();
    let text = crate::harness::stdout(&gatewayctl(&["--config", &config, "preflight"]));
    let first = text.lines().next().unwrap_or_default();
    assert!(first.starts_with("NO-GO: the gateway's own bugs (fail): "), "{text}");
    for flag in ["--short", "-q"] {
        let short = crate::harness::stdout(&gatewayctl(&["--config", &config, flag, "preflight"]));
        let joined = short.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(joined.starts_with("NO-GO: the gateway's own bugs (fail)"), "{flag}: {short}");
        assert!(!short.contains("┌") && !short.contains("fix"), "{flag}: the verdict alone: {short}");
    }

    // plan review against this app: the sed lands on GET v2/test, and the claims the findings contradict.
    let config = lab.report.config.display().to_string();
    let plan = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/production-activation-plan.md");
    let out = gatewayctl(&["--config", &config, "plan", "review", plan, "--format", "json"]);
    let review: serde_json::Value = json(&out);
    let at = |line: u64| -> String {
        let found = review["findings"].as_array().unwrap().iter().filter(|f| f["line"] == line);
        found.map(|f| format!("{} {}", f["severity"], f["actually"])).collect::<Vec<_>>().join("\n")
    };
    let sed = at(419);
    assert!(sed.contains("today lines 161-164") && sed.contains("Route::get('v2/test'"), "{sed}");
    assert!(sed.contains("removes GET v2/test and leaves the limiter on"), "{sed}");
    assert!(at(63).contains("no booking succeeds") && at(63).contains("Undefined array key 1"), "{}", at(63));
    assert!(at(64).contains("leaves the limiter on"), "{}", at(64));

    // verify says why the route answers 500: the exception the gateway logged for its request.
    let out = gatewayctl(&["--config", &config, "verify", "--route", "POST /api/v2/bookings", "--format", "json"]);
    assert_eq!(code(&out), 1);
    let report: serde_json::Value = json(&out);
    let headers = report["checks"].as_array().unwrap().iter().find(|c| c["name"] == "rate-limit headers").unwrap();
    let evidence = headers["evidence"].as_str().unwrap();
    assert!(
        evidence.contains(
            "the gateway logged ErrorException 'Undefined array key 1' at app/Http/Middleware/RateLimitMiddleware.php:"
        ),
        "{evidence}"
    );
    assert!(
        report["findings"].as_array().unwrap().iter().any(|f| f["kind"] == "entry-throws"),
        "verify shows them too"
    );

    // And the post-activation report.
    let out = gatewayctl(&["--config", &config, "report", "--format", "json"]);
    let review: serde_json::Value = json(&out);
    let kinds: Vec<&str> = review["findings"].as_array().unwrap().iter().filter_map(|f| f["kind"].as_str()).collect();
    assert!(kinds.contains(&"entry-throws") && kinds.contains(&"repeated-limiter"), "{kinds:?}");
    let text = crate::harness::stdout(&gatewayctl(&["--config", &config, "report"]));
    assert!(text.contains("The gateway's own bugs"), "{text}");
}

/// As deployed (the alias in a kernel the app never binds): preflight says
/// which name, which routes, which file, and the fix.
#[test]
fn as_deployed_preflight_names_the_alias_the_app_never_loads_and_its_fix() {
    let lab = Lab::start_with("askproai-deployed-findings", None, &["--gateway", "askproai", "--as-deployed"]);
    let (report, c) = preflight(&lab);
    assert_eq!((c, report.decision), (1, GoNoGo::NoGo), "{:#?}", report.checks);
    // The three aliases only app/Http/Kernel.php lists, each on the whole v2 group.
    let unresolved = of_kind(&report, "unresolved-middleware");
    let names: Vec<&str> = unresolved.iter().map(|f| f.seen.split('\'').nth(1).unwrap()).collect();
    assert_eq!(names, ["api.logging", "api.performance", "api.rate-limit"], "{:#?}", report.findings);
    let f = unresolved[2];
    assert!(f.harmful);
    assert_eq!(f.routes.len(), 10, "every v2 route with the limiter: {:?}", f.routes);
    assert!(
        f.seen.starts_with("middleware 'api.rate-limit' on 10 route(s): registered at app/Http/Kernel.php:"),
        "{}",
        f.seen
    );
    assert!(f.seen.contains("its HTTP kernel is App\\Http\\DeployedKernel"), "{}", f.seen);
    assert!(f.effect.starts_with("500 on every request to these 10 route(s)"), "{}", f.effect);
    assert!(f.fix.contains("'api.rate-limit' => \\App\\Http\\Middleware\\RateLimitMiddleware::class"), "{}", f.fix);
    // plan review: the plan's "Registered in Kernel.php" is contradicted at its line.
    let config = lab.report.config.display().to_string();
    let plan = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/production-activation-plan.md");
    let review: serde_json::Value =
        json(&gatewayctl(&["--config", &config, "plan", "review", plan, "--format", "json"]));
    let kernel = review["findings"].as_array().unwrap().iter().find(|f| f["line"] == 25).expect("line 25");
    assert_eq!(kernel["severity"], "wrong");
    assert!(kernel["actually"].as_str().unwrap().starts_with("middleware 'api.rate-limit' on 10 route(s)"), "{kernel}");
}

/// Redis down is when the emergency rollback gets run: the limiter is
/// proven off over HTTP alone, the counter said to be unchecked, exit 0.
#[test]
fn the_emergency_rollback_under_a_redis_outage_is_proven_by_http() {
    let lab = askproai("askproai-emergency-redis");
    let config = lab.report.config.display().to_string();
    let redis = lab.report.processes.iter().find(|p| p.name == "redis-server").unwrap().pid;
    gatewayctl::adapters::process::stop(redis, libc::SIGKILL, std::time::Duration::from_secs(5));
    let out = gatewayctl(&["--config", &config, "rollback", "emergency", "--format", "json"]);
    let report: serde_json::Value = json(&out);
    assert_eq!(code(&out), 0, "{report:#}\n{}", crate::harness::stderr(&out));
    let off = report["checks"].as_array().unwrap().iter().find(|c| c["name"] == "rate-limit off").unwrap();
    assert_eq!(off["verdict"], "pass", "{off:#}");
    let evidence = off["evidence"].as_str().unwrap();
    assert!(
        evidence.contains("X-RateLimit headers absent")
            && evidence.contains("counter not checked: Redis is unreachable"),
        "{evidence}"
    );
}

/// Undo knows what it brings back: the findings of the app as the undo
/// makes it name the routes that answer 500 again; it asks, says, and
/// checks each of them after, leaving no key of its own.
#[test]
fn undo_names_the_routes_it_breaks_again_and_checks_them() {
    let lab = askproai("askproai-undo-back");
    let config = lab.report.config.display().to_string();
    let out = gatewayctl(&["--config", &config, "--yes", "rollback", "rate-limit", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", crate::harness::stderr(&out));
    let before = all_keys(&lab);
    let out = gatewayctl(&["--config", &config, "--yes", "rollback", "undo", "rate-limit", "--format", "json"]);
    let said = crate::harness::stderr(&out);
    assert!(said.contains("the undo brings back entry-throws") && said.contains("POST api/v2/bookings"), "{said}");
    let report: serde_json::Value = json(&out);
    let checks = report["checks"].as_array().unwrap();
    let bookings = checks.iter().find(|c| c["name"] == "POST /api/v2/bookings after the undo").expect("checked");
    assert_eq!(bookings["verdict"], "warn", "{bookings:#}");
    assert!(bookings["evidence"].as_str().unwrap().contains("answers 500 again"), "{bookings:#}");
    // Every route the limiter covers, not one: each asked by a client at its limit.
    let every = checks.iter().find(|c| c["name"] == "rate-limit on, route by route").expect("every route");
    assert_eq!(every["verdict"], "pass", "{every:#}");
    let asked: usize = every["evidence"].as_str().unwrap().split(' ').next().unwrap().parse().unwrap();
    assert!(asked >= 8, "{every:#}");
    let mut after = all_keys(&lab);
    after.retain(|k| !before.contains(k));
    assert!(after.is_empty(), "the checks leave no key: {after:?}");
}
