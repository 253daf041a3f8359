//! How an error reaches the user: its headline, then its causes, each once,
//! wrapped to the output's width (continuation lines indented).

use std::io::Write;

/// Prints `gatewayctl: <error>` and each distinct cause on stderr.
pub fn print(err: &anyhow::Error) {
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "{}", super::fit_stderr(&format!("gatewayctl: {err}")));
    let mut last = err.to_string();
    for cause in err.chain().skip(1) {
        let text = cause.to_string();
        // Typed errors often repeat their source's text; say it once.
        if !last.contains(&text) {
            let _ = writeln!(stderr, "{}", super::fit_stderr(&format!("  caused by: {text}")));
        }
        last = text;
    }
}
