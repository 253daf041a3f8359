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

/// Each page's problems: relative links that resolve to nothing, and
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
                let external = dest.contains("://") || dest.starts_with("mailto:") || dest.starts_with('#');
                let file = dest.split('#').next().unwrap_or_default();
                if !external && !file.is_empty() && !page.parent().unwrap().join(file).exists() {
                    let line = text[..range.start].lines().count().max(1);
                    out.push(format!("{}:{line}: link to {dest} resolves to nothing", page.display()));
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
    let text = "# x\n\nSee [the guide](docs/nowhere.md) and [it](README.md).\n\nrows:\n| `a` | b |\n| `c` | d |\n";
    let found = problems(&page, text);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(found[0].contains("docs/nowhere.md"), "{found:#?}");
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

/// docs/config.md: every key of the template `init --stdout` writes, its
/// default and its meaning (the comment above it), by section.
fn config_page() -> String {
    let template = gatewayctl::settings::TEMPLATE;
    let mut out = String::from(
        "# Configuration: gatewayctl.toml\n\n\
         Every key, its default and its meaning, generated from the template\n\
         `gatewayctl init` writes (`gatewayctl init --stdout` prints it; a test fails\n\
         when this page drifts from it: `UPDATE_DOCS=1 cargo nextest run -E 'test(/docs::/)'`).\n\
         `gatewayctl config check` checks a file.\n",
    );
    let mut comment: Vec<String> = Vec::new();
    let mut last_meaning = String::new();
    let mut header_done = false;
    let mut after_key = false;
    for line in template.lines() {
        let trimmed = line.trim();
        if let Some(c) = trimmed.strip_prefix('#') {
            if !header_done {
                continue;
            }
            comment.push(c.trim().to_string());
            after_key = false;
            continue;
        }
        if trimmed.is_empty() {
            comment.clear();
            after_key = false;
            continue;
        }
        if trimmed.starts_with('[') {
            header_done = true;
            let about = comment.join(" ");
            out.push_str(&format!("\n## `{trimmed}`\n\n"));
            if !about.is_empty() {
                out.push_str(&format!("{about}\n\n"));
            }
            out.push_str("| key | default | meaning |\n|---|---|---|\n");
            comment.clear();
            after_key = false;
            continue;
        }
        if let Some((key, value)) = trimmed.split_once('=') {
            let meaning = match (comment.is_empty(), after_key) {
                (false, _) => comment.join(" "),
                // Keys written together share the comment above them.
                (true, true) => last_meaning.clone(),
                (true, false) => String::new(),
            };
            let cell = |s: &str| s.replace('|', "\\|");
            out.push_str(&format!("| `{}` | `{}` | {} |\n", key.trim(), cell(value.trim()), cell(&meaning)));
            last_meaning = meaning;
            comment.clear();
            after_key = true;
        }
    }
    out
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
