//! Blocking work (artisan, php -l, /proc polling, file copies) run off the
//! two async workers, and a panic in it reported as a failed check: never
//! as an empty list of checks, which would read as "nothing failed".

use crate::core::checks::Check;

/// Runs `f` on the blocking pool; a panic becomes a failed check named `what`.
pub async fn run<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> Result<T, Check> {
    tokio::task::spawn_blocking(f).await.map_err(|e| {
        let why = if e.is_panic() { "panicked" } else { "was cancelled" };
        Check::fail(
            what,
            format!("the check itself {why}: {e}"),
            "a gatewayctl bug: nothing it should have proven is proven",
        )
    })
}

/// As `run`, for work that returns checks.
pub async fn checks(what: &str, f: impl FnOnce() -> Vec<Check> + Send + 'static) -> Vec<Check> {
    run(what, f).await.unwrap_or_else(|failed| vec![failed])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::checks::CheckVerdict;

    #[tokio::test]
    async fn a_panic_is_a_failed_check_not_an_empty_list() {
        let got = checks("cache.rebuild", || panic!("boom")).await;
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].verdict, CheckVerdict::Fail);
        assert!(got[0].evidence.contains("panicked"), "{got:?}");
    }
}
