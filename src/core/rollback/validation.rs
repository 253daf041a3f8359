//! The plan's input-validation fix as a structural edit of
//! `RetellFunctionCallHandler`, both ways:
//!
//! - [`wire`]: `collectAppointment`'s parameter typed
//!   `Illuminate\Http\Request` becomes `CollectAppointmentRequest`
//!   (imported once, in order, when the short name is free), and
//!   `$request->all()` becomes `$request->getAppointmentData()`; a method
//!   [`unwire`] rolled back gets its FormRequest back as it was;
//! - [`unwire`]: the plan's rollback, "remove type hint from method
//!   signature", on every method of the handler that takes the FormRequest
//!   (on the real baseline, `collectAppointment` and, from `508989fd0`,
//!   `checkAvailabilityV17` and `bookAppointmentV17`: they all validate with
//!   the same rules, so all of them refuse the same callers). The parameter
//!   becomes a plain `Request` and the method's first statement builds the
//!   FormRequest from it, `$request = CollectAppointmentRequest::createFrom($request);`.
//!   Laravel validates a FormRequest only when the container resolves it
//!   (`FormRequestServiceProvider`'s `afterResolving`, in Laravel 8 and 11);
//!   `createFrom` copies the request into a new one and validates nothing,
//!   so every method the handler calls (`getAppointmentData()`, which maps
//!   the nested `args`) still reads the same data. What needs the
//!   validation itself, `validated()` and `safe()`, is refused with its line.
//!
//! Names are resolved as PHP resolves them (namespace, `use` with aliases
//! and groups), so `\Illuminate\Http\Request`, an aliased import or a
//! handler in another namespace are read right. Anything not in the shape
//! the fix expects is refused with its line; nothing is half-edited.

use std::collections::BTreeMap;

use crate::core::php::{Source, TokenKind};
use crate::core::rollback::{Edit, Refusal};

pub const CONTROLLER: &str = "app/Http/Controllers/RetellFunctionCallHandler.php";
pub const FORM_REQUEST: &str = "App\\Http\\Requests\\CollectAppointmentRequest";
pub const FORM_REQUEST_FILE: &str = "app/Http/Requests/CollectAppointmentRequest.php";
pub const REQUEST: &str = "Illuminate\\Http\\Request";
/// What a FormRequest can answer only once validated: `createFrom` leaves these failing.
pub const NEEDS_VALIDATOR: [&str; 2] = ["validated", "safe"];
const CLASS: &str = "RetellFunctionCallHandler";
const METHOD: &str = "collectAppointment";
const SHORT: &str = "CollectAppointmentRequest";

/// Is the method's request validated (its parameter typed with the FormRequest)?
pub fn wired(text: &str) -> Result<bool, Refusal> {
    let src = Source::parse(text)?;
    let file = File::read(&src)?;
    let methods = file.methods(&src)?;
    let method = file.method(&src, &methods)?;
    match (method.param_typed(FORM_REQUEST), method.param_typed(REQUEST)) {
        (Some(_), _) => Ok(true),
        (None, Some(_)) => Ok(false),
        (None, None) => {
            Err(Refusal::at(method.line, "collectAppointment takes neither a Request nor a CollectAppointmentRequest"))
        }
    }
}

/// The edits that wire the FormRequest in; none when it already is.
pub fn wire(text: &str) -> Result<Vec<Edit>, Refusal> {
    let src = Source::parse(text)?;
    let file = File::read(&src)?;
    let methods = file.methods(&src)?;
    let method = file.method(&src, &methods)?;
    let mut edits = Vec::new();
    // Methods a rollback left building the FormRequest: back as they were.
    for m in &methods {
        let Some((param, built, written)) = m.rebuilt(&src, &file) else { continue };
        edits.push(Edit { range: param.type_span.clone(), replacement: written, line: param.line });
        edits.push(Edit { range: built, replacement: String::new(), line: param.line });
    }
    if method.param_typed(FORM_REQUEST).is_some() || method.rebuilt(&src, &file).is_some() {
        return Ok(edits);
    }
    let param = method.param_typed(REQUEST).ok_or_else(|| {
        Refusal::at(method.line, "collectAppointment has no parameter typed Illuminate\\Http\\Request; edit it by hand")
    })?;
    let name = file.form_request_name(&src, &mut edits);
    edits.push(Edit { range: param.type_span.clone(), replacement: name, line: param.line });
    for call in method.calls(&src, &param.var) {
        if call.name.eq_ignore_ascii_case("all") {
            if !call.no_args {
                return Err(Refusal::at(
                    call.line,
                    format!("{}->all(...) with arguments is not the whole payload; edit it by hand", param.var),
                ));
            }
            edits.push(Edit { range: call.span, replacement: "getAppointmentData()".into(), line: call.line });
        }
    }
    Ok(edits)
}

/// The plan's rollback on every method typed with the FormRequest: the
/// parameter becomes a plain Request, and the method's first statement
/// builds the FormRequest from it, unvalidated, so that what the method
/// reads through it is unchanged. The import stays.
pub fn unwire(text: &str) -> Result<Vec<Edit>, Refusal> {
    let src = Source::parse(text)?;
    let file = File::read(&src)?;
    let methods = file.methods(&src)?;
    let method = file.method(&src, &methods)?;
    // The plan's method decides whether this is the handler it knows, even
    // when only the others still take the FormRequest.
    if method.param_typed(FORM_REQUEST).is_none() && method.param_typed(REQUEST).is_none() {
        return Err(Refusal::at(
            method.line,
            "collectAppointment takes neither a Request nor a CollectAppointmentRequest",
        ));
    }
    let typed: Vec<(&Method, &Param)> =
        methods.iter().filter_map(|m| m.param_typed(FORM_REQUEST).map(|p| (m, p))).collect();
    if typed.is_empty() {
        return Ok(Vec::new());
    }
    let request = file.name_for(REQUEST).unwrap_or_else(|| format!("\\{REQUEST}"));
    let form_request = file.name_for(FORM_REQUEST).unwrap_or_else(|| format!("\\{FORM_REQUEST}"));
    let mut edits = Vec::new();
    for (m, param) in typed {
        if let Some(call) = m
            .calls(&src, &param.var)
            .into_iter()
            .find(|c| NEEDS_VALIDATOR.iter().any(|n| c.name.eq_ignore_ascii_case(n)))
        {
            return Err(Refusal::at(
                call.line,
                format!(
                    "{}() calls {}->{}(), which answers only after validation; without it the call fails at run time; edit it by hand",
                    m.name, param.var, call.name
                ),
            ));
        }
        edits.push(Edit { range: param.type_span.clone(), replacement: request.clone(), line: param.line });
        let at = src.tokens[m.body.0].span.end;
        let indent = m.indent(&src);
        let var = &param.var;
        edits.push(Edit {
            range: at..at,
            replacement: format!("\n{indent}{var} = {form_request}::createFrom({var});"),
            line: src.line_of(m.body.0),
        });
    }
    Ok(edits)
}

/// A method of the FormRequest whose answer needs the validation the
/// rollback removes (`$this->validated()`, `$this->safe()`, `$this->validator`):
/// the method, and the line. Laravel's own validation hooks are left out,
/// they run only while validating.
pub fn needs_validation(request_class: &str) -> Result<Option<(String, usize)>, Refusal> {
    const HOOKS: [&str; 9] = [
        "rules",
        "authorize",
        "messages",
        "attributes",
        "prepareforvalidation",
        "passedvalidation",
        "failedvalidation",
        "withvalidator",
        "after",
    ];
    let src = Source::parse(request_class)?;
    let n = src.tokens.len();
    let mut current: Option<(String, usize)> = None;
    for i in 0..n {
        if src.kind(i) == TokenKind::Name && src.text_of(i).eq_ignore_ascii_case("function") {
            if let Some(name) = src.next_code(i).filter(|&t| src.kind(t) == TokenKind::Name) {
                let end = (name..n).find(|&t| src.is(t, "{") || src.is(t, ";")).and_then(|o| src.partner(o));
                current = end.map(|e| (src.text_of(name).to_string(), e));
            }
        }
        if current.as_ref().is_some_and(|(_, end)| i > *end) {
            current = None;
        }
        let Some((method, _)) = &current else { continue };
        if HOOKS.contains(&method.to_ascii_lowercase().as_str()) {
            continue;
        }
        if src.kind(i) != TokenKind::Variable || src.text_of(i) != "$this" {
            continue;
        }
        let Some(member) =
            src.next_code(i).filter(|&a| src.is(a, "->") || src.is(a, "?->")).and_then(|a| src.next_code(a))
        else {
            continue;
        };
        let word = src.text_of(member).to_ascii_lowercase();
        if NEEDS_VALIDATOR.contains(&word.as_str()) || word == "validator" {
            return Ok(Some((format!("{method}() reads $this->{}", src.text_of(member)), src.line_of(member))));
        }
    }
    Ok(None)
}

/// The handler's methods that take a request (plain or the FormRequest)
/// and whose text differs between `original` and `edited`: what a replay
/// must run to see what the edit changed.
pub fn changed_methods(original: &str, edited: &str) -> Result<Vec<String>, Refusal> {
    let texts = |text: &str| -> Result<Vec<(String, String)>, Refusal> {
        let src = Source::parse(text)?;
        let file = File::read(&src)?;
        Ok(file
            .methods(&src)?
            .into_iter()
            .filter(|m| m.param_typed(REQUEST).is_some() || m.param_typed(FORM_REQUEST).is_some())
            .map(|m| {
                let whole = src.text[src.tokens[m.params_open].span.start..src.tokens[m.body.1].span.end].to_string();
                (m.name, whole)
            })
            .collect())
    };
    let before = texts(original)?;
    let after = texts(edited)?;
    Ok(before
        .into_iter()
        .filter(|(name, text)| after.iter().any(|(n, t)| n == name && t != text))
        .map(|(name, _)| name)
        .collect())
}

/// The handler with every read of its request in `methods` wrapped, as
/// `\gatewayctl_read('method#n', $request->m(...))`, n counting the reads
/// of that method in order: the replay records what each one answered.
/// A read inside another read's arguments is left to the outer one.
pub fn instrument(text: &str, methods: &[String]) -> Result<String, Refusal> {
    let src = Source::parse(text)?;
    let file = File::read(&src)?;
    let mut edits = Vec::new();
    for m in file.methods(&src)?.iter().filter(|m| methods.iter().any(|n| n.eq_ignore_ascii_case(&m.name))) {
        let Some(param) = m.param_typed(FORM_REQUEST).or_else(|| m.param_typed(REQUEST)) else { continue };
        let mut end = 0;
        let mut n = 0;
        for call in m.calls(&src, &param.var) {
            let start = call.receiver;
            if start < end {
                continue;
            }
            end = call.span.end;
            edits.push(Edit {
                range: start..start,
                replacement: format!("\\gatewayctl_read('{}#{n}', ", m.name),
                line: call.line,
            });
            edits.push(Edit { range: end..end, replacement: ")".into(), line: call.line });
            n += 1;
        }
    }
    Ok(super::apply(text, &edits))
}

/// What the file declares at its top level: namespace and imports.
struct File {
    namespace: String,
    /// Lowercased alias → fully qualified name (no leading backslash).
    imports: BTreeMap<String, (String, String)>,
    /// Simple top-level `use A\B;` statements: (fq name, first token, `;` token).
    uses: Vec<(String, usize, usize)>,
    /// The `;` ending `namespace X;`.
    namespace_end: Option<usize>,
    /// The class's body braces.
    class_body: (usize, usize),
}

struct Method {
    name: String,
    line: usize,
    /// The `(` opening its parameters.
    params_open: usize,
    params: Vec<Param>,
    body: (usize, usize),
}

struct Param {
    /// The fully qualified type, when it is one plain class name.
    fq_type: Option<String>,
    type_span: std::ops::Range<usize>,
    var: String,
    line: usize,
}

struct Call {
    /// Where `$var` starts.
    receiver: usize,
    name: String,
    /// `name()` with its parentheses.
    span: std::ops::Range<usize>,
    no_args: bool,
    line: usize,
}

impl File {
    fn read(src: &Source) -> Result<File, Refusal> {
        let mut file = File {
            namespace: String::new(),
            imports: BTreeMap::new(),
            uses: vec![],
            namespace_end: None,
            class_body: (0, 0),
        };
        let mut namespaces = 0;
        let mut i = 0;
        let n = src.tokens.len();
        while i < n {
            if src.kind(i) != TokenKind::Name {
                i += 1;
                continue;
            }
            let word = src.text_of(i).to_ascii_lowercase();
            match word.as_str() {
                "namespace" if src.prev_code(i).is_none_or(|p| !src.is(p, "\\")) => {
                    let (name, end) = qualified(src, src.next_code(i).unwrap_or(n - 1));
                    let Some(semi) = src.next_code(end).filter(|&s| src.is(s, ";")) else {
                        return Err(Refusal::at(src.line_of(i), "a braced namespace block; edit it by hand"));
                    };
                    namespaces += 1;
                    if file.class_body != (0, 0) {
                        return Err(Refusal::at(
                            src.line_of(i),
                            "a namespace declared after the class; edit it by hand",
                        ));
                    }
                    if namespaces > 1 {
                        return Err(Refusal::at(
                            src.line_of(i),
                            "more than one namespace in the file; edit it by hand",
                        ));
                    }
                    file.namespace = name;
                    file.namespace_end = Some(semi);
                    i = semi + 1;
                }
                "use" if file.class_body == (0, 0) => i = file.read_use(src, i)?,
                "class" if src.prev_code(i).is_none_or(|p| !src.is(p, "::")) => {
                    let Some(name) = src.next_code(i).filter(|&t| src.kind(t) == TokenKind::Name) else {
                        i += 1;
                        continue;
                    };
                    let open = (name..n).find(|&t| src.is(t, "{"));
                    let (Some(open), true) = (open, src.text_of(name).eq_ignore_ascii_case(CLASS)) else {
                        i = open.and_then(|o| src.partner(o)).map_or(n, |c| c + 1);
                        continue;
                    };
                    file.class_body = (open, src.partner(open).expect("paired"));
                    i = file.class_body.1 + 1;
                }
                _ => i += 1,
            }
        }
        if file.class_body == (0, 0) {
            return Err(Refusal::at(1, format!("no class {CLASS} in the file")));
        }
        Ok(file)
    }

    /// One top-level `use` statement: plain, aliased, comma lists and groups.
    fn read_use(&mut self, src: &Source, at: usize) -> Result<usize, Refusal> {
        let Some(semi) = (at..src.tokens.len()).find(|&t| src.is(t, ";")) else {
            return Err(Refusal::at(src.line_of(at), "a use statement never ends"));
        };
        let first = src.next_code(at).unwrap_or(semi);
        let kind = src.text_of(first).to_ascii_lowercase();
        if src.kind(first) == TokenKind::Name && (kind == "function" || kind == "const") {
            return Ok(semi + 1);
        }
        let mut t = first;
        let mut simple = true;
        let mut last_fq = String::new();
        while t < semi {
            let (name, end) = qualified(src, t);
            let mut next = src.next_code(end).unwrap_or(semi);
            if src.is(next, "{") || (src.is(next, "\\") && src.next_code(next).is_some_and(|b| src.is(b, "{"))) {
                let open = if src.is(next, "{") { next } else { src.next_code(next).expect("checked") };
                let close = src.partner(open).ok_or_else(|| Refusal::at(src.line_of(open), "an unclosed use group"))?;
                simple = false;
                let prefix = name.trim_end_matches('\\').to_string();
                for (a, _) in src.items(open) {
                    let (member, member_end) = qualified(src, a);
                    let alias = alias_after(src, member_end).unwrap_or_else(|| short(&member).to_string());
                    self.add(&alias, &format!("{prefix}\\{member}"));
                }
                next = src.next_code(close).unwrap_or(semi);
            } else {
                let alias = alias_after(src, end).unwrap_or_else(|| short(&name).to_string());
                if alias != short(&name) {
                    simple = false;
                }
                self.add(&alias, &name);
                last_fq = name;
                while next < semi && !src.is(next, ",") {
                    next = src.next_code(next).unwrap_or(semi);
                }
                if next < semi {
                    simple = false;
                }
            }
            t = if next < semi { src.next_code(next).unwrap_or(semi) } else { semi };
        }
        if simple && !last_fq.is_empty() {
            self.uses.push((last_fq, at, semi));
        }
        Ok(semi + 1)
    }

    fn add(&mut self, alias: &str, fq: &str) {
        self.imports.insert(alias.to_ascii_lowercase(), (alias.to_string(), fq.trim_start_matches('\\').to_string()));
    }

    /// A written class name (as in the source) to its fully qualified name.
    fn resolve(&self, written: &str) -> String {
        if let Some(abs) = written.strip_prefix('\\') {
            return abs.to_string();
        }
        let (head, rest) = written.split_once('\\').map_or((written, None), |(h, r)| (h, Some(r)));
        if let Some((_, fq)) = self.imports.get(&head.to_ascii_lowercase()) {
            return match rest {
                Some(r) => format!("{fq}\\{r}"),
                None => fq.clone(),
            };
        }
        match self.namespace.is_empty() {
            true => written.to_string(),
            false => format!("{}\\{written}", self.namespace),
        }
    }

    /// How this file can write `fq` without a new import, if it can.
    fn name_for(&self, fq: &str) -> Option<String> {
        if let Some((alias, _)) = self.imports.values().find(|(_, f)| f.eq_ignore_ascii_case(fq)) {
            return Some(alias.clone());
        }
        let (ns, name) = fq.rsplit_once('\\').unwrap_or(("", fq));
        (self.namespace.eq_ignore_ascii_case(ns) && self.is_free(name)).then(|| name.to_string())
    }

    /// Is a short name free to import (no import and not the class itself)?
    fn is_free(&self, name: &str) -> bool {
        !self.imports.contains_key(&name.to_ascii_lowercase()) && !name.eq_ignore_ascii_case(CLASS)
    }

    /// The edit adding `use fq;` among the imports: in order when they are
    /// sorted, after the last otherwise, or after the namespace when there
    /// are none. `None` when there is no good place (no namespace, no use).
    fn import_edit(&self, src: &Source, fq: &str) -> Option<Edit> {
        let line = format!("use {fq};");
        let key = |s: &str| s.to_ascii_lowercase().replace('\\', " ");
        let sorted = self.uses.windows(2).all(|w| key(&w[0].0) <= key(&w[1].0));
        let before = sorted.then(|| self.uses.iter().find(|(name, ..)| key(name) > key(fq))).flatten();
        if let Some(&(_, first, _)) = before {
            let start = src.tokens[first].span.start;
            let line_start = src.text[..start].rfind('\n').map_or(0, |p| p + 1);
            let indent = &src.text[line_start..start];
            if !indent.trim().is_empty() {
                return None;
            }
            return Some(Edit {
                range: start..start,
                replacement: format!("{line}\n{indent}"),
                line: src.line_of(first),
            });
        }
        if let Some(&(_, first, semi)) = self.uses.last() {
            let start = src.tokens[first].span.start;
            let line_start = src.text[..start].rfind('\n').map_or(0, |p| p + 1);
            let indent = &src.text[line_start..start];
            let end = src.tokens[semi].span.end;
            return indent.trim().is_empty().then(|| Edit {
                range: end..end,
                replacement: format!("\n{indent}{line}"),
                line: src.line_of(semi),
            });
        }
        let semi = self.namespace_end?;
        let end = src.tokens[semi].span.end;
        Some(Edit { range: end..end, replacement: format!("\n\n{line}"), line: src.line_of(semi) })
    }

    /// How the file writes the FormRequest's name, adding its import when
    /// the short name is free and there is a good place for it.
    fn form_request_name(&self, src: &Source, edits: &mut Vec<Edit>) -> String {
        match self.name_for(FORM_REQUEST) {
            Some(alias) => alias,
            None if self.is_free(SHORT) => match self.import_edit(src, FORM_REQUEST) {
                Some(edit) => {
                    edits.push(edit);
                    SHORT.to_string()
                }
                None => format!("\\{FORM_REQUEST}"),
            },
            None => format!("\\{FORM_REQUEST}"),
        }
    }

    /// `collectAppointment`, the plan's method, among the class's methods.
    fn method<'m>(&self, src: &Source, methods: &'m [Method]) -> Result<&'m Method, Refusal> {
        let mut named = methods.iter().filter(|m| m.name.eq_ignore_ascii_case(METHOD));
        match (named.next(), named.next()) {
            (Some(m), None) => Ok(m),
            (Some(_), Some(twice)) => Err(Refusal::at(twice.line, "collectAppointment is declared twice")),
            (None, _) => Err(Refusal::at(src.line_of(self.class_body.0), format!("{CLASS} has no method {METHOD}"))),
        }
    }

    /// Every method of the class with a body, in order.
    fn methods(&self, src: &Source) -> Result<Vec<Method>, Refusal> {
        let (open, close) = self.class_body;
        let mut methods = Vec::new();
        let mut i = open + 1;
        while i < close {
            if src.kind(i) != TokenKind::Name || !src.text_of(i).eq_ignore_ascii_case("function") {
                i += 1;
                continue;
            }
            let Some(name) = src.next_code(i).filter(|&t| src.kind(t) == TokenKind::Name) else {
                i += 1;
                continue;
            };
            let line = src.line_of(i);
            let method_name = src.text_of(name).to_string();
            let params_open = src
                .next_code(name)
                .filter(|&p| src.is(p, "("))
                .ok_or_else(|| Refusal::at(line, format!("{method_name}'s parameters are not where they should be")))?;
            let params_close = src.partner(params_open).expect("paired");
            let mut params = Vec::new();
            for (first, last) in src.items(params_open) {
                params.push(self.param(src, first, last)?);
            }
            let end = (params_close + 1..close).find(|&t| src.is(t, "{") || src.is(t, ";"));
            match end {
                Some(body_open) if src.is(body_open, "{") => {
                    let body = (body_open, src.partner(body_open).expect("paired"));
                    methods.push(Method { name: method_name, line, params_open, params, body });
                    i = body.1 + 1;
                }
                Some(semi) if method_name.eq_ignore_ascii_case(METHOD) => {
                    return Err(Refusal::at(src.line_of(semi), "collectAppointment has no body"));
                }
                Some(semi) => i = semi + 1,
                None => return Err(Refusal::at(line, format!("{method_name} has no body"))),
            }
        }
        Ok(methods)
    }

    fn param(&self, src: &Source, first: usize, last: usize) -> Result<Param, Refusal> {
        let line = src.line_of(first);
        let var = (first..=last)
            .find(|&t| src.kind(t) == TokenKind::Variable)
            .ok_or_else(|| Refusal::at(line, "a parameter without a variable"))?;
        // The type: the code tokens before the variable, less `&`, `...` and modifiers.
        let typed: Vec<usize> = (first..var)
            .filter(|&t| src.kind(t).is_code())
            .filter(|&t| !src.is(t, "&") && !src.is(t, "...") && !src.is(t, "?"))
            .filter(|&t| {
                !(src.kind(t) == TokenKind::Name
                    && ["public", "protected", "private", "readonly"]
                        .contains(&src.text_of(t).to_ascii_lowercase().as_str()))
            })
            .collect();
        let (type_span, fq_type) = match (typed.first(), typed.last()) {
            (Some(&a), Some(&b)) => {
                let written: String = (a..=b).filter(|&t| src.kind(t).is_code()).map(|t| src.text_of(t)).collect();
                let plain = typed.iter().all(|&t| src.kind(t) == TokenKind::Name || src.is(t, "\\"));
                (src.span(a, b), plain.then(|| self.resolve(&written)))
            }
            _ => (src.tokens[var].span.start..src.tokens[var].span.start, None),
        };
        Ok(Param { fq_type, type_span, var: src.text_of(var).to_string(), line })
    }
}

impl Method {
    fn param_typed(&self, fq: &str) -> Option<&Param> {
        self.params.iter().find(|p| p.fq_type.as_deref().is_some_and(|t| t.eq_ignore_ascii_case(fq)))
    }

    /// The indentation of the body's statements: its first statement's, or
    /// four spaces past the line that opens the body.
    fn indent(&self, src: &Source) -> String {
        let line_indent = |at: usize| {
            let start = src.text[..at].rfind('\n').map_or(0, |p| p + 1);
            let lead = &src.text[start..at];
            lead.chars().all(|c| c == ' ' || c == '\t').then(|| lead.to_string())
        };
        if let Some(first) = src.next_code(self.body.0).filter(|&t| t < self.body.1) {
            if let Some(indent) = line_indent(src.tokens[first].span.start) {
                return indent;
            }
        }
        let open = src.tokens[self.body.0].span.start;
        let start = src.text[..open].rfind('\n').map_or(0, |p| p + 1);
        let lead: String = src.text[start..open].chars().take_while(|c| *c == ' ' || *c == '\t').collect();
        format!("{lead}    ")
    }

    /// A method [`unwire`] rolled back: its Request parameter, the bytes of
    /// the first statement `$var = CollectAppointmentRequest::createFrom($var);`
    /// with the whitespace before it, and the FormRequest's name as written there.
    fn rebuilt(&self, src: &Source, file: &File) -> Option<(&Param, std::ops::Range<usize>, String)> {
        let param = self.param_typed(REQUEST)?;
        let first = src.next_code(self.body.0).filter(|&t| t < self.body.1)?;
        let is_var = |i: usize| src.kind(i) == TokenKind::Variable && src.text_of(i) == param.var;
        let assign = src.next_code(first).filter(|&t| is_var(first) && src.is(t, "="))?;
        let class_start = src.next_code(assign)?;
        let (written, class_end) = qualified(src, class_start);
        if written.is_empty() || !file.resolve(&written).eq_ignore_ascii_case(FORM_REQUEST) {
            return None;
        }
        let colons = src.next_code(class_end).filter(|&t| src.is(t, "::"))?;
        let name = src
            .next_code(colons)
            .filter(|&t| src.kind(t) == TokenKind::Name && src.text_of(t).eq_ignore_ascii_case("createFrom"))?;
        let open = src.next_code(name).filter(|&t| src.is(t, "("))?;
        let arg = src.next_code(open).filter(|&t| is_var(t))?;
        let close = src.next_code(arg).filter(|&t| src.is(t, ")") && src.partner(t) == Some(open))?;
        let semi = src.next_code(close).filter(|&t| src.is(t, ";"))?;
        // From the end of what precedes it (the brace, or a comment): the
        // whitespace [`unwire`] put before the statement goes with it.
        let before = (self.body.0..first).rev().find(|&i| src.kind(i) != TokenKind::Whitespace)?;
        Some((param, src.tokens[before].span.end..src.tokens[semi].span.end, written))
    }

    /// Method calls on `var` in the body: `$var->name(...)`.
    fn calls(&self, src: &Source, var: &str) -> Vec<Call> {
        let mut calls = Vec::new();
        for i in self.body.0 + 1..self.body.1 {
            if src.kind(i) != TokenKind::Variable || src.text_of(i) != var {
                continue;
            }
            let Some(arrow) = src.next_code(i).filter(|&a| src.is(a, "->") || src.is(a, "?->")) else { continue };
            let Some(name) = src.next_code(arrow).filter(|&n| src.kind(n) == TokenKind::Name) else { continue };
            let Some(open) = src.next_code(name).filter(|&o| src.is(o, "(")) else { continue };
            let close = src.partner(open).expect("paired");
            calls.push(Call {
                receiver: src.tokens[i].span.start,
                name: src.text_of(name).to_string(),
                span: src.tokens[name].span.start..src.tokens[close].span.end,
                no_args: src.next_code(open) == Some(close),
                line: src.line_of(name),
            });
        }
        calls
    }
}

/// A qualified name starting at token `i` (`\A\B`, `A\B`, `A`), with its last token.
fn qualified(src: &Source, i: usize) -> (String, usize) {
    let mut name = String::new();
    let mut end = i;
    let mut t = i;
    loop {
        let is_part = src.kind(t) == TokenKind::Name || src.is(t, "\\");
        if !is_part {
            break;
        }
        name.push_str(src.text_of(t));
        end = t;
        match src.tokens.get(t + 1) {
            Some(_) if src.kind(t + 1).is_code() => t += 1,
            _ => break,
        }
    }
    (name, end)
}

/// `as Alias` after a name.
fn alias_after(src: &Source, end: usize) -> Option<String> {
    let r#as = src.next_code(end).filter(|&a| src.text_of(a).eq_ignore_ascii_case("as"))?;
    src.next_code(r#as).filter(|&n| src.kind(n) == TokenKind::Name).map(|n| src.text_of(n).to_string())
}

fn short(fq: &str) -> &str {
    fq.rsplit('\\').next().unwrap_or(fq)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rollback::apply;

    const LAB: &str = include_str!("../../../lab/app/app/Http/Controllers/RetellFunctionCallHandler.php");

    fn wired_text(text: &str) -> String {
        apply(text, &wire(text).unwrap())
    }

    #[test]
    fn the_lab_handler_is_wired_then_unwired_and_each_is_a_fixed_point() {
        assert!(!wired(LAB).unwrap());
        let on = wired_text(LAB);
        assert!(
            on.contains("use App\\Http\\Requests\\CollectAppointmentRequest;\nuse Illuminate\\Http\\Request;"),
            "{on}"
        );
        assert!(on.contains("collectAppointment(CollectAppointmentRequest $request)"), "{on}");
        assert!(on.contains("$data = $request->getAppointmentData();"), "{on}");
        assert!(wired(&on).unwrap());
        assert!(wire(&on).unwrap().is_empty(), "wiring twice changes nothing");
        let off = apply(&on, &unwire(&on).unwrap());
        assert!(!wired(&off).unwrap());
        assert!(
            off.contains("collectAppointment(Request $request)\n    {\n        $request = CollectAppointmentRequest::createFrom($request);\n        $data = $request->getAppointmentData();"),
            "{off}"
        );
        assert!(unwire(&off).unwrap().is_empty());
        // Wiring the rolled-back file gives the wired file again.
        assert_eq!(wired_text(&off), on);
    }

    const REAL: &str = include_str!("../../../tests/data/askproai/RetellFunctionCallHandler.php");
    const REAL_REQUEST: &str = include_str!("../../../tests/data/askproai/CollectAppointmentRequest.php");

    #[test]
    fn the_real_shape_keeps_the_data_it_reads_in_every_method_and_wires_back_exactly() {
        assert!(wired(REAL).unwrap());
        let edits = unwire(REAL).unwrap();
        let off = apply(REAL, &edits);
        for method in ["collectAppointment", "checkAvailabilityV17", "bookAppointmentV17"] {
            assert!(
                off.contains(&format!("public function {method}(Request $request): JsonResponse\n    {{\n        $request = CollectAppointmentRequest::createFrom($request);\n")),
                "{method}: {off}"
            );
        }
        assert!(off.contains("handleFunctionCall(Request $request): JsonResponse\n    {\n        $name"), "{off}");
        assert_eq!(off.matches("getAppointmentData()").count(), 3, "every read kept: {off}");
        assert!(!off.contains("->all()"), "{off}");
        assert!(!wired(&off).unwrap());
        assert!(unwire(&off).unwrap().is_empty(), "rolled back twice changes nothing");
        // Wiring it again gives the file back, byte for byte.
        assert_eq!(apply(&off, &wire(&off).unwrap()), REAL);
        assert_eq!(needs_validation(REAL_REQUEST).unwrap(), None);
    }

    #[test]
    fn what_needs_the_validation_is_refused_with_its_line() {
        let validated = REAL.replace(
            "$data = $request->getAppointmentData();\n\n        return response()->json(['available'",
            "$data = $request->validated();\n\n        return response()->json(['available'",
        );
        let refusal = unwire(&validated).unwrap_err();
        assert_eq!(refusal.line, 48, "{refusal}");
        assert!(refusal.reason.contains("checkAvailabilityV17() calls $request->validated()"), "{refusal}");
        let safe = REAL
            .replace("$validatedData = $request->getAppointmentData();", "$validatedData = $request->safe()->all();");
        assert_eq!(unwire(&safe).unwrap_err().line, 24);
        let request = REAL_REQUEST.replace("$args = $this->input('args', []);", "$args = $this->validated()['args'];");
        let (what, line) = needs_validation(&request).unwrap().unwrap();
        assert_eq!((what.as_str(), line), ("getAppointmentData() reads $this->validated", 41));
        // Laravel's own hooks run only while validating: not a reason to refuse.
        let hook = REAL_REQUEST.replace(
            "    public function rules(): array",
            "    protected function passedValidation()\n    {\n        $this->replace($this->validator->validated());\n    }\n\n    public function rules(): array",
        );
        assert_eq!(needs_validation(&hook).unwrap(), None);
    }

    fn handler(uses: &str, signature: &str, body: &str) -> String {
        format!("<?php\n\nnamespace App\\Http\\Controllers;\n\n{uses}\nclass RetellFunctionCallHandler extends Controller\n{{\n    public function collectAppointment({signature})\n    {{\n{body}\n    }}\n}}\n")
    }

    #[test]
    fn a_fully_qualified_request_and_other_parameters() {
        let text = handler(
            "use Illuminate\\Support\\Facades\\Log;\n",
            "string $callId, \\Illuminate\\Http\\Request $req, int $n = 1",
            "        return $req->all();",
        );
        let on = wired_text(&text);
        assert!(on.contains("(string $callId, CollectAppointmentRequest $req, int $n = 1)"), "{on}");
        assert!(
            on.contains("use App\\Http\\Requests\\CollectAppointmentRequest;\nuse Illuminate\\Support\\Facades\\Log;"),
            "{on}"
        );
        assert!(on.contains("return $req->getAppointmentData();"));
    }

    #[test]
    fn an_unsorted_import_block_gets_the_import_last() {
        let text = handler(
            "use Illuminate\\Http\\Request;\nuse App\\Helpers\\LogSanitizer;\n",
            "Request $request",
            "        $d = $request->all();",
        );
        let on = wired_text(&text);
        assert!(
            on.contains("use App\\Helpers\\LogSanitizer;\nuse App\\Http\\Requests\\CollectAppointmentRequest;\n"),
            "{on}"
        );
    }

    #[test]
    fn an_aliased_request_and_an_existing_import_are_used() {
        let text = handler(
            "use App\\Http\\Requests\\CollectAppointmentRequest as Validated;\nuse Illuminate\\Http\\Request as HttpRequest;\n",
            "HttpRequest $r",
            "        return $r->all();",
        );
        let on = wired_text(&text);
        assert!(on.contains("collectAppointment(Validated $r)"), "{on}");
        assert_eq!(on.matches("use ").count(), 2, "no second import: {on}");
        let off = apply(&on, &unwire(&on).unwrap());
        assert!(off.contains("collectAppointment(HttpRequest $r)"), "{off}");
    }

    #[test]
    fn a_taken_short_name_means_a_fully_qualified_type() {
        let text = handler(
            "use Illuminate\\Http\\Request;\nuse Legacy\\CollectAppointmentRequest;\n",
            "Request $request",
            "        return $request->all();",
        );
        let on = wired_text(&text);
        assert!(on.contains("collectAppointment(\\App\\Http\\Requests\\CollectAppointmentRequest $request)"), "{on}");
        assert!(wired(&on).unwrap());
    }

    #[test]
    fn a_group_use_and_another_namespace_layout() {
        let text = "<?php\nnamespace App\\Http\\Controllers\\Api\\Retell;\n\nuse Illuminate\\{Http\\Request, Support\\Facades\\Log};\n\nfinal class RetellFunctionCallHandler {\n  public function collectAppointment(Request $request): \\Illuminate\\Http\\JsonResponse {\n    return response()->json($request->all());\n  }\n}\n";
        assert!(!wired(text).unwrap());
        let on = wired_text(text);
        assert!(on.contains("collectAppointment(CollectAppointmentRequest $request): \\Illuminate"), "{on}");
        assert!(wired(&on).unwrap());
    }

    #[test]
    fn the_same_namespace_needs_no_import() {
        let text = "<?php\nnamespace App\\Http\\Requests;\n\nuse Illuminate\\Http\\Request;\n\nclass RetellFunctionCallHandler {\n  public function collectAppointment(Request $request) { return $request->all(); }\n}\n";
        let on = wired_text(text);
        assert_eq!(on.matches("use ").count(), 1, "{on}");
        assert!(on.contains("collectAppointment(CollectAppointmentRequest $request)"));
    }

    #[test]
    fn shapes_not_expected_are_refused_with_their_line() {
        let untyped = handler("use Illuminate\\Http\\Request;\n", "$request", "        return $request->all();");
        assert_eq!(wire(&untyped).unwrap_err().line, 9);
        let subset = handler(
            "use Illuminate\\Http\\Request;\n",
            "Request $request",
            "\n        return $request->all(['name']);",
        );
        let refusal = wire(&subset).unwrap_err();
        assert_eq!(refusal.line, 12, "{refusal}");
        let union = handler("use Illuminate\\Http\\Request;\n", "Request|array $request", "");
        assert!(wire(&union).is_err());
        let missing = "<?php\nclass RetellFunctionCallHandler {\n  public function other(Request $r) {}\n}\n";
        assert!(wire(missing).unwrap_err().reason.contains("no method"));
        assert!(wire("<?php\nclass Other {}\n").unwrap_err().reason.contains("no class"));
        let validated = "<?php\nuse App\\Http\\Requests\\CollectAppointmentRequest;\nclass RetellFunctionCallHandler {\n  public function collectAppointment(CollectAppointmentRequest $r) {\n    return $r->validated();\n  }\n}\n";
        assert_eq!(unwire(validated).unwrap_err().line, 5);
    }

    #[test]
    fn a_comment_or_string_naming_the_request_is_not_a_parameter() {
        let text = handler(
            "use Illuminate\\Http\\Request;\n",
            "/* CollectAppointmentRequest */ Request $request",
            "        // $request->all() in a comment\n        return \"$request->all()\";",
        );
        let on = wired_text(&text);
        assert!(on.contains("// $request->all() in a comment"), "{on}");
        assert!(wired(&on).unwrap());
    }
}
