//! Writing outputs: to stdout, or atomically to a file (a temporary file in
//! the same directory, renamed into place), so that an interrupted run never
//! leaves a half-written file behind. A new output gets the mode any new
//! file gets (0666 less the umask), not the 0600 of a temporary file; a
//! replaced one keeps its mode.
//!
//! Only regular files are replaced that way. A symbolic link is followed and
//! its target replaced (the link stays); a device, FIFO or socket
//! (`-o /dev/null`, `-o /dev/stdout`, a named pipe) is written in place —
//! renaming a file over `/dev/null` would turn the system's null device into
//! a regular file. An output that is one of the command's inputs (directly,
//! through a link, or a hard link) is refused before any work
//! ([`refuse_inputs`]).

use crate::message::shown;
use anyhow::{Context, Result, anyhow};
use internbudget_normalizer::FileId;
use std::io::{self, Write};
use std::path::Path;

/// An I/O error as a person reads it: without the "(os error N)" tail and
/// without the path of a temporary file.
fn reason(e: &io::Error) -> String {
    let plain = e.raw_os_error().map_or_else(
        || io::Error::from(e.kind()).to_string(),
        |code| io::Error::from_raw_os_error(code).to_string(),
    );
    match plain.find(" (os error") {
        Some(at) => plain.get(..at).unwrap_or(&plain).to_string(),
        None => plain,
    }
}

/// Writes `path` atomically with `fill`: a temporary file in its
/// directory, filled, synced and renamed over `path`.
fn write_atomic(path: &Path, fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut b = tempfile::Builder::new();
    b.prefix(".internbudget-").suffix(".tmp");
    // A new file gets the mode the umask gives (0666 less the umask), as any
    // other program's output would; a replaced file keeps its own mode.
    #[cfg(unix)]
    let kept = {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(std::fs::Permissions::from_mode(0o666));
        std::fs::metadata(path).ok().map(|m| m.permissions())
    };
    let tmp = b.tempfile_in(dir).map_err(|e| {
        if e.kind() == io::ErrorKind::NotFound {
            anyhow!(
                "{}: cannot write: the directory {} does not exist",
                shown(path),
                shown(dir)
            )
        } else {
            anyhow!("{}: cannot write: {}", shown(path), reason(&e))
        }
    })?;
    #[cfg(unix)]
    if let Some(mode) = kept {
        tmp.as_file()
            .set_permissions(mode)
            .map_err(|e| anyhow!("{}: cannot write: {}", shown(path), reason(&e)))?;
    }
    let mut out = io::BufWriter::with_capacity(256 << 10, tmp);
    let tmp = fill(&mut out)
        .and_then(|()| out.into_inner().map_err(io::IntoInnerError::into_error))
        .and_then(|tmp| tmp.as_file().sync_all().map(|()| tmp))
        .map_err(|e| anyhow!("{}: cannot write: {}", shown(path), reason(&e)))?;
    tmp.persist(path).map_err(|e| {
        anyhow!(
            "{}: cannot move the finished file into place: {}",
            shown(path),
            reason(&e.error)
        )
    })?;
    Ok(())
}

/// Writes the file at `path` with `fill`: atomically to a regular file (or
/// a new one), through a symbolic link to its target, and in place to
/// anything else (a device or a pipe).
fn write_file_with(
    path: &Path,
    fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path)
            .map_err(|e| anyhow!("{}: cannot follow the link: {}", shown(path), reason(&e)))?,
        _ => path.to_path_buf(),
    };
    match std::fs::metadata(&target) {
        Ok(m) if !m.is_file() && !m.is_dir() => {
            let f = std::fs::OpenOptions::new()
                .write(true)
                .open(&target)
                .map_err(|e| anyhow!("{}: cannot open: {}", shown(path), reason(&e)))?;
            let mut out = io::BufWriter::with_capacity(256 << 10, f);
            fill(&mut out)
                .and_then(|()| out.flush())
                .map_err(|e| anyhow!("{}: cannot write: {}", shown(path), reason(&e)))
        }
        _ => write_atomic(&target, fill),
    }
}

/// Writes `bytes` to the file at `path` (see [`write_file_with`]).
#[cfg(test)]
fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    write_file_with(path, &mut |w| w.write_all(bytes))
}

/// Writes with `fill` to `path`, or to stdout when `path` is `None` or
/// "-". A reader of stdout that went away (`| head -c1`) is no error: the
/// caller ends quietly (see [`is_broken_pipe`]).
fn write_with(
    path: Option<&Path>,
    fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    match path {
        Some(p) if p != Path::new("-") => write_file_with(p, fill),
        _ => {
            let mut out = io::BufWriter::with_capacity(256 << 10, io::stdout().lock());
            fill(&mut out)
                .and_then(|()| out.flush())
                .context("cannot write to stdout")
        }
    }
}

/// Writes `bytes` to `path`, or to stdout (see [`write_with`]).
pub(crate) fn write(path: Option<&Path>, bytes: &[u8]) -> Result<()> {
    write_with(path, &mut |w| w.write_all(bytes))
}

/// Writes `value` as JSON (pretty or compact, with a final newline) to
/// `path` or stdout, serialized straight into the output: a large document
/// is never held twice in memory.
pub(crate) fn write_json<T: serde::Serialize>(
    path: Option<&Path>,
    value: &T,
    compact: bool,
) -> Result<()> {
    write_with(path, &mut |w| {
        if compact {
            serde_json::to_writer(&mut *w, value)?;
        } else {
            serde_json::to_writer_pretty(&mut *w, value)?;
        }
        w.write_all(b"\n")
    })
}

/// True when the error is a write to a pipe whose reader has gone.
pub(crate) fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Refuses an output that is one of the inputs (their file ids): a usage
/// error, before any work.
pub(crate) fn refuse_inputs(output: Option<&Path>, inputs: &[Option<FileId>]) -> Result<()> {
    let Some(out) = output.filter(|p| *p != Path::new("-")) else {
        return Ok(());
    };
    let Some(id) = FileId::of(out) else {
        return Ok(());
    };
    if inputs.iter().flatten().any(|i| *i == id) {
        return Err(crate::usage(format!(
            "{}: the output is one of the inputs; choose another output file",
            shown(out)
        )));
    }
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::io::Read;
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};

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
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("new.json");
        write_file(&out, b"x").unwrap();
        // The mode of any new file, not the 0600 of a temporary one.
        let plain = dir.path().join("plain");
        std::fs::write(&plain, "x").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&out), mode(&plain));
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_file(&out, b"y").unwrap();
        assert_eq!(mode(&out), 0o640);
    }

    #[test]
    fn a_missing_directory_is_named_and_no_temporary_path_shows() {
        let err = write_file(Path::new("/nonexistent/dir/x.json"), b"{}").unwrap_err();
        assert_eq!(
            err.to_string(),
            "/nonexistent/dir/x.json: cannot write: the directory /nonexistent/dir does not exist"
        );
    }

    #[test]
    fn an_input_is_never_an_output() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("a.pdf");
        std::fs::write(&input, "%PDF").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&input, &link).unwrap();
        let hard = dir.path().join("hard.json");
        std::fs::hard_link(&input, &hard).unwrap();
        let ids = [FileId::of(&input)];
        for out in [&input, &link, &hard] {
            let e = refuse_inputs(Some(out), &ids).unwrap_err();
            assert!(e.downcast_ref::<crate::Usage>().is_some(), "{e}");
        }
        assert!(refuse_inputs(Some(&dir.path().join("new.json")), &ids).is_ok());
        assert!(refuse_inputs(Some(Path::new("-")), &ids).is_ok());
        assert!(refuse_inputs(None, &ids).is_ok());
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
