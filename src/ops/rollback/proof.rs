//! Proof before touching the app: the edited files go into a shadow copy of
//! it, must pass `php -l`, and its `route:list --json` must differ from the
//! app's in exactly the intended middleware and nothing else. A shadow holds
//! no secret (no .env, no keys), and one left by a killed run is swept away
//! by the next.

use crate::core::limiter::Attachment;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context as _;

use crate::adapters::process;
use crate::core::checks::Check;
use crate::core::journal::FileChange;
use crate::core::replay::{self, Run};
use crate::core::rollback::{breaker_probe, validation, Feature};
use crate::ops::limiter::expand_with;
use crate::ops::routes::{routes, shadow_routes, Routes};
use crate::ops::shadow::Shadow;
use crate::settings::Settings;

/// Blocking: builds the shadow, lints each edited file in it, compares routes.
pub fn prove(settings: &Settings, planned: &[(Feature, Vec<FileChange>)]) -> anyhow::Result<(Vec<Check>, Vec<String>)> {
    let php = settings.file.gateway.php.clone();
    let app = settings.app_dir();
    let shadow = Shadow::fresh(settings)?;
    let mut checks = Vec::new();
    // One bound for the whole proof: every step runs the app's code, and a
    // provider that hangs must not make the proof wait step after step.
    let bound = settings.file.gateway.app_timeout.0;
    let deadline = Instant::now() + bound;
    let left = || deadline.saturating_duration_since(Instant::now());
    // The routes before and after the edit, both read from the files in the
    // shadow (no cache), so the comparison isolates the edit itself.
    let (before, unsealed) = shadow_routes(&php, &shadow.dir, left());
    // Laravel 8's route:list names a route's group, not what it holds: each
    // side is expanded with the groups its own files register.
    let groups_before = crate::ops::limiter::app_groups(&shadow.dir);
    if let Some(why) = unsealed {
        // route:list boots the app as every artisan call does; where it
        // cannot be sealed it runs as before, said, rather than make the
        // emergency rollback impossible.
        checks.push(Check::warn(
            "route:list",
            why,
            "the shadow's routes were listed unsealed: install bubblewrap (and run as root) to seal them",
        ));
    }
    let ran_out = |e: &str, when: &str| {
        Check::unknown(
            "route:list",
            format!("{when}: {e}: the proof's bound ({} s, gateway.app_timeout) ran out", bound.as_secs()),
            "the app did not list its routes in time: does a service provider wait on a database or an API while it boots?",
        )
    };
    if let (Err(e), true) = (&before, left().is_zero()) {
        return Ok((vec![ran_out(e, "before the edit")], vec![]));
    }
    let features: Vec<Feature> = planned.iter().map(|(f, _)| *f).collect();
    // The breaker probe's calls, on the shadow before the edit: the same
    // calls after it are judged against these, so only the edit is blamed.
    let breaker_before = features.contains(&Feature::CircuitBreaker).then(|| breaker_run(&php, &shadow, left()));
    for change in planned.iter().flat_map(|(_, c)| c) {
        let file = shadow.dir.join(&change.path);
        std::fs::write(&file, &change.edited).with_context(|| format!("while writing {}", file.display()))?;
        checks.push(lint(&php, &file, &change.path, left()));
    }
    let (before, after) = match (before, shadow_routes(&php, &shadow.dir, left()).0) {
        (Ok(b), Ok(a)) => (b, a),
        (_, Err(e)) if left().is_zero() => {
            checks.push(ran_out(&e, "after the edit"));
            return Ok((checks, vec![]));
        }
        (Err(e), _) | (_, Err(e)) => {
            checks.push(Check::fail("route:list", e, "the routes cannot be compared: nothing was changed"));
            return Ok((checks, vec![]));
        }
    };
    if let Some(stale) = stale_route_cache(&php, app, &before, left()) {
        checks.push(stale);
    }
    if let Some(before) = breaker_before {
        checks.push(breaker_probe(before, breaker_run(&php, &shadow, left())));
    }
    if let Some(change) = planned.iter().flat_map(|(_, c)| c).rfind(|c| c.path == validation::CONTROLLER) {
        // The handler's bytes before the first feature's edit, after the last one's.
        let first = planned.iter().flat_map(|(_, c)| c).find(|c| c.path == validation::CONTROLLER).expect("found");
        if let Some(check) = handler_replay(settings, &shadow, &first.original, &change.edited, left()) {
            checks.push(check);
        }
    }
    let before = expand_with(before, &groups_before);
    let after = expand_with(after, &crate::ops::limiter::app_groups(&shadow.dir));
    let changes = route_changes(&before, &after);
    let limiter = crate::ops::limiter::attachment(settings);
    // A limiter still on a route after the edit: applied where the source
    // cannot say (a list built at run time), which the edit left as it was.
    let stays: Vec<String> = match features.contains(&Feature::RateLimit) {
        true => after
            .iter()
            .filter(|(_, (_, mw))| mw.iter().any(|m| limiter.names(m)))
            .map(|((method, uri), _)| format!("{method} {uri}"))
            .collect(),
        false => Vec::new(),
    };
    match after == expected_routes(&before, &features, &limiter) {
        true => checks.push(Check::pass("route:list", format!("{} route(s) change, as intended", changes.len()))),
        false if !stays.is_empty() => checks.push(Check::fail(
            "route:list",
            format!("the limiter ({}) stays on {} after the edit", limiter.describe(), stays.join(", ")),
            "a middleware list the source cannot read (built at run time) applies it: remove it there by hand; nothing was changed",
        )),
        false => checks.push(Check::fail(
            "route:list",
            changes.join("; "),
            "the edit changes more than intended: nothing was changed",
        )),
    }
    Ok((checks, changes))
}

/// The app's route cache against its routes file: clearing the cache (as
/// the rollback does) also makes live whatever the file changed since.
fn stale_route_cache(php: &str, app: &Path, from_files: &Routes, bound: Duration) -> Option<Check> {
    if !app.join("bootstrap/cache/routes-v7.php").is_file() {
        return None;
    }
    let cached = match routes(php, app, bound) {
        Ok(c) => c,
        Err(e) => return Some(Check::warn("route cache", e, "the cached routes could not be listed")),
    };
    let differ = route_changes(&cached, from_files);
    (!differ.is_empty()).then(|| {
        let shown: Vec<&String> = differ.iter().take(5).collect();
        Check::warn(
            "route cache",
            format!(
                "the route cache differs from routes/api.php in {} route(s) (e.g. {:?}): clearing it goes live with these too",
                differ.len(),
                shown
            ),
            "someone edited routes/api.php since the last route:cache; check it is meant to go live",
        )
    })
}

const BREAKER_PROBE: &str = include_str!("breaker_probe.php");
const HANDLER_REPLAY: &str = include_str!("handler_replay.php");
/// Logged requests replayed at most (the most recent), beside those made from the rules.
const REPLAY_LOGGED: usize = 300;
const CALCOM_STAND_IN: &str = include_str!("calcom_stand_in.php");

const PROBE_NAME: &str = "breaker off probe";

/// One run of the breaker probe on the shadow as it stands: the calls it
/// made, or the check that says why there are none.
fn breaker_run(php: &str, shadow: &Shadow, bound: Duration) -> Result<breaker_probe::Run, Check> {
    let name = PROBE_NAME;
    let script = shadow
        .script("gatewayctl-calcom.php", CALCOM_STAND_IN)
        .and_then(|_| shadow.script("gatewayctl-breaker-probe.php", BREAKER_PROBE));
    let script = match script {
        Ok(s) => s,
        Err(e) => return Err(Check::fail(name, e.to_string(), "cannot write the probe into the shadow")),
    };
    // Its own network: the probe reaches neither Cal.com nor Redis, so it has
    // no effect outside this process, whatever the service does.
    let out = process::output_sealed(php, &[script.as_os_str(), shadow.dir.as_os_str()], bound, &shadow.dir, None);
    let text = |o: &std::process::Output| {
        let both = format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
        both.trim().chars().take(900).collect::<String>().replace('\n', "; ")
    };
    match out {
        Ok(o) if o.status.success() => breaker_probe::parse(&String::from_utf8_lossy(&o.stdout))
            .ok_or_else(|| Check::fail(name, text(&o), "the probe said nothing it could be judged by: nothing was changed")),
        Ok(o) if o.status.code() == Some(4) => {
            Err(Check::warn(name, text(&o), "nothing to call at run time: the static check of the uses stands alone"))
        }
        Ok(o) => Err(Check::fail(name, text(&o), "the shadow app did not boot: nothing was changed")),
        // Not a verdict on the edit, and never a reason to refuse the
        // emergency rollback: the static check of the uses stands alone.
        Err(e @ process::IsolatedError::NoIsolation(_)) => Err(Check::warn(
            name,
            e.to_string(),
            "the app's code cannot be sealed here (bubblewrap, namespaces): the runtime probe was not run, the static check stands alone",
        )),
        Err(e @ process::IsolatedError::TimedOut { .. }) => Err(Check::unknown(
            name,
            format!("{e}: the proof's bound (gateway.app_timeout) ran out"),
            "the probe did not finish in time: does a service provider wait on a database or an API while it boots?",
        )),
        Err(e) => Err(Check::warn(name, e.to_string(), "the runtime probe was not run: the static check stands alone")),
    }
}

/// The circuit-breaker rollback at run time, judged as a change: every
/// CalcomService method called on the shadow before the edit and after it,
/// sealed, with a stand-in Cal.com answering, then failing. Only what the
/// edit changed is its fault: an Error after it that was not there before,
/// or a call that reached Cal.com before and no longer does (the static
/// check's second line of defence).
fn breaker_probe(before: Result<breaker_probe::Run, Check>, after: Result<breaker_probe::Run, Check>) -> Check {
    let name = PROBE_NAME;
    let after = match after {
        Ok(run) => run,
        // Booted before the edit, not after: the edit's.
        Err(check) if before.is_ok() && check.verdict == crate::core::checks::CheckVerdict::Fail => {
            return Check::fail(
                name,
                check.evidence,
                "the shadow app did not boot with the edit: the rollback would break it; nothing was changed",
            )
        }
        Err(check) => return check,
    };
    // Where the app could not be probed before the edit, every Error after
    // it is counted as the edit's, as said.
    let (before, unjudged) = match before {
        Ok(run) => (run, None),
        Err(check) => (breaker_probe::Run::default(), Some(check.evidence)),
    };
    let judged = breaker_probe::judge(&before, &after);
    let mut evidence = judged.evidence();
    if let Some(why) = &unjudged {
        evidence = format!("{evidence}; not probed before the edit ({why}): every Error counts");
    }
    let called = after.failing.as_ref().is_some_and(|f| f.values().any(|c| c.outcome != "not called"));
    match () {
        _ if judged.harms() => Check::fail(
            name,
            evidence,
            "without the breaker CalcomService fails where it did not: the rollback would be a booking outage; nothing was changed",
        ),
        _ if !called => Check::warn(name, evidence, "nothing could be called at run time: the static check of the uses stands alone"),
        _ if judged.answering_unshown.is_some() => Check::warn(
            name,
            evidence,
            "only Cal.com failing was shown: that calls go straight through while it answers was not",
        ),
        _ if judged.straight_through.is_empty() => Check::warn(
            name,
            evidence,
            "no call went straight through to Cal.com while it answered: that the service reaches it without the breaker was not shown",
        ),
        _ => Check::pass(name, evidence),
    }
}

/// The handler's behaviour before and after the edit: the same requests
/// (the logged ones, and ones made from the FormRequest's rules) through
/// each method the edit changes, in the shadow with no network, and what
/// each method read from its request compared read by read. `None` where
/// it does not apply: wiring the validation in changes what is read on
/// purpose (`all()` becomes `getAppointmentData()`), so only edits that add
/// no validation are replayed.
fn handler_replay(
    settings: &Settings,
    shadow: &Shadow,
    original: &str,
    edited: &str,
    bound: Duration,
) -> Option<Check> {
    let name = "handler replay";
    if validation::wired(edited) == Ok(true) && validation::wired(original) == Ok(false) {
        return None;
    }
    let methods = match validation::changed_methods(original, edited) {
        Ok(m) if m.is_empty() => return None,
        Ok(m) => m,
        Err(r) => {
            return Some(Check::warn(name, r.to_string(), "the handler could not be read: its behaviour is unproven"))
        }
    };
    let instrumented =
        validation::instrument(original, &methods).and_then(|b| Ok((b, validation::instrument(edited, &methods)?)));
    let (before, after) = match instrumented {
        Ok(pair) => pair,
        Err(r) => {
            return Some(Check::warn(
                name,
                r.to_string(),
                "the handler could not be instrumented: its behaviour is unproven",
            ))
        }
    };
    // A log that exists and cannot be read is said, never replayed as "0 logged".
    let (logged, unread) = match crate::ops::replay::logged_payloads(settings, REPLAY_LOGGED) {
        Ok(p) => (p, None),
        Err(why) => (Vec::new(), Some(why)),
    };
    let deadline = Instant::now() + bound;
    let run = |text: &str| -> Result<(Vec<Run>, usize), Unreplayed> {
        let file = shadow.dir.join(validation::CONTROLLER);
        std::fs::write(&file, text)
            .map_err(|e| Unreplayed::Failed(format!("while writing {}: {e}", file.display())))?;
        let left = deadline.saturating_duration_since(Instant::now());
        replay_handler(&settings.file.gateway.php, shadow, &logged, &methods, left)
    };
    let restore = || {
        // The shadow holds the plain edit again, whatever the replay did.
        let _ = std::fs::write(shadow.dir.join(validation::CONTROLLER), edited);
    };
    let (before, synthetic) = match run(&before) {
        Ok(b) => b,
        Err(Unreplayed::NoIsolation(e)) => {
            restore();
            return Some(Check::warn(
                name,
                e,
                "the app's code cannot be sealed here (bubblewrap, namespaces): the replay was not run, the handler's behaviour is unproven",
            ));
        }
        Err(Unreplayed::Failed(e)) if Instant::now() >= deadline => {
            restore();
            return Some(Check::unknown(
                name,
                format!("the original handler's replay: {e}: the proof's bound (gateway.app_timeout) ran out"),
                "the replay did not finish in time: the handler's behaviour is unproven; nothing was changed",
            ));
        }
        Err(Unreplayed::Failed(e)) => {
            restore();
            return Some(Check::warn(name, e, "the replay could not run: the handler's behaviour is unproven"));
        }
    };
    // The original handler replayed: a failure of the edited one alone (a
    // fatal error, a hang, an exit) is the edit's doing.
    let after = run(&after);
    restore();
    let (after, _) = match after {
        Ok(a) => a,
        // The bound ran out: the proof's doing, not the edit's.
        Err(e) if Instant::now() >= deadline => {
            return Some(Check::unknown(
                name,
                format!("the edited handler's replay: {}: the proof's bound (gateway.app_timeout) ran out", e.text()),
                "the replay did not finish in time: the handler's behaviour is unproven; nothing was changed",
            ))
        }
        Err(e) => {
            return Some(Check::fail(
                name,
                format!("the original handler replayed, the edited one did not: {}", e.text()),
                "the edit breaks the handler at run time; nothing was changed",
            ))
        }
    };
    let origin = |i: usize| match logged.get(i) {
        Some(p) => p.at.clone(),
        None => format!("request #{} made from the rules", i - logged.len() + 1),
    };
    let c = replay::compare(&before, &after);
    let requests = before.len() / methods.len();
    let methods = methods.join("(), ") + "()";
    if !c.differences.is_empty() {
        let shown: Vec<String> = c
            .differences
            .iter()
            .take(3)
            .map(|d| format!("{} through {}(): {}", origin(d.payload), d.method, d.what))
            .collect();
        return Some(Check::fail(
            name,
            format!("{} of {} call(s) read differently: {}", c.differences.len(), before.len(), shown.join("; ")),
            "the edit changes what the handler reads: it would break the calls it passes; nothing was changed",
        ));
    }
    let evidence = format!(
        "{} request(s) ({} logged, {synthetic} made from the FormRequest's rules) through {methods}: {} call(s) read the same before and after the edit, {} refused by validation before",
        requests,
        logged.len(),
        c.compared,
        c.refused_before
    );
    Some(match (c.compared, unread) {
        (0, _) => Check::warn(name, evidence, "no request reached what the handler reads: its behaviour is unproven"),
        (_, Some(why)) => Check::warn(
            name,
            format!("{evidence}; the log could not be read ({why}): no logged request was replayed"),
            "only requests made from the rules were replayed: make the log readable to replay real traffic",
        ),
        (_, None) => Check::pass(name, evidence),
    })
}

/// Why a replay gave no runs.
enum Unreplayed {
    /// No network isolation here: the replay is not run at all.
    NoIsolation(String),
    Failed(String),
}

impl Unreplayed {
    fn text(&self) -> &str {
        match self {
            Unreplayed::NoIsolation(t) | Unreplayed::Failed(t) => t,
        }
    }
}

/// One run of the replay script in the shadow: its runs, and how many
/// requests it made from the rules.
fn replay_handler(
    php: &str,
    shadow: &Shadow,
    logged: &[crate::core::validation_impact::Payload],
    methods: &[String],
    bound: Duration,
) -> Result<(Vec<Run>, usize), Unreplayed> {
    let failed = |e: std::io::Error| Unreplayed::Failed(e.to_string());
    let script = shadow.script("gatewayctl-handler-replay.php", HANDLER_REPLAY).map_err(failed)?;
    let input = shadow.dir.join("gatewayctl-handler-replay.json");
    let bodies: Vec<&serde_json::Map<String, serde_json::Value>> = logged.iter().map(|p| &p.body).collect();
    let body = serde_json::json!({"payloads": bodies, "methods": methods, "synthetic": true});
    let _ = std::fs::remove_file(&input);
    // Callers' data: readable by this user only, and gone with the shadow.
    crate::adapters::files::write_private(&input, body.to_string().as_bytes()).map_err(failed)?;
    let out = process::output_sealed(
        php,
        &[script.as_os_str(), shadow.dir.as_os_str(), input.as_os_str()],
        bound,
        &shadow.dir,
        None,
    )
    .map_err(|e| match e {
        process::IsolatedError::NoIsolation(_) => Unreplayed::NoIsolation(e.to_string()),
        e => Unreplayed::Failed(e.to_string()),
    })?;
    #[derive(serde::Deserialize)]
    struct Answer {
        runs: Option<Vec<Run>>,
        synthetic: Option<usize>,
        error: Option<String>,
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let answer: Answer = serde_json::from_str(stdout.trim()).map_err(|_| {
        let stderr = String::from_utf8_lossy(&out.stderr);
        Unreplayed::Failed(format!(
            "the replay did not answer JSON: {}",
            format!("{} {}", stdout.trim(), stderr.trim()).chars().take(400).collect::<String>()
        ))
    })?;
    match (answer.runs, answer.error) {
        (_, Some(e)) => Err(Unreplayed::Failed(format!("the replay stopped: {e}"))),
        (Some(runs), None) => Ok((runs, answer.synthetic.unwrap_or(0))),
        (None, None) => Err(Unreplayed::Failed("the replay answered no runs".into())),
    }
}

/// `php -l` on one file, within `bound`.
pub fn lint(php: &str, file: &Path, shown: &str, bound: Duration) -> Check {
    let expr = duct::cmd(php, ["-l".as_ref(), file.as_os_str()]).stderr_to_stdout().stdout_capture();
    match process::output_within(expr, bound) {
        Ok(process::Bounded::TimedOut { .. }) => Check::unknown(
            "php -l",
            format!("{shown}: not done within the proof's bound (gateway.app_timeout)"),
            "the bound ran out before the syntax check: nothing was changed",
        ),
        Ok(process::Bounded::Finished(o)) if o.status.success() => {
            Check::pass("php -l", format!("{shown}: no syntax errors"))
        }
        Ok(process::Bounded::Finished(o)) => Check::fail(
            "php -l",
            format!("{shown}: {}", String::from_utf8_lossy(&o.stdout).trim()),
            "the edit would break the file: nothing was changed",
        ),
        Err(e) => Check::fail("php -l", e.to_string(), "cannot run php"),
    }
}

/// What the rollback of `features` must do to the routes: only the rate
/// limiter's middleware leaves (under any name it answers to), and only for
/// rate-limit.
pub fn expected_routes(before: &Routes, features: &[Feature], limiter: &Attachment) -> Routes {
    let mut expected = before.clone();
    if features.contains(&Feature::RateLimit) {
        for (_, mw) in expected.values_mut() {
            mw.retain(|m| !limiter.names(m));
        }
    }
    expected
}

/// The route differences, in words ("POST api/v2/bookings: -api.rate-limit").
pub fn route_changes(before: &Routes, after: &Routes) -> Vec<String> {
    let mut changes = Vec::new();
    for (key, (action, mw)) in before {
        match after.get(key) {
            None => changes.push(format!("{} {}: removed", key.0, key.1)),
            Some((a, m)) if a != action => changes.push(format!("{} {}: action {action} → {a}", key.0, key.1)),
            Some((_, m)) if m != mw => {
                let gone: Vec<&String> = mw.iter().filter(|x| !m.contains(x)).collect();
                let new: Vec<&String> = m.iter().filter(|x| !mw.contains(x)).collect();
                let parts: Vec<String> =
                    gone.iter().map(|g| format!("-{g}")).chain(new.iter().map(|n| format!("+{n}"))).collect();
                changes.push(format!("{} {}: {}", key.0, key.1, parts.join(" ")));
            }
            _ => {}
        }
    }
    changes.extend(after.keys().filter(|k| !before.contains_key(*k)).map(|k| format!("{} {}: added", k.0, k.1)));
    changes
}
