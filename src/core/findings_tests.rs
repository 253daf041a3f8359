use super::*;

/// bootstrap/app.php as Laravel 11's skeleton writes it (aliases in withMiddleware).
const L11_BOOTSTRAP: &str = "<?php\n\nuse Illuminate\\Foundation\\Application;\nuse Illuminate\\Foundation\\Configuration\\Exceptions;\nuse Illuminate\\Foundation\\Configuration\\Middleware;\n\nreturn Application::configure(basePath: dirname(__DIR__))\n    ->withRouting(\n        web: __DIR__.'/../routes/web.php',\n        api: __DIR__.'/../routes/api.php',\n        health: '/up',\n    )\n    ->withMiddleware(function (Middleware $middleware) {\n        $middleware->alias([\n            'rate.limit' => \\App\\Http\\Middleware\\Other::class,\n        ]);\n    })\n    ->withExceptions(function (Exceptions $exceptions) {\n        //\n    })->create();\n";

/// bootstrap/app.php as Laravel 8 writes it, with another kernel bound.
const L8_BOOTSTRAP: &str = "<?php\n\n$app = new Illuminate\\Foundation\\Application(\n    $_ENV['APP_BASE_PATH'] ?? dirname(__DIR__)\n);\n\n// $app->singleton(Illuminate\\Contracts\\Http\\Kernel::class, Old::class);\n$app->singleton(\n    Illuminate\\Contracts\\Http\\Kernel::class,\n    App\\Http\\DeployedKernel::class\n);\n\nreturn $app;\n";

const KERNEL: &str = "<?php\nnamespace App\\Http;\nclass Kernel extends HttpKernel\n{\n    protected $middlewareAliases = [\n        // 'api.rate-limit' => \\App\\Old::class,\n        'auth' => \\App\\Http\\Middleware\\Authenticate::class,\n        'api.rate-limit' => \\App\\Http\\Middleware\\RateLimitMiddleware::class,\n    ];\n}\n";

fn files() -> Vec<(String, String)> {
    vec![("app/Http/Kernel.php".into(), KERNEL.into())]
}

fn dry(kernel: &str, kernel_file: &str) -> DryRun {
    DryRun {
        kernel: Kernel { class: kernel.into(), file: Some(kernel_file.into()) },
        unresolved: ["POST api/v2/bookings", "DELETE api/v2/bookings/{id}", "POST api/v2/bookings"]
            .iter()
            .map(|r| {
                let (method, uri) = r.split_once(' ').unwrap();
                Unresolved { name: "api.rate-limit".into(), method: method.into(), uri: uri.into() }
            })
            .collect(),
        ..DryRun::default()
    }
}

#[test]
fn both_shapes_of_bootstrap_app_are_read() {
    assert_eq!(layout(L11_BOOTSTRAP), Layout::Configure);
    assert_eq!(layout(L8_BOOTSTRAP), Layout::Classic { kernel: Some("App\\Http\\DeployedKernel".into()) });
    assert_eq!(layout("<?php\n$app = 1;\n"), Layout::Classic { kernel: None });
    assert_eq!(layout("<?php\n'unterminated"), Layout::Classic { kernel: None }, "unreadable: no guess");
}

#[test]
fn a_registration_is_found_at_its_line_and_a_commented_one_is_not() {
    let found = registrations(&files(), "api.rate-limit");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].file.as_str(), found[0].line), ("app/Http/Kernel.php", 8));
    assert_eq!(found[0].class, "\\App\\Http\\Middleware\\RateLimitMiddleware::class");
    assert!(registrations(&files(), "nowhere").is_empty());
}

#[test]
fn an_alias_laravel_11_never_loads_is_named_with_its_routes_file_and_fix() {
    let found =
        unresolved(&dry("Illuminate\\Foundation\\Http\\Kernel", "vendor/x.php"), &files(), &[], &Layout::Configure);
    assert_eq!(found.len(), 1);
    let f = &found[0];
    assert!(f.harmful);
    assert_eq!(f.routes, ["POST api/v2/bookings", "DELETE api/v2/bookings/{id}"], "each route once");
    assert!(f.seen.contains("app/Http/Kernel.php:8, a file Laravel 11 never loads"), "{}", f.seen);
    assert!(f.effect.starts_with("500 on every request to these 2 route(s)"), "{}", f.effect);
    assert!(
        f.fix.contains("bootstrap/app.php")
            && f.fix.contains("'api.rate-limit' => \\App\\Http\\Middleware\\RateLimitMiddleware::class"),
        "{}",
        f.fix
    );
}

#[test]
fn on_the_classic_layout_the_kernel_the_app_binds_is_named() {
    let d = dry("App\\Http\\DeployedKernel", "app/Http/DeployedKernel.php");
    let f = &unresolved(&d, &files(), &[], &layout(L8_BOOTSTRAP))[0];
    assert!(
        f.seen.contains("its HTTP kernel is App\\Http\\DeployedKernel (app/Http/DeployedKernel.php)"),
        "{}",
        f.seen
    );
    assert!(f.fix.contains("app/Http/DeployedKernel.php"), "{}", f.fix);
    let nowhere = unresolved(&d, &[], &[], &Layout::Configure);
    assert!(nowhere[0].seen.contains("registered nowhere"), "{}", nowhere[0].seen);
    // A file that could not be read may hold it: never "nowhere" then.
    let unread = ["app/Http/Kernel.php (Permission denied (os error 13))".to_string()];
    let maybe = unresolved(&d, &[], &unread, &Layout::Configure);
    assert!(!maybe[0].seen.contains("nowhere"), "{}", maybe[0].seen);
    assert!(maybe[0].seen.contains("could not be read, so it may be there: app/Http/Kernel.php"), "{}", maybe[0].seen);
}

fn entry(entry: &str, route: &str, passed: &[&str], thrown: Option<&str>) -> DryEntry {
    let (method, uri) = route.split_once(' ').unwrap();
    DryEntry {
        entry: entry.into(),
        name: entry.split(':').next().unwrap().into(),
        class: "App\\Http\\Middleware\\RateLimitMiddleware".into(),
        file: Some("app/Http/Middleware/RateLimitMiddleware.php".into()),
        method: method.into(),
        uri: uri.into(),
        passed: passed.iter().map(|s| s.to_string()).collect(),
        accepts: 1,
        variadic: false,
        ran: true,
        outcome: Some(Outcome {
            passed: thrown.is_none(),
            thrown: thrown.map(|m| Thrown {
                class: "ErrorException".into(),
                message: m.into(),
                file: Some("app/Http/Middleware/RateLimitMiddleware.php".into()),
                line: 77,
            }),
            unjudged: false,
        }),
        redis: vec![],
    }
}

fn askproai_dry() -> DryRun {
    let mut d = dry("App\\Http\\Kernel", "app/Http/Kernel.php");
    d.unresolved.clear();
    let group = ["api", "api.rate-limit", "api.performance", "api.logging"];
    let routes = [
        ("POST", "api/v2/bookings", Some("api.rate-limit:30,60")),
        ("DELETE", "api/v2/bookings/{id}", Some("api.rate-limit:10,60")),
        ("POST", "api/v2/availability/simple", None),
        ("POST", "api/webhooks/calcom", None),
    ];
    for (method, uri, own) in routes {
        let mut mw: Vec<String> = group.iter().map(|s| s.to_string()).collect();
        if uri.contains("webhooks") {
            mw = vec!["api".into(), "throttle:60,1".into()];
        }
        let r = format!("{method} {uri}");
        if uri.contains("v2") {
            d.entries.push(entry("api.rate-limit", &r, &[], None));
        }
        if let Some(own) = own {
            mw.push(own.into());
            let params: Vec<&str> = own.split_once(':').unwrap().1.split(',').collect();
            d.entries.push(entry(own, &r, &params, Some("Undefined array key 1")));
        }
        d.routes.push(DryRoute { method: method.into(), uri: uri.into(), middleware: mw });
    }
    d
}

#[test]
fn an_entry_given_two_parameters_for_one_throws_on_every_request_after_counting() {
    let found = throwing(&askproai_dry(), &LimiterShape::askproai_2025_10());
    assert_eq!(found.len(), 2, "one per entry: {found:#?}");
    let f = &found[0];
    assert_eq!(f.kind, "entry-throws");
    assert_eq!(
        f.seen,
        "api.rate-limit:30,60: handle() takes one parameter, Laravel passes '30' and '60'; it throws ErrorException 'Undefined array key 1' at app/Http/Middleware/RateLimitMiddleware.php:77"
    );
    assert_eq!(
        f.effect,
        "every request to these 1 route(s) answers 500, after the entry before it has counted it: POST api/v2/bookings"
    );
    assert!(f.harmful);
}

#[test]
fn a_limiter_twice_on_a_route_halves_its_limit_once_the_entries_work() {
    let shape = LimiterShape::askproai_2025_10();
    let found = repeated_limiter(&askproai_dry(), &shape);
    assert_eq!(found.len(), 2, "{found:#?}");
    let f = &found[0];
    assert_eq!(f.routes, ["POST api/v2/bookings"]);
    assert_eq!(
        f.effect,
        "once its middleware works, each request counts 2 times: request 16 in a window is refused, where the route says 30"
    );
    assert!(!f.harmful, "latent while the entry throws");
}

#[test]
fn a_row_that_misses_its_routes_by_the_prefix_is_named() {
    let shape = LimiterShape::askproai_2025_10();
    let found = table_rows(&askproai_dry(), &shape);
    let webhooks: Vec<&Finding> = found.iter().filter(|f| f.kind == "unmatched-row").collect();
    assert_eq!(webhooks.len(), 2, "{found:#?}");
    let (cancel, webhooks) = (webhooks[0], webhooks[1]);
    assert!(webhooks.seen.starts_with("limit row 'webhooks/*' (100 per 60 s) matches none"), "{}", webhooks.seen);
    assert_eq!(webhooks.routes, ["POST api/webhooks/calcom"]);
    assert!(webhooks.fix.contains("'api/webhooks/*'"));
    // The cancel row: cancel is the DELETE on a booking, which gets the default.
    assert!(cancel.seen.starts_with("limit row 'api/v2/bookings/*/cancel' (10 per 60 s) matches none"), "{cancel:#?}");
    assert_eq!(cancel.routes, ["DELETE api/v2/bookings/{id}"]);
    assert!(cancel.effect.ends_with("gets row 'default' instead: 60 per 60 s"), "{cancel:#?}");
    assert!(cancel.fix.contains("'api/v2/bookings/*'"), "{cancel:#?}");
}

#[test]
fn a_counter_per_concrete_path_is_a_limit_per_id() {
    let shape = LimiterShape::askproai_2025_10();
    let found = counter_per_id(&askproai_dry(), &shape);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].routes, ["DELETE api/v2/bookings/{id}"]);
    assert!(found[0].effect.starts_with("each {id} has its own counter: the limit holds per id, not per client"));
    let contract = crate::core::limiter::tests::contract();
    assert_eq!(counter_per_id(&askproai_dry(), &contract), [], "a counter per row holds per client");
}

#[test]
fn a_row_after_one_that_takes_all_its_routes_is_shadowed() {
    let mut shape = LimiterShape::askproai_2025_10();
    let late = shape.buckets.iter().position(|b| b.name == "api/v2/bookings").unwrap();
    let mut wide = shape.buckets[late].clone();
    wide.name = "api/v2/*".into();
    wide.paths = vec!["api/v2/*".into()];
    shape.buckets.insert(0, wide);
    let found = table_rows(&askproai_dry(), &shape);
    let shadowed: Vec<&Finding> = found.iter().filter(|f| f.kind == "shadowed-row").collect();
    assert!(shadowed.iter().any(|f| f.seen.starts_with("limit row 'api/v2/bookings'")), "{found:#?}");
}

#[test]
fn the_contract_shape_on_its_own_routes_finds_nothing() {
    let shape = crate::core::limiter::tests::contract();
    let routes = ["POST api/v2/availability/simple", "POST api/v2/bookings", "POST api/v2/bookings/{id}/reschedule"];
    let mut d = DryRun::default();
    for r in routes.iter().chain(&["POST api/webhooks/calcom", "POST api/webhooks/retell", "GET api/health"]) {
        let (method, uri) = r.split_once(' ').unwrap();
        let mw = if uri.contains("v2") { vec!["api".into(), "api.rate-limit".into()] } else { vec!["api".into()] };
        d.routes.push(DryRoute { method: method.into(), uri: uri.into(), middleware: mw });
        if uri.contains("v2") {
            d.entries.push(entry("api.rate-limit", r, &[], None));
        }
    }
    let found = all(&d, &[], &[], &Layout::Classic { kernel: None }, &shape);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn an_alias_the_app_points_elsewhere_is_harmful_on_the_routes_that_apply_it() {
    let kernel = "<?php\nnamespace App\\Http;\nclass Kernel {\n    protected $middlewareAliases = [\n        'api.rate-limit' => \\App\\Http\\Middleware\\RateLimitMiddleware::class,\n        'api.performance' => \\App\\Http\\Middleware\\PerformanceMonitoring::class,\n        'api.rate-limit' => \\App\\Http\\Middleware\\PerformanceMonitoring::class,\n    ];\n}\n";
    let mut shape = crate::core::limiter::tests::contract();
    shape.attachment = shape.attachment.with_app(&crate::core::limiter::alias_table("app/Http/Kernel.php", kernel));
    let mut d = DryRun::default();
    d.aliases.insert("api.rate-limit".into(), "App\\Http\\Middleware\\PerformanceMonitoring".into());
    d.routes.push(DryRoute {
        method: "POST".into(),
        uri: "api/v2/bookings".into(),
        middleware: vec!["api".into(), "api.rate-limit".into()],
    });
    let found = misdirected_alias(&d, &shape);
    assert_eq!(found.len(), 1, "{found:?}");
    let f = &found[0];
    assert!(f.harmful && f.routes == ["POST api/v2/bookings"], "{f:?}");
    assert!(
        f.seen.contains("app/Http/Kernel.php:5, app/Http/Kernel.php:7") && f.seen.contains("PerformanceMonitoring"),
        "{}",
        f.seen
    );
    // Seen only by the dry run (registered where the source reader does not look).
    let plain = crate::core::limiter::tests::contract();
    let found = misdirected_alias(&d, &plain);
    assert!(found.len() == 1 && found[0].seen.contains("in the app's alias table"), "{found:?}");
}

/// `api.rate-limit:5,60` on a `handle()` that takes no parameter: the 5
/// never reaches it. The findings reason as the model does: the route
/// falls in its table row, and the request they name as the first refused
/// is the one `simulate` refuses first.
#[test]
fn parameters_a_handle_never_takes_are_reasoned_as_the_model_does() {
    let mut d = dry("App\\Http\\Kernel", "app/Http/Kernel.php");
    d.unresolved.clear();
    let route = "POST api/v2/bookings";
    let mut group = entry("api.rate-limit", route, &[], None);
    group.accepts = 0;
    let mut own = entry("api.rate-limit:5,60", route, &["5", "60"], None);
    own.accepts = 0;
    d.entries = vec![group, own];
    let middleware = ["api", "api.rate-limit", "api.rate-limit:5,60"].map(String::from).to_vec();
    d.routes = vec![DryRoute { method: "POST".into(), uri: "api/v2/bookings".into(), middleware }];
    let mut shape = LimiterShape::askproai_2025_10();
    shape.params = Params::Ignored;

    let extra = throwing(&d, &shape);
    assert_eq!(extra.len(), 1, "{extra:#?}");
    assert_eq!(extra[0].kind, "extra-parameters");
    assert!(
        extra[0]
            .effect
            .contains("'5,60' never reaches handle(): the limiter takes row 'api/v2/bookings' (30 per 60 s)"),
        "{}",
        extra[0].effect
    );
    let twice = repeated_limiter(&d, &shape);
    assert_eq!(twice.len(), 1, "{twice:#?}");
    let said: u32 = twice[0].effect.split(": request ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
    assert!(twice[0].effect.contains("against its row's 30"), "{}", twice[0].effect);

    let request: Route = "POST /api/v2/bookings".parse().unwrap();
    shape.stacks = vec![Stack {
        route: request.clone(),
        entries: vec![Entry::Gateway { params: None }, Entry::Gateway { params: Some("5,60".into()) }],
    }];
    let client = Identity::ApiKey("k".into());
    let schedule = crate::core::limiter::Schedule { requests: 40, interval_ms: 10, start_count: 0, start_ttl_ms: None };
    let run = crate::core::limiter::simulate(&shape, &request, &client, schedule);
    let first = run.requests.iter().find(|r| r.verdict.status == 429).expect("refused").n;
    assert_eq!(first, said, "the finding and simulate agree");
}
