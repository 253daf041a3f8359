//! The debrief after an activation (`gatewayctl report`), pure, one
//! concept per file: log records tallied per period (`tally`), response
//! times in bounded memory (`latency`), before/after comparisons that say
//! whether a change is beyond noise (`compare`), rate-limited identities
//! told apart (`identities`), the breaker's open periods (`breaker`), Redis
//! memory (`memory`), and the plan's Success Criteria (`criteria`) and
//! post-activation tasks (`checklist`), each with its evidence. Time is
//! passed in; nothing reads a clock.

mod breaker;
mod checklist;
mod compare;
mod criteria;
mod identities;
mod latency;
mod memory;
mod tally;
#[cfg(test)]
mod tests;

pub use breaker::{open_periods, OpenPeriod};
pub use checklist::{checklist, StressProof, Task, TaskFacts, TaskState};
pub use compare::{compare, judgement, Baseline, RouteChange, Shift, MIN_SAMPLE};
pub use criteria::{
    first_day, first_hours, first_week, CriteriaWindow, Criterion, CriterionVerdict, WindowFacts,
    RESPONSE_TIME_LIMIT_MS, VIOLATIONS_TOO_MANY,
};
pub use identities::{classify, limit_review, IdentityLine, LimitReview, Pattern, EPISODE_GAP_MS};
pub use latency::Latency;
pub use memory::{memory_trend, MemoryPoint, MemoryTrend, SeriesPoint};
pub use tally::{figures, route_of, IdentityTally, RouteFigures, RouteTally, Tally, Transition, OTHER_ROUTES};
