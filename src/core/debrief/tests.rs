//! The debrief's tests.

use std::collections::BTreeMap;

use crate::core::judge::Call;
use crate::core::logline::Record;

use super::{breaker::*, checklist::*, compare::*, criteria::*, identities::*, memory::*, tally::*};

fn api(path: &str, status: u16, ms: f64, id: &str) -> Record<'static> {
    Record::ApiRequest {
        method: "POST".into(),
        path: path.to_string().into(),
        status,
        duration_ms: ms,
        identity: id.to_string().into(),
    }
}

fn limited(id: &str) -> Record<'static> {
    Record::RateLimited { identity: id.to_string().into(), bucket: "bookings".into() }
}

#[test]
fn routes_fold_ids() {
    assert_eq!(route_of("POST", "/api/v2/bookings/123/reschedule"), "POST /api/v2/bookings/{id}/reschedule");
    assert_eq!(route_of("GET", "/api/health?x=1"), "GET /api/health");
    assert_eq!(route_of("POST", "/api/v2/bookings/6f1c2a9e-1b2c-4d5e-8f90-0a1b2c3d4e5f"), "POST /api/v2/bookings/{id}");
}

#[test]
fn a_flood_of_routes_is_pooled() {
    let mut t = Tally::default();
    for i in 0..500 {
        t.add(1000, &api(&format!("/scan/{i}x"), 404, 1.0, "a"));
    }
    assert!(t.routes.len() <= MAX_ROUTES + 1);
    assert_eq!(t.requests(), 500);
}

#[test]
fn identities_are_told_apart() {
    let mut t = Tally::default();
    // One burst of 40 rejections in a minute.
    for s in 0..40 {
        t.add(3_600_000 + s * 1000, &limited("burst"));
    }
    // A user refused a little, three times over the day.
    for h in [1, 5, 9] {
        t.add(h * 3_600_000, &limited("user"));
    }
    for s in 0..100 {
        t.add(s * 60_000, &api("/api/v2/bookings", 201, 30.0, "calm"));
    }
    let r = limit_review(&t, 10);
    let of = |id: &str| r.limited.iter().chain(&r.unaffected).find(|l| l.identity == id).map(|l| l.pattern).unwrap();
    assert_eq!(of("burst"), Pattern::Burst);
    assert_eq!(of("user"), Pattern::RefusedInNormalUse);
    assert_eq!(of("calm"), Pattern::Unaffected);
    assert_eq!(r.violations, 43);
    assert_eq!(r.limited[0].identity, "burst");
}

#[test]
fn tallies_merge_to_what_one_pass_gives() {
    let records: Vec<(u64, Record)> = (0..300u64)
        .map(|i| match i % 3 {
            0 => (i * 1000, api("/api/v2/bookings", if i % 30 == 0 { 503 } else { 201 }, i as f64, "a")),
            1 => (i * 1000, limited("b")),
            _ => (i * 1000, api("/api/health", 200, 2.0, "c")),
        })
        .collect();
    let mut whole = Tally::default();
    let (mut left, mut right) = (Tally::default(), Tally::default());
    for (i, (at, r)) in records.iter().enumerate() {
        whole.add(*at, r);
        if i % 2 == 0 {
            left.add(*at, r)
        } else {
            right.add(*at, r)
        }
    }
    left.merge(right);
    assert_eq!(whole.requests(), left.requests());
    assert_eq!(whole.server_errors(), left.server_errors());
    assert_eq!(whole.limited_per_hour, left.limited_per_hour);
    assert_eq!(whole.upstream_refusals, left.upstream_refusals);
    assert_eq!(whole.latency().quantile(0.95), left.latency().quantile(0.95));
    assert_eq!(whole.identities["b"].limited_minutes, left.identities["b"].limited_minutes);
}

#[test]
fn a_shift_within_noise_is_unchanged_and_a_real_one_is_not() {
    let mut before = Tally::default();
    let mut same = Tally::default();
    let mut slower = Tally::default();
    let mut rng = crate::core::rng::Rng::new(7);
    for i in 0..2000u64 {
        let ms = 20.0 + (rng.next() % 1000) as f64 / 100.0;
        before.add(i, &api("/api/v2/bookings", 201, ms, "a"));
        same.add(i, &api("/api/v2/bookings", 201, 20.0 + (rng.next() % 1000) as f64 / 100.0, "a"));
        slower.add(i, &api("/api/v2/bookings", 201, ms * 1.5, "a"));
    }
    let base: BTreeMap<String, RouteFigures> =
        before.routes.iter().map(|(k, r)| (k.clone(), figures(r, 3_600_000, true))).collect();
    let verdicts =
        |t: &Tally| -> Vec<Call> { compare(&base, t, 3_600_000)[0].shifts.iter().map(|s| s.verdict).collect() };
    assert_eq!(verdicts(&same), [Call::Unchanged; 4]);
    assert_eq!(verdicts(&slower), [Call::Worse, Call::Worse, Call::Worse, Call::Unchanged]);
    let mut few = Tally::default();
    few.add(1, &api("/api/v2/bookings", 201, 900.0, "a"));
    assert!(verdicts(&few).iter().all(|&v| v == Call::NotEnoughData));
    let nothing = compare(&base, &Tally::default(), 3_600_000);
    assert!(nothing[0].shifts.iter().all(|s| s.verdict == Call::NoData), "{nothing:?}");
    assert_eq!(judgement(&nothing[0].shifts[0], "ms"), "no data after");
}

proptest::proptest! {
    /// Whatever the samples, the word never contradicts the number
    /// printed beside it: worse moved up by at least the tolerance,
    /// better down, unchanged within it.
    #[test]
    fn the_word_agrees_with_the_number(
        before in proptest::collection::vec(1u32..5_000, 0..150),
        after in proptest::collection::vec(1u32..5_000, 0..150),
        slow in 0usize..20,
    ) {
        let route = "/api/v2/bookings";
        let mut b = Tally::default();
        let mut a = Tally::default();
        for (i, &v) in before.iter().enumerate() {
            b.add(i as u64, &api(route, if i % 37 == 0 { 500 } else { 200 }, v as f64 / 100.0, "a"));
        }
        for (i, &v) in after.iter().enumerate() {
            let ms = if i < slow { 12.3 } else { v as f64 / 100.0 };
            a.add(i as u64, &api(route, if i % 23 == 0 { 500 } else { 200 }, ms, "a"));
        }
        let base: BTreeMap<String, RouteFigures> =
            b.routes.iter().map(|(k, r)| (k.clone(), figures(r, 3_600_000, true))).collect();
        for change in compare(&base, &a, 3_600_000) {
            for s in &change.shifts {
                let moved = match (s.before, s.after) { (Some(x), Some(y)) => y - x, _ => 0.0 };
                let tol = s.tolerance.unwrap_or(0.0);
                match s.verdict {
                    Call::Worse => proptest::prop_assert!(moved >= tol && moved > 0.0, "{:?}", s),
                    Call::Better => proptest::prop_assert!(-moved >= tol && moved < 0.0, "{:?}", s),
                    Call::Unchanged => proptest::prop_assert!(moved.abs() <= tol, "{:?}", s),
                    Call::NotEnoughData | Call::NoData => {}
                }
                let [n_b, n_a] = s.samples;
                if n_b < MIN_SAMPLE || n_a < MIN_SAMPLE {
                    proptest::prop_assert!(!s.verdict.is_judged(), "{:?}", s);
                }
            }
        }
    }
}

/// A baseline without its histogram: its figures are shown beside the
/// period's, and nothing is judged on them.
#[test]
fn a_baseline_without_its_histogram_is_shown_never_judged() {
    let mut after = Tally::default();
    for i in 0..60u64 {
        after.add(i, &api("/api/v2/bookings", 201, if i < 4 { 12.3 } else { 1.5 }, "a"));
    }
    let kept = RouteFigures {
        requests: 60,
        per_hour: 60.0,
        server_errors: 0,
        upstream_unavailable: 0,
        error_rate_percent: 0.0,
        too_many: 0,
        p50_ms: Some(1.5),
        p95_ms: Some(1.8),
        p99_ms: Some(2.0),
        latency: Vec::new(),
    };
    let base = BTreeMap::from([("POST /api/v2/bookings".to_string(), kept)]);
    let r = compare(&base, &after, 3_600_000).remove(0);
    let p95 = r.shifts.iter().find(|s| s.metric == "p95_ms").unwrap();
    assert_eq!(p95.before, Some(1.8), "{p95:?}");
    assert!(p95.after.is_some_and(|a| (a - 12.3).abs() < 0.1), "{p95:?}");
    assert_eq!(p95.verdict, Call::NotEnoughData, "{p95:?}");
    assert_eq!(judgement(p95, "ms"), "not enough data to tell (n = 60 / 60)");
}

/// The case: p95 1.8 ms before, 12.3 ms after. A +580 % beside
/// "unchanged" is a contradiction; on few samples, or with one slow
/// request making the p95, the judge cannot tell, and says so with the
/// samples or the interval.
#[test]
fn a_big_move_on_few_samples_is_not_enough_data_to_tell() {
    let route = "/api/v2/bookings";
    let run = |before_n: u64, after_n: u64, slow: u64| {
        let mut before = Tally::default();
        let mut after = Tally::default();
        for i in 0..before_n {
            before.add(i, &api(route, 201, 1.2 + (i % 7) as f64 * 0.1, "a"));
        }
        for i in 0..after_n {
            let ms = if i < slow { 12.3 } else { 1.2 + (i % 7) as f64 * 0.1 };
            after.add(i, &api(route, 201, ms, "a"));
        }
        let base: BTreeMap<String, RouteFigures> =
            before.routes.iter().map(|(k, r)| (k.clone(), figures(r, 3_600_000, true))).collect();
        compare(&base, &after, 3_600_000).remove(0)
    };
    // 20 and 20: n below the minimum.
    let r = run(20, 20, 2);
    let p95 = r.shifts.iter().find(|s| s.metric == "p95_ms").unwrap();
    assert!(p95.change_percent.unwrap() > 500.0, "{p95:?}");
    assert_eq!(p95.verdict, Call::NotEnoughData);
    assert_eq!(judgement(p95, "ms"), "not enough data to tell (n = 20 / 20, needs 50 a side)");
    // 60 and 60, four slow ones making the p95: the interval is too wide.
    let r = run(60, 60, 4);
    let p95 = r.shifts.iter().find(|s| s.metric == "p95_ms").unwrap();
    assert!(p95.change_percent.unwrap() > 500.0, "{p95:?}");
    assert_eq!(p95.verdict, Call::NotEnoughData, "{p95:?}");
    let words = judgement(p95, "ms");
    assert!(
        words.starts_with("not enough data to tell (n = 60 / 60): ") && words.contains("wider than ±0.2 ms"),
        "{words}"
    );
    // The median did not move: Mann-Whitney measures that sameness.
    let p50 = &r.shifts[0];
    assert_eq!(p50.verdict, Call::Unchanged, "{p50:?}");
    // Many slow ones: worse, the interval beyond the tolerance.
    let r = run(60, 60, 40);
    assert_eq!(r.shifts[0].verdict, Call::Worse, "{:?}", r.shifts[0]);
    assert!(judgement(&r.shifts[0], "ms").starts_with("worse: +"), "{:?}", r.shifts[0]);
}

#[test]
fn open_periods_have_durations_and_refusals() {
    let mut t = Tally::default();
    let tr = |_at: u64, state: &'static str| Record::Breaker { service: "calcom_api".into(), state };
    t.add(10_000, &tr(10_000, "open"));
    t.add(15_000, &api("/api/v2/availability/simple", 503, 1.0, "a"));
    t.add(16_000, &api("/api/v2/availability/simple", 503, 1.0, "a"));
    t.add(40_000, &tr(40_000, "half_open"));
    t.add(41_000, &tr(41_000, "closed"));
    t.add(50_000, &api("/api/v2/availability/simple", 503, 1.0, "a"));
    t.add(90_000, &tr(90_000, "open"));
    let p = open_periods(&t, 0, 100_000);
    assert_eq!(p.len(), 2);
    assert_eq!((p[0].duration_s, p[0].refused, p[0].half_opens), (31.0, 2, 1));
    assert_eq!((p[1].closed_ms, p[1].duration_s), (None, 10.0));
}

#[test]
fn no_evidence_is_never_a_pass() {
    let t = Tally::default();
    let memory = memory_trend(&[]);
    let facts = WindowFacts {
        tally: &t,
        complete: true,
        baseline: None,
        periods: &[],
        memory: &memory,
        unsanitized: None,
        breaker_now: None,
        breaker_sampled: &[],
    };
    let limits = limit_review(&t, 10);
    let all: Vec<Criterion> = first_hours(&facts)
        .into_iter()
        .chain(first_day(&facts, &limits))
        .chain(first_week(&facts, &limits, &[]))
        .collect();
    for c in &all {
        assert_ne!(c.verdict, CriterionVerdict::Pass, "{} passed with nothing seen: {}", c.name, c.evidence);
    }
    let tasks = checklist(&TaskFacts {
        validation_wired: None,
        limits: &limits,
        periods: &[],
        baseline: false,
        latency: &[],
        memory: &memory,
        unsanitized: None,
        requests: 0,
        stress: &[],
    });
    assert!(tasks.iter().all(|t| t.state != TaskState::Done), "{tasks:?}");
}

/// The case: five 429s from a stress run on a route that
/// answered 500 first are no proof the limiter is effective.
#[test]
fn rate_limiting_is_effective_only_on_a_stress_run_that_judged_it() {
    let mut t = Tally::default();
    for i in 0..5 {
        t.add(i * 1000, &Record::RateLimited { identity: "x".into(), bucket: "bookings".into() });
    }
    let limits = limit_review(&t, 10);
    let memory = memory_trend(&[]);
    let judged = |stress: &[StressProof]| {
        let tasks = checklist(&TaskFacts {
            validation_wired: Some(true),
            limits: &limits,
            periods: &[],
            baseline: false,
            latency: &[],
            memory: &memory,
            unsanitized: None,
            requests: 100,
            stress,
        });
        let task = tasks.into_iter().find(|t| t.task == "Verify rate limiting is effective").unwrap();
        (task.state, task.evidence)
    };
    let proof = |ok: bool, refused: u64| StressProof {
        at: "2026-12-07T03:00:00Z".into(),
        ok,
        summary: "sequential POST /api/v2/bookings".into(),
        refused: Some(refused),
    };
    let (state, evidence) = judged(&[]);
    assert_eq!(state, TaskState::Open, "{evidence}");
    assert!(evidence.contains("5 rejection(s) logged, which alone judge nothing"), "{evidence}");
    assert_eq!(judged(&[proof(false, 5)]).0, TaskState::Open, "a failed stress proves nothing");
    assert_eq!(judged(&[proof(true, 0)]).0, TaskState::Open, "no 429 seen: not shown refusing");
    let (state, evidence) = judged(&[proof(true, 5), proof(true, 0)]);
    assert_eq!(state, TaskState::Done, "a run under the limit after it takes nothing away: {evidence}");
    assert!(evidence.contains("5 refused with 429 as the model said"), "{evidence}");
    assert_eq!(judged(&[proof(true, 5), proof(false, 0)]).0, TaskState::Open, "a later failure speaks");
}

/// "Performance stable or improved": a rare route (3 requests) is said
/// and does not hold the verdict back; a busy one that cannot be told does.
#[test]
fn performance_passes_on_the_routes_that_can_be_told() {
    let mut before = Tally::default();
    let mut after = Tally::default();
    let mut rng = crate::core::rng::Rng::new(11);
    for i in 0..2000u64 {
        before.add(i, &api("/api/v2/bookings", 201, 20.0 + (rng.next() % 1000) as f64 / 100.0, "a"));
        after.add(i, &api("/api/v2/bookings", 201, 20.0 + (rng.next() % 1000) as f64 / 100.0, "a"));
    }
    for i in 0..3u64 {
        before.add(i, &api("/api/v2/rare", 200, 5.0, "a"));
        after.add(i, &api("/api/v2/rare", 200, 50.0, "a"));
    }
    let base: BTreeMap<String, RouteFigures> =
        before.routes.iter().map(|(k, r)| (k.clone(), figures(r, 3_600_000, true))).collect();
    let latency = compare(&base, &after, 3_600_000);
    let memory = memory_trend(&[]);
    let baseline = Baseline {
        recorded_at: String::new(),
        by: "test".into(),
        from: String::new(),
        to: String::new(),
        span_s: 3600,
        files: 1,
        lines: 2003,
        routes: base.clone(),
        requests: 2003,
        server_errors: 0,
        upstream_unavailable: 0,
        rate_limited: 0,
        breaker_opens: 0,
        redis_memory_mb: None,
        keys: BTreeMap::new(),
    };
    let facts = WindowFacts {
        tally: &after,
        complete: true,
        baseline: Some(&baseline),
        periods: &[],
        memory: &memory,
        unsanitized: None,
        breaker_sampled: &[],
        breaker_now: None,
    };
    let limits = limit_review(&after, 10);
    let week = first_week(&facts, &limits, &latency);
    let perf = week.iter().find(|c| c.name == "Performance stable or improved").unwrap();
    assert_eq!(perf.verdict, CriterionVerdict::Pass, "{perf:?}");
    assert!(perf.evidence.contains("1 route(s) with fewer than 50 requests a side not judged"), "{perf:?}");
}

#[test]
fn a_breaker_open_since_before_the_window_is_not_closed() {
    let mut t = Tally::default();
    t.add(1_000, &api("/api/health", 200, 1.0, "a"));
    let memory = memory_trend(&[]);
    let sampled = [(2_000, "open".to_string())];
    let facts = WindowFacts {
        tally: &t,
        complete: true,
        baseline: None,
        periods: &[],
        memory: &memory,
        unsanitized: None,
        breaker_now: None,
        breaker_sampled: &sampled,
    };
    let c = breaker_closed("Circuit breaker in CLOSED state", &facts);
    assert_eq!(c.verdict, CriterionVerdict::Fail, "{c:?}");
    let quiet = WindowFacts { breaker_sampled: &[], ..facts };
    assert_eq!(breaker_closed("x", &quiet).verdict, CriterionVerdict::Pass);
}

#[test]
fn memory_trend_needs_two_readings() {
    assert_eq!(memory_trend(&[MemoryPoint { at_ms: 1, memory_mb: 1.0 }]).stable, None);
    let grow = [MemoryPoint { at_ms: 1, memory_mb: 100.0 }, MemoryPoint { at_ms: 2, memory_mb: 180.0 }];
    assert_eq!(memory_trend(&grow).stable, Some(false));
    let flat = [MemoryPoint { at_ms: 1, memory_mb: 100.0 }, MemoryPoint { at_ms: 2, memory_mb: 104.0 }];
    assert_eq!(memory_trend(&flat).stable, Some(true));
}
