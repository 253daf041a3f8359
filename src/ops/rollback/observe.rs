//! Is a feature really off (or, after undo, on again)? Observed over HTTP
//! and in Redis, not assumed from the edit.

use crate::adapters::http::Http;
use crate::adapters::logtail;
use crate::adapters::redis::Redis;
use crate::core::checks::Check;
use crate::core::integration::Integration;
use crate::core::limiter::{Identity, Store};
use crate::core::own::{self, Purpose};
use crate::core::rollback::Feature;
use crate::ops::predict::{Session, Stores};
use crate::ops::{canary_tag, now_ms};
use crate::settings::Settings;

/// Observes `feature` and checks it is `on` (true) or off (false).
pub async fn observe(settings: &Settings, feature: Feature, on: bool) -> Check {
    let name = format!("{feature} {}", if on { "on" } else { "off" });
    let g = &settings.file.gateway;
    let http = match Http::new(&g.base_url, g.request_timeout.0, None) {
        Ok(h) => h,
        Err(e) => return Check::fail(&name, e.to_string(), "fix gateway.base_url"),
    };
    let result = match feature {
        Feature::InputValidation => validation(&http).await.map(Seen::Told),
        Feature::RateLimit => rate_limit(settings, &http).await,
        Feature::CircuitBreaker => breaker(settings, &http).await.map(Seen::Told),
        Feature::LogSanitizer => sanitizer(settings, &http).await.map(Seen::Told),
    };
    match result {
        Ok(Seen::Told((is_on, evidence))) if is_on == on => Check::pass(&name, evidence),
        Ok(Seen::Told((_, evidence))) => Check::fail(
            &name,
            evidence,
            "the gateway does not behave as the edit intends: is the reload done and the cache cleared?",
        ),
        Ok(Seen::Nothing(why)) => Check::unknown(&name, why, "observe it by hand on a route the limiter covers"),
        Err(e) => Check::fail(&name, e, "could not observe the feature"),
    }
}

/// What an observation saw: on or off with its evidence, or nothing that
/// could tell (never a pass).
enum Seen {
    Told((bool, String)),
    Nothing(String),
}

/// On a route the limiter covers (`ops::limiter::observation_request`), as
/// a fresh client: on when the answer carries X-RateLimit headers or the
/// counter moves; off only when all three hold: a served answer (not a
/// 404, 405 or 5xx) that is not a 429, no limiter header, the counter
/// untouched. Any other answer tells nothing; with no such route, nothing
/// is observed.
async fn rate_limit(settings: &Settings, http: &Http) -> Result<Seen, String> {
    let listed = crate::ops::routes::list(settings).await;
    let Some((request, shape)) = crate::ops::limiter::observation_request(settings, &listed) else {
        return Ok(Seen::Nothing(format!(
            "no route the limiter covers (neither in the app's stacks nor in {}) answers a fresh client: nothing to observe it on",
            settings.limiter.stacks_source
        )));
    };
    let key = own::api_key(Purpose::RollbackProbe, &format!("{}-{}", std::process::id(), now_ms()));
    let identity = Identity::ApiKey(key.clone());
    let session = Session::fresh_from(&shape, &request, &identity, crate::ops::sender_address(settings));
    // The keys the request must move: the gateway's counter, or (a route
    // Laravel's limiter alone guards) Laravel's, which a client's address
    // may share: read before, and only those the request made deleted.
    let counter = session.counter();
    let watched: Vec<(Store, String)> = match &counter {
        Some(c) => vec![(Store::Limiter, c.clone())],
        None => session.keys().into_iter().filter(|(s, _)| *s != Store::Limiter).collect(),
    };
    if watched.is_empty() {
        return Err("the limiter on the route names no key to watch".into());
    }
    // With Redis unreachable (an outage is when the emergency rollback
    // runs) HTTP alone decides, and says so.
    let mut stores = match Stores::connect(settings, &shape).await {
        Ok(stores) => Some(stores),
        Err(e) if e.is_unreachable() => None,
        Err(e) => return Err(e.to_string()),
    };
    let mut before = Vec::new();
    if let Some(stores) = stores.as_mut() {
        for (store, name) in &watched {
            before.push(stores.value(*store, name).await.map_err(|e| e.to_string())?);
        }
    }
    let answer = http
        .send(&request.method, &request.path, &[("X-Api-Key", &key)], Some(&crate::ops::predict::request_body()))
        .await
        .map_err(|e| e.to_string())?;
    let headers = answer.header("x-ratelimit-limit").is_some();
    let counted = match stores.as_mut() {
        Some(stores) => {
            let mut after = Vec::new();
            for (store, name) in &watched {
                after.push(stores.value(*store, name).await.map_err(|e| e.to_string())?);
            }
            // The observation leaves nothing behind: its own keys by exact name.
            match counter {
                Some(_) => {
                    let _ = stores.delete(Store::Limiter, &session.window_keys()).await;
                }
                None => {
                    for ((store, name), was) in watched.iter().zip(&before) {
                        if was.is_none() {
                            let _ = stores.delete(*store, &[name.clone(), format!("{name}:timer")]).await;
                        }
                    }
                }
            }
            Ok(before != after)
        }
        None => Err("Redis is unreachable".to_string()),
    };
    let evidence = format!(
        "{request} → {}; X-RateLimit headers {}; counter {}",
        answer.status,
        yes(headers),
        match &counted {
            Ok(true) => "moved".to_string(),
            Ok(false) => "untouched".to_string(),
            Err(why) => format!("not checked: Redis is unreachable ({why}); HTTP alone decides"),
        }
    );
    let counted = counted.unwrap_or(false);
    match (headers || counted, answer.status) {
        (true, _) => Ok(Seen::Told((true, evidence))),
        (false, 429) => Err(format!("{evidence}: refused without the limiter's headers or counter: another limiter?")),
        (false, s) if !crate::core::limiter::served(s) => {
            Err(format!("{evidence}: an answer that no route served (404, 405, 5xx) tells nothing of the limiter"))
        }
        (false, _) => Ok(Seen::Told((false, evidence))),
    }
}

/// On when CalcomService constructs the breaker; off also needs availability
/// to answer and the breaker's keys to stay still.
async fn breaker(settings: &Settings, http: &Http) -> Result<(bool, String), String> {
    let wired = crate::ops::limiter::integration(settings)
        .into_iter()
        .find(|f| f.fix.starts_with('7'))
        .is_some_and(|f| f.status == Integration::Wired);
    let target = crate::ops::breaker::target(settings);
    let mut redis = Redis::connect(&target).await.map_err(|e| e.to_string())?;
    let keys = settings.breaker_store.key_names("calcom_api").to_vec();
    let before = redis.get_many(&keys).await.map_err(|e| e.to_string())?;
    // A route through the breaker (the store's trip route): one that never
    // reaches it would show nothing either way.
    let trip = &settings.breaker_store.trip;
    let body: serde_json::Value =
        serde_json::from_str(&trip.body).unwrap_or_else(|_| crate::ops::predict::request_body());
    let answer = http
        .send(&trip.route.method, &trip.route.path, &[("Accept", "application/json")], Some(&body))
        .await
        .map_err(|e| e.to_string())?;
    let after = redis.get_many(&keys).await.map_err(|e| e.to_string())?;
    let still = before == after;
    let evidence = format!(
        "CalcomService {} the breaker; {} → {}; breaker keys {}",
        if wired { "constructs" } else { "no longer constructs" },
        trip.route,
        answer.status,
        if still { "still" } else { "moved" }
    );
    // Keys that still move mean old code is still serving, whatever the source says.
    Ok((wired || !still, evidence))
}

/// On when a canary password sent to a webhook is logged redacted.
async fn sanitizer(settings: &Settings, http: &Http) -> Result<(bool, String), String> {
    let canary = format!("canary-pw-{}-{}", std::process::id(), now_ms());
    let reference = format!("gatewayctl-canary-{}", canary_tag());
    let body = serde_json::json!({"password": canary, "request_ref": reference});
    let answer = http
        .send("POST", "/api/webhooks/calcom", &[("X-Api-Key", &reference)], Some(&body))
        .await
        .map_err(|e| e.to_string())?;
    let log = logtail::tail(&settings.log_file(), 256 * 1024)
        .map_err(|e| format!("{}: {e}", settings.log_file().display()))?;
    let line = log
        .lines()
        .rev()
        .find(|l| l.contains(&reference))
        .ok_or_else(|| format!("webhook → {}, but no log line carries the canary's reference", answer.status))?;
    let leaked = line.contains(&canary);
    Ok((!leaked, format!("canary password logged {}", if leaked { "as sent" } else { "redacted" })))
}

/// On when a payload the FormRequest refuses gets 422 naming the failing
/// fields and a valid one still gets 200; off when the invalid one is accepted.
async fn validation(http: &Http) -> Result<(bool, String), String> {
    let date = (chrono::Utc::now() + chrono::Duration::days(1)).format("%Y-%m-%d").to_string();
    let valid = serde_json::json!({"name": own::PROBE_NAME, "date": date, "time": "10:00", "service_id": 1});
    let invalid = serde_json::json!({"name": format!("{} <b>'; DROP TABLE--", own::PROBE_NAME), "date": "tomorrow", "time": "10:00", "service_id": 1});
    let path = "/api/retell/collect-appointment";
    let bad = http.send("POST", path, &[], Some(&invalid)).await.map_err(|e| e.to_string())?;
    let good = http.send("POST", path, &[], Some(&valid)).await.map_err(|e| e.to_string())?;
    let fields = validation_fields(&bad);
    let evidence = format!(
        "invalid payload → {}{}; valid payload → {}",
        bad.status,
        if fields.is_empty() { String::new() } else { format!(" naming {}", fields.join(", ")) },
        good.status
    );
    match (bad.status, good.status) {
        (422, 200..=299) if !fields.is_empty() => Ok((true, evidence)),
        (200..=299, 200..=299) => Ok((false, evidence)),
        (300..=399, _) => Err(format!(
            "{evidence}: validation redirects callers that do not ask for JSON (the app's exception handler does not render it as JSON)"
        )),
        (422, _) => Err(format!("{evidence}: the FormRequest refuses a valid payload, or its 422 names no field")),
        _ => Err(evidence),
    }
}

/// The fields a 422 names: the contract's `error.fields`, or Laravel's `errors`.
pub fn validation_fields(answer: &crate::adapters::http::Exchange) -> Vec<String> {
    let Some(body) = answer.json() else { return vec![] };
    let fields = body.pointer("/error/fields").or_else(|| body.get("errors"));
    fields.and_then(|f| f.as_object()).map(|o| o.keys().cloned().collect()).unwrap_or_default()
}

fn yes(b: bool) -> &'static str {
    if b {
        "present"
    } else {
        "absent"
    }
}

/// After the rate limit is back on: every route the app's live route list
/// shows the limiter on, asked once each. The client is one of gatewayctl's
/// own, its counter set at the route's limit first, so the limiter answers
/// (a 429) and the request never reaches a controller; each answer is
/// judged against the model, then every key of that client is deleted by
/// name. A route the model says breaks (an entry that throws) is left to
/// the check of what the undo brought back.
pub async fn every_limited_route(settings: &Settings) -> Check {
    const NAME: &str = "rate-limit on, route by route";
    let listed = crate::ops::routes::list(settings).await;
    if let Err(e) = &listed {
        return Check::unknown(NAME, format!("the app's routes could not be listed: {e}"), "ask the routes by hand");
    }
    let shape = crate::ops::limiter::from_listed(settings, Some(&listed)).shape;
    let g = &settings.file.gateway;
    let http = match Http::new(&g.base_url, g.request_timeout.0, None) {
        Ok(h) => h,
        Err(e) => return Check::fail(NAME, e.to_string(), "fix gateway.base_url"),
    };
    let mut stores = match Stores::connect(settings, &shape).await {
        Ok(r) => r,
        Err(e) => return Check::unknown(NAME, format!("Redis: {e}"), crate::ops::REDIS_DOWN_HINT),
    };
    let mut requests: Vec<crate::core::route::Route> = Vec::new();
    for stack in &shape.stacks {
        let request = stack.route.sample();
        if request.method != "*" && shape.is_limited(&request) && !requests.contains(&request) {
            requests.push(request);
        }
    }
    let (mut judged, mut broken, mut wrong) = (0usize, Vec::new(), Vec::new());
    for request in &requests {
        let key = own::api_key(Purpose::UndoCheck, &format!("{}-{}", std::process::id(), now_ms()));
        let identity = Identity::ApiKey(key.clone());
        let fresh = Session::fresh(&shape, request, &identity);
        let (Some(bucket), Some(counter)) = (fresh.bucket(), fresh.counter()) else { continue };
        let mut owned = fresh.window_keys();
        owned.extend([shape.abuse_key(&identity), shape.blocked_key(&identity)]);
        let seeded = stores.limiter.set_px(&counter, &bucket.limit.to_string(), bucket.window_ms).await;
        let verdict = match seeded {
            Ok(()) => Session::start(&mut stores, &shape, request, &identity).await.map(|mut s| s.expect(0)),
            Err(e) => Err(e),
        };
        let verdict = match verdict {
            Ok(v) => v,
            Err(e) => {
                let _ = stores.limiter.delete(&owned).await;
                return Check::unknown(NAME, format!("Redis: {e}"), crate::ops::REDIS_DOWN_HINT);
            }
        };
        if verdict.status != 429 {
            // Broken here, or the model cannot say a client at its limit is
            // refused: not asked (nothing may reach a controller).
            let _ = stores.limiter.delete(&owned).await;
            if verdict.status >= 500 {
                broken.push(request.to_string());
            }
            continue;
        }
        let headers = [("Accept", "application/json"), ("X-Api-Key", key.as_str())];
        let body = (request.method != "GET").then(crate::ops::predict::request_body);
        let answer = http.send(&request.method, &request.path, &headers, body.as_ref()).await;
        let _ = stores.limiter.delete(&owned).await;
        match answer {
            Ok(a) => {
                let seen = crate::ops::predict::observed(&a);
                let off = crate::ops::predict::compare(&verdict, &seen, 1000);
                match off.is_empty() {
                    true => judged += 1,
                    false => wrong.push(format!("{request} → {} ({off:?})", a.status)),
                }
            }
            Err(e) => wrong.push(format!("{request}: {e}")),
        }
    }
    let left = match broken.len() {
        0 => String::new(),
        n => format!("; {n} the model says break ({}) are the brought-back check's", broken.join(", ")),
    };
    match (judged, wrong.is_empty()) {
        (_, false) => Check::fail(
            NAME,
            format!("{} of {} limited route(s) answered other than the model: {}{left}", wrong.len(), judged + wrong.len(), wrong.join("; ")),
            "the limiter is not on as the model says there: is the reload done and the route cache rebuilt?",
        ),
        (0, true) => Check::unknown(
            NAME,
            format!("no limited route could be asked without reaching a controller{left}"),
            "observe it by hand on a route the limiter covers",
        ),
        (n, true) => Check::pass(
            NAME,
            format!("{n} limited route(s), each asked once by a client at its limit: refused with 429 as the model says{left}"),
        ),
    }
}
