//! The house's rules, read from the code itself: no import circle between
//! files of `src/`, and no command importing another command's module.
//!
//! Every path a file names (its `use` trees, the paths in its code and in
//! its macros' arguments) is resolved to the file that defines what it
//! names: through `crate::`, `super::`, `self::`, a module the file
//! imported, or a child module, and through a module's `pub use`
//! re-exports to where the item lives. Test code (`#[cfg(test)]`) is left
//! out: a test may reach anywhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use syn::visit::Visit;

type ModPath = Vec<String>;

/// One file of `src/`: its module path and what it names.
struct Source {
    file: PathBuf,
    module: ModPath,
    /// Paths named in code and `use` trees, as written.
    named: Vec<Vec<String>>,
    /// What a `use` brings into scope: local name → path as written.
    imported: BTreeMap<String, Vec<String>>,
    /// What a `pub use` re-exports: name → path as written.
    reexported: BTreeMap<String, Vec<String>>,
    /// Child modules declared only for tests.
    test_children: BTreeSet<String>,
}

fn is_test(attrs: &[syn::Attribute]) -> bool {
    // `cfg(test)`, `cfg(all(test, …))`; never `cfg(not(test))`, the crate's own code.
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && a.meta.require_list().is_ok_and(|l| {
                let t = l.tokens.to_string();
                t.contains("test") && !t.contains("not")
            })
    })
}

/// The leaves of a use tree: (path, local name; `*` for a glob).
fn leaves(tree: &syn::UseTree, prefix: &mut Vec<String>, out: &mut Vec<(Vec<String>, String)>) {
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            leaves(&p.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Name(n) => {
            let name = n.ident.to_string();
            match name.as_str() {
                "self" => out.push((prefix.clone(), prefix.last().cloned().unwrap_or_default())),
                _ => out.push(([prefix.clone(), vec![name.clone()]].concat(), name)),
            }
        }
        syn::UseTree::Rename(r) => {
            let name = r.ident.to_string();
            let path = match name.as_str() {
                "self" => prefix.clone(),
                _ => [prefix.clone(), vec![name]].concat(),
            };
            out.push((path, r.rename.to_string()));
        }
        syn::UseTree::Glob(_) => out.push((prefix.clone(), "*".into())),
        syn::UseTree::Group(g) => {
            for t in &g.items {
                leaves(t, prefix, out);
            }
        }
    }
}

struct Collector<'a> {
    source: &'a mut Source,
}

impl<'ast> Visit<'ast> for Collector<'_> {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let attrs: &[syn::Attribute] = match item {
            syn::Item::Mod(m) => &m.attrs,
            syn::Item::Fn(f) => &f.attrs,
            syn::Item::Impl(i) => &i.attrs,
            syn::Item::Use(u) => &u.attrs,
            syn::Item::Const(c) => &c.attrs,
            syn::Item::Static(s) => &s.attrs,
            syn::Item::Struct(s) => &s.attrs,
            syn::Item::Enum(e) => &e.attrs,
            syn::Item::Trait(t) => &t.attrs,
            syn::Item::Macro(m) => &m.attrs,
            _ => &[],
        };
        if is_test(attrs) {
            if let syn::Item::Mod(m) = item {
                self.source.test_children.insert(m.ident.to_string());
            }
            return;
        }
        syn::visit::visit_item(self, item);
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        let mut out = Vec::new();
        leaves(&u.tree, &mut Vec::new(), &mut out);
        let public = !matches!(u.vis, syn::Visibility::Inherited);
        for (path, name) in out {
            if name != "*" {
                self.source.imported.insert(name.clone(), path.clone());
                if public {
                    self.source.reexported.insert(name, path.clone());
                }
            }
            self.source.named.push(path);
        }
    }

    fn visit_path(&mut self, p: &'ast syn::Path) {
        // One segment is a local name (a variable, a function, a type in
        // scope), never a module: what it names was imported by a `use`.
        if p.segments.len() > 1 {
            self.source.named.push(p.segments.iter().map(|s| s.ident.to_string()).collect());
        }
        syn::visit::visit_path(self, p);
    }

    /// `pub(super)`, `pub(in crate::x)`: a visibility, not a use.
    fn visit_visibility(&mut self, _: &'ast syn::Visibility) {}

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        // Paths among a macro's arguments (format!, json!, matches!): runs
        // of `ident :: ident …`.
        let tokens: Vec<proc_macro2::TokenTree> = flatten(m.tokens.clone());
        let mut i = 0;
        while i < tokens.len() {
            if let proc_macro2::TokenTree::Ident(first) = &tokens[i] {
                let mut path = vec![first.to_string()];
                let mut j = i + 1;
                while j + 2 < tokens.len() && is_colon(&tokens[j]) && is_colon(&tokens[j + 1]) {
                    match &tokens[j + 2] {
                        proc_macro2::TokenTree::Ident(next) => path.push(next.to_string()),
                        _ => break,
                    }
                    j += 3;
                }
                if path.len() > 1 {
                    self.source.named.push(path);
                    i = j;
                    continue;
                }
            }
            i += 1;
        }
        syn::visit::visit_macro(self, m);
    }
}

fn is_colon(t: &proc_macro2::TokenTree) -> bool {
    matches!(t, proc_macro2::TokenTree::Punct(p) if p.as_char() == ':')
}

fn flatten(stream: proc_macro2::TokenStream) -> Vec<proc_macro2::TokenTree> {
    let mut out = Vec::new();
    for t in stream {
        match t {
            proc_macro2::TokenTree::Group(g) => {
                out.push(proc_macro2::TokenTree::Punct(proc_macro2::Punct::new(';', proc_macro2::Spacing::Alone)));
                out.extend(flatten(g.stream()));
                out.push(proc_macro2::TokenTree::Punct(proc_macro2::Punct::new(';', proc_macro2::Spacing::Alone)));
            }
            t => out.push(t),
        }
    }
    out
}

fn module_of(src: &Path, file: &Path) -> ModPath {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    parts
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The crate's files and the edges between them: file → (file it names,
/// a path that names it).
pub struct House {
    pub files: Vec<String>,
    pub edges: BTreeMap<usize, BTreeMap<usize, String>>,
}

impl House {
    pub fn read(src: &Path) -> House {
        let mut paths = Vec::new();
        rust_files(src, &mut paths);
        // The binary names the library as an outside crate would.
        paths.retain(|p| p != &src.join("main.rs"));
        paths.sort();
        let mut sources: Vec<Source> = paths
            .iter()
            .map(|file| {
                let text = std::fs::read_to_string(file).unwrap();
                let parsed = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
                let mut source = Source {
                    file: file.clone(),
                    module: module_of(src, file),
                    named: Vec::new(),
                    imported: BTreeMap::new(),
                    reexported: BTreeMap::new(),
                    test_children: BTreeSet::new(),
                };
                Collector { source: &mut source }.visit_file(&parsed);
                source
            })
            .collect();
        // Files only tests compile are out.
        let test_modules: Vec<ModPath> = sources
            .iter()
            .flat_map(|s| s.test_children.iter().map(|c| [s.module.clone(), vec![c.clone()]].concat()))
            .collect();
        sources.retain(|s| !test_modules.iter().any(|t| s.module.starts_with(t)));
        let by_module: BTreeMap<ModPath, usize> =
            sources.iter().enumerate().map(|(i, s)| (s.module.clone(), i)).collect();
        let files: Vec<String> =
            sources.iter().map(|s| s.file.strip_prefix(src).unwrap().display().to_string()).collect();
        let mut edges: BTreeMap<usize, BTreeMap<usize, String>> = BTreeMap::new();
        for (i, s) in sources.iter().enumerate() {
            for named in &s.named {
                let Some(absolute) = absolute(&sources, &by_module, i, named, true) else { continue };
                if let Some(target) = resolve(&sources, &by_module, &absolute, 0) {
                    if target != i {
                        edges.entry(i).or_default().entry(target).or_insert_with(|| named.join("::"));
                    }
                }
            }
        }
        House { files, edges }
    }

    /// The circles: each strongly connected set of more than one file.
    pub fn circles(&self) -> Vec<Vec<usize>> {
        // Tarjan's algorithm, iterative enough for a crate's depth.
        struct State<'a> {
            edges: &'a BTreeMap<usize, BTreeMap<usize, String>>,
            index: BTreeMap<usize, usize>,
            low: BTreeMap<usize, usize>,
            stack: Vec<usize>,
            on: BTreeSet<usize>,
            next: usize,
            out: Vec<Vec<usize>>,
        }
        fn visit(st: &mut State, v: usize) {
            st.index.insert(v, st.next);
            st.low.insert(v, st.next);
            st.next += 1;
            st.stack.push(v);
            st.on.insert(v);
            let targets: Vec<usize> = st.edges.get(&v).map(|m| m.keys().copied().collect()).unwrap_or_default();
            for w in targets {
                if !st.index.contains_key(&w) {
                    visit(st, w);
                    let low = st.low[&v].min(st.low[&w]);
                    st.low.insert(v, low);
                } else if st.on.contains(&w) {
                    let low = st.low[&v].min(st.index[&w]);
                    st.low.insert(v, low);
                }
            }
            if st.low[&v] == st.index[&v] {
                let mut set = Vec::new();
                while let Some(w) = st.stack.pop() {
                    st.on.remove(&w);
                    set.push(w);
                    if w == v {
                        break;
                    }
                }
                if set.len() > 1 {
                    set.sort();
                    st.out.push(set);
                }
            }
        }
        let mut st = State {
            edges: &self.edges,
            index: BTreeMap::new(),
            low: BTreeMap::new(),
            stack: Vec::new(),
            on: BTreeSet::new(),
            next: 0,
            out: Vec::new(),
        };
        for v in 0..self.files.len() {
            if !st.index.contains_key(&v) {
                visit(&mut st, v);
            }
        }
        st.out
    }

    /// A circle shown with the path behind each of its arrows.
    pub fn shown(&self, circle: &[usize]) -> String {
        let mut lines = Vec::new();
        for &a in circle {
            for (&b, path) in self.edges.get(&a).into_iter().flatten() {
                if circle.contains(&b) {
                    lines.push(format!("  {} → {} ({path})", self.files[a], self.files[b]));
                }
            }
        }
        lines.join("\n")
    }
}

/// `named`, as written in file `at`, as a path from the crate's root; `None`
/// for what lies outside the crate.
fn absolute(
    sources: &[Source],
    by_module: &BTreeMap<ModPath, usize>,
    at: usize,
    named: &[String],
    follow_imports: bool,
) -> Option<ModPath> {
    let me = &sources[at].module;
    let (first, rest) = named.split_first()?;
    match first.as_str() {
        "crate" => Some(rest.to_vec()),
        "self" => Some([me.clone(), rest.to_vec()].concat()),
        "super" => {
            let mut base = me.clone();
            let mut rest = named;
            while rest.first().is_some_and(|s| s == "super") {
                base.pop();
                rest = &rest[1..];
            }
            Some([base, rest.to_vec()].concat())
        }
        _ => {
            let child = [me.clone(), vec![first.clone()]].concat();
            if by_module.contains_key(&child) {
                return Some([child, rest.to_vec()].concat());
            }
            if follow_imports {
                if let Some(imported) = sources[at].imported.get(first) {
                    if imported.as_slice() != named {
                        let base = absolute(sources, by_module, at, imported, false)?;
                        return Some([base, rest.to_vec()].concat());
                    }
                }
            }
            None
        }
    }
}

/// The file that defines what `path` (from the crate's root) names,
/// following re-exports.
fn resolve(sources: &[Source], by_module: &BTreeMap<ModPath, usize>, path: &[String], depth: usize) -> Option<usize> {
    let mut current = *by_module.get(&Vec::new())?;
    let mut module: ModPath = Vec::new();
    for seg in path {
        let deeper = [module.clone(), vec![seg.clone()]].concat();
        if let Some(&file) = by_module.get(&deeper) {
            current = file;
            module = deeper;
            continue;
        }
        if depth < 8 {
            if let Some(target) = sources[current].reexported.get(seg) {
                let target = absolute(sources, by_module, current, target, false)?;
                return resolve(sources, by_module, &target, depth + 1);
            }
        }
        break;
    }
    (!module.is_empty()).then_some(current)
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn no_file_of_src_imports_in_a_circle() {
    let house = House::read(&src());
    let circles = house.circles();
    let shown: Vec<String> = circles.iter().map(|c| house.shown(c)).collect();
    assert!(circles.is_empty(), "{} circle(s) between files of src/:\n{}", circles.len(), shown.join("\n\n"));
}

/// The checker itself: a circle made on purpose (two files naming each
/// other, one through a re-export) is found.
#[test]
fn a_circle_made_on_purpose_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::create_dir_all(src.join("ops")).unwrap();
    std::fs::write(src.join("lib.rs"), "pub mod ops;\npub mod core;\n").unwrap();
    std::fs::write(src.join("core.rs"), "pub fn pure() {}\n").unwrap();
    std::fs::write(src.join("ops/mod.rs"), "pub mod a;\nmod b;\npub use b::Thing;\n").unwrap();
    std::fs::write(
        src.join("ops/a.rs"),
        "use crate::ops::Thing;\npub fn a() -> Thing { crate::core::pure(); Thing }\n",
    )
    .unwrap();
    std::fs::write(src.join("ops/b.rs"), "pub struct Thing;\n#[cfg(test)]\nmod tests { use super::super::a; }\n")
        .unwrap();
    assert!(House::read(src).circles().is_empty(), "a test module's import is no circle");
    std::fs::write(src.join("ops/b.rs"), "pub struct Thing;\nfn b() { let _ = format!(\"{:?}\", super::a::a()); }\n")
        .unwrap();
    let house = House::read(src);
    let circles = house.circles();
    assert_eq!(circles.len(), 1, "{}", circles.iter().map(|c| house.shown(c)).collect::<Vec<_>>().join("\n"));
    let files: Vec<&str> = circles[0].iter().map(|&i| house.files[i].as_str()).collect();
    assert_eq!(files, ["ops/a.rs", "ops/b.rs"]);
}

#[test]
fn no_command_imports_another_commands_module() {
    let house = House::read(&src());
    let command = |f: &str| f.starts_with("commands/") && f != "commands/mod.rs";
    let mut found = Vec::new();
    for (&a, targets) in &house.edges {
        for (&b, path) in targets {
            if command(&house.files[a]) && command(&house.files[b]) {
                found.push(format!("{} → {} ({path})", house.files[a], house.files[b]));
            }
        }
    }
    assert!(found.is_empty(), "a command calls another command: {found:#?}");
}
/// No file under src/core/ over 900 lines, its tests left out.
#[test]
fn no_core_file_is_over_900_lines() {
    let mut files = Vec::new();
    rust_files(&src().join("core"), &mut files);
    let mut long = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let code = text.split("\n#[cfg(test)]\nmod tests").next().unwrap_or(&text);
        let lines = code.lines().count();
        if lines > 900 && !file.to_string_lossy().ends_with("_tests.rs") {
            long.push(format!("{}: {lines}", file.display()));
        }
    }
    assert!(long.is_empty(), "{long:?}");
}
