//! Middleware groups as an app registers them, read without running it:
//! Laravel ≤ 10's kernel (`$middlewareGroups`), or Laravel 11's
//! bootstrap/app.php, whose `withMiddleware` changes the framework's own
//! groups (`group`, `prependToGroup`, `appendToGroup`, `removeFromGroup`,
//! `api(...)`/`web(...)`, `throttleApi()`, `statefulApi()`). Laravel 8's
//! `route:list` names a route's group (`api`), not what it holds: the
//! stacks expand it here, so a `throttle:api` in the group is seen.

use std::collections::BTreeMap;

use crate::core::limiter::{array_open, class_written};
use crate::core::php::{literal_value, Imports, Source, TokenKind};

/// Each group's members in order, as written (an alias with its parameters,
/// or a class); a member that cannot be read holds its code as written.
pub type Groups = BTreeMap<String, Vec<String>>;

const SUBSTITUTE_BINDINGS: &str = "Illuminate\\Routing\\Middleware\\SubstituteBindings";
const STATEFUL: &str = "Laravel\\Sanctum\\Http\\Middleware\\EnsureFrontendRequestsAreStateful";
const WEB: [&str; 6] = [
    "Illuminate\\Cookie\\Middleware\\EncryptCookies",
    "Illuminate\\Cookie\\Middleware\\AddQueuedCookiesToResponse",
    "Illuminate\\Session\\Middleware\\StartSession",
    "Illuminate\\View\\Middleware\\ShareErrorsFromSession",
    "Illuminate\\Foundation\\Http\\Middleware\\ValidateCsrfToken",
    SUBSTITUTE_BINDINGS,
];

/// The groups a Laravel ≤ 10 kernel declares in `$middlewareGroups`.
pub fn kernel_groups(text: &str) -> Groups {
    let Ok(src) = Source::parse(text) else { return Groups::new() };
    let imports = Imports::of(&src);
    let mut out = Groups::new();
    for i in 0..src.tokens.len() {
        if src.kind(i) != TokenKind::Variable || src.text_of(i) != "$middlewareGroups" {
            continue;
        }
        let Some(open) = src
            .next_code(i)
            .filter(|&eq| src.is(eq, "="))
            .and_then(|eq| src.next_code(eq))
            .and_then(|v| array_open(&src, v))
        else {
            continue;
        };
        for (first, last) in src.items(open) {
            let Some(name) = literal_value(src.kind(first), src.text_of(first)) else { continue };
            let Some(value) = src.next_code(first).filter(|&a| src.is(a, "=>")).and_then(|a| src.next_code(a)) else {
                continue;
            };
            if value <= last {
                out.insert(name, members(&src, &imports, value, last));
            }
        }
    }
    out
}

/// The groups Laravel 11 builds from bootstrap/app.php's `withMiddleware`,
/// applied as `Middleware::getMiddlewareGroups` applies them: the
/// framework's `web` and `api` (with `throttle:<limiter>` where
/// `throttleApi()` asks), the groups `group()` defines, then removals,
/// prepends and appends, each member once.
pub fn configured_groups(text: &str) -> Groups {
    let Ok(src) = Source::parse(text) else { return Groups::new() };
    let imports = Imports::of(&src);
    let (mut defined, mut removals, mut prepends, mut appends) =
        (Groups::new(), Groups::new(), Groups::new(), Groups::new());
    let (mut api_limiter, mut stateful) = (None, false);
    for i in 0..src.tokens.len() {
        if src.kind(i) != TokenKind::Name || !src.prev_code(i).is_some_and(|p| src.is(p, "->") || src.is(p, "?->")) {
            continue;
        }
        let Some(open) = src.next_code(i).filter(|&o| src.is(o, "(")) else { continue };
        let args = arguments(&src, open);
        let text = |(a, b): (usize, usize)| literal_value(src.kind(a), src.text_of(a)).filter(|_| a == b);
        let list = |(a, b): (usize, usize)| members(&src, &imports, a, b);
        let positional = |n: usize, name: &str| {
            args.iter().find(|(k, _)| k.as_deref() == Some(name)).or_else(|| args.get(n).filter(|(k, _)| k.is_none()))
        };
        let method = src.text_of(i);
        match method {
            "group" => {
                if let (Some((_, g)), Some((_, m))) = (positional(0, "group"), positional(1, "middleware")) {
                    if let Some(g) = text(*g) {
                        defined.insert(g, list(*m));
                    }
                }
            }
            "prependToGroup" | "appendToGroup" | "removeFromGroup" => {
                let (Some((_, g)), Some((_, m))) = (positional(0, "group"), positional(1, "middleware")) else {
                    continue;
                };
                let Some(g) = text(*g) else { continue };
                let into = match method {
                    "prependToGroup" => &mut prepends,
                    "appendToGroup" => &mut appends,
                    _ => &mut removals,
                };
                add(into, &g, list(*m), method == "appendToGroup");
            }
            "api" | "web" => {
                for (n, key) in ["append", "prepend", "remove"].into_iter().enumerate() {
                    if let Some((_, m)) = positional(n, key) {
                        let into = match key {
                            "append" => &mut appends,
                            "prepend" => &mut prepends,
                            _ => &mut removals,
                        };
                        add(into, method, list(*m), key == "append");
                    }
                }
            }
            "throttleApi" => {
                api_limiter =
                    Some(positional(0, "limiter").and_then(|(_, l)| text(*l)).unwrap_or_else(|| "api".into()));
            }
            "statefulApi" => stateful = true,
            _ => {}
        }
    }
    let mut groups = Groups::new();
    groups.insert("web".into(), WEB.iter().map(|s| s.to_string()).collect());
    let api = [stateful.then(|| STATEFUL.to_string()), api_limiter.map(|l| format!("throttle:{l}"))];
    let api: Vec<String> = api.into_iter().flatten().chain([SUBSTITUTE_BINDINGS.to_string()]).collect();
    groups.insert("api".into(), api);
    groups.extend(defined);
    for (g, gone) in removals {
        groups.entry(g).or_default().retain(|m| !gone.contains(m));
    }
    for (g, first) in prepends {
        let group = groups.entry(g).or_default();
        *group = unique(first.into_iter().chain(group.drain(..)));
    }
    for (g, last) in appends {
        let group = groups.entry(g).or_default();
        *group = unique(group.drain(..).chain(last));
    }
    groups
}

/// Laravel 11's bootstrap/app.php turns its `throttle` alias into
/// `ThrottleRequestsWithRedis` (`throttleWithRedis()`, or
/// `throttleApi(..., redis: true)`).
pub fn configured_redis_throttle(text: &str) -> bool {
    let Ok(src) = Source::parse(text) else { return false };
    (0..src.tokens.len()).any(|i| {
        let called = src.kind(i) == TokenKind::Name && src.prev_code(i).is_some_and(|p| src.is(p, "->"));
        let Some(open) = src.next_code(i).filter(|&o| called && src.is(o, "(")) else { return false };
        match src.text_of(i) {
            "throttleWithRedis" => true,
            "throttleApi" => arguments(&src, open).iter().enumerate().any(|(n, (name, (a, b)))| {
                let is_redis = name.as_deref() == Some("redis") || (name.is_none() && n == 1);
                is_redis && a == b && src.text_of(*a).eq_ignore_ascii_case("true")
            }),
            _ => false,
        }
    })
}

/// `middleware` with every group name replaced by its members (a group in
/// a group too), in order.
pub fn expand(middleware: &[String], groups: &Groups) -> Vec<String> {
    fn into(out: &mut Vec<String>, name: &str, groups: &Groups, depth: usize) {
        match groups.get(name).filter(|_| depth < 8) {
            Some(members) => members.iter().for_each(|m| into(out, m, groups, depth + 1)),
            None => out.push(name.to_string()),
        }
    }
    let mut out = Vec::new();
    middleware.iter().for_each(|m| into(&mut out, m, groups, 0));
    out
}

/// Prepends go before what is there, appends after (`array_merge` order).
fn add(into: &mut Groups, group: &str, members: Vec<String>, after: bool) {
    let list = into.entry(group.to_string()).or_default();
    match after {
        true => list.extend(members),
        false => *list = members.into_iter().chain(list.drain(..)).collect(),
    }
}

fn unique(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// A call's arguments, each with its name when written `name: value`.
fn arguments(src: &Source, open: usize) -> Vec<(Option<String>, (usize, usize))> {
    src.items(open)
        .into_iter()
        .map(|(first, last)| {
            let colon = src.next_code(first).filter(|&c| src.is(c, ":") && src.kind(first) == TokenKind::Name);
            match colon.and_then(|c| src.next_code(c)).filter(|&v| v <= last) {
                Some(value) => (Some(src.text_of(first).to_string()), (value, last)),
                None => (None, (first, last)),
            }
        })
        .collect()
}

/// A middleware list's members (`[...]`, or one member alone).
fn members(src: &Source, imports: &Imports, first: usize, last: usize) -> Vec<String> {
    match array_open(src, first) {
        Some(open) => src.items(open).into_iter().map(|(a, b)| member(src, imports, a, b)).collect(),
        None => vec![member(src, imports, first, last)],
    }
}

/// One member as Laravel reads it: a string's value, `X::class` as its
/// class, `X::class . ':api'` as the class with its parameters; anything
/// else as written.
fn member(src: &Source, imports: &Imports, first: usize, last: usize) -> String {
    if first == last {
        if let Some(value) = literal_value(src.kind(first), src.text_of(first)) {
            return value;
        }
    }
    if let Some(class) = class_written(src, imports, first, last) {
        return class;
    }
    let code: Vec<usize> = (first..=last).filter(|&t| src.kind(t).is_code()).collect();
    if let [.., class_end, dot, params] = code[..] {
        let params = literal_value(src.kind(params), src.text_of(params)).filter(|p| p.starts_with(':'));
        if let (true, Some(params)) = (src.is(dot, "."), params) {
            if let Some(class) = class_written(src, imports, first, class_end) {
                return format!("{class}{params}");
            }
        }
    }
    src.text[src.span(first, last)].trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    /// Laravel 8's kernel as `laravel new` writes it.
    const KERNEL_8: &str = r#"<?php
namespace App\Http;
use Illuminate\Foundation\Http\Kernel as HttpKernel;
use Illuminate\Routing\Middleware\ThrottleRequests;
class Kernel extends HttpKernel
{
    protected $middlewareGroups = [
        'web' => [
            \App\Http\Middleware\EncryptCookies::class,
        ],
        'api' => [
            // 'throttle:60,1',
            'throttle:api',
            \Illuminate\Routing\Middleware\SubstituteBindings::class,
        ],
        'partner' => ['api', ThrottleRequests::class.':partners'],
    ];
    protected $routeMiddleware = ['throttle' => ThrottleRequests::class];
}
"#;

    #[test]
    fn a_kernels_groups_are_read_and_a_route_list_expanded_with_them() {
        let groups = kernel_groups(KERNEL_8);
        assert_eq!(groups["api"], strings(&["throttle:api", SUBSTITUTE_BINDINGS]));
        assert_eq!(groups["partner"], strings(&["api", "Illuminate\\Routing\\Middleware\\ThrottleRequests:partners"]));
        // As Laravel 8's route:list names them: the group, then the route's own.
        let listed = strings(&["partner", "throttle:5,1"]);
        assert_eq!(
            expand(&listed, &groups),
            strings(&[
                "throttle:api",
                SUBSTITUTE_BINDINGS,
                "Illuminate\\Routing\\Middleware\\ThrottleRequests:partners",
                "throttle:5,1"
            ])
        );
    }

    #[test]
    fn laravel_11_builds_its_groups_from_the_framework_defaults() {
        let bare = "<?php\nreturn Application::configure(basePath: dirname(__DIR__))\n    ->withMiddleware(function (Middleware $middleware) {\n    })->create();\n";
        assert_eq!(configured_groups(bare)["api"], strings(&[SUBSTITUTE_BINDINGS]), "no throttle unless asked");
        let app = r#"<?php
use App\Http\Middleware\Audit;
return Application::configure(basePath: dirname(__DIR__))
    ->withMiddleware(function (Middleware $middleware) {
        $middleware->throttleApi();
        $middleware->api(prepend: [Audit::class], remove: [
            \Illuminate\Routing\Middleware\SubstituteBindings::class,
        ]);
        $middleware->appendToGroup('partner', ['throttle:partners', 'throttle:60,1']);
        $middleware->group('admin', ['throttle:10,1']);
        $middleware->prependToGroup('admin', 'audit');
    })->create();
"#;
        let groups = configured_groups(app);
        assert_eq!(groups["api"], strings(&["App\\Http\\Middleware\\Audit", "throttle:api"]));
        assert_eq!(groups["partner"], strings(&["throttle:partners", "throttle:60,1"]));
        assert_eq!(groups["admin"], strings(&["audit", "throttle:10,1"]));
        assert!(!configured_redis_throttle(app));
        assert!(configured_redis_throttle("<?php\n$middleware->throttleApi(redis: true);\n"));
        assert!(configured_redis_throttle("<?php\n$middleware->throttleApi('api', true)->throttleWithRedis();\n"));
        let named = "<?php\n$middleware->throttleApi('burst');\n$middleware->statefulApi();\n";
        assert_eq!(configured_groups(named)["api"], strings(&[STATEFUL, "throttle:burst", SUBSTITUTE_BINDINGS]));
    }

    #[test]
    fn what_cannot_be_read_stays_as_written() {
        let kernel = "<?php\nclass K { protected $middlewareGroups = ['api' => ['throttle:'.$limit, $other]]; }";
        assert_eq!(kernel_groups(kernel)["api"], strings(&["'throttle:'.$limit", "$other"]));
        assert!(kernel_groups("<?php {{{").is_empty());
    }
}
