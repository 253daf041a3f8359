//! The documentation holds together: every relative link resolves, every
//! table has a header row, the README opens with its two commands, and
//! docs/config.md is generated from the config template `init` writes
//! (UPDATE_DOCS=1 rewrites it).

use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// README.md and every Markdown file under docs/.
fn pages() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    let mut out = vec![root().join("README.md")];
    walk(&root().join("docs"), &mut out);
    out.sort();
    out
}

fn options() -> Options {
    Options::ENABLE_TABLES
}

/// The anchors a page's headings get, as GitHub makes them: the heading's
/// text lowercased, punctuation dropped, each space a hyphen, and a repeated
/// one numbered (`-1`, `-2`).
fn anchors(text: &str) -> std::collections::HashSet<String> {
    let mut out = std::collections::HashSet::new();
    let mut heading: Option<String> = None;
    for event in Parser::new_ext(text, options()) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let h = heading.take().unwrap_or_default();
                let slug: String = h
                    .to_lowercase()
                    .chars()
                    .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
                    .map(|c| if c == ' ' { '-' } else { c })
                    .collect();
                let mut candidate = slug.clone();
                let mut n = 0;
                while out.contains(&candidate) {
                    n += 1;
                    candidate = format!("{slug}-{n}");
                }
                out.insert(candidate);
            }
            _ => {}
        }
    }
    out
}

/// Each page's problems: relative links that resolve to nothing (a file,
/// or a heading's anchor in a Markdown page), and
/// table-like lines (`| … |`) that are no table's (no header row above
/// them, so they render as text).
fn problems(page: &Path, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut tables: Vec<std::ops::Range<usize>> = Vec::new();
    let mut code: Vec<std::ops::Range<usize>> = Vec::new();
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Table(_)) => tables.push(range),
            Event::Start(Tag::CodeBlock(_)) => code.push(range),
            Event::Start(Tag::Link { dest_url, .. }) => {
                let dest = dest_url.to_string();
                let (file, fragment) = dest.split_once('#').unwrap_or((&dest, ""));
                let line = text[..range.start].lines().count().max(1);
                let target = if file.is_empty() { page.to_path_buf() } else { page.parent().unwrap().join(file) };
                let external = dest.contains("://") || dest.starts_with("mailto:");
                if external {
                    continue;
                }
                if !target.exists() {
                    out.push(format!("{}:{line}: link to {dest} resolves to nothing", page.display()));
                } else if !fragment.is_empty() && target.extension().is_some_and(|e| e == "md") {
                    let target_text =
                        if file.is_empty() { text.to_string() } else { std::fs::read_to_string(&target).unwrap() };
                    if !anchors(&target_text).contains(fragment) {
                        out.push(format!(
                            "{}:{line}: link to {dest}: no heading there has that anchor",
                            page.display()
                        ));
                    }
                }
            }
            Event::End(TagEnd::Table) => {}
            _ => {}
        }
    }
    let mut at = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let inside = |ranges: &[std::ops::Range<usize>]| ranges.iter().any(|r| r.contains(&at));
        if line.trim_start().starts_with('|') && !inside(&tables) && !inside(&code) {
            out.push(format!("{}:{}: a table row with no table (no header row above it)", page.display(), n + 1));
        }
        at += line.len();
    }
    out
}

#[test]
fn every_link_resolves_and_every_table_has_a_header() {
    let mut found = Vec::new();
    for page in pages() {
        let text = std::fs::read_to_string(&page).unwrap();
        found.extend(problems(&page, &text));
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The checks themselves: a broken link and a headless table are found.
#[test]
fn a_broken_link_and_a_headless_table_are_found() {
    let page = root().join("README.md");
    let text = "# x\n\n## `a b` c?\n\nSee [the guide](docs/nowhere.md) and [it](README.md), [here](#a-b-c), [gone](#nowhere).\n\nrows:\n| `a` | b |\n| `c` | d |\n";
    let found = problems(&page, text);
    assert_eq!(found.len(), 4, "{found:#?}");
    assert!(found[0].contains("docs/nowhere.md"), "{found:#?}");
    assert!(found[1].contains("#nowhere: no heading"), "{found:#?}");
    let fine = "| a | b |\n|---|---|\n| c | d |\n\n```\n| not a table |\n```\n";
    assert!(problems(&page, fine).is_empty(), "{:#?}", problems(&page, fine));
}

/// The README's first code block is its two commands: the main job on the
/// lab, and the tests (what CI runs).
#[test]
fn the_readme_opens_with_its_two_commands() {
    let text = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut in_code = false;
    let mut first = String::new();
    for event in Parser::new_ext(&text, options()) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::Text(t) if in_code => first.push_str(&t),
            Event::End(TagEnd::CodeBlock) => break,
            _ => {}
        }
    }
    let commands: Vec<&str> = first.lines().filter_map(|l| l.split('#').next()).map(str::trim).collect();
    assert_eq!(commands, ["bash scripts/rehearse.sh", "bash scripts/test.sh"], "{first}");
}

/// One row of docs/config.md: keys written together, their defaults, and
/// the comment above them. `optional` keys are commented out in the
/// template: unset unless written, their value an example.
struct Row {
    keys: Vec<String>,
    values: Vec<String>,
    meaning: String,
    optional: bool,
}

/// A section of docs/config.md: a `[table]`, or a `[[array]]` whose
/// elements become one row each.
struct Section {
    header: String,
    about: String,
    rows: Vec<Row>,
    elements: Vec<Vec<(String, String)>>,
}

/// A value and the note after it: `"raw"   # or "laravel-cache"` gives
/// (`"raw"`, `or "laravel-cache"`). A `#` inside a string is the string's.
fn value_and_note(text: &str) -> (String, String) {
    let mut quote = None;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(_), '\\') if !escaped => {
                escaped = true;
                continue;
            }
            (Some(q), c) if c == q && !escaped => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') => return (text[..i].trim().to_string(), text[i + 1..].trim().to_string()),
            _ => {}
        }
        escaped = false;
    }
    (text.trim().to_string(), String::new())
}

/// Brackets still open in a value written over several lines.
fn open_brackets(text: &str) -> i32 {
    let (value, _) = value_and_note(text);
    let mut quote = None;
    let mut depth = 0;
    for c in value.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => depth -= 1,
            _ => {}
        }
    }
    depth
}

/// The template read as docs: sections, their keys (commented-out ones
/// too), defaults, and meanings. A comment block is the meaning of the keys
/// written right under it with no blank line; above a header, it is the
/// section's.
fn config_sections(template: &str) -> Vec<Section> {
    let key_line = |line: &str| -> Option<(String, String)> {
        let (key, rest) = line.split_once('=')?;
        let key = key.trim();
        let plain = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        plain.then(|| (key.to_string(), rest.trim().to_string()))
    };
    let header_line = |line: &str| -> Option<String> {
        let h = line.trim();
        (h.starts_with('[') && h.ends_with(']') && !h.contains(' ') && !h.contains('"')).then(|| h.to_string())
    };
    let mut sections: Vec<Section> = Vec::new();
    let mut prose: Vec<String> = Vec::new();
    // Whether the line before was a key of the current row (the next key
    // joins it).
    let mut joinable = false;
    let mut lines = template.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            prose.clear();
            joinable = false;
            continue;
        }
        let (commented, body) = match trimmed.strip_prefix('#') {
            Some(rest) => (true, rest.trim()),
            None => (false, trimmed),
        };
        if let Some(header) = header_line(body) {
            let about = prose.join(" ");
            prose.clear();
            joinable = false;
            let header = if commented { format!("{header} (optional)") } else { header };
            if header.starts_with("[[") && sections.last().is_some_and(|s| s.header == header) {
                sections.last_mut().unwrap().elements.push(Vec::new());
                continue;
            }
            let array = header.starts_with("[[") && !commented;
            sections.push(Section {
                header,
                about,
                rows: Vec::new(),
                elements: if array { vec![Vec::new()] } else { Vec::new() },
            });
            continue;
        }
        let Some(section) = sections.last_mut() else { continue };
        let Some((key, mut rest)) = key_line(body) else {
            if commented {
                prose.push(body.to_string());
                joinable = false;
            }
            continue;
        };
        while open_brackets(&rest) > 0 {
            let Some(next) = lines.next() else { break };
            let next = next.trim().trim_start_matches('#').trim();
            let sep = if rest.ends_with('[') || rest.ends_with('{') || next.starts_with(']') || next.starts_with('}') {
                ""
            } else {
                " "
            };
            rest = format!("{rest}{sep}{next}");
        }
        let (value, note) = value_and_note(&rest);
        let value = value.replace(",]", "]").replace(", ]", "]");
        if let Some(element) = section.elements.last_mut() {
            element.push((key, value));
            continue;
        }
        let meaning =
            [prose.join(" "), note.clone()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ");
        match section.rows.last_mut() {
            Some(row) if joinable && prose.is_empty() && note.is_empty() && row.optional == commented => {
                row.keys.push(key);
                row.values.push(value);
            }
            _ => section.rows.push(Row { keys: vec![key], values: vec![value], meaning, optional: commented }),
        }
        prose.clear();
        // A key with a note of its own stands alone: the note is its meaning.
        joinable = note.is_empty();
    }
    sections
}

/// docs/config.md: every key of the template `init --stdout` writes, its
/// default and its meaning, by section.
fn config_page() -> String {
    let mut out = String::from(
        "# Configuration: gatewayctl.toml\n\n\
         Every key, its default and its meaning, generated from the template\n\
         `gatewayctl init` writes (`gatewayctl init --stdout` prints it; a test fails\n\
         when this page drifts from it: `UPDATE_DOCS=1 cargo nextest run -E 'test(/docs::/)'`).\n\
         `gatewayctl config check` checks a file. A key marked *unset* is commented\n\
         out in the template: its value there is an example, and without it the\n\
         preset or the section above decides. The limiter's dimensions are explained\n\
         in [the limiter's shape](gateways.md#the-limiters-shape-one-model-two-gateways).\n",
    );
    let cell = |s: &str| s.replace('|', "\\|");
    let code = |s: &str| format!("`{}`", cell(s));
    for section in config_sections(gatewayctl::settings::TEMPLATE) {
        out.push_str(&format!("\n## `{}`\n\n", section.header.trim_end_matches(" (optional)")));
        if section.header.ends_with("(optional)") {
            out.push_str("Optional: commented out in the template.\n\n");
        }
        if !section.about.is_empty() {
            out.push_str(&format!("{}\n\n", cell(&section.about)));
        }
        if !section.elements.is_empty() {
            let mut columns: Vec<&str> = Vec::new();
            for element in &section.elements {
                for (key, _) in element {
                    if !columns.contains(&key.as_str()) {
                        columns.push(key);
                    }
                }
            }
            out.push_str(&format!(
                "The template's {} elements, in order:\n\n| {} |\n|{}\n",
                section.elements.len(),
                columns.iter().map(|c| code(c)).collect::<Vec<_>>().join(" | "),
                "---|".repeat(columns.len())
            ));
            for element in &section.elements {
                let cells: Vec<String> = columns
                    .iter()
                    .map(|c| element.iter().find(|(k, _)| k == c).map(|(_, v)| code(v)).unwrap_or_default())
                    .collect();
                out.push_str(&format!("| {} |\n", cells.join(" | ")));
            }
            continue;
        }
        out.push_str("| key | default | meaning |\n|---|---|---|\n");
        for row in &section.rows {
            let keys = row.keys.iter().map(|k| code(k)).collect::<Vec<_>>().join(", ");
            let values = row.values.iter().map(|v| code(v)).collect::<Vec<_>>().join(", ");
            let values = if row.optional { format!("*unset* (e.g. {values})") } else { values };
            out.push_str(&format!("| {keys} | {values} | {} |\n", cell(&row.meaning)));
        }
    }
    out
}

/// Every key of the template has a meaning on the page: a key with none
/// is a key the docs do not explain.
#[test]
fn every_config_key_has_a_meaning() {
    let bare: Vec<String> = config_sections(gatewayctl::settings::TEMPLATE)
        .iter()
        .flat_map(|s| {
            s.rows.iter().filter(|r| r.meaning.is_empty()).map(move |r| format!("{} {}", s.header, r.keys.join(", ")))
        })
        .collect();
    assert!(bare.is_empty(), "keys with no comment in the template: {bare:#?}");
}

#[test]
fn the_config_page_is_the_template() {
    let path = root().join("docs/config.md");
    let page = config_page();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &page).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == page,
        "docs/config.md drifted from the config template: run `UPDATE_DOCS=1 cargo nextest run -E 'test(/docs::/)'`"
    );
}
