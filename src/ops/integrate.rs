//! Wiring the plan's input-validation fix (its impact preview, the
//! logged payloads replayed through the FormRequest, is `ops::replay`).
//! The wiring is one journaled transaction
//! (original bytes kept, atomic write, a rerun after a kill completes it),
//! proven on a shadow first, then made live and observed on: an invalid
//! payload answered 422 with its fields, a valid one 200.

use anyhow::Context as _;

use crate::adapters::files;
use crate::core::diff;
use crate::core::journal::{self, Event, FileChange};
use crate::core::rollback::{apply, validation, Feature};
use crate::core::validation_impact::Impact;
use crate::ops::door::Door;
use crate::ops::error::Refused;
use crate::ops::rollback::{self, observe, Options};
use crate::report::integrate::{IntegrateReport, IntegrateStatus};
use crate::settings::Settings;

const FEATURE: Feature = Feature::InputValidation;
/// The wiring edit, or `None` when the handler already takes the FormRequest.
pub fn plan(settings: &Settings) -> anyhow::Result<Option<FileChange>> {
    crate::settings::require_app_dir(settings)?;
    if !settings.app_dir().join(validation::FORM_REQUEST_FILE).is_file() {
        return Err(
            Refused(format!("{} not found: there is no FormRequest to wire", validation::FORM_REQUEST_FILE)).into()
        );
    }
    let path = validation::CONTROLLER;
    let original = rollback::read(settings, path)?;
    let edits =
        validation::wire(&original).map_err(|r| Refused(format!("{path}:{r}; refusing, nothing was changed")))?;
    if edits.is_empty() {
        return Ok(None);
    }
    let edited = apply(&original, &edits);
    Ok(Some(FileChange {
        path: path.to_string(),
        original_sha256: rollback::sha(&original),
        original,
        edited_sha256: rollback::sha(&edited),
        edited,
    }))
}

/// What `integrate --dry-run` shows: the diff, the proof, and the preview.
pub async fn dry_run(
    settings: &Settings,
    impact: Option<anyhow::Result<Impact>>,
) -> anyhow::Result<(IntegrateReport, bool)> {
    let mut report = IntegrateReport::new(true, impact);
    match plan(settings)? {
        None => report.status = IntegrateStatus::AlreadyWired,
        Some(change) => {
            let (proof, _) = rollback::prove(settings, &[(FEATURE, vec![change.clone()])]).await?;
            report.diff = Some(shown(&change));
            report.status = IntegrateStatus::Planned;
            report.checks = proof;
        }
    }
    let ok = report.checks.iter().all(|c| c.verdict.is_good());
    Ok((report, ok))
}

fn shown(change: &FileChange) -> String {
    diff::unified(&change.original, &change.edited, &change.path, &format!("{} (validated)", change.path))
}

/// Wires the FormRequest in under the lock: completes an interrupted
/// integration, proves the edit on a shadow, writes it as one journaled
/// transaction, then makes it live and observes it on.
pub async fn integrate(
    settings: &Settings,
    door: &Door,
    opts: Options,
    impact: Option<anyhow::Result<Impact>>,
) -> anyhow::Result<(IntegrateReport, bool)> {
    let mut report = IntegrateReport::new(false, impact);
    let pending = journal::integrations_pending(&door.entries()?).contains_key(FEATURE.name());
    match plan(settings)? {
        None if pending => {
            door.record(Event::IntegrateApplied { feature: FEATURE.name().into() })?;
            report.status = IntegrateStatus::Completed;
        }
        None => report.status = IntegrateStatus::AlreadyWired,
        Some(change) => {
            let (proof, _) = rollback::prove(settings, &[(FEATURE, vec![change.clone()])]).await?;
            let proven = proof.iter().all(|c| c.verdict.is_good());
            report.checks.extend(proof);
            report.diff = Some(shown(&change));
            if !proven {
                report.status = IntegrateStatus::Planned;
                return Ok((report, false));
            }
            write(settings, door, &change)?;
            report.status = IntegrateStatus::Wired;
        }
    }
    let caches = rollback::present_caches(settings);
    report.checks.extend(rollback::go_live(settings, door, opts, &caches).await);
    if !opts.no_reload && !opts.no_cache {
        report.checks.push(observe(settings, FEATURE, true).await);
    }
    let ok = report.checks.iter().all(|c| c.verdict.is_good());
    Ok((report, ok))
}

/// The original bytes journaled (fsynced) first, the file checked unchanged
/// since the plan, written atomically, then the integration recorded.
fn write(settings: &Settings, door: &Door, change: &FileChange) -> anyhow::Result<()> {
    let path = settings.app_dir().join(&change.path);
    if rollback::sha(&rollback::read(settings, &change.path)?) != change.original_sha256 {
        return Err(Refused(format!(
            "{} changed since the edit was planned; nothing was written: run it again",
            change.path
        ))
        .into());
    }
    door.record(Event::IntegrateStarted {
        feature: FEATURE.name().into(),
        files: vec![change.clone()],
        operator: door.me.owner.clone(),
    })?;
    files::write_atomic(&path, change.edited.as_bytes())
        .with_context(|| format!("while writing {}; it holds its original bytes: nothing is live", change.path))?;
    door.record(Event::IntegrateApplied { feature: FEATURE.name().into() }).with_context(|| {
        format!(
            "{} is written, but the journal could not record it; run `gatewayctl integrate {FEATURE}` again to finish",
            change.path
        )
    })?;
    Ok(())
}
