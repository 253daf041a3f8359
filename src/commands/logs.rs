//! `gatewayctl logs scan|probe` (Phase 5C): the plan greps for "password"
//! and eyeballs the result. scan finds unsanitized secrets in laravel.log and
//! its rotations by the contract's rules; probe sends canary secrets to each
//! sanitized endpoint and proves each was redacted, or shows which leaked.

use std::time::Instant;

use anyhow::Context as _;

use crate::adapters::http::Http;
use crate::adapters::{logfiles, logtail};
use crate::cli::logs::{LogsCommand, ScanArgs};
use crate::commands::{canary_tag, Context};
use crate::exit;
use crate::ops::logscan::{self, ScanOptions};
use crate::report::logs::{Canary, LogFinding, LogsProbeReport, LogsScanReport};
use crate::settings::Settings;

pub async fn exec(cmd: LogsCommand, ctx: &mut Context) -> anyhow::Result<u8> {
    // Scanning named files needs no gateway; everything else reads or probes one.
    let settings = match &cmd {
        LogsCommand::Scan(args) if !args.files.is_empty() => ctx.settings()?,
        _ => ctx.gateway()?,
    };
    match cmd {
        LogsCommand::Scan(args) => {
            let spinner = ctx.out.spinner("scanning logs");
            let report = scan(&settings, &args, &mut |bytes| {
                spinner.set_message(format!("scanning logs: {} MB", bytes / (1024 * 1024)));
            })?;
            spinner.finish();
            let clean = report.total_findings == 0 && !report.saw_nothing();
            if report.saw_nothing() {
                ctx.out.warn(&format!(
                    "scanned nothing: {} file(s), 0 bytes (looked for {} and its rotations)",
                    report.files.len(),
                    settings.log_file().display()
                ));
            }
            if args.files.is_empty() {
                let summary = format!(
                    "{} file(s), {} lines, {} finding(s)",
                    report.files.len(),
                    report.lines,
                    report.total_findings
                );
                ctx.journal_outcome(&settings, "logs scan", clean, summary).await;
            }
            ctx.out.emit(&report)?;
            Ok(if clean { exit::OK } else { exit::CHECK_FAILED })
        }
        LogsCommand::Probe(args) if args.dry_run => {
            let canaries = ENDPOINTS
                .iter()
                .flat_map(|e| {
                    KINDS.iter().map(|k| Canary {
                        endpoint: e.to_string(),
                        kind: k.to_string(),
                        redacted: false,
                        evidence: "would send".into(),
                    })
                })
                .collect();
            ctx.out.emit(&LogsProbeReport { canaries, dry_run: true })?;
            Ok(exit::OK)
        }
        LogsCommand::Probe(_) => {
            ctx.confirm_change(&format!(
                "send canary secrets to the three sanitized endpoints of {}?",
                settings.file.gateway.base_url
            ))?;
            let report = probe(&settings).await?;
            let leaked = report.canaries.is_empty() || report.canaries.iter().any(|c| !c.redacted);
            ctx.out.emit(&report)?;
            Ok(if leaked { exit::CHECK_FAILED } else { exit::OK })
        }
    }
}

pub fn scan(settings: &Settings, args: &ScanArgs, progress: &mut dyn FnMut(u64)) -> anyhow::Result<LogsScanReport> {
    let files = match args.files.is_empty() {
        true => logfiles::discover(&settings.log_file()),
        false => args.files.clone(),
    };
    let started = Instant::now();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let options = ScanOptions { keep: args.max_findings, threads };
    let scans = logscan::scan_files(&files, &settings.sanitizer, &options, progress)?;
    let mut report = LogsScanReport {
        files: Vec::new(),
        lines: 0,
        bytes: 0,
        findings: Vec::new(),
        total_findings: 0,
        elapsed_ms: 0,
    };
    for scan in scans {
        report.lines += scan.lines;
        report.bytes += scan.bytes;
        report.total_findings += scan.total_findings;
        let room = args.max_findings.saturating_sub(report.findings.len());
        let shown = scan.path.display().to_string();
        report.findings.extend(scan.findings.into_iter().take(room).map(|f| LogFinding {
            file: shown.clone(),
            line: f.line,
            rule: f.rule,
            excerpt: f.excerpt,
        }));
        report.files.push(shown);
    }
    report.elapsed_ms = started.elapsed().as_millis() as u64;
    Ok(report)
}

/// The canary kinds each endpoint is sent, in the order `probe` sends them.
const KINDS: [&str; 4] = ["password", "token", "credit_card", "email"];
const ENDPOINTS: &[&str] = &["/api/webhooks/calcom", "/api/webhooks/retell", "/api/retell/collect-appointment"];
/// A test card number (Luhn-valid, never a real account).
const CANARY_CARD: &str = "4111111111111111";

pub async fn probe(settings: &Settings) -> anyhow::Result<LogsProbeReport> {
    let g = &settings.file.gateway;
    let http = Http::new(&g.base_url, g.request_timeout.0, None)?;
    let tag = canary_tag();
    let mut sent = Vec::new();
    for (i, path) in ENDPOINTS.iter().enumerate() {
        let reference = format!("gatewayctl-probe-{tag}-{}", ["a", "b", "c"][i]);
        let secrets = [
            (KINDS[0], format!("canary-password-{tag}")),
            (KINDS[1], format!("canary-token-{tag}")),
            (KINDS[2], CANARY_CARD.to_string()),
            (KINDS[3], format!("canary.{tag}@example.com")),
        ];
        let body = serde_json::json!({
            "request_ref": reference,
            "password": secrets[0].1, "token": secrets[1].1,
            "note": format!("card {}", secrets[2].1), "contact": secrets[3].1,
        });
        let answer = http
            .send("POST", path, &[], Some(&body))
            .await
            .with_context(|| format!("while sending canaries to {path}"))?;
        sent.push((path.to_string(), reference, secrets, answer.status));
    }
    let log = logtail::tail(&settings.log_file(), 4 * 1024 * 1024)
        .with_context(|| format!("while reading {}", settings.log_file().display()))?;
    let mut canaries = Vec::new();
    for (endpoint, reference, secrets, status) in sent {
        let line = log.lines().rev().find(|l| l.contains(&reference));
        for (kind, secret) in secrets {
            let (redacted, evidence) = match line {
                None => (false, format!("{endpoint} answered {status} but logged no line for the probe")),
                Some(l) if l.contains(&secret) => (false, "logged as sent".to_string()),
                Some(_) => (true, "redacted".to_string()),
            };
            canaries.push(Canary { endpoint: endpoint.clone(), kind: kind.into(), redacted, evidence });
        }
    }
    Ok(LogsProbeReport { canaries, dry_run: false })
}
