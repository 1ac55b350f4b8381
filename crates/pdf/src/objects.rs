//! Small, total helpers over lopdf objects: dereferencing, typed lookups and
//! bounded stream decoding. None of them fails loudly: a missing or mistyped
//! entry reads as `None`, as a tolerant reader needs.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

/// Follows references (lopdf caps the chain length) to the object itself.
pub(crate) fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match doc.dereference(o) {
        Ok((_, o)) => o,
        Err(_) => &Object::Null,
    }
}

/// The value at `key`, dereferenced.
pub(crate) fn get<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    match d.get(key) {
        Ok(o) => match deref(doc, o) {
            Object::Null => None,
            o => Some(o),
        },
        Err(_) => None,
    }
}

/// A number (integer or real) as `f32`, when finite.
pub(crate) fn num(o: &Object) -> Option<f32> {
    let v = match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => return None,
    };
    v.is_finite().then_some(v)
}

/// The number at `key`.
pub(crate) fn get_num(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<f32> {
    get(doc, d, key).and_then(num)
}

/// The name at `key`.
pub(crate) fn get_name<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    match get(doc, d, key)? {
        Object::Name(n) => Some(n.as_slice()),
        _ => None,
    }
}

/// The dictionary at `key` (a stream's dictionary counts).
pub(crate) fn get_dict<'a>(
    doc: &'a Document,
    d: &'a Dictionary,
    key: &[u8],
) -> Option<&'a Dictionary> {
    match get(doc, d, key)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// The array at `key`.
pub(crate) fn get_array<'a>(
    doc: &'a Document,
    d: &'a Dictionary,
    key: &[u8],
) -> Option<&'a [Object]> {
    match get(doc, d, key)? {
        Object::Array(a) => Some(a.as_slice()),
        _ => None,
    }
}

/// The stream at `key`, with its object id when it is a reference.
pub(crate) fn get_stream<'a>(
    doc: &'a Document,
    d: &'a Dictionary,
    key: &[u8],
) -> Option<(Option<ObjectId>, &'a Stream)> {
    let o = d.get(key).ok()?;
    match doc.dereference(o) {
        Ok((id, Object::Stream(s))) => Some((id, s)),
        _ => None,
    }
}

/// Numbers of an array (non-numbers are skipped), dereferencing elements.
pub(crate) fn nums(doc: &Document, a: &[Object]) -> Vec<f32> {
    a.iter().filter_map(|o| num(deref(doc, o))).collect()
}

/// Why a stream could not be decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StreamError {
    /// It decompresses to more than the limit.
    TooLarge,
}

/// The decoded bytes of a stream, at most `limit` of them. A stream whose
/// filter is unknown or whose data is corrupt yields what could be decoded
/// (possibly nothing); only exceeding the limit is an error.
pub(crate) fn stream_data(s: &Stream, limit: usize) -> Result<Vec<u8>, StreamError> {
    if let Some(data) = inflate_whole(s, limit) {
        return Ok(data);
    }
    match s.decompressed_content_with_limit(limit) {
        Ok(v) => Ok(v),
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
            Err(StreamError::TooLarge)
        }
        Err(_) => {
            if s.dict.get(b"Filter").is_err() && s.content.len() <= limit {
                Ok(s.content.clone())
            } else {
                Ok(Vec::new())
            }
        }
    }
}

/// The decoded bytes of a stream compressed by `/FlateDecode` alone,
/// without `/DecodeParms` (what most producers write), inflated in one
/// piece: lopdf's streaming decoder sets up a 32 KiB window and a buffered
/// reader for every stream. `None` for any other stream, and for one whose
/// data does not inflate cleanly (checksum included) within `limit`: lopdf
/// decodes those, keeping what can be read, and the result is the same.
fn inflate_whole(s: &Stream, limit: usize) -> Option<Vec<u8>> {
    let flate = match s.dict.get(b"Filter").ok()? {
        Object::Name(n) => n.as_slice() == b"FlateDecode",
        Object::Array(a) => {
            matches!(a.as_slice(), [Object::Name(n)] if n.as_slice() == b"FlateDecode")
        }
        _ => false,
    };
    if !flate || s.dict.has(b"DecodeParms") || s.content.is_empty() {
        return None;
    }
    miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&s.content, limit).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    fn deflated(data: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(data).unwrap();
        z.finish().unwrap()
    }

    #[test]
    fn flate_streams_inflate_whole_or_as_lopdf_reads_them() {
        let text = b"BT /F1 12 Tf (Budget 2021) Tj ET ".repeat(50);
        let packed = deflated(&text);
        let s = Stream::new(dictionary! { "Filter" => "FlateDecode" }, packed.clone());
        assert_eq!(inflate_whole(&s, 1 << 20).as_deref(), Some(text.as_slice()));
        assert_eq!(stream_data(&s, 1 << 20), Ok(text.clone()));
        // Over the limit: left to lopdf, which says so.
        assert_eq!(inflate_whole(&s, 100), None);
        assert_eq!(stream_data(&s, 100), Err(StreamError::TooLarge));
        // A broken checksum: lopdf keeps what it could read.
        let mut broken = packed.clone();
        if let Some(last) = broken.last_mut() {
            *last ^= 0xFF;
        }
        let s = Stream::new(dictionary! { "Filter" => "FlateDecode" }, broken);
        assert_eq!(inflate_whole(&s, 1 << 20), None);
        let kept = stream_data(&s, 1 << 20).unwrap();
        assert!(text.starts_with(&kept));
        // Parameters (predictors) and filter chains are lopdf's.
        let s = Stream::new(
            dictionary! { "Filter" => "FlateDecode", "DecodeParms" => dictionary! { "Predictor" => 12 } },
            packed,
        );
        assert_eq!(inflate_whole(&s, 1 << 20), None);
    }
}
