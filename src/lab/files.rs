//! The lab gateway's Laravel application, embedded in the binary so an
//! installed gatewayctl can build a lab anywhere. The sources live in
//! `lab/app/`; a test fails when a file there is missing from this list.

macro_rules! lab_files {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/lab/app/", $path)))),*]
    };
}

/// The CalcomService in the usual shape (`lab up --calcom unguarded`): it
/// calls the breaker unguarded, the shape the breaker rollback must not turn
/// into an outage. Derived from the lab's own service, so there is one source.
pub fn calcom_unguarded() -> String {
    let guarded = APP_FILES.iter().find(|(p, _)| *p == "app/Services/CalcomService.php").expect("in APP_FILES").1;
    guarded.replace(
        "// Without a breaker (rolled back), Cal.com is called directly.\n        return $this->circuitBreaker ? $this->circuitBreaker->call($request) : $request();",
        "return $this->circuitBreaker->call($request);",
    )
}

/// (path relative to the app dir, contents)
pub const APP_FILES: &[(&str, &str)] = lab_files![
    "app/Console/Commands/HealthDetailed.php",
    "app/Console/Kernel.php",
    "app/Exceptions/Handler.php",
    "app/Helpers/LogSanitizer.php",
    "app/Http/Controllers/BookingController.php",
    "app/Http/Controllers/CalcomWebhookController.php",
    "app/Http/Controllers/Controller.php",
    "app/Http/Controllers/HealthController.php",
    "app/Http/Controllers/RetellFunctionCallHandler.php",
    "app/Http/Controllers/RetellWebhookController.php",
    "app/Http/Kernel.php",
    "app/Http/Middleware/PerformanceMonitoring.php",
    "app/Http/Middleware/RateLimitMiddleware.php",
    "app/Http/Middleware/RequestLogging.php",
    "app/Http/Requests/CollectAppointmentRequest.php",
    "app/Providers/RouteServiceProvider.php",
    "app/Services/CalcomService.php",
    "app/Services/CircuitBreaker.php",
    "app/Services/CircuitOpenException.php",
    "app/Services/TenantCache.php",
    "app/Services/UpstreamFailure.php",
    "artisan",
    "bootstrap/app.php",
    "composer.json",
    "config/app.php",
    "config/cache.php",
    "config/database.php",
    "config/logging.php",
    "config/session.php",
    "config/view.php",
    "public/index.php",
    "public/static.txt",
    "resources/lang/en/validation.php",
    "resources/views/.keep",
    "routes/api.php",
    "vendor/autoload.php",
];

/// Files the app writes at run time or that `lab up` renders.
pub const WRITABLE_DIRS: &[&str] = &[
    "storage/app",
    "storage/framework/cache/data",
    "storage/framework/sessions",
    "storage/framework/views",
    "storage/logs",
    "bootstrap/cache",
];

#[cfg(test)]
mod tests {
    #[test]
    fn the_unguarded_variant_calls_the_breaker_unguarded() {
        let v = super::calcom_unguarded();
        assert!(v.contains("return $this->circuitBreaker->call($request);"));
        assert!(!v.contains("? $this->circuitBreaker->call"));
    }

    use super::APP_FILES;
    use std::path::Path;

    fn walk(dir: &Path, root: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, root, out);
            } else {
                out.push(path.strip_prefix(root).unwrap().to_string_lossy().into_owned());
            }
        }
    }

    #[test]
    fn every_app_file_is_embedded() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("lab/app");
        let mut on_disk = Vec::new();
        walk(&root, &root, &mut on_disk);
        on_disk.sort();
        let mut embedded: Vec<String> = APP_FILES.iter().map(|(p, _)| p.to_string()).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded, "update APP_FILES in src/lab/files.rs");
    }
}
