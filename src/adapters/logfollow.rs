//! Following laravel.log like `tail -F`, without its gaps: start at the end
//! (a large log is never read), keep the old file open across a rotation to
//! read its last lines before switching, start over on truncation, and hold
//! a partial last line until it is complete.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

const MAX_READ: usize = 8 * 1024 * 1024;

pub struct Follower {
    path: PathBuf,
    file: Option<File>,
    inode: u64,
    offset: u64,
    partial: Vec<u8>,
    /// The bytes just before `offset`: if they change, the file was
    /// truncated and rewritten past where we were.
    tail: Vec<u8>,
    /// Lines seen since start, and rotations/truncations handled.
    pub rotations: u64,
    pub truncations: u64,
}

impl Follower {
    /// Starts at the current end of `path` (or its beginning once it appears).
    pub fn at_end(path: &Path) -> Follower {
        let mut f = Follower {
            path: path.to_path_buf(),
            file: None,
            inode: 0,
            offset: 0,
            partial: Vec::new(),
            tail: Vec::new(),
            rotations: 0,
            truncations: 0,
        };
        if let Ok(file) = File::open(path) {
            if let Ok(meta) = file.metadata() {
                f.inode = meta.ino();
                f.offset = meta.len();
            }
            f.file = Some(file);
            f.tail = f.read_tail().unwrap_or_default();
        }
        f
    }

    const TAIL: u64 = 64;

    fn read_tail(&mut self) -> io::Result<Vec<u8>> {
        let Some(file) = self.file.as_mut() else { return Ok(Vec::new()) };
        let start = self.offset.saturating_sub(Self::TAIL);
        let mut buf = vec![0u8; (self.offset - start) as usize];
        file.seek(SeekFrom::Start(start))?;
        file.read_exact(&mut buf)?;
        Ok(buf)
    }

    /// The complete new lines since the last poll.
    pub fn poll(&mut self) -> io::Result<Vec<String>> {
        let mut lines = Vec::new();
        let current = std::fs::metadata(&self.path).ok();
        match (&current, self.file.is_some()) {
            (Some(meta), true) if meta.ino() != self.inode => {
                // Rotated: drain the old file, then read the new one from its start.
                self.drain(&mut lines)?;
                self.rotations += 1;
                self.open_new(0)?;
            }
            (Some(meta), true) if meta.len() < self.offset || self.read_tail().ok().as_ref() != Some(&self.tail) => {
                self.truncations += 1;
                self.offset = 0;
                self.partial.clear();
            }
            (Some(_), false) => self.open_new(0)?,
            _ => {}
        }
        self.drain(&mut lines)?;
        Ok(lines)
    }

    fn open_new(&mut self, offset: u64) -> io::Result<()> {
        let file = File::open(&self.path)?;
        self.inode = file.metadata()?.ino();
        self.offset = offset;
        self.partial.clear();
        self.tail.clear();
        self.file = Some(file);
        Ok(())
    }

    /// Reads what was appended since `offset` and splits whole lines off.
    fn drain(&mut self, lines: &mut Vec<String>) -> io::Result<()> {
        let Some(file) = self.file.as_mut() else { return Ok(()) };
        file.seek(SeekFrom::Start(self.offset))?;
        let mut buf = vec![0u8; 64 * 1024];
        let mut read_now = 0;
        loop {
            let n = file.read(&mut buf)?;
            if n == 0 || read_now > MAX_READ {
                break;
            }
            read_now += n;
            self.offset += n as u64;
            self.partial.extend_from_slice(&buf[..n]);
        }
        self.tail = self.read_tail()?;
        if let Some(last) = memchr::memrchr(b'\n', &self.partial) {
            let complete: Vec<u8> = self.partial.drain(..=last).collect();
            lines.extend(
                complete
                    .split(|&b| b == b'\n')
                    .filter(|l| !l.is_empty())
                    .map(|l| String::from_utf8_lossy(l).into_owned()),
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn append(path: &Path, text: &str) {
        std::fs::OpenOptions::new().create(true).append(true).open(path).unwrap().write_all(text.as_bytes()).unwrap();
    }

    #[test]
    fn starts_at_the_end_and_survives_rotation_and_truncation() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("laravel.log");
        append(&log, "old 1\nold 2\n");
        let mut f = Follower::at_end(&log);
        assert!(f.poll().unwrap().is_empty(), "history is not replayed");
        append(&log, "a\nb");
        assert_eq!(f.poll().unwrap(), ["a"], "a partial line waits");
        append(&log, "\nc\n");
        // Rotate: lines written to the old file just before the rename are kept.
        append(&log, "last of old\n");
        std::fs::rename(&log, dir.path().join("laravel.log.1")).unwrap();
        append(&log, "first of new\n");
        assert_eq!(f.poll().unwrap(), ["b", "c", "last of old", "first of new"]);
        assert_eq!(f.rotations, 1);
        std::fs::write(&log, "").unwrap();
        append(&log, "after truncate\n");
        assert_eq!(f.poll().unwrap(), ["after truncate"]);
        assert_eq!(f.truncations, 1);
    }
}
