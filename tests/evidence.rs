//! No verdict without evidence: each source a command relies on is removed in
//! turn (the app dir, the log, Redis, the gateway), and the verdict must not
//! be a pass. Inputs must be what they claim (paths, bounds, secrets masked).

use gatewayctl::core::checks::{CheckVerdict, GoNoGo};
use gatewayctl::report::config::{ConfigCheckReport, ConfigShowReport};
use gatewayctl::report::preflight::PreflightReport;
use gatewayctl::report::rollback::{FeatureStatus, RollbackReport};
use gatewayctl::report::verify::VerifyReport;

use crate::harness::{code, gatewayctl, json, stderr, stdout, ConfigFile};
use crate::lab::Lab;

fn run(lab: &Lab, args: &[&str]) -> std::process::Output {
    let config = lab.report.config.display().to_string();
    let mut all = vec!["--config", config.as_str()];
    all.extend_from_slice(args);
    gatewayctl(&all)
}

fn check<'a>(report: &'a PreflightReport, name: &str) -> &'a gatewayctl::core::checks::Check {
    report.checks.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no {name} check: {:#?}", report.checks))
}

#[test]
fn preflight_is_no_go_on_a_directory_that_is_not_the_gateway() {
    let lab = Lab::start("evidence-app", None);
    for dir in ["/etc/passwd", "/tmp"] {
        let out = run(&lab, &["--app-dir", dir, "preflight", "--format", "json"]);
        let report: PreflightReport = json(&out);
        assert_eq!((code(&out), report.decision), (1, GoNoGo::NoGo), "{dir}: {:#?}", report.checks);
        let app = check(&report, "app dir");
        assert_eq!(app.verdict, CheckVerdict::Fail, "{app:?}");
        assert!(app.evidence.contains("is not a Laravel app"), "{app:?}");
        assert_eq!(check(&report, "integration").verdict, CheckVerdict::Fail, "none of the plan's fixes is there");
    }
    let out = run(&lab, &["--app-dir", "/etc/passwd", "activate", "--yes"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let out = run(&lab, &["--app-dir", "/nonexistent/app", "rollback", "rate-limit", "--dry-run"]);
    assert_eq!(code(&out), 2, "a dry run against no app is an error, not a plan: {}", stderr(&out));
}

#[test]
fn a_log_file_typo_is_never_a_pass_while_the_real_log_has_errors() {
    let lab = Lab::start("evidence-log", None);
    let log = lab.dir.join("app/storage/logs/laravel.log");
    let now = chrono::Utc::now().format("%Y-%m-%d %H:%M:%S");
    // The app's abuse alarm on gatewayctl's own stress key, as askproai logs it: its checks' doing.
    let own = format!(
        "[{now}] production.CRITICAL: Potential API abuse detected {{\"identifier\":\"api:gatewayctl-stress-77-1796670796532\",\"violations\":11}} \n\
         [{now}] production.CRITICAL: Client blocked due to API abuse {{\"identifier\":\"api:gatewayctl-stress-77-1796670796532\"}} \n"
    );
    std::fs::write(&log, &own).unwrap();
    let out = run(&lab, &["preflight", "--format", "json"]);
    let report: PreflightReport = json(&out);
    let errors = check(&report, "recent errors");
    assert_eq!(errors.verdict, CheckVerdict::Pass, "{errors:?}");
    assert!(errors.evidence.contains("2 more discounted") && errors.evidence.contains("stress"), "{errors:?}");
    let user = format!("[{now}] production.ERROR: SQLSTATE[HY000] [2002] Connection refused\n");
    std::fs::write(&log, format!("{own}{user}")).unwrap();
    let out = run(&lab, &["preflight", "--format", "json"]);
    let report: PreflightReport = json(&out);
    let errors = check(&report, "recent errors");
    assert_eq!(errors.verdict, CheckVerdict::Fail, "the right log: NO-GO");
    assert!(errors.evidence.starts_with("1 ERROR/CRITICAL") && errors.evidence.contains("SQLSTATE"), "{errors:?}");

    let config = std::fs::read_to_string(&lab.report.config).unwrap();
    let typo = lab.dir.with_extension("typo.toml");
    let typoed = config.replace("log_file = \"storage/logs/laravel.log\"", "log_file = \"storage/logs/laravell.log\"");
    assert_ne!(typoed, config);
    std::fs::write(&typo, typoed).unwrap();
    let out = gatewayctl(&["--config", &typo.display().to_string(), "preflight", "--format", "json"]);
    let report: PreflightReport = json(&out);
    let errors = check(&report, "recent errors");
    assert_eq!((code(&out), report.decision), (1, GoNoGo::NoGo), "{errors:?}");
    assert_eq!(errors.verdict, CheckVerdict::Unknown);
    assert!(errors.evidence.contains("laravel.log"), "the log beside it is named: {errors:?}");
}

#[test]
fn verify_and_activate_with_a_dependency_down_never_pass() {
    let lab = Lab::start("evidence-deps", None);
    let redis = lab.report.processes.iter().find(|p| p.name == "redis-server").unwrap().pid;
    gatewayctl::adapters::process::stop(redis, libc::SIGTERM, std::time::Duration::from_secs(5));
    let out = run(&lab, &["activate", "--yes"]);
    assert_eq!(code(&out), 3, "Redis down is a dependency unreachable: {}", stderr(&out));
    let out = run(&lab, &["verify", "--format", "json"]);
    let report: VerifyReport = json(&out);
    assert_eq!((code(&out), report.decision), (3, GoNoGo::NoGo), "one code for Redis down: {:#?}", report.checks);

    let nginx = lab.report.processes.iter().find(|p| p.name == "nginx").unwrap().pid;
    gatewayctl::adapters::process::stop(nginx, libc::SIGTERM, std::time::Duration::from_secs(5));
    let out = run(&lab, &["preflight", "--format", "json"]);
    let report: PreflightReport = json(&out);
    assert_eq!(report.decision, GoNoGo::NoGo);
    assert_eq!(check(&report, "health").verdict, CheckVerdict::Fail);
}

#[test]
fn undo_dry_run_says_what_it_would_restore() {
    let lab = Lab::start("evidence-undo", None);
    let out = run(&lab, &["rollback", "rate-limit", "--no-cache", "--no-reload"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = run(&lab, &["rollback", "undo", "rate-limit", "--dry-run"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("would restore") && !stdout(&out).contains("would roll back"), "{}", stdout(&out));
    let out = run(&lab, &["rollback", "undo", "rate-limit", "--dry-run", "--format", "json"]);
    let report: RollbackReport = json(&out);
    assert_eq!(report.features[0].status, FeatureStatus::WouldRestore);
    assert!(report.features[0].diffs[0].contains("+        'api.rate-limit',"), "{:?}", report.features);
}

#[test]
fn config_bounds_hosts_and_secrets() {
    let text = "[gateway]\nhealth_path = \"//127.0.0.2:18080/api/health\"\n\n[watch]\nwebhook = \"https://hooks.slack.com/services/T00/B00/s3cr3tT0k3n\"\n\n[[rate_limit.buckets]]\nname = \"b\"\npaths = [\"*\"]\nlimit = 5\nwindow = \"18446744073709551s\"\n";
    let config = ConfigFile::new(text);
    let file = config.path.to_str().unwrap();
    let out = gatewayctl(&["config", "check", file, "--format", "json"]);
    let report: ConfigCheckReport = json(&out);
    assert_eq!(code(&out), 1);
    let keys: Vec<&str> = report.problems.iter().filter_map(|p| p.key.as_deref()).collect();
    assert!(keys.contains(&"gateway.health_path"), "{keys:?}");
    assert!(keys.contains(&"rate_limit.buckets[0].window"), "{keys:?}");

    let good = ConfigFile::new("[watch]\nwebhook = \"https://hooks.slack.com/services/T00/B00/s3cr3tT0k3n\"\n");
    for format in ["human", "json"] {
        let out = gatewayctl(&["--config", good.path.to_str().unwrap(), "config", "show", "--format", format]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        assert!(!stdout(&out).contains("s3cr3tT0k3n"), "{format}: {}", stdout(&out));
        if format == "json" {
            let shown: ConfigShowReport = json(&out);
            assert_eq!(shown.config["watch"]["webhook"].as_str(), Some("https://hooks.slack.com/***"));
        }
    }
}

#[test]
fn verify_refuses_a_route_the_gateway_does_not_have() {
    let lab = Lab::start("evidence-verify", None);
    // Refused before anything is sent, with the route it meant.
    let out = run(&lab, &["verify", "--route", "POST /api/v2/availability/simpel", "--format", "json"]);
    let said = crate::harness::stderr(&out);
    assert_eq!(code(&out), 2, "{said}");
    assert!(said.contains("is not a route of the gateway; nothing was sent"), "{said}");
    assert!(said.contains("did you mean POST /api/v2/availability/simple?"), "{said}");
    let out = run(&lab, &["verify", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", crate::harness::stdout(&out));
}

/// A hostile log line quoted as evidence: its secret is masked (human and
/// JSON), and its escape sequences (clear the screen, retitle the window, a
/// bell) are shown as text, never sent to the terminal.
#[test]
fn a_hostile_log_line_is_quoted_masked_and_inert() {
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path().join("app");
    std::fs::create_dir_all(&app).unwrap();
    let ts = chrono::Utc::now().format("%Y-%m-%d %H:%M:%S");
    std::fs::write(
        app.join("laravel.log"),
        format!("[{ts}] lab.ERROR: boom \x1b[2J\x1b]0;pwned\x07 password=hunter2secret \u{202e}exe.txt {{\"exception\":\"x\"}}\n"),
    )
    .unwrap();
    let config = ConfigFile::new(&format!(
        "[gateway]\napp_dir = {app:?}\nlog_file = \"laravel.log\"\nbase_url = \"http://127.0.0.1:1\"\n[redis]\nurl = \"redis://127.0.0.1:1/0\"\nconnect_timeout = \"1s\"\n[state]\ndir = {:?}\n",
        dir.path().join("state")
    ));
    let config = config.path.to_str().unwrap();
    for columns in ["80", "1000"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_gatewayctl"))
            .args(["--config", config, "preflight"])
            .env("COLUMNS", columns)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let all = [out.stdout.as_slice(), out.stderr.as_slice()].concat();
        let text = String::from_utf8_lossy(&all);
        assert!(text.contains("boom"), "the line is quoted: {text}");
        assert!(!all.contains(&0x1b) && !all.contains(&0x07), "an escape reached the terminal: {text:?}");
        assert!(!text.contains('\u{202e}'), "{text:?}");
        if columns == "1000" {
            // Wide enough for no cell to wrap: the escapes read as text, the secret masked.
            assert!(text.contains("\\x1b[2J") && text.contains("password=hu***"), "{text}");
        }
        assert!(!text.contains("hunter2secret"), "{text}");
    }
    let json = stdout(&gatewayctl(&["--config", config, "preflight", "--format", "json"]));
    assert!(json.contains("password=hu***") && !json.contains("hunter2secret"), "{json}");
}
