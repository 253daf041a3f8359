//! `breaker trip-test|history|reset` against a lab.

use gatewayctl::core::checks::CheckVerdict;
use gatewayctl::report::breaker::{BreakerHistoryReport, BreakerResetReport, TripTestReport};

use crate::harness::{code, gatewayctl, json, stderr};
use crate::lab::Lab;

const LAB: &str = "[breakers.calcom_api]\nfailure_threshold = 3\nrecovery_timeout = \"2s\"\nsuccess_threshold = 3\n";

#[test]
fn trip_test_passes_then_names_the_step_where_the_lab_differs() {
    let lab = Lab::start("trip", Some(LAB));
    let config = lab.report.config.display().to_string();
    let out = gatewayctl(&["--config", &config, "breaker", "trip-test", "--format", "json"]);
    let report: TripTestReport = json(&out);
    assert_eq!(code(&out), 0, "{report:#?}");
    assert_eq!(report.checks.len(), 3 + 2 + 1 + 3);

    // A model that believes two successes close it; the lab needs three.
    let text =
        std::fs::read_to_string(&lab.report.config).unwrap().replace("success_threshold = 3", "success_threshold = 2");
    let wrong = lab.dir.join("wrong.toml");
    std::fs::write(&wrong, text).unwrap();
    let out = gatewayctl(&["--config", &wrong.display().to_string(), "breaker", "trip-test", "--format", "json"]);
    let report: TripTestReport = json(&out);
    assert_eq!(code(&out), 1);
    let failed = report.checks.iter().find(|c| c.verdict == CheckVerdict::Fail).expect("a failed step");
    assert_eq!(failed.name, "success 2 (half-open)", "{report:#?}");

    let history: BreakerHistoryReport =
        json(&gatewayctl(&["--config", &config, "breaker", "history", "--format", "json"]));
    let transitions: Vec<&str> = history.events.iter().map(|e| e.transition.as_str()).collect();
    assert_eq!(&transitions[..3], ["opened", "half-open", "closed"], "{transitions:?}");
    assert_eq!(history.opens, 2);
}

#[test]
fn trip_test_refuses_production_and_reset_asks_first() {
    let app = tempfile::tempdir().unwrap();
    let out = gatewayctl(&["--app-dir", app.path().to_str().unwrap(), "breaker", "trip-test"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("production = false"), "{}", stderr(&out));

    let lab = Lab::start("reset", None);
    let config = lab.report.config.display().to_string();
    lab.redis(&["SET", "circuit_breaker:calcom_api:state", "open"]);
    let out = crate::harness::gatewayctl_unconfirmed(&["--config", &config, "breaker", "reset"]);
    assert_eq!(code(&out), 2, "no terminal and no --yes");
    assert_eq!(lab.redis(&["GET", "circuit_breaker:calcom_api:state"]), "open");
    let dry: BreakerResetReport =
        json(&gatewayctl(&["--config", &config, "breaker", "reset", "--dry-run", "--format", "json"]));
    assert_eq!(dry.previous["circuit_breaker:calcom_api:state"].as_deref(), Some("open"));
    assert_eq!(lab.redis(&["GET", "circuit_breaker:calcom_api:state"]), "open");
    let done: BreakerResetReport =
        json(&gatewayctl(&["--config", &config, "breaker", "reset", "--yes", "--format", "json"]));
    assert_eq!(done.deleted, 1);
    assert_eq!(lab.redis(&["EXISTS", "circuit_breaker:calcom_api:state"]), "0");
    let journal = std::fs::read_to_string(lab.dir.join("state/journal.jsonl")).unwrap();
    assert!(journal.contains("\"event\":\"breaker_reset\"") && journal.contains("\"open\""), "{journal}");

    // A list at the state key is a key, which the app reads as closed: said so, never "no key".
    lab.redis(&["RPUSH", "circuit_breaker:calcom_api:state", "open"]);
    let status: serde_json::Value = json(&gatewayctl(&["--config", &config, "breaker", "status", "--format", "json"]));
    let b = &status["breakers"][0];
    assert_eq!((b["state"].as_str(), b["state_key_type"].as_str()), (Some("closed"), Some("list")), "{b:#}");
    let text = crate::harness::stdout(&gatewayctl(&["--config", &config, "breaker", "status"]));
    assert!(text.contains("closed (the key") && text.contains("holds a list,"), "{text}");
}
