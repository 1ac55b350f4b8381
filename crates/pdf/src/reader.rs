//! Reading a whole document: the checks before parsing (empty, not a PDF,
//! too large), loading with lopdf under the limits, encryption, walking the
//! page tree (inherited attributes, cycles, page limit), metadata, and the
//! page loop that interprets content and builds words and lines.

use crate::error::PdfError;
use crate::geom::page_matrix;
use crate::interp::{DocCtx, PageRun, rect_of, rotate_of, too_large_stream};
use crate::limits::{Budget, Limits};
use crate::objects::{get, get_dict, stream_data};
use crate::words::{build_words, page_lines, turn_upright};
use internbudget_layout::{Deadline, Document, Limit, Meta, Page, SourceKind};
use lopdf::{Dictionary, Object, ObjectId};
use std::collections::HashSet;

/// Most annotations drawn per page.
const MAX_ANNOTATIONS: usize = 10_000;

/// Deepest page tree accepted.
const MAX_TREE_DEPTH: usize = 256;

/// True when `bytes` has the `%PDF-` header within its first 1024 bytes.
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes
        .get(..bytes.len().min(1024))
        .unwrap_or(bytes)
        .windows(5)
        .any(|w| w == b"%PDF-")
}

/// A page with its inherited attributes resolved.
struct PageInfo<'a> {
    dict: &'a Dictionary,
    resources: Option<&'a Dictionary>,
    media: Option<[f32; 4]>,
    crop: Option<[f32; 4]>,
    rotate: i32,
}

#[derive(Clone, Copy, Default)]
struct Inherited<'a> {
    resources: Option<&'a Dictionary>,
    media: Option<[f32; 4]>,
    crop: Option<[f32; 4]>,
    rotate: Option<i32>,
}

impl<'a> Inherited<'a> {
    fn apply(mut self, doc: &'a lopdf::Document, d: &'a Dictionary) -> Self {
        if let Some(r) = get_dict(doc, d, b"Resources") {
            self.resources = Some(r);
        }
        if let Some(r) = rect_of(doc, d, b"MediaBox") {
            self.media = Some(r);
        }
        if let Some(r) = rect_of(doc, d, b"CropBox") {
            self.crop = Some(r);
        }
        if let Some(r) = rotate_of(doc, d) {
            self.rotate = Some(r);
        }
        self
    }

    fn page(self, dict: &'a Dictionary) -> PageInfo<'a> {
        PageInfo {
            dict,
            resources: self.resources,
            media: self.media,
            crop: self.crop,
            rotate: self.rotate.unwrap_or(0),
        }
    }
}

fn too_many_pages(limits: &Limits) -> PdfError {
    PdfError::TooLarge {
        what: Limit::Pages,
        limit: u64::from(limits.max_pages),
        page: None,
    }
}

/// Walks the page tree from the catalog, depth first, in order.
fn walk_page_tree<'a>(
    doc: &'a lopdf::Document,
    limits: &Limits,
) -> Result<Vec<PageInfo<'a>>, PdfError> {
    let mut pages = Vec::new();
    let Some(root) = doc.catalog().ok().and_then(|c| c.get(b"Pages").ok()) else {
        return Ok(pages);
    };
    let mut visited: HashSet<ObjectId> = HashSet::new();
    let mut stack: Vec<(&'a Object, Inherited<'a>, usize)> = vec![(root, Inherited::default(), 0)];
    while let Some((node, inh, depth)) = stack.pop() {
        if let Object::Reference(id) = node
            && !visited.insert(*id)
        {
            continue; // a cycle or a shared node: each node once
        }
        let d = match doc.dereference(node) {
            Ok((_, Object::Dictionary(d))) => d,
            _ => continue,
        };
        let inh = inh.apply(doc, d);
        let kids = match get(doc, d, b"Kids") {
            Some(Object::Array(k)) => Some(k),
            _ => None,
        };
        let is_tree_node = match d.get(b"Type").ok().and_then(|t| t.as_name().ok()) {
            Some(b"Pages") => true,
            Some(b"Page") => false,
            _ => kids.is_some(),
        };
        if is_tree_node {
            if depth < MAX_TREE_DEPTH
                && let Some(kids) = kids
            {
                for k in kids.iter().rev() {
                    stack.push((k, inh, depth + 1));
                }
            }
        } else {
            if pages.len() >= limits.max_pages as usize {
                return Err(too_many_pages(limits));
            }
            pages.push(inh.page(d));
        }
    }
    Ok(pages)
}

/// When the page tree is unusable: every `/Type /Page` object in object
/// order, with attributes inherited through `/Parent` (cycles stopped).
fn scan_for_pages<'a>(
    doc: &'a lopdf::Document,
    limits: &Limits,
) -> Result<Vec<PageInfo<'a>>, PdfError> {
    let mut pages = Vec::new();
    for o in doc.objects.values() {
        let Object::Dictionary(d) = o else { continue };
        if d.get(b"Type").ok().and_then(|t| t.as_name().ok()) != Some(b"Page".as_slice()) {
            continue;
        }
        // Collect the chain of ancestors, then apply from the root down.
        let mut chain = vec![d];
        let mut seen = HashSet::new();
        let mut cur = d;
        while let Ok(Object::Reference(pid)) = cur.get(b"Parent") {
            if !seen.insert(*pid) || chain.len() > MAX_TREE_DEPTH {
                break;
            }
            match doc.get_object(*pid) {
                Ok(Object::Dictionary(p)) => {
                    chain.push(p);
                    cur = p;
                }
                _ => break,
            }
        }
        let inh = chain
            .iter()
            .rev()
            .fold(Inherited::default(), |inh, node| inh.apply(doc, node));
        if pages.len() >= limits.max_pages as usize {
            return Err(too_many_pages(limits));
        }
        pages.push(inh.page(d));
    }
    Ok(pages)
}

/// The concatenated, decoded content streams of a page.
fn page_content(
    doc: &lopdf::Document,
    page: &PageInfo<'_>,
    limits: &Limits,
    number: u32,
) -> Result<Vec<u8>, PdfError> {
    let mut out = Vec::new();
    let Some(contents) = page.dict.get(b"Contents").ok() else {
        return Ok(out);
    };
    let mut streams: Vec<&lopdf::Stream> = Vec::new();
    match doc.dereference(contents) {
        Ok((_, Object::Stream(s))) => streams.push(s),
        Ok((_, Object::Array(a))) => {
            for o in a {
                if let Ok((_, Object::Stream(s))) = doc.dereference(o) {
                    streams.push(s);
                }
            }
        }
        _ => {}
    }
    for s in streams {
        let remaining = limits.max_stream_bytes.saturating_sub(out.len());
        let data = stream_data(s, remaining).map_err(|_| too_large_stream(limits, number))?;
        if out.is_empty() {
            out = data; // the page's first (often only) stream: no copy
        } else {
            out.extend_from_slice(&data);
        }
        out.push(b'\n');
    }
    Ok(out)
}

fn text_string(o: &Object) -> Option<String> {
    let s = lopdf::decode_text_string(o).ok().or_else(|| {
        o.as_str()
            .ok()
            .map(|b| String::from_utf8_lossy(b).into_owned())
    })?;
    let s = s.trim_matches(|c: char| c.is_whitespace() || c == '\0');
    (!s.is_empty()).then(|| s.to_string())
}

fn read_meta(doc: &lopdf::Document) -> Meta {
    let info = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok());
    let field = |key: &[u8]| {
        info.and_then(|d| d.get(key).ok())
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| text_string(o))
    };
    Meta {
        title: field(b"Title"),
        author: field(b"Author"),
        subject: field(b"Subject"),
        producer: field(b"Producer"),
    }
}

fn load_error(e: lopdf::Error, limits: &Limits) -> PdfError {
    match e {
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
            PdfError::TooLarge {
                what: Limit::StreamBytes,
                limit: limits.max_stream_bytes as u64,
                page: None,
            }
        }
        lopdf::Error::InvalidPassword
        | lopdf::Error::Decryption(lopdf::encryption::DecryptionError::IncorrectPassword) => {
            PdfError::Encrypted
        }
        lopdf::Error::Decryption(d) => PdfError::UnsupportedEncryption {
            reason: d.to_string(),
        },
        other => PdfError::Damaged {
            reason: other.to_string(),
        },
    }
}

/// The highest object number of an `N G obj` header starting a line.
fn max_object_number(bytes: &[u8]) -> u32 {
    let mut max = 0u32;
    for line in bytes.split(|b| *b == b'\n' || *b == b'\r') {
        let mut parts = line
            .split(|b| b.is_ascii_whitespace())
            .filter(|p| !p.is_empty());
        if let (Some(n), Some(g), Some(kw)) = (parts.next(), parts.next(), parts.next())
            && kw.starts_with(b"obj")
            && g.iter().all(u8::is_ascii_digit)
            && let Some(n) = std::str::from_utf8(n)
                .ok()
                .and_then(|n| n.parse::<u32>().ok())
        {
            max = max.max(n);
        }
    }
    max
}

/// A copy of `bytes` with an empty catalog and a trailer naming it appended
/// (after closing any stream or object the cut left open), so that lopdf
/// rebuilds the cross-reference table of a truncated file from the objects
/// that survive. The catalog has no page tree: `scan_for_pages` finds the
/// pages.
fn with_synthetic_root(bytes: &[u8]) -> Vec<u8> {
    let n = max_object_number(bytes).saturating_add(1);
    let tail = format!(
        "\nendstream\nendobj\n{n} 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Size {} /Root {n} 0 R >>\n%%EOF\n",
        n.saturating_add(1)
    );
    let mut out = Vec::with_capacity(bytes.len() + tail.len());
    out.extend_from_slice(bytes);
    out.extend_from_slice(tail.as_bytes());
    out
}

/// Reads a PDF; see [`crate::read_pdf`].
pub(crate) fn read(
    bytes: &[u8],
    limits: &Limits,
    deadline: Deadline,
) -> Result<Document, PdfError> {
    let budget = Budget::until(deadline);
    let doc = load(bytes, limits, budget)?;
    let pages = find_pages(&doc, limits)?;
    budget.check(None)?;
    let meta = read_meta(&doc);
    let mut ctx = DocCtx::new(&doc, limits, budget);
    let mut out_pages = Vec::with_capacity(pages.len());
    for (i, p) in pages.iter().enumerate() {
        let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        budget.check(Some(number))?;
        out_pages.push(read_page(&mut ctx, p, number)?);
    }
    Ok(Document {
        kind: SourceKind::Pdf,
        pages: out_pages,
        meta,
        encoding: None,
        line_count: None,
    })
}

/// Checks the bytes and loads them with lopdf under the limits: a file
/// cut off before its catalog is retried with one appended; a file that
/// stays encrypted (not with the empty user password) is refused.
fn load(bytes: &[u8], limits: &Limits, budget: Budget) -> Result<lopdf::Document, PdfError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(PdfError::Empty);
    }
    if !is_pdf(bytes) {
        return Err(PdfError::NotPdf);
    }
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(PdfError::TooLarge {
            what: Limit::PdfBytes,
            limit: limits.max_file_bytes,
            page: None,
        });
    }
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(limits.max_stream_bytes),
        ..lopdf::LoadOptions::default()
    };
    let doc = match lopdf::Document::load_mem_with_options(bytes, options.clone()) {
        Ok(doc) => doc,
        Err(e) => match load_error(e, limits) {
            // A file cut off before its catalog (an interrupted download:
            // many producers write the catalog last) has no root to start
            // from: retry with one appended, and find the pages by scanning.
            err @ PdfError::Damaged { .. } => {
                budget.check(None)?;
                let options = lopdf::LoadOptions {
                    force_reconstruct: true,
                    ..options
                };
                lopdf::Document::load_mem_with_options(&with_synthetic_root(bytes), options)
                    .map_err(|_| err)?
            }
            err => return Err(err),
        },
    };
    budget.check(None)?;
    if doc.is_encrypted() && doc.encryption_state.is_none() {
        // lopdf opens files with an empty user password itself; anything
        // still encrypted needs a password or uses an unsupported scheme.
        return Err(match doc.authenticate_user_password("") {
            Err(lopdf::Error::Decryption(
                lopdf::encryption::DecryptionError::UnsupportedEncryption
                | lopdf::encryption::DecryptionError::UnsupportedVersion
                | lopdf::encryption::DecryptionError::UnsupportedRevision,
            )) => PdfError::UnsupportedEncryption {
                reason: "the encryption scheme is not supported".into(),
            },
            _ => PdfError::Encrypted,
        });
    }
    if doc.objects.len() > limits.max_objects {
        return Err(PdfError::TooLarge {
            what: Limit::Objects,
            limit: limits.max_objects as u64,
            page: None,
        });
    }
    Ok(doc)
}

/// The pages from the page tree, else by scanning the objects; an error
/// when there are none.
fn find_pages<'a>(
    doc: &'a lopdf::Document,
    limits: &Limits,
) -> Result<Vec<PageInfo<'a>>, PdfError> {
    let mut pages = walk_page_tree(doc, limits)?;
    if pages.is_empty() {
        pages = scan_for_pages(doc, limits)?;
    }
    if pages.is_empty() {
        return Err(PdfError::Damaged {
            reason: "no pages found (the page tree is missing or unreadable)".into(),
        });
    }
    Ok(pages)
}

/// Interprets one page (its content, then its annotations' appearances)
/// and builds its words and lines.
fn read_page<'a>(ctx: &mut DocCtx<'a>, p: &PageInfo<'a>, number: u32) -> Result<Page, PdfError> {
    let doc = ctx.doc;
    let media = p.media.unwrap_or([0.0, 0.0, 612.0, 792.0]);
    let crop = p
        .crop
        .map(|c| {
            [
                c[0].max(media[0]),
                c[1].max(media[1]),
                c[2].min(media[2]),
                c[3].min(media[3]),
            ]
        })
        .filter(|c| c[2] > c[0] && c[3] > c[1])
        .unwrap_or(media);
    let (base, width, height) = page_matrix(crop, p.rotate);
    let content = page_content(doc, p, ctx.limits, number)?;
    let mut run = PageRun::new(ctx, number, (width, height));
    run.run_content(&content, p.resources, base)?;
    if let Some(Object::Array(annots)) = get(doc, p.dict, b"Annots") {
        for a in annots.iter().take(MAX_ANNOTATIONS) {
            if let Ok((_, Object::Dictionary(annot))) = doc.dereference(a) {
                run.run_annotation(annot, base)?;
            }
        }
    }
    let mut out = run.finish();
    let (width, height) = turn_upright(&mut out, (width, height));
    let lines = page_lines(build_words(&out));
    let rulings = std::mem::take(&mut out.rulings);
    ctx.recycle(out);
    Ok(Page {
        number,
        width,
        height,
        lines,
        rulings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A debugging aid: `DUMP_PDF=file.pdf [DUMP_PAGE=n] cargo test -p
    /// internbudget-pdf dump_glyphs -- --ignored --nocapture` prints every
    /// glyph of a page with its position, advance and size.
    #[test]
    #[ignore]
    fn dump_glyphs() {
        let Ok(path) = std::env::var("DUMP_PDF") else {
            return;
        };
        let want: u32 = std::env::var("DUMP_PAGE")
            .ok()
            .and_then(|p| p.parse().ok())
            .unwrap_or(1);
        let bytes = std::fs::read(path).unwrap();
        let limits = Limits::default();
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        let pages = walk_page_tree(&doc, &limits).unwrap();
        let mut ctx = DocCtx::new(&doc, &limits, Budget::until(Deadline::never()));
        let p = &pages[want as usize - 1];
        let media = p.media.unwrap_or([0.0, 0.0, 612.0, 792.0]);
        let (base, w, h) = page_matrix(p.crop.unwrap_or(media), p.rotate);
        let content = page_content(&doc, p, &limits, want).unwrap();
        if std::env::var("DUMP_CONTENT").is_ok() {
            println!("{}", String::from_utf8_lossy(&content));
        }
        let mut run = PageRun::new(&mut ctx, want, (w, h));
        run.run_content(&content, p.resources, base).unwrap();
        let out = run.finish();
        for g in &out.glyphs {
            println!(
                "{:?} x={:.2} y={:.2} adv={:.2} end={:.2} size={:.2} dir=({:.2},{:.2})",
                &out.text[g.text.clone()],
                g.x,
                g.y,
                g.adv,
                g.x + g.adv,
                g.size,
                g.dx,
                g.dy
            );
        }
    }
}

#[cfg(test)]
mod font_dump {
    use super::*;

    /// A debugging aid: `DUMP_PDF=file.pdf DUMP_FONT=Wingdings cargo test -p
    /// internbudget-pdf dump_fonts -- --ignored --nocapture` prints the font
    /// dictionaries whose base font contains the name, with their ToUnicode.
    #[test]
    #[ignore]
    fn dump_fonts() {
        let (Ok(path), Ok(name)) = (std::env::var("DUMP_PDF"), std::env::var("DUMP_FONT")) else {
            return;
        };
        let bytes = std::fs::read(path).unwrap();
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        for (id, o) in &doc.objects {
            let Object::Dictionary(d) = o else { continue };
            let Ok(bf) = d.get(b"BaseFont").and_then(|b| b.as_name()) else {
                continue;
            };
            if !String::from_utf8_lossy(bf).contains(&name) {
                continue;
            }
            println!("{id:?} {d:?}");
            if let Some((_, s)) = crate::objects::get_stream(&doc, d, b"ToUnicode") {
                let data = stream_data(s, 1 << 20).unwrap();
                println!("{}", String::from_utf8_lossy(&data));
            }
            if let Some(Object::Array(df)) = get(&doc, d, b"DescendantFonts") {
                for f in df {
                    println!("  descendant {:?}", doc.dereference(f).map(|x| x.1));
                }
            }
        }
    }
}
