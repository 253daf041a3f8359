//! The report's judge of one figure before and after a change, after
//! Spinnaker Kayenta's canary judge: a rank test at 98 % confidence, an
//! effect tolerance, and about 50 samples a side as its minimum. It gives
//! one of five calls, and never a pass without evidence:
//!
//! - **worse** / **better**: the 98 % interval of (after − before) excludes
//!   zero *and* the change is at least the tolerance;
//! - **unchanged**: the whole interval lies within ± the tolerance (a measured
//!   sameness, not a failure to see a difference);
//! - **not enough data to tell**: fewer than [`MIN_SAMPLES`] on a side, or an
//!   interval too wide to decide either way;
//! - **no data**: a side has no sample at all.
//!
//! The intervals are rank-based, so one slow outlier cannot make a verdict:
//! the median's shift by Mann-Whitney (the Hodges–Lehmann interval), a high
//! quantile's by its distribution-free order-statistic intervals, an error
//! rate's by Newcombe's hybrid score interval.

use serde::{Deserialize, Serialize};

/// The confidence of every interval.
pub const CONFIDENCE_PERCENT: f64 = 98.0;
/// The two-sided normal quantile of that confidence.
pub const Z: f64 = 2.326_347_874;
/// Fewer samples than this on either side: not enough data to tell.
pub const MIN_SAMPLES: u64 = 50;
/// A latency change smaller than this share of the value before is not
/// worth a person's time, however sure.
pub const LATENCY_TOLERANCE: f64 = 0.10;
/// The same for an error rate, in percentage points.
pub const ERROR_RATE_TOLERANCE_PP: f64 = 0.5;

/// What the judge says of one figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Call {
    Worse,
    Better,
    Unchanged,
    NotEnoughData,
    NoData,
}

impl Call {
    /// Whether the data decided (worse, better or unchanged).
    pub fn is_judged(self) -> bool {
        matches!(self, Call::Worse | Call::Better | Call::Unchanged)
    }
}

/// The call on a figure where higher is worse (latency, errors).
///
/// `samples` are (before, after); `change` is after − before; `interval`
/// the 98 % interval of that change; `tolerance` the smallest change that
/// matters, in the same unit.
pub fn call(samples: (u64, u64), change: f64, interval: Option<(f64, f64)>, tolerance: f64) -> Call {
    if samples.0 == 0 || samples.1 == 0 {
        return Call::NoData;
    }
    if samples.0 < MIN_SAMPLES || samples.1 < MIN_SAMPLES {
        return Call::NotEnoughData;
    }
    let Some((lo, hi)) = interval else { return Call::NotEnoughData };
    if lo > 0.0 && change >= tolerance {
        Call::Worse
    } else if hi < 0.0 && -change >= tolerance {
        Call::Better
    } else if lo >= -tolerance && hi <= tolerance && change.abs() <= tolerance {
        // The figure printed must agree too: a median that moved past the
        // tolerance is never "unchanged", whatever the shift's interval says.
        Call::Unchanged
    } else {
        Call::NotEnoughData
    }
}

/// The Hodges–Lehmann interval of the shift (after − before) that the
/// Mann-Whitney test gives at 98 %, from two histograms as sorted
/// (value, count) pairs. Exact over the pairwise differences, in the
/// pairs' unit; `None` with an empty side.
///
/// The k-th smallest difference is found by bisection on the (integer)
/// difference, each step counting pairs in one pass over both sides, so
/// the cost is linear in the distinct values, never in n × m.
pub fn shift_interval(before: &[(u64, u64)], after: &[(u64, u64)]) -> Option<(i64, i64)> {
    let n: u64 = before.iter().map(|p| p.1).sum();
    let m: u64 = after.iter().map(|p| p.1).sum();
    if n == 0 || m == 0 {
        return None;
    }
    let (nf, mf) = (n as f64, m as f64);
    let pairs = nf * mf;
    // Rank of the lower end among the n·m differences (1-based), normal approximation.
    let c = (pairs / 2.0 - Z * (pairs * (nf + mf + 1.0) / 12.0).sqrt()).floor().max(1.0) as u64;
    let total = n * m;
    let lo = kth_difference(before, after, c);
    let hi = kth_difference(before, after, total + 1 - c);
    Some((lo, hi))
}

/// The k-th smallest (1-based) of the differences a − b.
fn kth_difference(before: &[(u64, u64)], after: &[(u64, u64)], k: u64) -> i64 {
    let min = after.first().map_or(0, |p| p.0 as i64) - before.last().map_or(0, |p| p.0 as i64);
    let max = after.last().map_or(0, |p| p.0 as i64) - before.first().map_or(0, |p| p.0 as i64);
    let (mut lo, mut hi) = (min, max);
    while lo < hi {
        let mid = lo + (hi - lo).div_euclid(2);
        if at_most(before, after, mid) >= k {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

/// How many differences a − b are at most `d`: for each a (ascending), the
/// before values b ≥ a − d, a pointer that only moves forward.
fn at_most(before: &[(u64, u64)], after: &[(u64, u64)], d: i64) -> u64 {
    let total_before: u64 = before.iter().map(|p| p.1).sum();
    let mut below = 0u64; // before values < a − d
    let mut i = 0;
    let mut count = 0u64;
    for &(a, ca) in after {
        let threshold = a as i64 - d;
        while i < before.len() && (before[i].0 as i64) < threshold {
            below += before[i].1;
            i += 1;
        }
        count = count.saturating_add(ca.saturating_mul(total_before - below));
    }
    count
}

/// The 98 % interval of (after − before) for a quantile, from each side's
/// 98 % interval: the widest difference they allow (conservative).
pub fn quantile_difference(before: (f64, f64), after: (f64, f64)) -> (f64, f64) {
    (after.0 - before.1, after.1 - before.0)
}

/// Wilson's score interval for errors / n, as shares.
fn wilson(errors: u64, n: u64) -> (f64, f64) {
    let (e, n) = (errors as f64, n as f64);
    let p = e / n;
    let z2 = Z * Z;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / (1.0 + z2 / n);
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// Newcombe's hybrid score interval of (after − before) error rates, in
/// percentage points; `None` with an empty side. Unlike the Wald interval
/// it does not collapse to zero width when neither side saw an error.
pub fn rate_difference((be, bn): (u64, u64), (ae, an): (u64, u64)) -> Option<(f64, f64)> {
    if bn == 0 || an == 0 {
        return None;
    }
    let (p1, p2) = (be as f64 / bn as f64, ae as f64 / an as f64);
    let (l1, u1) = wilson(be, bn);
    let (l2, u2) = wilson(ae, an);
    let d = p2 - p1;
    let lo = d - ((p2 - l2).powi(2) + (u1 - p1).powi(2)).sqrt();
    let hi = d + ((u2 - p2).powi(2) + (p1 - l1).powi(2)).sqrt();
    Some((lo * 100.0, hi * 100.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(values: &[u64]) -> Vec<(u64, u64)> {
        let mut v: Vec<(u64, u64)> = Vec::new();
        let mut sorted = values.to_vec();
        sorted.sort();
        for x in sorted {
            match v.last_mut() {
                Some(last) if last.0 == x => last.1 += 1,
                _ => v.push((x, 1)),
            }
        }
        v
    }

    /// The interval against the definition: every pairwise difference, sorted.
    #[test]
    fn the_shift_interval_is_the_order_statistics_of_all_differences() {
        let mut rng = crate::core::rng::Rng::new(3);
        for round in 0..20 {
            let b: Vec<u64> = (0..60 + round).map(|_| 100 + rng.next() % 50).collect();
            let a: Vec<u64> = (0..55 + 2 * round).map(|_| 110 + rng.next() % 70).collect();
            let mut diffs: Vec<i64> = a.iter().flat_map(|&x| b.iter().map(move |&y| x as i64 - y as i64)).collect();
            diffs.sort();
            let (n, m) = (b.len() as f64, a.len() as f64);
            let c = ((n * m / 2.0 - Z * (n * m * (n + m + 1.0) / 12.0).sqrt()).floor()) as usize;
            let want = (diffs[c - 1], diffs[diffs.len() - c]);
            assert_eq!(shift_interval(&pairs(&b), &pairs(&a)), Some(want), "round {round}");
        }
        assert_eq!(shift_interval(&[], &pairs(&[1, 2])), None);
    }

    #[test]
    fn the_five_calls() {
        let enough = (MIN_SAMPLES, MIN_SAMPLES);
        assert_eq!(call(enough, 5.0, Some((3.0, 7.0)), 1.0), Call::Worse);
        assert_eq!(call(enough, -5.0, Some((-7.0, -3.0)), 1.0), Call::Better);
        assert_eq!(call(enough, 0.1, Some((-0.5, 0.8)), 1.0), Call::Unchanged);
        // Sure it moved, but by less than matters: unchanged.
        assert_eq!(call(enough, 0.4, Some((0.2, 0.6)), 1.0), Call::Unchanged);
        // Moved a lot at the point, the interval reaches zero: cannot tell.
        assert_eq!(call(enough, 10.5, Some((-0.3, 24.0)), 1.0), Call::NotEnoughData);
        assert_eq!(call((12, 400), 10.5, Some((8.0, 12.0)), 1.0), Call::NotEnoughData);
        assert_eq!(call((0, 400), 0.0, None, 1.0), Call::NoData);
        // The interval says same, the printed figure moved past the tolerance: cannot tell.
        assert_eq!(call(enough, 1.5, Some((-0.5, 0.8)), 1.0), Call::NotEnoughData);
    }

    #[test]
    fn an_error_rate_with_no_error_is_not_unchanged_on_few_requests() {
        let (lo, hi) = rate_difference((0, 50), (0, 50)).unwrap();
        assert!(hi > ERROR_RATE_TOLERANCE_PP && lo < -ERROR_RATE_TOLERANCE_PP, "{lo} {hi}");
        let (lo, hi) = rate_difference((0, 20_000), (0, 20_000)).unwrap();
        assert!(hi < ERROR_RATE_TOLERANCE_PP && lo > -ERROR_RATE_TOLERANCE_PP, "{lo} {hi}");
        let (lo, _) = rate_difference((10, 10_000), (300, 10_000)).unwrap();
        assert!(lo > ERROR_RATE_TOLERANCE_PP, "{lo}");
    }
}
