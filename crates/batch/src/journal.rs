//! The journal a directory run appends one line per finished input to, so
//! that a rerun after a killed run skips what it already converted; removed
//! once the manifest is written. The main type is [`Journal`].

use crate::manifest::JournalLine;
use crate::{BatchError, Entry};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// An open journal.
pub(crate) struct Journal {
    writer: BufWriter<File>,
    path: PathBuf,
    tool_version: String,
    schema_version: String,
}

impl Journal {
    /// Opens the journal at `path` for appending, for entries of this tool
    /// and schema version.
    pub(crate) fn open(
        path: &Path,
        tool_version: &str,
        schema_version: &str,
    ) -> Result<Journal, BatchError> {
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map(|f| Journal {
                writer: BufWriter::new(f),
                path: path.to_path_buf(),
                tool_version: tool_version.to_string(),
                schema_version: schema_version.to_string(),
            })
            .map_err(|source| BatchError::Write {
                path: path.to_path_buf(),
                source,
            })
    }

    /// Appends a finished input's entry, flushed.
    pub(crate) fn record(&mut self, entry: &Entry) -> Result<(), BatchError> {
        let line = JournalLine {
            tool_version: self.tool_version.clone(),
            schema_version: self.schema_version.clone(),
            entry: entry.clone(),
        };
        let j = &mut self.writer;
        serde_json::to_writer(&mut *j, &line)
            .map_err(io::Error::from)
            .and_then(|()| j.write_all(b"\n"))
            .and_then(|()| j.flush())
            .map_err(|source| BatchError::Write {
                path: self.path.clone(),
                source,
            })
    }

    /// Closes and removes the journal (the manifest now says it all).
    pub(crate) fn remove(self) {
        let Journal { writer, path, .. } = self;
        drop(writer);
        let _ = std::fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::job::failed_entry;

    #[test]
    fn entries_are_appended_one_per_line_and_the_journal_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal");
        let mut j = Journal::open(&path, "1.2.3", "1.1.0").unwrap();
        j.record(&failed_entry("a.pdf".into(), None)).unwrap();
        j.record(&failed_entry("b.pdf".into(), None)).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<JournalLine> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1].entry.path, "b.pdf");
        assert_eq!(lines[0].tool_version, "1.2.3");
        j.remove();
        assert!(!path.exists());
    }
}
