//! The gateway's health as it answers it: `GET gateway.health_path`, 200
//! and `"status": "healthy"`, read by preflight, verify and every change's
//! check after it.

use crate::adapters::http::Http;
use crate::core::checks::Check;
use crate::settings::Settings;

/// The `health` check.
pub async fn check(settings: &Settings) -> Check {
    let g = &settings.file.gateway;
    let http = match Http::new(&g.base_url, g.request_timeout.0, None) {
        Ok(h) => h,
        Err(e) => return Check::fail("health", e.to_string(), "fix gateway.base_url"),
    };
    match http.get(&g.health_path).await {
        Ok(answer) => {
            let status = answer.json().and_then(|j| j["status"].as_str().map(str::to_string));
            let evidence = format!(
                "GET {} → {} {:?} in {} ms",
                g.health_path,
                answer.status,
                status.as_deref().unwrap_or("?"),
                answer.elapsed.as_millis()
            );
            match (answer.status, status.as_deref()) {
                (200, Some("healthy")) => Check::pass("health", evidence),
                _ => Check::fail(
                    "health",
                    evidence,
                    "the gateway is not healthy: read laravel.log before changing anything",
                ),
            }
        }
        Err(e) => Check::fail("health", e.to_string(), "the gateway does not answer: check nginx and php-fpm"),
    }
}
