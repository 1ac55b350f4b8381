//! File-system helpers: atomic writes (a temporary file in the target's
//! directory, renamed into place, so a killed run never leaves a
//! half-written output), removal of the temporary files a killed run left
//! behind, the lock that keeps two runs out of one output directory, and the
//! aggregate files (CSV, JSON Lines) that are written as the run goes and
//! moved into place at its end.

use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// Prefix of every temporary file a run creates.
pub const TEMP_PREFIX: &str = ".internbudget-";
/// Suffix of every temporary file a run creates.
pub const TEMP_SUFFIX: &str = ".tmp";

fn dir_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A temporary file in `dir`. Outputs are for publishing: on Unix they get
/// the mode an ordinary new file gets (0666 less the umask), not the 0600
/// of a temporary file.
fn temp_in(dir: &Path) -> io::Result<NamedTempFile> {
    let mut b = tempfile::Builder::new();
    b.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(std::fs::Permissions::from_mode(0o666));
    }
    b.tempfile_in(dir)
}

/// Writes `bytes` to `path` atomically, creating its directory; with `sync`
/// the data reaches the disk before the rename.
pub fn write_atomic(path: &Path, bytes: &[u8], sync: bool) -> io::Result<()> {
    write_atomic_with(path, sync, &mut |w| w.write_all(bytes))
}

/// [`write_atomic`] with the content written by `fill` into a buffered
/// temporary file (a large output is never held in memory whole).
pub fn write_atomic_with(
    path: &Path,
    sync: bool,
    fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = dir_of(path);
    std::fs::create_dir_all(dir)?;
    let mut out = BufWriter::with_capacity(256 << 10, temp_in(dir)?);
    fill(&mut out)?;
    let tmp = out.into_inner().map_err(io::IntoInnerError::into_error)?;
    if sync {
        tmp.as_file().sync_all()?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Removes the temporary files a killed run left under `dir`; returns how
/// many.
pub fn remove_stale_temps(dir: &Path) -> usize {
    let mut n = 0;
    for e in walkdir::WalkDir::new(dir).into_iter().flatten() {
        let name = e.file_name().to_string_lossy();
        if e.file_type().is_file()
            && name.starts_with(TEMP_PREFIX)
            && name.ends_with(TEMP_SUFFIX)
            && std::fs::remove_file(e.path()).is_ok()
        {
            n += 1;
        }
    }
    n
}

/// An exclusive lock on an output directory, held until dropped (and
/// released by the system if the process dies).
#[derive(Debug)]
pub struct DirLock {
    _file: File,
}

/// Why the lock could not be taken.
#[derive(Debug)]
pub enum LockError {
    /// Another process holds it.
    Held,
    /// The lock file could not be opened or locked.
    Io(io::Error),
}

impl DirLock {
    /// Takes the lock file `path` without waiting.
    pub fn try_acquire(path: &Path) -> Result<DirLock, LockError> {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .map_err(LockError::Io)?;
        match file.try_lock() {
            Ok(()) => Ok(DirLock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => Err(LockError::Held),
            Err(std::fs::TryLockError::Error(e)) => Err(LockError::Io(e)),
        }
    }
}

/// A file written as the run goes (through a temporary file in its
/// directory) and moved into place by [`Aggregate::finish`]; dropped
/// unfinished, it leaves nothing behind.
#[derive(Debug)]
pub struct Aggregate {
    out: BufWriter<NamedTempFile>,
    target: PathBuf,
    hasher: Sha256,
    bytes: u64,
}

/// The size and SHA-256 of a finished aggregate file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// Size in bytes.
    pub bytes: u64,
    /// SHA-256, lowercase hex.
    pub sha256: String,
}

impl Aggregate {
    /// Starts `target`.
    pub fn create(target: PathBuf) -> io::Result<Aggregate> {
        let tmp = temp_in(dir_of(&target))?;
        Ok(Aggregate {
            out: BufWriter::with_capacity(256 * 1024, tmp),
            target,
            hasher: Sha256::new(),
            bytes: 0,
        })
    }

    /// Appends bytes.
    pub fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.hasher.update(bytes);
        self.bytes += bytes.len() as u64;
        self.out.write_all(bytes)
    }

    /// Flushes, optionally syncs, and renames into place.
    pub fn finish(self, sync: bool) -> io::Result<Written> {
        let tmp = self.out.into_inner().map_err(|e| e.into_error())?;
        if sync {
            tmp.as_file().sync_all()?;
        }
        tmp.persist(&self.target).map_err(|e| e.error)?;
        Ok(Written {
            bytes: self.bytes,
            sha256: hex(&self.hasher.finalize()),
        })
    }
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        for nibble in [b >> 4, b & 15] {
            s.push(char::from(
                DIGITS.get(usize::from(nibble)).copied().unwrap_or(b'0'),
            ));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_writes_and_stale_temps() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("a/b/c.json");
        write_atomic(&p, b"{}", false).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"{}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // The mode of any new file, not the 0600 of a temporary one.
            let plain = d.path().join("plain");
            std::fs::write(&plain, "x").unwrap();
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&p), mode(&plain));
        }
        std::fs::write(d.path().join("a/.internbudget-x1.tmp"), "half").unwrap();
        std::fs::write(d.path().join("a/keep.tmp"), "mine").unwrap();
        assert_eq!(remove_stale_temps(d.path()), 1);
        assert!(d.path().join("a/keep.tmp").exists());
    }

    #[test]
    fn aggregate_appears_only_when_finished() {
        let d = tempfile::tempdir().unwrap();
        let t = d.path().join("x.csv");
        let mut a = Aggregate::create(t.clone()).unwrap();
        a.write(b"abc").unwrap();
        assert!(!t.exists());
        let w = a.finish(false).unwrap();
        assert_eq!(w.bytes, 3);
        assert_eq!(
            w.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let mut b = Aggregate::create(d.path().join("y.csv")).unwrap();
        b.write(b"x").unwrap();
        drop(b);
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1);
    }

    #[test]
    fn lock_is_exclusive() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join(".lock");
        let held = DirLock::try_acquire(&p).unwrap();
        assert!(matches!(DirLock::try_acquire(&p), Err(LockError::Held)));
        drop(held);
        assert!(DirLock::try_acquire(&p).is_ok());
    }
}
