//! The plan's "Integration Status" of the 8 fixes, decided from the app's own
//! source text: each fix present, registered, wired. Pure: the caller reads
//! the files and passes their contents.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::limiter::{alias_table, Attachment};

/// Where a fix stands, from absent to in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Integration {
    /// No code for it.
    Missing,
    /// The code exists but nothing uses it.
    Present,
    /// Registered (e.g. a middleware alias) but not applied anywhere.
    Registered,
    /// Applied: on the next request it is active.
    Wired,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FixStatus {
    /// The plan's number and name, e.g. "4 Rate Limiting".
    pub fix: String,
    pub status: Integration,
    /// What in the source decided it.
    pub evidence: String,
    /// Whether this is what the plan says it should be before activation.
    pub expected: Integration,
}

/// The source files the rules read, relative to the app dir.
pub const SOURCES: &[&str] = &[
    "app/Http/Kernel.php",
    "bootstrap/app.php",
    "routes/api.php",
    "app/Helpers/LogSanitizer.php",
    "app/Http/Controllers/CalcomWebhookController.php",
    "app/Http/Controllers/RetellWebhookController.php",
    "app/Http/Controllers/RetellFunctionCallHandler.php",
    "app/Http/Controllers/BookingController.php",
    "app/Http/Middleware/RateLimitMiddleware.php",
    "app/Http/Middleware/PerformanceMonitoring.php",
    "app/Http/Middleware/BusinessHoursMiddleware.php",
    "app/Http/Requests/CollectAppointmentRequest.php",
    "app/Services/CircuitBreaker.php",
    "app/Services/CalcomService.php",
    "app/Services/TenantCache.php",
    "app/Exceptions/Handler.php",
];

/// Source text by path; a missing file is simply absent.
pub type Sources = BTreeMap<String, String>;

fn has(src: &Sources, path: &str) -> bool {
    src.contains_key(path)
}

fn text<'a>(src: &'a Sources, path: &str) -> &'a str {
    src.get(path).map(String::as_str).unwrap_or("")
}

/// Code with `//`, `#` and `/* */` comments blanked, so a commented-out line
/// (the plan's way of rolling back) does not count as code.
pub fn strip_comments(php: &str) -> String {
    let mut out = String::with_capacity(php.len());
    let mut chars = php.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            out.push(c);
            if c == '\\' {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' => {
                quote = Some(c);
                out.push(c);
            }
            '#' => skip_line(&mut chars, &mut out),
            '/' if chars.peek() == Some(&'/') => skip_line(&mut chars, &mut out),
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut prev = ' ';
                for n in chars.by_ref() {
                    if n == '\n' {
                        out.push('\n');
                    }
                    if prev == '*' && n == '/' {
                        break;
                    }
                    prev = n;
                }
            }
            _ => out.push(c),
        }
    }
    out
}

fn skip_line(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, out: &mut String) {
    for n in chars.by_ref() {
        if n == '\n' {
            out.push('\n');
            break;
        }
    }
}

fn code(src: &Sources, path: &str) -> String {
    strip_comments(text(src, path))
}

/// Fix 4, read by structure under every name the limiter answers to
/// (`limiter`): applied is what the rollback's editor would remove.
fn rate_limit(src: &Sources, limiter: &Attachment) -> (Integration, String) {
    let (status, evidence) = gateway_limiter(src, limiter);
    // Laravel's own throttle limits too, wherever the app applies it.
    let laravel = Attachment::from_names(&[
        "throttle".into(),
        "Illuminate\\Routing\\Middleware\\ThrottleRequests".into(),
        "Illuminate\\Routing\\Middleware\\ThrottleRequestsWithRedis".into(),
    ]);
    // Counted where the source says it; a list it cannot read counts nothing here.
    let literal = |file: &str| {
        crate::core::rollback::remove_middleware_leaving_unread(text(src, file), &laravel).map_or(0, |(e, _)| e.len())
    };
    let throttles = literal("routes/api.php")
        + literal(crate::core::rollback::KERNEL_FILE)
        + usize::from(
            crate::core::limiter::groups::configured_groups(text(src, "bootstrap/app.php"))
                .get("api")
                .is_some_and(|g| g.iter().any(|m| m.starts_with("throttle")))
                && has(src, "bootstrap/app.php"),
        );
    match (status, throttles) {
        (Integration::Wired, _) | (_, 0) => (status, evidence),
        (_, n) => (
            Integration::Wired,
            format!("Laravel's throttle applied {n} time(s) in routes/api.php and the middleware groups; {evidence}"),
        ),
    }
}

/// How many times routes/api.php and the kernel's groups apply `limiter`
/// (what the rollback's editor would remove); why not, when a list cannot be read.
fn applied(src: &Sources, limiter: &Attachment) -> Result<usize, String> {
    let mut n = 0;
    for file in ["routes/api.php", crate::core::rollback::KERNEL_FILE] {
        match crate::core::rollback::remove_middleware(text(src, file), limiter) {
            Ok(edits) => n += edits.len(),
            Err(refusal) => return Err(format!("{file}: {refusal}")),
        }
    }
    Ok(n)
}

/// The plan's own limiter (RateLimitMiddleware), under every name it answers to.
fn gateway_limiter(src: &Sources, limiter: &Attachment) -> (Integration, String) {
    let file = "app/Http/Middleware/RateLimitMiddleware.php";
    if !has(src, file) {
        return (Integration::Missing, format!("{file} not found"));
    }
    if let Some(m) = limiter.misdirected().first() {
        return (
            Integration::Registered,
            format!(
                "'{}' resolves to {} ({}), not the limiter: the limiter is off wherever '{}' is applied",
                m.alias,
                m.class,
                m.at.join(", "),
                m.alias
            ),
        );
    }
    let registered: Vec<String> = ["app/Http/Kernel.php", "bootstrap/app.php"]
        .iter()
        .flat_map(|f| alias_table(f, text(src, f)))
        .filter(|e| limiter.is_class(&e.class))
        .map(|e| e.alias)
        .collect();
    let names = limiter.describe();
    match applied(src, limiter) {
        Err(refusal) => {
            (Integration::Registered, format!("cannot tell whether the app applies the limiter ({names}): {refusal}"))
        }
        Ok(n) if n > 0 => (Integration::Wired, format!("the limiter ({names}) applied {n} time(s) in routes/api.php")),
        Ok(_) if !registered.is_empty() => {
            (Integration::Registered, format!("{} registered, not applied in routes/api.php", registered.join(", ")))
        }
        Ok(_) => (Integration::Present, format!("the limiter ({names}) neither registered nor applied")),
    }
}

/// The status of each of the plan's 8 fixes; `limiter`: the names the
/// rate limiter answers to.
pub fn assess(src: &Sources, limiter: &Attachment) -> Vec<FixStatus> {
    let routes = code(src, "routes/api.php");
    let kernel = code(src, "app/Http/Kernel.php");
    let controllers = [
        "app/Http/Controllers/CalcomWebhookController.php",
        "app/Http/Controllers/RetellWebhookController.php",
        "app/Http/Controllers/RetellFunctionCallHandler.php",
    ];
    let sanitized = controllers.iter().filter(|c| code(src, c).contains("LogSanitizer::sanitize(")).count();
    let calcom = code(src, "app/Services/CalcomService.php");
    let alias = |name: &str| kernel.contains(&format!("'{name}'")) || kernel.contains(&format!("\"{name}\""));
    let applied = |name: &str| routes.contains(&format!("'{name}'")) || routes.contains(&format!("\"{name}\""));
    let middleware = |file: &str, name: &str| -> (Integration, String) {
        match (has(src, file), alias(name), applied(name)) {
            (false, ..) => (Integration::Missing, format!("{file} not found")),
            (true, false, _) => (Integration::Present, format!("{name} not registered in Kernel.php")),
            (true, true, false) => {
                (Integration::Registered, format!("{name} registered, not applied in routes/api.php"))
            }
            (true, true, true) => (Integration::Wired, format!("{name} registered and applied in routes/api.php")),
        }
    };
    let fix = |n: &str, (status, evidence): (Integration, String), expected| FixStatus {
        fix: n.into(),
        status,
        evidence,
        expected,
    };

    let cache =
        match (has(src, "app/Services/TenantCache.php"), code(src, "app/Services/TenantCache.php").contains("tenant:"))
        {
            (true, true) => (Integration::Wired, "TenantCache keys carry tenant:<company_id>:".to_string()),
            (true, false) => (Integration::Present, "TenantCache has no tenant: key scope".to_string()),
            _ => (Integration::Missing, "app/Services/TenantCache.php not found".to_string()),
        };
    // Read by structure: an import left behind by a rollback, or the name in
    // a comment, is not the method's parameter.
    let validation = match (
        has(src, "app/Http/Requests/CollectAppointmentRequest.php"),
        crate::core::rollback::validation::wired(text(src, "app/Http/Controllers/RetellFunctionCallHandler.php")),
    ) {
        (true, Ok(true)) => (
            Integration::Wired,
            "RetellFunctionCallHandler::collectAppointment takes a CollectAppointmentRequest".into(),
        ),
        (true, Ok(false)) => {
            (Integration::Present, "CollectAppointmentRequest exists; RetellFunctionCallHandler does not use it".into())
        }
        (true, Err(refusal)) => (Integration::Present, format!("RetellFunctionCallHandler.php: {refusal}")),
        _ => (Integration::Missing, "app/Http/Requests/CollectAppointmentRequest.php not found".into()),
    };
    let sanitizer = match (has(src, "app/Helpers/LogSanitizer.php"), sanitized) {
        (false, _) => (Integration::Missing, "app/Helpers/LogSanitizer.php not found".into()),
        (true, 0) => (Integration::Present, "no controller calls LogSanitizer::sanitize".into()),
        (true, n) => (Integration::Wired, format!("LogSanitizer::sanitize used in {n} of 3 controllers")),
    };
    let errors = match has(src, "app/Exceptions/Handler.php") && has(src, "app/Http/Controllers/BookingController.php")
    {
        true if code(src, "app/Http/Controllers/BookingController.php").contains("503") => {
            (Integration::Wired, "BookingController answers 503 for Cal.com outages".into())
        }
        true => (Integration::Present, "BookingController has no 503 handling".into()),
        false => (Integration::Missing, "BookingController or Handler.php not found".into()),
    };
    let breaker = match (has(src, "app/Services/CircuitBreaker.php"), calcom.contains("new CircuitBreaker(")) {
        (true, true) => (Integration::Wired, "CalcomService constructs a CircuitBreaker".into()),
        (true, false) => (Integration::Present, "CircuitBreaker exists; CalcomService does not construct it".into()),
        _ => (Integration::Missing, "app/Services/CircuitBreaker.php not found".into()),
    };
    vec![
        fix("1 Cache Isolation", cache, Integration::Wired),
        fix("2 Input Validation", validation, Integration::Present),
        fix("3 Log Sanitization", sanitizer, Integration::Wired),
        fix("4 Rate Limiting", rate_limit(src, limiter), Integration::Wired),
        fix(
            "5 Business Hours",
            middleware("app/Http/Middleware/BusinessHoursMiddleware.php", "api.business-hours"),
            Integration::Missing,
        ),
        fix("6 Error Handling", errors, Integration::Wired),
        fix("7 Circuit Breaker", breaker, Integration::Wired),
        fix(
            "8 Performance Monitoring",
            middleware("app/Http/Middleware/PerformanceMonitoring.php", "api.performance"),
            Integration::Wired,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limiter() -> Attachment {
        Attachment::from_names(&["api.rate-limit".into(), "App\\Http\\Middleware\\RateLimitMiddleware".into()])
    }

    #[test]
    fn commented_out_code_is_not_code() {
        let php = "a(); // b();\n/* c(); */ d('// not a comment'); # e();\n";
        let clean = strip_comments(php);
        assert!(clean.contains("a();") && clean.contains("d('// not a comment');"));
        assert!(!clean.contains("b();") && !clean.contains("c();") && !clean.contains("e();"));
    }

    #[test]
    fn a_rolled_back_breaker_is_present_not_wired() {
        let mut src = Sources::new();
        src.insert("app/Services/CircuitBreaker.php".into(), "<?php class CircuitBreaker {}".into());
        src.insert(
            "app/Services/CalcomService.php".into(),
            "/*\n$this->circuitBreaker = new CircuitBreaker(\n);\n*/".into(),
        );
        let breaker = assess(&src, &limiter()).into_iter().find(|f| f.fix.starts_with('7')).unwrap();
        assert_eq!(breaker.status, Integration::Present);
    }

    #[test]
    fn laravels_throttle_is_rate_limiting_wired_in_routes_or_groups() {
        let row = |src: &Sources| assess(src, &limiter()).into_iter().find(|f| f.fix.starts_with('4')).unwrap();
        let mut src = Sources::new();
        src.insert("routes/api.php".into(), "<?php\nRoute::get('a', $f)->middleware('throttle:api');\n".into());
        let (status, evidence) = (row(&src).status, row(&src).evidence);
        assert_eq!(status, Integration::Wired, "{evidence}");
        assert!(evidence.starts_with("Laravel's throttle applied 1 time(s)"), "{evidence}");
        let mut grouped = Sources::new();
        grouped.insert(
            "app/Http/Kernel.php".into(),
            "<?php\nclass Kernel { protected $middlewareGroups = ['api' => ['throttle:api']]; }\n".into(),
        );
        assert_eq!(row(&grouped).status, Integration::Wired, "{}", row(&grouped).evidence);
        let mut eleven = Sources::new();
        eleven.insert("bootstrap/app.php".into(), "<?php\n$middleware->throttleApi();\n".into());
        assert_eq!(row(&eleven).status, Integration::Wired, "{}", row(&eleven).evidence);
    }

    #[test]
    fn nothing_at_all_is_missing() {
        assert!(assess(&Sources::new(), &limiter()).iter().all(|f| f.status == Integration::Missing));
    }
}
