//! Laravel's log and its rotated files, read as a stream of whole-line
//! chunks: a multi-gigabyte log never sits in memory, and `.gz` rotations
//! are decompressed on the fly.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

const CHUNK: usize = 4 * 1024 * 1024;

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
pub fn for_each_chunk(path: &Path, mut each: impl FnMut(&[u8])) -> io::Result<u64> {
    let file = File::open(path)?;
    let mut reader: Box<dyn Read> = match path.extension().and_then(|e| e.to_str()) {
        Some("gz") => Box::new(flate2::read::MultiGzDecoder::new(io::BufReader::with_capacity(CHUNK, file))),
        _ => Box::new(file),
    };
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
}
