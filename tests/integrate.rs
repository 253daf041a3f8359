//! `integrate input-validation` against a real lab: the impact preview
//! predicts, payload by payload, what the wired gateway then answers; the
//! fix is observed on, off after its rollback, and on again after undo
//! with the file byte-identical; a preview of nothing is no pass.

use gatewayctl::core::checks::CheckVerdict;
use gatewayctl::core::validation_impact;
use gatewayctl::report::integrate::{IntegrateReport, IntegrateStatus};
use gatewayctl::report::rollback::{FeatureStatus, RollbackReport};

use crate::harness::{code, gatewayctl, json, stderr};
use crate::lab::Lab;

const HANDLER: &str = "app/app/Http/Controllers/RetellFunctionCallHandler.php";

fn run(lab: &Lab, args: &[&str]) -> std::process::Output {
    let config = lab.report.config.display().to_string();
    let mut all = vec!["--config", config.as_str()];
    all.extend_from_slice(args);
    all.extend(["--format", "json"]);
    gatewayctl(&all)
}

fn passed(checks: &[gatewayctl::core::checks::Check], name: &str) -> bool {
    checks.iter().any(|c| c.name == name && c.verdict == CheckVerdict::Pass)
}

#[test]
fn the_preview_predicts_each_answer_and_the_fix_is_observed_on_off_on() {
    let lab = Lab::start("integrate", None);
    let http = lab.http(None);
    let handler = lab.dir.join(HANDLER);
    let original = std::fs::read(&handler).unwrap();

    // The preview, on the lab's own Retell traffic.
    let out = run(&lab, &["integrate", "input-validation", "--impact", "--since", "all"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let preview: IntegrateReport = json(&out);
    let impact = preview.impact.expect("a preview");
    assert!(impact.payloads >= 50 && impact.refused > 0 && impact.refused < impact.payloads, "{impact:#?}");
    assert!(impact.sanitized > 0, "hashed emails are counted apart: {impact:#?}");
    assert!(impact.rules.iter().any(|r| r.field == "phone" && r.rule == "regex"), "{impact:#?}");
    assert!(!impact.rules.iter().any(|r| r.example.chars().any(|c| c.is_ascii_digit() && c != '9')), "masked");
    assert_eq!(std::fs::read(&handler).unwrap(), original, "a preview changes nothing");

    // The logged payloads, where they were logged.
    let logged: Vec<(String, serde_json::Value)> = lab
        .laravel_log()
        .lines()
        .enumerate()
        .filter_map(|(i, l)| validation_impact::payload(l).map(|p| (format!("laravel.log:{}", i + 1), p.body.into())))
        .collect();
    assert_eq!(logged.len(), impact.payloads + impact.sanitized);

    // Wired, proven, live, observed on.
    let out = run(&lab, &["integrate", "input-validation"]);
    let wired: IntegrateReport = json(&out);
    assert_eq!((code(&out), wired.status), (0, IntegrateStatus::Wired), "{:#?}", wired.checks);
    assert!(passed(&wired.checks, "input-validation on"), "{:#?}", wired.checks);
    let integrated = std::fs::read(&handler).unwrap();

    // Each payload replayed over HTTP: predicted refused ⇔ answered 422.
    let mut observed = 0;
    for (at, body) in &logged {
        let got = lab.send(&http, "POST", "/api/retell/collect-appointment", &[], Some(body));
        let predicted = impact.refused_at.contains(at);
        assert_eq!(
            got.status == 422,
            predicted,
            "{at}: predicted refused {predicted}, got {} {}",
            got.status,
            got.body
        );
        assert!(got.status == 422 || got.status == 200, "{at}: {}", got.status);
        observed += usize::from(got.status == 422);
    }
    assert_eq!(observed, impact.refused + impact.sanitized_refused);

    // A second integrate changes nothing and still proves it on.
    let again: IntegrateReport = json(&run(&lab, &["integrate", "input-validation"]));
    assert_eq!(again.status, IntegrateStatus::AlreadyWired);
    assert!(passed(&again.checks, "input-validation on"), "{:#?}", again.checks);

    // The plan's rollback: observed off; undo: observed on, byte-identical.
    let out = run(&lab, &["rollback", "input-validation"]);
    let off: RollbackReport = json(&out);
    assert_eq!((code(&out), off.features[0].status), (0, FeatureStatus::RolledBack), "{:#?}", off.checks);
    assert!(passed(&off.checks, "input-validation off"), "{:#?}", off.checks);
    let markup =
        serde_json::json!({"name": "<script>x</script>", "date": "2026-12-01", "time": "10:00", "service_id": 1});
    assert_eq!(lab.send(&http, "POST", "/api/retell/collect-appointment", &[], Some(&markup)).status, 200);
    let out = run(&lab, &["rollback", "undo", "input-validation"]);
    let on: RollbackReport = json(&out);
    assert_eq!(code(&out), 0, "{:#?}", on.checks);
    assert!(passed(&on.checks, "input-validation on"), "{:#?}", on.checks);
    assert_eq!(std::fs::read(&handler).unwrap(), integrated, "byte-identical to the integrated file after undo");
    let got = lab.send(&http, "POST", "/api/retell/collect-appointment", &[], Some(&markup));
    assert_eq!(got.status, 422, "{}", got.body);
}

#[test]
fn a_preview_of_nothing_is_no_pass_and_a_handler_in_another_shape_is_refused() {
    let lab = Lab::start("integrate-refusals", None);
    let log = lab.dir.join("app/storage/logs/laravel.log");
    std::fs::write(&log, "").unwrap();
    let out = run(&lab, &["integrate", "input-validation", "--impact"]);
    assert_eq!(code(&out), 1, "no payload: no evidence: {}", stderr(&out));
    let report: IntegrateReport = json(&out);
    assert_eq!(report.impact.unwrap().payloads, 0);

    // A handler whose request is untyped: refused with its line, nothing changed.
    let handler = lab.dir.join(HANDLER);
    let text = std::fs::read_to_string(&handler)
        .unwrap()
        .replace("collectAppointment(Request $request)", "collectAppointment($request)");
    std::fs::write(&handler, &text).unwrap();
    let out = run(&lab, &["integrate", "input-validation"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("RetellFunctionCallHandler.php:line 13"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&handler).unwrap(), text);
    assert!(
        !lab.dir.join("state/journal.jsonl").exists()
            || !std::fs::read_to_string(lab.dir.join("state/journal.jsonl")).unwrap().contains("integrate_started")
    );
}

#[test]
fn the_runbooks_optional_step_wires_it_only_when_asked() {
    let lab = Lab::start("integrate-runbook", None);
    let handler = lab.dir.join(HANDLER);
    let original = std::fs::read(&handler).unwrap();
    let out = run(&lab, &["activate"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(std::fs::read(&handler).unwrap(), original, "off by default");
    let out = run(&lab, &["activate", "--with", "integrate.input-validation"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report: gatewayctl::report::activate::ActivateReport = json(&out);
    let step = report.phases.iter().flat_map(|p| &p.steps).find(|s| s.id == "integrate.input-validation").unwrap();
    assert!(passed(&step.checks, "input-validation on"), "{:#?}", step.checks);
    assert!(step.checks.iter().any(|c| c.name == "impact" && c.evidence.contains("would have been refused")));
    let out = run(&lab, &["activate", "--with", "nope"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
}

#[test]
fn integrate_killed_at_random_moments_is_whole_and_a_rerun_finishes_it() {
    let lab = Lab::start("integrate-kill", None);
    let handler = lab.dir.join(HANDLER);
    let config = lab.report.config.display().to_string();
    let mut rng =
        crate::lab::Rng::new(std::env::var("GATEWAYCTL_FAULT_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(15));
    for round in 0..4 {
        let before = std::fs::read_to_string(&handler).unwrap();
        let edits = gatewayctl::core::rollback::validation::wire(&before).unwrap();
        let wired = gatewayctl::core::rollback::apply(&before, &edits);
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gatewayctl"))
            .args(["--config", &config, "--yes", "integrate", "input-validation"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(rng.below(1200)));
        let _ = child.kill();
        let _ = child.wait();
        let now = std::fs::read_to_string(&handler).unwrap();
        assert!(now == before || now == wired, "round {round}: the handler is neither as before nor wired");
        // The rerun finishes whatever the kill left, and proves it on.
        let out = run(&lab, &["integrate", "input-validation"]);
        let report: IntegrateReport = json(&out);
        assert_eq!(code(&out), 0, "round {round}: {:#?}", report.checks);
        assert!(passed(&report.checks, "input-validation on"), "round {round}: {:#?}", report.checks);
        assert_eq!(std::fs::read_to_string(&handler).unwrap(), wired, "round {round}");
        let status: gatewayctl::report::status::StatusReport = json(&run(&lab, &["status"]));
        assert!(!status.owed.iter().any(|o| o.step.starts_with("integrate")), "round {round}: {:?}", status.owed);
        // Off again for the next round.
        assert_eq!(code(&run(&lab, &["rollback", "input-validation"])), 0, "round {round}");
    }
}

const REAL_HANDLER: &str = include_str!("data/askproai/RetellFunctionCallHandler.php");
const REAL_REQUEST: &str = include_str!("data/askproai/CollectAppointmentRequest.php");

/// The real baseline's shape (`tests/data/askproai`): the handler already
/// validated, its data mapped from the nested `args` by the FormRequest.
#[test]
fn on_the_real_handlers_shape_the_rollback_keeps_what_it_reads_and_undo_is_byte_exact() {
    let lab = Lab::start("integrate-real-shape", None);
    let http = lab.http(None);
    let handler = lab.dir.join(HANDLER);
    std::fs::write(&handler, REAL_HANDLER).unwrap();
    std::fs::write(lab.dir.join("app/app/Http/Requests/CollectAppointmentRequest.php"), REAL_REQUEST).unwrap();
    assert_eq!(code(&run(&lab, &["reload"])), 0);
    let call = serde_json::json!({
        "call": {"call_id": "call_8f2"},
        "args": {"date": "2026-12-24", "time": "10:30", "customer_name": "Anna <b>Muster</b>", "service": "Beratung"}
    });
    let path = "/api/retell/collect-appointment";
    let before = lab.send(&http, "POST", path, &[], Some(&call));
    assert_eq!(before.status, 200, "{}", before.body);
    assert!(before.body.contains("\"datum\":\"2026-12-24\"") && before.body.contains("Anna Muster"), "{}", before.body);

    // A FormRequest the guard cannot read is refused, never waved through.
    let request = lab.dir.join("app/app/Http/Requests/CollectAppointmentRequest.php");
    std::fs::write(&request, b"<?php \xff\xfe").unwrap();
    let out = run(&lab, &["rollback", "input-validation", "--dry-run"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("validated(), safe()) is unknown; refusing"), "{}", stderr(&out));
    std::fs::write(&request, REAL_REQUEST).unwrap();

    let out = run(&lab, &["rollback", "input-validation", "--dry-run"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let planned: RollbackReport = json(&out);
    let diff = planned.features[0].diffs.join("\n");
    assert_eq!(
        diff.matches("+        $request = CollectAppointmentRequest::createFrom($request);").count(),
        3,
        "{diff}"
    );
    assert!(!diff.contains("->all()"), "{diff}");
    assert_eq!(std::fs::read_to_string(&handler).unwrap(), REAL_HANDLER, "a dry run changes nothing");
    // The replay: requests made from the FormRequest's rules, through the
    // three methods, read the same data before and after.
    let replay = planned.checks.iter().find(|c| c.name == "handler replay").expect("a replay");
    assert_eq!(replay.verdict, CheckVerdict::Pass, "{replay:#?}");
    assert!(
        replay.evidence.contains("collectAppointment(), checkAvailabilityV17(), bookAppointmentV17()"),
        "{replay:#?}"
    );

    // The plan's own edit, `->all()` by hand: the replay sees it read the
    // raw payload where the mapped data was, and refuses it.
    let by_hand = REAL_HANDLER
        .replace("collectAppointment(CollectAppointmentRequest $request)", "collectAppointment(Request $request)")
        .replace("$validatedData = $request->getAppointmentData();", "$validatedData = $request->all();");
    let change = gatewayctl::core::journal::FileChange {
        path: "app/Http/Controllers/RetellFunctionCallHandler.php".into(),
        original_sha256: String::new(),
        original: REAL_HANDLER.into(),
        edited_sha256: String::new(),
        edited: by_hand,
    };
    let planned_by_hand = [(gatewayctl::core::rollback::Feature::InputValidation, vec![change])];
    let (proof, _) = lab.rt.block_on(gatewayctl::ops::rollback::prove(&lab.settings, &planned_by_hand)).unwrap();
    let replay = proof.iter().find(|c| c.name == "handler replay").expect("a replay");
    assert_eq!(replay.verdict, CheckVerdict::Fail, "{replay:#?}");
    assert!(replay.evidence.contains("through collectAppointment(): read 1 (collectAppointment#0) answered {datum, dienstleistung, duration, email, name, uhrzeit} before, {args} after"), "{replay:#?}");
    assert!(
        proof.iter().any(|c| c.name == "php -l" && c.verdict == CheckVerdict::Pass),
        "syntax alone passes: {proof:#?}"
    );
    assert!(!replay.evidence.contains("Gatewayctl Probe"), "shapes, never values: {}", replay.evidence);
    // An edit that takes the whole PHP process down is the edit's doing, not an unknown.
    let mut fatal = planned_by_hand[0].1[0].clone();
    fatal.edited = REAL_HANDLER.replace("$data = $request->getAppointmentData();\n\n", "exit(3);\n\n");
    let planned_fatal = [(gatewayctl::core::rollback::Feature::InputValidation, vec![fatal])];
    let (proof, _) = lab.rt.block_on(gatewayctl::ops::rollback::prove(&lab.settings, &planned_fatal)).unwrap();
    let replay = proof.iter().find(|c| c.name == "handler replay").expect("a replay");
    assert_eq!(replay.verdict, CheckVerdict::Fail, "{replay:#?}");
    assert!(replay.evidence.starts_with("the original handler replayed, the edited one did not"), "{replay:#?}");

    let out = run(&lab, &["rollback", "input-validation"]);
    let off: RollbackReport = json(&out);
    assert_eq!((code(&out), off.features[0].status), (0, FeatureStatus::RolledBack), "{:#?}", off.checks);
    // The same call reads the same data, unvalidated now.
    let after = lab.send(&http, "POST", path, &[], Some(&call));
    assert_eq!((after.status, &after.body), (before.status, &before.body));
    let markup = serde_json::json!({"args": {"datum": "2026-12-24", "uhrzeit": "10:30", "name": "x", "duration": 5}});
    assert_eq!(lab.send(&http, "POST", path, &[], Some(&markup)).status, 200, "validation is off");

    // Undo: the file byte for byte. (Observing it on uses the contract
    // lab's flat payload, which this shape refuses: only that check may fail.)
    let out = run(&lab, &["rollback", "undo", "input-validation"]);
    let on: RollbackReport = json(&out);
    assert_eq!(std::fs::read_to_string(&handler).unwrap(), REAL_HANDLER);
    assert!(on.checks.iter().all(|c| c.verdict.is_good() || c.name == "input-validation on"), "{:#?}", on.checks);
    assert_eq!(lab.send(&http, "POST", path, &[], Some(&markup)).status, 422, "validation is on again");
}
