//! The gateway's routes as Laravel lists them (`route:list --json`), and a
//! request matched against them the way Laravel's router does: method,
//! slashes trimmed at both ends, `{param}` one segment, `{param?}` optional.
//! A route gatewayctl is asked to probe must be one of these.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use crate::adapters::artisan;
use crate::core::route::Route;
use crate::settings::Settings;

/// (method, uri) → (action, middleware), as `route:list --json` prints them.
pub type Routes = BTreeMap<(String, String), (String, Vec<String>)>;

/// The app's routes as `route:list --json` reports them; past `timeout`
/// artisan is stopped and the error says so.
pub fn routes(php: &str, app: &Path, timeout: Duration) -> Result<Routes, String> {
    let out = artisan::run_within(php, app, &["route:list", "--json"], timeout).map_err(|e| e.to_string())?;
    parse(&out.stdout)
}

/// The routes of a shadow copy of the app, listed sealed
/// (`process::output_sealed`): its providers boot with no network, no
/// host socket, and nothing writable outside the shadow. Where it cannot
/// be sealed, listed as any `route:list` is, with why (the second value).
pub fn shadow_routes(php: &str, shadow: &Path, timeout: Duration) -> (Result<Routes, String>, Option<String>) {
    use crate::adapters::process::{output_sealed, IsolatedError};
    let args = ["artisan".as_ref(), "route:list".as_ref(), "--json".as_ref()];
    let out = match output_sealed(php, &args, timeout, shadow, Some(shadow)) {
        Ok(out) => out,
        Err(e @ IsolatedError::NoIsolation(_)) => return (routes(php, shadow, timeout), Some(e.to_string())),
        Err(e) => return (Err(format!("`php artisan route:list`: {e}")), None),
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        let said = format!("{} {}", stdout.trim(), String::from_utf8_lossy(&out.stderr).trim());
        let said: String = said.trim().chars().take(2000).collect();
        return (Err(format!("`php artisan route:list` failed ({}): {said}", out.status)), None);
    }
    (parse(&stdout), None)
}

/// `route:list --json`'s output, read once, here.
fn parse(stdout: &str) -> Result<Routes, String> {
    let list: Vec<serde_json::Value> =
        serde_json::from_str(stdout.trim()).map_err(|_| format!("route:list printed no JSON: {}", stdout.trim()))?;
    Ok(list
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap_or_default().to_string();
            let mw = r["middleware"]
                .as_array()
                .map(|a| a.iter().filter_map(|m| m.as_str().map(str::to_string)).collect())
                .unwrap_or_default();
            ((s("method"), s("uri")), (s("action"), mw))
        })
        .collect())
}

/// The gateway's routes, off the async workers.
pub async fn list(settings: &Settings) -> Result<Routes, String> {
    let (php, app) = (settings.file.gateway.php.clone(), settings.app_dir().to_path_buf());
    let bound = settings.file.gateway.app_timeout.0;
    crate::ops::blocking::run("route:list", move || routes(&php, &app, bound)).await.map_err(|c| c.evidence)?
}

/// The listed route that serves `request`, as "METHOD uri".
pub fn find<'a>(routes: &'a Routes, request: &Route) -> Option<&'a (String, String)> {
    routes.keys().find(|(methods, uri)| {
        methods.split('|').any(|m| m == request.method) && uri_matches(uri, request.laravel_path())
    })
}

pub use crate::core::route::uri_matches;

/// Every command that takes `--route` refuses one the gateway does not
/// have, the same way: before anything is sent, with the nearest routes
/// (a typo answers 404 to every request, which proves nothing).
pub fn require(listed: &Routes, route: &crate::core::route::Route) -> Result<(), String> {
    if find(listed, route).is_some() {
        return Ok(());
    }
    let near = crate::core::route::nearest(route, listed.keys().map(|(m, u)| (m.as_str(), u.as_str())));
    let meant = match near.as_slice() {
        [] => {
            let all = shown(listed);
            let more = match all.len().saturating_sub(8) {
                0 => String::new(),
                n => format!(" and {n} more (`php artisan route:list` shows them all)"),
            };
            format!("none is near it; its routes: {}{more}", all[..all.len().min(8)].join(", "))
        }
        [one] => format!("did you mean {one}?"),
        many => format!("did you mean one of: {}?", many.join(", ")),
    };
    Err(format!("{route} is not a route of the gateway; nothing was sent; {meant}"))
}

/// The routes as a person reads them: "POST /api/v2/bookings".
pub fn shown(routes: &Routes) -> Vec<String> {
    routes.keys().map(|(m, u)| format!("{} /{}", m.split('|').next().unwrap_or(m), u.trim_start_matches('/'))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_as_laravel_routes() {
        assert!(uri_matches("api/v2/bookings", "api/v2/bookings"));
        assert!(uri_matches("api/v2/bookings/{id}/reschedule", "api/v2/bookings/9/reschedule"));
        assert!(!uri_matches("api/v2/bookings/{id}/reschedule", "api/v2/bookings/reschedule"));
        assert!(!uri_matches("api/v2/bookings", "api/v2/booking"));
        assert!(!uri_matches("api/v2/bookings", ""));
        assert!(uri_matches("api/items/{id?}", "api/items"));
        assert!(uri_matches("api/items/{id?}", "api/items/3"));
        let mut routes = Routes::new();
        routes.insert(("POST".into(), "api/v2/bookings".into()), (String::new(), vec![]));
        routes.insert(("GET|HEAD".into(), "api/health".into()), (String::new(), vec![]));
        let route = |s: &str| s.parse::<Route>().unwrap();
        assert!(find(&routes, &route("POST /api/v2/bookings/")).is_some(), "a trailing slash is the same route");
        assert!(find(&routes, &route("HEAD /api/health")).is_some());
        assert!(find(&routes, &route("GET /api/v2/bookings")).is_none(), "the method matters");
        assert!(find(&routes, &route("POST /")).is_none());
        assert_eq!(shown(&routes), ["GET /api/health", "POST /api/v2/bookings"]);
    }
}
