//! The limiter shape commands predict with: the config's, with each route's
//! stack read from the app's own route list, and the names the limiter
//! answers to from the app's own alias table, when an app is at hand.

use crate::core::findings::{layout, Layout};
use crate::core::limiter::groups::{self, Groups};
use crate::core::limiter::stacks::{self, Listed};
use crate::core::limiter::{
    alias_table, AliasEntry, Attachment, Entry, Identity, KeyName, LimiterShape, NamedAnswer, NamedLimiter, Storage,
};
use crate::core::own::{self, Purpose};
use crate::core::route::Route;
use crate::ops::routes::Routes;
use crate::report::activate::WrittenKeys;
use crate::settings::Settings;
use std::path::Path;

/// The shape, and why its stacks are not the app's when it has one.
pub struct AppShape {
    pub shape: LimiterShape,
    /// `route:list` failed: the stacks are the config's, and this says why.
    pub warning: Option<String>,
}

/// The settings' shape; where `gateway.app_dir` (or `--app-dir`) holds an
/// app, its `route:list` replaces the stacks, and `stacks_source` says so.
pub fn shape(settings: &Settings) -> AppShape {
    if !has_app(settings) {
        return from_listed(settings, None);
    }
    let listed =
        crate::ops::routes::routes(&settings.file.gateway.php, settings.app_dir(), settings.file.gateway.app_timeout.0);
    from_listed(settings, Some(&listed))
}

/// [`shape`] from routes already listed (`None`: no app to list), so a
/// command that needs the route list anyway boots the app for it once.
pub fn from_listed(settings: &Settings, listed: Option<&Result<Routes, String>>) -> AppShape {
    let mut shape = settings.limiter.clone();
    shape.attachment = attachment(settings);
    // How the app's own limiter takes a route's N,M, from its handle():
    // the model then reads parameters as the findings do.
    if let Some(params) = app_params(settings, &shape.attachment) {
        shape.params = params;
    }
    let app = settings.app_dir();
    match listed.filter(|_| has_app(settings)) {
        None => AppShape { shape, warning: None },
        Some(Ok(routes)) => {
            let mut routes = expanded(app, routes.clone());
            if throttle_with_redis(settings) {
                // Its `throttle` alias is `ThrottleRequestsWithRedis`: named so.
                for (_, middleware) in routes.values_mut() {
                    for m in middleware.iter_mut().filter(|m| *m == "throttle" || m.starts_with("throttle:")) {
                        *m = format!("{WITH_REDIS}{}", &m["throttle".len()..]);
                    }
                }
            }
            let rows: Vec<Listed<'_>> =
                routes.iter().map(|((methods, uri), (_, middleware))| Listed { methods, uri, middleware }).collect();
            shape.stacks = stacks::from_route_list(&rows, &shape.attachment);
            shape.stacks_source = format!("the app's route list in {}", app.display());
            // Laravel's throttle counts where the app's cache store is.
            let mut store_warning = None;
            if shape.uses_laravels_limiter() {
                match laravel_store(settings) {
                    Ok((store, redis)) => (shape.laravel_store, shape.laravel_redis) = (Some(store), redis),
                    Err(e) => store_warning = Some(format!("{e}; Laravel's throttle is read where the preset says")),
                }
            }
            let mut names: Vec<String> = Vec::new();
            for entry in shape.stacks.iter().flat_map(|s| &s.entries) {
                if let Entry::Named { name, .. } = entry {
                    if !names.contains(name) {
                        names.push(name.clone());
                    }
                }
            }
            if !names.is_empty() {
                match named_limiters(settings, &names) {
                    Ok(named) => shape.named = named,
                    Err(e) => {
                        let why = format!("{e}: every route with a named limiter is unknown");
                        store_warning = Some(store_warning.map_or(why.clone(), |w| format!("{w}; {why}")));
                    }
                }
            }
            // A route list that names the limiter nowhere models every route as
            // unlimited: say so rather than predict "no limiter" in silence.
            let carried = shape.uses_laravels_limiter()
                || shape.stacks.iter().any(|s| s.entries.iter().any(|e| matches!(e, Entry::Gateway { .. })));
            let warning = (!carried).then(|| {
                format!(
                    "no route in {}'s route list carries the limiter ({}): every route is modelled unlimited; if it has another name, set [limiter] middleware",
                    app.display(),
                    shape.attachment.describe()
                )
            });
            let warning = match (warning, store_warning) {
                (Some(a), Some(b)) => Some(format!("{a}; {b}")),
                (a, b) => a.or(b),
            };
            AppShape { shape, warning }
        }
        Some(Err(e)) => {
            let warning = format!(
                "cannot read the app's routes in {} ({e}); the route stacks are {}",
                app.display(),
                shape.stacks_source
            );
            AppShape { shape, warning: Some(warning) }
        }
    }
}

/// How the app's limiter class receives a route's parameters, read from its
/// `handle()` (the first of the limiter's classes under `App\` whose file
/// has one); `None` with no app, or no such file.
pub fn app_params(settings: &Settings, attachment: &Attachment) -> Option<crate::core::limiter::Params> {
    if !has_app(settings) {
        return None;
    }
    attachment.classes().iter().filter_map(|c| c.strip_prefix("App\\")).find_map(|rest| {
        let file = settings.app_dir().join(format!("app/{}.php", rest.replace('\\', "/")));
        crate::core::limiter::handle_params(&std::fs::read_to_string(file).ok()?)
    })
}

/// Where the app's Laravel cache store keeps its keys, as its config says
/// (its config cache where it has one, as php-fpm reads it): the store's
/// Redis database, client prefix and own prefix; and where its default
/// Redis connection keeps them (`ThrottleRequestsWithRedis` counts there). Bounded by
/// `gateway.app_timeout`; an error says why it could not be read.
pub fn laravel_store(settings: &Settings) -> Result<(Storage, Storage), String> {
    const SCRIPT: &str = include_str!("laravel_store.php");
    let code = SCRIPT.trim_start().trim_start_matches("<?php");
    let app = settings.app_dir();
    let php = &settings.file.gateway.php;
    let expr =
        duct::cmd(php, ["-r".as_ref(), code.as_ref(), app.as_os_str()]).dir(app).stdout_capture().stderr_capture();
    let why = |what: String| format!("cannot read where the app's cache store is ({what})");
    let out = match crate::adapters::process::output_within(expr, settings.file.gateway.app_timeout.0) {
        Ok(crate::adapters::process::Bounded::Finished(out)) => out,
        Ok(crate::adapters::process::Bounded::TimedOut { .. }) => {
            return Err(why("it ran past gateway.app_timeout".into()))
        }
        Err(e) => return Err(why(format!("{php}: {e}"))),
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    let said: serde_json::Value = serde_json::from_str(stdout.trim()).map_err(|_| {
        let stderr = String::from_utf8_lossy(&out.stderr);
        why(format!("{} {}", stdout.trim(), stderr.trim()).trim().chars().take(300).collect())
    })?;
    let text = |k: &str| said[k].as_str().unwrap_or_default().to_string();
    match said["driver"].as_str() {
        Some("redis") => Ok((
            Storage {
                database: said["database"].as_u64().map(|d| d as u32),
                client_prefix: Some(text("client_prefix")),
                cache_prefix: text("prefix"),
            },
            Storage {
                database: said["redis_database"].as_u64().map(|d| d as u32),
                client_prefix: Some(text("redis_client_prefix")),
                cache_prefix: String::new(),
            },
        )),
        other => Err(format!(
            "the app's cache store is {}, not Redis: Laravel's throttle counts there, out of gatewayctl's sight",
            other.unwrap_or("not configured")
        )),
    }
}

/// Laravel's named limiters `names` as the app answers gatewayctl's
/// requests: each callback called with synthetic guest requests on a
/// shadow copy of the app, sealed, and read into the model's table (a
/// name the app does not register is unknown, with why). An error says
/// why none could be read; bounded by `gateway.app_timeout`.
pub fn named_limiters(settings: &Settings, names: &[String]) -> Result<Vec<NamedLimiter>, String> {
    use crate::core::limiter::named;
    const SCRIPT: &str = include_str!("named_limiters.php");
    let shadow = crate::ops::shadow::Shadow::fresh(settings).map_err(|e| format!("{e:#}"))?;
    let script = shadow.script("gatewayctl-named-limiters.php", SCRIPT).map_err(|e| e.to_string())?;
    let sent = crate::ops::predict::request_body();
    let other = serde_json::json!({"service_id": 2, "date": "2031-02-02"});
    let probes = serde_json::to_string(&named::probes(&sent, &other)).unwrap_or_default();
    let joined = names.join(",");
    let args = [script.as_os_str(), shadow.dir.as_os_str(), joined.as_ref(), probes.as_ref()];
    let php = &settings.file.gateway.php;
    let out =
        crate::adapters::process::output_sealed(php, &args, settings.file.gateway.app_timeout.0, &shadow.dir, None)
            .map_err(|e| format!("the app's named limiters could not be read sealed: {e}"))?;
    #[derive(serde::Deserialize)]
    struct Read {
        name: String,
        registered: bool,
        #[serde(default)]
        seen: Vec<named::Seen>,
    }
    #[derive(serde::Deserialize)]
    struct Answer {
        limiters: Vec<Read>,
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let Some(answer) = stdout.lines().rev().find_map(|l| serde_json::from_str::<Answer>(l).ok()) else {
        let said = crate::ops::shadow::said(&out, 400);
        return Err(format!("the app's named limiters could not be read ({}): {said}", out.status));
    };
    Ok(answer
        .limiters
        .into_iter()
        .map(|read| NamedLimiter {
            answer: match read.registered {
                true => named::answer(&read.seen),
                false => NamedAnswer::Unknown(format!(
                    "the app registers no limiter named {}: Laravel reads the name as a number of attempts, 0",
                    read.name
                )),
            },
            name: read.name,
        })
        .collect())
}

pub fn has_app(settings: &Settings) -> bool {
    settings.app_dir().join("artisan").is_file()
}

/// The names the limiter answers to: the config's `[limiter] middleware`,
/// with the app's alias table where an app is at hand (an alias of the
/// limiter's class answers too; a configured alias the app points at
/// another class does not). The one value every reader and editor asks.
pub fn attachment(settings: &Settings) -> Attachment {
    let configured = &settings.limiter.attachment;
    match has_app(settings) {
        true => configured.with_app(&app_aliases(settings)),
        false => configured.clone(),
    }
}

/// Every alias registration in the file the app loads them from: Laravel
/// 11's `bootstrap/app.php`, else its HTTP kernel. An unreadable file has none.
pub fn app_aliases(settings: &Settings) -> Vec<AliasEntry> {
    match middleware_file(settings.app_dir()) {
        (file, Some(text)) => alias_table(&file, &text),
        (_, None) => Vec::new(),
    }
}

/// The app's middleware groups, from the file it registers them in
/// (Laravel 11's `bootstrap/app.php` over the framework's own, else its
/// HTTP kernel); an unreadable file has none.
pub fn app_groups(app: &Path) -> Groups {
    match middleware_file(app) {
        (file, Some(text)) if file == "bootstrap/app.php" => groups::configured_groups(&text),
        (_, Some(text)) => groups::kernel_groups(&text),
        (_, None) => Groups::new(),
    }
}

/// `routes` with each route's middleware groups expanded as `app`
/// registers them (Laravel 8's `route:list` names a group, not what it
/// holds).
pub fn expanded(app: &Path, routes: Routes) -> Routes {
    expand_with(routes, &app_groups(app))
}

/// `routes` with each route's middleware groups expanded as `groups` hold them.
pub fn expand_with(mut routes: Routes, groups: &Groups) -> Routes {
    for (_, middleware) in routes.values_mut() {
        *middleware = groups::expand(middleware, groups);
    }
    routes
}

/// Laravel's throttle that counts on Redis itself.
const WITH_REDIS: &str = "Illuminate\\Routing\\Middleware\\ThrottleRequestsWithRedis";

/// The app's `throttle` alias is `ThrottleRequestsWithRedis`: its kernel
/// or its `->alias([...])` says so, or Laravel 11's `throttleWithRedis()`.
pub fn throttle_with_redis(settings: &Settings) -> bool {
    if let Some(entry) = app_aliases(settings).into_iter().rfind(|a| a.alias == "throttle") {
        return entry.class == WITH_REDIS;
    }
    match middleware_file(settings.app_dir()) {
        (file, Some(text)) if file == "bootstrap/app.php" => groups::configured_redis_throttle(&text),
        _ => false,
    }
}

/// The file `app` registers its middleware in, relative, and its text:
/// Laravel 11's `bootstrap/app.php`, else the HTTP kernel it binds.
pub fn middleware_file(app: &Path) -> (String, Option<String>) {
    let read = |path: &str| std::fs::read_to_string(app.join(path)).ok();
    let bootstrap = read("bootstrap/app.php").unwrap_or_default();
    let file = match layout(&bootstrap) {
        Layout::Configure => return ("bootstrap/app.php".into(), Some(bootstrap)),
        Layout::Classic { kernel: Some(class) } if class.starts_with("App\\") => {
            format!("app/{}.php", class["App\\".len()..].replace('\\', "/"))
        }
        Layout::Classic { .. } => "app/Http/Kernel.php".to_string(),
    };
    let text = read(&file);
    (file, text)
}

/// The plan's integration status of the app at hand, read from its source
/// with the limiter's names as [`attachment`] gives them.
pub fn integration(settings: &Settings) -> Vec<crate::core::integration::FixStatus> {
    use crate::core::integration::{assess, Sources, SOURCES};
    let app = settings.app_dir();
    let sources: Sources =
        SOURCES.iter().filter_map(|p| std::fs::read_to_string(app.join(p)).ok().map(|t| (p.to_string(), t))).collect();
    assess(&sources, &attachment(settings))
}

/// A request the limiter must answer, for observing whether it is on:
/// a route the app's stacks limit (while the limiter is wired), else one
/// the config's shape limits that the app still lists (once a rollback
/// took it out of the app's stacks), where a fresh client is predicted to
/// pass (not a route whose entry throws). With the shape that limits it;
/// `None` when no route qualifies.
pub fn observation_request(settings: &Settings, listed: &Result<Routes, String>) -> Option<(Route, LimiterShape)> {
    let app = from_listed(settings, Some(listed)).shape;
    let fresh = Identity::ApiKey(own::api_key(Purpose::Observation, ""));
    let pick = |shape: &LimiterShape, must_list: bool| -> Option<Route> {
        shape.stacks.iter().find_map(|s| {
            let request = s.route.sample();
            let passes = crate::ops::predict::Session::fresh(shape, &request, &fresh).expect(0).status == 200;
            let listed_ok =
                !must_list || listed.as_ref().is_ok_and(|l| crate::ops::routes::find(l, &request).is_some());
            (shape.is_limited(&request) && passes && listed_ok && request.method != "*").then_some(request)
        })
    };
    // Else a route Laravel's own limiter guards, where the model follows it.
    let address = crate::ops::sender_address(settings);
    // A GET first: the observation's request reaches the controller, and a
    // read changes nothing there.
    let laravel = |shape: &LimiterShape| -> Option<Route> {
        let mut guarded: Vec<Route> = shape
            .stacks
            .iter()
            .filter_map(|s| {
                let request = s.route.sample();
                let guarded = s.entries.iter().any(Entry::is_laravels) && shape.unmodelled(&request).is_none();
                let mut session = crate::ops::predict::Session::fresh_from(shape, &request, &fresh, address.clone());
                let passes = session.expect(0).status == 200;
                (guarded && passes && request.method != "*").then_some(request)
            })
            .collect();
        guarded.sort_by_key(|r| r.method != "GET");
        guarded.into_iter().next()
    };
    // Laravel's own only where it is the limiter the rollback takes out.
    let laravels_is_it = app.attachment.names("throttle");
    if let Some(request) = pick(&app, false).or_else(|| laravel(&app).filter(|_| laravels_is_it)) {
        return Some((request, app));
    }
    let configured = settings.limiter.clone();
    pick(&configured, has_app(settings)).map(|request| (request, configured))
}

/// Where the limiter keeps the keys a client's requests to `request` write,
/// as `shape` names them: the database, and each key's name as stored
/// (prefixes applied), the client written `KEY`.
pub fn written_keys(settings: &Settings, shape: &LimiterShape, request: &Route) -> WrittenKeys {
    let target = crate::ops::limiter_target(settings);
    let keys = shape
        .key_names(request)
        .into_iter()
        .map(|k| KeyName { name: shape.stored_name(&settings.file.redis.prefix, &k.name), ..k })
        .collect();
    WrittenKeys { route: request.to_string(), database: crate::ops::redis_db(&target.url), keys }
}
