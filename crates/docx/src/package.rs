//! The ZIP container of a DOCX package, read within bounds: the number of
//! entries it declares (checked before the ZIP reader lists them), and per
//! part read its decompressed size (whatever its header claims) and its
//! ratio to the compressed size. A zip bomb stops at the first bound it
//! reaches, having inflated at most `max_part_bytes`.

use crate::{DocxError, Limits};
use internbudget_layout::Deadline;
use std::io::{Cursor, Read};
use zip::ZipArchive;
use zip::result::ZipError;

/// Parts past this size must keep to `Limits::max_ratio`.
const RATIO_FLOOR: u64 = 1024 * 1024;

/// Bytes inflated between two looks at the clock.
const CHUNK: usize = 256 * 1024;

/// An opened package.
pub(crate) struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
}

impl<'a> Package<'a> {
    /// Opens the container, refusing one that declares more entries than
    /// `max_entries` before its directory is read.
    pub fn open(bytes: &'a [u8], limits: &Limits) -> Result<Self, DocxError> {
        if let Some(n) = declared_entries(bytes)
            && n > limits.max_entries
        {
            return Err(DocxError::TooLarge {
                what: "entries of the DOCX package (max_entries)",
                limit: limits.max_entries,
            });
        }
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| DocxError::Container {
            reason: e.to_string(),
        })?;
        if archive.len() as u64 > limits.max_entries {
            return Err(DocxError::TooLarge {
                what: "entries of the DOCX package (max_entries)",
                limit: limits.max_entries,
            });
        }
        Ok(Package { archive })
    }

    /// The decompressed bytes of part `name`, `None` when the package has
    /// no such part.
    pub fn part(
        &mut self,
        name: &str,
        limits: &Limits,
        deadline: &Deadline,
    ) -> Result<Option<Vec<u8>>, DocxError> {
        let mut file = match self.archive.by_name(name) {
            Ok(f) => f,
            Err(ZipError::FileNotFound) => return Ok(None),
            Err(e @ (ZipError::UnsupportedArchive(_) | ZipError::InvalidPassword)) => {
                return Err(DocxError::Unsupported {
                    reason: e.to_string(),
                });
            }
            Err(ZipError::CompressionMethodNotSupported(m)) => {
                return Err(DocxError::Unsupported {
                    reason: format!("compression method {m} is not supported"),
                });
            }
            Err(e) => {
                return Err(DocxError::Container {
                    reason: e.to_string(),
                });
            }
        };
        let too_large = DocxError::TooLarge {
            what: "decompressed bytes of a DOCX part (max_part_bytes)",
            limit: limits.max_part_bytes,
        };
        let bomb = DocxError::TooLarge {
            what: "decompressed-to-compressed ratio of a DOCX part (max_ratio)",
            limit: limits.max_ratio,
        };
        let compressed = file.compressed_size().max(1);
        let declared = file.size();
        if declared > limits.max_part_bytes {
            return Err(too_large);
        }
        if declared > RATIO_FLOOR && declared / compressed > limits.max_ratio {
            return Err(bomb);
        }
        // The header's size is not trusted: inflate in chunks, counting.
        let cap = usize::try_from(declared.min(limits.max_part_bytes)).unwrap_or(0);
        let mut out: Vec<u8> = Vec::with_capacity(cap);
        let mut chunk = vec![0u8; CHUNK];
        loop {
            if deadline.passed() {
                return Err(DocxError::Timeout {
                    limit: deadline.limit(),
                });
            }
            let n = match file.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    return Err(DocxError::Container {
                        reason: format!("{name}: {e}"),
                    });
                }
            };
            out.extend_from_slice(chunk.get(..n).unwrap_or(&[]));
            let total = out.len() as u64;
            if total > limits.max_part_bytes {
                return Err(too_large);
            }
            if total > RATIO_FLOOR && total / compressed > limits.max_ratio {
                return Err(bomb);
            }
        }
        Ok(Some(out))
    }
}

/// The number of entries the end of central directory record declares
/// (the ZIP64 record's when the classic one defers to it); `None` when no
/// record is found (the ZIP reader then says what is wrong).
fn declared_entries(bytes: &[u8]) -> Option<u64> {
    const EOCD: &[u8] = b"PK\x05\x06";
    let tail_start = bytes.len().saturating_sub(22 + 65_535);
    let tail = bytes.get(tail_start..)?;
    let at = tail_start + tail.windows(4).rposition(|w| w == EOCD)?;
    let classic = u16::from_le_bytes(array(bytes, at + 10)?);
    if classic != u16::MAX {
        return Some(u64::from(classic));
    }
    // ZIP64: a locator right before the record points at the ZIP64 record.
    let locator = at.checked_sub(20)?;
    if bytes.get(locator..locator + 4)? != b"PK\x06\x07" {
        return Some(u64::from(classic));
    }
    let record = usize::try_from(u64::from_le_bytes(array(bytes, locator + 8)?)).ok()?;
    if bytes.get(record..record.checked_add(4)?)? != b"PK\x06\x06" {
        return Some(u64::from(classic));
    }
    Some(u64::from_le_bytes(array(bytes, record.checked_add(32)?)?))
}

fn array<const N: usize>(bytes: &[u8], at: usize) -> Option<[u8; N]> {
    bytes.get(at..at.checked_add(N)?)?.try_into().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(parts: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default().compression_method(method);
        for (name, data) in parts {
            w.start_file(*name, opts).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn reads_parts_and_says_when_one_is_missing() {
        let bytes = zip_of(
            &[("word/document.xml", b"<x/>")],
            zip::CompressionMethod::Deflated,
        );
        let mut p = Package::open(&bytes, &Limits::default()).unwrap();
        let d = Deadline::never();
        assert_eq!(
            p.part("word/document.xml", &Limits::default(), &d)
                .unwrap()
                .as_deref(),
            Some(&b"<x/>"[..])
        );
        assert_eq!(
            p.part("docProps/core.xml", &Limits::default(), &d).unwrap(),
            None
        );
        assert_eq!(declared_entries(&bytes), Some(1));
    }

    #[test]
    fn bounds_size_ratio_and_entries() {
        let zeros = vec![b' '; 3 * 1024 * 1024];
        let bytes = zip_of(
            &[("word/document.xml", &zeros)],
            zip::CompressionMethod::Deflated,
        );
        let d = Deadline::never();
        let mut p = Package::open(&bytes, &Limits::default()).unwrap();
        let err = p
            .part("word/document.xml", &Limits::default(), &d)
            .unwrap_err();
        assert!(err.to_string().contains("(max_ratio)"), "{err}");
        let small = Limits {
            max_part_bytes: 1000,
            ..Limits::default()
        };
        let err = p.part("word/document.xml", &small, &d).unwrap_err();
        assert!(err.to_string().contains("(max_part_bytes)"), "{err}");
        let few = Limits {
            max_entries: 0,
            ..Limits::default()
        };
        assert!(matches!(
            Package::open(&bytes, &few),
            Err(DocxError::TooLarge { what, .. }) if what.contains("max_entries")
        ));
    }
}
