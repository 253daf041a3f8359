//! Laravel's log and its rotated files, read as a stream of whole-line
//! chunks: a multi-gigabyte log never sits in memory, and `.gz` rotations
//! are decompressed on the fly.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

const CHUNK: usize = 256 * 1024;

/// The log and its rotations beside it (`laravel.log.1`, `laravel.log.2.gz`,
/// daily `laravel-2026-11-25.log`), the live file first.
pub fn discover(log: &Path) -> Vec<PathBuf> {
    let dir = log.parent().unwrap_or(Path::new("."));
    let name = log.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = name.strip_suffix(".log").unwrap_or(&name).to_string();
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| {
                    let n = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    n != name
                        && (n.starts_with(&format!("{name}."))
                            || (n.starts_with(&format!("{stem}-")) && n.contains(".log")))
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    let mut all = Vec::new();
    if log.is_file() {
        all.push(log.to_path_buf());
    }
    all.extend(found);
    all
}

/// Calls `each` with buffers of whole lines; returns the bytes read
/// (decompressed, for `.gz`).
pub fn for_each_chunk(path: &Path, each: impl FnMut(&[u8])) -> io::Result<u64> {
    let file = File::open(path)?;
    match is_compressed(path) {
        true => chunks(flate2::read::MultiGzDecoder::new(io::BufReader::with_capacity(CHUNK, file)), each),
        false => chunks(file, each),
    }
}

/// Is this file read through gzip (and so only from its start)?
pub fn is_compressed(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()) == Some("gz")
}

/// One unit of work over a set of log files: a whole file, or a range of
/// whole lines of a large plain one, so several cores can share one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Index into the files given.
    pub file: usize,
    pub range: Option<std::ops::Range<u64>>,
}

/// A plain file larger than this is cut into ranges read side by side.
pub const SPLIT_ABOVE: u64 = 64 * 1024 * 1024;

/// The units for `threads` readers: each plain file over `split_above` is
/// cut into ranges of whole lines; others (and `.gz`) stay whole.
pub fn units(files: &[PathBuf], threads: usize, split_above: u64) -> io::Result<Vec<Unit>> {
    let mut units = Vec::new();
    for (file, path) in files.iter().enumerate() {
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        if threads > 1 && size > split_above && !is_compressed(path) {
            let parts = (threads * 2).min((size / (split_above / 4).max(1)) as usize);
            let cuts = line_ranges(path, parts)?;
            units.extend(cuts.windows(2).map(|w| Unit { file, range: Some(w[0]..w[1]) }));
        } else {
            units.push(Unit { file, range: None });
        }
    }
    Ok(units)
}

/// Reads one unit: [`for_each_chunk`] or [`for_each_chunk_in`].
pub fn for_each_chunk_of(files: &[PathBuf], unit: &Unit, each: impl FnMut(&[u8])) -> io::Result<u64> {
    match &unit.range {
        Some(range) => for_each_chunk_in(&files[unit.file], range.clone(), each),
        None => for_each_chunk(&files[unit.file], each),
    }
}

/// Byte offsets that cut a plain file into about `parts` ranges of whole
/// lines: each offset is the start of a line (a line belongs to the range
/// its first byte is in). The first is 0 and the last the file's length
/// when it was measured.
pub fn line_ranges(path: &Path, parts: usize) -> io::Result<Vec<u64>> {
    let mut file = File::open(path)?;
    let len = file.metadata()?.len();
    let mut cuts = vec![0];
    let mut buf = vec![0u8; 64 * 1024];
    for i in 1..parts.max(1) as u64 {
        let mut at = (len * i / parts as u64).max(*cuts.last().expect("starts with 0"));
        if at == 0 {
            continue;
        }
        // The first line start after byte at-1: just past the next newline.
        at -= 1;
        file.seek(SeekFrom::Start(at))?;
        let cut = loop {
            let n = file.read(&mut buf)?;
            if n == 0 {
                break len;
            }
            if let Some(p) = memchr::memchr(b'\n', &buf[..n]) {
                break at + p as u64 + 1;
            }
            at += n as u64;
        };
        if cut < len && cut > *cuts.last().expect("starts with 0") {
            cuts.push(cut);
        }
    }
    cuts.push(len);
    Ok(cuts)
}

/// [`for_each_chunk`] over the bytes `range` of a plain file, which should
/// start and end on line starts (see [`line_ranges`]).
pub fn for_each_chunk_in(path: &Path, range: std::ops::Range<u64>, each: impl FnMut(&[u8])) -> io::Result<u64> {
    let mut file = File::open(path)?;
    file.seek(SeekFrom::Start(range.start))?;
    chunks(file.take(range.end.saturating_sub(range.start)), each)
}

fn chunks(mut reader: impl Read, mut each: impl FnMut(&[u8])) -> io::Result<u64> {
    let mut buf = vec![0u8; CHUNK];
    let mut filled = 0;
    let mut total = 0u64;
    loop {
        if filled == buf.len() {
            // One line longer than the buffer: grow for it (rare).
            buf.resize(buf.len() * 2, 0);
        }
        let n = reader.read(&mut buf[filled..])?;
        total += n as u64;
        if n == 0 {
            if filled > 0 {
                each(&buf[..filled]);
            }
            return Ok(total);
        }
        filled += n;
        if let Some(last) = memchr::memrchr(b'\n', &buf[..filled]) {
            each(&buf[..=last]);
            buf.copy_within(last + 1..filled, 0);
            filled -= last + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn chunks_hold_whole_lines_and_gz_reads_through() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("laravel.log");
        let text: String = (0..200_000).map(|i| format!("line {i}\n")).collect();
        std::fs::write(&plain, &text).unwrap();
        let gz = dir.path().join("laravel.log.2.gz");
        let mut enc = flate2::write::GzEncoder::new(File::create(&gz).unwrap(), flate2::Compression::fast());
        enc.write_all(text.as_bytes()).unwrap();
        enc.finish().unwrap();
        std::fs::write(dir.path().join("laravel.log.1"), "x\n").unwrap();
        std::fs::write(dir.path().join("other.log"), "x\n").unwrap();
        let files = discover(&plain);
        let names: Vec<String> = files.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["laravel.log", "laravel.log.1", "laravel.log.2.gz"]);
        for path in [&plain, &gz] {
            let mut lines = 0;
            let bytes = for_each_chunk(path, |c| {
                assert_eq!(*c.last().unwrap(), b'\n');
                lines += memchr::memchr_iter(b'\n', c).count();
            })
            .unwrap();
            assert_eq!((lines, bytes), (200_000, text.len() as u64));
        }
    }

    #[test]
    fn line_ranges_cut_on_line_starts_and_cover_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("laravel.log");
        // Lines of many lengths, one longer than the search window.
        let mut text: String = (0..5000).map(|i| format!("{}\n", "y".repeat(i % 300))).collect();
        text.push_str(&"z".repeat(200_000));
        text.push_str("\nlast\n");
        std::fs::write(&path, &text).unwrap();
        for parts in [1, 2, 3, 7, 64, 10_000] {
            let cuts = line_ranges(&path, parts).unwrap();
            assert_eq!((cuts[0], *cuts.last().unwrap()), (0, text.len() as u64));
            let mut joined = Vec::new();
            for w in cuts.windows(2) {
                assert!(w[0] < w[1], "{cuts:?}");
                assert!(w[0] == 0 || text.as_bytes()[w[0] as usize - 1] == b'\n');
                for_each_chunk_in(&path, w[0]..w[1], |c| joined.extend_from_slice(c)).unwrap();
            }
            assert_eq!(joined, text.as_bytes(), "parts {parts}");
        }
        std::fs::write(&path, "").unwrap();
        assert_eq!(line_ranges(&path, 4).unwrap(), [0, 0]);
    }
}
