//! A plan's shell block read the way bash reads it, as far as a review
//! needs: commands with the line each starts on (`\` continuations joined,
//! comments skipped), and heredoc bodies set apart from them, each with
//! what consumes it: a shell or an interpreter (the body runs), a file
//! (`cat > x.sh <<EOF`, `tee x.sh <<EOF`: it runs where a later step runs
//! that file), or nothing (`cat <<'NOTE'`: text). Line by line, no
//! recursion: any input ends, nothing panics.

/// What consumes a heredoc's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Consumer {
    /// A shell or an interpreter: the body's lines are commands.
    Shell,
    /// Written to this file.
    File(String),
    /// Printed or discarded: text.
    Data,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heredoc {
    /// The line of the command that opens it.
    pub line: usize,
    pub delimiter: String,
    /// `<<'EOF'` / `<<"EOF"` / `<<\EOF`: no expansion in the body.
    pub quoted: bool,
    /// The body's lines, each with its line number.
    pub body: Vec<(usize, String)>,
    pub consumer: Consumer,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Script {
    pub commands: Vec<(usize, String)>,
    pub heredocs: Vec<Heredoc>,
    /// What could not be read as bash would (line, why).
    pub problems: Vec<(usize, String)>,
}

/// Programs that run what they read on stdin.
const SHELLS: &[&str] =
    &["bash", "sh", "zsh", "dash", "ksh", "ssh", "redis-cli", "php", "mysql", "psql", "python", "python3", "perl"];

/// Reads `code`, its first line numbered `first`.
pub fn read(code: &str, first: usize) -> Script {
    let mut script = Script::default();
    let lines: Vec<&str> = code.lines().collect();
    let mut i = 0;
    let mut pending: Option<(usize, String)> = None;
    while i < lines.len() {
        let line = first + i;
        let text = lines[i].trim();
        i += 1;
        if text.starts_with('#') && pending.is_none() {
            continue;
        }
        let (start, mut joined) = pending.take().unwrap_or((line, String::new()));
        if let Some(head) = text.strip_suffix('\\') {
            joined.push_str(head);
            joined.push(' ');
            pending = Some((start, joined));
            continue;
        }
        joined.push_str(text);
        if joined.trim().is_empty() {
            continue;
        }
        for (delimiter, quoted, strip_tabs) in heredoc_operators(&joined) {
            let consumer = consumer(&joined);
            let mut body = Vec::new();
            let mut closed = false;
            while i < lines.len() {
                let raw = lines[i];
                let n = first + i;
                i += 1;
                // Only the exact delimiter line closes it, as in bash: `EOF ` does not.
                let candidate = if strip_tabs { raw.trim_start_matches('\t') } else { raw };
                if candidate == delimiter {
                    closed = true;
                    break;
                }
                body.push((n, raw.to_string()));
            }
            if !closed {
                script.problems.push((
                    start,
                    format!("the heredoc <<{delimiter} is never closed: bash reads the rest of the block as its body"),
                ));
            }
            script.heredocs.push(Heredoc { line: start, delimiter, quoted, body, consumer });
        }
        script.commands.push((start, joined));
    }
    if let Some(p) = pending {
        script.commands.push(p);
    }
    script
}

/// The heredoc operators of one command, in order: (delimiter, quoted,
/// `<<-`). Quotes are respected; `<<<` (a here-string) is not one.
fn heredoc_operators(command: &str) -> Vec<(String, bool, bool)> {
    let b = command.as_bytes();
    let mut out = Vec::new();
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'\'' || c == b'"' => quote = Some(c),
            // A comment runs to the end of the line: nothing in it is an operator.
            None if c == b'#' && (i == 0 || b[i - 1].is_ascii_whitespace()) => break,
            None if c == b'<'
                && b.get(i + 1) == Some(&b'<')
                && b.get(i + 2) != Some(&b'<')
                && (i == 0 || b[i - 1] != b'<') =>
            {
                let mut j = i + 2;
                let strip_tabs = b.get(j) == Some(&b'-');
                if strip_tabs {
                    j += 1;
                }
                while j < b.len() && b[j] == b' ' {
                    j += 1;
                }
                let mut word = String::new();
                let mut quoted = false;
                while j < b.len() && !matches!(b[j], b' ' | b'\t' | b';' | b'|' | b'&' | b'>' | b'<' | b')') {
                    match b[j] {
                        b'\'' | b'"' | b'\\' => quoted = true,
                        _ => word.push(b[j] as char),
                    }
                    j += 1;
                }
                if !word.is_empty() {
                    out.push((word, quoted, strip_tabs));
                }
                i = j;
                continue;
            }
            None => {}
        }
        i += 1;
    }
    out
}

/// A word's program name: `/usr/bin/bash` is `bash`; quotes dropped.
fn program(word: &str) -> &str {
    let word = word.trim_matches(['\'', '"']);
    word.rsplit('/').next().unwrap_or(word)
}

/// The program a simple command runs once its wrappers are seen through:
/// `sudo [-u U] [-E] …`, `doas`, `env [-i] [VAR=v]…`, `nice [-n N]`,
/// `timeout [opts] N`, `exec`, `nohup`, `command`, leading `VAR=v`; `su -c
/// CMD` runs CMD's program, `su` alone a shell that reads stdin. `None`
/// for no command.
fn run_program<'a>(words: &[&'a str]) -> Option<&'a str> {
    let mut k = 0;
    loop {
        let word = *words.get(k)?;
        let wrapper = program(word);
        // Each wrapper's options that take the next word as their value.
        let valued: &[&str] = match wrapper {
            "sudo" | "doas" => &["-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T"],
            "env" => &["-u", "-C", "--unset", "--chdir"],
            "nice" => &["-n", "--adjustment"],
            "timeout" => &["-s", "-k", "--signal", "--kill-after"],
            _ => &[],
        };
        match wrapper {
            _ if word.contains('=') && !word.starts_with('-') => k += 1,
            "sudo" | "doas" | "env" | "nice" | "exec" | "nohup" | "command" | "timeout" => {
                // `sudo -s` / `sudo -i` with no command: the user's shell, reading stdin.
                let mut shell = false;
                k += 1;
                while let Some(w) = words.get(k) {
                    match *w {
                        "--" => {
                            k += 1;
                            break;
                        }
                        w if valued.contains(&w) => k += 2,
                        w if w.starts_with('-') => {
                            shell |= matches!(wrapper, "sudo" | "doas") && matches!(w, "-s" | "-i");
                            k += 1
                        }
                        w if w.contains('=') && wrapper == "env" => k += 1,
                        _ => break,
                    }
                }
                if wrapper == "timeout" {
                    k += 1; // its duration
                }
                if shell && words.get(k).is_none() {
                    return Some("sh");
                }
            }
            "su" => {
                return match words[k + 1..].iter().position(|w| matches!(*w, "-c" | "--command")) {
                    Some(c) => words.get(k + 1 + c + 1).map(|w| program(w.trim_start_matches(['\'', '"']))),
                    None => Some("sh"),
                };
            }
            p => return Some(p),
        }
    }
}

/// What the command that opens a heredoc does with it.
fn consumer(command: &str) -> Consumer {
    // The heredoc feeds its own stage of a pipeline; what a later stage runs
    // reads it too (`cat <<EOF | sudo bash`).
    let raw: Vec<&str> = command.split('|').filter(|s| !s.trim().is_empty()).collect();
    let fed = raw.iter().position(|s| s.contains("<<")).unwrap_or(0);
    let stages: Vec<Vec<&str>> = raw
        .iter()
        .map(|s| s.split_whitespace().filter(|w| !w.starts_with("<<") && !w.starts_with('>')).collect())
        .collect();
    let shell = |words: &Vec<&str>| run_program(words).is_some_and(|p| SHELLS.contains(&p));
    let words: Vec<&str> = command.split_whitespace().collect();
    // `ssh host [cmd]`: a remote shell reads it, whatever runs there.
    if stages.iter().skip(fed).any(shell) || words.iter().any(|w| program(w) == "ssh") {
        return Consumer::Shell;
    }
    // `> file` / `>file` / `>> file`, or `tee [-a] file`.
    for (k, w) in words.iter().enumerate() {
        if let Some(target) = w.strip_prefix(">>").or_else(|| w.strip_prefix('>')) {
            let target = if target.is_empty() { words.get(k + 1).copied().unwrap_or("") } else { target };
            if !target.is_empty() && !target.starts_with('&') && target != "/dev/null" {
                return Consumer::File(target.trim_matches(['\'', '"']).to_string());
            }
        }
    }
    if let Some(t) = words.iter().position(|w| program(w) == "tee") {
        if let Some(file) = words[t + 1..].iter().find(|w| !w.starts_with('-')) {
            return Consumer::File(file.trim_matches(['\'', '"']).to_string());
        }
    }
    Consumer::Data
}

/// The script file a command runs (`bash x.sh`, `sh x.sh`, `./x.sh`,
/// `/tmp/x.sh`, `source x.sh`, `. x.sh`), when it is one of `files`.
pub fn runs<'a>(command: &str, files: impl IntoIterator<Item = &'a String>) -> Option<&'a String> {
    let words: Vec<&str> = command.split_whitespace().filter(|w| !matches!(*w, "sudo" | "exec")).collect();
    let target = match words.first().copied()? {
        "bash" | "sh" | "zsh" | "dash" | "source" | "." => {
            words.iter().skip(1).find(|w| !w.starts_with('-')).copied()?
        }
        w => w,
    };
    let target = target.trim_start_matches("./");
    files.into_iter().find(|f| f.trim_start_matches("./") == target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heredoc_bodies_are_set_apart_with_their_consumer() {
        let s = read("cat <<'NOTE'\nredis-cli KEYS x\nNOTE\necho done\n", 10);
        assert_eq!(s.commands, [(10, "cat <<'NOTE'".to_string()), (13, "echo done".to_string())]);
        assert_eq!(s.heredocs[0].consumer, Consumer::Data);
        assert!(s.heredocs[0].quoted);
        assert_eq!(s.heredocs[0].body, [(11, "redis-cli KEYS x".to_string())]);

        let s = read("bash <<EOF\nredis-cli KEYS x\nEOF\n", 1);
        assert_eq!(s.heredocs[0].consumer, Consumer::Shell);
        assert!(!s.heredocs[0].quoted);
        assert_eq!(read("ssh gw1 <<'EOF'\nls\nEOF", 1).heredocs[0].consumer, Consumer::Shell);
        // Behind a wrapper, bash still reads it.
        for wrapped in [
            "sudo -u www-data bash <<EOF",
            "sudo -E bash <<EOF",
            "sudo -u www-data -E -- bash -s <<EOF",
            "su -c bash www-data <<EOF",
            "su - www-data <<EOF",
            "env -i PATH=/bin FOO=1 bash <<EOF",
            "nice -n 10 bash <<EOF",
            "timeout 30 bash <<EOF",
            "timeout -s KILL 30 sudo bash <<EOF",
            "sudo -s <<EOF",
            "sudo -u www-data -i <<EOF",
            "doas -u www bash <<EOF",
            "ssh gw1 sudo bash <<'EOF'",
            "REDISCLI_AUTH=x redis-cli <<EOF",
            "cat <<EOF | sudo -u www-data bash",
            "/usr/bin/sudo /bin/bash <<EOF",
        ] {
            let s = read(&format!("{wrapped}\nredis-cli KEYS x\nEOF\n"), 1);
            assert_eq!(s.heredocs[0].consumer, Consumer::Shell, "{wrapped}");
        }
        for data in ["sudo tee /etc/x.conf <<EOF", "sudo -u www cat <<EOF", "nice cat <<EOF | grep x"] {
            let s = read(&format!("{data}\nredis-cli KEYS x\nEOF\n"), 1);
            assert_ne!(s.heredocs[0].consumer, Consumer::Shell, "{data}");
        }
        // Only the exact line closes it: `EOF ` is body, as bash reads it.
        let s = read("bash <<EOF\nEOF \nredis-cli KEYS x\nEOF\n", 1);
        assert_eq!(s.heredocs[0].body.len(), 2, "{s:?}");

        let s = read("cat > /tmp/t.sh << 'EOF'\ncurl x\nEOF\nchmod +x /tmp/t.sh\n/tmp/t.sh\n", 1);
        assert_eq!(s.heredocs[0].consumer, Consumer::File("/tmp/t.sh".into()));
        let files = ["/tmp/t.sh".to_string()];
        assert_eq!(runs("/tmp/t.sh", &files), Some(&files[0]));
        assert_eq!(runs("bash /tmp/t.sh", &files), Some(&files[0]));
        assert_eq!(runs("chmod +x /tmp/t.sh", &files), None);
        assert_eq!(read("tee -a x.sh <<EOF\nls\nEOF", 1).heredocs[0].consumer, Consumer::File("x.sh".into()));
        assert_eq!(read("cat <<<'a here-string'", 1).heredocs, []);
        assert_eq!(read("echo '<<EOF'", 1).heredocs, [], "quoted: no heredoc");
        assert_eq!(read("ls # then cat <<EOF", 1).heredocs, [], "in a comment: no heredoc");
    }

    #[test]
    fn tabs_strip_with_the_dash_and_continuations_join() {
        let s = read("cat <<-END\n\tbody\n\tEND\nls \\\n  -la\n", 1);
        assert_eq!(s.heredocs[0].body, [(2, "\tbody".to_string())]);
        assert_eq!(s.commands[1], (4, "ls  -la".to_string()));
    }

    #[test]
    fn hostile_blocks_end_with_a_problem_never_a_panic() {
        let s = read("bash <<EOF\nredis-cli KEYS x\n", 1);
        assert_eq!(s.problems.len(), 1, "{s:?}");
        assert_eq!(s.heredocs[0].body.len(), 1);
        let deep = format!("echo {}x{}", "$(".repeat(1000), ")".repeat(1000));
        assert_eq!(read(&deep, 1).commands.len(), 1);
        let big = "echo a\n".repeat(150_000);
        assert_eq!(read(&big, 1).commands.len(), 150_000);
        let nul = read("echo a\0b <<\0\n", 1);
        assert_eq!(nul.commands.len(), 1);
        assert_eq!(read("cat <<", 1).heredocs, [], "no delimiter: no heredoc");
    }
}
