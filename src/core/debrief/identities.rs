//! Rate-limited identities told apart: one burst, or a user refused through
//! normal use.

use serde::{Deserialize, Serialize};

use super::tally::{IdentityTally, Tally};

/// Rejections of one identity further apart than this are separate episodes.
pub const EPISODE_GAP_MS: u64 = 10 * 60_000;

/// How an identity met the limiter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pattern {
    /// Never refused.
    Unaffected,
    /// All its rejections in one episode: a burst (a script, a retry storm, a stress run).
    Burst,
    /// Two separate episodes.
    RepeatedBursts,
    /// Refused again and again, spread over the period: the plan's
    /// "legitimate users affected" unless a person knows better.
    RefusedInNormalUse,
}

/// One identity's line in the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdentityLine {
    pub identity: String,
    pub pattern: Pattern,
    pub served: u64,
    pub limited: u64,
    pub episodes: u64,
    /// First and last rejection, unix ms.
    pub first_limited_ms: Option<u64>,
    pub last_limited_ms: Option<u64>,
    pub blocks: u64,
}

/// Episodes of rejection: runs of minutes with rejections no more than
/// EPISODE_GAP_MS apart.
pub(super) fn episodes(minutes: impl Iterator<Item = u32>) -> u64 {
    let mut count = 0;
    let mut last: Option<u32> = None;
    for m in minutes {
        if last.is_none_or(|l| u64::from(m - l) * 60_000 > EPISODE_GAP_MS) {
            count += 1;
        }
        last = Some(m);
    }
    count
}

pub fn classify(id: &str, t: &IdentityTally) -> IdentityLine {
    let episodes = episodes(t.limited_minutes.iter().map(|m| m.0));
    let pattern = match (t.limited, episodes) {
        (0, _) => Pattern::Unaffected,
        (_, 0 | 1) => Pattern::Burst,
        (_, 2) => Pattern::RepeatedBursts,
        _ => Pattern::RefusedInNormalUse,
    };
    IdentityLine {
        identity: id.to_string(),
        pattern,
        served: t.served,
        limited: t.limited,
        episodes,
        first_limited_ms: t.limited_minutes.first().map(|m| u64::from(m.0) * 60_000),
        last_limited_ms: t.limited_minutes.last().map(|m| u64::from(m.0) * 60_000 + 59_999),
        blocks: t.blocks,
    }
}

/// The rate-limit review: totals per hour, the identities refused (most
/// refused first, up to `top`), and the busiest of those never refused.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LimitReview {
    pub violations: u64,
    pub per_hour: Vec<(u64, u64)>,
    pub worst_hour: Option<(u64, u64)>,
    pub abuse_blocks: u64,
    pub identities_seen: u64,
    pub identities_limited: u64,
    pub bursts: u64,
    pub repeated_bursts: u64,
    pub refused_in_normal_use: u64,
    pub unattributed: u64,
    /// Refused identities, most refused first.
    pub limited: Vec<IdentityLine>,
    /// The busiest identities that were never refused.
    pub unaffected: Vec<IdentityLine>,
}

pub fn limit_review(t: &Tally, top: usize) -> LimitReview {
    let mut lines: Vec<IdentityLine> = t.identities.iter().map(|(id, i)| classify(id, i)).collect();
    let count = |p: Pattern| lines.iter().filter(|l| l.pattern == p).count() as u64;
    let (bursts, repeated, normal) =
        (count(Pattern::Burst), count(Pattern::RepeatedBursts), count(Pattern::RefusedInNormalUse));
    let limited_n = lines.iter().filter(|l| l.limited > 0).count() as u64;
    lines.sort_by(|a, b| b.limited.cmp(&a.limited).then(b.served.cmp(&a.served)).then(a.identity.cmp(&b.identity)));
    let (mut limited, mut unaffected): (Vec<_>, Vec<_>) = lines.into_iter().partition(|l| l.limited > 0);
    limited.truncate(top);
    unaffected.truncate(top);
    LimitReview {
        violations: t.limited,
        per_hour: t.limited_per_hour.iter().map(|(&h, &n)| (h, n)).collect(),
        worst_hour: t.limited_per_hour.iter().max_by_key(|(&h, &n)| (n, std::cmp::Reverse(h))).map(|(&h, &n)| (h, n)),
        abuse_blocks: t.abuse_blocks,
        identities_seen: t.identities.len() as u64,
        identities_limited: limited_n,
        bursts,
        repeated_bursts: repeated,
        refused_in_normal_use: normal,
        unattributed: t.unattributed,
        limited,
        unaffected,
    }
}
