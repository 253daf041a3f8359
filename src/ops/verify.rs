//! Phase 4's proof: health; one request to a v2 route whose rate-limit
//! headers must equal the model's prediction for that identity (from the
//! counter found in Redis just before); X-Response-Time present; the
//! limiter's key in Redis (SCAN); the breaker closed or absent.

use std::time::Duration;

use crate::adapters::http::{Exchange, Http};
use crate::adapters::redis::Redis;
use crate::core::checks::{decide, Check};
use crate::core::limiter::{mask_secret, Identity, LimiterShape, LimiterVerdict, Window};
use crate::core::own::{self, Purpose};
use crate::core::route::Route;
use crate::ops::breaker;
use crate::ops::predict::{Session, Stores};
use crate::ops::{now_ms, redis_target};
use crate::report::verify::VerifyReport;
use crate::settings::Settings;

/// A fresh probe key: its counter cannot be shared with real traffic.
fn probe_key() -> String {
    own::api_key(Purpose::Verify, &format!("{}-{}", std::process::id(), now_ms()))
}

/// An error (nothing sent) when the gateway lists its routes and `route`
/// is not one of them, with the nearest ones.
pub async fn gather(settings: &Settings, route: &Route, api_key: Option<&str>) -> Result<VerifyReport, UnknownRoute> {
    // The model predicts with the app's own route stacks where it can read them.
    // One route:list for both.
    let listed = crate::ops::routes::list(settings).await;
    if let Ok(routes) = &listed {
        crate::ops::routes::require(routes, route).map_err(UnknownRoute)?;
    }
    let mut settings = settings.clone();
    settings.limiter = crate::ops::limiter::from_listed(&settings, Some(&listed)).shape;
    let settings = &settings;
    let key = api_key.map(str::to_string).unwrap_or_else(probe_key);
    let identity = Identity::of(Some(&key), "");
    let mut checks = vec![crate::ops::health::check(settings).await, route_check(&listed, route)];
    let g = &settings.file.gateway;
    let mut redis = Redis::connect(&redis_target(settings)).await;
    // The limiter's keys may live elsewhere than the breaker's (its shape's
    // database and prefixes), and Laravel's throttle counts in its cache store.
    match (Http::new(&g.base_url, g.request_timeout.0, None), Stores::connect(settings, &settings.limiter).await) {
        (Ok(http), Ok(mut stores)) => {
            checks.extend(limiter_checks(settings, &http, &mut stores, route, &key, &identity, api_key.is_none()).await)
        }
        (Err(e), _) => checks.push(Check::fail("v2 request", e.to_string(), "fix gateway.base_url")),
        (_, Err(e)) => checks.push(Check::fail("v2 request", e.to_string(), crate::ops::REDIS_DOWN_HINT)),
    }
    match redis.as_mut() {
        Ok(redis) => checks.push(breaker::check(settings, redis, breaker::BreakerGate::AfterChange).await),
        Err(e) => checks.push(Check::fail("breaker", e.to_string(), crate::ops::REDIS_DOWN_HINT)),
    }
    // The gateway's own bugs, where its app is here to dry-run.
    let mut findings = vec![];
    if crate::ops::limiter::has_app(settings) {
        let bugs = crate::ops::findings::gather_async(settings).await;
        checks.push(bugs.check());
        findings = bugs.findings;
    }
    match crate::ops::probe::recent(settings) {
        (Some(probe), _) => {
            checks.push(crate::ops::probe::check(&probe));
            findings.extend(probe.findings);
        }
        // Said, never judged: a probe of another config proves nothing here.
        (None, Some(note)) => checks.push(crate::core::checks::Check::warn(
            "what traffic showed (model probe)",
            note,
            "gatewayctl model probe",
        )),
        (None, None) => {}
    }
    Ok(VerifyReport {
        decision: decide(&checks),
        route: route.to_string(),
        identity: identity.masked(),
        checks,
        findings,
    })
}

/// A route the gateway does not have: what it said, nothing sent.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UnknownRoute(pub String);

/// The route must be one the gateway lists: a typo answers 404 with no
/// rate-limit headers, which a model that thinks it unlimited would "match".
fn route_check(listed: &Result<crate::ops::routes::Routes, String>, route: &Route) -> Check {
    match listed {
        Ok(listed) => match crate::ops::routes::find(listed, route) {
            Some((methods, uri)) => Check::pass("route", format!("{route} is {methods} {uri} in route:list")),
            None => Check::fail(
                "route",
                crate::ops::routes::require(listed, route).err().unwrap_or_default(),
                "pass --route with a route of the gateway",
            ),
        },
        Err(e) => Check::unknown(
            "route",
            e,
            "artisan route:list failed: run `php artisan route:list` in the app directory to see why",
        ),
    }
}

/// The model's answer for one request, from every key the shape reads as
/// Redis has them now (the block and the abuse counter too: a blocked
/// identity is refused whatever its counter says).
pub async fn predict(
    shape: &LimiterShape,
    stores: &mut Stores,
    route: &Route,
    identity: &Identity,
) -> anyhow::Result<LimiterVerdict> {
    Ok(Session::start(stores, shape, route, identity).await?.expect(0))
}

async fn limiter_checks(
    settings: &Settings,
    http: &Http,
    stores: &mut Stores,
    route: &Route,
    key: &str,
    identity: &Identity,
    own: bool,
) -> Vec<Check> {
    let shape = &settings.limiter;
    let predicted = match predict(shape, stores, route, identity).await {
        Ok(v) => v,
        Err(e) => return vec![Check::fail("v2 request", format!("{e:#}"), crate::ops::REDIS_DOWN_HINT)],
    };
    let body = crate::ops::predict::request_body();
    let log = settings.log_file();
    let log_at = crate::adapters::logtail::end(&log);
    let answer = match http.send(&route.method, &route.path, &[("X-Api-Key", key)], Some(&body)).await {
        Ok(a) => a,
        Err(e) => return vec![Check::fail("v2 request", e.to_string(), crate::ops::GATEWAY_DOWN_HINT)],
    };
    let shown = format!("{route} as {}", mask_secret(key));
    let logged = match (answer.status >= 500, log_at) {
        (false, _) => Ok(None),
        (true, Some(at)) => logged_exception(settings, &log, at).await,
        (true, None) => Err(format!("{} does not exist", log.display())),
    };
    let mut checks = vec![headers_check(&shown, &predicted, &answer, &logged), timing_check(&answer)];
    let session = Session::fresh(shape, route, identity);
    if let Some(key) = session.counter() {
        checks.push(key_check(&mut stores.limiter, &key, shape.window).await);
    }
    // verify's own throwaway identity leaves nothing behind: its keys go by
    // exact name (a key given with --api-key is a client's, and is kept).
    if own {
        let _ = stores.limiter.delete(&session.window_keys()).await;
    }
    checks
}

/// The first exception the gateway's log recorded after `at` (the request
/// just sent), as "Class 'message' at file:line", the file relative to the
/// app; `None` when the log, read, holds none. The log is written as the
/// request ends: a short, bounded wait. An unreadable log is an error, not
/// "no exception".
async fn logged_exception(settings: &Settings, log: &std::path::Path, at: u64) -> Result<Option<String>, String> {
    let app = settings.app_dir().display().to_string();
    for _ in 0..LOG_WAIT_ROUNDS {
        let text =
            crate::adapters::logtail::since(log, at, LOG_READ_MAX).map_err(|e| format!("{}: {e}", log.display()))?;
        if let Some(e) = text.lines().find_map(crate::core::logline::exception) {
            let file = e.file.strip_prefix(&format!("{app}/")).unwrap_or(&e.file).to_string();
            // An exception's message can quote a secret (a DSN, a request field): masked.
            let said = format!("{} '{}' at {file}:{}", e.class, e.message, e.line);
            return Ok(Some(crate::core::logscan::Scanner::new(&settings.sanitizer).mask(&said)));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(None)
}

/// How long verify waits for a 500's exception in the log (rounds of 50 ms), and how much it reads.
const LOG_WAIT_ROUNDS: u32 = 20;
const LOG_READ_MAX: u64 = 1 << 20;

fn headers_check(
    shown: &str,
    predicted: &LimiterVerdict,
    answer: &Exchange,
    logged: &Result<Option<String>, String>,
) -> Check {
    let why_500 = match logged {
        Ok(Some(e)) => format!("; the gateway logged {e}"),
        Ok(None) => String::new(),
        Err(why) => format!("; its log could not be read ({why})"),
    };
    let got = (answer.header_u64("x-ratelimit-limit"), answer.header_u64("x-ratelimit-remaining"));
    let want = (predicted.limit, predicted.remaining);
    let show = |v: Option<u64>| v.map_or("none".to_string(), |n| n.to_string());
    let evidence = format!(
        "{shown} → {}; limit/remaining {}/{}, model {}/{}",
        answer.status,
        show(got.0),
        show(got.1),
        show(want.0),
        show(want.1)
    );
    if let Some(why) = &predicted.unknown {
        return Check::unknown(
            "rate-limit headers",
            format!("{evidence}; the model cannot tell: {why}"),
            "verify a route the limiter shape models, or set [limiter] to describe this one",
        );
    }
    // A 404 or 405 never reached the route; a 5xx without the limiter's
    // headers shows nothing about it. (A 5xx with headers that match does.)
    if matches!(answer.status, 404 | 405) || (answer.status >= 500 && got == (None, None)) {
        return Check::fail(
            "rate-limit headers",
            format!("{evidence}{why_500}"),
            "the route did not answer: this proves nothing about the limiter",
        );
    }
    if predicted.limit.is_none() && got == (None, None) && answer.status < 500 {
        return Check::unknown(
            "rate-limit headers",
            format!("{evidence}; the model says this route carries no limiter"),
            "nothing about the limiter was seen here: verify a limited route, e.g. --route \"POST /api/v2/bookings\"",
        );
    }
    if got != want {
        return Check::fail(
            "rate-limit headers",
            format!("{evidence}{why_500}"),
            "the gateway does not limit as configured: is the limiter applied (`gatewayctl preflight` reads where) and the config current?",
        );
    }
    if answer.status >= 500 && predicted.status == 500 {
        let error = predicted.error.as_deref().unwrap_or("an entry throws");
        return Check::fail(
            "rate-limit headers",
            format!("{evidence}; the model predicts this 500: {error}{why_500}"),
            "the limiter counts, then the route fails on every request: fix the middleware before activating",
        );
    }
    if answer.status >= 500 {
        return Check::warn(
            "rate-limit headers",
            format!("{evidence}{why_500}"),
            match logged {
                Ok(Some(_)) => "the limiter answers as modelled, but the route failed with the exception above",
                Ok(None) => "the limiter answers as modelled, but the route failed and the log recorded no exception after the request: read laravel.log",
                Err(_) => "the limiter answers as modelled, but the route failed and its log could not be read: read laravel.log",
            },
        );
    }
    Check::pass("rate-limit headers", evidence)
}

fn timing_check(answer: &Exchange) -> Check {
    match answer.header("x-response-time") {
        Some(t) if t.ends_with("ms") => Check::pass("X-Response-Time", t.to_string()),
        Some(t) => {
            Check::fail("X-Response-Time", format!("malformed: {t}"), "api.performance is not the expected middleware")
        }
        None => Check::fail("X-Response-Time", "absent", "api.performance is not applied to the v2 routes"),
    }
}

async fn key_check(redis: &mut Redis, key: &str, window: Window) -> Check {
    let found = redis.list(&crate::adapters::redis::escape_glob(key), 1, &mut |_| {}).await;
    match found {
        Ok(keys) if !keys.is_empty() => match redis.pttl(key).await {
            Ok(Some(ms)) => {
                Check::pass("limiter key", format!("{key} present (SCAN), ttl {}s", Duration::from_millis(ms).as_secs()))
            }
            Ok(None) if window == Window::Never => Check::warn(
                "limiter key",
                format!("{key} present (SCAN), with no TTL: it never expires, as the limiter shape says"),
                "a client that reaches the limit is refused on this path for good: the limiter's EXPIRE must reach the counter's database",
            ),
            Ok(None) => Check::fail(
                "limiter key",
                format!("{key} present (SCAN), with no TTL, where the limiter shape's window expires"),
                "the counter never expires: a client that reaches the limit stays refused; check the limiter's EXPIRE",
            ),
            Err(e) => Check::fail("limiter key", e.to_string(), crate::ops::REDIS_DOWN_HINT),
        },
        Ok(_) => Check::fail(
            "limiter key",
            format!("{key} not found"),
            "the limiter does not write to this Redis (check redis.url and redis.prefix)",
        ),
        Err(e) => Check::fail("limiter key", e.to_string(), crate::ops::REDIS_DOWN_HINT),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::checks::CheckVerdict;
    use crate::core::keyspace::Keyspace;
    use crate::core::limiter::LimiterShape;

    fn answer(status: u16, limit: &str, remaining: &str) -> Exchange {
        let headers = [("x-ratelimit-limit", limit), ("x-ratelimit-remaining", remaining)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Exchange { status, headers, body: String::new(), elapsed: std::time::Duration::ZERO }
    }

    fn predict(shape: &LimiterShape, route: &str) -> LimiterVerdict {
        shape.decide(&mut Keyspace::new(), 0, &route.parse().unwrap(), &Identity::ApiKey("k".into()))
    }

    #[test]
    fn a_500_the_shape_predicts_fails_and_says_why() {
        let predicted = predict(&LimiterShape::askproai_2025_10(), "POST /api/v2/bookings");
        let check = headers_check("bookings", &predicted, &answer(500, "30", "29"), &Ok(None));
        assert_eq!(check.verdict, CheckVerdict::Fail);
        assert!(check.evidence.contains("Undefined array key 1"), "{}", check.evidence);
    }

    #[test]
    fn a_route_without_a_limiter_proves_nothing_about_it() {
        let predicted = predict(&LimiterShape::askproai_2025_10(), "GET /api/v2/test");
        let mut bare = answer(200, "", "");
        bare.headers.clear();
        let check = headers_check("test", &predicted, &bare, &Ok(None));
        assert_eq!(check.verdict, CheckVerdict::Unknown, "{check:?}");
    }

    #[test]
    fn a_route_the_shape_cannot_model_is_unknown_never_pass() {
        let predicted = predict(&LimiterShape::askproai_2025_10(), "POST /api/retell/check-customer");
        let check = headers_check("retell", &predicted, &answer(200, "100", "99"), &Ok(None));
        assert_eq!(check.verdict, CheckVerdict::Unknown);
        assert!(check.evidence.contains("retell.call.ratelimit"), "{}", check.evidence);
    }
}
