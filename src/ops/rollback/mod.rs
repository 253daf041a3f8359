//! A feature's rollback and its undo, each one transaction over all of the
//! feature's files: every original is journaled (fsynced) before the first
//! write, a write that fails restores the files already written, and a
//! rerun after a kill completes the journaled transaction rather than
//! planning a new one from half-edited files. Whatever the files say, a
//! rollback ends by clearing the caches, reloading, and observing the
//! feature off: "already rolled back" is never an answer while it is live.

mod ahead;
pub use ahead::tree_hash;
mod observe;
mod proof;

use anyhow::Context as _;

use crate::adapters::artisan;
use crate::adapters::files;
use crate::core::checks::Check;
use crate::core::diff;
use crate::core::journal::{self, Event, FileChange, RollbackRecord, RollbackState};
use crate::core::own::{self, Purpose};
use crate::core::rollback::{apply, validation, Feature};
use crate::ops::door::Door;
use crate::ops::error::Refused;
use crate::ops::{cache, reload};
use crate::report::rollback::{FeatureResult, FeatureStatus, PendingFeature, RollbackListReport, RollbackReport};
use crate::settings::Settings;

pub use observe::{every_limited_route, observe, validation_fields};

/// How a rollback or undo goes live.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Do not clear the config and route caches (staged by hand).
    pub no_cache: bool,
    /// Do not reload php-fpm.
    pub no_reload: bool,
    /// The plan's emergency rollback: also verify health.
    pub emergency: bool,
}

/// The cache files whose presence undo brings back, with the command that builds each.
const REBUILT_BY: [(&str, &str); 3] =
    [("config.php", "config:cache"), ("routes-v7.php", "route:cache"), ("events.php", "event:cache")];

pub(crate) fn sha(text: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn read(settings: &Settings, path: &str) -> anyhow::Result<String> {
    let full = settings.app_dir().join(path);
    std::fs::read_to_string(&full).with_context(|| format!("while reading {}", full.display()))
}

/// Files already edited by a feature planned earlier in the same run (two
/// features can share a file: the Retell handler is both sanitized and
/// validated), so the later feature's edit starts from the earlier's bytes.
type Overlay = std::collections::BTreeMap<String, String>;

/// The edits for one feature: its file changes, or why there are none.
fn plan(settings: &Settings, feature: Feature) -> anyhow::Result<Vec<FileChange>> {
    plan_over(settings, feature, &mut Overlay::new())
}

/// [`plan`] over the files as features planned before left them.
fn plan_over(settings: &Settings, feature: Feature, overlay: &mut Overlay) -> anyhow::Result<Vec<FileChange>> {
    let limiter = crate::ops::limiter::attachment(settings);
    let mut changes = Vec::new();
    // Middleware lists the source cannot say (built at run time, a constant
    // defined elsewhere): left as they are, and the app's route list asked.
    let mut unread: Vec<(String, crate::core::rollback::Unread)> = Vec::new();
    for path in feature.files() {
        if Feature::optional(path) && !overlay.contains_key(*path) && !settings.app_dir().join(path).exists() {
            continue;
        }
        let original = match overlay.get(*path) {
            Some(text) => text.clone(),
            None => read(settings, path)?,
        };
        let edits = feature
            .edit(&original, &limiter)
            .map_err(|r| Refused(format!("{path}:{r}; refusing, nothing was changed")))?;
        if feature == Feature::RateLimit {
            if let Ok((_, left)) = crate::core::rollback::remove_middleware_leaving_unread(&original, &limiter) {
                unread.extend(left.into_iter().map(|u| (path.to_string(), u)));
            }
        }
        if edits.is_empty() {
            continue;
        }
        if feature == Feature::InputValidation {
            refuse_what_needs_validation(settings)?;
        }
        let edited = apply(&original, &edits);
        overlay.insert(path.to_string(), edited.clone());
        changes.push(FileChange {
            path: path.to_string(),
            original_sha256: sha(&original),
            original,
            edited_sha256: sha(&edited),
            edited,
        });
    }
    if let Some((path, first)) = unread.first() {
        refuse_unread_limiter(settings, &limiter, path, first, changes.is_empty())?;
    }
    Ok(changes)
}

/// A middleware list the source cannot say is read from the app's route
/// list, which names what it applies: with nothing else to edit, a route
/// that still carries the limiter is refused (the limiter would stay on
/// behind an "already off"); a route list that cannot be read refuses too.
/// With edits, the proof's route list after them judges.
fn refuse_unread_limiter(
    settings: &Settings,
    limiter: &crate::core::limiter::Attachment,
    path: &str,
    unread: &crate::core::rollback::Unread,
    nothing_else: bool,
) -> anyhow::Result<()> {
    let what = limiter.describe();
    let app = settings.app_dir();
    let timeout = settings.file.gateway.app_timeout.0;
    let listed = crate::ops::routes::routes(&settings.file.gateway.php, app, timeout).map_err(|e| {
        Refused(format!(
            "{path}:line {}: {}, and the app's route list cannot say ({e}); refusing, nothing was changed",
            unread.line,
            unread.reason(&what)
        ))
    })?;
    let listed = crate::ops::limiter::expanded(app, listed);
    let carried: Vec<String> = listed
        .iter()
        .filter(|(_, (_, mw))| mw.iter().any(|m| limiter.names(m)))
        .map(|((method, uri), _)| format!("{method} {uri}"))
        .collect();
    if nothing_else && !carried.is_empty() {
        return Err(Refused(format!(
            "{path}:line {}: the limiter ({what}) is on {} by the route list, through a middleware list built at run time ({}): remove it there by hand; refusing, nothing was changed",
            unread.line,
            carried.join(", "),
            unread.written
        ))
        .into());
    }
    Ok(())
}

/// The input-validation rollback builds the FormRequest without validating
/// it: a method of it that reads the validator's result would then fail.
fn refuse_what_needs_validation(settings: &Settings) -> anyhow::Result<()> {
    let path = validation::FORM_REQUEST_FILE;
    // Unread, the guard has seen nothing: refused, never waved through.
    let text = read(settings, path).map_err(|e| {
        Refused(format!(
            "{path}: {e:#}: whether it reads what only validation gives ({}) is unknown; refusing, nothing was changed",
            validation::NEEDS_VALIDATOR.map(|m| format!("{m}()")).join(", ")
        ))
    })?;
    match validation::needs_validation(&text) {
        Ok(None) => Ok(()),
        Ok(Some((what, line))) => Err(Refused(format!(
            "{path}:line {line}: {what}, which exists only once the request is validated; the handler would fail without the validation; refusing, nothing was changed"
        ))
        .into()),
        Err(r) => Err(Refused(format!("{path}:{r}; refusing, nothing was changed")).into()),
    }
}

/// A feature's result with the diff of each file and the route changes.
fn edited(feature: Feature, changes: &[FileChange], routes: &[String], status: FeatureStatus) -> FeatureResult {
    let diffs = changes
        .iter()
        .map(|c| diff::unified(&c.original, &c.edited, &c.path, &format!("{} (rolled back)", c.path)))
        .collect();
    FeatureResult { diffs, route_changes: routes.to_vec(), ..FeatureResult::new(feature, status) }
}

/// What a rollback of `features` would do, changing nothing: the diffs,
/// the proof on a shadow copy, and the route changes.
pub async fn dry_run(settings: &Settings, features: &[Feature]) -> anyhow::Result<(RollbackReport, bool)> {
    crate::settings::require_app_dir(settings)?;
    let mut results = Vec::new();
    let mut planned = Vec::new();
    let mut overlay = Overlay::new();
    for &feature in features {
        match plan_over(settings, feature, &mut overlay) {
            Ok(changes) if changes.is_empty() => results.push(FeatureResult::new(feature, FeatureStatus::AlreadyOff)),
            Ok(changes) => planned.push((feature, changes)),
            Err(e) if features.len() == 1 => return Err(e),
            Err(e) => results.push(FeatureResult::refused(feature, format!("{e:#}"))),
        }
    }
    let mut checks = Vec::new();
    if !planned.is_empty() {
        let (proof, route_diff) = prove(settings, &planned).await?;
        checks.extend(proof);
        for (feature, changes) in &planned {
            results.push(edited(*feature, changes, &route_diff, FeatureStatus::Planned));
        }
    }
    let ok = checks.iter().all(|c| c.verdict.is_good()) && results.iter().all(|r| r.status != FeatureStatus::Refused);
    Ok((RollbackReport::new(true, results, checks), ok))
}

/// Rolls `features` back under the lock: completes an interrupted
/// transaction, plans and proves new edits, writes each feature as one
/// transaction, then goes live and observes every feature off. A feature
/// whose files cannot be edited is refused and the others proceed.
pub async fn roll_back(
    settings: &Settings,
    door: &Door,
    features: &[Feature],
    opts: Options,
) -> anyhow::Result<(RollbackReport, bool)> {
    crate::settings::require_app_dir(settings)?;
    let entries = door.entries()?;
    let records = journal::rollback_records(&entries);
    let mut results = Vec::new();
    let mut planned: Vec<(Feature, Vec<FileChange>)> = Vec::new();
    let mut overlay = Overlay::new();
    for &feature in features {
        let state = journal::rollback_state(&records, feature.name());
        let completed = match state {
            RollbackState::Pending(r) | RollbackState::UndoPending(r) => match complete(settings, door, feature, r) {
                Ok(()) => true,
                Err(e) if features.len() == 1 => return Err(e),
                Err(e) => {
                    results.push(FeatureResult::refused(feature, format!("{e:#}")));
                    continue;
                }
            },
            _ => false,
        };
        match plan_over(settings, feature, &mut overlay) {
            Ok(changes) if changes.is_empty() => {
                let status = match (completed, state) {
                    (true, _) => FeatureStatus::Completed,
                    (false, RollbackState::Off(_)) => FeatureStatus::AlreadyRolledBack,
                    (false, _) => FeatureStatus::AlreadyOff,
                };
                results.push(FeatureResult::new(feature, status));
            }
            Ok(changes) => planned.push((feature, changes)),
            Err(e) if features.len() == 1 => return Err(e),
            Err(e) => results.push(FeatureResult::refused(feature, format!("{e:#}"))),
        }
    }
    let mut checks = Vec::new();
    let proven = prove_each(settings, planned, &mut results, &mut checks).await?;
    let caches = present_caches(settings);
    for (feature, changes, route_diff) in proven {
        match transact(settings, door, feature, &changes, &caches) {
            Ok(()) => results.push(edited(feature, &changes, &route_diff, FeatureStatus::RolledBack)),
            Err(e) if features.len() == 1 => return Err(e),
            // One feature's failed write (already put back) does not stop the others.
            Err(e) => results.push(FeatureResult::refused(feature, format!("{e:#}"))),
        }
    }
    let live: Vec<Feature> = results
        .iter()
        .filter(|r| !matches!(r.status, FeatureStatus::Refused | FeatureStatus::Planned))
        .map(|r| r.feature)
        .collect();
    if !live.is_empty() {
        checks.extend(go_live(settings, door, opts, &[]).await);
        if !opts.no_reload && !opts.no_cache {
            for &feature in &live {
                checks.push(observe(settings, feature, false).await);
            }
        }
        if opts.emergency {
            checks.push(crate::ops::health::check(settings).await);
        }
    }
    let held_back = results.iter().any(|r| matches!(r.status, FeatureStatus::Refused | FeatureStatus::Planned));
    let ok = !held_back && checks.iter().all(|c| c.verdict.is_good());
    Ok((RollbackReport::new(false, results, checks), ok))
}

/// The proof for every planned feature together; when it fails and there
/// are several, each is proven alone so that one feature's refusal (a
/// breaker rollback that would fail at run time) does not hold back the
/// others. Returns the proven features with their route changes; the
/// unproven ones go into `results` as planned (nothing written).
async fn prove_each(
    settings: &Settings,
    planned: Vec<(Feature, Vec<FileChange>)>,
    results: &mut Vec<FeatureResult>,
    checks: &mut Vec<Check>,
) -> anyhow::Result<Vec<(Feature, Vec<FileChange>, Vec<String>)>> {
    // A proof kept from preflight for exactly these bytes needs no shadow now.
    let mut ready = Vec::new();
    let mut rest = Vec::new();
    for (feature, changes) in planned {
        match ahead::usable(settings, feature, &changes) {
            Ok((at, routes)) => {
                let evidence =
                    format!("{feature}: proven ahead at {at} on these exact bytes, the app's code unchanged since");
                checks.push(Check::pass("proof", evidence));
                ready.push((feature, changes, routes));
            }
            Err(why) => {
                checks.push(Check::pass("proof", format!("{feature}: proven now ({why})")));
                rest.push((feature, changes));
            }
        }
    }
    let planned = rest;
    if planned.is_empty() {
        return Ok(ready);
    }
    let (proof, routes) = prove(settings, &planned).await?;
    if proof.iter().all(|c| c.verdict.is_good()) || planned.len() == 1 {
        let good = proof.iter().all(|c| c.verdict.is_good());
        checks.extend(proof);
        if !good {
            let (feature, changes) = &planned[0];
            results.push(edited(*feature, changes, &routes, FeatureStatus::Planned));
            return Ok(vec![]);
        }
        ready.extend(planned.into_iter().map(|(f, c)| (f, c, routes.clone())));
        return Ok(ready);
    }
    let mut proven = ready;
    for (feature, changes) in planned {
        let (proof, routes) = prove(settings, &[(feature, changes.clone())]).await?;
        let good = proof.iter().all(|c| c.verdict.is_good());
        checks.extend(proof.into_iter().map(|c| Check { name: format!("{feature}: {}", c.name), ..c }));
        match good {
            true => proven.push((feature, changes, routes)),
            false => results.push(edited(feature, &changes, &routes, FeatureStatus::Planned)),
        }
    }
    Ok(proven)
}

/// Proves `feature`'s rollback now and keeps the proof for the emergency
/// (preflight runs this): the edit, `php -l` and `route:list` on a shadow.
pub async fn prove_ahead(settings: &Settings, feature: Feature) -> Check {
    let name = "rollback ready";
    let changes = match plan(settings, feature) {
        Ok(c) if c.is_empty() => return Check::pass(name, format!("{feature}: already off in the code")),
        Ok(c) => c,
        Err(e) => {
            return Check::warn(
                name,
                format!("{feature}: {e:#}"),
                "the emergency rollback would be refused: fix it now",
            )
        }
    };
    let planned = vec![(feature, changes)];
    let (proof, routes) = match prove(settings, &planned).await {
        Ok(p) => p,
        Err(e) => return Check::warn(name, format!("{e:#}"), "the rollback could not be proven ahead"),
    };
    if let Some(unseen) = proof.iter().find(|c| c.verdict == crate::core::checks::CheckVerdict::Unknown) {
        return Check::unknown(
            name,
            format!("{feature}: {}: {}", unseen.name, unseen.evidence),
            "the rollback was not proven ahead: `rollback emergency` will prove it again when it runs",
        );
    }
    if let Some(bad) = proof.iter().find(|c| !c.verdict.is_good()) {
        return Check::warn(
            name,
            format!("{feature}: {}: {}", bad.name, bad.evidence),
            "the emergency rollback would be refused: fix it now",
        );
    }
    let (s, changes) = (settings.clone(), planned[0].1.clone());
    let kept = crate::ops::blocking::run("proof", move || ahead::store(&s, feature, &changes, &routes)).await;
    match kept {
        Ok(Ok(())) => Check::pass(
            name,
            format!("{feature}: proven on a shadow ({} check(s)), kept for `rollback emergency`", proof.len()),
        ),
        Ok(Err(e)) => Check::warn(name, format!("{e:#}"), "proven, but the proof could not be kept"),
        Err(failed) => failed,
    }
}

/// The cache files present now (undo rebuilds these).
pub(crate) fn present_caches(settings: &Settings) -> Vec<String> {
    let dir = settings.app_dir().join("bootstrap/cache");
    REBUILT_BY.iter().filter(|(f, _)| dir.join(f).is_file()).map(|(f, _)| f.to_string()).collect()
}

/// One feature's files as one transaction: originals journaled, every file
/// written, then applied; a failed write puts back what was written.
fn transact(
    settings: &Settings,
    door: &Door,
    feature: Feature,
    changes: &[FileChange],
    caches: &[String],
) -> anyhow::Result<()> {
    // The bytes planned from must still be there: a file changed since (by
    // hand, or by a feature planned before this one that was not written)
    // would otherwise be overwritten with an edit of other bytes.
    for c in changes {
        if sha(&read(settings, &c.path)?) != c.original_sha256 {
            return Err(Refused(format!(
                "{feature}: {} changed since the rollback was planned (by hand, or a rollback of the same file before it was held back); nothing of this rollback was written: run it again",
                c.path
            ))
            .into());
        }
    }
    door.record(Event::RollbackStarted {
        feature: feature.name().into(),
        files: changes.to_vec(),
        caches: caches.to_vec(),
        operator: door.me.owner.clone(),
        command: door.me.command.clone(),
    })?;
    write_all(settings, door, feature, changes)
}

/// Writes each file's edited bytes; on a failure restores the ones written
/// (and journals that), so the feature is never left half rolled back.
fn write_all(settings: &Settings, door: &Door, feature: Feature, changes: &[FileChange]) -> anyhow::Result<()> {
    let mut written: Vec<&FileChange> = Vec::new();
    for c in changes {
        let path = settings.app_dir().join(&c.path);
        if let Err(e) = files::write_atomic(&path, c.edited.as_bytes()) {
            let mut not_restored = Vec::new();
            for w in written.iter().rev() {
                if files::write_atomic(&settings.app_dir().join(&w.path), w.original.as_bytes()).is_err() {
                    not_restored.push(w.path.clone());
                }
            }
            let restored: Vec<&str> =
                written.iter().map(|w| w.path.as_str()).filter(|p| !not_restored.iter().any(|n| n == p)).collect();
            let reason = e.to_string();
            let journaled = door.record(Event::RollbackAborted {
                feature: feature.name().into(),
                reason: reason.clone(),
                not_restored: not_restored.clone(),
            });
            let mut message = format!("{feature}: {reason}; nothing of this rollback is live");
            if !restored.is_empty() {
                message.push_str(&format!("; restored to their original bytes: {}", restored.join(", ")));
            }
            if !not_restored.is_empty() {
                message = format!(
                    "{feature}: {reason}; COULD NOT RESTORE {}: they hold the rolled-back bytes; run `gatewayctl rollback {feature}` again to finish, or `gatewayctl rollback undo {feature}`",
                    not_restored.join(", ")
                );
            }
            if let Err(j) = journaled {
                message.push_str(&format!("; and the journal could not record it: {j}"));
            }
            return Err(anyhow::anyhow!(message));
        }
        written.push(c);
    }
    door.record(Event::RollbackApplied { feature: feature.name().into() }).with_context(|| {
        format!(
            "{feature}: every file is written, but the journal could not record it; run `gatewayctl rollback {feature}` again to finish (it completes the journaled record)"
        )
    })?;
    Ok(())
}

/// Finishes a journaled transaction that was interrupted: every file ends
/// with its edited bytes, or the rerun refuses when a file holds neither
/// the original nor the edit (someone changed it since).
fn complete(settings: &Settings, door: &Door, feature: Feature, record: &RollbackRecord) -> anyhow::Result<()> {
    let todo = remaining(settings, &record.files, Toward::Edited, "the interrupted rollback")?;
    write_all(settings, door, feature, &todo)
}

/// Which way a journaled transaction moves its files.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Toward {
    Edited,
    Original,
}

/// The files of a record still to be written toward `toward`: one already
/// there is done; one holding neither the original nor the edit is refused,
/// with its difference, so no later edit is lost.
fn remaining(
    settings: &Settings,
    files: &[FileChange],
    toward: Toward,
    since: &str,
) -> anyhow::Result<Vec<FileChange>> {
    let mut todo = Vec::new();
    for c in files {
        let now = sha(&read(settings, &c.path)?);
        let (done, from) = match toward {
            Toward::Edited => (&c.edited_sha256, &c.original_sha256),
            Toward::Original => (&c.original_sha256, &c.edited_sha256),
        };
        if now == *done {
            continue;
        }
        if now != *from {
            return Err(changed_since(settings, c, since)?.into());
        }
        todo.push(c.clone());
    }
    Ok(todo)
}

/// The bugs an undo of `features` would bring back: the harmful findings
/// of the app as the undo would make it (one dry run on a shadow with the
/// original bytes of every feature restored) that the app does not have
/// now. Empty where nothing is rolled back or no app is at hand; an error
/// where the dry run could not say (never "nothing comes back").
pub fn brings_back(settings: &Settings, features: &[Feature]) -> Result<Vec<crate::core::findings::Finding>, String> {
    if !crate::ops::limiter::has_app(settings) {
        return Ok(Vec::new());
    }
    let state = crate::adapters::state::StateDir::new(&settings.file.state.dir);
    let entries = state.read_journal().map_err(|e| e.to_string())?;
    let entries = journal::real_entries(&entries);
    let records = journal::rollback_records(&entries);
    let mut overrides: Vec<(String, String)> = Vec::new();
    for feature in features {
        let record = match journal::rollback_state(&records, feature.name()) {
            RollbackState::On => continue,
            RollbackState::Pending(r) | RollbackState::Off(r) | RollbackState::UndoPending(r) => r,
        };
        // A file changed since is refused by the undo itself, with its diff.
        let Ok(restore) = remaining(settings, &record.files, Toward::Original, "the rollback") else { continue };
        overrides.extend(restore.iter().map(|c| (c.path.clone(), c.original.clone())));
    }
    if overrides.is_empty() {
        return Ok(Vec::new());
    }
    let said = |f: &crate::ops::findings::AppFindings| f.not_isolated.clone().or_else(|| f.unknown.clone());
    let now = crate::ops::findings::gather(settings);
    let after = crate::ops::findings::gather_with(settings, &overrides);
    if let Some(why) = said(&now).or_else(|| said(&after)) {
        return Err(why);
    }
    Ok(after
        .findings
        .into_iter()
        .filter(|f| f.harmful && !f.routes.is_empty())
        .filter(|f| !now.findings.iter().any(|n| n.kind == f.kind && n.routes == f.routes))
        .collect())
}

/// After an undo that brought `back` bugs: each of their routes asked once,
/// as a fresh client, and what it answers now said.
pub async fn check_brought_back(settings: &Settings, back: &[crate::core::findings::Finding]) -> Vec<Check> {
    let g = &settings.file.gateway;
    let Ok(http) = crate::adapters::http::Http::new(&g.base_url, g.request_timeout.0, None) else { return vec![] };
    let mut checks = Vec::new();
    let mut seen = Vec::new();
    let shape = crate::ops::limiter::shape(settings).shape;
    let mut owed: Vec<String> = Vec::new();
    for f in back {
        for route in &f.routes {
            let Some((method, uri)) = route.split_once(' ') else { continue };
            let Ok(request) = format!("{method} /{}", uri.trim_start_matches('/')).parse::<crate::core::route::Route>()
            else {
                continue;
            };
            let request = request.sample();
            if seen.contains(&request) {
                continue;
            }
            seen.push(request.clone());
            let name = format!("{request} after the undo");
            let key = own::api_key(Purpose::UndoCheck, &format!("{}-{}", std::process::id(), crate::ops::now_ms()));
            let headers = [("Accept", "application/json"), ("X-Api-Key", key.as_str())];
            let identity = crate::core::limiter::Identity::ApiKey(key.clone());
            owed.extend(crate::ops::predict::Session::fresh(&shape, &request, &identity).window_keys());
            let body = crate::ops::predict::request_body();
            checks.push(match http.send(&request.method, &request.path, &headers, Some(&body)).await {
                Ok(a) if a.status >= 500 => Check::warn(
                    &name,
                    format!("answers {} again, as the finding {} said: {}", a.status, f.kind, f.effect),
                    "the undo brought this bug back: roll the feature back again, or fix it (see \"The gateway's own bugs\")",
                ),
                Ok(a) => Check::pass(&name, format!("answers {} (the finding {} said it would break)", a.status, f.kind)),
                Err(e) => Check::unknown(&name, e.to_string(), "ask the route by hand"),
            });
        }
    }
    // Its own identities' counters go, by exact name: the check leaves nothing behind.
    if let Ok(mut redis) = crate::adapters::redis::Redis::connect(&crate::ops::limiter_target(settings)).await {
        let _ = redis.delete(&owed).await;
    }
    checks
}

fn changed_since(settings: &Settings, c: &FileChange, what: &str) -> anyhow::Result<Refused> {
    let current = read(settings, &c.path)?;
    let shown = diff::unified(
        &c.edited,
        &current,
        &format!("{} (as the rollback wrote it)", c.path),
        &format!("{} (now)", c.path),
    );
    Ok(Refused(format!(
        "{} changed since {what}: it holds neither the original nor the rolled-back bytes; refusing so no later edit is lost:\n{shown}",
        c.path
    )))
}

/// `php -l` on each edited file in a shadow copy, its route:list against
/// the app's (exactly the intended change), and the edited handler replayed
/// against the original (the same data read).
pub async fn prove(
    settings: &Settings,
    planned: &[(Feature, Vec<FileChange>)],
) -> anyhow::Result<(Vec<Check>, Vec<String>)> {
    let (settings, planned) = (settings.clone(), planned.to_vec());
    match crate::ops::blocking::run("proof", move || proof::prove(&settings, &planned)).await {
        Ok(result) => result,
        Err(failed) => Ok((vec![failed], vec![])),
    }
}

/// The plan's cache clear and graceful reload, unless staged by hand; then
/// the caches in `rebuild` built again (undo brings back what it found).
pub(crate) async fn go_live(settings: &Settings, door: &Door, opts: Options, rebuild: &[String]) -> Vec<Check> {
    let mut checks = Vec::new();
    if !opts.no_cache {
        // The two clears are independent: side by side they cost one artisan boot.
        let (config, routes) = tokio::join!(
            cache::run(settings, door, &["config:clear"], artisan::DEFAULT_TIMEOUT),
            cache::run(settings, door, &["route:clear"], artisan::DEFAULT_TIMEOUT),
        );
        let cleared = config.iter().chain(&routes).all(|c| c.verdict.is_good());
        checks.extend(config);
        checks.extend(routes);
        let builds: Vec<&str> =
            REBUILT_BY.iter().filter(|(f, _)| rebuild.iter().any(|r| r == f)).map(|(_, c)| *c).collect();
        if cleared && !builds.is_empty() {
            let started = std::time::Instant::now();
            let built = cache::run(settings, door, &builds, artisan::DEFAULT_TIMEOUT).await;
            let ok = built.iter().all(|c| c.verdict.is_good());
            // Settles the rebuild an undo owes (and owes the reload below).
            if let Err(e) = cache::journal_rebuild(door, &built, ok, started.elapsed().as_millis() as u64) {
                checks.push(Check::warn("journal", format!("{e:#}"), "the rebuild happened but is not journaled"));
            }
            checks.extend(built);
        }
    }
    if !opts.no_reload {
        let reloaded = reload::perform(settings, door, false).await;
        let _ = reload::journal(door, &reloaded);
        checks.extend(reloaded.checks);
    }
    if opts.no_cache || opts.no_reload {
        checks.push(Check::warn(
            "live",
            "staged: the change is live after the cache clear and reload you skipped",
            "run `gatewayctl cache clear` and `gatewayctl reload`",
        ));
        if opts.no_cache && !rebuild.is_empty() {
            checks.push(Check::warn(
                "caches",
                format!("owed: {} existed before the rollback and were not rebuilt", rebuild.join(", ")),
                "run `gatewayctl cache rebuild`",
            ));
        }
    }
    checks
}

/// Restores the original bytes of `feature`'s rollback, only where a file
/// still holds what the rollback wrote; then rebuilds the caches that
/// existed before the rollback, reloads, and observes the feature on.
pub async fn undo(
    settings: &Settings,
    door: Option<&Door>,
    feature: Feature,
    opts: Options,
) -> anyhow::Result<(RollbackReport, bool)> {
    let entries = match door {
        Some(d) => d.entries()?,
        None => journal::real_entries(&crate::adapters::state::StateDir::new(&settings.file.state.dir).read_journal()?),
    };
    let records = journal::rollback_records(&entries);
    let record = match journal::rollback_state(&records, feature.name()) {
        RollbackState::On => {
            let result = FeatureResult::new(feature, FeatureStatus::NothingToUndo);
            return Ok((RollbackReport::new(door.is_none(), vec![result], vec![]), true));
        }
        RollbackState::Pending(r) | RollbackState::Off(r) | RollbackState::UndoPending(r) => r,
    };
    let restore = remaining(settings, &record.files, Toward::Original, "the rollback")?;
    let diffs = restore
        .iter()
        .map(|c| diff::unified(&c.edited, &c.original, &c.path, &format!("{} (restored)", c.path)))
        .collect();
    let Some(door) = door else {
        let result = FeatureResult { diffs, ..FeatureResult::new(feature, FeatureStatus::WouldRestore) };
        return Ok((RollbackReport::new(true, vec![result], vec![]), true));
    };
    door.record(Event::UndoStarted {
        feature: feature.name().into(),
        operator: door.me.owner.clone(),
        command: door.me.command.clone(),
    })?;
    if !record.caches.is_empty() {
        // The caches the rollback cleared are owed from here on: a kill
        // between the restore and their rebuild leaves them owed, and
        // status, preflight and `activate --resume` see it.
        door.record(Event::StepFinished {
            step: format!("rollback undo {feature}"),
            phase: "rollback".into(),
            outcome: journal::StepOutcome::Ok,
            duration_ms: 0,
            evidence: vec![],
            owes: vec!["cache.rebuild".into()],
        })?;
    }
    for c in &restore {
        files::write_atomic(&settings.app_dir().join(&c.path), c.original.as_bytes()).with_context(|| {
            format!("while restoring {}; the undo is half done: run `gatewayctl rollback undo {feature}` again", c.path)
        })?;
    }
    door.record(Event::UndoApplied { feature: feature.name().into() })?;
    let result = FeatureResult { diffs, ..FeatureResult::new(feature, FeatureStatus::Restored) };
    let mut checks = go_live(settings, door, opts, &record.caches).await;
    if !opts.no_reload && !opts.no_cache {
        checks.push(observe(settings, feature, true).await);
        if feature == Feature::RateLimit {
            checks.push(every_limited_route(settings).await);
        }
    }
    let ok = checks.iter().all(|c| c.verdict.is_good());
    Ok((RollbackReport::new(false, vec![result], checks), ok))
}

/// What is rolled back now, and what is half done, from the journal.
pub fn list(settings: &Settings) -> anyhow::Result<RollbackListReport> {
    let state = crate::adapters::state::StateDir::new(&settings.file.state.dir);
    let entries = journal::real_entries(&state.read_journal()?);
    let records = journal::rollback_records(&entries);
    let mut report = RollbackListReport { rolled_back: vec![], pending: vec![] };
    for f in Feature::ALL {
        match journal::rollback_state(&records, f.name()) {
            RollbackState::On => {}
            RollbackState::Off(_) => report.rolled_back.push(f),
            RollbackState::Pending(r) => report.pending.push(PendingFeature {
                feature: f,
                what: format!("a rollback started at {} never finished (files may be half edited)", r.since),
                next: format!("gatewayctl rollback {f}"),
            }),
            RollbackState::UndoPending(r) => report.pending.push(PendingFeature {
                feature: f,
                what: format!("an undo of the rollback of {} never finished", r.since),
                next: format!("gatewayctl rollback undo {f}"),
            }),
        }
    }
    Ok(report)
}
