//! File writes that never leave a half-written file: a temporary file in the
//! same directory, fsync, rename over the target (mode and owner kept), fsync
//! of the directory. The bytes replaced are kept beside it.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

fn io<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(std::io::Error) -> FileError + 'a {
    move |source| FileError::Io { action, path: path.to_path_buf(), source }
}

/// What `replace` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replaced {
    /// Where the previous bytes were kept, if there were any.
    pub kept: Option<PathBuf>,
}

/// Writes `bytes` to `path` atomically. An existing file's bytes are first
/// copied to `<path>.orig.<stamp>`, and its mode and owner carry over.
pub fn replace(path: &Path, bytes: &[u8], stamp: &str) -> Result<Replaced, FileError> {
    write(path, bytes, Some(stamp))
}

/// Writes `bytes` to `path` atomically, keeping nothing of what was there
/// (for gatewayctl's own state and generated files).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    write(path, bytes, None).map(|_| ())
}

fn write(path: &Path, bytes: &[u8], keep_stamp: Option<&str>) -> Result<Replaced, FileError> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let previous = fs::metadata(path).ok();
    let kept = match (&previous, keep_stamp) {
        (Some(_), Some(stamp)) => {
            let keep = dir.join(format!("{name}.orig.{stamp}"));
            fs::copy(path, &keep).map_err(io("keep the original of", path))?;
            Some(keep)
        }
        _ => None,
    };
    let temp = dir.join(format!(".{name}.tmp.{}", std::process::id()));
    let mode = previous.as_ref().map(|m| m.permissions().mode()).unwrap_or(0o644);
    let result = write_synced(&temp, bytes, mode).and_then(|()| {
        if let Some(meta) = &previous {
            // Only root may give a file away; elsewhere the owner is ours already.
            let _ = std::os::unix::fs::chown(&temp, Some(meta.uid()), Some(meta.gid()));
        }
        fs::rename(&temp, path).map_err(io("rename into place", path))
    });
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result?;
    File::open(dir).and_then(|d| d.sync_all()).map_err(io("sync the directory of", path))?;
    Ok(Replaced { kept })
}

fn write_synced(temp: &Path, bytes: &[u8], mode: u32) -> Result<(), FileError> {
    let mut file = OpenOptions::new().write(true).create_new(true).mode(mode).open(temp).map_err(io("create", temp))?;
    file.write_all(bytes).map_err(io("write", temp))?;
    file.set_permissions(fs::Permissions::from_mode(mode)).map_err(io("set the mode of", temp))?;
    file.sync_all().map_err(io("sync", temp))
}

/// Writes a new file readable by this user only (callers' data in a shadow).
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)?;
    file.write_all(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_and_keeps_the_original() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        let done = replace(&path, b"new", "1").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(fs::read_to_string(done.kept.unwrap()).unwrap(), "old");
        assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains(".tmp."))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn creates_a_new_file_with_nothing_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b");
        assert_eq!(replace(&path, b"x", "1").unwrap().kept, None);
        assert_eq!(fs::read(&path).unwrap(), b"x");
    }
}
