use super::*;

const KEY: &str = "gatewayctl-probe-0a1b2c3d";
const PATH: &str = "api/v2/availability/simple";

fn key(db: u32, name: String, value: &str, pttl_ms: i64) -> SeenKey {
    SeenKey { db, name, value: Some(value.into()), pttl_ms: Some(pttl_ms) }
}

/// Request `n`, its keys read at `n` seconds.
fn sample(n: u32, status: u16, retry: Option<&str>, body: &str, keys: Vec<SeenKey>) -> Sample {
    let at_ms = u64::from(n) * 1000;
    Sample {
        n,
        at_ms,
        status,
        limit: Some(3),
        remaining: None,
        retry_after: retry.map(String::from),
        body: body.into(),
        keys,
        other_path: false,
    }
}

/// The baseline's limiter with a limit of 3: counters in database 1 under
/// both prefixes, per path, no TTL, refusals not counted, raw abuse keys,
/// a negative fractional Retry-After and the envelope body.
fn askproai_samples() -> Vec<Sample> {
    let counter =
        format!("laravel_database_laravel_cache:rate_limit:{}:{}", md5_hex(&format!("api:{KEY}")), md5_hex(PATH));
    let abuse = format!("laravel_database_laravel_cache:abuse:api:{KEY}");
    let envelope = r#"{"success":false,"status_code":429,"error":"rate_limit_exceeded","retry_after":-41.73}"#;
    let mut out: Vec<Sample> =
        (1..=3).map(|n| sample(n, 200, None, "{}", vec![key(1, counter.clone(), &n.to_string(), -1)])).collect();
    for n in 4..=7 {
        let keys = vec![key(1, counter.clone(), "3", -1), key(1, abuse.clone(), &(n - 3).to_string(), -1)];
        out.push(sample(n, 429, Some("-41.73"), envelope, keys));
    }
    // The block written at the last refusal, and another path served anyway.
    let blocked = format!("laravel_database_laravel_cache:blocked:api:{KEY}");
    out.last_mut().unwrap().keys.push(key(1, blocked, "a:2:{}", 86_400_000));
    let mut other = sample(8, 200, None, "{}", vec![]);
    other.other_path = true;
    out.push(other);
    out
}

fn value(a: &Analysis, dimension: &str) -> String {
    a.learned.iter().find(|l| l.dimension == dimension).map(|l| l.value.clone()).unwrap_or_default()
}

#[test]
fn the_baselines_limiter_is_learned_and_its_bugs_named() {
    let shape = LimiterShape::askproai_2025_10();
    let a = analyse(KEY, PATH, &askproai_samples(), &Configured { shape: &shape, db: 1, redis_prefix: "" });
    assert_eq!(value(&a, "identity"), "api");
    assert_eq!(value(&a, "database"), "1");
    assert_eq!(value(&a, "prefixes"), "laravel_database_laravel_cache:");
    assert_eq!(value(&a, "counter"), "path");
    assert_eq!(value(&a, "runs per request"), "1");
    assert_eq!(value(&a, "window"), "never");
    assert_eq!(value(&a, "counts"), "allowed");
    assert_eq!(value(&a, "retry-after"), "carbon3");
    assert_eq!(value(&a, "body"), "envelope");
    assert_eq!(value(&a, "abuse keys"), "raw");
    let kinds: Vec<&str> = a.findings.iter().map(|f| f.kind.as_str()).collect();
    assert_eq!(value(&a, "block"), "not enforced");
    assert_eq!(kinds, ["counter-never-expires", "retry-after-form", "secret-in-key-names", "block-not-enforced"]);
    let all = format!("{:?}{:?}", a.learned, a.findings);
    assert!(!all.contains(KEY), "the probe's key is masked everywhere: {all}");
}

/// Laravel 8's Carbon 2 on the baseline: whole seconds from a counter that
/// never expires can only be `carbon2`, never `ttl` (which `config check`
/// refuses with `window = "never"`), whatever the config said.
#[test]
fn whole_seconds_from_a_counter_that_never_expires_are_carbon2() {
    let samples: Vec<Sample> = askproai_samples()
        .into_iter()
        .map(|mut s| {
            if s.retry_after.is_some() {
                s.retry_after = Some("45".into());
            }
            s
        })
        .collect();
    let mut shape = LimiterShape::askproai_2025_10();
    for configured in [RetryAfter::CounterTtl, RetryAfter::ResetKeyCarbon3, RetryAfter::ResetKeyCarbon2] {
        shape.answer.retry_after = configured;
        let a = analyse(KEY, PATH, &samples, &Configured { shape: &shape, db: 1, redis_prefix: "" });
        assert_eq!(value(&a, "window"), "never");
        assert_eq!(value(&a, "retry-after"), "carbon2", "configured {}", configured.name());
    }
}

#[test]
fn the_contracts_limiter_is_learned_and_nothing_is_named() {
    let shape = crate::core::limiter::tests::contract();
    let counter = format!("rate_limit:{}:availability", md5_hex(&format!("key:{KEY}")));
    let mut samples: Vec<Sample> = (1..=3)
        .map(|n| sample(n, 200, None, "{}", vec![key(0, counter.clone(), &n.to_string(), 60_000 - 1000 * n as i64)]))
        .collect();
    let short = r#"{"error":"rate_limit_exceeded","retry_after":59}"#;
    for n in 4..=6 {
        samples.push(sample(n, 429, Some("59"), short, vec![key(0, counter.clone(), &n.to_string(), 59_950)]));
    }
    let a = analyse(KEY, PATH, &samples, &Configured { shape: &shape, db: 0, redis_prefix: "" });
    let differs: Vec<&Learned> = a.learned.iter().filter(|l| l.differs()).collect();
    assert!(differs.is_empty(), "{differs:#?}");
    assert_eq!(value(&a, "window"), "fixed");
    // The same TTLs read 100 ms apart: too close to tell.
    let mut close = samples.clone();
    close[1].at_ms = close[0].at_ms + 100;
    let a = analyse(KEY, PATH, &close, &Configured { shape: &shape, db: 0, redis_prefix: "" });
    assert_eq!(value(&a, "window"), "unknown");
    assert_eq!(value(&a, "counts"), "every");
    assert_eq!(value(&a, "counter"), "bucket");
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
}

#[test]
fn no_key_means_unknown_never_a_guess() {
    let shape = LimiterShape::askproai_2025_10();
    let samples = vec![sample(1, 200, None, "{}", vec![]), sample(2, 200, None, "{}", vec![])];
    let a = analyse(KEY, PATH, &samples, &Configured { shape: &shape, db: 1, redis_prefix: "" });
    assert_eq!(value(&a, "identity"), "unknown");
    assert!(a.learned.iter().all(|l| !l.differs()), "unknown differs from nothing: {:#?}", a.learned);
    assert!(a.findings.is_empty());
}

#[test]
fn retry_after_forms() {
    assert_eq!(retry_after_form("45"), RetryForm::Seconds);
    assert_eq!(retry_after_form("0"), RetryForm::Seconds);
    assert_eq!(retry_after_form("-41.73"), RetryForm::Negative);
    assert_eq!(retry_after_form("12.5"), RetryForm::Fractional);
    assert_eq!(retry_after_form("Wed, 21 Oct 2015 07:28:00 GMT"), RetryForm::Other);
}

#[test]
fn a_burst_names_a_race_only_where_one_was_seen() {
    let shape = LimiterShape::askproai_2025_10();
    let empty = || Analysis { learned: vec![], findings: vec![] };
    let b = Burst { limit: 60, allowed_before: 59, size: 10, answered: 10, passed: 3, sent: 69 };
    let mut raced = empty();
    burst(&mut raced, &b, &shape);
    assert_eq!(raced.learned[0].value, "read-then-increment");
    assert_eq!(
        raced.findings[0].effect,
        "a burst gets 2 request(s) past the limit of 60: the count is read, then incremented"
    );
    let mut calm = empty();
    burst(&mut calm, &Burst { passed: 1, ..b }, &shape);
    assert_eq!(calm.learned[0].value, "unknown", "one passing proves no atomicity");
    assert!(calm.findings.is_empty());
}
