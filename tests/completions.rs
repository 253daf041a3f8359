//! The committed completion scripts equal what the binary generates now.
//! Run with UPDATE_COMPLETIONS=1 to rewrite them after changing the CLI.

use std::path::Path;

use clap_complete::Shell;

const FILES: [(Shell, &str); 4] = [
    (Shell::Bash, "gatewayctl.bash"),
    (Shell::Zsh, "_gatewayctl"),
    (Shell::Fish, "gatewayctl.fish"),
    (Shell::PowerShell, "_gatewayctl.ps1"),
];

#[test]
fn committed_completions_match_the_binary() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let update = std::env::var_os("UPDATE_COMPLETIONS").is_some();
    for (shell, name) in FILES {
        let out = crate::harness::gatewayctl(&["completions", &shell.to_string()]);
        assert!(out.status.success());
        let path = dir.join(name);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &out.stdout).unwrap();
            continue;
        }
        let committed = std::fs::read(&path).unwrap_or_default();
        assert!(
            committed == out.stdout,
            "completions/{name} drifted from the CLI: run `UPDATE_COMPLETIONS=1 cargo test --test main completions`"
        );
    }
}
