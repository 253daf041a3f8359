//! Rate limiting off: remove the limiter from every middleware list in
//! routes/api.php and in the kernel's `$middlewareGroups`, under every name it answers to (its alias, its class as
//! `X::class` under a `use`, `\App\…::class`, or a string, with or without
//! parameters), whatever the list's form: `->middleware([...])`,
//! `->middleware('...')`, variadic arguments, `Route::middleware(...)`, and
//! `'middleware' => ...` in group arrays (`[...]` or `array(...)`), single or
//! double quotes, one line or many, trailing commas. Comments and every other
//! byte stay as they are.

use crate::core::limiter::{array_open as open_of, class_written, Attachment};
use crate::core::php::{literal_value, Imports, Source, TokenKind};
use crate::core::rollback::{Edit, Refusal};

/// The edits that remove the limiter (any of its names, with or without
/// parameters) from every list. Refuses when any middleware list is built
/// at run time.
pub fn remove_middleware(text: &str, limiter: &Attachment) -> Result<Vec<Edit>, Refusal> {
    let (edits, unread) = edits(text, limiter)?;
    match unread.into_iter().next() {
        None => Ok(edits),
        Some(u) => Err(Refusal::at(u.line, u.reason(&limiter.describe()))),
    }
}

/// [`remove_middleware`] that leaves the lists it cannot read (built at
/// run time, or a constant defined elsewhere) as they are, and names them:
/// what the app really applies there is for its route list to say.
pub fn remove_middleware_leaving_unread(text: &str, limiter: &Attachment) -> Result<(Vec<Edit>, Vec<Unread>), Refusal> {
    edits(text, limiter)
}

/// An element of a middleware list that cannot be read from the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread {
    pub line: usize,
    /// As written.
    pub written: String,
    /// A constant defined elsewhere (else: built at run time).
    pub constant: bool,
}

impl Unread {
    /// Why it cannot be read, against the limiter's names `what`.
    pub fn reason(&self, what: &str) -> String {
        match self.constant {
            true => format!("a middleware list holding a constant defined elsewhere ({}); cannot tell whether it is the limiter ({what})", self.written),
            false => format!("a middleware list built at run time ({}); cannot tell whether it applies the limiter ({what})", self.written),
        }
    }
}

fn edits(text: &str, limiter: &Attachment) -> Result<(Vec<Edit>, Vec<Unread>), Refusal> {
    let src = Source::parse(text)?;
    let imports = Imports::of(&src);
    let mut edits = Vec::new();
    let mut unread = Vec::new();
    for list in middleware_lists(&src) {
        let (items, in_array) = list.items(&src);
        let mut removed = Vec::new();
        for (n, &(first, last)) in items.iter().enumerate() {
            let applied = match item(&src, &imports, first, last) {
                Item::Literal(value) | Item::NamedAtRunTime(value) => limiter.names(&value),
                Item::Class(class) => limiter.is_class(&class),
                Item::Constant(written) => {
                    unread.push(Unread { line: src.line_of(first), written, constant: true });
                    false
                }
                Item::RunTime(written) => {
                    unread.push(Unread { line: src.line_of(first), written, constant: false });
                    false
                }
            };
            if applied {
                removed.push(n);
            }
        }
        // Neighbours go in one edit, so two entries side by side
        // (`'api.rate-limit', 'api.rate-limit:10,60'`) never share a comma.
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for n in removed {
            match runs.last_mut() {
                Some((_, end)) if *end + 1 == n => *end = n,
                _ => runs.push((n, n)),
            }
        }
        edits.extend(runs.into_iter().map(|run| removal(&src, &items, run, in_array)));
    }
    edits.extend(throttle_api(&src, limiter));
    Ok((edits, unread))
}

/// What one element of a middleware list is, read without running it.
enum Item {
    /// A string literal's value.
    Literal(String),
    /// `X::class`, `\App\X::class`, or `X::class . ':10,60'`: the class,
    /// resolved with the file's imports (`static::class` resolves to nothing
    /// the limiter is).
    Class(String),
    /// `X::NAME` or `NAME`: a constant whose value this file does not hold.
    Constant(String),
    /// `'throttle:' . $limit`: parameters built at run time behind a name
    /// written out (the literal up to its `:`).
    NamedAtRunTime(String),
    /// Anything else (a variable, a call, a spread, a concatenation, a
    /// conditional), quoted as written.
    RunTime(String),
}

fn item(src: &Source, imports: &Imports, first: usize, last: usize) -> Item {
    let written = src.text[src.span(first, last)].to_string();
    if first == last {
        if let Some(value) = literal_value(src.kind(first), src.text_of(first)) {
            return Item::Literal(value);
        }
    }
    let code: Vec<usize> = (first..=last).filter(|&t| src.kind(t).is_code()).collect();
    // `'throttle:' . $limit`: the name is written out, only its parameters run.
    if let [head, dot, _, ..] = code[..] {
        let name = literal_value(src.kind(head), src.text_of(head)).filter(|v| v.contains(':'));
        if let (Some(name), true) = (name, src.is(dot, ".")) {
            return Item::NamedAtRunTime(name);
        }
    }
    // `X::class . ':10,60'`: a class with its parameters, still a constant.
    if let [.., class_end, dot, params] = code[..] {
        let is_params = literal_value(src.kind(params), src.text_of(params)).is_some_and(|p| p.starts_with(':'));
        if src.is(dot, ".") && is_params {
            if let Some(class) = class_written(src, imports, first, class_end) {
                return Item::Class(class);
            }
        }
    }
    let is_name = |t: usize| src.kind(t) == TokenKind::Name || src.is(t, "\\");
    let colons = code.iter().position(|&t| src.is(t, "::"));
    let (name, member) = match colons {
        Some(c) => (&code[..c], code.get(c + 1..)),
        None => (&code[..], None),
    };
    if name.is_empty() || !name.iter().all(|&t| is_name(t)) || src.is(*name.last().expect("not empty"), "\\") {
        return Item::RunTime(written);
    }
    match member {
        Some([m]) if src.kind(*m) == TokenKind::Name && src.text_of(*m).eq_ignore_ascii_case("class") => {
            Item::Class(class_written(src, imports, first, last).unwrap_or_default())
        }
        Some([m]) if src.kind(*m) == TokenKind::Name => Item::Constant(written),
        None if name.len() == 1
            && !["true", "false", "null"].contains(&src.text_of(name[0]).to_ascii_lowercase().as_str()) =>
        {
            Item::Constant(written)
        }
        _ => Item::RunTime(written),
    }
}

/// Where a middleware list is.
enum List {
    /// `middleware(` … `)`: the arguments, or the one array argument.
    Call { open: usize },
    /// `'middleware' =>` value, the value starting at this token.
    Entry { value: usize },
}

impl List {
    /// The (first, last) token of each element, and whether they are the
    /// elements of an array (rather than call arguments or a lone value).
    fn items(&self, src: &Source) -> (Vec<(usize, usize)>, bool) {
        let start = match *self {
            List::Call { open } => {
                let args = src.items(open);
                match args.as_slice() {
                    [(a, b)] if is_array(src, *a).is_some_and(|close| close == *b) => {
                        return (src.items(array_open(src, *a)), true)
                    }
                    _ => return (args, false),
                }
            }
            List::Entry { value } => value,
        };
        match is_array(src, start) {
            Some(_) => (src.items(array_open(src, start)), true),
            None => (vec![(start, value_end(src, start))], false),
        }
    }
}

/// If `i` starts `[...]` or `array(...)`, the index of its closing token.
fn is_array(src: &Source, i: usize) -> Option<usize> {
    open_of(src, i).and_then(|open| src.partner(open))
}

fn array_open(src: &Source, i: usize) -> usize {
    open_of(src, i).expect("an array has its bracket")
}

/// The last token of a value that is not an array (up to `,` `]` `)` at its level).
fn value_end(src: &Source, start: usize) -> usize {
    let mut last = start;
    let mut i = start;
    while i < src.tokens.len() {
        if src.kind(i).is_code() {
            if src.is(i, ",") || src.is(i, "]") || src.is(i, ")") || src.is(i, ";") {
                break;
            }
            last = src.partner(i).filter(|&p| p > i).unwrap_or(i);
            i = last;
        }
        i += 1;
    }
    last
}

/// Laravel 11's calls that add middleware to a group.
const GROUP_CALLS: [&str; 5] = ["appendToGroup", "prependToGroup", "group", "api", "web"];

/// Laravel 11's `->throttleApi(...)`, which puts `throttle:<limiter>` in
/// the api group: out when the limiter is Laravel's throttle, as its whole
/// statement where it stands alone (`$middleware->throttleApi();`), else
/// as its link of the chain.
fn throttle_api(src: &Source, limiter: &Attachment) -> Vec<Edit> {
    if !limiter.names("throttle:api") {
        return Vec::new();
    }
    let mut edits = Vec::new();
    for i in 0..src.tokens.len() {
        if src.kind(i) != TokenKind::Name || src.text_of(i) != "throttleApi" {
            continue;
        }
        let Some(arrow) = src.prev_code(i).filter(|&p| src.is(p, "->") || src.is(p, "?->")) else { continue };
        let Some(close) = src.next_code(i).filter(|&o| src.is(o, "(")).and_then(|o| src.partner(o)) else { continue };
        let line = src.line_of(i);
        let target = src.prev_code(arrow);
        let statement_end = src.next_code(close).filter(|&e| src.is(e, ";"));
        let alone = target.is_some_and(|t| src.kind(t) == TokenKind::Variable)
            && target.and_then(|t| src.prev_code(t)).is_none_or(|b| src.is(b, ";") || src.is(b, "{"));
        match (alone, target, statement_end) {
            (true, Some(t), Some(end)) => {
                let text = src.text;
                let span = src.span(t, end);
                let line_start = text[..span.start].rfind('\n').map_or(0, |p| p + 1);
                let line_end = text[span.end..].find('\n').map(|p| span.end + p + 1);
                match line_end
                    .filter(|&e| text[line_start..span.start].trim().is_empty() && text[span.end..e].trim().is_empty())
                {
                    Some(e) => edits.push(Edit { range: line_start..e, replacement: String::new(), line }),
                    None => edits.push(Edit { range: span, replacement: String::new(), line }),
                }
            }
            _ => edits.push(Edit { range: src.span(arrow, close), replacement: String::new(), line }),
        }
    }
    edits
}

fn middleware_lists(src: &Source) -> Vec<List> {
    let mut lists = Vec::new();
    for i in 0..src.tokens.len() {
        let kind = src.kind(i);
        if kind == TokenKind::Name && src.text_of(i).eq_ignore_ascii_case("middleware") {
            let called = src.prev_code(i).is_some_and(|p| src.is(p, "->") || src.is(p, "::") || src.is(p, "?->"));
            if let Some(open) = src.next_code(i).filter(|&o| called && src.is(o, "(")) {
                lists.push(List::Call { open });
            }
        } else if kind == TokenKind::Name && GROUP_CALLS.contains(&src.text_of(i)) {
            // Laravel 11's bootstrap/app.php: `->appendToGroup('api', [...])`,
            // `->group('api', [...])`, `->api(append: [...], prepend: [...])`:
            // the lists that add to a group (a `remove:` list takes away: kept).
            let called = src.prev_code(i).is_some_and(|p| src.is(p, "->") || src.is(p, "?->"));
            let Some(open) = src.next_code(i).filter(|&o| called && src.is(o, "(")) else { continue };
            let args = src.items(open);
            let by_group = src.text_of(i) != "api" && src.text_of(i) != "web";
            if by_group && !args.first().is_some_and(|&(a, b)| a == b && src.kind(a).is_string()) {
                continue;
            }
            for (n, &(first, last)) in args.iter().enumerate() {
                let named = src.next_code(first).filter(|&c| src.is(c, ":") && src.kind(first) == TokenKind::Name);
                let (key, value) = match named.and_then(|c| src.next_code(c)) {
                    Some(v) if v <= last => (Some(src.text_of(first)), v),
                    _ => (None, first),
                };
                let adds = match (by_group, key) {
                    (true, _) => n == 1,
                    (false, Some(k)) => k == "append" || k == "prepend",
                    (false, None) => n <= 1,
                };
                if adds {
                    lists.push(List::Entry { value });
                }
            }
        } else if kind == TokenKind::Variable && src.text_of(i) == "$middlewareGroups" {
            // A kernel's groups (`'api' => ['throttle:api', ...]`): each a list.
            let groups = src.next_code(i).filter(|&eq| src.is(eq, "=")).and_then(|eq| src.next_code(eq));
            if let Some(open) = groups.and_then(|v| open_of(src, v)) {
                for (first, last) in src.items(open) {
                    let value = src.next_code(first).filter(|&a| src.is(a, "=>")).and_then(|a| src.next_code(a));
                    if let Some(value) = value.filter(|&v| v <= last && open_of(src, v).is_some()) {
                        lists.push(List::Entry { value });
                    }
                }
            }
        } else if kind.is_string() && literal_value(kind, src.text_of(i)).as_deref() == Some("middleware") {
            let arrow = src.next_code(i).filter(|&a| src.is(a, "=>"));
            if let Some(value) = arrow.and_then(|a| src.next_code(a)) {
                lists.push(List::Entry { value });
            }
        }
    }
    lists
}

/// The edit that takes elements `a..=b` out of their list, keeping the layout.
fn removal(src: &Source, items: &[(usize, usize)], (a, b): (usize, usize), in_array: bool) -> Edit {
    let (first, last) = (items[a].0, items[b].1);
    let line = src.line_of(first);
    if !in_array && b + 1 - a == items.len() {
        // `->middleware('api.rate-limit')` or `'middleware' => '…'`: an empty list.
        return Edit { range: src.span(first, last), replacement: "[]".into(), line };
    }
    let text = src.text;
    let comma_after = src.next_code(last).filter(|&c| src.is(c, ","));
    if let Some(comma) = comma_after {
        let span = src.span(first, comma);
        // On a line of its own (indentation before, nothing but a newline
        // after): the whole line goes.
        let line_start = text[..span.start].rfind('\n').map_or(0, |p| p + 1);
        let rest_end = text[span.end..].find('\n').map(|p| span.end + p);
        if text[line_start..span.start].trim().is_empty() {
            if let Some(end) = rest_end.filter(|&e| text[span.end..e].trim().is_empty()) {
                return Edit { range: line_start..end + 1, replacement: String::new(), line };
            }
        }
        // Inline: the element, its comma, and the spaces after it.
        let mut end = span.end;
        while end < text.len() && (text.as_bytes()[end] == b' ' || text.as_bytes()[end] == b'\t') {
            end += 1;
        }
        return Edit { range: span.start..end, replacement: String::new(), line };
    }
    match src.prev_code(first).filter(|&c| src.is(c, ",")) {
        // The last element: the comma before it goes with it.
        Some(comma) => {
            Edit { range: src.tokens[comma].span.start..src.tokens[last].span.end, replacement: String::new(), line }
        }
        None => Edit { range: src.span(first, last), replacement: String::new(), line },
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::core::rollback::apply;

    pub(crate) fn limiter() -> Attachment {
        Attachment::from_names(&["api.rate-limit".into(), "App\\Http\\Middleware\\RateLimitMiddleware".into()])
    }

    fn off(text: &str) -> String {
        apply(text, &remove_middleware(text, &limiter()).unwrap())
    }

    #[test]
    fn the_plans_v2_group() {
        let before = "<?php\nRoute::prefix('v2')\n    ->middleware([\n        'api.rate-limit',\n        'api.performance',\n        'api.logging'\n    ])\n    ->group(function () {});\n";
        let after = "<?php\nRoute::prefix('v2')\n    ->middleware([\n        'api.performance',\n        'api.logging'\n    ])\n    ->group(function () {});\n";
        assert_eq!(off(before), after);
    }

    #[test]
    fn a_kernels_groups_lose_the_limiter_and_its_aliases_stay() {
        let laravel = Attachment::from_names(&["throttle".into()]);
        let before = "<?php\nclass Kernel {\n    protected $middlewareGroups = [\n        'web' => [\\A::class],\n        'api' => [\n            'throttle:api',\n            \\Illuminate\\Routing\\Middleware\\SubstituteBindings::class,\n        ],\n    ];\n    protected $routeMiddleware = ['throttle' => \\Illuminate\\Routing\\Middleware\\ThrottleRequests::class];\n}\n";
        let after = before.replace("            'throttle:api',\n", "");
        assert_eq!(apply(before, &remove_middleware(before, &laravel).unwrap()), after);
    }

    #[test]
    fn laravel_11_loses_the_throttle_it_adds_to_groups_and_keeps_what_it_removes() {
        let laravel = Attachment::from_names(&["throttle".into()]);
        let before = "<?php\nreturn Application::configure(basePath: dirname(__DIR__))\n    ->withMiddleware(function (Middleware $middleware) {\n        $middleware->throttleApi();\n        $middleware->appendToGroup('partner', ['throttle:partners', 'audit']);\n        $middleware->api(prepend: ['throttle:burst'], remove: ['throttle:60,1']);\n        $middleware->alias(['throttle' => ThrottleRequests::class])->throttleApi('api', true);\n    })->create();\n";
        let after = "<?php\nreturn Application::configure(basePath: dirname(__DIR__))\n    ->withMiddleware(function (Middleware $middleware) {\n        $middleware->appendToGroup('partner', ['audit']);\n        $middleware->api(prepend: [], remove: ['throttle:60,1']);\n        $middleware->alias(['throttle' => ThrottleRequests::class]);\n    })->create();\n";
        assert_eq!(apply(before, &remove_middleware(before, &laravel).unwrap()), after);
        // Another limiter leaves Laravel's throttle be.
        assert!(remove_middleware(before, &limiter()).unwrap().is_empty());
    }

    #[test]
    fn what_the_source_cannot_say_is_left_and_named() {
        let text = "<?php\nR::x()->middleware(['api.rate-limit', 'b']);\nR::y()->middleware($mw);\n";
        let (edits, unread) = remove_middleware_leaving_unread(text, &limiter()).unwrap();
        assert_eq!(apply(text, &edits), "<?php\nR::x()->middleware(['b']);\nR::y()->middleware($mw);\n");
        assert_eq!(unread, [Unread { line: 3, written: "$mw".into(), constant: false }]);
        assert!(remove_middleware(text, &limiter()).unwrap_err().reason.contains("built at run time ($mw)"));
    }

    #[test]
    fn every_form() {
        let cases = [
            ("<?php R::x()->middleware('api.rate-limit')->g();", "<?php R::x()->middleware([])->g();"),
            ("<?php Route::middleware(\"api.rate-limit\")->g();", "<?php Route::middleware([])->g();"),
            ("<?php R::x()->middleware(['a', 'api.rate-limit']);", "<?php R::x()->middleware(['a']);"),
            ("<?php R::x()->middleware(['api.rate-limit', 'a']);", "<?php R::x()->middleware(['a']);"),
            ("<?php R::x()->middleware(['a', 'api.rate-limit', 'b',]);", "<?php R::x()->middleware(['a', 'b',]);"),
            ("<?php R::x()->middleware('a', 'api.rate-limit:60,1');", "<?php R::x()->middleware('a');"),
            (
                "<?php R::group(['prefix' => 'v2', 'middleware' => ['api.rate-limit', 'x']], $f);",
                "<?php R::group(['prefix' => 'v2', 'middleware' => ['x']], $f);",
            ),
            (
                "<?php R::group(array('middleware' => array('x', \"api.rate-limit\")), $f);",
                "<?php R::group(array('middleware' => array('x')), $f);",
            ),
            ("<?php R::group(['middleware' => 'api.rate-limit'], $f);", "<?php R::group(['middleware' => []], $f);"),
            ("<?php R::x()->middleware(['api.rate-limit']);", "<?php R::x()->middleware([]);"),
        ];
        for (before, after) in cases {
            assert_eq!(off(before), after, "{before}");
        }
    }

    #[test]
    fn the_class_in_every_spelling() {
        let before = "<?php\nuse Illuminate\\Support\\Facades\\Route;\nuse App\\Http\\Middleware\\RateLimitMiddleware;\nuse App\\Http\\Middleware\\RateLimitMiddleware as RL;\n\nRoute::prefix('v2')->middleware([\\App\\Http\\Middleware\\RateLimitMiddleware::class, 'api.performance'])->group(function () {});\nRoute::post('webhooks/calcom', [C::class, 'h'])->middleware(RateLimitMiddleware::class);\nRoute::post('webhooks/retell', [R::class, 'h'])->middleware([RL::class . ':100,1']);\nRoute::get('a', $f)->middleware(['App\\Http\\Middleware\\RateLimitMiddleware', \"\\\\App\\\\Http\\\\Middleware\\\\RateLimitMiddleware:5,1\"]);\nRoute::get('b', $f)->middleware([Other\\RateLimitMiddleware::class, static::class, PerformanceMonitoring::class]);\n";
        let edits = remove_middleware(before, &limiter()).unwrap();
        assert_eq!(edits.len(), 4, "{edits:?}: side by side, two entries are one edit");
        let after = apply(before, &edits);
        assert!(after.contains("->middleware(['api.performance'])"), "{after}");
        assert!(after.contains("[C::class, 'h'])->middleware([])"), "{after}");
        assert!(after.contains("[R::class, 'h'])->middleware([])"), "{after}");
        assert!(after.contains("Route::get('a', $f)->middleware([])"), "{after}");
        assert!(
            after.contains("[Other\\RateLimitMiddleware::class, static::class, PerformanceMonitoring::class]"),
            "{after}"
        );
        // Without a `use`, a short name in a file without a namespace is a global class.
        let unimported = "<?php R::x()->middleware([RateLimitMiddleware::class]);";
        assert!(remove_middleware(unimported, &limiter()).unwrap().is_empty());
    }

    #[test]
    fn comments_and_strings_that_mention_it_are_untouched() {
        let before = "<?php\n// api.rate-limit is the limiter\n$doc = 'api.rate-limit';\nR::x()->middleware([\n    'api.rate-limit',  # <-- Remove this line\n    /* 'api.rate-limit', */ 'b',\n]);\n";
        let after = "<?php\n// api.rate-limit is the limiter\n$doc = 'api.rate-limit';\nR::x()->middleware([\n    # <-- Remove this line\n    /* 'api.rate-limit', */ 'b',\n]);\n";
        assert_eq!(off(before), after);
    }

    #[test]
    fn constant_lists_are_read_and_only_what_is_built_at_run_time_is_refused() {
        // A constant list of classes, with no limiter: nothing to do.
        let classes = "<?php\nRoute::prefix('mcp')\n    ->middleware(['web', 'auth', \\App\\Http\\Middleware\\MCPAdminAccess::class])\n    ->group(function () {});\n";
        assert_eq!(remove_middleware(classes, &limiter()).unwrap(), vec![]);
        let mixed = "<?php R::x()->middleware([Throttle::class, 'api.rate-limit', static::class]);";
        assert_eq!(off(mixed), "<?php R::x()->middleware([Throttle::class, static::class]);");
        for (text, quoted) in [
            ("<?php R::x()->middleware(['a', MW]);", "(MW)"),
            ("<?php R::x()->middleware(['a', Limits::API]);", "(Limits::API)"),
        ] {
            let err = remove_middleware(text, &limiter()).unwrap_err();
            assert!(err.reason.contains("constant defined elsewhere") && err.reason.contains(quoted), "{text}: {err}");
        }
        for (text, quoted) in [
            ("<?php R::x()->middleware($mw);", "($mw)"),
            ("<?php R::x()->middleware(['api.' . 'rate-limit']);", "('api.' . 'rate-limit')"),
            ("<?php R::x()->middleware([...$mw]);", "(...$mw)"),
            ("<?php R::x()->middleware([$on ? 'a' : 'b']);", "($on ? 'a' : 'b')"),
            ("<?php R::x()->middleware([mw()]);", "(mw())"),
        ] {
            let err = remove_middleware(text, &limiter()).unwrap_err();
            assert!(err.reason.contains("built at run time") && err.reason.contains(quoted), "{text}: {err}");
        }
        // A name written out with its parameters built at run time is that name.
        let laravel = Attachment::from_names(&["throttle".into()]);
        let built = "<?php R::x()->middleware(['a', 'throttle:' . $limit . ',1']);";
        assert_eq!(apply(built, &remove_middleware(built, &laravel).unwrap()), "<?php R::x()->middleware(['a']);");
        let other = "<?php R::x()->middleware(['cache.headers:' . $ttl]);";
        assert!(remove_middleware(other, &laravel).unwrap().is_empty());
        let interpolated = "<?php R::group(['middleware' => \"$x\"], $f);";
        let err = remove_middleware(interpolated, &limiter()).unwrap_err();
        assert!(err.reason.contains("built at run time"), "{err}");
    }

    /// A routes file in one of many shapes: returns (text, how many times
    /// api.rate-limit is applied).
    pub(crate) fn variant(seed: (u8, u8, u8, u8, bool, bool)) -> (String, usize) {
        let (style, quotes, position, layout, trailing, comments) = seed;
        let q = |s: &str, i: usize| if (quotes as usize + i) % 2 == 0 { format!("'{s}'") } else { format!("\"{s}\"") };
        let mut names = vec!["api.performance", "api.logging"];
        names.insert(position as usize % 3, "api.rate-limit");
        let quoted: Vec<String> = names.iter().enumerate().map(|(i, n)| q(n, i)).collect();
        let list = match layout % 2 {
            0 => format!("[{}{}]", quoted.join(", "), if trailing { "," } else { "" }),
            _ => {
                let lines: Vec<String> = quoted.iter().map(|e| format!("        {e},")).collect();
                let mut body = lines.join("\n");
                if !trailing {
                    body.pop();
                }
                format!("[\n{body}\n    ]")
            }
        };
        let group = match style % 4 {
            0 => format!("Route::prefix('v2')\n    ->middleware({list})\n    ->group(function () {{\n        Route::post('bookings', [B::class, 'store']);\n    }});"),
            1 => format!("Route::group(['prefix' => 'v2', 'middleware' => {list}], function () {{\n    Route::post('bookings', [B::class, 'store']);\n}});"),
            2 => format!("Route::middleware({list})->prefix('v2')->group(function () {{}});"),
            _ => format!("Route::group(array('middleware' => {}), function () {{}});", list.replace('[', "array(").replace(']', ")")),
        };
        let noise = if comments {
            "// api.rate-limit: keep this comment\n/* 'api.rate-limit', */\n$doc = 'api.rate-limit';\n$h = <<<EOT\n  'api.rate-limit'\nEOT;\n"
        } else {
            ""
        };
        let webhooks = "Route::post('webhooks/calcom', [C::class, 'handle'])->middleware('api.rate-limit');\n";
        (format!("<?php\n\nuse Illuminate\\Support\\Facades\\Route;\n{noise}{webhooks}\n{group}\n"), 2)
    }

    /// (in `a` but not `b`, in `b` but not `a`), counting repeats.
    fn multiset_difference(a: &[String], b: &[String]) -> (Vec<String>, Vec<String>) {
        let mut rest: Vec<String> = b.to_vec();
        let mut removed = Vec::new();
        for t in a {
            match rest.iter().position(|r| r == t) {
                Some(i) => {
                    rest.remove(i);
                }
                None => removed.push(t.clone()),
            }
        }
        (removed, rest)
    }

    fn code_and_comments(text: &str) -> (Vec<String>, Vec<String>) {
        let tokens = crate::core::php::lex(text).unwrap();
        let code = tokens.iter().filter(|t| t.kind.is_code()).map(|t| text[t.span.clone()].to_string()).collect();
        let comments =
            tokens.iter().filter(|t| t.kind == TokenKind::Comment).map(|t| text[t.span.clone()].to_string()).collect();
        (code, comments)
    }

    proptest::proptest! {
        /// Only the alias (and one comma) leaves the code; every comment and
        /// every other token stays, in order; a second pass finds nothing.
        #[test]
        fn only_the_intended_tokens_change(seed in proptest::prelude::any::<(u8, u8, u8, u8, bool, bool)>()) {
            let (before, applied) = variant(seed);
            let edits = remove_middleware(&before, &limiter()).unwrap();
            proptest::prop_assert_eq!(edits.len(), applied);
            let after = apply(&before, &edits);
            let (code_before, comments_before) = code_and_comments(&before);
            let (code_after, comments_after) = code_and_comments(&after);
            proptest::prop_assert_eq!(&comments_before, &comments_after);
            let (removed, added) = multiset_difference(&code_before, &code_after);
            let alias_literals = removed.iter().filter(|t| t.contains("api.rate-limit")).count();
            proptest::prop_assert_eq!(alias_literals, applied, "{}", after);
            proptest::prop_assert!(removed.iter().all(|t| t.contains("api.rate-limit") || t == ","), "{:?}", removed);
            proptest::prop_assert!(removed.iter().filter(|t| *t == ",").count() <= applied, "{:?}", removed);
            proptest::prop_assert!(added.iter().all(|t| t == "[" || t == "]") && added.len() <= 2 * applied, "{:?}", added);
            proptest::prop_assert!(remove_middleware(&after, &limiter()).unwrap().is_empty());
        }
    }

    /// Every generated variant, and its rolled-back form, passes `php -l`.
    #[test]
    fn variants_stay_valid_php() {
        let dir = tempfile::tempdir().unwrap();
        let mut seeds = proptest::test_runner::TestRunner::deterministic();
        for _ in 0..48 {
            let seed = proptest::strategy::ValueTree::current(
                &proptest::strategy::Strategy::new_tree(
                    &proptest::prelude::any::<(u8, u8, u8, u8, bool, bool)>(),
                    &mut seeds,
                )
                .unwrap(),
            );
            let (before, _) = variant(seed);
            for (name, text) in [("before.php", before.clone()), ("after.php", off(&before))] {
                let path = dir.path().join(name);
                std::fs::write(&path, &text).unwrap();
                let out = std::process::Command::new("php")
                    .arg("-l")
                    .arg(&path)
                    .output()
                    .expect("php is installed (apt-get install -y php8.2-cli)");
                assert!(out.status.success(), "{seed:?} {name}:\n{text}\n{}", String::from_utf8_lossy(&out.stdout));
            }
        }
    }

    #[test]
    fn nothing_to_do_twice() {
        let once = off("<?php R::x()->middleware(['api.rate-limit', 'a']);");
        assert!(remove_middleware(&once, &limiter()).unwrap().is_empty());
    }
}
