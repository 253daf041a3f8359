//! docs/reference/: one page per command, rendered from the clap definitions
//! by clap-markdown, and an index of them. The committed pages equal what
//! the CLI generates now: run with UPDATE_REFERENCE=1 to rewrite them after
//! changing the CLI.

use std::path::{Path, PathBuf};

use clap::CommandFactory;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/reference")
}

/// Every page, as (file name, text): the index first.
fn pages() -> Vec<(String, String)> {
    // Unbuilt: each page names its commands as a reader types them
    // (`rollback emergency`); the global options are listed once, here.
    let cli = gatewayctl::cli::Cli::command();
    let mut index = String::from(
        "# Command reference\n\n\
         One page per command, generated from gatewayctl's own command-line definitions\n\
         (`UPDATE_REFERENCE=1 cargo nextest run -E 'test(/reference::/)'` rewrites them;\n\
         a test fails when they drift). `gatewayctl <command> --help` prints the same.\n\n\
         Every command also takes the global options, listed once below.\n\n\
         | Command | What it does |\n|---|---|\n",
    );
    let mut pages = Vec::new();
    for sub in cli.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
        let name = sub.get_name();
        let options = clap_markdown::MarkdownOptions::new()
            .title(format!("gatewayctl {name}"))
            .show_footer(false)
            .show_table_of_contents(sub.has_subcommands());
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default().replace('|', "\\|");
        index.push_str(&format!("| [`{name}`]({name}.md) | {about} |\n"));
        // Usage as typed, with the program's name.
        let page = clap_markdown::help_markdown_command_custom(sub, &options)
            .replace("**Usage:** `", "**Usage:** `gatewayctl ");
        pages.push((format!("{name}.md"), page));
    }
    index.push_str("\n## Global options\n\n");
    for arg in cli.get_arguments().filter(|a| a.is_global_set()) {
        let long = arg.get_long().map(|l| format!("--{l}")).unwrap_or_default();
        let short = arg.get_short().map(|s| format!("-{s}, ")).unwrap_or_default();
        let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
        index.push_str(&format!("* `{short}{long}` — {help}\n"));
    }
    pages.insert(0, ("README.md".into(), index));
    pages
}

#[test]
fn the_committed_reference_is_what_the_cli_generates() {
    let dir = dir();
    let pages = pages();
    if std::env::var_os("UPDATE_REFERENCE").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            if entry.path().extension().is_some_and(|e| e == "md") {
                std::fs::remove_file(entry.path()).unwrap();
            }
        }
        for (name, text) in &pages {
            std::fs::write(dir.join(name), text).unwrap();
        }
        return;
    }
    let mut drifted = Vec::new();
    for (name, text) in &pages {
        if std::fs::read_to_string(dir.join(name)).ok().as_deref() != Some(text.as_str()) {
            drifted.push(name.clone());
        }
    }
    // A page of a command that is gone is drift too.
    let mut committed: Vec<String> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    committed.retain(|f| f.ends_with(".md") && !pages.iter().any(|(n, _)| n == f));
    drifted.extend(committed);
    assert!(
        drifted.is_empty(),
        "docs/reference/ drifted from the CLI ({drifted:?}): run `UPDATE_REFERENCE=1 cargo nextest run -E 'test(/reference::/)'`"
    );
}

/// Every subcommand the CLI has, hidden ones aside, has its page, and the
/// index links each.
#[test]
fn every_subcommand_has_a_page() {
    let mut cli = gatewayctl::cli::Cli::command();
    cli.build();
    let index = std::fs::read_to_string(dir().join("README.md")).unwrap_or_default();
    let mut missing = Vec::new();
    for sub in cli.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
        let name = sub.get_name();
        if !dir().join(format!("{name}.md")).is_file() || !index.contains(&format!("]({name}.md)")) {
            missing.push(name.to_string());
        }
    }
    assert!(missing.is_empty(), "no reference page for {missing:?}");
}
