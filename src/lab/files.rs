//! The lab gateway's Laravel application, embedded in the binary so an
//! installed gatewayctl can build a lab anywhere. The sources live in
//! `lab/app/`; a test fails when a file there is missing from this list.

macro_rules! lab_files {
    ($root:literal: $($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/lab/", $root, "/", $path)))),*]
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
pub const APP_FILES: &[(&str, &str)] = lab_files!["app":
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
    "config/auth.php",
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

/// `lab up --gateway askproai`: written over `APP_FILES`, they make the app
/// behave as the production baseline does (`REAL-GATEWAY.md`). The sources
/// live in `lab/askproai/`.
pub const ASKPROAI_FILES: &[(&str, &str)] = lab_files!["askproai":
    "app/Http/Controllers/RetellApiController.php",
    "app/Http/Controllers/V2Controller.php",
    "app/Http/DeployedKernel.php",
    "app/Http/Kernel.php",
    "app/Http/Middleware/RateLimitMiddleware.php",
    "app/Http/Middleware/RetellCallRateLimit.php",
    "app/Http/Middleware/RetellFunctionWhitelist.php",
    "app/Services/CalcomApiException.php",
    "app/Models/Service.php",
    "app/Services/CalcomService.php",
    "app/Services/CircuitBreaker.php",
    "app/Services/CircuitBreakerOpenException.php",
    "config/cache.php",
    "config/database.php",
    "routes/api.php",
];

/// `lab up --gateway laravel`: written over `APP_FILES`, an API limited by
/// Laravel's own limiter alone (named limiters, a plain throttle). The
/// sources live in `lab/laravel/`.
pub const LARAVEL_FILES: &[(&str, &str)] = lab_files!["laravel":
    "app/Providers/RouteServiceProvider.php",
    "routes/api.php",
];

/// The laravel lab's kernel: the lab's own, its api group throttling as
/// `laravel new` writes it for Laravel 8 (`throttle:api` first), so every
/// route of routes/api.php carries it unnamed (route:list shows `api`).
/// Derived from the lab's own kernel, so there is one source.
pub fn kernel_laravel() -> String {
    let stock = APP_FILES.iter().find(|(p, _)| *p == "app/Http/Kernel.php").expect("in APP_FILES").1;
    stock.replace("        'api' => [\n", "        'api' => [\n            'throttle:api',\n")
}

/// The baseline as deployed on Laravel 11: its bootstrap binds a kernel
/// without the app's aliases. Derived from the lab's own bootstrap.
pub fn bootstrap_as_deployed() -> String {
    let stock = APP_FILES.iter().find(|(p, _)| *p == "bootstrap/app.php").expect("in APP_FILES").1;
    stock.replace("App\\Http\\Kernel::class", "App\\Http\\DeployedKernel::class")
}

/// The client prefix and the cache store's prefix of the baseline lab
/// (`config/database.php`, `config/cache.php`; Laravel 8 adds the `:`).
pub const ASKPROAI_CLIENT_PREFIX: &str = "laravel_database_";
pub const ASKPROAI_CACHE_PREFIX: &str = "laravel_cache:";

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
    fn the_laravel_kernel_throttles_its_api_group() {
        let k = super::kernel_laravel();
        assert!(k.contains("'api' => [\n            'throttle:api',\n            \\Illuminate\\Routing\\Middleware\\SubstituteBindings::class,"), "{k}");
    }

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
        for (dir, files) in
            [("lab/app", APP_FILES), ("lab/askproai", super::ASKPROAI_FILES), ("lab/laravel", super::LARAVEL_FILES)]
        {
            let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            let mut on_disk = Vec::new();
            walk(&root, &root, &mut on_disk);
            on_disk.sort();
            let mut embedded: Vec<String> = files.iter().map(|(p, _)| p.to_string()).collect();
            embedded.sort();
            assert_eq!(on_disk, embedded, "update the list for {dir} in src/lab/files.rs");
        }
    }

    #[test]
    fn as_deployed_binds_the_kernel_without_the_apps_aliases() {
        let bootstrap = super::bootstrap_as_deployed();
        assert!(bootstrap.contains("App\\Http\\DeployedKernel::class"), "{bootstrap}");
        assert!(!bootstrap.contains("App\\Http\\Kernel::class"));
    }

    #[test]
    fn the_test_route_stands_at_lines_161_to_164() {
        let routes = super::ASKPROAI_FILES.iter().find(|(p, _)| *p == "routes/api.php").unwrap().1;
        let lines: Vec<&str> = routes.lines().collect();
        let block = lines[160..164].join("\n");
        assert!(block.contains("Route::get('v2/test'"), "{block}");
        assert!(!lines[164..].iter().any(|l| l.contains("v2/test")));
        assert!(lines[165..].iter().any(|l| l.contains("'api.rate-limit'")), "the limiter is after the test route");
    }
}
