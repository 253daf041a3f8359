//! One request through the limiter: the entries of its route's stack, outer
//! first, each taking the steps its shape says, applied to a modelled keyspace.

use crate::core::keyspace::{ttl_seconds, Keyspace};
use crate::core::limiter::shape::*;
use crate::core::limiter::{AbuseTrigger, Bucket, Identity, Params, Store};
use crate::core::route::Route;

/// What the gateway must answer, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimiterVerdict {
    /// 200 stands for "passed to the controller" (the limiter adds no
    /// status); 500 for an entry that threw; 0 when the shape cannot tell.
    pub status: u16,
    /// `None` when the route carries no limiter: then no header is sent.
    pub bucket: Option<String>,
    pub limit: Option<u64>,
    pub remaining: Option<u64>,
    /// The counter after this request (`None` when the counters were not touched).
    pub count: Option<i64>,
    /// `Retry-After` in whole seconds, when the shape sends it so.
    pub retry_after_s: Option<u64>,
    /// `Retry-After` as a signed number of milliseconds, when the shape
    /// sends a signed fraction (Carbon 3: negative while the window runs).
    pub retry_after_signed_ms: Option<i64>,
    /// The PTTL behind `retry_after_s`, in milliseconds: how close the answer
    /// is to a rounding edge (a harness keeps requests off those edges).
    pub ttl_ms: Option<u64>,
    /// `Retry-After` is a difference of whole wall-clock seconds (Laravel's
    /// `availableAt - now`), whose phase the model does not know.
    pub retry_after_wall_s: bool,
    /// `X-RateLimit-Reset`, unix seconds, when sent.
    pub reset_at_s: Option<u64>,
    /// Answered by the abuse block, counters untouched.
    pub blocked: bool,
    /// This rejection wrote a block (`Abusive client blocked` is logged).
    pub newly_blocked: bool,
    /// Why the route answers 500: the entry that threw and its message.
    pub error: Option<String>,
    /// Why the shape cannot say what the gateway answers.
    pub unknown: Option<String>,
}

impl LimiterVerdict {
    fn unlimited() -> Self {
        LimiterVerdict {
            status: 200,
            bucket: None,
            limit: None,
            remaining: None,
            count: None,
            retry_after_s: None,
            retry_after_signed_ms: None,
            ttl_ms: None,
            retry_after_wall_s: false,
            reset_at_s: None,
            blocked: false,
            newly_blocked: false,
            error: None,
            unknown: None,
        }
    }

    /// Not refused by a limiter (a 500 is not a refusal).
    pub fn allowed(&self) -> bool {
        self.status != 429 && self.unknown.is_none()
    }

    /// `Retry-After` as the gateway writes it.
    pub fn retry_after_header(&self) -> Option<String> {
        if let Some(ms) = self.retry_after_signed_ms {
            let text = format!("{:.3}", ms as f64 / 1000.0);
            return Some(text.trim_end_matches('0').trim_end_matches('.').to_string());
        }
        self.retry_after_s.map(|s| s.to_string())
    }
}

/// The headers one entry sets on the response.
#[derive(Debug, Clone, Copy, Default)]
struct Headers {
    limit: Option<u64>,
    remaining: Option<u64>,
    reset_at_s: Option<u64>,
    /// Set by Laravel's throttle, which leaves a response's headers be
    /// where they already show as few left as its own or fewer.
    laravel: bool,
}

/// How one entry ended.
enum Step {
    Pass(Headers),
    /// Refused: the verdict it answers with.
    Refuse(LimiterVerdict),
    Throw(String),
    Unknown(String),
}

impl LimiterShape {
    /// Decides one request at `now_ms` (unix milliseconds, or any fixed origin)
    /// and applies its effect to `keys`, as the gateway does to Redis.
    pub fn decide(&self, keys: &mut Keyspace, now_ms: u64, request: &Route, client: &Identity) -> LimiterVerdict {
        self.decide_from(keys, now_ms, request, client, None)
    }

    /// [`LimiterShape::decide`] for a request sent from `address` (as the
    /// gateway sees it), which Laravel's throttle keys a guest by even when
    /// it sends an API key; `None`: not known (a fresh throttle counter is
    /// assumed for an API-key client).
    pub fn decide_from(
        &self,
        keys: &mut Keyspace,
        now_ms: u64,
        request: &Route,
        client: &Identity,
        address: Option<&str>,
    ) -> LimiterVerdict {
        let Some(stack) = self.stack_for(request).filter(|s| !s.entries.is_empty()) else {
            return LimiterVerdict::unlimited();
        };
        let mut verdict = LimiterVerdict::unlimited();
        verdict.bucket = self.bucket_for(request).map(|b| b.name.clone());
        // Headers of the entries that passed, outer first.
        let mut passed: Vec<Headers> = Vec::new();
        for entry in &stack.entries {
            let step = match entry {
                Entry::Gateway { params } => {
                    self.gateway(keys, now_ms, request, client, params.as_deref(), &mut verdict)
                }
                Entry::Throttle { max, decay_s, redis } => {
                    let key =
                        throttle_signature(client, address).unwrap_or_else(|| "throttle:<the client's address>".into());
                    let limits = [LaravelLimit { key, max: *max, decay_s: *decay_s, own_response: false }];
                    match redis {
                        true => duration_limits(keys, now_ms, &limits),
                        false => laravel_limits(keys, now_ms, &limits),
                    }
                }
                Entry::Named { name, redis } => match self.named_limits(name, client, address) {
                    Ok(None) => Step::Pass(Headers::default()),
                    Ok(Some(limits)) if *redis => duration_limits(keys, now_ms, &limits),
                    Ok(Some(limits)) => laravel_limits(keys, now_ms, &limits),
                    Err(why) => Step::Unknown(format!("throttle:{name}: {why}")),
                },
                Entry::Opaque { name } => Step::Unknown(format!("{name} is a limiter the shape does not model")),
            };
            match step {
                Step::Pass(h) => passed.push(h),
                Step::Refuse(refused) => {
                    let own = Headers {
                        limit: refused.limit,
                        remaining: refused.remaining,
                        reset_at_s: refused.reset_at_s,
                        laravel: false,
                    };
                    verdict =
                        LimiterVerdict { bucket: verdict.bucket, count: refused.count.or(verdict.count), ..refused };
                    return self.with_headers(verdict, own, &passed);
                }
                Step::Throw(message) => {
                    verdict.status = 500;
                    verdict.error = Some(format!("{}: {message}", entry.name()));
                    return self.with_headers(verdict, Headers::default(), &passed);
                }
                Step::Unknown(why) => {
                    verdict.status = 0;
                    verdict.unknown = Some(why);
                    return self.with_headers(verdict, Headers::default(), &passed);
                }
            }
        }
        let innermost = passed.pop().unwrap_or_default();
        self.with_headers(verdict, innermost, &passed)
    }

    /// The answer's headers: the deciding entry's, then the outer entries'
    /// on the way out, which overwrite when the outer one wins.
    fn with_headers(&self, mut verdict: LimiterVerdict, own: Headers, outer: &[Headers]) -> LimiterVerdict {
        let mut headers = own;
        let layers = outer.iter().rev();
        for h in layers {
            if h.laravel {
                // `ThrottleRequests::getHeaders`: nothing where the response
                // already shows as few left or fewer.
                let fewer = matches!((headers.remaining, h.remaining), (Some(shown), Some(mine)) if shown <= mine);
                if !fewer && h.remaining.is_some() {
                    (headers.limit, headers.remaining) = (h.limit, h.remaining);
                }
                continue;
            }
            let take = |mine: Option<u64>, theirs: Option<u64>| match self.answer.headers {
                HeaderWinner::Outer => theirs.or(mine),
                HeaderWinner::Inner => mine.or(theirs),
            };
            headers.limit = take(headers.limit, h.limit);
            headers.remaining = take(headers.remaining, h.remaining);
            headers.reset_at_s = take(headers.reset_at_s, h.reset_at_s);
        }
        verdict.limit = headers.limit;
        verdict.remaining = headers.remaining;
        verdict.reset_at_s = headers.reset_at_s;
        verdict
    }

    /// The limit an entry applies: its parameters as the limiter receives
    /// them, or the table's row. `Err` is what the limiter throws.
    fn limit_of(&self, request: &Route, params: Option<&str>) -> Result<(u64, u64), String> {
        let text = match (params, self.params) {
            (Some(text), Params::Whole | Params::FirstOnly) => text,
            (None, _) | (Some(_), Params::Ignored) => {
                let row = self.row_for(request).ok_or("the limit table is empty")?;
                return Ok((row.limit, row.window_ms));
            }
        };
        let received = match self.params {
            Params::FirstOnly => text.split(',').next().unwrap_or(""),
            Params::Whole | Params::Ignored => text,
        };
        let mut parts = received.split(',');
        let (Some(limit), Some(window)) = (parts.next(), parts.next()) else {
            return Err(format!("received {received:?}, and reading its window raises \"Undefined array key 1\""));
        };
        // PHP's (int) cast: leading digits, else 0.
        let int =
            |s: &str| s.trim().bytes().take_while(u8::is_ascii_digit).fold(0u64, |n, d| n * 10 + u64::from(d - b'0'));
        Ok((int(limit), int(window) * 1000))
    }

    fn gateway(
        &self,
        keys: &mut Keyspace,
        now_ms: u64,
        request: &Route,
        client: &Identity,
        params: Option<&str>,
        verdict: &mut LimiterVerdict,
    ) -> Step {
        let (limit, window_ms) = match self.limit_of(request, params) {
            Ok(found) => found,
            Err(message) => return Step::Throw(message),
        };
        let now_s = now_ms / 1000;
        if self.abuse.enforced {
            let blocked = self.blocked_key(client);
            if keys.exists(&blocked, now_ms) {
                let pttl = keys.pttl_ms(&blocked, now_ms);
                let ttl = retry_after(pttl);
                return Step::Refuse(LimiterVerdict {
                    status: 429,
                    limit: Some(limit),
                    remaining: Some(0),
                    retry_after_s: Some(ttl),
                    ttl_ms: pttl,
                    reset_at_s: Some(now_s + ttl),
                    blocked: true,
                    ..LimiterVerdict::unlimited()
                });
            }
        }
        let bucket = self.row_for(request).map_or("default", |b: &Bucket| b.name.as_str());
        let counter = self.counter_key(&self.identity_hash(client), bucket, request);
        let reset_ms = match self.answer.retry_after {
            RetryAfter::CounterTtl => None,
            RetryAfter::ResetKeyCarbon2 | RetryAfter::ResetKeyCarbon3 => {
                let key = self.reset_key(&counter).expect("a reset-key shape");
                Some(match keys.get(&key, now_ms) {
                    Some(e) => e.value as u64,
                    None => {
                        keys.set_ex(&key, (now_ms + window_ms) as i64, now_ms, window_ms);
                        now_ms + window_ms
                    }
                })
            }
        };
        let (count, allowed) = match self.decision {
            CountRule::IncrementThenAtMost => {
                let count = keys.incr(&counter, now_ms);
                (count, count.max(0) as u64 <= limit)
            }
            CountRule::ReadThenBelow => {
                let before = keys.get(&counter, now_ms).map_or(0, |e| e.value);
                let allowed = (before.max(0) as u64) < limit;
                match allowed || self.counts == Counts::Every {
                    true => (keys.incr(&counter, now_ms), allowed),
                    false => (before, false),
                }
            }
        };
        match self.window {
            Window::Fixed if count == 1 => keys.expire(&counter, now_ms, window_ms),
            Window::Refreshed if allowed => keys.expire(&counter, now_ms, window_ms),
            _ => {}
        }
        verdict.count = Some(count);
        let reset_at_s = reset_ms.map(|ms| ms / 1000);
        if allowed {
            let remaining = limit.saturating_sub(count.max(0) as u64);
            return Step::Pass(Headers { limit: Some(limit), remaining: Some(remaining), reset_at_s, laravel: false });
        }
        let mut refused = LimiterVerdict {
            status: 429,
            limit: Some(limit),
            remaining: Some(0),
            count: Some(count),
            ..LimiterVerdict::unlimited()
        };
        match (self.answer.retry_after, reset_ms) {
            (RetryAfter::ResetKeyCarbon2, Some(reset)) => {
                refused.retry_after_s = Some(reset.abs_diff(now_ms) / 1000);
                refused.reset_at_s = reset_at_s;
            }
            (RetryAfter::ResetKeyCarbon3, Some(reset)) => {
                refused.retry_after_signed_ms = Some(now_ms as i64 - reset as i64);
                refused.reset_at_s = reset_at_s;
            }
            _ => {
                let pttl = keys.pttl_ms(&counter, now_ms);
                let ttl = retry_after(pttl);
                refused.retry_after_s = Some(ttl);
                refused.ttl_ms = pttl;
                refused.reset_at_s = Some(now_s + ttl);
            }
        }
        refused.newly_blocked = self.count_rejection(keys, now_ms, client);
        Step::Refuse(refused)
    }

    /// Counts a rejection toward the abuse block; true when it writes a block.
    fn count_rejection(&self, keys: &mut Keyspace, now_ms: u64, client: &Identity) -> bool {
        let abuse = self.abuse_key(client);
        let policy = self.abuse;
        let before = keys.get(&abuse, now_ms).map_or(0, |e| e.value);
        let rejections = keys.incr(&abuse, now_ms);
        let block = match policy.trigger {
            AbuseTrigger::AtLeastAfterIncrement => {
                if let (1, Some(ttl)) = (rejections, policy.counter_ttl_ms) {
                    keys.expire(&abuse, now_ms, ttl);
                }
                rejections >= policy.threshold
            }
            AbuseTrigger::OverBeforeIncrement => {
                if let Some(ttl) = policy.counter_ttl_ms {
                    keys.expire(&abuse, now_ms, ttl);
                }
                before > policy.threshold
            }
        };
        if block {
            keys.set_ex(&self.blocked_key(client), 1, now_ms, policy.block_ms);
        }
        block
    }
}

/// One limit as Laravel's `ThrottleRequests` counts it: its cache key
/// (unprefixed), at most `max` hits per `decay_s`.
struct LaravelLimit {
    key: String,
    max: u64,
    decay_s: u64,
    /// A refusal answers with the app's own response: unknown.
    own_response: bool,
}

impl LimiterShape {
    /// The keys (unprefixed, without `:timer`) Laravel's limiters on
    /// `stack` count `client` in, sending from `address`, each with its
    /// store: a plain throttle's, and each limit's of a named one, in the
    /// cache store or (`ThrottleRequestsWithRedis`) on Redis itself; none
    /// it cannot name.
    pub(super) fn laravel_keys(&self, stack: &Stack, client: &Identity, address: Option<&str>) -> Vec<(Store, String)> {
        let store = |redis: bool| if redis { Store::LaravelRedis } else { Store::Laravel };
        let mut out = Vec::new();
        for entry in &stack.entries {
            match entry {
                Entry::Throttle { redis, .. } => {
                    out.extend(throttle_signature(client, address).map(|k| (store(*redis), k)))
                }
                Entry::Named { name, redis } => {
                    if let Ok(Some(limits)) = self.named_limits(name, client, address) {
                        out.extend(limits.into_iter().map(|l| (store(*redis), l.key)));
                    }
                }
                _ => {}
            }
        }
        let mut seen = std::collections::HashSet::new();
        out.retain(|k| seen.insert(k.clone()));
        out
    }

    /// The limits named limiter `name` gives `client` sending from
    /// `address`, keyed as Laravel keys them (`md5(name . key)`); `None`
    /// for `Limit::none()`; an error says why the model cannot tell.
    fn named_limits(
        &self,
        name: &str,
        client: &Identity,
        address: Option<&str>,
    ) -> Result<Option<Vec<LaravelLimit>>, String> {
        let named = self.named.iter().find(|n| n.name == name).ok_or("a named limiter not read from the app")?;
        let limits = match &named.answer {
            NamedAnswer::Unlimited => return Ok(None),
            NamedAnswer::Unknown(why) => return Err(why.clone()),
            NamedAnswer::Limits(limits) => limits,
        };
        let mut out = Vec::new();
        for limit in limits {
            let template = match client {
                Identity::ApiKey(_) => limit.key_with_api_key.as_ref(),
                Identity::Ip(_) => limit.key_without.as_ref(),
            };
            let template = template.ok_or("its key for such a request could not be read from the app")?;
            let mut key = String::new();
            for part in template {
                match (part, client) {
                    (KeyPart::Text(t), _) => key.push_str(t),
                    (KeyPart::ApiKey, Identity::ApiKey(k)) => key.push_str(k),
                    (KeyPart::ApiKey, Identity::Ip(_)) => {}
                    (KeyPart::Address, Identity::Ip(ip)) => key.push_str(ip),
                    (KeyPart::Address, Identity::ApiKey(_)) => {
                        key.push_str(address.ok_or("its key holds the client's address, which is not known here")?)
                    }
                }
            }
            let key = crate::core::limiter::md5_hex(&format!("{name}{key}"));
            out.push(LaravelLimit { key, max: limit.max, decay_s: limit.decay_s, own_response: limit.own_response });
        }
        Ok(Some(out))
    }
}

/// The key Laravel's plain throttle counts `client` in, sending from
/// `address`: a guest's address (gatewayctl's requests carry no user);
/// `None` for an API-key client whose address is not known.
pub(super) fn throttle_signature(client: &Identity, address: Option<&str>) -> Option<String> {
    match client {
        Identity::Ip(ip) => Some(crate::core::limiter::throttle_key(ip)),
        Identity::ApiKey(_) => address.map(crate::core::limiter::throttle_key),
    }
}

/// Laravel's `ThrottleRequests` over its `RateLimiter`, limit by limit in
/// order: too many when a limit's attempts reached its `max` while its
/// `:timer` key lives (a stale count without a timer is cleared), and the
/// limits before it stay hit; else a hit, which sets the timer and the
/// counter's expiry only when absent. Two limits with one key count twice.
/// The headers are the limit with the fewest left (the first of equals).
/// `Retry-After` is the timer's end less now in wall-clock seconds: its
/// TTL, one second either way.
fn laravel_limits(keys: &mut Keyspace, now_ms: u64, limits: &[LaravelLimit]) -> Step {
    let now_s = now_ms / 1000;
    for limit in limits {
        let (key, max, decay_s) = (&limit.key, limit.max, limit.decay_s);
        let timer = format!("{key}:timer");
        let attempts = keys.get(key, now_ms).map_or(0, |e| e.value.max(0) as u64);
        if attempts >= max {
            if let Some(t) = keys.get(&timer, now_ms) {
                if limit.own_response {
                    return Step::Unknown("the app answers this refusal with its own response".into());
                }
                let left_ms = keys.pttl_ms(&timer, now_ms).unwrap_or(decay_s * 1000);
                return Step::Refuse(LimiterVerdict {
                    status: 429,
                    limit: Some(max),
                    remaining: Some(0),
                    retry_after_s: Some(ttl_seconds(left_ms)),
                    reset_at_s: Some(t.value.max(0) as u64),
                    retry_after_wall_s: true,
                    ..LimiterVerdict::unlimited()
                });
            }
            keys.remove(key);
        }
        if !keys.exists(&timer, now_ms) {
            keys.set_ex(&timer, (now_s + decay_s) as i64, now_ms, decay_s * 1000);
        }
        if !keys.exists(key, now_ms) {
            keys.set_ex(key, 0, now_ms, decay_s * 1000);
        }
        keys.incr(key, now_ms);
    }
    let mut headers = Headers::default();
    for limit in limits {
        let attempts = keys.get(&limit.key, now_ms).map_or(0, |e| e.value.max(0) as u64);
        let left = limit.max.saturating_sub(attempts);
        if headers.remaining.is_none_or(|shown| left < shown) {
            headers = Headers { limit: Some(limit.max), remaining: Some(left), reset_at_s: None, laravel: true };
        }
    }
    Step::Pass(headers)
}

/// Where the model keeps a `DurationLimiter` window's end (session
/// milliseconds) beside its count: one Redis hash is two model keys.
pub fn duration_end_key(key: &str) -> String {
    format!("{key}#end")
}

/// `ThrottleRequestsWithRedis`, limit by limit in order: its
/// `DurationLimiter` opens a window of `decay_s` at the first request (the
/// hash expiring after twice that), counts every request in it, refusals
/// too, and allows while the count is at most `max`; once the window
/// ended, the next request opens a new one. Each limit is counted before
/// the next is asked; the first over refuses, `Retry-After` the window's
/// end less now in wall-clock seconds. The headers are the limit with the
/// fewest left.
fn duration_limits(keys: &mut Keyspace, now_ms: u64, limits: &[LaravelLimit]) -> Step {
    let mut headers = Headers::default();
    for limit in limits {
        let (key, max, decay_ms) = (&limit.key, limit.max, limit.decay_s * 1000);
        let end_key = duration_end_key(key);
        let live_end = match (keys.get(key, now_ms), keys.get(&end_key, now_ms)) {
            (Some(_), Some(end)) if end.value >= now_ms as i64 => Some(end.value as u64),
            _ => None,
        };
        let (count, end) = match live_end {
            Some(end) => (keys.incr(key, now_ms).max(0) as u64, end),
            None => {
                keys.set_ex(key, 1, now_ms, 2 * decay_ms);
                keys.set_ex(&end_key, (now_ms + decay_ms) as i64, now_ms, 2 * decay_ms);
                (1, now_ms + decay_ms)
            }
        };
        if count > max {
            if limit.own_response {
                return Step::Unknown("the app answers this refusal with its own response".into());
            }
            return Step::Refuse(LimiterVerdict {
                status: 429,
                limit: Some(max),
                remaining: Some(0),
                retry_after_s: Some(end.saturating_sub(now_ms).div_ceil(1000)),
                retry_after_wall_s: true,
                ..LimiterVerdict::unlimited()
            });
        }
        let left = max - count;
        if headers.remaining.is_none_or(|shown| left < shown) {
            headers = Headers { limit: Some(max), remaining: Some(left), reset_at_s: None, laravel: true };
        }
    }
    Step::Pass(headers)
}

/// `Retry-After`: the key's TTL as Redis reports it, never less than 1.
fn retry_after(pttl_ms: Option<u64>) -> u64 {
    pttl_ms.map(ttl_seconds).unwrap_or(0).max(1)
}

impl LimiterShape {
    /// The 429's JSON body for a refusal.
    pub fn refusal_body(&self, refused: &LimiterVerdict) -> serde_json::Value {
        let retry: serde_json::Value = match refused.retry_after_signed_ms {
            Some(ms) => serde_json::json!(ms as f64 / 1000.0),
            None => serde_json::json!(refused.retry_after_s),
        };
        match self.answer.body {
            RefusalBody::Short => serde_json::json!({"error": "rate_limit_exceeded", "retry_after": retry}),
            RefusalBody::Envelope => serde_json::json!({
                "success": false,
                "status_code": 429,
                "message": "Too many requests. Please slow down.",
                "error": "rate_limit_exceeded",
                "retry_after": retry,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::core::keyspace::Keyspace;
    use crate::core::limiter::tests::contract;
    use crate::core::limiter::{counter_key, Identity};
    use crate::core::route::Route;
    use proptest::prelude::*;

    fn h() -> Identity {
        Identity::Ip("h".into())
    }

    fn bookings() -> Route {
        "POST /api/v2/bookings".parse().unwrap()
    }

    #[test]
    fn thirty_one_bookings_at_half_second_intervals() {
        let cfg = contract();
        let client = Identity::of(None, "127.0.0.1");
        let id = cfg.identity_hash(&client);
        let mut keys = Keyspace::new();
        let verdicts: Vec<_> = (0..31).map(|i| cfg.decide(&mut keys, i * 500, &bookings(), &client)).collect();
        assert!(verdicts[..30].iter().all(|v| v.status == 200));
        assert_eq!(verdicts[0].remaining, Some(29));
        assert_eq!(verdicts[29].remaining, Some(0));
        let last = &verdicts[30];
        assert_eq!((last.status, last.remaining, last.retry_after_s), (429, Some(0), Some(45)));
        assert_eq!(last.reset_at_s, Some(15 + 45));
        assert_eq!(keys.get(&counter_key(&id, "bookings"), 15_000).unwrap().value, 31, "rejections are counted");
    }

    #[test]
    fn window_starts_at_first_request_not_on_the_clock() {
        let cfg = contract();
        let mut keys = Keyspace::new();
        let resched: Route = "POST /api/v2/bookings/7/reschedule".parse().unwrap();
        let t0 = 1_700_000_037_250; // mid-second, mid-minute
        for i in 0..10 {
            assert_eq!(cfg.decide(&mut keys, t0 + i, &resched, &h()).status, 200);
        }
        assert_eq!(cfg.decide(&mut keys, t0 + 60_000, &resched, &h()).status, 429, "still inside the window");
        assert_eq!(cfg.decide(&mut keys, t0 + 60_001, &resched, &h()).status, 200, "a new window");
    }

    #[test]
    fn abuse_block_answers_without_touching_counters() {
        let cfg = contract();
        let mut keys = Keyspace::new();
        let resched: Route = "POST /api/v2/bookings/7/reschedule".parse().unwrap();
        let verdicts: Vec<_> = (0..31).map(|i| cfg.decide(&mut keys, i, &resched, &h())).collect();
        let first_block = verdicts.iter().position(|v| v.newly_blocked).unwrap();
        assert_eq!(first_block, 10 + 19, "the 20th rejection blocks");
        let after = &verdicts[30];
        assert!(after.blocked);
        assert_eq!((after.status, after.remaining, after.retry_after_s), (429, Some(0), Some(900)));
        assert_eq!(
            keys.get(&counter_key(&cfg.identity_hash(&h()), "reschedule"), 30).unwrap().value,
            30,
            "the blocked request is not counted"
        );
        assert!(keys.exists(&cfg.blocked_key(&h()), 30));
        let other = cfg.decide(&mut keys, 31, &bookings(), &h());
        assert!(other.blocked, "a block covers every limited route");
    }

    #[test]
    fn unlimited_routes_touch_nothing() {
        let cfg = contract();
        let mut keys = Keyspace::new();
        let health: Route = "GET /api/health".parse().unwrap();
        for i in 0..100 {
            let v = cfg.decide(&mut keys, i, &health, &h());
            assert_eq!((v.status, v.limit, v.remaining), (200, None, None));
        }
        assert!(keys.snapshot(100).is_empty());
    }

    proptest! {
        /// Within one window exactly `limit` requests pass, whatever the spacing.
        #[test]
        fn exactly_limit_pass_in_one_window(gaps in prop::collection::vec(0u64..1_500, 1..120)) {
            let cfg = contract();
            let mut keys = Keyspace::new();
            let mut now = 0;
            let mut passed = 0;
            let mut last_remaining = u64::MAX;
            for gap in gaps {
                now += gap;
                if now > 60_000 { break; }
                let v = cfg.decide(&mut keys, now, &bookings(), &h());
                if v.allowed() { passed += 1; }
                let remaining = v.remaining.unwrap();
                prop_assert!(remaining <= last_remaining, "remaining never grows within a window");
                last_remaining = remaining;
                let max_retry = if v.blocked || v.newly_blocked { 900 } else { 60 };
                if let Some(retry) = v.retry_after_s { prop_assert!((1..=max_retry).contains(&retry), "{v:?}"); }
            }
            prop_assert!(passed <= 30);
        }

        /// Identities never share counters.
        #[test]
        fn identities_are_independent(a in 0u32..50, b in 0u32..50) {
            let cfg = contract();
            let mut keys = Keyspace::new();
            for i in 0..a { cfg.decide(&mut keys, i as u64, &bookings(), &Identity::Ip("a".into())); }
            let v = cfg.decide(&mut keys, 100, &bookings(), &Identity::Ip("b".into()));
            prop_assert_eq!(v.remaining, Some(29));
            let _ = b;
        }
    }
}
