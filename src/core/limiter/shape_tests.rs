//! The real baseline's measured answers, pinned (`REAL-GATEWAY.md` §2–3),
//! and one test per dimension that changes only it and shows what it does.

use crate::core::keyspace::Keyspace;
use crate::core::limiter::tests::contract;
use crate::core::limiter::*;
use crate::core::route::Route;

fn route(text: &str) -> Route {
    text.parse().unwrap()
}

fn client() -> Identity {
    Identity::ApiKey("test-key-123".into())
}

/// `n` requests `every_ms` apart from one client; the verdicts and the keys after.
fn run(shape: &LimiterShape, request: &str, n: u32, every_ms: u64) -> (Vec<LimiterVerdict>, Keyspace, u64) {
    let mut keys = Keyspace::new();
    let request = route(request);
    let verdicts: Vec<_> =
        (0..n).map(|i| shape.decide(&mut keys, u64::from(i) * every_ms, &request, &client())).collect();
    (verdicts, keys, u64::from(n.saturating_sub(1)) * every_ms)
}

fn statuses(verdicts: &[LimiterVerdict]) -> Vec<u16> {
    verdicts.iter().map(|v| v.status).collect()
}

fn askproai() -> LimiterShape {
    LimiterShape::askproai_2025_10()
}

fn counter_of(shape: &LimiterShape, request: &str) -> String {
    let request = route(request);
    let row = shape.row_for(&request).unwrap().name.clone();
    shape.counter_key(&shape.identity_hash(&client()), &row, &request)
}

#[test]
fn both_presets_are_possible_shapes() {
    assert_eq!(contract().problems(), vec![]);
    assert_eq!(askproai().problems(), vec![]);
}

#[test]
fn askproai_bookings_answer_500_until_the_outer_entry_refuses() {
    let shape = askproai();
    let (verdicts, mut keys, end) = run(&shape, "POST /api/v2/bookings", 35, 500);
    assert_eq!(statuses(&verdicts), [vec![500; 30], vec![429; 5]].concat());
    let remaining: Vec<_> = verdicts[..30].iter().map(|v| v.remaining.unwrap()).collect();
    assert_eq!(remaining, (0..30).rev().collect::<Vec<u64>>(), "the outer entry's headers ride on the 500");
    assert!(verdicts[..30].iter().all(|v| v.limit == Some(30)));
    assert!(verdicts[0].error.as_deref().unwrap().contains("Undefined array key 1"), "{:?}", verdicts[0].error);
    let counter = counter_of(&shape, "POST /api/v2/bookings");
    assert_eq!(keys.get(&counter, end).unwrap().value, 30, "refusals are not counted");
    assert_eq!(keys.pttl_ms(&counter, end), None, "the counter never expires");
    assert_eq!(keys.get(&counter, end + 86_400_000).unwrap().value, 30, "a day later it still stands");
}

#[test]
fn askproai_availability_allows_60_then_refuses() {
    let (verdicts, _, _) = run(&askproai(), "POST /api/v2/availability/simple", 65, 500);
    assert_eq!(statuses(&verdicts), [vec![200; 60], vec![429; 5]].concat());
}

#[test]
fn askproai_refuses_a_steady_client_for_good() {
    let (verdicts, _, _) = run(&askproai(), "POST /api/v2/availability/simple", 150, 50_000);
    assert_eq!(verdicts.iter().position(|v| v.status == 429), Some(60), "request 61 is the first refused");
    assert!(verdicts[60..].iter().all(|v| v.status == 429), "never allowed on that path again");
}

#[test]
fn askproai_delete_takes_the_default_row_then_refuses() {
    let (verdicts, _, _) = run(&askproai(), "DELETE /api/v2/bookings/7", 62, 500);
    assert_eq!(statuses(&verdicts), [vec![500; 60], vec![429; 2]].concat());
    assert_eq!(verdicts[0].limit, Some(60), "no table row matches the whole path: the default");
}

#[test]
fn askproai_with_the_parameter_bug_fixed_counts_each_request_twice() {
    let mut shape = askproai();
    shape.params = Params::Whole;
    let (verdicts, mut keys, end) = run(&shape, "POST /api/v2/bookings", 35, 500);
    assert_eq!(verdicts.iter().position(|v| v.status == 429), Some(15), "the first 429 is request 16");
    assert!(verdicts[..15].iter().all(|v| v.status == 200));
    assert_eq!(keys.get(&counter_of(&shape, "POST /api/v2/bookings"), end).unwrap().value, 30);
}

#[test]
fn askproai_retry_after_is_a_negative_fraction_and_the_body_an_envelope() {
    let shape = askproai();
    let (verdicts, _, _) = run(&shape, "POST /api/v2/availability/simple", 61, 250);
    let refused = &verdicts[60];
    // The window's end was put at the first request: 60 s after t=0; now is 15 s.
    assert_eq!(refused.retry_after_header().as_deref(), Some("-45"));
    assert_eq!(refused.reset_at_s, Some(60));
    assert_eq!(verdicts[0].reset_at_s, Some(60), "the reset header is on every answer");
    let body = shape.refusal_body(refused);
    assert_eq!(body["status_code"], 429);
    assert_eq!(body["retry_after"], -45.0);
}

#[test]
fn askproai_blocks_are_written_but_never_read() {
    let shape = askproai();
    let mut keys = Keyspace::new();
    let bookings = route("POST /api/v2/availability/simple");
    let verdicts: Vec<_> = (0..80).map(|i| shape.decide(&mut keys, i, &bookings, &client())).collect();
    let first_block = verdicts.iter().position(|v| v.newly_blocked).unwrap();
    assert_eq!(first_block, 60 + 11, "the 12th refusal: the count read before it was 11, over 10");
    assert!(keys.exists("blocked:api:test-key-123", 80), "the raw API key names the key");
    assert!(keys.exists("abuse:api:test-key-123", 80));
    let other = shape.decide(&mut keys, 81, &route("POST /api/v2/availability/composite"), &client());
    assert_eq!(other.status, 200, "a blocked client still gets 200 on other paths");
}

#[test]
fn askproai_test_route_and_retell_routes() {
    let shape = askproai();
    let (v, keys, _) = run(&shape, "GET /api/v2/test", 3, 10);
    assert!(v.iter().all(|v| v.status == 200 && v.limit.is_none()));
    assert_eq!(keys, Keyspace::new());
    let (v, _, _) = run(&shape, "POST /api/retell/collect-appointment", 1, 10);
    assert!(v[0].unknown.as_deref().unwrap().contains("retell.call.ratelimit"), "{v:?}");
    assert!(!v[0].allowed(), "an unknown answer is never counted as allowed");
}

// One dimension at a time.

#[test]
fn identity_order_decides_who_a_request_counts_as() {
    let mut shape = contract();
    assert_eq!(shape.identify(Some("k"), "10.0.0.1"), Identity::ApiKey("k".into()));
    assert_eq!(shape.identify(Some(""), "10.0.0.1"), Identity::Ip("10.0.0.1".into()), "empty is absent");
    shape.identity.sources = vec![Source::Ip];
    assert_eq!(shape.identify(Some("k"), "10.0.0.1"), Identity::Ip("10.0.0.1".into()));
}

#[test]
fn the_api_key_label_changes_the_hashed_string() {
    let mut shape = contract();
    assert_eq!(shape.identity_string(&client()), "key:test-key-123");
    shape.identity.api_key_label = "api".into();
    assert_eq!(shape.identity_string(&client()), "api:test-key-123");
    assert_eq!(shape.identity_hash(&client()), md5_hex("api:test-key-123"));
}

#[test]
fn a_bucket_counter_is_shared_by_ids_and_a_path_counter_is_not() {
    let mut shape = contract();
    let play = |shape: &LimiterShape| {
        let mut keys = Keyspace::new();
        (0..12)
            .map(|i| {
                shape.decide(&mut keys, i, &route(&format!("POST /api/v2/bookings/{}/reschedule", i % 2)), &client())
            })
            .filter(|v| v.status == 429)
            .count()
    };
    assert_eq!(play(&shape), 2, "10 per window across both ids");
    shape.counter = CounterScope::Path;
    assert_eq!(play(&shape), 0, "6 on each path: a client dodges the limit by changing the id");
}

#[test]
fn storage_names_where_the_key_lives() {
    let mut shape = contract();
    assert_eq!(shape.stored_name("app:", "rate_limit:x:y"), "app:rate_limit:x:y");
    shape.storage.client_prefix = Some("laravel_database_".into());
    shape.storage.cache_prefix = "laravel_cache:".into();
    assert_eq!(shape.stored_name("app:", "rate_limit:x:y"), "laravel_database_laravel_cache:rate_limit:x:y");
}

#[test]
fn counting_refusals_or_not() {
    let mut shape = askproai();
    shape.counts = Counts::Every;
    let counter = counter_of(&shape, "POST /api/v2/availability/simple");
    let (_, mut keys, end) = run(&shape, "POST /api/v2/availability/simple", 63, 10);
    assert_eq!(keys.get(&counter, end).unwrap().value, 63);
    shape.counts = Counts::AllowedOnly;
    let (_, mut keys, end) = run(&shape, "POST /api/v2/availability/simple", 63, 10);
    assert_eq!(keys.get(&counter, end).unwrap().value, 60, "3 more refusals, the counter stays");
}

#[test]
fn the_window_fixed_refreshed_or_never() {
    let mut shape = askproai();
    let allowed_again = |shape: &LimiterShape| {
        let (v, _, _) = run(shape, "POST /api/v2/availability/simple", 200, 1_000);
        v.iter().skip(60).position(|v| v.status == 200).map(|i| i + 61)
    };
    shape.window = Window::Fixed;
    assert_eq!(allowed_again(&shape), Some(62), "the window from the first hit ends at 60 s");
    shape.window = Window::Refreshed;
    assert_eq!(allowed_again(&shape), Some(121), "60 s after the last allowed hit");
    shape.window = Window::Never;
    assert_eq!(allowed_again(&shape), None);
}

#[test]
fn the_decision_counts_before_it_judges_or_after() {
    let mut shape = contract();
    let (a, _, _) = run(&shape, "POST /api/v2/bookings", 35, 500);
    shape.decision = CountRule::ReadThenBelow;
    let (b, _, _) = run(&shape, "POST /api/v2/bookings", 35, 500);
    assert_eq!(a, b, "one request at a time, counting every request, the two agree");
    shape.counts = Counts::AllowedOnly;
    assert!(shape.problems().is_empty(), "read-then-below can leave refusals uncounted");
    shape.decision = CountRule::IncrementThenAtMost;
    assert_eq!(shape.problems()[0].0, "counts", "increment-then-at-most counts before it decides");
}

#[test]
fn atomicity_bounds_what_a_burst_passes() {
    let mut shape = contract();
    assert_eq!(shape.burst_passes(40, 1), 1..=1);
    shape.atomicity = Atomicity::ReadThenIncrement;
    assert_eq!(shape.burst_passes(40, 1), 1..=40);
    assert_eq!(shape.burst_passes(40, 0), 0..=0);
}

#[test]
fn the_abuse_trigger_and_threshold() {
    let mut shape = contract();
    shape.abuse.threshold = 3;
    let first_block = |shape: &LimiterShape| {
        let (v, _, _) = run(shape, "POST /api/v2/bookings/1/reschedule", 30, 1);
        v.iter().position(|v| v.newly_blocked)
    };
    assert_eq!(first_block(&shape), Some(10 + 2), "the 3rd refusal");
    shape.abuse.trigger = AbuseTrigger::OverBeforeIncrement;
    assert_eq!(first_block(&shape), Some(10 + 4), "the 5th: 4 refusals seen before it, over 3");
}

#[test]
fn an_abuse_counter_expires_or_not() {
    let mut shape = contract();
    let abuse = shape.abuse_key(&client());
    let (_, mut keys, end) = run(&shape, "POST /api/v2/bookings/1/reschedule", 12, 1);
    assert!(keys.pttl_ms(&abuse, end).is_some());
    shape.abuse.counter_ttl_ms = None;
    let (_, mut keys, end) = run(&shape, "POST /api/v2/bookings/1/reschedule", 12, 1);
    assert_eq!(keys.pttl_ms(&abuse, end), None);
    assert!(keys.exists(&abuse, end));
}

#[test]
fn the_block_ttl() {
    let mut shape = contract();
    shape.abuse.threshold = 1;
    shape.abuse.block_ms = 5_000;
    let (v, _, _) = run(&shape, "POST /api/v2/bookings/1/reschedule", 13, 1);
    assert_eq!(v[12].retry_after_s, Some(5));
    shape.abuse.block_ms = 7_000;
    let (v, _, _) = run(&shape, "POST /api/v2/bookings/1/reschedule", 13, 1);
    assert_eq!(v[12].retry_after_s, Some(7));
}

#[test]
fn abuse_keys_hashed_or_raw() {
    let mut shape = contract();
    let hash = shape.identity_hash(&client());
    assert_eq!(shape.blocked_key(&client()), format!("abuse:{hash}:blocked"));
    shape.abuse.keys = AbuseKeys::Raw;
    assert_eq!(shape.blocked_key(&client()), "blocked:key:test-key-123");
    assert_eq!(shape.abuse_key(&client()), "abuse:key:test-key-123");
}

#[test]
fn an_enforced_block_covers_every_limited_route_and_an_unread_one_none() {
    let mut shape = contract();
    let after_block = |shape: &LimiterShape| {
        let mut keys = Keyspace::new();
        let resched = route("POST /api/v2/bookings/1/reschedule");
        for i in 0..40 {
            shape.decide(&mut keys, i, &resched, &client());
        }
        shape.decide(&mut keys, 41, &route("POST /api/v2/bookings"), &client()).status
    };
    assert_eq!(after_block(&shape), 429);
    shape.abuse.enforced = false;
    assert_eq!(after_block(&shape), 200);
}

#[test]
fn matching_str_is_after_api_or_anchored_on_the_whole_path() {
    let mut shape = contract();
    let row = |shape: &LimiterShape, r: &str| shape.row_for(&route(r)).unwrap().name.clone();
    assert_eq!(row(&shape, "POST /api/v2/bookings/1/cancel"), "bookings", "Str::is: * crosses a slash");
    shape.matching = Matching::Anchored;
    assert_eq!(row(&shape, "POST /api/v2/bookings/1/cancel"), "default", "no pattern holds the api/ prefix");
    let real = askproai();
    assert_eq!(row(&real, "POST /api/v2/bookings/1/cancel"), "api/v2/bookings/*/cancel");
    assert_eq!(row(&real, "POST /api/webhooks/calcom"), "default", "webhooks/* never matches");
}

#[test]
fn parameters_whole_or_first_only() {
    let mut shape = askproai();
    let (v, _, _) = run(&shape, "POST /api/v2/calcom/push-event-types", 1, 1);
    assert_eq!(v[0].status, 500);
    shape.params = Params::Whole;
    let (v, _, _) = run(&shape, "POST /api/v2/calcom/push-event-types", 1, 1);
    assert_eq!(v[0].status, 200);
}

#[test]
fn headers_outer_or_inner() {
    let mut shape = askproai();
    shape.params = Params::Whole;
    let (v, _, _) = run(&shape, "DELETE /api/v2/bookings/7", 1, 1);
    assert_eq!(v[0].limit, Some(60), "the outer entry (the default row) overwrites the inner 10");
    shape.answer.headers = HeaderWinner::Inner;
    let (v, _, _) = run(&shape, "DELETE /api/v2/bookings/7", 1, 1);
    assert_eq!(v[0].limit, Some(10));
}

#[test]
fn retry_after_from_the_ttl_or_a_reset_key() {
    let mut shape = askproai();
    shape.window = Window::Fixed;
    let refused = |shape: &LimiterShape| {
        let (v, _, _) = run(shape, "POST /api/v2/availability/simple", 61, 250);
        v[60].retry_after_header().unwrap()
    };
    assert_eq!(refused(&shape), "-45");
    shape.answer.retry_after = RetryAfter::ResetKeyCarbon2;
    assert_eq!(refused(&shape), "45");
    shape.answer.retry_after = RetryAfter::CounterTtl;
    assert_eq!(refused(&shape), "45");
}

#[test]
fn the_refusal_body() {
    let mut shape = contract();
    let (v, _, _) = run(&shape, "POST /api/v2/bookings", 31, 1);
    assert_eq!(shape.refusal_body(&v[30]), serde_json::json!({"error": "rate_limit_exceeded", "retry_after": 60}));
    shape.answer.body = RefusalBody::Envelope;
    assert_eq!(shape.refusal_body(&v[30])["success"], false);
}

#[test]
fn laravel_throttle_counts_no_refusal_and_keeps_a_fixed_window() {
    let shape = askproai();
    let ip = Identity::Ip("203.0.113.9".into());
    let mut keys = Keyspace::new();
    let webhook = route("POST /api/webhooks/calcom");
    let stripe = route("POST /api/webhooks/stripe");
    let mut statuses = Vec::new();
    for i in 0..62u64 {
        let r = if i % 2 == 0 { &webhook } else { &stripe };
        statuses.push(shape.decide(&mut keys, i * 100, r, &ip).status);
    }
    assert_eq!(statuses, [vec![200; 60], vec![429; 2]].concat(), "one counter per address across routes");
    assert_eq!(keys.get(&throttle_key("203.0.113.9"), 6_100).unwrap().value, 60, "refusals are not counted");
    // Its Retry-After is a difference of wall-clock seconds the model cannot
    // place: 54 or 53 are the same answer, whenever the request lands.
    let refused = shape.decide(&mut keys, 6_200, &webhook, &ip);
    assert_eq!((refused.status, refused.retry_after_tolerance_s(0)), (429, 1));
    let later = shape.decide(&mut keys, 60_001, &webhook, &ip);
    assert_eq!((later.status, later.remaining), (200, Some(59)), "the window ends 60 s after the first hit");
}

#[test]
fn laravel_throttle_keys_are_laravels_and_an_api_key_client_counts_by_its_address() {
    // `php -r 'echo sha1("|127.0.0.1");'`, the key the lab's Laravel wrote.
    assert_eq!(throttle_key("127.0.0.1"), "5c785c036466adea360111aa28563bfd556b5fba");
    let shape = askproai();
    let webhook = route("POST /api/webhooks/calcom");
    let key = throttle_key("127.0.0.1");
    let read = shape.keys_read(&webhook, &client(), Some("127.0.0.1"));
    assert_eq!(read, [(Store::Laravel, format!("{key}:timer")), (Store::Laravel, key.clone())]);
    assert!(shape.keys_read(&webhook, &client(), None).is_empty(), "an unknown address names no key");
    // Another route's three hits from the same address leave two of five.
    let mut keys = Keyspace::new();
    keys.insert(&key, 3, 0, Some(40_000));
    keys.insert(&format!("{key}:timer"), 1_800_000_040, 0, Some(40_000));
    let mut contract = contract();
    contract.stacks = vec![Stack {
        route: route("GET /api/throttled2"),
        entries: vec![Entry::Throttle { max: 5, decay_s: 60, redis: false }],
    }];
    let second = route("GET /api/throttled2");
    let v: Vec<LimiterVerdict> =
        (0..3).map(|i| contract.decide_from(&mut keys, i, &second, &client(), Some("127.0.0.1"))).collect();
    assert_eq!(
        v.iter().map(|v| (v.status, v.remaining)).collect::<Vec<_>>(),
        [(200, Some(1)), (200, Some(0)), (429, Some(0))]
    );
    assert_eq!(v[2].retry_after_s, Some(40), "the timer's TTL");
    assert_eq!(contract.storage_of(Store::Laravel).cache_prefix, "laravel_cache:");
    assert_eq!(askproai().storage_of(Store::Laravel), &askproai().storage, "its limiter counts in the cache store");
}

/// A shape whose one route carries `throttle:<name>`, the app's limiter
/// `name` answering as given.
fn named(name: &str, answer: NamedAnswer) -> (LimiterShape, Route) {
    let mut shape = contract();
    let request = route("GET /api/named");
    shape.stacks =
        vec![Stack { route: request.clone(), entries: vec![Entry::Named { name: name.into(), redis: false }] }];
    shape.named = vec![NamedLimiter { name: name.into(), answer }];
    (shape, request)
}

fn per(max: u64, decay_s: u64, key: Vec<KeyPart>) -> NamedLimit {
    NamedLimit { max, decay_s, key_with_api_key: Some(key.clone()), key_without: Some(key), own_response: false }
}

#[test]
fn a_named_limiter_counts_as_laravel_keys_it() {
    let (shape, request) = named("api", NamedAnswer::Limits(vec![per(3, 60, vec![KeyPart::Address])]));
    let mut keys = Keyspace::new();
    let v: Vec<LimiterVerdict> =
        (0..4).map(|i| shape.decide_from(&mut keys, i, &request, &client(), Some("10.0.0.1"))).collect();
    assert_eq!(
        v.iter().map(|v| (v.status, v.remaining)).collect::<Vec<_>>(),
        [(200, Some(2)), (200, Some(1)), (200, Some(0)), (429, Some(0))]
    );
    let key = md5_hex("api10.0.0.1");
    assert_eq!(keys.get(&key, 4).unwrap().value, 3, "md5(name . key), refusals not counted");
    let read = shape.keys_read(&request, &client(), Some("10.0.0.1"));
    assert_eq!(read, [(Store::Laravel, format!("{key}:timer")), (Store::Laravel, key)]);
    // Keyed by the API key: another key counts apart.
    let (by_key, request) =
        named("k", NamedAnswer::Limits(vec![per(1, 60, vec![KeyPart::Text("key:".into()), KeyPart::ApiKey])]));
    let mut keys = Keyspace::new();
    assert_eq!(by_key.decide(&mut keys, 0, &request, &client()).status, 200);
    assert_eq!(by_key.decide(&mut keys, 1, &request, &client()).status, 429);
    assert_eq!(by_key.decide(&mut keys, 2, &request, &Identity::ApiKey("other".into())).status, 200);
    assert!(keys.exists(&md5_hex("kkey:test-key-123"), 2));
}

#[test]
fn two_limits_with_one_key_count_twice_and_the_fewest_left_is_shown() {
    let both = vec![per(10, 60, vec![KeyPart::Address]), per(1000, 86_400, vec![KeyPart::Address])];
    let (shape, request) = named("two", NamedAnswer::Limits(both));
    let mut keys = Keyspace::new();
    let ip = Identity::Ip("10.0.0.2".into());
    let v: Vec<LimiterVerdict> = (0..6).map(|i| shape.decide(&mut keys, i, &request, &ip)).collect();
    assert_eq!(v.iter().map(|v| v.status).collect::<Vec<_>>(), [200, 200, 200, 200, 200, 429]);
    assert_eq!((v[0].limit, v[0].remaining), (Some(10), Some(8)), "each request hits the one key twice");
    // Keyed apart, the day's limit counts on its own and shows once it has fewer left.
    let apart = vec![per(10, 60, vec![KeyPart::Address]), per(2, 86_400, vec![KeyPart::Text("day".into())])];
    let (shape, request) = named("apart", NamedAnswer::Limits(apart));
    let mut keys = Keyspace::new();
    let v: Vec<LimiterVerdict> = (0..3).map(|i| shape.decide(&mut keys, i, &request, &ip)).collect();
    assert_eq!(
        v.iter().map(|v| (v.status, v.limit, v.remaining)).collect::<Vec<_>>(),
        [(200, Some(2), Some(1)), (200, Some(2), Some(0)), (429, Some(2), Some(0))]
    );
    assert_eq!(
        keys.get(&md5_hex("apart10.0.0.2"), 3).unwrap().value,
        3,
        "the first limit was hit before the second refused"
    );
}

#[test]
fn with_redis_refusals_count_and_a_new_window_opens_after_the_last() {
    let (mut shape, request) = named("api", NamedAnswer::Limits(vec![per(3, 60, vec![KeyPart::Address])]));
    shape.stacks[0].entries = vec![Entry::Named { name: "api".into(), redis: true }];
    let ip = Identity::Ip("10.0.0.3".into());
    let mut keys = Keyspace::new();
    let v: Vec<LimiterVerdict> = (0..5).map(|i| shape.decide(&mut keys, i * 1000, &request, &ip)).collect();
    assert_eq!(
        v.iter().map(|v| (v.status, v.remaining)).collect::<Vec<_>>(),
        [(200, Some(2)), (200, Some(1)), (200, Some(0)), (429, Some(0)), (429, Some(0))]
    );
    assert_eq!(v[3].retry_after_s, Some(57), "the window's end less now");
    let key = md5_hex("api10.0.0.3");
    assert_eq!(keys.get(&key, 5_000).unwrap().value, 5, "refusals counted");
    assert_eq!(shape.keys_read(&request, &ip, None), [(Store::LaravelRedis, key)]);
    // Past the window's end (the hash lives on): a new window, counted from 1.
    let after = shape.decide(&mut keys, 60_001, &request, &ip);
    assert_eq!((after.status, after.remaining), (200, Some(2)));
}

#[test]
fn a_named_limiter_that_is_none_unknown_or_unread_says_so() {
    let (shape, request) = named("free", NamedAnswer::Unlimited);
    let v = shape.decide(&mut Keyspace::new(), 0, &request, &client());
    assert_eq!((v.status, v.limit, v.remaining), (200, None, None));
    assert_eq!(shape.unmodelled(&request), None);
    let (shape, request) = named("odd", NamedAnswer::Unknown("its key reads the user".into()));
    let v = shape.decide(&mut Keyspace::new(), 0, &request, &client());
    assert_eq!((v.status, v.unknown.as_deref()), (0, Some("throttle:odd: its key reads the user")));
    assert_eq!(shape.unmodelled(&request).as_deref(), Some("throttle:odd: its key reads the user"));
    let (mut shape, request) = named("gone", NamedAnswer::Unlimited);
    shape.named.clear();
    assert!(shape.unmodelled(&request).unwrap().contains("not read from the app"));
}

#[test]
fn an_impossible_shape_is_named() {
    let mut shape = contract();
    shape.window = Window::Never;
    assert_eq!(shape.problems()[0].0, "retry_after");
    let mut shape = contract();
    shape.identity.sources = vec![Source::ApiKey];
    assert_eq!(shape.problems()[0].0, "identity");
}
