//! `model probe`: one throwaway identity, a bounded budget, and the
//! identity's own keys read after each answer, in every database Redis
//! lists, found by the md5 of its identity strings (core::probe learns the
//! shape from them). Only that identity's keys are ever read or deleted.

use std::time::{Duration, Instant};

use anyhow::Context as _;

use crate::adapters::http::Http;
use crate::adapters::redis::{escape_glob, Redis, RedisTarget};
use crate::core::limiter::{mask_secret, md5_hex, Entry, Identity, LimiterShape, Store};
use crate::core::own::{self, Purpose};
use crate::core::probe::{self, Configured, Learned, Sample, SeenKey};
use crate::core::route::Route;
use crate::ops::error::Refused;
use crate::ops::predict::{Session, Stores};
use crate::report::probe::{Judged, Owed, ProbeReport};
use crate::settings::Settings;

/// Requests sent after the first refusal, to see whether refusals count.
const AFTER_REFUSAL: u64 = 3;
/// The pause between the first two requests: long enough for the TTL to
/// show a fixed window from a refreshed one.
const WINDOW_GAP: Duration = Duration::from_millis(1100);
/// Limited routes tried at most when the first ones answer 5xx.
pub const MAX_ROUTES: usize = 3;
/// `--max-requests` unless given.
pub const DEFAULT_MAX: u64 = 200;
/// Concurrent requests of the burst, sent at the limit less one.
const BURST: u64 = 10;
/// Keys of the probe's identity read at most (a limiter writes a handful).
const MAX_KEYS: usize = 50;

/// What the probe will do, before it does it.
pub struct Plan {
    pub route: Route,
    /// The route as a request path (`{id}` given a value).
    pub request: Route,
    pub key: String,
    /// The limit the configured shape expects there, and its row's name.
    pub limit: u64,
    pub row: String,
    /// Refusals sent after the first.
    pub refusals: u64,
    /// Another limited path, for the block (`None`: the shape has none).
    pub other: Option<Route>,
    pub requests: u64,
    /// The route carries Laravel's own limiter alone, as named here
    /// (`Laravel throttle (named: api)`): probed as Laravel counts.
    pub laravel: Option<String>,
}

/// The probe's plan: the route (given, or the configured shape's limited
/// route with the smallest limit and no parameterised entry) and the
/// requests it needs (the limit, the first refusal, three more).
/// `tried`: routes that already failed, not picked again.
pub fn plan(settings: &Settings, route: Option<&Route>, max_requests: u64, tried: &[Route]) -> anyhow::Result<Plan> {
    let shape = crate::ops::limiter::shape(settings).shape;
    let route = match route {
        Some(r) => r.clone(),
        None => limited_routes(&shape, tried).into_iter().chain(laravel_routes(settings, &shape, tried)).next().ok_or_else(|| {
            Refused(match tried.is_empty() {
                true => "the configured shape names no limited route to probe: pass --route \"METHOD /path\"".into(),
                false => format!(
                    "every limited route tried answers 5xx ({}): the limiter's shape cannot be learned; see preflight's \"The gateway's own bugs\"",
                    tried.iter().map(Route::to_string).collect::<Vec<_>>().join(", ")
                ),
            })
        })?,
    };
    let request = route.sample();
    if crate::ops::predict::bucket(&shape, &request).is_none() {
        if let Some(plan) = laravel_plan(settings, &shape, &route, max_requests)? {
            return Ok(plan);
        }
    }
    let (limit, row) =
        crate::ops::predict::bucket(&shape, &request).map(|b| (b.limit, b.name.clone())).ok_or_else(|| {
            Refused(format!("the configured shape says {route} carries no limiter: pass --route with a limited route"))
        })?;
    // Past the first refusal: enough more to pass the abuse threshold (the
    // block), then one request on another limited path (is it read?).
    let refusals = AFTER_REFUSAL.max(u64::try_from(shape.abuse.threshold).unwrap_or(0) + 2);
    let other = limited_routes(&shape, std::slice::from_ref(&route)).into_iter().next();
    // Then a second identity: the limit less one, and a concurrent burst.
    let requests = limit + 1 + refusals + u64::from(other.is_some()) + (limit - 1) + BURST;
    if requests > max_requests {
        return Err(Refused(format!(
            "probing {route} needs {requests} requests (its limit {limit}, the first refusal, {refusals} more to pass the abuse threshold{}, then {} and a burst of {BURST} as a second identity), over --max-requests {max_requests}: raise it, or pick a route with a smaller limit",
            if other.is_some() { ", one on another path" } else { "" },
            limit - 1
        ))
        .into());
    }
    let key = own::api_key(Purpose::Probe, &format!("{:08x}", rand_u32()));
    let other = other.map(|r| r.sample());
    Ok(Plan { route, request, key, limit, row, refusals, other, requests, laravel: None })
}

/// The routes Laravel's limiter alone guards (no gateway limiter), that
/// the model predicts, other than `not`: the one refusing first first.
fn laravel_routes(settings: &Settings, shape: &LimiterShape, not: &[Route]) -> Vec<Route> {
    let client = Identity::ApiKey(own::api_key(Purpose::Probe, "plan"));
    let address = crate::ops::sender_address(settings);
    let mut candidates: Vec<(u64, Route)> = shape
        .stacks
        .iter()
        .filter(|s| !not.contains(&s.route) && s.route.method != "*")
        .filter(|s| laravel_limiters(shape, &s.route).is_some() && predict_bucket_free(shape, &s.route))
        .filter_map(|s| {
            let mut session = Session::fresh_from(shape, &s.route.sample(), &client, address.clone());
            Some(((1..=DEFAULT_MAX).find(|&n| session.expect(n).status == 429)?, s.route.clone()))
        })
        .collect();
    candidates.sort_by_key(|(refused, r)| (*refused, r.to_string()));
    candidates.into_iter().map(|(_, r)| r).collect()
}

/// No gateway limiter on `route`, and nothing on it the model cannot follow.
fn predict_bucket_free(shape: &LimiterShape, route: &Route) -> bool {
    let request = route.sample();
    crate::ops::predict::bucket(shape, &request).is_none() && crate::ops::predict::unmodelled(shape, &request).is_none()
}

/// Laravel's own limiter on `route`, and what is said of it (`Laravel
/// throttle (named: api)`); `None` when it carries none.
fn laravel_limiters(shape: &LimiterShape, route: &Route) -> Option<String> {
    let stack = shape.stack_for(&route.sample())?;
    let named: Vec<String> = stack
        .entries
        .iter()
        .filter_map(|e| match e {
            Entry::Named { name, redis: false } => Some(format!("Laravel throttle (named: {name})")),
            Entry::Named { name, redis: true } => Some(format!("Laravel throttle with Redis (named: {name})")),
            Entry::Throttle { redis: false, .. } => Some(format!("Laravel throttle ({})", e.name())),
            Entry::Throttle { redis: true, .. } => Some(format!("Laravel throttle with Redis ({})", e.name())),
            _ => None,
        })
        .collect();
    (!named.is_empty()).then(|| named.join(", "))
}

/// The plan on a route Laravel's limiter alone guards: requests until the
/// model's first refusal, and two more. `None`: not such a route.
fn laravel_plan(settings: &Settings, shape: &LimiterShape, route: &Route, max: u64) -> anyhow::Result<Option<Plan>> {
    let Some(laravel) = laravel_limiters(shape, route) else { return Ok(None) };
    let request = route.sample();
    if let Some(why) = crate::ops::predict::unmodelled(shape, &request) {
        return Err(Refused(format!("{route}: {why}: the probe has nothing to hold its answers against")).into());
    }
    let key = own::api_key(Purpose::Probe, &format!("{:08x}", rand_u32()));
    let client = Identity::ApiKey(key.clone());
    let mut fresh = Session::fresh_from(shape, &request, &client, crate::ops::sender_address(settings));
    let first_refusal = (1..=max).find(|&n| fresh.expect(n).status == 429);
    let Some(refused) = first_refusal else {
        return Err(Refused(format!(
            "{route} carries {laravel}, which the model says refuses none of {max} requests: raise --max-requests"
        ))
        .into());
    };
    let limit = refused - 1;
    let requests = refused + AFTER_REFUSAL.min(2);
    if requests > max {
        return Err(Refused(format!("probing {route} needs {requests} requests, over --max-requests {max}")).into());
    }
    let row = laravel.clone();
    Ok(Some(Plan {
        route: route.clone(),
        request,
        key,
        limit,
        row,
        refusals: 2,
        other: None,
        requests,
        laravel: Some(laravel),
    }))
}

/// A probe of a route Laravel's limiter alone guards: each request's answer
/// held against the one prediction (from the keys as Redis holds them, the
/// counters shared by the client's address read too), the limit learned
/// from `X-RateLimit-Limit` and the first refusal, and the keys the probe
/// made (none it found) deleted by exact name.
async fn run_laravel(
    settings: &Settings,
    plan: &Plan,
    laravel: &str,
    progress: &mut dyn FnMut(u64, u64),
) -> anyhow::Result<ProbeReport> {
    let started = Instant::now();
    let shape = crate::ops::limiter::shape(settings).shape;
    let mut stores = Stores::connect(settings, &shape).await.context("while connecting to Laravel's stores")?;
    let client = Identity::ApiKey(plan.key.clone());
    let mut session = Session::start(&mut stores, &shape, &plan.request, &client).await?;
    let keys = session.keys();
    let mut found = Vec::new();
    for (store, name) in &keys {
        if stores.exists(*store, name).await? {
            found.push(name.clone());
        }
    }
    let g = &settings.file.gateway;
    let http = Http::new(&g.base_url, g.request_timeout.0, None)?;
    let body = crate::ops::predict::request_body();
    let headers = [("X-Api-Key", plan.key.as_str()), ("Accept", "application/json")];
    let clock = Instant::now();
    let (mut first_refused, mut predicted_refusal, mut said_limit, mut retry_after) = (None, None, None, None);
    let mut predicted_retry: Option<u64> = None;
    let mut mismatches = Vec::new();
    let mut sent = 0;
    for n in 1..=plan.requests {
        progress(n, plan.requests);
        let at = clock.elapsed().as_millis() as u64;
        let verdict = session.expect(at);
        let answer = http.send(&plan.request.method, &plan.request.path, &headers, Some(&body)).await.map_err(|e| {
            anyhow::Error::new(e).context(format!("request {n} of the probe ({}) got no answer", plan.request))
        })?;
        sent = n;
        let seen = crate::ops::predict::observed(&answer);
        if !crate::ops::predict::compare(&verdict, &seen, 1000).is_empty() {
            mismatches.push(format!("request {n}: {} where the model said {}", seen.status, verdict.status));
        }
        said_limit = said_limit.or(answer.header_u64("x-ratelimit-limit"));
        if verdict.status == 429 && predicted_refusal.is_none() {
            predicted_refusal = Some(n);
            predicted_retry = verdict.retry_after_s;
        }
        if answer.status == 429 && first_refused.is_none() {
            first_refused = Some(n);
            retry_after = answer.header("retry-after").map(str::to_string);
        }
        if first_refused.is_some_and(|r| n >= r + plan.refusals) {
            break;
        }
    }
    // The keys it made go; those it found (the address's, shared) stay.
    let made: Vec<(Store, String)> = keys.into_iter().filter(|(_, k)| !found.contains(k)).collect();
    let mut cleanup_error = None;
    let mut cleaned = 0;
    for (store, name) in &made {
        let mut names = vec![name.clone()];
        if *store == Store::Laravel {
            names.push(format!("{name}:timer"));
        }
        match stores.delete(*store, &names).await {
            Ok(()) => cleaned += 1,
            Err(e) => cleanup_error = Some(format!("{name}: {e}")),
        }
    }
    let limit_value = said_limit.map_or("unknown".to_string(), |l| l.to_string());
    let mut learned = vec![
        Learned {
            dimension: "limiter".into(),
            value: laravel.to_string(),
            configured: laravel.to_string(),
            evidence: format!("{} in the app's route list, its rules read from the app", plan.route),
            row: None,
        },
        Learned {
            dimension: "limit".into(),
            value: limit_value.clone(),
            configured: plan.limit.to_string(),
            evidence: format!(
                "X-RateLimit-Limit {limit_value}; the first 429 at request {} (the model: {}), Retry-After {}",
                first_refused.map_or("-".into(), |n| n.to_string()),
                predicted_refusal.map_or("-".into(), |n| n.to_string()),
                retry_after.as_deref().unwrap_or("-")
            ),
            row: Some(plan.row.clone()),
        },
    ];
    // The window, from the first refusal's Retry-After: a difference of
    // wall-clock seconds, one either way is the same window.
    let seen_retry = retry_after.as_deref().and_then(|r| r.trim().parse::<u64>().ok());
    let window = |s: Option<u64>| s.map_or("unknown".to_string(), |s| format!("{s} s left"));
    let same = matches!((seen_retry, predicted_retry), (Some(a), Some(b)) if a.abs_diff(b) <= 1);
    learned.push(Learned {
        dimension: "window".into(),
        value: if same { window(predicted_retry) } else { window(seen_retry) },
        configured: window(predicted_retry),
        evidence: format!(
            "Retry-After {} on the first refusal, the model's {}",
            retry_after.as_deref().unwrap_or("-"),
            predicted_retry.map_or("-".into(), |s| s.to_string())
        ),
        row: Some(plan.row.clone()),
    });
    let mut findings = Vec::new();
    if !mismatches.is_empty() {
        findings.push(crate::core::findings::Finding {
            kind: "laravel-limiter-differs".into(),
            seen: mismatches.join("; "),
            effect: format!("{laravel} does not answer as the app's own rules say: every prediction there is wrong"),
            fix: "read the limiter's definition (RateLimiter::for) and the route's middleware again".into(),
            harmful: true,
            routes: vec![plan.route.to_string()],
        });
    }
    let report = ProbeReport {
        at_ms: crate::ops::now_ms(),
        route: plan.route.to_string(),
        identity: mask_secret(&plan.key),
        budget: plan.requests,
        sent,
        first_refused,
        keys: made
            .iter()
            .map(|(store, name)| {
                let db = crate::ops::redis_db(&crate::ops::store_target(settings, &shape, *store).url);
                format!("db{db} {name}")
            })
            .collect(),
        cleaned,
        learned,
        findings,
        elapsed_ms: started.elapsed().as_millis() as u64,
        config_diff: None,
        written: false,
        config_backup: None,
        config_refused: None,
        swept: 0,
        cleanup_error,
        judged: Some(judged(settings)),
    };
    keep(settings, report)
}

/// The probe's report, kept for preflight, verify and report (masked, as printed).
fn keep(settings: &Settings, report: ProbeReport) -> anyhow::Result<ProbeReport> {
    let state = crate::adapters::state::StateDir::new(&settings.file.state.dir);
    state.write_json(&state.probe_path(), &report).context("while keeping the probe's report")?;
    Ok(report)
}

/// The limited routes with no parameterised gateway entry, other than
/// `not`, smallest limit first: the ones a probe picks.
fn limited_routes(shape: &LimiterShape, not: &[Route]) -> Vec<Route> {
    let mut candidates: Vec<(u64, Route)> = shape
        .stacks
        .iter()
        .filter(|s| !not.contains(&s.route))
        .filter(|s| s.entries.iter().any(|e| matches!(e, Entry::Gateway { params: None })))
        .filter(|s| !s.entries.iter().any(|e| matches!(e, Entry::Gateway { params: Some(_) } | Entry::Opaque { .. })))
        .filter_map(|s| Some((crate::ops::predict::bucket(shape, &s.route.sample())?.limit, s.route.clone())))
        .collect();
    candidates.sort_by_key(|(limit, r)| (*limit, r.to_string()));
    candidates.into_iter().map(|(_, r)| r).collect()
}

fn rand_u32() -> u32 {
    let mut b = [0u8; 4];
    if std::fs::File::open("/dev/urandom").and_then(|mut f| std::io::Read::read_exact(&mut f, &mut b)).is_err() {
        b = (std::process::id() ^ crate::ops::now_ms() as u32).to_le_bytes();
    }
    u32::from_le_bytes(b)
}

/// One connection per database, no prefix: the probe reads full names.
struct Databases {
    base: RedisTarget,
    open: std::collections::BTreeMap<u32, Redis>,
}

impl Databases {
    async fn on(&mut self, db: u32) -> anyhow::Result<&mut Redis> {
        if !self.open.contains_key(&db) {
            let mut target = self.base.clone();
            if target.cluster.is_none() {
                let mut url = reqwest::Url::parse(&target.url).context("the [redis] url")?;
                url.set_path(&format!("/{db}"));
                target.url = url.to_string();
            }
            let redis = Redis::connect(&target).await?;
            self.open.insert(db, redis);
        }
        Ok(self.open.get_mut(&db).expect("just opened"))
    }

    /// Every key of the probe's identity: names holding the md5 of one of
    /// its identity strings, or the key itself, in each database listed.
    async fn find(&mut self, key: &str) -> anyhow::Result<Vec<(u32, String)>> {
        // A cluster has database 0 alone (and answers INFO node by node).
        let dbs = match self.base.cluster {
            Some(_) => vec![0],
            None => self.on(0).await?.keyspace_dbs().await?,
        };
        let mut needles: Vec<String> = probe::identity_forms(key).iter().map(|(_, f)| md5_hex(f)).collect();
        needles.push(key.to_string());
        let mut found = Vec::new();
        for db in dbs {
            let redis = self.on(db).await?;
            for needle in &needles {
                for name in redis.list(&format!("*{}*", escape_glob(needle)), MAX_KEYS, &mut |_| {}).await? {
                    if !found.contains(&(db, name.clone())) {
                        found.push((db, name));
                    }
                }
            }
        }
        Ok(found)
    }

    async fn read(&mut self, keys: &[(u32, String)]) -> anyhow::Result<Vec<SeenKey>> {
        let mut out = Vec::with_capacity(keys.len());
        for (db, name) in keys {
            let redis = self.on(*db).await?;
            // A key of another type (a serialized value reads fine; a hash does not) has no value.
            let value = redis.get_many(std::slice::from_ref(name)).await.ok().and_then(|mut v| v.pop().flatten());
            let pttl = redis.pttl_raw(name).await?;
            out.push(SeenKey { db: *db, name: name.clone(), value, pttl_ms: (pttl != -2).then_some(pttl) });
        }
        Ok(out)
    }
}

/// A probe under way, a note of its own in the state dir, held (flock)
/// while it runs: a probe killed midway leaves its note unheld, and the
/// next probe deletes its keys. Concurrent probes each keep their own, and
/// never sweep one another's. The keys are throwaway identities the probe
/// made up; they grant nothing.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Pending {
    pub keys: Vec<String>,
    pub started_ms: u64,
}

fn pending_dir(settings: &Settings) -> std::path::PathBuf {
    settings.file.state.dir.join("probe-pending")
}

/// The one note earlier versions kept for every probe.
fn legacy_pending_path(settings: &Settings) -> std::path::PathBuf {
    settings.file.state.dir.join("probe-pending.json")
}

/// Every probe identity still owed, oldest first (for `status`).
pub fn owed(settings: &Settings) -> Vec<Owed> {
    use crate::adapters::state::FoundNote;
    let state = crate::adapters::state::StateDir::new(&settings.file.state.dir);
    let mut out: Vec<Owed> = Vec::new();
    let mut add = |p: &Pending, running: bool| {
        for key in p.keys.iter().filter(|k| !k.ends_with("-b")) {
            out.push(Owed { identity: mask_secret(key), started_ms: p.started_ms, running });
        }
    };
    for note in state.notes::<Pending>(&pending_dir(settings)) {
        match note {
            FoundNote::Held(p) => add(&p, true),
            FoundNote::Left(p, _) => add(&p, false),
        }
    }
    if let Ok(Some(p)) = state.read_json::<Pending>(&legacy_pending_path(settings)) {
        add(&p, false);
    }
    out.sort_by_key(|o| o.started_ms);
    out
}

/// Deletes the keys every earlier probe left (its note unheld), before
/// this one sends anything; how many went. A note whose keys could not all
/// be deleted stays for the next probe, its failure said.
/// `identities` gathers every identity swept, for a second sweep at the
/// end (a killed probe's last requests may still be answered after the first).
async fn sweep_left(
    settings: &Settings,
    dbs: &mut Databases,
    identities: &mut Vec<String>,
    failures: &mut Vec<String>,
) -> u64 {
    use crate::adapters::state::FoundNote;
    let state = crate::adapters::state::StateDir::new(&settings.file.state.dir);
    let mut swept = 0;
    for note in state.notes::<Pending>(&pending_dir(settings)) {
        if let FoundNote::Left(p, held) = note {
            identities.extend(p.keys.iter().cloned());
            let before = failures.len();
            swept += delete_keys(dbs, &p.keys.iter().collect::<Vec<_>>(), &mut Vec::new(), failures).await;
            if failures.len() == before {
                held.done();
            }
        }
    }
    let legacy = legacy_pending_path(settings);
    if let Ok(Some(p)) = state.read_json::<Pending>(&legacy) {
        identities.extend(p.keys.iter().cloned());
        let before = failures.len();
        swept += delete_keys(dbs, &p.keys.iter().collect::<Vec<_>>(), &mut Vec::new(), failures).await;
        if failures.len() == before {
            let _ = std::fs::remove_file(&legacy);
        }
    }
    swept
}

/// Runs the probe: the requests in order, the identity's keys read after
/// each, then deleted by exact name. `progress` hears each request.
pub async fn run(settings: &Settings, plan: &Plan, progress: &mut dyn FnMut(u64, u64)) -> anyhow::Result<ProbeReport> {
    if let Some(laravel) = &plan.laravel {
        return run_laravel(settings, plan, laravel, progress).await;
    }
    let started = Instant::now();
    let state = crate::adapters::state::StateDir::new(&settings.file.state.dir);
    let second = format!("{}-b", plan.key);
    let pending = Pending { keys: vec![plan.key.clone(), second.clone()], started_ms: crate::ops::now_ms() };
    // Noted (and held) before anything is sent: a kill from here on leaves
    // a note the next probe reads.
    let note =
        state.hold_json(&pending_dir(settings), &plan.key, &pending).context("while noting the probe under way")?;
    let mut base = crate::ops::redis_target(settings);
    base.prefix = String::new();
    let mut dbs = Databases { base, open: Default::default() };
    let mut failures: Vec<String> = Vec::new();
    let mut left: Vec<String> = Vec::new();
    let mut swept = sweep_left(settings, &mut dbs, &mut left, &mut failures).await;
    let shape = crate::ops::limiter::shape(settings).shape;
    let g = &settings.file.gateway;
    let http = Http::new(&g.base_url, g.request_timeout.0, None)?;
    let body = crate::ops::predict::request_body();
    let headers = [("X-Api-Key", plan.key.as_str()), ("Accept", "application/json")];
    let clock = Instant::now();
    let mut samples: Vec<Sample> = Vec::new();
    let mut known: Vec<(u32, String)> = Vec::new();
    let mut refused_at: Option<u64> = None;
    let mut outcome: anyhow::Result<()> = Ok(());
    for n in 1..=plan.requests {
        let last_refusal = refused_at.is_some_and(|r| n > r + plan.refusals);
        // The block's test: one request on another limited path, then stop.
        let on = match (last_refusal, &plan.other) {
            (false, _) => &plan.request,
            (true, Some(other)) if !samples.iter().any(|s| s.other_path) => other,
            (true, _) => break,
        };
        if n == 2 {
            tokio::time::sleep(WINDOW_GAP).await;
        }
        progress(n, plan.requests);
        let answer = match http.send(&on.method, &on.path, &headers, Some(&body)).await {
            Ok(a) => a,
            Err(e) => {
                outcome = Err(anyhow::Error::new(e).context(format!(
                    "request {n} of the probe ({on}) got no answer: the probe stopped and learned nothing"
                )));
                break;
            }
        };
        // A 5xx the route did not give at the start: the gateway is failing
        // under the probe, and what follows would teach nothing true.
        if let Some(first) = samples.first().filter(|f| f.status < 500 && answer.status >= 500) {
            outcome = Err(anyhow::anyhow!(
                "request {n} of the probe ({on}) answered {} where request 1 answered {}: the gateway failed mid-probe; the probe stopped and learned nothing ({})",
                answer.status,
                first.status,
                answer.body.chars().take(200).collect::<String>()
            ));
            break;
        }
        // New keys appear on the first answer, on the first refusal (abuse)
        // and by the last (the block).
        let is_last_refusal = refused_at.is_some_and(|r| n == r + plan.refusals);
        if n == 1 || (answer.status == 429 && refused_at.is_none()) || is_last_refusal || last_refusal {
            match dbs.find(&plan.key).await {
                Ok(found) => {
                    for k in found {
                        if !known.contains(&k) {
                            known.push(k);
                        }
                    }
                }
                Err(e) => {
                    outcome = Err(e.context("reading the probe's keys"));
                    break;
                }
            }
        }
        let keys = match dbs.read(&known).await {
            Ok(k) => k,
            Err(e) => {
                outcome = Err(e.context("reading the probe's keys"));
                break;
            }
        };
        if answer.status == 429 && refused_at.is_none() {
            refused_at = Some(n);
        }
        samples.push(Sample {
            n: n as u32,
            at_ms: clock.elapsed().as_millis() as u64,
            status: answer.status,
            limit: answer.header_u64("x-ratelimit-limit"),
            remaining: answer.header_u64("x-ratelimit-remaining"),
            retry_after: answer.header("retry-after").map(str::to_string),
            body: answer.body.chars().take(300).collect(),
            keys,
            other_path: last_refusal,
        });
        if n == 1 && answer.status >= 500 {
            break;
        }
    }
    // Atomicity: a second identity at the limit less one, then a concurrent
    // burst: how many passed, where one may.
    // Aimed at the limit the gateway showed, never the configured one (a
    // limit set too low would read as a race), and within the budget
    // announced.
    let mut burst = None;
    let sent = samples.len() as u64;
    let learned = probe::learned_limit(&samples).filter(|&l| l >= 1 && sent + l - 1 + BURST <= plan.requests);
    if let (true, true, Some(limit)) = (outcome.is_ok(), samples.first().is_some_and(|s| s.status < 500), learned) {
        burst = match burst_at_limit(&http, plan, limit, sent, &second, &body, progress).await {
            Ok(b) => Some(b),
            Err(e) => {
                outcome = Err(e.context("the burst"));
                None
            }
        };
    }
    // Whatever happened, the probe's own keys go, by exact name, and what a
    // probe killed earlier left too. A failure to find or delete is said,
    // and the note of what is owed stays for the next probe and status.
    let cleaned = delete_keys(&mut dbs, &[&plan.key, &second], &mut known, &mut failures).await;
    swept += delete_keys(&mut dbs, &left.iter().collect::<Vec<_>>(), &mut Vec::new(), &mut failures).await;
    let cleanup_error = match failures.is_empty() {
        true => {
            note.done();
            None
        }
        // The note stays, unheld once this process ends: the next probe owes it.
        false => Some(format!(
            "some of the probe's keys may remain ({}); the next `gatewayctl model probe` deletes them",
            failures.join("; ")
        )),
    };
    outcome?;
    let configured = Configured {
        shape: &shape,
        db: shape.storage.database.unwrap_or_else(|| crate::ops::redis_db(&settings.file.redis.url)),
        redis_prefix: &settings.file.redis.prefix,
    };
    let mut analysis = probe::analyse(&plan.key, plan.request.laravel_path(), &samples, &configured);
    probe::limit(&mut analysis, &samples, plan.limit, &plan.row);
    match &burst {
        Some(b) => probe::burst(&mut analysis, b, &shape),
        None if samples.first().is_some_and(|s| s.status < 500) => analysis.learned.push(probe::Learned {
            dimension: "atomicity".into(),
            value: "unknown".into(),
            configured: crate::core::Named::name(shape.atomicity).into(),
            evidence: match probe::learned_limit(&samples) {
                None => "no burst: no refusal was seen, so the limit to aim it at is not known".into(),
                Some(l) => format!(
                    "no burst: {} more request(s) at the limit {l} would pass the announced {}",
                    l.saturating_sub(1) + BURST,
                    plan.requests
                ),
            },
            row: None,
        }),
        None => {}
    }
    let mut findings = analysis.findings;
    if let Some(s) = samples.first().filter(|s| s.status >= 500) {
        findings.push(crate::core::findings::Finding {
            kind: "route-fails".into(),
            seen: format!("{} answered {}: {}", plan.route, s.status, s.body.chars().take(200).collect::<String>()),
            effect: "every request there fails: the limiter's shape cannot be learned on it".into(),
            fix: "probe another limited route (--route), and see preflight's \"The gateway's own bugs\"".into(),
            harmful: true,
            routes: vec![plan.route.to_string()],
        });
    }
    // Raw identities in key names are masked where they stand (abuse:api:ga***-b).
    let mask = |name: &str| {
        crate::core::limiter::mask_key_name(name)
            .replace(&second, &mask_secret(&second))
            .replace(&plan.key, &mask_secret(&plan.key))
    };
    let report = ProbeReport {
        at_ms: crate::ops::now_ms(),
        route: plan.route.to_string(),
        identity: mask_secret(&plan.key),
        budget: plan.requests,
        sent: samples.len() as u64 + burst.map_or(0, |b| b.sent),
        first_refused: refused_at,
        keys: known.iter().map(|(db, name)| format!("db{db} {}", mask(name))).collect(),
        cleaned,
        learned: analysis.learned,
        findings,
        elapsed_ms: started.elapsed().as_millis() as u64,
        config_diff: None,
        written: false,
        config_backup: None,
        config_refused: None,
        swept,
        cleanup_error,
        judged: Some(judged(settings)),
    };
    keep(settings, report)
}

/// How long a probe's findings stand in preflight, verify and report.
pub const RECENT: Duration = Duration::from_secs(24 * 3600);

/// What a probe run now is judged against.
pub fn judged(settings: &Settings) -> Judged {
    let sections = serde_json::to_string(&(&settings.file.limiter, &settings.file.rate_limit)).unwrap_or_default();
    Judged {
        config: settings
            .source
            .as_ref()
            .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()).display().to_string()),
        limiter_hash: md5_hex(&sections),
        base_url: settings.file.gateway.base_url.clone(),
    }
}

/// The last probe's report when it ran within [`RECENT`], against this
/// config's limiter sections and this gateway; a note when it is older,
/// made under another config, or unreadable (then its findings are not used).
pub fn recent(settings: &Settings) -> (Option<ProbeReport>, Option<String>) {
    let state = crate::adapters::state::StateDir::new(&settings.file.state.dir);
    let again = "run `gatewayctl model probe` again";
    match state.read_json::<ProbeReport>(&state.probe_path()) {
        Ok(None) => (None, None),
        Ok(Some(r)) if crate::ops::now_ms().saturating_sub(r.at_ms) > RECENT.as_millis() as u64 => (
            None,
            Some(format!(
                "the last model probe ran {} ago: its findings are not used ({again})",
                crate::core::duration::format(Duration::from_millis(crate::ops::now_ms().saturating_sub(r.at_ms)))
            )),
        ),
        Ok(Some(r)) => match r.judged.as_ref().map(|j| j.differs_from(&judged(settings))) {
            Some(None) => (Some(r), None),
            Some(Some(how)) => (
                None,
                Some(format!("the last model probe was made under another config, against {how}: its findings are not used ({again})")),
            ),
            None => (
                None,
                Some(format!("the last model probe does not say which config it was made under: its findings are not used ({again})")),
            ),
        },
        Err(e) => (None, Some(format!("the last model probe's report cannot be read: {e}"))),
    }
}

/// The recent probe's findings as one check (`None` without a recent probe).
pub fn check(report: &ProbeReport) -> crate::core::checks::Check {
    use crate::core::checks::Check;
    let name = "what traffic showed (model probe)";
    let when = format!("probe of {} {} ago", report.route, {
        let age = Duration::from_millis(crate::ops::now_ms().saturating_sub(report.at_ms));
        crate::core::duration::format(age)
    });
    let said: Vec<String> = report.findings.iter().map(|f| format!("{}: {}", f.kind, f.effect)).collect();
    let differs: Vec<String> = report
        .differs()
        .iter()
        .map(|l| format!("{} {} (the config: {})", l.dimension, l.value, l.configured))
        .collect();
    let unseen: Vec<&str> =
        report.learned.iter().filter(|l| l.value == "unknown").map(|l| l.dimension.as_str()).collect();
    let unseen = match unseen.is_empty() {
        true => String::new(),
        false => format!("; not seen: {}", unseen.join(", ")),
    };
    match report.findings.iter().filter(|f| f.harmful).count() {
        // No refusal seen: the limiter was never met, so nothing says it answered as configured.
        _ if said.is_empty() && report.first_refused.is_none() => Check::unknown(
            name,
            format!("{when}: no request was refused, so the limiter was not seen{unseen}"),
            "gatewayctl model probe --route \"METHOD /limited/path\"",
        ),
        _ if said.is_empty() && !differs.is_empty() => Check::warn(
            name,
            format!("{when}: the gateway differs from the config: {}", differs.join("; ")),
            "gatewayctl model probe --write makes the config say what the gateway does",
        ),
        _ if said.is_empty() => {
            Check::pass(name, format!("{when}: the limiter answered as configured, nothing named{unseen}"))
        }
        0 => Check::warn(name, format!("{when}: {}", said.join("; ")), "latent: see \"The gateway's own bugs\""),
        n => Check::fail(
            name,
            format!("{when}: {}", said.join("; ")),
            format!("{n} finding(s) harm production today: see \"The gateway's own bugs\""),
        ),
    }
}

/// Sends `limit - 1` requests as `key`, one after another, then `BURST` at
/// once; what the burst's answers were.
async fn burst_at_limit(
    http: &Http,
    plan: &Plan,
    limit: u64,
    sent: u64,
    key: &str,
    body: &serde_json::Value,
    progress: &mut dyn FnMut(u64, u64),
) -> anyhow::Result<probe::Burst> {
    let headers = [("X-Api-Key", key), ("Accept", "application/json")];
    let route = &plan.request;
    let failed = |n: u64, what: String| {
        anyhow::anyhow!(
            "request {n} of the probe ({route}, the second identity) {what}: the gateway failed mid-probe; the probe stopped and learned nothing"
        )
    };
    let mut before = 0;
    for i in 1..limit {
        progress(sent + i, plan.requests);
        let a = http
            .send(&route.method, &route.path, &headers, Some(body))
            .await
            .map_err(|e| failed(sent + i, format!("got no answer ({e})")))?;
        if a.status >= 500 {
            return Err(failed(sent + i, format!("answered {}", a.status)));
        }
        before += u64::from(a.status < 400);
    }
    let mut handles = Vec::with_capacity(BURST as usize);
    for _ in 0..BURST {
        let (http, method, path, key, body) =
            (http.clone(), route.method.clone(), route.path.clone(), key.to_string(), body.clone());
        handles.push(tokio::spawn(async move {
            let headers = [("X-Api-Key", key.as_str()), ("Accept", "application/json")];
            http.send(&method, &path, &headers, Some(&body)).await
        }));
    }
    let mut passed = 0;
    let mut answered = 0;
    let at = sent + limit;
    // Every answer awaited before any is judged: none lands after the cleanup.
    let mut results = Vec::with_capacity(handles.len());
    for h in handles {
        results.push(h.await);
    }
    for r in results {
        match r {
            Ok(Ok(a)) if a.status >= 500 => return Err(failed(at, format!("(in the burst) answered {}", a.status))),
            Ok(Ok(a)) => {
                answered += 1;
                passed += u64::from(a.status < 400);
            }
            Ok(Err(e)) => return Err(failed(at, format!("(in the burst) got no answer ({e})"))),
            Err(e) => return Err(failed(at, format!("(in the burst) was lost ({e})"))),
        }
    }
    progress(plan.requests, plan.requests);
    Ok(probe::Burst { limit, allowed_before: before, size: BURST, answered, passed, sent: limit - 1 + BURST })
}

/// What `--write` would do to the config file.
pub enum ConfigEdit {
    /// The file as it would be, and the diff.
    Edit { edited: String, diff: String },
    /// `config check` would refuse the file as it would be: why.
    Refused(String),
}

/// The config file's text with `[limiter]` made to say what the probe saw,
/// and the diff, or why the validator of `config check` would refuse it;
/// `None` when it already says so. An error without a file.
pub fn config_edit(settings: &Settings, report: &ProbeReport) -> anyhow::Result<Option<ConfigEdit>> {
    let values = probe::config_values(&report.learned);
    if values.is_empty() {
        return Ok(None);
    }
    let path = settings.source.as_ref().ok_or_else(|| {
        Refused("no config file to write the learned shape into: pass --config (gatewayctl init writes one)".into())
    })?;
    let text = std::fs::read_to_string(path).with_context(|| format!("while reading {}", path.display()))?;
    let edited = match crate::settings::edit::propose(&text, Some(path), &values) {
        Ok(edited) => edited,
        Err(why) => return Ok(Some(ConfigEdit::Refused(format!("{}: {why}", path.display())))),
    };
    let shown = path.display().to_string();
    let diff = crate::core::diff::unified(&text, &edited, &shown, &format!("{shown} (as probed)"));
    Ok(Some(ConfigEdit::Edit { edited, diff }))
}

/// Writes `edited` over the config file atomically, the original bytes
/// kept in the state dir first, the edit journaled through `door`; where
/// the original was kept.
pub fn write_config(
    settings: &Settings,
    door: &crate::ops::door::Door,
    edited: &str,
    changes: &str,
) -> anyhow::Result<std::path::PathBuf> {
    let path = settings.source.as_ref().context("no config file")?;
    // Checked again as written: never a file `config check` refuses.
    if let Err(problems) = crate::settings::parse(edited, Some(path)) {
        let said: Vec<String> = problems.iter().map(ToString::to_string).collect();
        return Err(crate::ops::error::Contradicted(format!(
            "the learned shape would make {} a config that `config check` refuses ({}); nothing was written",
            path.display(),
            said.join("; ")
        ))
        .into());
    }
    let original = std::fs::read(path).with_context(|| format!("while reading {}", path.display()))?;
    let kept = settings.file.state.dir.join("config-backups").join(format!(
        "{}.{}",
        path.file_name().map_or("gatewayctl.toml".into(), |n| n.to_string_lossy().into_owned()),
        crate::ops::now_ms()
    ));
    std::fs::create_dir_all(kept.parent().expect("a parent")).context("while making the backups dir")?;
    crate::adapters::files::write_atomic(&kept, &original)
        .with_context(|| format!("while keeping the original at {}", kept.display()))?;
    crate::adapters::files::write_atomic(path, edited.as_bytes())
        .with_context(|| format!("while writing {}", path.display()))?;
    door.record(crate::core::journal::Event::Note {
        command: "model probe --write".into(),
        text: format!("{} [limiter]: {changes} (the original kept at {})", path.display(), kept.display()),
    })?;
    Ok(kept)
}

/// Deletes, by exact name, every key of `identities` (found in every
/// database) and those in `known`; how many went. What could not be found
/// or deleted goes into `failures`, never counted as nothing there.
async fn delete_keys(
    dbs: &mut Databases,
    identities: &[&String],
    known: &mut Vec<(u32, String)>,
    failures: &mut Vec<String>,
) -> u64 {
    for identity in identities {
        match dbs.find(identity).await {
            Ok(found) => {
                for k in found {
                    if !known.contains(&k) {
                        known.push(k);
                    }
                }
            }
            Err(e) => failures.push(format!("finding them: {e:#}")),
        }
    }
    let mut deleted = 0;
    for (db, name) in known.iter() {
        match dbs.on(*db).await {
            Ok(redis) => match redis.delete(std::slice::from_ref(name)).await {
                Ok(n) => deleted += n,
                Err(e) => failures.push(format!("deleting one in db{db}: {e}")),
            },
            Err(e) => failures.push(format!("database {db}: {e:#}")),
        }
    }
    deleted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::checks::CheckVerdict;

    fn report(first_refused: Option<u64>, learned: &[(&str, &str, &str)]) -> ProbeReport {
        ProbeReport {
            at_ms: crate::ops::now_ms(),
            route: "POST /api/v2/bookings".into(),
            identity: "ga***cf".into(),
            budget: 200,
            sent: 53,
            first_refused,
            keys: vec![],
            cleaned: 0,
            learned: learned
                .iter()
                .map(|(d, v, c)| probe::Learned {
                    dimension: d.to_string(),
                    value: v.to_string(),
                    configured: c.to_string(),
                    evidence: String::new(),
                    row: None,
                })
                .collect(),
            findings: vec![],
            elapsed_ms: 1,
            config_diff: None,
            written: false,
            config_backup: None,
            config_refused: None,
            swept: 0,
            cleanup_error: None,
            judged: None,
        }
    }

    /// A probe's report counts only for what it saw: no refusal is unknown,
    /// a shape unlike the config's is a warning, never a pass.
    #[test]
    fn a_probe_that_met_no_limiter_or_another_shape_is_no_pass() {
        let never = check(&report(None, &[("window", "unknown", "fixed")]));
        assert_eq!(never.verdict, CheckVerdict::Unknown, "{never:?}");
        let other = check(&report(Some(61), &[("window", "fixed", "sliding")]));
        assert_eq!(other.verdict, CheckVerdict::Warn, "{other:?}");
        assert!(other.evidence.contains("window fixed (the config: sliding)"), "{other:?}");
        let same = check(&report(Some(11), &[("window", "fixed", "fixed"), ("atomicity", "unknown", "atomic")]));
        assert_eq!(same.verdict, CheckVerdict::Pass, "{same:?}");
        assert!(same.evidence.contains("not seen: atomicity"), "{same:?}");
    }
}

/// Every outcome a probe can see, generated: the gateway's window, its
/// `Retry-After` form, what counts, where its counters live and its
/// limit, against either preset as configured. The file `--write` would
/// make either passes `config check` and says what was seen, or `--write`
/// refuses and says why, in the validator's words.
#[cfg(test)]
mod outcomes {
    use proptest::prelude::*;

    use crate::core::limiter::md5_hex;
    use crate::core::probe::{self, Configured, Sample, SeenKey};

    const KEY: &str = "gatewayctl-probe-0a1b2c3d";
    const PATH: &str = "api/v2/bookings/1/reschedule";

    #[derive(Debug, Clone)]
    struct Gateway {
        label: &'static str,
        db: u32,
        prefix: &'static str,
        per_path: bool,
        /// 0 fixed, 1 refreshed, 2 never.
        window: u8,
        /// 0 whole seconds, 1 negative fraction (Carbon 3), 2 absent.
        retry: u8,
        counts_every: bool,
        limit: u64,
    }

    fn gateway() -> impl Strategy<Value = Gateway> {
        (
            prop::sample::select(vec!["key", "api"]),
            0u32..2,
            prop::sample::select(vec!["", "laravel_database_laravel_cache:"]),
            any::<bool>(),
            0u8..3,
            0u8..3,
            any::<bool>(),
            1u64..15,
        )
            .prop_map(|(label, db, prefix, per_path, window, retry, counts_every, limit)| Gateway {
                label,
                db,
                prefix,
                per_path,
                window,
                retry,
                counts_every,
                limit,
            })
    }

    /// What the probe reads from that gateway: the limit, then 4 refusals.
    fn samples(g: &Gateway, row: &str) -> Vec<Sample> {
        let scope = if g.per_path { md5_hex(PATH) } else { row.to_string() };
        let name = format!("{}rate_limit:{}:{scope}", g.prefix, md5_hex(&format!("{}:{KEY}", g.label)));
        (1..=g.limit + 4)
            .map(|n| {
                let at_ms = n * 1100;
                let refused = n > g.limit;
                let count = if refused && !g.counts_every { g.limit } else { n };
                let pttl = match g.window {
                    0 => 60_000 - at_ms as i64 % 60_000,
                    1 => 60_000,
                    _ => -1,
                };
                let retry = match g.retry {
                    0 => Some("45".to_string()),
                    1 => Some("-41.73".to_string()),
                    _ => None,
                };
                Sample {
                    n: n as u32,
                    at_ms,
                    status: if refused { 429 } else { 200 },
                    limit: Some(g.limit),
                    remaining: None,
                    retry_after: retry.filter(|_| refused),
                    body: if refused { r#"{"error":"rate_limit_exceeded"}"#.into() } else { "{}".into() },
                    keys: vec![SeenKey {
                        db: g.db,
                        name: name.clone(),
                        value: Some(count.to_string()),
                        pttl_ms: Some(pttl),
                    }],
                    other_path: false,
                }
            })
            .collect()
    }

    /// A config file as users write them: a preset, some dimensions.
    fn config() -> impl Strategy<Value = String> {
        (
            any::<bool>(),
            prop::option::of(prop::sample::select(vec!["fixed", "refreshed", "never"])),
            prop::option::of(prop::sample::select(vec!["ttl", "carbon2", "carbon3"])),
            prop::option::of(1u64..25),
        )
            .prop_map(|(askproai, window, retry, limit)| {
                let (preset, row) = match askproai {
                    true => ("askproai-2025-10", "\"api/v2/bookings/*/reschedule\""),
                    false => ("contract", "reschedule"),
                };
                let mut text = format!("[limiter]\npreset = \"{preset}\"\n");
                for (key, v) in [("window", window), ("retry_after", retry)] {
                    if let Some(v) = v {
                        text.push_str(&format!("{key} = \"{v}\"\n"));
                    }
                }
                if let Some(l) = limit {
                    text.push_str(&format!("limits = {{ {row} = {l} }}\n"));
                }
                text
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn what_write_would_make_passes_config_check_or_is_refused_with_why(g in gateway(), text in config()) {
            let Ok(settings) = crate::settings::parse(&text, None) else {
                return Err(TestCaseError::reject("a config `config check` refuses to start with"));
            };
            let shape = &settings.limiter;
            let request: crate::core::route::Route = format!("POST /{PATH}").parse().unwrap();
            let bucket = shape.row_for(&request).expect("a row").clone();
            let samples = samples(&g, &bucket.name);
            let configured = Configured { shape, db: shape.storage.database.unwrap_or(0), redis_prefix: "" };
            let mut analysis = probe::analyse(KEY, PATH, &samples, &configured);
            probe::limit(&mut analysis, &samples, bucket.limit, &bucket.name);
            let values = probe::config_values(&analysis.learned);
            match crate::settings::edit::propose(&text, None, &values) {
                Ok(edited) => {
                    let written = crate::settings::parse(&edited, None).expect("proposed files pass");
                    let again = &written.limiter;
                    let row = again.buckets.iter().find(|b| b.name == bucket.name).unwrap();
                    prop_assert_eq!(row.limit, g.limit, "the written limit is the gateway's");
                    // One allowed request shows a counter that never expires, no other window.
                    if g.limit > 1 || g.window == 2 {
                        let window = crate::core::Named::name(again.window);
                        prop_assert_eq!(window, ["fixed", "refreshed", "never"][g.window as usize]);
                    }
                    prop_assert_eq!(again.identity.api_key_label.as_str(), g.label);
                    prop_assert_eq!(again.storage.database.unwrap_or(0), g.db);
                    let counts = crate::core::Named::name(again.counts);
                    prop_assert_eq!(counts, if g.counts_every { "every" } else { "allowed" });
                    // A counter that never expires with whole seconds is Carbon 2's.
                    if g.window == 2 && g.retry == 0 {
                        prop_assert_eq!(crate::core::Named::name(again.answer.retry_after), "carbon2");
                    }
                }
                // Only where nothing was seen to choose by: no Retry-After
                // from a counter that never expires, "ttl" configured.
                Err(why) => {
                    prop_assert!(why.contains("`config check` refuses") && why.contains("retry_after"), "{}", why);
                    prop_assert!(g.window == 2 && g.retry == 2, "refused {:?}: {}", g, why);
                }
            }
        }
    }
}
