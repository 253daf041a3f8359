//! `logs scan` on a corpus with planted secrets and decoys (rotations and
//! gzip included), and `logs probe` against a lab before and after the
//! sanitizer is rolled back.

use std::collections::BTreeSet;
use std::io::Write;

use gatewayctl::report::logs::{LogsProbeReport, LogsScanReport};

use crate::harness::{code, gatewayctl, json, stderr};
use crate::lab::Lab;

/// (line text, the rule it must raise, or None for a decoy)
const CORPUS: &[(&str, Option<&str>)] = &[
    ("[2026-11-25 10:00:00] production.INFO: API request {\"method\":\"POST\",\"status\":201,\"identity\":\"3a96e9c964e5748305804256c31f5bcf\"} ", None),
    ("[2026-11-25 10:00:01] production.INFO: Retell webhook received {\"password\":\"hunter2\"} ", Some("password")),
    ("[2026-11-25 10:00:02] production.INFO: hook {\"client_secret\":\"s3\",\"x\":1} ", Some("secret")),
    ("[2026-11-25 10:00:03] production.INFO: GET /callback?code=1&access_token=abc123", Some("token")),
    ("X-Api-Key: live-key-998877", Some("api_key")),
    ("[2026-11-25 10:00:04] production.INFO: h {\"Authorization\":\"Bearer eyJhbGciOi\"} ", Some("authorization")),
    ("[2026-11-25 10:00:05] production.INFO: h {\"cookie\":\"laravel_session=abc\"} ", Some("cookie")),
    ("[2026-11-25 10:00:06] production.INFO: pay {\"note\":\"card 4111-1111-1111-1111\"} ", Some("credit_card")),
    ("[2026-11-25 10:00:07] production.INFO: to {\"contact\":\"jane.doe@example.org\"} ", Some("email")),
    // Decoys: already redacted, hashed, not Luhn, prose.
    ("[2026-11-25 10:00:08] production.INFO: hook {\"password\":\"[REDACTED]\",\"token\":null} ", None),
    ("[2026-11-25 10:00:09] production.INFO: to {\"contact\":\"96d9632f3635@example.com\"} ", None),
    ("[2026-11-25 10:00:10] production.INFO: order {\"order\":\"4111111111111112\"} ", None),
    ("[2026-11-25 10:00:11] production.WARNING: Password reset requested; token expired", None),
    ("[2026-11-25 10:00:12] production.INFO: GET /callback?access_token=%5BREDACTED%5D", None),
];

fn write_corpus(dir: &std::path::Path) -> BTreeSet<(String, u64, String)> {
    let logs = dir.join("storage/logs");
    std::fs::create_dir_all(&logs).unwrap();
    let mut planted = BTreeSet::new();
    let names = ["laravel.log", "laravel.log.1", "laravel.log.2.gz"];
    for (n, name) in names.iter().enumerate() {
        let mut text = String::new();
        for (i, (line, rule)) in CORPUS.iter().enumerate() {
            // Spread the lines over the three files.
            if i % names.len() == n {
                text.push_str(line);
                text.push('\n');
                if let Some(rule) = rule {
                    planted.insert((
                        logs.join(name).display().to_string(),
                        text.lines().count() as u64,
                        rule.to_string(),
                    ));
                }
            }
        }
        let path = logs.join(name);
        if name.ends_with(".gz") {
            let mut enc =
                flate2::write::GzEncoder::new(std::fs::File::create(&path).unwrap(), flate2::Compression::default());
            enc.write_all(text.as_bytes()).unwrap();
            enc.finish().unwrap();
        } else {
            std::fs::write(&path, text).unwrap();
        }
    }
    planted
}

#[test]
fn scan_finds_every_planted_secret_and_no_decoy() {
    let dir = tempfile::tempdir().unwrap();
    let planted = write_corpus(dir.path());
    let out = gatewayctl(&["--app-dir", &dir.path().display().to_string(), "logs", "scan", "--format", "json"]);
    assert_eq!(code(&out), 1, "findings exit 1: {}", stderr(&out));
    let report: LogsScanReport = json(&out);
    assert_eq!(report.files.len(), 3, "{:?}", report.files);
    assert_eq!(report.lines, CORPUS.len() as u64);
    let found: BTreeSet<(String, u64, String)> =
        report.findings.iter().map(|f| (f.file.clone(), f.line, f.rule.clone())).collect();
    assert_eq!(found, planted);
    for secret in ["hunter2", "abc123", "live-key-998877", "eyJhbGciOi", "4111-1111-1111-1111", "jane.doe"] {
        assert!(report.findings.iter().all(|f| !f.excerpt.contains(secret)), "{secret} shown unmasked");
    }
}

#[test]
fn probe_passes_then_fails_once_the_sanitizer_is_rolled_back() {
    let lab = Lab::start("probe", None);
    let config = lab.report.config.display().to_string();
    let out = gatewayctl(&["--config", &config, "logs", "probe", "--format", "json"]);
    let report: LogsProbeReport = json(&out);
    assert_eq!(code(&out), 0, "{report:#?}");
    assert_eq!(report.canaries.len(), 12, "4 canaries on each of 3 endpoints");
    assert!(report.canaries.iter().all(|c| c.redacted));

    let out = gatewayctl(&["--config", &config, "rollback", "log-sanitizer"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = gatewayctl(&["--config", &config, "logs", "probe", "--format", "json"]);
    let report: LogsProbeReport = json(&out);
    assert_eq!(code(&out), 1);
    assert!(report.canaries.iter().all(|c| !c.redacted), "{report:#?}");
    let scan = gatewayctl(&["--config", &config, "logs", "scan", "--format", "json"]);
    assert_eq!(code(&scan), 1, "scan finds what the probe leaked");
}

#[test]
fn scanning_nothing_is_not_clean() {
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path().display().to_string();
    let out = gatewayctl(&["--app-dir", &app, "logs", "scan"]);
    assert_eq!(code(&out), 1, "no log file: {}", crate::harness::stdout(&out));
    assert!(crate::harness::stdout(&out).contains("unknown"), "{}", crate::harness::stdout(&out));
    assert!(!crate::harness::stdout(&out).contains("no unsanitized secret found"));
    std::fs::create_dir_all(dir.path().join("storage/logs")).unwrap();
    std::fs::write(dir.path().join("storage/logs/laravel.log"), "").unwrap();
    let out = gatewayctl(&["--app-dir", &app, "logs", "scan", "--format", "json"]);
    let report: LogsScanReport = json(&out);
    assert_eq!((code(&out), report.bytes), (1, 0), "an empty log proves nothing clean");
}
