//! The end of a log file, without reading the rest of it: enough for "recent
//! errors" on a multi-gigabyte laravel.log.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

/// Up to `max_bytes` from the end of the file, starting at a line boundary.
pub fn tail(path: &Path, max_bytes: u64) -> std::io::Result<String> {
    let mut file = File::open(path)?;
    let len = file.metadata()?.len();
    let start = len.saturating_sub(max_bytes);
    file.seek(SeekFrom::Start(start))?;
    let mut buf = Vec::with_capacity((len - start) as usize);
    file.read_to_end(&mut buf)?;
    let text = String::from_utf8_lossy(&buf).into_owned();
    if start == 0 {
        return Ok(text);
    }
    // Drop the partial first line.
    Ok(text.split_once('\n').map(|(_, rest)| rest.to_string()).unwrap_or_default())
}

/// The file's length now: where `since` starts reading what comes next.
pub fn end(path: &Path) -> Option<u64> {
    std::fs::metadata(path).ok().map(|m| m.len())
}

/// What was appended to the file after `offset`, at most `max_bytes` of it
/// (empty if the file shrank: rotated, so the offset means nothing).
pub fn since(path: &Path, offset: u64, max_bytes: u64) -> std::io::Result<String> {
    let mut file = File::open(path)?;
    let len = file.metadata()?.len();
    if len < offset {
        return Ok(String::new());
    }
    file.seek(SeekFrom::Start(offset))?;
    let mut buf = Vec::new();
    file.take(max_bytes).read_to_end(&mut buf)?;
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

/// Laravel lines at ERROR or worse (`[ts] env.ERROR: …`) whose timestamp is
/// at or after `since` (`YYYY-MM-DD HH:MM:SS`, compared as text).
pub fn errors_since<'a>(text: &'a str, since: &str) -> Vec<&'a str> {
    text.lines()
        .filter(|line| {
            let Some(rest) = line.strip_prefix('[') else { return false };
            let Some((ts, after)) = rest.split_once("] ") else { return false };
            let level = after.split_once(": ").map(|(head, _)| head.rsplit('.').next().unwrap_or("")).unwrap_or("");
            ts >= since && matches!(level, "ERROR" | "CRITICAL" | "ALERT" | "EMERGENCY")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn reads_only_the_end_and_whole_lines() {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        for i in 0..1000 {
            writeln!(f, "line {i}").unwrap();
        }
        let end = tail(f.path(), 30).unwrap();
        assert!(end.starts_with("line 99"), "{end}");
        assert!(end.ends_with("line 999\n"));
    }

    #[test]
    fn finds_recent_errors() {
        let log = "[2026-01-01 10:00:00] production.ERROR: old\n[2026-01-01 12:00:00] production.INFO: fine\n\
                   [2026-01-01 12:30:00] lab.CRITICAL: new {\"a\":1} []\n[2026-01-01 12:31:00] lab.WARNING: warn\n";
        let found = errors_since(log, "2026-01-01 11:00:00");
        assert_eq!(found.len(), 1);
        assert!(found[0].contains("new"));
    }
}
