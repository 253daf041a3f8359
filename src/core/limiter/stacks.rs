//! Route stacks read from an app's own route list (`route:list --json`):
//! each route's limiter entries in the order Laravel runs them, never typed in.

use crate::core::limiter::shape::{Entry, Stack};
use crate::core::limiter::Attachment;
use crate::core::route::Route;

/// One row of the route list: methods (`GET|HEAD`), uri, middleware as listed.
pub struct Listed<'a> {
    pub methods: &'a str,
    pub uri: &'a str,
    pub middleware: &'a [String],
}

/// The stacks of every listed route, concrete routes before patterns so the
/// first match is the route Laravel would pick. `gateway` names the
/// gateway's own limiter (its alias and its class).
pub fn from_route_list(routes: &[Listed<'_>], gateway: &Attachment) -> Vec<Stack> {
    let mut stacks: Vec<Stack> = Vec::new();
    for listed in routes {
        let path: Vec<&str> = listed
            .uri
            .trim_matches('/')
            .split('/')
            .map(|segment| if segment.starts_with('{') && segment.ends_with('}') { "*" } else { segment })
            .collect();
        let entries: Vec<Entry> = listed.middleware.iter().filter_map(|m| entry(m, gateway)).collect();
        for method in listed.methods.split('|').filter(|m| *m != "HEAD" || listed.methods == "HEAD") {
            if let Ok(route) = format!("{method} /{}", path.join("/")).parse::<Route>() {
                stacks.push(Stack { route, entries: entries.clone() });
            }
        }
    }
    // Fewer wildcards first; among equals, the longer (more literal) path.
    stacks.sort_by_key(|s| (s.route.path.matches('*').count(), std::cmp::Reverse(s.route.path.len())));
    stacks
}

/// What a middleware name is to the limiter model; `None` when it limits nothing.
pub fn entry(middleware: &str, gateway: &Attachment) -> Option<Entry> {
    let (name, params) = match middleware.split_once(':') {
        Some((name, params)) => (name, Some(params)),
        None => (middleware, None),
    };
    let class = name.rsplit('\\').next().unwrap_or(name);
    // Laravel's own throttle is Laravel's, even where `[limiter] middleware`
    // names it (so that a rollback takes it out too): modelled as itself.
    let redis = class == "ThrottleRequestsWithRedis";
    let laravel = name == "throttle" || class == "ThrottleRequests" || redis;
    if let Some(params) = gateway.entry(middleware).filter(|_| !laravel) {
        return Some(Entry::Gateway { params: params.map(str::to_string) });
    }
    if laravel {
        let mut parts = params.unwrap_or("").split(',');
        let max = parts.next().filter(|s| !s.is_empty()).unwrap_or("60");
        let minutes = parts.next().unwrap_or("1");
        if let (Ok(max), Ok(minutes)) = (max.trim().parse::<u64>(), minutes.trim().parse::<u64>()) {
            return Some(Entry::Throttle { max, decay_s: minutes * 60, redis });
        }
        // A named limiter (`throttle:api`, one parameter that is no number):
        // its rules live in the app's code, read into the shape's table.
        if let Some(name) = params.filter(|p| !p.is_empty() && !p.contains(',') && p.parse::<u64>().is_err()) {
            return Some(Entry::Named { name: name.to_string(), redis });
        }
        return Some(Entry::Opaque { name: middleware.to_string() });
    }
    let lower = name.to_ascii_lowercase();
    ["ratelimit", "rate-limit", "rate_limit", "throttle"]
        .iter()
        .any(|word| lower.contains(word))
        .then(|| Entry::Opaque { name: middleware.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Attachment {
        Attachment::from_names(&["api.rate-limit".into(), "App\\Http\\Middleware\\RateLimitMiddleware".into()])
    }

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn laravels_throttle_stays_laravels_where_the_config_names_it() {
        let g = Attachment::from_names(&["api.rate-limit".into(), "throttle".into()]);
        assert_eq!(entry("throttle:5,1", &g), Some(Entry::Throttle { max: 5, decay_s: 60, redis: false }));
        assert_eq!(entry("throttle:api", &g), Some(Entry::Named { name: "api".into(), redis: false }));
        assert_eq!(entry("api.rate-limit:30,60", &g), Some(Entry::Gateway { params: Some("30,60".into()) }));
        assert!(g.names("throttle:5,1"), "still the configured limiter's: a rollback removes it");
    }

    #[test]
    fn middleware_names_become_entries() {
        let g = names();
        assert_eq!(entry("api.rate-limit", &g), Some(Entry::Gateway { params: None }));
        assert_eq!(entry("api.rate-limit:30,60", &g), Some(Entry::Gateway { params: Some("30,60".into()) }));
        assert_eq!(
            entry("App\\Http\\Middleware\\RateLimitMiddleware:10,60", &g),
            Some(Entry::Gateway { params: Some("10,60".into()) })
        );
        assert_eq!(entry("throttle:100,1", &g), Some(Entry::Throttle { max: 100, decay_s: 60, redis: false }));
        assert_eq!(
            entry("Illuminate\\Routing\\Middleware\\ThrottleRequests:5,2", &g),
            Some(Entry::Throttle { max: 5, decay_s: 120, redis: false })
        );
        assert_eq!(entry("throttle:api", &g), Some(Entry::Named { name: "api".into(), redis: false }));
        assert_eq!(entry("retell.call.ratelimit", &g), Some(Entry::Opaque { name: "retell.call.ratelimit".into() }));
        for plain in ["api", "api.performance", "auth:sanctum", "retell.function.whitelist"] {
            assert_eq!(entry(plain, &g), None, "{plain}");
        }
    }

    #[test]
    fn a_route_list_gives_ordered_stacks_per_method() {
        let (a, b, c) = (
            strings(&["api", "api.rate-limit", "api.rate-limit:10,60"]),
            strings(&["api", "api.rate-limit"]),
            strings(&["api"]),
        );
        let listed = [
            Listed { methods: "DELETE", uri: "api/v2/bookings/{id}", middleware: &a },
            Listed { methods: "GET|HEAD", uri: "api/v2/composite-booking/{appointment}", middleware: &b },
            Listed { methods: "GET|HEAD", uri: "api/v2/composite-booking/availability", middleware: &b },
            Listed { methods: "GET|HEAD", uri: "api/v2/test", middleware: &c },
        ];
        let stacks = from_route_list(&listed, &names());
        let shown: Vec<String> = stacks.iter().map(|s| format!("{} {}", s.route, s.entries.len())).collect();
        assert_eq!(
            shown,
            [
                "GET /api/v2/composite-booking/availability 1",
                "GET /api/v2/test 0",
                "GET /api/v2/composite-booking/* 1",
                "DELETE /api/v2/bookings/* 2",
            ]
        );
        assert_eq!(stacks[3].entries[1], Entry::Gateway { params: Some("10,60".into()) });
    }

    /// The same API written the way Laravel 8, 10 and 11 write it (the
    /// kernel's `$routeMiddleware` or `$middlewareAliases` with its
    /// `$middlewareGroups`, or bootstrap/app.php's `throttleApi()`), its
    /// route listed as route:list prints it (the group's name, or what it
    /// resolves to), gives one stack: Laravel's `api`, then the route's own.
    #[test]
    fn every_laravel_versions_registration_gives_the_same_stack() {
        use crate::core::limiter::groups::{configured_groups, expand, kernel_groups};
        let kernel = |aliases: &str| {
            format!(
                "<?php\nclass Kernel extends HttpKernel {{\n    protected $middlewareGroups = [\n        'api' => [\n            'throttle:api',\n            \\Illuminate\\Routing\\Middleware\\SubstituteBindings::class,\n        ],\n    ];\n    protected ${aliases} = ['throttle' => \\Illuminate\\Routing\\Middleware\\ThrottleRequests::class];\n}}\n"
            )
        };
        let eleven = "<?php\nreturn Application::configure(basePath: dirname(__DIR__))\n    ->withRouting(api: __DIR__.'/../routes/api.php')\n    ->withMiddleware(function (Middleware $middleware) {\n        $middleware->throttleApi();\n    })->create();\n";
        let named = strings(&["api", "throttle:bookings"]);
        let resolved = strings(&[
            "Illuminate\\Routing\\Middleware\\ThrottleRequests:api",
            "Illuminate\\Routing\\Middleware\\SubstituteBindings",
            "Illuminate\\Routing\\Middleware\\ThrottleRequests:bookings",
        ]);
        let cases = [
            ("Laravel 8", kernel_groups(&kernel("routeMiddleware")), &named),
            ("Laravel 10", kernel_groups(&kernel("middlewareAliases")), &named),
            ("Laravel 11", configured_groups(eleven), &named),
            ("Laravel 11, resolved", configured_groups(eleven), &resolved),
        ];
        let want = vec![
            Entry::Named { name: "api".into(), redis: false },
            Entry::Named { name: "bookings".into(), redis: false },
        ];
        for (version, groups, listed) in cases {
            let middleware = expand(listed, &groups);
            let rows = [Listed { methods: "POST", uri: "api/v2/bookings", middleware: &middleware }];
            let stacks = from_route_list(&rows, &names());
            assert_eq!(stacks[0].entries, want, "{version}: {middleware:?}");
        }
    }
}
