//! A request line as the user writes it (`POST /api/v2/bookings`) and the route
//! patterns that say which routes carry the rate limiter.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::core::pattern;

const METHODS: [&str; 7] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/// Why a route was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown route syntax {input:?}: {reason}; write it as METHOD /path, e.g. \"POST /api/v2/bookings\"")]
pub struct RouteError {
    pub input: String,
    pub reason: &'static str,
}

/// `METHOD /path`, where the path may hold `*` globs when used as a pattern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Route {
    pub method: String,
    pub path: String,
}

/// What a request made from a route pattern carries in each parameter:
/// an id no record has, so a check that reaches a controller finds nothing
/// there to change.
pub const SAMPLE_ID: &str = "0";

impl Route {
    /// A request to this pattern: each parameter segment (`*`, `{id}`) holds
    /// [`SAMPLE_ID`]. Every request gatewayctl makes up for a route is this one.
    pub fn sample(&self) -> Route {
        let path = self
            .path
            .split('/')
            .map(|s| if s == "*" || (s.starts_with('{') && s.ends_with('}')) { SAMPLE_ID } else { s })
            .collect::<Vec<_>>()
            .join("/");
        Route { method: self.method.clone(), path }
    }

    /// The path Laravel matches routes and middleware patterns against:
    /// `$request->path()` trims slashes at both ends, so `/api/v2/bookings/`
    /// is the route `api/v2/bookings` and carries its limiter.
    pub fn laravel_path(&self) -> &str {
        self.path.trim_matches('/')
    }

    /// The path after `/api/`, which the limiter's bucket patterns use.
    /// `None` for a route outside the API prefix.
    pub fn api_path(&self) -> Option<&str> {
        self.laravel_path().strip_prefix("api/")
    }

    /// Does this route, used as a pattern, cover `request`?
    pub fn covers(&self, request: &Route) -> bool {
        (self.method == "*" || self.method == request.method)
            && pattern::matches(self.laravel_path(), request.laravel_path())
    }
}

/// Laravel's matching of a route uri (`api/v2/bookings/{id}/reschedule`)
/// against a request path with slashes trimmed.
pub fn uri_matches(uri: &str, path: &str) -> bool {
    let pattern: Vec<&str> = uri.trim_matches('/').split('/').filter(|s| !s.is_empty()).collect();
    let given: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let required = pattern.iter().take_while(|p| !(p.starts_with('{') && p.ends_with("?}"))).count();
    if given.len() < required || given.len() > pattern.len() || path.contains("//") {
        return false;
    }
    pattern.iter().zip(&given).all(|(p, g)| (p.starts_with('{') && p.ends_with('}')) || p == g)
}

/// The listed routes (`(methods, uri)`, as `route:list` names them)
/// nearest to `wanted`, closest first, at most three: what a typo meant.
/// A route of another method counts as two edits further.
pub fn nearest<'a>(wanted: &Route, listed: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<String> {
    let path = wanted.laravel_path();
    let mut scored: Vec<(usize, String)> = listed
        .into_iter()
        .map(|(methods, uri)| {
            let uri = uri.trim_matches('/');
            let same = methods.split('|').any(|m| m == wanted.method);
            let distance = strsim::levenshtein(path, uri) + if same { 0 } else { 2 };
            let method = if same { wanted.method.as_str() } else { methods.split('|').next().unwrap_or(methods) };
            (distance, format!("{method} /{uri}"))
        })
        .collect();
    let within = (path.len() / 3).max(3);
    scored.retain(|(d, _)| *d <= within);
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(3).map(|(_, r)| r).collect()
}

impl FromStr for Route {
    type Err = RouteError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let fail = |reason| RouteError { input: input.to_string(), reason };
        let mut parts = input.split_whitespace();
        let (Some(method), Some(path), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(fail("expected exactly a method and a path"));
        };
        let method = method.to_ascii_uppercase();
        if method != "*" && !METHODS.contains(&method.as_str()) {
            return Err(fail("unknown HTTP method"));
        }
        if !path.starts_with('/') {
            return Err(fail("the path must start with /"));
        }
        if path.starts_with("//") || path.contains('\\') || path.contains("://") {
            return Err(fail("a path on the gateway, never a host (//host would send the request elsewhere)"));
        }
        if path.contains(['?', '#']) {
            return Err(fail("the path must not carry a query or fragment"));
        }
        Ok(Route { method, path: path.to_string() })
    }
}

impl TryFrom<String> for Route {
    type Error = RouteError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Route> for String {
    fn from(r: Route) -> String {
        r.to_string()
    }
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.path)
    }
}

#[cfg(test)]
mod nearest_tests {
    use super::*;

    #[test]
    fn a_typo_finds_the_route_it_meant() {
        let listed = [("POST", "api/v2/bookings"), ("POST", "api/v2/bookings/{id}/reschedule"), ("GET", "api/health")];
        let wanted: Route = "POST /api/v2/booking".parse().unwrap();
        assert_eq!(nearest(&wanted, listed), ["POST /api/v2/bookings"]);
        let far: Route = "GET /nothing/like/it/at/all".parse().unwrap();
        assert!(nearest(&far, listed).is_empty());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sample_request_fills_every_parameter_with_an_id_no_record_has() {
        let r = |s: &str| s.parse::<Route>().unwrap();
        assert_eq!(r("DELETE /api/v2/bookings/{id}").sample(), r("DELETE /api/v2/bookings/0"));
        assert_eq!(r("PATCH /api/v2/bookings/*/reschedule").sample(), r("PATCH /api/v2/bookings/0/reschedule"));
        assert_eq!(r("POST /api/v2/push*").sample(), r("POST /api/v2/push*"), "only whole segments");
    }

    fn route(s: &str) -> Route {
        s.parse().unwrap()
    }

    #[test]
    fn parses_and_normalises_the_method() {
        let r = route("post /api/v2/bookings");
        assert_eq!(r.method, "POST");
        assert_eq!(r.api_path(), Some("v2/bookings"));
        assert_eq!(r.to_string(), "POST /api/v2/bookings");
        assert_eq!(route("GET /health").api_path(), None);
    }

    #[test]
    fn refuses_unknown_syntax() {
        for s in [
            "",
            "/api/health",
            "FETCH /api",
            "GET api/health",
            "GET /a /b",
            "GET /a?b=1",
            "POST //127.0.0.2:18080/api",
            "GET /\\host/x",
        ] {
            assert!(s.parse::<Route>().is_err(), "{s}");
        }
    }

    #[test]
    fn a_trailing_slash_is_the_same_route_as_laravel_sees_it() {
        let r = route("POST /api/v2/bookings/");
        assert_eq!(r.laravel_path(), "api/v2/bookings");
        assert_eq!(r.api_path(), Some("v2/bookings"));
        assert!(route("POST /api/v2/bookings").covers(&r));
    }

    #[test]
    fn patterns_cover_requests() {
        let p = route("POST /api/v2/bookings/*/reschedule");
        assert!(p.covers(&route("POST /api/v2/bookings/9/reschedule")));
        assert!(!p.covers(&route("GET /api/v2/bookings/9/reschedule")));
        assert!(route("* /api/webhooks/*").covers(&route("GET /api/webhooks/retell")));
    }
}
