//! The document part (`word/document.xml`) as blocks: paragraphs and tables
//! in body order, read from a stream of XML events.
//!
//! Elements are told apart by local name (Word and every other writer use
//! the WordprocessingML names; drawings, maths and text boxes, whose `t`
//! and `p` elements have other namespaces, are skipped whole). Tables are
//! resolved onto their grid as they are read: `w:gridBefore` and
//! `w:gridSpan` give each cell's first column and width, a `w:vMerge`
//! continuation is dropped (its column left empty), a legacy `w:hMerge`
//! continuation widens the cell before it. The XML may not declare a DTD,
//! refer to entities other than the five XML predefines, or nest deeper
//! than `Limits::max_depth`.

use crate::{DocxError, Limits};
use internbudget_layout::Deadline;
use internbudget_layout::blocks::{Block, Cell, MAX_GRID_COLUMNS, Paragraph, Row, Table};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

const PART: &str = crate::DOCUMENT_PART;

/// XML events read between two looks at the clock.
const EVENTS_PER_CHECK: u32 = 4096;

/// Reads the body of the document part.
pub(crate) fn read_body(
    xml: &[u8],
    limits: &Limits,
    deadline: &Deadline,
) -> Result<Vec<Block>, DocxError> {
    let text = decode(xml)?;
    let mut reader = Reader::from_str(&text);
    reader.config_mut().check_end_names = true;
    let mut st = State::default();
    let mut events = 0u32;
    loop {
        events = events.wrapping_add(1);
        if events.is_multiple_of(EVENTS_PER_CHECK) && deadline.passed() {
            return Err(DocxError::Timeout {
                limit: deadline.limit(),
            });
        }
        let position = reader.buffer_position();
        let event = reader.read_event().map_err(|e| DocxError::Xml {
            part: PART,
            position: reader.error_position(),
            reason: e.to_string(),
        })?;
        match event {
            Event::Start(e) => {
                if st.frames.len() as u64 >= u64::from(limits.max_depth) {
                    return Err(DocxError::TooLarge {
                        what: "nesting depth of the DOCX XML (max_depth)",
                        limit: u64::from(limits.max_depth),
                    });
                }
                st.start(&e, position)?;
            }
            Event::Empty(e) => {
                st.start(&e, position)?;
                st.end()?;
            }
            Event::End(_) => st.end()?,
            Event::Text(t) => {
                if st.in_text() {
                    st.push_text(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if st.in_text() {
                    st.push_text(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match quick_xml::escape::resolve_predefined_entity(&r) {
                        Some(s) => s.to_string(),
                        None => {
                            return Err(DocxError::UnknownEntity {
                                part: PART,
                                name: r.chars().take(64).collect(),
                            });
                        }
                    },
                    Err(e) => {
                        return Err(DocxError::Xml {
                            part: PART,
                            position,
                            reason: e.to_string(),
                        });
                    }
                };
                if st.in_text() {
                    st.push_text(&resolved);
                }
            }
            Event::DocType(_) => return Err(DocxError::Dtd { part: PART }),
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
    Ok(st.body)
}

/// The part as UTF-8: UTF-8 (a BOM dropped), or UTF-16 with a BOM.
fn decode(xml: &[u8]) -> Result<std::borrow::Cow<'_, str>, DocxError> {
    let bad = |reason: &str| DocxError::Xml {
        part: PART,
        position: 0,
        reason: reason.to_string(),
    };
    if xml.starts_with(b"\xFF\xFE") || xml.starts_with(b"\xFE\xFF") {
        let (text, _, errors) = encoding_rs::UTF_16LE.decode(xml);
        if errors {
            return Err(bad("invalid UTF-16"));
        }
        // A UTF-16 declaration no longer holds for the decoded text.
        return Ok(std::borrow::Cow::Owned(
            text.replacen("encoding=\"UTF-16\"", "", 1)
                .replacen("encoding='UTF-16'", "", 1),
        ));
    }
    let body = xml.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(xml);
    std::str::from_utf8(body)
        .map(std::borrow::Cow::Borrowed)
        .map_err(|e| bad(&format!("invalid UTF-8 ({e})")))
}

/// What an open element is to the reader.
#[derive(Debug)]
enum Frame {
    /// `w:tbl`.
    Table(Table),
    /// `w:tr`: its cells, and the next free grid column.
    Row(Row, u32),
    /// `w:trPr` of a row.
    RowProps,
    /// `w:tc`, and how it merges with its neighbours.
    Cell(Cell, Merge),
    /// `w:tcPr` of a cell.
    CellProps,
    /// `w:p`: the lines so far and the one being written.
    Para(Paragraph, String),
    /// `w:r`: whether its text is hidden (`w:vanish`).
    Run { hidden: bool },
    /// `w:rPr` of a run.
    RunProps,
    /// `w:t`: text content.
    Text,
    /// A subtree whose text is not the document's (deleted revisions,
    /// drawings, maths, field instructions, paragraph and table
    /// properties).
    Skip,
    /// Anything else: its content is read through.
    Other,
}

/// How a cell merges (`w:vMerge`, legacy `w:hMerge`).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Merge {
    #[default]
    None,
    /// Continues the cell above (dropped, its column left empty).
    Below,
    /// Continues the cell on its left (which then spans it too).
    Right,
}

#[derive(Default)]
struct State {
    frames: Vec<Frame>,
    body: Vec<Block>,
    /// Open `Skip` frames (their content is not read).
    skips: usize,
    paragraphs: u32,
    footnotes: u32,
    endnotes: u32,
}

/// Elements skipped with their whole content.
fn skipped(local: &str) -> bool {
    matches!(
        local,
        "del"
            | "moveFrom"
            | "instrText"
            | "delInstrText"
            | "drawing"
            | "pict"
            | "object"
            | "oMath"
            | "oMathPara"
            | "AlternateContent"
            | "pPr"
            | "tblPr"
            | "tblPrEx"
            | "tblGrid"
            | "sectPr"
    )
}

impl State {
    /// Inside a visible run of an open paragraph, outside skipped content.
    fn in_run(&self) -> bool {
        self.skips == 0
            && self.frames.iter().any(|f| matches!(f, Frame::Para(..)))
            && self
                .frames
                .iter()
                .rev()
                .find_map(|f| match f {
                    Frame::Run { hidden } => Some(!hidden),
                    _ => None,
                })
                .unwrap_or(false)
    }

    /// In a `w:t` of a visible run.
    fn in_text(&self) -> bool {
        matches!(self.frames.last(), Some(Frame::Text)) && self.in_run()
    }

    fn para(&mut self) -> Option<(&mut Paragraph, &mut String)> {
        self.frames.iter_mut().rev().find_map(|f| match f {
            Frame::Para(p, line) => Some((p, line)),
            _ => None,
        })
    }

    fn push_text(&mut self, text: &str) {
        if let Some((_, line)) = self.para() {
            line.extend(
                text.chars()
                    .filter(|c| !matches!(c, '\u{ad}' | '\u{200b}' | '\u{feff}')),
            );
        }
    }

    fn line_break(&mut self) {
        if let Some((p, line)) = self.para() {
            p.lines.push(std::mem::take(line));
        }
    }

    fn start(&mut self, e: &BytesStart<'_>, position: u64) -> Result<(), DocxError> {
        let name = e.name();
        let local = name.local_name();
        let local = local.as_ref();
        if self.skips > 0 || skipped(local) {
            self.skips += 1;
            self.frames.push(Frame::Skip);
            return Ok(());
        }
        let parent = self.frames.last();
        let frame = match (local, parent) {
            ("tbl", _) => Frame::Table(Table::default()),
            ("tr", Some(Frame::Table(_))) => Frame::Row(Row::default(), 0),
            ("trPr", Some(Frame::Row(..))) => Frame::RowProps,
            ("tc", Some(Frame::Row(_, next))) => Frame::Cell(
                Cell {
                    col: *next,
                    span: 1,
                    blocks: Vec::new(),
                },
                Merge::None,
            ),
            ("tcPr", Some(Frame::Cell(..))) => Frame::CellProps,
            ("p", _) if !self.frames.iter().any(|f| matches!(f, Frame::Para(..))) => {
                self.paragraphs = self.paragraphs.saturating_add(1);
                Frame::Para(
                    Paragraph {
                        lines: Vec::new(),
                        index: Some(self.paragraphs),
                    },
                    String::new(),
                )
            }
            ("r", _) => Frame::Run { hidden: false },
            ("rPr", Some(Frame::Run { .. })) => Frame::RunProps,
            ("t", Some(Frame::Run { .. })) => Frame::Text,
            _ => {
                self.property(local, e, position)?;
                self.inline(local);
                Frame::Other
            }
        };
        self.frames.push(frame);
        Ok(())
    }

    /// Properties that matter: hidden runs, cell spans and merges, and the
    /// grid columns a row skips before its first cell.
    fn property(
        &mut self,
        local: &str,
        e: &BytesStart<'_>,
        position: u64,
    ) -> Result<(), DocxError> {
        if !matches!(
            local,
            "vanish" | "gridSpan" | "vMerge" | "hMerge" | "gridBefore"
        ) {
            return Ok(());
        }
        let len = self.frames.len();
        let Some([owner, props]) = len.checked_sub(2).and_then(|k| self.frames.get_mut(k..)) else {
            return Ok(());
        };
        if !matches!(props, Frame::RunProps | Frame::CellProps | Frame::RowProps) {
            return Ok(());
        }
        let value = val(e, position)?;
        let number = || {
            value
                .as_deref()
                .and_then(|v| v.trim().parse::<u32>().ok())
                .unwrap_or(1)
        };
        match (local, owner) {
            ("vanish", Frame::Run { hidden }) => {
                *hidden = !matches!(value.as_deref(), Some("0" | "false" | "off"));
            }
            ("gridSpan", Frame::Cell(c, _)) => c.span = number().clamp(1, MAX_GRID_COLUMNS),
            ("vMerge", Frame::Cell(_, merge)) if value.as_deref() != Some("restart") => {
                *merge = Merge::Below;
            }
            ("hMerge", Frame::Cell(_, merge)) if value.as_deref() != Some("restart") => {
                *merge = Merge::Right;
            }
            ("gridBefore", Frame::Row(row, next)) if row.cells.is_empty() => {
                *next = next.saturating_add(number().min(MAX_GRID_COLUMNS));
            }
            _ => {}
        }
        Ok(())
    }

    /// Run content other than text: tabs, breaks, hyphens, note references.
    fn inline(&mut self, local: &str) {
        if !self.in_run() {
            return;
        }
        match local {
            "tab" | "ptab" => self.push_text("\t"),
            "br" | "cr" => self.line_break(),
            "noBreakHyphen" => self.push_text("-"),
            "footnoteReference" => {
                self.footnotes = self.footnotes.saturating_add(1);
                let mark = format!(" {}", self.footnotes);
                self.push_text(&mark);
            }
            "endnoteReference" => {
                self.endnotes = self.endnotes.saturating_add(1);
                let mark = format!(" {}", roman(self.endnotes));
                self.push_text(&mark);
            }
            _ => {}
        }
    }

    fn end(&mut self) -> Result<(), DocxError> {
        let Some(frame) = self.frames.pop() else {
            return Ok(());
        };
        match frame {
            Frame::Skip => self.skips = self.skips.saturating_sub(1),
            Frame::Table(t) if !t.rows.is_empty() => self.emit(Block::Table(t)),
            Frame::Row(r, _) => {
                if let Some(Frame::Table(t)) = self.frames.last_mut() {
                    t.rows.push(r);
                }
            }
            Frame::Cell(c, merge) => {
                if let Some(Frame::Row(r, next)) = self.frames.last_mut() {
                    let end = c.col.saturating_add(c.span);
                    if end > MAX_GRID_COLUMNS {
                        return Err(DocxError::TooLarge {
                            what: "grid columns of a DOCX table",
                            limit: u64::from(MAX_GRID_COLUMNS),
                        });
                    }
                    *next = end;
                    match (merge, r.cells.last_mut()) {
                        (Merge::Below, _) => {}
                        (Merge::Right, Some(left)) => left.span = left.span.saturating_add(c.span),
                        _ => r.cells.push(c),
                    }
                }
            }
            Frame::Para(mut p, line) => {
                p.lines.push(line);
                self.emit(Block::Paragraph(p));
            }
            _ => {}
        }
        Ok(())
    }

    /// Puts a finished block in the cell it stands in, or the body.
    fn emit(&mut self, block: Block) {
        for f in self.frames.iter_mut().rev() {
            match f {
                Frame::Cell(c, _) => {
                    c.blocks.push(block);
                    return;
                }
                // Misplaced (a paragraph straight in a row): not shown by Word.
                Frame::Table(_) | Frame::Row(..) => return,
                _ => {}
            }
        }
        self.body.push(block);
    }
}

/// The `val` attribute of a property element (any prefix).
fn val(e: &BytesStart<'_>, position: u64) -> Result<Option<String>, DocxError> {
    let bad = |reason: String| DocxError::Xml {
        part: PART,
        position,
        reason,
    };
    for a in e.attributes().with_checks(false) {
        let a = a.map_err(|err| bad(err.to_string()))?;
        if a.key.local_name().as_ref() == "val" {
            let v = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|err| bad(err.to_string()))?;
            return Ok(Some(v.into_owned()));
        }
    }
    Ok(None)
}

/// Lowercase roman numerals (Word's default endnote marks).
fn roman(mut n: u32) -> String {
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    let mut out = String::new();
    for (v, s) in [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ] {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(inner: &str) -> Result<Vec<Block>, DocxError> {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{inner}<w:sectPr/></w:body></w:document>"#
        );
        read_body(xml.as_bytes(), &Limits::default(), &Deadline::never())
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    }

    fn lines(b: &Block) -> Vec<String> {
        match b {
            Block::Paragraph(p) => p.lines.clone(),
            Block::Table(_) => vec!["<table>".into()],
        }
    }

    #[test]
    fn paragraphs_join_runs_and_keep_breaks_and_tabs() {
        let xml = r#"<w:p><w:pPr><w:pStyle w:val="Rubrik1"/><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:rPr><w:i/></w:rPr><w:t>varav</w:t></w:r><w:r><w:t xml:space="preserve"> intäkter &amp; annat</w:t></w:r><w:r><w:br/><w:t>Inledning</w:t><w:tab/><w:t>3</w:t></w:r></w:p>"#;
        let b = body(xml).unwrap();
        assert_eq!(b.len(), 1);
        assert_eq!(lines(&b[0]), ["varav intäkter & annat", "Inledning\t3"]);
        assert!(matches!(&b[0], Block::Paragraph(p) if p.index == Some(1)));
    }

    #[test]
    fn deleted_hidden_and_field_code_text_is_left_out() {
        let xml = r#"<w:p><w:del><w:r><w:delText>gammal</w:delText></w:r></w:del><w:ins><w:r><w:t>ny</w:t></w:r></w:ins><w:r><w:rPr><w:vanish/></w:rPr><w:t>dold</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGEREF _Toc1 \h </w:instrText></w:r><w:r><w:t xml:space="preserve"> text</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>&#xAD;synlig&#x200B;</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r><w:r><w:noBreakHyphen/><w:t>x</w:t></w:r></w:p>"#;
        let b = body(xml).unwrap();
        assert_eq!(lines(&b[0]), ["ny textsynlig 1-x"]);
    }

    #[test]
    fn tables_resolve_spans_merges_and_nesting() {
        let xml = format!(
            r#"<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>
<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>{goal}</w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>{head}</w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc>{a}{b}</w:tc><w:tc><w:p><w:r><w:t>Augusti</w:t><w:br/><w:t>6,6 %</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:tbl><w:tr><w:tc>{inner}</w:tc></w:tr></w:tbl></w:tc><w:tc><w:tcPr><w:hMerge w:val="restart"/></w:tcPr>{x}</w:tc></w:tr>
</w:tbl>{after}"#,
            goal = p("Mål"),
            head = p("Målvärde"),
            a = p("Andel"),
            b = p("svar"),
            inner = p("inre"),
            x = p("x"),
            after = p("efter"),
        );
        let b = body(&xml).unwrap();
        assert_eq!(b.len(), 2);
        let Block::Table(t) = &b[0] else { panic!() };
        let shape: Vec<Vec<(u32, u32)>> = t
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| (c.col, c.span)).collect())
            .collect();
        assert_eq!(
            shape,
            [
                vec![(0, 1), (1, 2)],
                vec![(1, 1), (2, 1)],
                vec![(1, 1), (2, 1)]
            ]
        );
        let cell = &t.rows[1].cells[0];
        let texts: Vec<Vec<String>> = cell.blocks.iter().map(lines).collect();
        assert_eq!(texts, [vec!["Andel".to_string()], vec!["svar".to_string()]]);
        assert!(matches!(&cell.blocks[0], Block::Paragraph(p) if p.index == Some(4)));
        assert!(matches!(&t.rows[2].cells[0].blocks[0], Block::Table(_)));
        assert_eq!(lines(&t.rows[1].cells[1].blocks[0]), ["Augusti", "6,6 %"]);
        assert_eq!(lines(&b[1]), ["efter"]);
    }

    #[test]
    fn legacy_horizontal_merges_widen_the_cell_on_the_left() {
        let xml = format!(
            r#"<w:tbl><w:tr><w:tc><w:tcPr><w:hMerge w:val="restart"/></w:tcPr>{a}</w:tc><w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc><w:tc>{b}</w:tc></w:tr></w:tbl>"#,
            a = p("a"),
            b = p("b")
        );
        let b = body(&xml).unwrap();
        let Block::Table(t) = &b[0] else { panic!() };
        let shape: Vec<(u32, u32)> = t.rows[0].cells.iter().map(|c| (c.col, c.span)).collect();
        assert_eq!(shape, [(0, 2), (2, 1)]);
    }

    #[test]
    fn dtds_entities_depth_and_width_are_refused() {
        let dtd = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><w:document><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"#;
        let err = read_body(dtd.as_bytes(), &Limits::default(), &Deadline::never());
        assert_eq!(err, Err(DocxError::Dtd { part: PART }));
        let undeclared = body("<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>");
        assert!(
            matches!(undeclared, Err(DocxError::UnknownEntity { ref name, .. }) if name == "lol9")
        );
        let deep = format!("{}{}", "<w:sdt>".repeat(300), "</w:sdt>".repeat(300));
        let err = body(&deep).unwrap_err();
        assert!(err.to_string().contains("(max_depth)"), "{err}");
        let wide = r#"<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="4000000000"/></w:tcPr></w:tc><w:tc><w:tcPr><w:gridSpan w:val="999"/></w:tcPr></w:tc></w:tr></w:tbl>"#;
        assert!(matches!(body(wide), Err(DocxError::TooLarge { .. })));
        let broken = body("<w:p><w:r><w:t>a</w:r></w:p>");
        assert!(matches!(broken, Err(DocxError::Xml { .. })), "{broken:?}");
    }

    #[test]
    fn time_runs_out_between_events() {
        let xml = p("x").repeat(5000);
        let d = Deadline::after(std::time::Duration::ZERO);
        std::thread::sleep(std::time::Duration::from_millis(2));
        let err = read_body(xml.as_bytes(), &Limits::default(), &d);
        assert!(matches!(err, Err(DocxError::Timeout { .. })));
        assert_eq!(roman(14), "xiv");
    }
}
