//! `gatewayctl rollback`: the plan's selective rollbacks (rate-limit,
//! circuit-breaker, log-sanitizer), its 60-second emergency rollback, all of
//! them, what is rolled back now, and undo. Edits are structural, proven on a
//! shadow copy, journaled with the original bytes before the file is touched,
//! written atomically, and checked off over HTTP afterwards.

use std::time::Instant;

use anyhow::Context as _;
use clap::{Args, Subcommand};

use crate::adapters::files;
use crate::adapters::state::{self, StateDir};
use crate::commands::rollback_checks::observe;
use crate::commands::rollback_proof::{expected_routes, lint, route_changes, routes, Shadow};
use crate::commands::{artisan_php, cache, preflight, reload, Context};
use crate::core::checks::{Check, Verdict};
use crate::core::diff;
use crate::core::journal::{self, Event, FileChange};
use crate::core::rollback::{apply, Feature};
use crate::exit::{self, UsageError};
use crate::report::rollback::{FeatureResult, FeatureStatus, RollbackListReport, RollbackReport};
use crate::settings::Settings;

#[derive(Debug, Subcommand)]
pub enum RollbackCommand {
    /// Remove api.rate-limit from every middleware list in routes/api.php
    RateLimit(RunArgs),
    /// Comment out the CircuitBreaker construction in CalcomService::__construct
    CircuitBreaker(RunArgs),
    /// Replace LogSanitizer::sanitize(EXPR) with EXPR in the three controllers
    LogSanitizer(RunArgs),
    /// The plan's 60-second rollback: rate limiting off, caches cleared, graceful reload, health verified
    Emergency(RunArgs),
    /// Every feature, in reverse order of activation
    All(RunArgs),
    /// What is rolled back now (from the journal)
    List,
    /// Restore the original bytes, only if the file still holds what the rollback wrote
    Undo(UndoArgs),
}

/// One feature rolled back as `rollback FEATURE` does it (for watch's guard).
pub async fn rollback_feature(
    settings: &Settings,
    feature: Feature,
    args: &RunArgs,
) -> anyhow::Result<(RollbackReport, bool)> {
    let started = Instant::now();
    let (report, ok) = rollback(settings, &[feature], args, false).await?;
    Ok((RollbackReport { elapsed_ms: started.elapsed().as_millis() as u64, ..report }, ok))
}

#[derive(Debug, Clone, Args)]
pub struct RunArgs {
    /// Show the diff and the route:list change; change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Do not clear the config and route caches (stage it by hand, as the plan does)
    #[arg(long)]
    pub no_cache: bool,
    /// Do not reload php-fpm (the change is not live until you do)
    #[arg(long)]
    pub no_reload: bool,
}

#[derive(Debug, Args)]
pub struct UndoArgs {
    /// rate-limit, circuit-breaker or log-sanitizer
    pub feature: Feature,
    #[command(flatten)]
    pub run: RunArgs,
}

pub async fn exec(cmd: RollbackCommand, ctx: &mut Context) -> anyhow::Result<u8> {
    let settings = ctx.settings()?;
    let started = Instant::now();
    let (report, ok) = match cmd {
        RollbackCommand::List => {
            ctx.out.emit(&list(&settings)?)?;
            return Ok(exit::OK);
        }
        RollbackCommand::RateLimit(a) => rollback(&settings, &[Feature::RateLimit], &a, false).await?,
        RollbackCommand::CircuitBreaker(a) => rollback(&settings, &[Feature::CircuitBreaker], &a, false).await?,
        RollbackCommand::LogSanitizer(a) => rollback(&settings, &[Feature::LogSanitizer], &a, false).await?,
        RollbackCommand::Emergency(a) => rollback(&settings, &[Feature::RateLimit], &a, true).await?,
        RollbackCommand::All(a) => rollback(&settings, &Feature::ALL, &a, false).await?,
        RollbackCommand::Undo(u) => undo(&settings, u.feature, &u.run).await?,
    };
    let report = RollbackReport { elapsed_ms: started.elapsed().as_millis() as u64, ..report };
    ctx.out.emit(&report)?;
    Ok(if ok { exit::OK } else { exit::CHECK_FAILED })
}

fn journal_of(settings: &Settings) -> StateDir {
    StateDir::new(&settings.file.state.dir)
}

fn sha(text: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

fn read(settings: &Settings, path: &str) -> anyhow::Result<String> {
    let full = settings.app_dir().join(path);
    std::fs::read_to_string(&full).with_context(|| format!("while reading {}", full.display()))
}

/// The edits for one feature: its file changes, or why there are none.
fn plan(settings: &Settings, feature: Feature) -> anyhow::Result<Vec<FileChange>> {
    let mut changes = Vec::new();
    for path in feature.files() {
        let original = read(settings, path)?;
        let edits =
            feature.edit(&original).map_err(|r| UsageError(format!("{path}:{r}; refusing, nothing was changed")))?;
        if edits.is_empty() {
            continue;
        }
        let edited = apply(&original, &edits);
        changes.push(FileChange {
            path: path.to_string(),
            original_sha256: sha(&original),
            original,
            edited_sha256: sha(&edited),
            edited,
        });
    }
    Ok(changes)
}

async fn rollback(
    settings: &Settings,
    features: &[Feature],
    args: &RunArgs,
    emergency: bool,
) -> anyhow::Result<(RollbackReport, bool)> {
    let journal = journal_of(settings);
    let entries = journal::real_entries(&journal.read_journal()?);
    let mut results = Vec::new();
    let mut planned: Vec<(Feature, Vec<FileChange>)> = Vec::new();
    for &feature in features {
        let changes = plan(settings, feature)?;
        if changes.is_empty() {
            results.push(already_off(&journal, &entries, feature)?);
        } else {
            planned.push((feature, changes));
        }
    }
    let mut checks = Vec::new();
    if !planned.is_empty() {
        let (proof, route_diff) = prove(settings, &planned)?;
        let proven = proof.iter().all(|c| c.verdict == Verdict::Pass);
        checks.extend(proof);
        for (feature, changes) in &planned {
            let diffs = changes
                .iter()
                .map(|c| diff::unified(&c.original, &c.edited, &c.path, &format!("{} (rolled back)", c.path)))
                .collect();
            results.push(FeatureResult {
                feature: *feature,
                status: if args.dry_run || !proven { FeatureStatus::Planned } else { FeatureStatus::RolledBack },
                diffs,
                route_changes: route_diff.clone(),
            });
        }
        if !proven {
            return Ok((RollbackReport::new(args.dry_run, results, checks), false));
        }
        if args.dry_run {
            return Ok((RollbackReport::new(true, results, checks), true));
        }
        for (feature, changes) in &planned {
            write(settings, &journal, *feature, changes)?;
        }
    }
    let interrupted = results.iter().any(|r| r.status == FeatureStatus::Completed);
    if args.dry_run || (planned.is_empty() && !interrupted && !emergency) {
        // Nothing was edited now: rolling back twice is a no-op. An emergency
        // still makes sure it is live (caches, reload) and healthy.
        return Ok((RollbackReport::new(args.dry_run, results, checks), true));
    }
    checks.extend(go_live(settings, args).await);
    if !args.no_reload && !args.no_cache {
        for &feature in features {
            checks.push(observe(settings, feature, false).await);
        }
        if emergency {
            checks.push(preflight::health(settings).await);
        }
    }
    let ok = checks.iter().all(|c| c.verdict != Verdict::Fail);
    Ok((RollbackReport::new(false, results, checks), ok))
}

/// Nothing to edit: already rolled back by us (maybe interrupted), or off anyway.
fn already_off(journal: &StateDir, entries: &[journal::Entry], feature: Feature) -> anyhow::Result<FeatureResult> {
    let status = match journal::active_rollback(entries, feature.name()) {
        Some(_)
            if !entries
                .iter()
                .any(|e| matches!(&e.event, Event::RollbackApplied { feature: f } if f == feature.name())) =>
        {
            // The process died between writing the file and journaling it.
            journal.append(&state::entry(
                &state::run_id("rollback"),
                Event::RollbackApplied { feature: feature.name().into() },
            ))?;
            FeatureStatus::Completed
        }
        Some(_) => FeatureStatus::AlreadyRolledBack,
        None => FeatureStatus::AlreadyOff,
    };
    Ok(FeatureResult { feature, status, diffs: vec![], route_changes: vec![] })
}

/// `php -l` on each edited file in a shadow copy, and its route:list against
/// the app's: exactly the intended change.
fn prove(settings: &Settings, planned: &[(Feature, Vec<FileChange>)]) -> anyhow::Result<(Vec<Check>, Vec<String>)> {
    let php = artisan_php(settings);
    let app = settings.app_dir();
    std::fs::create_dir_all(&settings.file.state.dir)
        .with_context(|| format!("while creating {}", settings.file.state.dir.display()))?;
    let shadow = Shadow::build(app, &settings.file.state.dir).context("while copying the app to a shadow")?;
    let mut checks = Vec::new();
    for change in planned.iter().flat_map(|(_, c)| c) {
        let file = shadow.dir.join(&change.path);
        std::fs::write(&file, &change.edited).with_context(|| format!("while writing {}", file.display()))?;
        checks.push(lint(&php, &file, &change.path));
    }
    let features: Vec<Feature> = planned.iter().map(|(f, _)| *f).collect();
    let (before, after) = match (routes(&php, app), routes(&php, &shadow.dir)) {
        (Ok(b), Ok(a)) => (b, a),
        (Err(e), _) | (_, Err(e)) => {
            checks.push(Check::fail("route:list", e, "the routes cannot be compared: nothing was changed"));
            return Ok((checks, vec![]));
        }
    };
    let changes = route_changes(&before, &after);
    match after == expected_routes(&before, &features) {
        true => checks.push(Check::pass("route:list", format!("{} route(s) change, as intended", changes.len()))),
        false => checks.push(Check::fail(
            "route:list",
            changes.join("; "),
            "the edit changes more than intended: nothing was changed",
        )),
    }
    Ok((checks, changes))
}

/// Journal the originals, then replace each file atomically, then journal done.
fn write(settings: &Settings, journal: &StateDir, feature: Feature, changes: &[FileChange]) -> anyhow::Result<()> {
    let run = state::run_id("rollback");
    journal.append(&state::entry(
        &run,
        Event::RollbackStarted { feature: feature.name().into(), files: changes.to_vec() },
    ))?;
    for c in changes {
        files::write_atomic(&settings.app_dir().join(&c.path), c.edited.as_bytes())?;
    }
    journal.append(&state::entry(&run, Event::RollbackApplied { feature: feature.name().into() }))?;
    Ok(())
}

/// The plan's cache clear and graceful reload, unless staged by hand.
async fn go_live(settings: &Settings, args: &RunArgs) -> Vec<Check> {
    let mut checks = Vec::new();
    if !args.no_cache {
        let s = settings.clone();
        checks.extend(
            tokio::task::spawn_blocking(move || cache::execute(&s, &["config:clear", "route:clear"]))
                .await
                .unwrap_or_default(),
        );
    }
    if !args.no_reload {
        let reloaded = reload::perform(settings, false).await;
        checks.extend(reloaded.checks);
    }
    if args.no_cache || args.no_reload {
        checks.push(Check::warn(
            "live",
            "staged: the change is live after the cache clear and reload you skipped",
            "run `gatewayctl cache clear` and `gatewayctl reload`",
        ));
    }
    checks
}

async fn undo(settings: &Settings, feature: Feature, args: &RunArgs) -> anyhow::Result<(RollbackReport, bool)> {
    let journal = journal_of(settings);
    let entries = journal::real_entries(&journal.read_journal()?);
    let Some(changes) = journal::active_rollback(&entries, feature.name()) else {
        let result =
            FeatureResult { feature, status: FeatureStatus::NothingToUndo, diffs: vec![], route_changes: vec![] };
        return Ok((RollbackReport::new(args.dry_run, vec![result], vec![]), true));
    };
    let mut restore = Vec::new();
    for c in changes {
        let current = read(settings, &c.path)?;
        let now = sha(&current);
        if now == c.original_sha256 {
            continue;
        }
        if now != c.edited_sha256 {
            let shown = diff::unified(
                &c.edited,
                &current,
                &format!("{} (as the rollback wrote it)", c.path),
                &format!("{} (now)", c.path),
            );
            return Err(UsageError(format!(
                "{} changed since the rollback; refusing to undo so no later edit is lost:\n{shown}",
                c.path
            ))
            .into());
        }
        restore.push(c.clone());
    }
    let diffs = restore
        .iter()
        .map(|c| diff::unified(&c.edited, &c.original, &c.path, &format!("{} (restored)", c.path)))
        .collect();
    let result = FeatureResult {
        feature,
        status: if args.dry_run { FeatureStatus::Planned } else { FeatureStatus::Restored },
        diffs,
        route_changes: vec![],
    };
    if args.dry_run {
        return Ok((RollbackReport::new(true, vec![result], vec![]), true));
    }
    for c in &restore {
        files::write_atomic(&settings.app_dir().join(&c.path), c.original.as_bytes())?;
    }
    journal.append(&state::entry(&state::run_id("undo"), Event::UndoApplied { feature: feature.name().into() }))?;
    let mut checks = go_live(settings, args).await;
    if !args.no_reload && !args.no_cache {
        checks.push(observe(settings, feature, true).await);
    }
    let ok = checks.iter().all(|c| c.verdict != Verdict::Fail);
    Ok((RollbackReport::new(false, vec![result], checks), ok))
}

fn list(settings: &Settings) -> anyhow::Result<RollbackListReport> {
    let entries = journal::real_entries(&journal_of(settings).read_journal()?);
    let rolled_back =
        Feature::ALL.into_iter().filter(|f| journal::active_rollback(&entries, f.name()).is_some()).collect();
    Ok(RollbackListReport { rolled_back })
}
