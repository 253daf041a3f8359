//! How the gateway's limiter is attached to routes: the names it answers
//! to (its aliases, and its class in any spelling PHP allows), built once
//! from the config and, where an app is at hand, its own alias table. Every
//! reader and editor asks this value; none matches a literal alias itself.

use crate::core::php::{class_key, literal_value, Imports, Source, TokenKind};

/// One `'alias' => Class` registration in the app's source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasEntry {
    pub alias: String,
    /// The class, fully qualified, without a leading `\`.
    pub class: String,
    pub file: String,
    pub line: usize,
}

/// An alias the config names for the limiter that the app points at
/// another class: the limiter is off wherever the alias is applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misdirected {
    pub alias: String,
    /// The class it resolves to (the last registration: PHP keeps it).
    pub class: String,
    /// Every registration of the alias, in order, as `file:line`.
    pub at: Vec<String>,
}

/// The names the limiter answers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    aliases: Vec<String>,
    /// Fully qualified, without a leading `\`, as first written.
    classes: Vec<String>,
    misdirected: Vec<Misdirected>,
}

impl Attachment {
    /// From the config's `[limiter] middleware`: a name with a `\` is a
    /// class, any other an alias.
    pub fn from_names(names: &[String]) -> Attachment {
        let (classes, aliases): (Vec<&String>, Vec<&String>) = names.iter().partition(|n| n.contains('\\'));
        Attachment {
            aliases: aliases.into_iter().cloned().collect(),
            classes: classes.into_iter().map(|c| c.trim_start_matches('\\').to_string()).collect(),
            misdirected: Vec::new(),
        }
    }

    /// With the app's alias table (every registration, in order): each alias
    /// whose effective class is the limiter's answers to it too; a configured
    /// alias the app points elsewhere no longer does, and is kept as
    /// [`Misdirected`]. Without a configured class, the configured aliases'
    /// classes are the limiter's.
    pub fn with_app(&self, table: &[AliasEntry]) -> Attachment {
        let effective = |alias: &str| table.iter().rev().find(|e| e.alias == alias);
        let mut out = self.clone();
        if out.classes.is_empty() {
            for alias in &self.aliases {
                if let Some(e) = effective(alias) {
                    if !out.is_class(&e.class) {
                        out.classes.push(e.class.clone());
                    }
                }
            }
        }
        let mut seen: Vec<&str> = Vec::new();
        for e in table {
            if seen.contains(&e.alias.as_str()) {
                continue;
            }
            seen.push(&e.alias);
            let last = effective(&e.alias).expect("the alias is in the table");
            let ours = out.is_class(&last.class);
            let named = out.aliases.contains(&e.alias);
            if ours && !named {
                out.aliases.push(e.alias.clone());
            } else if !ours && named {
                out.aliases.retain(|a| a != &e.alias);
                out.misdirected.push(Misdirected {
                    alias: e.alias.clone(),
                    class: last.class.clone(),
                    at: table.iter().filter(|x| x.alias == e.alias).map(|x| format!("{}:{}", x.file, x.line)).collect(),
                });
            }
        }
        out
    }

    /// Is `class` (fully qualified, with or without a leading `\`) the limiter?
    pub fn is_class(&self, class: &str) -> bool {
        let key = class_key(class);
        self.classes.iter().any(|c| class_key(c) == key)
    }

    /// Is `name` an alias of the limiter?
    pub fn is_alias(&self, name: &str) -> bool {
        self.aliases.iter().any(|a| a == name)
    }

    /// A middleware entry as a route list or a string in a list writes it
    /// (`api.rate-limit:10,60`, `App\…\RateLimitMiddleware`): when it is the
    /// limiter, `Some` with its parameters.
    pub fn entry<'a>(&self, written: &'a str) -> Option<Option<&'a str>> {
        let (name, params) = match written.split_once(':') {
            Some((name, params)) => (name, Some(params)),
            None => (written, None),
        };
        (self.is_alias(name) || (name.contains('\\') && self.is_class(name))).then_some(params)
    }

    /// Is the limiter's name in `written`, alias or class?
    pub fn names(&self, written: &str) -> bool {
        self.entry(written).is_some()
    }

    pub fn aliases(&self) -> &[String] {
        &self.aliases
    }

    pub fn classes(&self) -> &[String] {
        &self.classes
    }

    /// Configured aliases the app points at another class.
    pub fn misdirected(&self) -> &[Misdirected] {
        &self.misdirected
    }

    /// Every name, aliases first: `api.rate-limit, App\…\RateLimitMiddleware`.
    pub fn all(&self) -> Vec<String> {
        self.aliases.iter().chain(&self.classes).cloned().collect()
    }

    pub fn describe(&self) -> String {
        self.all().join(", ")
    }
}

/// Every middleware alias `text` registers, in order: the `'name' => Class`
/// entries of a kernel's `$middlewareAliases` or `$routeMiddleware`, and of
/// Laravel 11's `$middleware->alias([...])`. Classes are resolved with the
/// file's namespace and imports. A file that does not lex has none.
/// How a middleware class's `handle()` receives a route's parameters, read
/// from its source: what it declares past `$request, $next`, a `...$rest`
/// taking them all. `None`: no `handle()` in the file, or the file does not lex.
pub fn handle_params(text: &str) -> Option<Params> {
    let src = Source::parse(text).ok()?;
    let at = (0..src.tokens.len()).find(|&i| {
        src.kind(i).is_code()
            && src.text_of(i).eq_ignore_ascii_case("function")
            && src.next_code(i).is_some_and(|n| src.text_of(n).eq_ignore_ascii_case("handle"))
    })?;
    let open = src.next_code(src.next_code(at)?)?;
    if !src.is(open, "(") {
        return None;
    }
    let items = src.items(open);
    let variadic = items.iter().any(|&(a, b)| (a..=b).any(|i| src.text_of(i) == "..."));
    Some(Params::of_handle(items.len().saturating_sub(2), variadic))
}

pub fn alias_table(file: &str, text: &str) -> Vec<AliasEntry> {
    let Ok(src) = Source::parse(text) else { return Vec::new() };
    let imports = Imports::of(&src);
    let mut out = Vec::new();
    for i in 0..src.tokens.len() {
        let array = match src.kind(i) {
            TokenKind::Variable if matches!(src.text_of(i), "$middlewareAliases" | "$routeMiddleware") => src
                .next_code(i)
                .filter(|&eq| src.is(eq, "="))
                .and_then(|eq| src.next_code(eq))
                .and_then(|v| array_open(&src, v)),
            TokenKind::Name if src.text_of(i).eq_ignore_ascii_case("alias") => src
                .prev_code(i)
                .filter(|&p| src.is(p, "->") || src.is(p, "?->"))
                .and_then(|_| src.next_code(i))
                .filter(|&open| src.is(open, "("))
                .and_then(|open| src.next_code(open))
                .and_then(|v| array_open(&src, v)),
            _ => None,
        };
        let Some(open) = array else { continue };
        for (first, last) in src.items(open) {
            let Some(key) = literal_value(src.kind(first), src.text_of(first)) else { continue };
            let Some(arrow) = src.next_code(first).filter(|&a| src.is(a, "=>")) else { continue };
            let Some(value) = src.next_code(arrow).filter(|&v| v <= last) else { continue };
            if let Some(class) = class_written(&src, &imports, value, last) {
                out.push(AliasEntry { alias: key, class, file: file.to_string(), line: src.line_of(first) });
            }
        }
    }
    out
}

/// The class tokens `first..=last` name: `X::class` resolved with the
/// file's imports, or a string (always fully qualified in PHP).
pub fn class_written(src: &Source, imports: &Imports, first: usize, last: usize) -> Option<String> {
    if first == last {
        return literal_value(src.kind(first), src.text_of(first))
            .filter(|v| !v.is_empty() && !v.contains(':'))
            .map(|v| v.trim_start_matches('\\').to_string());
    }
    let code: Vec<usize> = (first..=last).filter(|&t| src.kind(t).is_code()).collect();
    let (member, name) = code.split_last()?;
    let (colons, name) = name.split_last()?;
    let is_class = src.kind(*member) == TokenKind::Name && src.text_of(*member).eq_ignore_ascii_case("class");
    if !is_class || !src.is(*colons, "::") || name.is_empty() {
        return None;
    }
    if !name.iter().all(|&t| src.kind(t) == TokenKind::Name || src.is(t, "\\")) {
        return None;
    }
    let written: String = name.iter().map(|&t| src.text_of(t)).collect();
    if ["static", "self", "parent"].contains(&written.to_ascii_lowercase().as_str()) {
        return None;
    }
    Some(imports.resolve(&written))
}

/// If `i` starts `[...]` or `array(...)`, its opening bracket.
pub fn array_open(src: &Source, i: usize) -> Option<usize> {
    if src.is(i, "[") {
        return Some(i);
    }
    if src.kind(i) == TokenKind::Name && src.text_of(i).eq_ignore_ascii_case("array") {
        return src.next_code(i).filter(|&open| src.is(open, "("));
    }
    None
}

/// How a middleware entry's `N,M` reaches the limiter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Params {
    /// Whole: the limiter reads `N,M` itself.
    Whole,
    /// Laravel splits on the comma; the limiter takes one argument and gets
    /// `N` alone. Reading the window then throws: the route answers 500.
    FirstOnly,
    /// The limiter's `handle()` takes none: `N,M` never reaches it, and the
    /// table's row decides, as on a route that names no limit.
    Ignored,
}

impl Params {
    /// How an entry's `handle()` receives a route's parameters, from what
    /// it declares past `$request, $next` (`accepts`, or `...$rest`).
    pub fn of_handle(accepts: usize, variadic: bool) -> Params {
        match (accepts, variadic) {
            (_, true) | (2.., _) => Params::Whole,
            (1, false) => Params::FirstOnly,
            (0, false) => Params::Ignored,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITER: &str = "App\\Http\\Middleware\\RateLimitMiddleware";

    fn configured() -> Attachment {
        Attachment::from_names(&["api.rate-limit".into(), LIMITER.into()])
    }

    #[test]
    fn the_class_in_any_spelling() {
        let a = configured();
        for name in
            [LIMITER, "\\App\\Http\\Middleware\\RateLimitMiddleware", "app\\http\\middleware\\ratelimitmiddleware"]
        {
            assert!(a.names(name), "{name}");
        }
        assert_eq!(a.entry("api.rate-limit:10,60"), Some(Some("10,60")));
        assert_eq!(a.entry(&format!("{LIMITER}:5")), Some(Some("5")));
        assert!(!a.names("RateLimitMiddleware"), "an unqualified string names the global class");
        assert!(!a.names("api.performance"));
    }

    const KERNEL: &str = "<?php\nnamespace App\\Http;\nuse App\\Http\\Middleware\\PerformanceMonitoring;\nclass Kernel {\n    protected $middlewareAliases = [\n        'api.rate-limit' => \\App\\Http\\Middleware\\RateLimitMiddleware::class,\n        'limit' => Middleware\\RateLimitMiddleware::class,\n        'api.performance' => PerformanceMonitoring::class,\n        'api.rate-limit' => PerformanceMonitoring::class,\n    ];\n}\n";

    #[test]
    fn the_alias_table_resolves_classes_and_keeps_duplicates() {
        let table = alias_table("app/Http/Kernel.php", KERNEL);
        let rows: Vec<(&str, &str, usize)> =
            table.iter().map(|e| (e.alias.as_str(), e.class.as_str(), e.line)).collect();
        assert_eq!(
            rows,
            vec![
                ("api.rate-limit", LIMITER, 6),
                ("limit", LIMITER, 7),
                ("api.performance", "App\\Http\\Middleware\\PerformanceMonitoring", 8),
                ("api.rate-limit", "App\\Http\\Middleware\\PerformanceMonitoring", 9),
            ]
        );
    }

    #[test]
    fn a_later_duplicate_points_the_alias_elsewhere() {
        let a = configured().with_app(&alias_table("app/Http/Kernel.php", KERNEL));
        assert!(!a.is_alias("api.rate-limit"));
        assert!(a.is_alias("limit"), "another alias of the class answers too");
        let m = &a.misdirected()[0];
        assert_eq!(m.alias, "api.rate-limit");
        assert_eq!(m.class, "App\\Http\\Middleware\\PerformanceMonitoring");
        assert_eq!(m.at, ["app/Http/Kernel.php:6", "app/Http/Kernel.php:9"]);
    }

    #[test]
    fn laravel_11_aliases_and_an_alias_only_config() {
        let bootstrap = "<?php\nuse App\\Http\\Middleware\\RateLimitMiddleware as RL;\nreturn Application::configure(basePath: dirname(__DIR__))\n    ->withMiddleware(function (Middleware $middleware) {\n        $middleware->alias(['api.rate-limit' => RL::class, 'x' => 'App\\\\X']);\n    })->create();\n";
        let table = alias_table("bootstrap/app.php", bootstrap);
        assert_eq!(table.len(), 2);
        let a = Attachment::from_names(&["api.rate-limit".into()]).with_app(&table);
        assert!(a.is_class(LIMITER));
        assert!(a.names("\\App\\Http\\Middleware\\RateLimitMiddleware"));
        assert!(!a.names("x"));
    }
}

#[cfg(test)]
mod handle_tests {
    use super::handle_params;
    use super::Params;

    #[test]
    fn a_handle_says_how_it_takes_a_routes_parameters() {
        let class = |sig: &str| {
            format!("<?php\nclass M {{\n    // function handle($a, $b, $c)\n    public function {sig} {{ return 1; }}\n}}\n")
        };
        let cases = [
            ("handle(Request $request, Closure $next, ?string $limits = null)", Some(Params::FirstOnly)),
            ("handle(Request $request, Closure $next)", Some(Params::Ignored)),
            ("handle($request, Closure $next, ...$params)", Some(Params::Whole)),
            ("HANDLE($r, $n, int $max = 60, int $decay = 1)", Some(Params::Whole)),
            ("terminate($request, $response)", None),
        ];
        for (sig, want) in cases {
            assert_eq!(handle_params(&class(sig)), want, "{sig}");
        }
        assert_eq!(handle_params("<?php 'unterminated"), None);
    }
}
