//! The payloads the gateway logged, and their replay through the app's
//! own code: the `Retell collect appointment` payloads in laravel.log and
//! its rotations (the tool's own probes left out), replayed through the
//! FormRequest's real rules by PHP itself, on a shadow copy of the app, for
//! the input-validation impact preview; the newest of them for the
//! rollback's handler replay. No request reaches the gateway.

use std::time::Duration;

use anyhow::Context as _;

use crate::adapters::{files, logfiles};
use crate::core::own;
use crate::core::validation_impact::{self, Impact, Payload, ReplayVerdict};
use crate::ops::error::Refused;
use crate::ops::shadow::{self, Seal, Shadow};
use crate::settings::Settings;

const REPLAY: &str = include_str!("validation_replay.php");
/// Payloads kept for one replay: a bound on memory and on the PHP run.
const MAX_PAYLOADS: usize = 200_000;
/// Below this many payloads a second PHP process costs more than it saves.
const PER_PROCESS_MIN: usize = 2_000;
/// A replay process past this is stopped (200,000 payloads on 4 cores take about 5 s).
const REPLAY_TIMEOUT: Duration = Duration::from_secs(300);

/// Reads the payloads logged in the last `since` (all when `None`),
/// leaving out the tool's own probes; also returns how many probes.
fn read_payloads(settings: &Settings, since: Option<Duration>) -> anyhow::Result<(Vec<Payload>, usize)> {
    let files = logfiles::discover(&settings.log_file());
    if files.is_empty() {
        return Err(Refused(format!(
            "{} and its rotations not found: there is no traffic to preview the validation on",
            settings.log_file().display()
        ))
        .into());
    }
    let cutoff = since.map(|d| {
        (chrono::Utc::now() - chrono::Duration::from_std(d).unwrap_or_default()).format("%Y-%m-%d %H:%M:%S").to_string()
    });
    let mut payloads = Vec::new();
    let mut probes = 0;
    for file in &files {
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let mut number = 0usize;
        logfiles::for_each_chunk(file, |chunk| {
            let chunk = chunk.strip_suffix(b"\n").unwrap_or(chunk);
            for line in chunk.split(|&b| b == b'\n') {
                number += 1;
                if payloads.len() >= MAX_PAYLOADS || memchr::memmem::find(line, b"Retell collect appointment").is_none()
                {
                    continue;
                }
                let Some(mut p) = std::str::from_utf8(line).ok().and_then(validation_impact::payload) else { continue };
                if cutoff.as_ref().is_some_and(|c| p.ts.as_str() < c.as_str()) {
                    continue;
                }
                p.at = format!("{name}:{number}");
                let probe = p.body.get("name").and_then(|n| n.as_str()).is_some_and(|n| n.starts_with(own::PROBE_NAME));
                if probe {
                    probes += 1;
                } else {
                    payloads.push(p);
                }
            }
        })
        .with_context(|| format!("while reading {}", file.display()))?;
    }
    Ok((payloads, probes))
}

/// The most recent `max` payloads logged, none when there is no log: the
/// rollback's handler replay uses them where the log has them. The live log
/// is read before its rotations, so recency is the logged time, not the order read.
/// The newest `max` logged payloads; an error where the log exists and
/// cannot be read (then "0 logged" would be a guess). No log at all is none.
pub(crate) fn logged_payloads(settings: &Settings, max: usize) -> Result<Vec<Payload>, String> {
    if logfiles::discover(&settings.log_file()).is_empty() {
        return Ok(Vec::new());
    }
    let mut payloads = read_payloads(settings, None).map(|(p, _)| p).map_err(|e| format!("{e:#}"))?;
    payloads.sort_by(|a, b| a.ts.cmp(&b.ts));
    let drop = payloads.len().saturating_sub(max);
    payloads.drain(..drop);
    Ok(payloads)
}

/// The impact preview: the logged payloads through the FormRequest, by PHP, on a shadow.
pub async fn impact(settings: &Settings, since: Option<Duration>) -> anyhow::Result<Impact> {
    let settings = settings.clone();
    crate::ops::blocking::run("impact", move || impact_blocking(&settings, since))
        .await
        .map_err(|c| anyhow::anyhow!("{}", c.evidence))?
}

fn impact_blocking(settings: &Settings, since: Option<Duration>) -> anyhow::Result<Impact> {
    crate::settings::require_app_dir(settings)?;
    let (payloads, probes) = read_payloads(settings, since)?;
    let redaction = settings.file.sanitizer.redaction.clone();
    if payloads.is_empty() {
        return Ok(validation_impact::tally(&[], &[], &redaction, probes));
    }
    let capped = payloads.len() >= MAX_PAYLOADS;
    let shadow = Shadow::fresh(settings)?;
    let script = shadow
        .script("gatewayctl-validation-replay.php", REPLAY)
        .context("while writing the replay into the shadow")?;
    // One PHP process per core (each boots the app once): the replay is
    // CPU-bound, about 0.1 ms a payload.
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()).min(4);
    let per = payloads.len().div_ceil(cores).max(PER_PROCESS_MIN);
    let mut inputs = Vec::new();
    for (i, part) in payloads.chunks(per).enumerate() {
        let input = shadow.dir.join(format!("gatewayctl-payloads-{i}.json"));
        let bodies: Vec<&serde_json::Map<String, serde_json::Value>> = part.iter().map(|p| &p.body).collect();
        // Callers' names and phones: readable by this user only, and gone with the shadow.
        files::write_private(&input, &serde_json::to_vec(&bodies)?)
            .with_context(|| format!("while writing {}", input.display()))?;
        inputs.push(input);
    }
    let php = &settings.file.gateway.php;
    let parts: Vec<anyhow::Result<Vec<ReplayVerdict>>> = std::thread::scope(|s| {
        let running: Vec<_> = inputs.iter().map(|input| s.spawn(|| replay(php, &script, &shadow.dir, input))).collect();
        running
            .into_iter()
            .map(|r| r.join().unwrap_or_else(|_| Err(anyhow::anyhow!("a replay thread panicked"))))
            .collect()
    });
    let mut verdicts = Vec::with_capacity(payloads.len());
    for part in parts {
        verdicts.extend(part?);
    }
    if verdicts.len() != payloads.len() {
        anyhow::bail!("the replay answered {} verdicts for {} payloads", verdicts.len(), payloads.len());
    }
    Ok(validation_impact::Impact { capped, ..validation_impact::tally(&payloads, &verdicts, &redaction, probes) })
}

/// Runs the replay of the payloads in `input` through the FormRequest.
fn replay(
    php: &str,
    script: &std::path::Path,
    app: &std::path::Path,
    input: &std::path::Path,
) -> anyhow::Result<Vec<ReplayVerdict>> {
    // No network when the system allows it (a rule that reaches a database
    // or an API cannot then touch production), plainly otherwise; bounded,
    // so a rule that waits on a database or an API never hangs the preview.
    let out = shadow::php(
        php,
        &[script.as_os_str(), app.as_os_str(), input.as_os_str()],
        Seal::NoNetwork,
        REPLAY_TIMEOUT,
        "does a rule of the FormRequest wait on a database or an API?",
    )?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let parsed: serde_json::Value = serde_json::from_str(stdout.trim())
        .map_err(|_| anyhow::anyhow!("the replay did not answer JSON: {}", shadow::said(&out, 600)))?;
    if let Some(error) = parsed.get("error").and_then(|e| e.as_str()) {
        anyhow::bail!("the FormRequest could not be replayed: {error}");
    }
    serde_json::from_value(parsed["results"].clone()).context("the replay's results are not readable")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_replay_gets_the_most_recent_payloads_whatever_file_they_were_read_from() {
        let app = tempfile::tempdir().unwrap();
        let logs = app.path().join("storage/logs");
        std::fs::create_dir_all(&logs).unwrap();
        let line = |ts: &str, n: u32| format!("[{ts}] production.INFO: Retell collect appointment {{\"n\":{n}}} []\n");
        // The live log holds the newest lines; its rotation the older ones, read after it.
        std::fs::write(logs.join("laravel.log"), line("2026-12-05 10:00:00", 3) + &line("2026-12-05 11:00:00", 4))
            .unwrap();
        std::fs::write(logs.join("laravel.log.1"), line("2026-12-04 10:00:00", 1) + &line("2026-12-04 11:00:00", 2))
            .unwrap();
        let mut settings = Settings::defaults();
        settings.file.gateway.app_dir = app.path().to_path_buf();
        let kept: Vec<u64> =
            logged_payloads(&settings, 3).unwrap().iter().map(|p| p.body["n"].as_u64().unwrap()).collect();
        assert_eq!(kept, [2, 3, 4]);
        settings.file.gateway.app_dir = app.path().join("nowhere");
        assert!(logged_payloads(&settings, 3).unwrap().is_empty(), "no log: no payload, no error");
    }
}
