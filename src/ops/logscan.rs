//! Scanning laravel.log and its rotations for unsanitized secrets on every
//! core. Each file is a unit of work, and a large plain file is cut into
//! ranges of whole lines, one unit each; the units' findings are joined back
//! in file order with their line numbers made whole-file again.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use anyhow::Context as _;

use crate::adapters::logfiles;
use crate::core::logscan::{LineFinding, Scanner};
use crate::core::sanitizer::SanitizerRules;

/// What was found in one file.
#[derive(Debug)]
pub struct FileScan {
    pub path: PathBuf,
    pub lines: u64,
    /// Bytes read (decompressed, for `.gz`).
    pub bytes: u64,
    /// The first findings, in line order, at most the number asked to keep.
    pub findings: Vec<LineFinding>,
    pub total_findings: u64,
}

pub struct ScanOptions {
    /// Findings kept per file (all are counted).
    pub keep: usize,
    /// Threads to scan with: the CPUs this process may run on.
    pub threads: usize,
}

/// A plain file larger than this is cut into ranges scanned side by side.
const SPLIT_ABOVE: u64 = logfiles::SPLIT_ABOVE;

/// What one unit found; line numbers count from the unit's first line.
struct Part {
    lines: u64,
    bytes: u64,
    findings: Vec<LineFinding>,
    total: u64,
}

/// Scans `files` on `threads` threads; `progress` hears the bytes scanned so
/// far, a few times a second, from the calling thread.
pub fn scan_files(
    files: &[PathBuf],
    rules: &SanitizerRules,
    options: &ScanOptions,
    progress: &mut dyn FnMut(u64),
) -> anyhow::Result<Vec<FileScan>> {
    let threads = options.threads.max(1);
    let units = logfiles::units(files, threads, SPLIT_ABOVE).context("while cutting the logs into ranges")?;
    let scanned = AtomicU64::new(0);
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let parts: Vec<Mutex<Option<anyhow::Result<Part>>>> = units.iter().map(|_| Mutex::new(None)).collect();
    let caller = std::thread::current();
    std::thread::scope(|scope| {
        for _ in 0..threads.min(units.len()) {
            scope.spawn(|| {
                let scanner = Scanner::new(rules);
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(unit) = units.get(i) else { break };
                    let part = scan_unit(&scanner, files, unit, options.keep, &scanned);
                    *parts[i].lock().expect("a scan thread panicked") = Some(part);
                    done.fetch_add(1, Ordering::Release);
                    caller.unpark();
                }
            });
        }
        while done.load(Ordering::Acquire) < units.len() {
            progress(scanned.load(Ordering::Relaxed));
            std::thread::park_timeout(Duration::from_millis(200));
        }
    });

    let mut out: Vec<FileScan> = files
        .iter()
        .map(|path| FileScan { path: path.clone(), lines: 0, bytes: 0, findings: Vec::new(), total_findings: 0 })
        .collect();
    for (unit, part) in units.iter().zip(parts) {
        let part = part.into_inner().expect("a scan thread panicked").expect("every unit was scanned")?;
        let file = &mut out[unit.file];
        let room = options.keep.saturating_sub(file.findings.len());
        let offset = file.lines;
        file.findings.extend(part.findings.into_iter().take(room).map(|mut f| {
            f.line += offset;
            f
        }));
        file.lines += part.lines;
        file.bytes += part.bytes;
        file.total_findings += part.total;
    }
    Ok(out)
}

fn scan_unit(
    scanner: &Scanner,
    files: &[PathBuf],
    unit: &logfiles::Unit,
    keep: usize,
    scanned: &AtomicU64,
) -> anyhow::Result<Part> {
    let mut part = Part { lines: 0, bytes: 0, findings: Vec::new(), total: 0 };
    let mut each = |chunk: &[u8]| {
        let before = part.findings.len();
        part.lines += scanner.scan_chunk(chunk, part.lines + 1, &mut part.findings);
        part.total += (part.findings.len() - before) as u64;
        part.findings.truncate(keep);
        scanned.fetch_add(chunk.len() as u64, Ordering::Relaxed);
    };
    let bytes = logfiles::for_each_chunk_of(files, unit, &mut each)
        .with_context(|| format!("while reading {}", files[unit.file].display()))?;
    part.bytes = bytes;
    Ok(part)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sanitizer::tests::contract;

    #[test]
    fn cut_files_give_the_line_numbers_of_a_whole_scan() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("laravel.log");
        let mut text = String::new();
        let mut want = Vec::new();
        let mut n = 0u64;
        while (text.len() as u64) <= SPLIT_ABOVE + 1024 * 1024 {
            n += 1;
            if n % 50_000 == 0 {
                text.push_str("{\"password\":\"hunter2\"}\n");
                want.push(n);
            } else {
                text.push_str(
                    "[2026-11-26 03:12:45] production.INFO: API request {\"status\":201,\"token\":\"[REDACTED]\"}\n",
                );
            }
        }
        std::fs::write(&big, &text).unwrap();
        let small = dir.path().join("laravel.log.1");
        std::fs::write(&small, "x\n{\"secret\":\"s3\"}\n").unwrap();
        let files = vec![big.clone(), small.clone()];
        for (threads, keep) in [(1, 1000), (2, 1000), (5, 1000), (3, 2)] {
            let mut heard = 0;
            let found =
                scan_files(&files, &contract(), &ScanOptions { keep, threads }, &mut |b| heard = heard.max(b)).unwrap();
            assert_eq!(found[0].lines, n, "threads {threads}");
            assert_eq!(found[0].bytes, text.len() as u64);
            assert_eq!(found[0].total_findings, want.len() as u64);
            let lines: Vec<u64> = found[0].findings.iter().map(|f| f.line).collect();
            assert_eq!(lines, want[..want.len().min(keep)], "threads {threads}");
            assert_eq!((found[1].lines, found[1].findings[0].line), (2, 2));
            assert!(heard <= text.len() as u64 + 20);
        }
    }
}
