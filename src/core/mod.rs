//! The gateway model: rate limiter, circuit breaker, log sanitizer and metric
//! thresholds exactly as GATEWAY-CONTRACT.md specifies them.
//!
//! Pure and synchronous. Nothing here does I/O, reads a clock or knows about
//! tokio, Redis, HTTP or the terminal: time is always an argument.

/// A value of a model's dimension, named as the config writes it.
pub trait Named: Sized + Copy + PartialEq + 'static {
    /// Every value with its name, in the order the docs list them.
    const NAMES: &'static [(&'static str, Self)];

    fn name(self) -> &'static str {
        Self::NAMES.iter().find(|(_, v)| *v == self).map_or("", |(n, _)| n)
    }

    fn parse(text: &str) -> Option<Self> {
        Self::NAMES.iter().find(|(n, _)| *n == text).map(|&(_, v)| v)
    }

    /// `"a", "b" or "c"`, for an error message.
    fn choices() -> String {
        let names: Vec<String> = Self::NAMES.iter().map(|(n, _)| format!("{n:?}")).collect();
        match names.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        }
    }
}

/// Implements [`Named`] for an enum: `named!(Window { Fixed => "fixed", … })`.
macro_rules! named {
    ($ty:ident { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl crate::core::Named for $ty {
            const NAMES: &'static [(&'static str, $ty)] = &[$(($name, $ty::$variant)),+];
        }
    };
}

pub mod accesslog;
pub mod breaker;
pub mod cachevalue;
pub mod cardcheck;
pub mod checks;
pub mod debrief;
pub mod diff;
pub mod duration;
pub mod findings;
pub mod integration;
pub mod inventory;
pub mod journal;
pub mod judge;
pub mod keyplace;
pub mod keyspace;
pub mod limiter;
pub mod logline;
pub mod logscan;
pub mod own;
pub mod pattern;
pub mod php;
pub mod planreview;
pub mod probe;
pub mod replay;
pub mod rng;
pub mod rollback;
pub mod route;
pub mod runbook;
pub mod sanitizer;
pub mod scan;
pub mod shell;
pub mod textmask;
pub mod thresholds;
pub mod validation_impact;
pub mod watch;
