//! The gateway's own bugs, named before any traffic: what the app's code
//! will do, read from the app's own view of itself (a dry run of its
//! middleware stacks in a shadow process) and from its registration files,
//! held against the limiter's model. Pure: the dry run's answer and the
//! files' text come in, findings go out.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::limiter::{Bucket, Entry, Identity, LimiterShape, Matching, Params, Stack};
use crate::core::php::{literal_value, Source, TokenKind};
use crate::core::route::Route;

/// One bug of the gateway's own, with its evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// unresolved-middleware, entry-throws, extra-parameters, repeated-limiter, unmatched-row, shadowed-row,
    /// counter-per-id, misdirected-alias, breaker-guards-no-v2, breaker-counts-4xx, reaches-outside.
    pub kind: String,
    /// What was seen: file and line, or the app's own answer.
    pub seen: String,
    /// What it will do in production, in one sentence with the number.
    pub effect: String,
    /// What to do instead.
    pub fix: String,
    /// It hurts today (NO-GO), rather than once something else is fixed.
    pub harmful: bool,
    /// The routes it concerns, `METHOD uri`.
    pub routes: Vec<String>,
}

/// What the shadow dry run printed (`ops/middleware_dryrun.php`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct DryRun {
    #[serde(default)]
    pub laravel: String,
    pub kernel: Kernel,
    #[serde(default)]
    pub aliases: BTreeMap<String, String>,
    #[serde(default)]
    pub groups: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub routes: Vec<DryRoute>,
    #[serde(default)]
    pub unresolved: Vec<Unresolved>,
    #[serde(default)]
    pub entries: Vec<DryEntry>,
    /// What the app's code tried outside its shadow and the seal stopped
    /// ("wrote …", "connected to …"), as PHP reported each refusal, and the
    /// files it wrote into its private /tmp and /var/tmp.
    #[serde(default)]
    pub attempts: Vec<String>,
    /// The circuit breaker as the dry run read it (`None`: no service holds one).
    #[serde(default)]
    pub breaker: Option<DryBreaker>,
}

/// The service that holds the circuit breaker: the routes whose controller
/// uses it, and what its breaker did with a Cal.com 4xx.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct DryBreaker {
    pub service: String,
    /// The breaker's class, found on the built service (`None`: none found).
    #[serde(default)]
    pub breaker: Option<String>,
    #[serde(default)]
    pub routes: Vec<BreakerRoute>,
    /// It opened after this many 4xx failures (`None`: not within `calls`).
    #[serde(default)]
    pub opened_after: Option<u64>,
    #[serde(default)]
    pub calls: u64,
    /// The exception thrown as Cal.com's 4xx.
    #[serde(default)]
    pub exception: Option<String>,
    /// Building the service or calling its breaker threw: what.
    #[serde(default)]
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct BreakerRoute {
    pub method: String,
    pub uri: String,
    pub reaches: bool,
}

impl DryBreaker {
    /// The routes whose controller uses the breaker's service (`METHOD uri`).
    pub fn guarded(&self) -> Vec<String> {
        self.routes
            .iter()
            .filter(|r| r.reaches)
            .map(|r| format!("{} /{}", r.method, r.uri.trim_start_matches('/')))
            .collect()
    }

    /// Whether `method path` reaches the breaker: `None` when no listed route matches.
    pub fn reaches(&self, route: &crate::core::route::Route) -> Option<bool> {
        let path = route.path.trim_start_matches('/');
        self.routes
            .iter()
            .find(|r| r.method.eq_ignore_ascii_case(&route.method) && crate::core::route::uri_matches(&r.uri, path))
            .map(|r| r.reaches)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Kernel {
    pub class: String,
    pub file: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct DryRoute {
    pub method: String,
    pub uri: String,
    pub middleware: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Unresolved {
    pub name: String,
    pub method: String,
    pub uri: String,
}

/// A middleware entry with parameters checked against its `handle()`, or a
/// limiter entry run once.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct DryEntry {
    pub entry: String,
    pub name: String,
    pub class: String,
    pub file: Option<String>,
    pub method: String,
    pub uri: String,
    pub passed: Vec<String>,
    /// Parameters `handle()` takes after `$request` and `$next`.
    pub accepts: usize,
    pub variadic: bool,
    pub ran: bool,
    pub outcome: Option<Outcome>,
    /// What it asked Redis directly (answered by the dry run's recorder).
    #[serde(default)]
    pub redis: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Outcome {
    pub passed: bool,
    pub thrown: Option<Thrown>,
    /// It threw after asking Redis directly, which the dry run only records:
    /// the throw may be the recorder's doing, so it is not judged.
    #[serde(default)]
    pub unjudged: bool,
}

impl DryEntry {
    /// Ran and threw, judged (not after reaching the Redis recorder).
    pub fn thrown(&self) -> Option<&Thrown> {
        self.outcome.as_ref().filter(|o| !o.unjudged).and_then(|o| o.thrown.as_ref())
    }

    /// Ran, threw, and the throw cannot be judged.
    pub fn unjudged(&self) -> bool {
        self.outcome.as_ref().is_some_and(|o| o.unjudged)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Thrown {
    pub class: String,
    pub message: String,
    pub file: Option<String>,
    pub line: u64,
}

/// Where a middleware alias is written in the app's source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    pub file: String,
    pub line: usize,
    /// The class it names, as written (`\App\Http\Middleware\X::class`).
    pub class: String,
}

/// Every `'name' => Class` in `files` ((path, text) pairs): string keys
/// followed by `=>`, comments and strings respected. A file that does not
/// lex is skipped.
pub fn registrations(files: &[(String, String)], name: &str) -> Vec<Registration> {
    let mut out = Vec::new();
    for (path, text) in files {
        let Ok(source) = Source::parse(text) else { continue };
        for i in 0..source.tokens.len() {
            let kind = source.kind(i);
            if !matches!(kind, TokenKind::SingleQuoted | TokenKind::DoubleQuoted) {
                continue;
            }
            if literal_value(kind, source.text_of(i)).as_deref() != Some(name) {
                continue;
            }
            let Some(arrow) = source.next_code(i).filter(|&j| source.is(j, "=>")) else { continue };
            let mut class = String::new();
            let mut j = arrow;
            while let Some(k) = source.next_code(j) {
                if source.is(k, ",") || source.is(k, "]") || source.is(k, ")") || source.is(k, ";") {
                    break;
                }
                class.push_str(source.text_of(k));
                j = k;
            }
            out.push(Registration { file: path.clone(), line: source.line_of(i), class });
        }
    }
    out
}

/// How `bootstrap/app.php` builds the app: Laravel 11's
/// `Application::configure(...)->withMiddleware(...)`, whose HTTP kernel is
/// the framework's own, or the classic `$app->singleton(Kernel, X)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    /// Laravel 11: aliases live in `withMiddleware`'s `$middleware->alias([...])`.
    Configure,
    /// Laravel ≤ 10: the HTTP kernel class bootstrap/app.php binds.
    Classic { kernel: Option<String> },
}

/// Reads the layout from `bootstrap/app.php`'s code (comments ignored).
pub fn layout(bootstrap: &str) -> Layout {
    let Ok(source) = Source::parse(bootstrap) else { return Layout::Classic { kernel: None } };
    let names: Vec<(usize, &str)> = (0..source.tokens.len())
        .filter(|&i| source.kind(i) == TokenKind::Name)
        .map(|i| (i, source.text_of(i)))
        .collect();
    if names.iter().any(|(_, n)| *n == "configure" || *n == "withMiddleware") {
        return Layout::Configure;
    }
    // $app->singleton(Illuminate\Contracts\Http\Kernel::class, App\Http\Kernel::class)
    for (i, n) in &names {
        if *n != "singleton" {
            continue;
        }
        let Some(open) = source.next_code(*i).filter(|&j| source.is(j, "(")) else { continue };
        let items = source.items(open);
        let text = |(a, b): (usize, usize)| source.text[source.span(a, b)].trim().to_string();
        if let [first, second, ..] = items[..] {
            if text(first).contains("Http\\Kernel") {
                let kernel = text(second).trim_end_matches("::class").trim_start_matches('\\').to_string();
                return Layout::Classic { kernel: Some(kernel) };
            }
        }
    }
    Layout::Classic { kernel: None }
}

fn route_name(method: &str, uri: &str) -> String {
    format!("{method} {uri}")
}

/// A list of routes for a sentence: all of them up to four, else three and a count.
fn some_routes(routes: &[String]) -> String {
    match routes.len() {
        0..=4 => routes.join(", "),
        n => format!("{} and {} more", routes[..3].join(", "), n - 3),
    }
}

/// 1. Names no alias, group or class resolves: Laravel throws "Target class
///    [name] does not exist." on every request to the routes that carry them.
///
/// `unread`: source files that could not be read (permissions, size, not
/// UTF-8); a name found in none of the files read may be in one of them.
pub fn unresolved(dry: &DryRun, files: &[(String, String)], unread: &[String], layout: &Layout) -> Vec<Finding> {
    let mut by_name: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for u in &dry.unresolved {
        let routes = by_name.entry(&u.name).or_default();
        let r = route_name(&u.method, &u.uri);
        if !routes.contains(&r) {
            routes.push(r);
        }
    }
    by_name
        .into_iter()
        .map(|(name, routes)| {
            let found = registrations(files, name);
            let kernel_file = dry.kernel.file.as_deref().unwrap_or("");
            let elsewhere: Vec<&Registration> = found.iter().filter(|r| r.file != kernel_file).collect();
            let why = match (elsewhere.first(), layout) {
                (Some(r), Layout::Configure) => format!(
                    "registered at {}:{}, a file Laravel 11 never loads: bootstrap/app.php configures the app (Application::configure), which binds the framework's own HTTP kernel",
                    r.file, r.line
                ),
                (Some(r), Layout::Classic { .. }) => format!(
                    "registered at {}:{}, a file the app never loads: its HTTP kernel is {}{}",
                    r.file,
                    r.line,
                    dry.kernel.class,
                    dry.kernel.file.as_deref().map(|f| format!(" ({f})")).unwrap_or_default()
                ),
                (None, _) if unread.is_empty() => "registered nowhere in the app's source".to_string(),
                (None, _) => format!(
                    "registered in none of the {} source file(s) read; {} could not be read, so it may be there: {}",
                    files.len(),
                    unread.len(),
                    some_routes(unread)
                ),
            };
            let class = elsewhere.first().map(|r| r.class.clone()).filter(|c| !c.is_empty());
            let class = class.unwrap_or_else(|| "\\App\\Http\\Middleware\\…::class".into());
            let fix = match layout {
                Layout::Configure => format!(
                    "register the alias in bootstrap/app.php, in withMiddleware: $middleware->alias(['{name}' => {class}]);"
                ),
                Layout::Classic { .. } => format!(
                    "register the alias where the app's kernel reads it ({}): '{name}' => {class},",
                    dry.kernel.file.as_deref().unwrap_or(&dry.kernel.class)
                ),
            };
            Finding {
                kind: "unresolved-middleware".into(),
                seen: format!("middleware '{name}' on {} route(s): {why}", routes.len()),
                effect: format!(
                    "500 on every request to these {} route(s) (Target class [{name}] does not exist): {}",
                    routes.len(),
                    some_routes(&routes)
                ),
                fix,
                harmful: true,
                routes,
            }
        })
        .collect()
}

/// 2. Entries that throw when they run, and entries given more parameters
///    than their `handle()` takes. One finding per entry and cause.
pub fn throwing(dry: &DryRun, shape: &LimiterShape) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for e in &dry.entries {
        let r = route_name(&e.method, &e.uri);
        let extra = e.passed.len() > e.accepts && !e.variadic;
        let thrown = e.thrown();
        let key = match thrown {
            Some(t) => format!("{}|{}|{:?}|{}", e.entry, t.message, t.file, t.line),
            None if extra => format!("{}|extra", e.entry),
            None => continue,
        };
        if let Some(&i) = seen.get(&key) {
            if !out[i].routes.contains(&r) {
                out[i].routes.push(r);
            }
            continue;
        }
        let takes = match e.accepts {
            0 => "no parameter".to_string(),
            1 => "one parameter".to_string(),
            n => format!("{n} parameters"),
        };
        let passes = e.passed.iter().map(|p| format!("'{p}'")).collect::<Vec<_>>().join(" and ");
        let params = match extra {
            true => format!("handle() takes {takes}, Laravel passes {passes}; "),
            false => String::new(),
        };
        let finding = match thrown {
            Some(t) => {
                let at = t.file.as_deref().map(|f| format!(" at {f}:{}", t.line)).unwrap_or_default();
                Finding {
                    kind: "entry-throws".into(),
                    seen: format!("{}: {params}it throws {} '{}'{at}", e.entry, t.class, t.message),
                    effect: String::new(),
                    fix: match extra {
                        true => format!(
                            "make {}::handle() take every parameter the routes give it (or give it one), then run preflight again",
                            e.class
                        ),
                        false => format!("fix {}::handle() where it throws, then run preflight again", e.class),
                    },
                    harmful: true,
                    routes: vec![r],
                }
            }
            None => Finding {
                kind: "extra-parameters".into(),
                seen: format!("{}: {params}the rest never reaches it", e.entry),
                // The model's reasoning, the same `simulate` follows.
                effect: match (Params::of_handle(e.accepts, e.variadic), ignored_row(shape, e)) {
                    (Params::Ignored, Some(row)) => format!(
                        "the route's '{}' never reaches handle(): the limiter takes row '{}' ({} per {} s) from its table, as on a route that names no limit",
                        e.passed.join(","),
                        row.name,
                        row.limit,
                        row.window_ms / 1000
                    ),
                    _ => format!(
                        "the route's '{}' is read as '{}' alone",
                        e.passed.join(","),
                        e.passed[..e.accepts].join(",")
                    ),
                },
                fix: format!("make {}::handle() take every parameter the routes give it", e.class),
                harmful: false,
                routes: vec![r],
            },
        };
        seen.insert(key, out.len());
        out.push(finding);
    }
    let entries: BTreeMap<usize, &str> = seen.iter().map(|(k, &i)| (i, k.split('|').next().unwrap_or(""))).collect();
    for (i, f) in out.iter_mut().enumerate().filter(|(_, f)| f.kind == "entry-throws") {
        let counted = f.routes.iter().any(|r| counted_before_throw(dry, r, entries[&i]));
        f.effect = format!(
            "every request to these {} route(s) answers 500{}: {}",
            f.routes.len(),
            if counted { ", after the entry before it has counted it" } else { "" },
            some_routes(&f.routes)
        );
    }
    out
}

/// The table row an entry's route falls in, when its parameters never reach it.
fn ignored_row<'s>(shape: &'s LimiterShape, e: &DryEntry) -> Option<&'s Bucket> {
    let request = sample(&e.method, &e.uri)?;
    shape.row_for(&request)
}

/// Did a limiter entry pass on `route` before `entry`, the one that throws?
fn counted_before_throw(dry: &DryRun, route: &str, entry: &str) -> bool {
    let on: Vec<&DryEntry> = dry.entries.iter().filter(|e| route_name(&e.method, &e.uri) == route).collect();
    let throws = on.iter().position(|e| e.entry == entry);
    throws.is_some_and(|t| on[..t].iter().any(|e| e.ran && e.outcome.as_ref().is_some_and(|o| o.passed)))
}

/// The request gatewayctl makes up for a route the app lists (`Route::sample`).
fn sample(method: &str, uri: &str) -> Option<Route> {
    format!("{method} /{}", uri.trim_matches('/')).parse::<Route>().ok().map(|r| r.sample())
}

/// 3. The gateway's limiter more than once on one route: once every entry
///    works, each request counts that many times; the model says which
///    request is the first refused, against the limit the route names.
pub fn repeated_limiter(dry: &DryRun, shape: &LimiterShape) -> Vec<Finding> {
    let mut out = Vec::new();
    for r in &dry.routes {
        let entries: Vec<Entry> = r
            .middleware
            .iter()
            .filter_map(|m| crate::core::limiter::stacks::entry(m, &shape.attachment))
            .filter(|e| matches!(e, Entry::Gateway { .. }))
            .collect();
        if entries.len() < 2 {
            continue;
        }
        let Some(request) = sample(&r.method, &r.uri) else { continue };
        let name = route_name(&r.method, &r.uri);
        let mut fixed = shape.clone();
        // Once every entry works: the parameters reach it whole, unless its
        // handle() takes none (then the table's row decides, as the model says).
        let ignored = dry.entries.iter().any(|e| {
            route_name(&e.method, &e.uri) == name
                && !e.passed.is_empty()
                && Params::of_handle(e.accepts, e.variadic) == Params::Ignored
        });
        fixed.params = if ignored { Params::Ignored } else { Params::Whole };
        fixed.stacks = vec![Stack { route: request.clone(), entries: entries.clone() }];
        let said = entries.iter().rev().find_map(|e| match e {
            Entry::Gateway { params: Some(p) } if !ignored => p.split(',').next()?.trim().parse::<u64>().ok(),
            _ => None,
        });
        let Some(limit) = said.or_else(|| fixed.row_for(&request).map(|b| b.limit)) else { continue };
        let client = Identity::ApiKey(crate::core::own::api_key(crate::core::own::Purpose::DryRun, ""));
        let mut keys = crate::core::keyspace::Keyspace::new();
        let first_refused =
            (1..=limit.saturating_mul(2) + 2).find(|&n| fixed.decide(&mut keys, n, &request, &client).status == 429);
        let (refused_where, against) = match ignored {
            true => {
                let row = format!("its row's {limit} (what the route names never reaches handle())");
                (format!("against {row}"), row)
            }
            false => (format!("where the route says {limit}"), format!("the route's {limit}")),
        };
        let names: Vec<String> = entries.iter().map(Entry::name).collect();
        // Broken today (an entry throws, a name resolves to nothing): the
        // double count waits for those fixes.
        let broken = dry.entries.iter().any(|e| route_name(&e.method, &e.uri) == name && e.thrown().is_some())
            || dry.unresolved.iter().any(|u| route_name(&u.method, &u.uri) == name);
        let when = if broken { "once its middleware works" } else { "today" };
        out.push(Finding {
            kind: "repeated-limiter".into(),
            seen: format!("{name} runs the gateway's limiter {} times: {}", entries.len(), names.join(", ")),
            effect: match first_refused {
                Some(n) => format!(
                    "{when}, each request counts {} times: request {n} in a window is refused, {refused_where}",
                    entries.len()
                ),
                None => format!("{when}, each request counts {} times against {against}", entries.len()),
            },
            fix: "name the limiter once per route: drop it from the group, or the parameterless entry where a route gives its own limit".into(),
            harmful: !broken,
            routes: vec![name],
        });
    }
    out
}

/// 5. An alias of the limiter that the app resolves to another class (a
///    second `'api.rate-limit' => …` in the alias array: PHP keeps the
///    later): wherever a route applies it, the limiter does not run. Read
///    from the app's own alias table as the dry run saw it, with the source
///    lines of every registration where the source shows them.
pub fn misdirected_alias(dry: &DryRun, shape: &LimiterShape) -> Vec<Finding> {
    let limiter = &shape.attachment;
    let mut cases: Vec<(String, String, Vec<String>)> =
        limiter.misdirected().iter().map(|m| (m.alias.clone(), m.class.clone(), m.at.clone())).collect();
    for alias in limiter.aliases() {
        match dry.aliases.get(alias) {
            Some(class) if !limiter.is_class(class) && !cases.iter().any(|(a, ..)| a == alias) => {
                cases.push((alias.clone(), class.trim_start_matches('\\').to_string(), Vec::new()))
            }
            _ => {}
        }
    }
    cases
        .into_iter()
        .map(|(alias, class, at)| {
            let applies = |m: &String| m == &alias || m.starts_with(&format!("{alias}:"));
            let routes: Vec<String> = dry
                .routes
                .iter()
                .filter(|r| r.middleware.iter().any(applies))
                .map(|r| route_name(&r.method, &r.uri))
                .collect();
            let where_ = match at.as_slice() {
                [] => "in the app's alias table".to_string(),
                [one] => format!("at {one}"),
                [.., last] => format!("{} times ({}); PHP keeps the last, at {last}", at.len(), at.join(", ")),
            };
            Finding {
                kind: "misdirected-alias".into(),
                seen: format!("'{alias}' is registered {where_}, and resolves to {class}, not the limiter ({})", limiter.classes().join(", ")),
                effect: match routes.len() {
                    0 => format!("no route applies '{alias}' today; any that does will run {class} instead of the limiter"),
                    n => format!(
                        "the limiter never runs on these {n} route(s): every request passes, whatever the table's limit: {}",
                        some_routes(&routes)
                    ),
                },
                fix: format!(
                    "keep one '{alias}' entry in the alias array, the one that names the limiter's class ({})",
                    limiter.classes().first().map(String::as_str).unwrap_or("the limiter")
                ),
                harmful: !routes.is_empty(),
                routes,
            }
        })
        .collect()
}

/// 4. Limit-table rows that apply to no route because of how the shape
///    matches (a pattern that would match with another anchoring), and rows
///    that an earlier row shadows on every route they match.
pub fn table_rows(dry: &DryRun, shape: &LimiterShape) -> Vec<Finding> {
    let requests: Vec<(String, Route)> = dry
        .routes
        .iter()
        .filter_map(|r| {
            let req = sample(&r.method, &r.uri)?;
            Some((route_name(&r.method, &r.uri), req))
        })
        .collect();
    let Some((_, rows)) = shape.buckets.split_last() else { return vec![] };
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let matched: Vec<&(String, Route)> =
            requests.iter().filter(|(_, q)| row.paths.iter().any(|p| shape.row_matches_route(p, q))).collect();
        if matched.is_empty() {
            let near: Vec<String> = requests
                .iter()
                .filter(|(_, q)| row.paths.iter().any(|p| near_miss(shape, p, q)))
                .map(|(n, _)| n.clone())
                .collect();
            if near.is_empty() {
                out.extend(meant_for(shape, row, &requests));
                continue;
            }
            out.push(Finding {
                kind: "unmatched-row".into(),
                seen: format!(
                    "limit row '{}' ({} per {} s) matches none of the app's {} routes: the limiter holds it against {}",
                    row.name,
                    row.limit,
                    row.window_ms / 1000,
                    requests.len(),
                    match shape.matching {
                        Matching::Anchored => "the whole path (api/…), anchored",
                        Matching::StrIsAfterApi => "the path after api/",
                    }
                ),
                effect: format!(
                    "the {} route(s) it was meant for get another row's limit: {}",
                    near.len(),
                    some_routes(&near)
                ),
                fix: format!("write the row as the limiter sees the path (for example 'api/{}')", row.name),
                harmful: false,
                routes: near,
            });
            continue;
        }
        let winners: Vec<&str> = matched
            .iter()
            .filter_map(|(_, q)| rows[..i].iter().find(|b| b.paths.iter().any(|p| shape.row_matches_route(p, q))))
            .map(|b| b.name.as_str())
            .collect();
        if winners.len() == matched.len() {
            let mut by: Vec<&str> = winners.clone();
            by.dedup();
            out.push(Finding {
                kind: "shadowed-row".into(),
                seen: format!(
                    "limit row '{}' ({} per {} s) comes after '{}'",
                    row.name,
                    row.limit,
                    row.window_ms / 1000,
                    by.join("', '")
                ),
                effect: format!("it never applies: on its {} route(s) an earlier row wins", matched.len()),
                fix: format!("move '{}' above '{}' or drop it", row.name, by[0]),
                harmful: false,
                routes: matched.iter().map(|(n, _)| n.clone()).collect(),
            });
        }
    }
    out
}

/// A row that matches no route, even at another anchoring: the route it
/// was most likely meant for, and the limit that route gets instead. The
/// candidates are the limited routes under the row's own parent (every
/// segment of its pattern but the last shared); among them, one whose path
/// holds the row's last word (`push` in `push-event-types`), else one
/// whose method does what the word says (`cancel` is a DELETE). No such
/// route: no guess.
fn meant_for(shape: &LimiterShape, row: &Bucket, requests: &[(String, Route)]) -> Option<Finding> {
    let pattern = row.paths.first()?;
    let segments: Vec<&str> = pattern.trim_matches('/').split('/').collect();
    let limited: Vec<&(String, Route)> = requests.iter().filter(|(_, q)| shape.is_limited(q)).collect();
    let shared = |q: &Route| {
        let path = q.laravel_path();
        path.split('/').zip(&segments).take_while(|(a, b)| a == *b || **b == "*").count()
    };
    // A route under the row's own parent: every segment but its last shared.
    let most = limited.iter().map(|(_, q)| shared(q)).max().filter(|&n| n + 1 >= segments.len() && n > 0)?;
    let candidates: Vec<&&(String, Route)> = limited.iter().filter(|(_, q)| shared(q) == most).collect();
    let word = segments.last().copied().filter(|w| *w != "*")?;
    let verb = match word {
        "cancel" | "delete" | "destroy" | "remove" => Some("DELETE"),
        "update" | "reschedule" | "edit" => Some("PATCH"),
        _ => None,
    };
    let meant = candidates
        .iter()
        .find(|(_, q)| q.laravel_path().split('/').skip(most).any(|s| s.contains(word)))
        .or_else(|| {
            candidates.iter().find(|(_, q)| verb.is_some_and(|v| q.method == v || (v == "PATCH" && q.method == "PUT")))
        })?;
    let (name, request) = (&meant.0, &meant.1);
    let written: String = name
        .split_once(' ')
        .map_or(name.as_str(), |(_, uri)| uri)
        .split('/')
        .map(|s| if s.starts_with('{') { "*" } else { s })
        .collect::<Vec<_>>()
        .join("/");
    let gets = shape.bucket_for(request)?;
    Some(Finding {
        kind: "unmatched-row".into(),
        seen: format!(
            "limit row '{}' ({} per {} s) matches none of the app's {} routes, at any anchoring",
            row.name,
            row.limit,
            row.window_ms / 1000,
            requests.len()
        ),
        effect: format!(
            "it was most likely meant for {name}, which gets row '{}' instead: {} per {} s",
            gets.name,
            gets.limit,
            gets.window_ms / 1000
        ),
        fix: format!("write the row as that route's path ('{written}'), or drop it"),
        harmful: false,
        routes: vec![name.clone()],
    })
}

/// 5. A counter per concrete path, on a limited route with a parameter:
///    each value of it (each booking id) has its own counter, so the limit
///    holds per id, not per client.
pub fn counter_per_id(dry: &DryRun, shape: &LimiterShape) -> Vec<Finding> {
    if shape.counter != crate::core::limiter::CounterScope::Path {
        return vec![];
    }
    let routes: Vec<String> = dry
        .routes
        .iter()
        .filter(|r| r.uri.contains('{'))
        .filter(|r| sample(&r.method, &r.uri).is_some_and(|q| shape.is_limited(&q)))
        .map(|r| route_name(&r.method, &r.uri))
        .collect();
    if routes.is_empty() {
        return vec![];
    }
    vec![Finding {
        kind: "counter-per-id".into(),
        seen: format!(
            "the limiter keeps one counter per concrete path (rate_limit:<client>:<md5 of the path>), and {} limited route(s) take a parameter: {}",
            routes.len(),
            some_routes(&routes)
        ),
        effect: "each {id} has its own counter: the limit holds per id, not per client; a client that changes the id (cancelling many bookings) is never limited".into(),
        fix: "count per route (its pattern, or the row it falls in), not per concrete path".into(),
        harmful: false,
        routes,
    }]
}

/// Would `pattern` match `request` against another part of its path (a
/// suffix at a segment boundary, or the whole path)?
fn near_miss(shape: &LimiterShape, pattern: &str, request: &Route) -> bool {
    let full = request.laravel_path();
    let mut starts = vec![0];
    starts.extend(full.match_indices('/').map(|(i, _)| i + 1));
    starts.into_iter().any(|s| shape.row_matches(pattern, &full[s..]))
}

/// Every finding, in the order the issue lists them.
pub fn all(
    dry: &DryRun,
    files: &[(String, String)],
    unread: &[String],
    layout: &Layout,
    shape: &LimiterShape,
) -> Vec<Finding> {
    let mut out = unresolved(dry, files, unread, layout);
    out.extend(throwing(dry, shape));
    out.extend(repeated_limiter(dry, shape));
    out.extend(table_rows(dry, shape));
    out.extend(counter_per_id(dry, shape));
    out.extend(misdirected_alias(dry, shape));
    out.extend(sealed_attempts(dry));
    out.extend(breaker(dry));
    out
}

/// The limited API group: routes under it are the bookings the plan means.
const API_V2: &str = "api/v2";

/// 7. The breaker, before traffic: the routes it guards (none under the
///    limited API group is a breaker that protects no booking), and a
///    Cal.com 4xx counted as a failure (a handful of "not found" answers
///    open it for every caller).
pub fn breaker(dry: &DryRun) -> Vec<Finding> {
    let Some(b) = dry.breaker.as_ref().filter(|b| b.breaker.is_some()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let guarded = b.guarded();
    if !guarded.iter().any(|r| r.split_once(' ').is_some_and(|(_, p)| p.trim_start_matches('/').starts_with(API_V2))) {
        out.push(Finding {
            kind: "breaker-guards-no-v2".into(),
            seen: match guarded.is_empty() {
                true => format!("no route's controller uses {}", b.service),
                false => format!("the controllers that use {}: {}", b.service, guarded.join(", ")),
            },
            effect: format!(
                "the breaker guards {} route(s), none of them under {API_V2}: the bookings there reach Cal.com without it, and a trip test on them never reaches it",
                guarded.len()
            ),
            fix: format!("expect no protection on {API_V2} from this breaker; trip-test it on a route that reaches it"),
            harmful: false,
            routes: guarded.clone(),
        });
    }
    if let Some(n) = b.opened_after {
        let exception = b.exception.clone().unwrap_or_else(|| "an exception".into());
        out.push(Finding {
            kind: "breaker-counts-4xx".into(),
            seen: format!(
                "{} opened after {n} call(s) that threw {exception} with 404 (Cal.com's \"not found\")",
                b.breaker.as_deref().unwrap_or("the breaker")
            ),
            effect: format!("a Cal.com 4xx counts as a failure: {n} of them open the breaker for every caller"),
            fix: "count only Cal.com's 5xx, timeouts and refused connections as failures; let a 4xx pass through"
                .into(),
            harmful: false,
            routes: guarded,
        });
    }
    out
}

/// 6. What the app's code tried, under the dry run, outside its shadow:
///    stopped there by the seal, done with the gateway's rights in
///    production.
pub fn sealed_attempts(dry: &DryRun) -> Vec<Finding> {
    if dry.attempts.is_empty() {
        return Vec::new();
    }
    vec![Finding {
        kind: "reaches-outside".into(),
        seen: format!("under the dry run the app's code tried, and the seal stopped: {}", dry.attempts.join("; ")),
        effect: format!(
            "in production this code runs with the gateway's rights: {} attempt(s) to write outside the app's storage or reach a local socket",
            dry.attempts.len()
        ),
        fix: "read the middleware and providers the dry run booted: code that writes or connects on boot or on a request is worth knowing before activation".into(),
        harmful: false,
        routes: vec![],
    }]
}

#[cfg(test)]
#[path = "findings_tests.rs"]
mod tests;
