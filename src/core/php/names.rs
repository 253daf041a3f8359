//! Class names as PHP resolves them: a file's namespace and its `use`
//! imports, so `RateLimitMiddleware::class` under a `use`, `\App\…::class`
//! and the string `'App\…'` all read as the one class they name. Never
//! guesses a class it cannot resolve from the file's own text.

use std::collections::BTreeMap;

use crate::core::php::{Source, TokenKind};

/// A file's namespace and class imports.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imports {
    /// The namespace in effect, without leading or trailing `\`; empty: global.
    namespace: String,
    /// Imported short name (lower case: PHP class names are case-insensitive)
    /// to the fully qualified class.
    uses: BTreeMap<String, String>,
}

/// A fully qualified class name as compared: no leading `\`, lower case.
pub fn class_key(name: &str) -> String {
    name.trim().trim_start_matches('\\').to_ascii_lowercase()
}

impl Imports {
    /// The first namespace and every top-level `use` of classes in `src`.
    /// Trait `use` inside a class body and closures' `use (…)` are not imports.
    pub fn of(src: &Source) -> Imports {
        let mut imports = Imports::default();
        let mut depth = 0usize;
        let mut namespace_braces: Vec<usize> = Vec::new();
        let mut i = 0;
        while i < src.tokens.len() {
            if src.is(i, "{") {
                depth += 1;
            } else if src.is(i, "}") {
                depth = depth.saturating_sub(1);
                if namespace_braces.last() == Some(&depth) {
                    namespace_braces.pop();
                }
            }
            let top = depth == namespace_braces.len();
            if top && src.kind(i) == TokenKind::Name {
                let word = src.text_of(i).to_ascii_lowercase();
                if word == "namespace" && !src.next_code(i).is_some_and(|n| src.is(n, "\\")) {
                    let (name, end) = read_name(src, i);
                    if imports.namespace.is_empty() {
                        imports.namespace = name;
                    }
                    if end.is_some_and(|e| src.is(e, "{")) {
                        namespace_braces.push(depth);
                    }
                } else if word == "use" && starts_statement(src, i) {
                    i = imports.read_use(src, i);
                    continue;
                }
            }
            i += 1;
        }
        imports
    }

    /// Reads `use A\B [as C], D\{E, F as G};` from `use` at `at`; returns the
    /// index after the statement. `use function` and `use const` are skipped.
    fn read_use(&mut self, src: &Source, at: usize) -> usize {
        let Some(first) = src.next_code(at) else { return src.tokens.len() };
        let word = src.text_of(first).to_ascii_lowercase();
        let skip = src.kind(first) == TokenKind::Name && (word == "function" || word == "const");
        let mut prefix = String::new();
        let mut name = String::new();
        let mut alias: Option<String> = None;
        let mut expect_alias = false;
        let mut i = first;
        while i < src.tokens.len() {
            if !src.kind(i).is_code() {
                i += 1;
                continue;
            }
            let t = src.text_of(i);
            if src.is(i, ";") || src.is(i, ",") || src.is(i, "}") {
                if !skip && !name.is_empty() {
                    self.import(&format!("{prefix}{name}"), alias.take());
                }
                name.clear();
                alias = None;
                if src.is(i, ";") {
                    return i + 1;
                }
                if src.is(i, "}") {
                    prefix.clear();
                }
            } else if src.is(i, "{") {
                prefix = name.clone();
                name.clear();
            } else if src.kind(i) == TokenKind::Name && t.eq_ignore_ascii_case("as") {
                expect_alias = true;
            } else if expect_alias && src.kind(i) == TokenKind::Name {
                alias = Some(t.to_string());
                expect_alias = false;
            } else if src.kind(i) == TokenKind::Name || src.is(i, "\\") {
                name.push_str(t);
            } else {
                // Not an import statement after all; stop reading it.
                return i + 1;
            }
            i += 1;
        }
        i
    }

    fn import(&mut self, full: &str, alias: Option<String>) {
        let full = full.trim_start_matches('\\').to_string();
        let short = alias.unwrap_or_else(|| full.rsplit('\\').next().unwrap_or(&full).to_string());
        if !short.is_empty() {
            self.uses.insert(short.to_ascii_lowercase(), full);
        }
    }

    /// The fully qualified class `written` names in this file, without a
    /// leading `\` (`RateLimitMiddleware` under its `use`, `\App\X`,
    /// `namespace\X`, or relative to the file's namespace).
    pub fn resolve(&self, written: &str) -> String {
        let written = written.trim();
        if let Some(full) = written.strip_prefix('\\') {
            return full.to_string();
        }
        let (head, rest) = match written.split_once('\\') {
            Some((head, rest)) => (head, Some(rest)),
            None => (written, None),
        };
        if head.eq_ignore_ascii_case("namespace") {
            return self.qualify(rest.unwrap_or(""));
        }
        if let Some(full) = self.uses.get(&head.to_ascii_lowercase()) {
            return match rest {
                Some(rest) => format!("{full}\\{rest}"),
                None => full.clone(),
            };
        }
        self.qualify(written)
    }

    fn qualify(&self, name: &str) -> String {
        match self.namespace.is_empty() {
            true => name.to_string(),
            false => format!("{}\\{name}", self.namespace),
        }
    }
}

/// Is `use` at `i` the start of a statement (not a closure's `use (…)`)?
fn starts_statement(src: &Source, i: usize) -> bool {
    match src.prev_code(i) {
        None => true,
        Some(p) => src.is(p, ";") || src.is(p, "{") || src.is(p, "}") || src.kind(p) == TokenKind::OpenTag,
    }
}

/// The name after the keyword at `at` (`App\Http`), and the code token that ends it.
fn read_name(src: &Source, at: usize) -> (String, Option<usize>) {
    let mut name = String::new();
    let mut i = src.next_code(at);
    while let Some(t) = i {
        if src.kind(t) == TokenKind::Name || src.is(t, "\\") {
            name.push_str(src.text_of(t));
            i = src.next_code(t);
        } else {
            break;
        }
    }
    (name.trim_start_matches('\\').to_string(), i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn imports(text: &str) -> Imports {
        Imports::of(&Source::parse(text).unwrap())
    }

    #[test]
    fn a_use_names_the_class_it_imports() {
        let i = imports("<?php\nuse App\\Http\\Middleware\\RateLimitMiddleware;\nuse App\\X as Y, \\App\\Z;\n");
        assert_eq!(i.resolve("RateLimitMiddleware"), "App\\Http\\Middleware\\RateLimitMiddleware");
        assert_eq!(i.resolve("ratelimitmiddleware"), "App\\Http\\Middleware\\RateLimitMiddleware");
        assert_eq!(i.resolve("Y"), "App\\X");
        assert_eq!(i.resolve("Z"), "App\\Z");
        assert_eq!(i.resolve("\\Other\\Thing"), "Other\\Thing");
        assert_eq!(i.resolve("Unknown"), "Unknown");
    }

    #[test]
    fn group_uses_and_namespaces() {
        let i = imports(
            "<?php\nnamespace App\\Http;\nuse App\\Http\\Middleware\\{RateLimitMiddleware, PerformanceMonitoring as PM};\nuse function foo\\bar;\nclass Kernel { use SomeTrait; function f() { return function () use ($x) {}; } }\n",
        );
        assert_eq!(i.resolve("RateLimitMiddleware"), "App\\Http\\Middleware\\RateLimitMiddleware");
        assert_eq!(i.resolve("PM"), "App\\Http\\Middleware\\PerformanceMonitoring");
        assert_eq!(i.resolve("Middleware\\X"), "App\\Http\\Middleware\\X");
        assert_eq!(i.resolve("namespace\\Y"), "App\\Http\\Y");
        assert_eq!(i.resolve("bar"), "App\\Http\\bar", "a function import is not a class");
        assert_eq!(i.resolve("SomeTrait"), "App\\Http\\SomeTrait", "a trait use is not an import");
    }

    #[test]
    fn class_keys_ignore_case_and_the_leading_backslash() {
        assert_eq!(class_key("\\App\\X"), class_key("app\\x"));
    }
}
