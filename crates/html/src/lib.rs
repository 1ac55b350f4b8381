//! Reads web pages (HTML) into the text model of [`internbudget_layout`].
//!
//! Budget portals and saved pages publish their tables as HTML: the cells,
//! merged cells and header rows are explicit. The page is decoded (byte
//! order mark, `<meta charset>`, UTF-8 or Windows-1252), parsed by
//! html5ever as a browser parses it (implied and misnested tags, entities
//! such as `&nbsp;` and `&minus;`), and its paragraphs, headings, captions
//! and tables become the blocks of [`internbudget_layout::blocks`]: tables
//! on their grid (`colspan`, `rowspan`), `<th>` rows like any other row,
//! every word of a table knowing its table, row and column
//! ([`internbudget_layout::CellRef`]). The `<title>` and `<meta>` author
//! and description are the metadata.
//!
//! The main types: [`read_html`], its [`Limits`] and [`HtmlError`], and
//! [`looks_like_html`] for format detection. Modules: `decode` (the
//! encoding), `dom` (the tree html5ever builds, with its bounds on nodes and
//! depth) and `walk` (tree to blocks).

mod decode;
mod dom;
mod walk;

use html5ever::tendril::{StrTendril, TendrilSink};
use internbudget_layout::{Deadline, Document, blocks};
use std::time::Duration;
use thiserror::Error;

/// Bounds on the work and memory spent on one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest accepted page, in bytes. Default 16 MiB.
    pub max_bytes: u64,
    /// Deepest nesting of elements. Default 512.
    pub max_depth: u32,
    /// Most nodes (elements and runs of text) in the page's tree. Default
    /// 1 000 000 (about 150 MB of tree).
    pub max_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 16 * 1024 * 1024,
            max_depth: 512,
            max_nodes: 1_000_000,
        }
    }
}

/// Why a page could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum HtmlError {
    /// The file has no bytes (or only whitespace).
    #[error("the file is empty")]
    Empty,
    /// A limit of [`Limits`] was exceeded.
    #[error("{what} exceeds the limit of {limit}")]
    TooLarge {
        /// Which quantity, naming the limit.
        what: &'static str,
        /// The limit that was exceeded.
        limit: u64,
    },
    /// Reading took longer than the document's time limit.
    #[error("reading took longer than the limit of {limit:?}")]
    Timeout {
        /// The time limit.
        limit: Duration,
    },
}

/// Bytes of text handed to the parser between two looks at the limits.
const CHUNK: usize = 8 * 1024;

/// Whether the bytes are a web page: after a byte order mark, whitespace,
/// comments and an XML declaration, the first tag is a doctype of HTML or
/// one of the elements a page or a saved fragment of one starts with.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head = bytes.get(..bytes.len().min(2048)).unwrap_or(bytes);
    let text = if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        let enc = if head.starts_with(b"\xFF\xFE") {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        enc.decode_with_bom_removal(head).0.into_owned()
    } else {
        let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        String::from_utf8_lossy(body).into_owned()
    };
    let mut rest = text.trim_start();
    loop {
        let lower = rest
            .get(..rest.len().min(16))
            .unwrap_or("")
            .to_ascii_lowercase();
        let skip_to = if lower.starts_with("<!--") {
            rest.find("-->").map(|e| e + 3)
        } else if lower.starts_with("<?xml") {
            rest.find("?>").map(|e| e + 2)
        } else {
            break;
        };
        match skip_to.and_then(|e| rest.get(e..)) {
            Some(r) => rest = r.trim_start(),
            None => return false,
        }
    }
    let lower = rest
        .get(..rest.len().min(16))
        .unwrap_or("")
        .to_ascii_lowercase();
    if lower.starts_with("<!doctype html") {
        return true;
    }
    let Some(tag) = lower.strip_prefix('<') else {
        return false;
    };
    let name: String = tag
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    let after = tag.chars().nth(name.len());
    matches!(
        name.as_str(),
        "html"
            | "head"
            | "body"
            | "meta"
            | "title"
            | "table"
            | "div"
            | "p"
            | "h1"
            | "h2"
            | "h3"
            | "section"
            | "article"
            | "main"
            | "header"
            | "style"
            | "link"
            | "base"
    ) && after.is_none_or(|c| c == '>' || c == '/' || c.is_ascii_whitespace())
}

/// Reads a web page into the layout model, within `limits`, giving up with
/// [`HtmlError::Timeout`] once `deadline` has passed.
pub fn read_html(
    bytes: &[u8],
    limits: &Limits,
    deadline: &Deadline,
) -> Result<Document, HtmlError> {
    if bytes.len() as u64 > limits.max_bytes {
        return Err(HtmlError::TooLarge {
            what: "HTML file bytes (max_text_bytes)",
            limit: limits.max_bytes,
        });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(HtmlError::Empty);
    }
    let (text, encoding) = decode::decode(bytes);
    let dom = parse(&text, limits, deadline)?;
    let nodes = dom.nodes();
    let (body, meta) = walk::page(&nodes, limits.max_depth).map_err(|w| match w {
        walk::Walk::Depth => depth_error(limits),
        walk::Walk::Columns => HtmlError::TooLarge {
            what: "grid columns of an HTML table",
            limit: u64::from(blocks::MAX_GRID_COLUMNS),
        },
    })?;
    if deadline.passed() {
        return Err(timeout(deadline));
    }
    Ok(blocks::lay_out(&body, meta, Some(encoding)))
}

fn depth_error(limits: &Limits) -> HtmlError {
    HtmlError::TooLarge {
        what: "nesting depth of the HTML (max_depth)",
        limit: u64::from(limits.max_depth),
    }
}

fn timeout(deadline: &Deadline) -> HtmlError {
    HtmlError::Timeout {
        limit: deadline.limit(),
    }
}

/// Parses the page in chunks, stopping at the first chunk after which the
/// tree passed a limit or time ran out.
fn parse(text: &str, limits: &Limits, deadline: &Deadline) -> Result<dom::Dom, HtmlError> {
    let sink = dom::Dom::new(limits.max_nodes, limits.max_depth);
    let mut parser = html5ever::parse_document(sink, html5ever::ParseOpts::default());
    let mut rest = text;
    while !rest.is_empty() {
        let mut at = rest.len().min(CHUNK);
        while !rest.is_char_boundary(at) {
            at += 1;
        }
        let (chunk, after) = rest.split_at(at);
        rest = after;
        parser.process(StrTendril::from_slice(chunk));
        match parser.tokenizer.sink.sink.exceeded() {
            Some(dom::Exceeded::Depth) => return Err(depth_error(limits)),
            Some(dom::Exceeded::Nodes) => {
                return Err(HtmlError::TooLarge {
                    what: "nodes of the HTML tree (max_nodes)",
                    limit: limits.max_nodes as u64,
                });
            }
            None => {}
        }
        if deadline.passed() {
            return Err(timeout(deadline));
        }
    }
    Ok(parser.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use internbudget_layout::{CellRef, Line};

    fn read(html: &str) -> Result<Document, HtmlError> {
        read_html(html.as_bytes(), &Limits::default(), &Deadline::never())
    }

    fn texts(doc: &Document) -> Vec<String> {
        doc.pages[0].lines.iter().map(Line::text).collect()
    }

    #[test]
    fn detects_pages_by_their_markup() {
        assert!(looks_like_html(b"<!DOCTYPE html><html>"));
        assert!(looks_like_html(
            b"\xEF\xBB\xBF  <!-- saved --> <HTML lang=sv>"
        ));
        assert!(looks_like_html(
            b"<?xml version=\"1.0\"?>\n<html xmlns=\"x\">"
        ));
        assert!(looks_like_html(b"<table><tr><td>1</td></tr></table>"));
        assert!(!looks_like_html(b"<i>varav int\xC3\xA4kter</i>\t- 14 870"));
        assert!(!looks_like_html(b"Driftsammandrag\n<p>"));
        assert!(!looks_like_html(b"<pre>x</pre>"));
        assert!(!looks_like_html(b"<!-- never closed"));
    }

    #[test]
    fn headings_paragraphs_breaks_and_entities() {
        let doc = read(
            "<html><head><title> Internbudget  2021 </title><meta name=author content='Nämnden'>\
             <style>p{}</style></head><body><h1>Driftsammandrag</h1><p>Belopp&nbsp;i tkr,\n  \
             år <b>2021</b><br>rad två<span hidden>dold</span></p><script>x()</script>\
             <ul><li>ett<li>två</ul></body></html>",
        )
        .unwrap();
        assert_eq!(
            texts(&doc),
            [
                "Driftsammandrag",
                "",
                "Belopp i tkr, år 2021",
                "rad två",
                "",
                "ett",
                "",
                "två"
            ]
        );
        assert_eq!(doc.meta.title.as_deref(), Some("Internbudget 2021"));
        assert_eq!(doc.meta.author.as_deref(), Some("Nämnden"));
        assert_eq!(doc.encoding, Some("UTF-8"));
        assert_eq!(
            doc.pages[0].lines[2].words.len(),
            5,
            "NBSP separates words as in text exports"
        );
    }

    #[test]
    fn tables_on_their_grid_with_captions_and_spans() {
        let doc = read(
            "<table><caption>Driftbudget per nämnd, mnkr</caption>\
             <thead><tr><th rowspan=2>Nämnd</th><th colspan=2>Intäkter</th></tr>\
             <tr><th>2019</th><th>2020</th></tr></thead>\
             <tbody><tr><td>Kommunstyrelse<td>&minus;1&nbsp;234<td>5<br>6</td></tr></tbody></table>\
             <p>efter</p>",
        )
        .unwrap();
        assert_eq!(
            texts(&doc),
            [
                "Driftbudget per nämnd, mnkr",
                "",
                "Nämnd Intäkter",
                "2019 2020",
                "Kommunstyrelse −1 234 5 6",
                "",
                "efter"
            ]
        );
        let lines = &doc.pages[0].lines;
        let x0 = |l: usize, w: usize| lines[l].words[w].bbox.x0;
        let pitch = internbudget_layout::text::CELL_PITCH;
        assert_eq!(x0(3, 0), pitch, "the rowspan's column is left empty");
        assert_eq!(x0(3, 1), 2.0 * pitch);
        assert_eq!(
            lines[2].words[1].bbox.x1,
            2.5 * pitch,
            "Intäkter spans two columns"
        );
        assert_eq!(lines[4].words[2].cell, CellRef::at(1, 3, 2, None));
        assert_eq!(lines[4].tab_cells, 3);
    }

    #[test]
    fn rowspan_zero_runs_to_the_end_of_its_row_group() {
        let doc = read(
            "<table><tbody><tr><td rowspan=0>a</td><td>b</td></tr><tr><td>c</td></tr></tbody>\
             <tbody><tr><td>d</td></tr></tbody></table>",
        )
        .unwrap();
        let xs: Vec<f32> = doc.pages[0]
            .lines
            .iter()
            .map(|l| l.words[0].bbox.x0)
            .collect();
        let pitch = internbudget_layout::text::CELL_PITCH;
        assert_eq!(xs, [0.0, pitch, 0.0]);
    }

    #[test]
    fn limits_end_with_typed_errors() {
        let deep = "<div>".repeat(100_000);
        assert_eq!(
            read(&deep),
            Err(HtmlError::TooLarge {
                what: "nesting depth of the HTML (max_depth)",
                limit: 512
            })
        );
        let many = Limits {
            max_nodes: 100,
            ..Limits::default()
        };
        let err = read_html("<p>a</p>".repeat(200).as_bytes(), &many, &Deadline::never());
        assert!(matches!(err, Err(HtmlError::TooLarge { what, .. }) if what.contains("max_nodes")));
        let wide = format!(
            "<table><tr>{}</tr></table>",
            "<td colspan=999>x</td>".repeat(3)
        );
        assert!(
            matches!(read(&wide), Err(HtmlError::TooLarge { what, .. }) if what.contains("grid columns"))
        );
        let small = Limits {
            max_bytes: 4,
            ..Limits::default()
        };
        assert!(matches!(
            read_html(b"<p>12345</p>", &small, &Deadline::never()),
            Err(HtmlError::TooLarge { .. })
        ));
        assert_eq!(read("  \n"), Err(HtmlError::Empty));
        let d = Deadline::after(Duration::ZERO);
        std::thread::sleep(Duration::from_millis(2));
        assert!(matches!(
            read_html("<p>x</p>".repeat(5000).as_bytes(), &Limits::default(), &d),
            Err(HtmlError::Timeout { .. })
        ));
    }

    #[test]
    fn misnested_and_unclosed_markup_is_read_as_a_browser_reads_it() {
        let doc = read(
            "<table><tr><td>a<td>b<tr><td>c</table>stray<table><tr><td><b>d</td></tr>x</table>",
        )
        .unwrap();
        // Text misplaced in a table is put before it (joining "stray").
        assert_eq!(texts(&doc), ["a b", "c", "", "strayx", "", "d"]);
    }
}
