//! How an error reaches the user: its headline, then its causes, each once,
//! wrapped to the output's width (continuation lines indented).

use std::io::Write;

/// Prints `gatewayctl: <error>` and each distinct cause on stderr.
pub fn print(err: &anyhow::Error) {
    // Built whole, then written at once: another process on the same
    // stderr cannot cut into it.
    let mut text = format!("{}\n", super::fit_stderr(&format!("gatewayctl: {err}")));
    let mut last = err.to_string();
    for cause in err.chain().skip(1) {
        let said = cause.to_string();
        // Typed errors often repeat their source's text; say it once.
        if !last.contains(&said) {
            text.push_str(&format!("{}\n", super::fit_stderr(&format!("  caused by: {said}"))));
        }
        last = said;
    }
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// The error as one JSON document on stdout: `{"error", "causes", "exit_code"}`.
pub fn print_json(err: &anyhow::Error) {
    let causes: Vec<String> = err.chain().skip(1).map(ToString::to_string).collect();
    let doc = serde_json::json!({
        "error": err.to_string(),
        "causes": causes,
        "exit_code": crate::exit::code_for(err),
    });
    let mut stdout = std::io::stdout().lock();
    let _ = serde_json::to_writer_pretty(&mut stdout, &doc);
    let _ = writeln!(stdout);
}
