//! Human durations (`500ms`, `60s`, `2h`, `1h30m`) as used in flags and config.

use std::fmt;
use std::time::Duration;

/// Why a duration string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("malformed duration {input:?}: {reason}; write it like 500ms, 60s, 5m or 2h")]
pub struct DurationError {
    pub input: String,
    pub reason: &'static str,
}

/// Parses `<number><unit>` groups, units `ms`, `s`, `m`, `h`, `d`.
/// A bare number is refused: in an ops tool a silent unit guess is a hazard.
pub fn parse(input: &str) -> Result<Duration, DurationError> {
    let fail = |reason| DurationError { input: input.to_string(), reason };
    let text = input.trim();
    if text.is_empty() {
        return Err(fail("it is empty"));
    }
    let mut total = Duration::ZERO;
    let mut rest = text;
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        if digits == 0 {
            return Err(fail("expected a number"));
        }
        let value: u64 = rest[..digits].parse().map_err(|_| fail("number too large"))?;
        rest = &rest[digits..];
        let unit_len = rest.find(|c: char| c.is_ascii_digit()).unwrap_or(rest.len());
        let unit_ms = match &rest[..unit_len] {
            "ms" => 1,
            "s" => 1_000,
            "m" => 60_000,
            "h" => 3_600_000,
            "d" => 86_400_000,
            "" => return Err(fail("a unit is missing")),
            _ => return Err(fail("unknown unit")),
        };
        let ms = value.checked_mul(unit_ms).ok_or_else(|| fail("number too large"))?;
        total = total.checked_add(Duration::from_millis(ms)).ok_or_else(|| fail("number too large"))?;
        rest = &rest[unit_len..];
    }
    Ok(total)
}

/// Formats a duration the way `parse` reads it back (`1h30m`, `500ms`).
pub fn format(d: Duration) -> String {
    Display(d).to_string()
}

struct Display(Duration);

impl fmt::Display for Display {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut ms = self.0.as_millis();
        if ms == 0 {
            return f.write_str("0s");
        }
        for (unit, size) in [("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1_000), ("ms", 1)] {
            if ms >= size {
                write!(f, "{}{unit}", ms / size)?;
                ms %= size;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_units_and_compounds() {
        for (text, ms) in [
            ("500ms", 500),
            ("60s", 60_000),
            ("5m", 300_000),
            ("2h", 7_200_000),
            ("1h30m", 5_400_000),
            ("1d", 86_400_000),
            (" 10s ", 10_000),
        ] {
            assert_eq!(parse(text), Ok(Duration::from_millis(ms)), "{text}");
        }
    }

    #[test]
    fn refuses_malformed_input() {
        for text in ["", "60", "s", "10x", "1.5s", "-1s", "99999999999999999999s"] {
            assert!(parse(text).is_err(), "{text} should be refused");
        }
    }

    #[test]
    fn format_round_trips() {
        for ms in [0, 1, 500, 1000, 60_000, 5_400_000, 90_061_001] {
            let d = Duration::from_millis(ms);
            assert_eq!(parse(&format(d)), Ok(d));
        }
    }
}
