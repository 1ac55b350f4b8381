//! Writing outputs: to stdout, or atomically to a file (a temporary file in
//! the same directory, renamed into place), so that an interrupted run never
//! leaves a half-written file behind.
//!
//! Only regular files are replaced that way. A symbolic link is followed and
//! its target replaced (the link stays); a device, FIFO or socket
//! (`-o /dev/null`, `-o /dev/stdout`, a named pipe) is written in place —
//! renaming a file over `/dev/null` would turn the system's null device into
//! a regular file.

use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically: a temporary file in its directory,
/// synced and renamed over `path`.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".internbudget-").suffix(".tmp");
    // A new file gets the mode the user's umask gives (0666 less the umask),
    // as any other program's output would; a replaced file keeps its mode.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o666, |m| m.permissions().mode() & 0o7777);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    let mut tmp = builder.tempfile_in(dir).with_context(|| {
        format!(
            "{}: cannot create a temporary file in {}",
            path.display(),
            dir.display()
        )
    })?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(|| format!("{}: cannot write", path.display()))?;
    tmp.persist(path).map_err(|e| e.error).with_context(|| {
        format!(
            "{}: cannot move the finished file into place",
            path.display()
        )
    })?;
    Ok(())
}

/// Writes `bytes` to the file at `path`: atomically to a regular file (or a
/// new one), through a symbolic link to its target, and in place to
/// anything else (a device or a pipe).
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path)
            .with_context(|| format!("{}: cannot follow the link", path.display()))?,
        _ => path.to_path_buf(),
    };
    match std::fs::metadata(&target) {
        Ok(m) if !m.is_file() && !m.is_dir() => {
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .open(&target)
                .with_context(|| format!("{}: cannot open", path.display()))?;
            f.write_all(bytes)
                .and_then(|()| f.flush())
                .with_context(|| format!("{}: cannot write", path.display()))
        }
        _ => write_atomic(&target, bytes),
    }
}

/// Writes to `path`, or to stdout when `path` is `None` or "-".
pub fn write(path: Option<&Path>, bytes: &[u8]) -> Result<()> {
    match path {
        Some(p) if p != Path::new("-") => write_file(p, bytes),
        _ => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)
                .and_then(|()| out.flush())
                .context("cannot write to stdout")
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::io::Read;
    use std::os::unix::fs::FileTypeExt;

    #[test]
    fn a_regular_file_is_replaced_and_no_temporary_file_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("a.json");
        std::fs::write(&out, "old").unwrap();
        write_file(&out, b"new").unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_new_file_gets_the_umask_mode_and_a_replaced_one_keeps_its_own() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("new.json");
        write_file(&out, b"x").unwrap();
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        // The umask of the test process, read back from a file created plainly.
        let probe = dir.path().join("probe");
        std::fs::write(&probe, "").unwrap();
        let expected = std::fs::metadata(&probe).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, expected);
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_file(&out, b"y").unwrap();
        assert_eq!(
            std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }

    #[test]
    fn a_symbolic_link_stays_and_its_target_gets_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        let link = dir.path().join("link.json");
        std::fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_file(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
    }

    /// A pipe (like /dev/null or /dev/stdout) is written in place, never
    /// replaced by a regular file.
    #[test]
    fn a_named_pipe_is_written_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: mkfifo is not available");
            return;
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || {
                let mut got = Vec::new();
                std::fs::File::open(&fifo)
                    .and_then(|mut f| f.read_to_end(&mut got))
                    .map(|_| got)
            })
        };
        write_file(&fifo, b"{\"a\":1}").unwrap();
        assert_eq!(reader.join().unwrap().unwrap(), b"{\"a\":1}");
        assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    }

    #[test]
    fn the_null_device_stays_a_device() {
        let null = Path::new("/dev/null");
        if !std::fs::metadata(null).is_ok_and(|m| m.file_type().is_char_device()) {
            return;
        }
        write_file(null, b"discarded").unwrap();
        assert!(
            std::fs::metadata(null)
                .unwrap()
                .file_type()
                .is_char_device()
        );
    }
}
