//! Finding the inputs of a run: files as named, directories walked
//! recursively in name order, and the path of each relative to the run's
//! root, which names its output.
//!
//! The root is `Config::root` when given, else the deepest directory that
//! holds every input (a directory input counts as itself, a file as its
//! parent), so `batch archive/2019 archive/2020` writes `OUT/2019/…` and
//! `OUT/2020/…`, and distinct inputs never share an output. Directory walks
//! skip hidden entries (names starting with '.') and the output directory
//! itself, and take the files [`Select`] chooses — by default those of a
//! kind the reader knows, by extension ([`INPUT_EXTENSIONS`]) or, for other
//! names, by their first bytes; the others are listed as ignored. Inputs
//! named explicitly are always taken. A file reached twice is taken once.

use crate::BatchError;
use std::collections::HashSet;
use std::ffi::OsStr;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// Extensions of the input kinds the reader knows (lowercase): PDFs, text
/// exports (tab- or comma-separated too), Word documents and web pages.
pub const INPUT_EXTENSIONS: &[&str] = &["pdf", "txt", "csv", "tsv", "docx", "html", "htm"];

/// Which files of a directory walk are inputs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Select {
    /// Files of a kind the reader knows: an extension of
    /// [`INPUT_EXTENSIONS`], or first bytes the reader recognises as a
    /// format of its own (a PDF's `%PDF-`), whatever the name.
    #[default]
    Known,
    /// Files with one of these extensions (case-insensitive, with or
    /// without the dot).
    Extensions(Vec<String>),
    /// Every file.
    All,
}

impl Select {
    /// Whether the walk takes `path`.
    fn takes(&self, path: &Path) -> bool {
        let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
        match self {
            Select::All => true,
            Select::Extensions(exts) => ext.is_some_and(|e| {
                exts.iter()
                    .any(|x| x.trim_start_matches('.').eq_ignore_ascii_case(&e))
            }),
            Select::Known => {
                ext.is_some_and(|e| INPUT_EXTENSIONS.contains(&e.as_str())) || sniffs_as_input(path)
            }
        }
    }
}

/// True when the first kilobyte of the file is a format the reader
/// recognises by its bytes (not plain text, which any file could be).
fn sniffs_as_input(path: &Path) -> bool {
    let mut head = Vec::with_capacity(1024);
    std::fs::File::open(path)
        .and_then(|f| f.take(1024).read_to_end(&mut head))
        .is_ok()
        && internbudget_parser::Format::detect(&head) != internbudget_parser::Format::Text
}

/// One input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// Where it is read from.
    pub path: PathBuf,
    /// Its path relative to the root.
    pub rel: PathBuf,
    /// `rel` with '/' separators, as the manifest writes it.
    pub name: String,
}

/// An entry of a directory walk that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkFailure {
    /// The path relative to the root when known, else as found.
    pub name: String,
    /// Why.
    pub message: String,
}

/// The inputs of a run.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// The directory input paths are relative to.
    pub root: PathBuf,
    /// The files, in input order (directories in name order).
    pub files: Vec<InputFile>,
    /// Entries of directory walks that could not be read.
    pub failures: Vec<WalkFailure>,
    /// Files of directory walks not taken (see [`Select`]), relative to the
    /// root.
    pub ignored: Vec<String>,
}

/// `rel` with '/' separators.
fn slash_name(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn common_ancestor(paths: &[PathBuf]) -> PathBuf {
    let mut iter = paths.iter();
    let Some(first) = iter.next() else {
        return PathBuf::from("/");
    };
    let mut common: Vec<Component<'_>> = first.components().collect();
    for p in iter {
        let n = common
            .iter()
            .zip(p.components())
            .take_while(|(a, b)| *a == b)
            .count();
        common.truncate(n);
    }
    common.iter().collect()
}

fn is_hidden(name: &OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// Finds the inputs. `exclude` is a directory never walked into (the output
/// directory); `select` chooses the files of directory walks.
pub(crate) fn discover(
    inputs: &[PathBuf],
    root: Option<&Path>,
    exclude: Option<&Path>,
    select: &Select,
) -> Result<Inputs, BatchError> {
    // Resolve every input first so that a typo fails the run before work starts.
    let mut resolved = Vec::with_capacity(inputs.len());
    for p in inputs {
        let canon = p.canonicalize().map_err(|source| BatchError::Input {
            path: p.clone(),
            source,
        })?;
        let is_dir = canon.is_dir();
        resolved.push((canon, is_dir));
    }
    let root = match root {
        Some(r) => r.canonicalize().map_err(|source| BatchError::Input {
            path: r.to_path_buf(),
            source,
        })?,
        None => {
            let dirs: Vec<PathBuf> = resolved
                .iter()
                .map(|(p, is_dir)| {
                    if *is_dir {
                        p.clone()
                    } else {
                        p.parent().map(Path::to_path_buf).unwrap_or_default()
                    }
                })
                .collect();
            common_ancestor(&dirs)
        }
    };
    let exclude = exclude.and_then(|e| e.canonicalize().ok());
    let mut found = Found {
        out: Inputs {
            root: root.clone(),
            ..Inputs::default()
        },
        root,
        seen: HashSet::new(),
    };
    for (path, is_dir) in resolved {
        if is_dir {
            found.walk(&path, exclude.as_deref(), select)?;
        } else {
            found.push(path)?;
        }
    }
    Ok(found.out)
}

/// The inputs found so far.
struct Found {
    out: Inputs,
    root: PathBuf,
    /// Every input file once, however it was reached.
    seen: HashSet<PathBuf>,
}

impl Found {
    /// Takes the file at `path` (once), which must lie under the root.
    fn push(&mut self, path: PathBuf) -> Result<(), BatchError> {
        let rel = path
            .strip_prefix(&self.root)
            .map_err(|_| BatchError::OutsideRoot {
                path: path.clone(),
                root: self.root.clone(),
            })?
            .to_path_buf();
        if rel.as_os_str().is_empty() {
            return Err(BatchError::OutsideRoot {
                path: path.clone(),
                root: self.root.clone(),
            });
        }
        if self.seen.insert(path.clone()) {
            let name = slash_name(&rel);
            self.out.files.push(InputFile { path, rel, name });
        }
        Ok(())
    }

    /// `p` as the manifest names it: relative to the root when under it.
    fn name_of(&self, p: &Path) -> String {
        p.strip_prefix(&self.root)
            .map_or_else(|_| p.display().to_string(), slash_name)
    }

    /// Walks the directory `dir` in name order (hidden entries and
    /// `exclude` left out): the files `select` takes are inputs, the others
    /// ignored, the entries that cannot be read failures.
    fn walk(
        &mut self,
        dir: &Path,
        exclude: Option<&Path>,
        select: &Select,
    ) -> Result<(), BatchError> {
        let walk = walkdir::WalkDir::new(dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                e.depth() == 0
                    || (!is_hidden(e.file_name())
                        && exclude.is_none_or(|x| !e.path().starts_with(x)))
            });
        for entry in walk {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    if select.takes(e.path()) {
                        self.push(e.into_path())?;
                    } else {
                        let name = self.name_of(e.path());
                        self.out.ignored.push(name);
                    }
                }
                Ok(_) => {}
                Err(err) => {
                    let name = err
                        .path()
                        .map(|p| self.name_of(p))
                        .unwrap_or_else(|| slash_name(dir.strip_prefix(&self.root).unwrap_or(dir)));
                    self.out.failures.push(WalkFailure {
                        name,
                        message: err.to_string(),
                    });
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn walks_in_name_order_relative_to_the_common_root() {
        let d = tempfile::tempdir().unwrap();
        let a = d.path().join("archive");
        for p in [
            "2020/b.txt",
            "2020/a.pdf",
            "2019/x.txt",
            "2019/.hidden",
            ".git/c.txt",
        ] {
            let f = a.join(p);
            fs::create_dir_all(f.parent().unwrap()).unwrap();
            fs::write(f, "x").unwrap();
        }
        let all = Select::All;
        let found = discover(&[a.join("2020"), a.join("2019")], None, None, &all).unwrap();
        let names: Vec<&str> = found.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["2020/a.pdf", "2020/b.txt", "2019/x.txt"]);
        let found = discover(std::slice::from_ref(&a), None, None, &all).unwrap();
        let names: Vec<&str> = found.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["2019/x.txt", "2020/a.pdf", "2020/b.txt"]);
        // A file named twice, once through its directory, is taken once.
        let found = discover(&[a.join("2019/x.txt"), a.clone()], None, None, &all).unwrap();
        assert_eq!(found.files.len(), 3);
        // Extension filter, the output directory excluded.
        let found = discover(
            std::slice::from_ref(&a),
            None,
            Some(&a.join("2020")),
            &Select::Extensions(vec!["TXT".into()]),
        )
        .unwrap();
        let names: Vec<&str> = found.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["2019/x.txt"]);
        // A single file: its name.
        let found = discover(&[a.join("2019/x.txt")], None, None, &all).unwrap();
        assert_eq!(found.files[0].name, "x.txt");
        // A given root; an input outside it is an error.
        let found = discover(&[a.join("2019")], Some(d.path()), None, &all).unwrap();
        assert_eq!(found.files[0].name, "archive/2019/x.txt");
        assert!(matches!(
            discover(&[a.join("2019")], Some(&a.join("2020")), None, &all),
            Err(BatchError::OutsideRoot { .. })
        ));
        assert!(matches!(
            discover(&[a.join("nope")], None, None, &all),
            Err(BatchError::Input { .. })
        ));
    }

    #[test]
    fn by_default_only_known_kinds_are_taken_and_the_rest_listed() {
        let d = tempfile::tempdir().unwrap();
        let a = d.path();
        for (p, body) in [
            ("a.pdf", "%PDF-1.7"),
            ("b.TXT", "text"),
            ("c.csv", "x;y"),
            ("d.tsv", "x\ty"),
            ("e.html", "<html>"),
            ("f.docx", "PK"),
            ("README.md", "# fixtures"),
            ("an.truth.json", "{}"),
            ("scan", "%PDF-1.4 without a name"),
            ("notes", "plain text without a name"),
        ] {
            fs::write(a.join(p), body).unwrap();
        }
        let found = discover(&[a.to_path_buf()], None, None, &Select::default()).unwrap();
        let names: Vec<&str> = found.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "a.pdf", "b.TXT", "c.csv", "d.tsv", "e.html", "f.docx", "scan"
            ]
        );
        assert_eq!(found.ignored, ["README.md", "an.truth.json", "notes"]);
        // Named explicitly, any file is an input.
        let found = discover(&[a.join("README.md")], None, None, &Select::default()).unwrap();
        assert_eq!(found.files.len(), 1);
        let found = discover(&[a.to_path_buf()], None, None, &Select::All).unwrap();
        assert_eq!((found.files.len(), found.ignored.len()), (10, 0));
    }
}
