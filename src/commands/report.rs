//! `gatewayctl report [--since activation|24h|7d|DATE] [--format human|json|markdown|html] [--output FILE]`:
//! the debrief after an activation (ops::debrief), read-only. Exit 1
//! when a Success Criterion fails; "not enough data" is said, not failed.

use anyhow::Context as _;

use crate::cli::report::ReportArgs;
use crate::cli::Format;
use crate::commands::Context;
use crate::core::debrief::CriterionVerdict;
use crate::core::duration;
use crate::exit::{self, UsageError};
use crate::ops::debrief::{gather, Since};
use crate::report::debrief::{html, markdown};
use crate::report::{Human, Style};

pub async fn exec(args: ReportArgs, ctx: &mut Context) -> anyhow::Result<u8> {
    let since = since(&args.since)?;
    let settings = ctx.gateway()?;
    let spinner = ctx.out.spinner("report: reading the logs");
    let report = gather(&settings, since, &mut |bytes| {
        spinner.set_message(format!("report: {:.0} MB of log read", bytes as f64 / 1_048_576.0))
    })
    .await;
    spinner.finish();
    let report = report?;
    // Non-zero when what the report shows is trouble: a failed Success
    // Criterion, a watch that failed in the period, or a route broken
    // (every one of its answers a 5xx).
    let mut why: Vec<String> = report
        .criteria
        .iter()
        .flat_map(|w| &w.criteria)
        .filter(|c| c.verdict == CriterionVerdict::Fail)
        .map(|c| format!("Success Criterion failed: {}", c.name))
        .collect();
    why.extend(
        report
            .journal
            .iter()
            .filter(|j| j.what.starts_with("watch") && j.what.contains(": FAIL"))
            .map(|j| format!("the watch of run {} failed", j.run)),
    );
    why.extend(report.routes.iter().filter_map(|r| {
        let after = r.after.as_ref()?;
        (after.requests >= 3 && after.server_errors == after.requests)
            .then(|| format!("{} is broken: {} of {} answers were 5xx", r.route, after.server_errors, after.requests))
    }));
    for w in &why {
        ctx.out.warn(w);
    }
    let failed = !why.is_empty();
    let bytes = match ctx.global.format {
        // (jsonl is refused for every command but watch, in `run`)
        Format::Json | Format::Jsonl => {
            let mut b = serde_json::to_vec_pretty(&report).context("while writing JSON")?;
            b.push(b'\n');
            b
        }
        Format::Markdown => crate::report::printable(&markdown(&report)).into_bytes(),
        Format::Html => crate::report::printable(&html(&report)).into_bytes(),
        Format::Human => match &args.output {
            Some(_) => {
                let mut b = Vec::new();
                report.human(&mut b, &Style { color: false })?;
                crate::report::printable(&String::from_utf8_lossy(&b)).into_bytes()
            }
            None => {
                ctx.out.emit(&report)?;
                Vec::new()
            }
        },
    };
    match &args.output {
        Some(path) => {
            crate::adapters::files::write_atomic(path, &bytes)
                .with_context(|| format!("while writing the report to {}", path.display()))?;
            ctx.out.status(&format!("report written to {}", path.display()));
        }
        None if !bytes.is_empty() => ctx.out.raw(&bytes)?,
        None => {}
    }
    Ok(if failed { exit::CHECK_FAILED } else { exit::OK })
}

/// `activation`, an age (`24h`, `7d`), a date (`2026-11-20`, midnight UTC) or an RFC 3339 time.
fn since(text: &str) -> Result<Since, UsageError> {
    if text == "activation" {
        return Ok(Since::Activation);
    }
    let ms = |t: chrono::DateTime<chrono::Utc>| u64::try_from(t.timestamp_millis()).unwrap_or(0);
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(text) {
        return Ok(Since::At(ms(t.with_timezone(&chrono::Utc))));
    }
    if let Ok(d) = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(Since::At(ms(d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc())));
    }
    let age = duration::parse(text).map_err(|e| {
        UsageError(format!("--since takes activation, an age such as 24h or 7d, or a date such as 2026-11-20: {e}"))
    })?;
    let age = chrono::Duration::from_std(age).map_err(|_| UsageError(format!("--since {text}: too long ago")))?;
    Ok(Since::At(ms(chrono::Utc::now() - age)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_takes_every_form_and_names_them_when_wrong() {
        assert!(matches!(since("activation"), Ok(Since::Activation)));
        assert!(matches!(since("2026-11-20"), Ok(Since::At(1_795_132_800_000))));
        assert!(matches!(since("2026-11-20T12:00:00Z"), Ok(Since::At(1_795_176_000_000))));
        assert!(matches!(since("7d"), Ok(Since::At(_))));
        let e = since("last tuesday").unwrap_err();
        assert!(e.0.contains("activation, an age"), "{e}");
    }
}
