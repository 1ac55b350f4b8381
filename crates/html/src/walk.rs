//! From the document tree to blocks: the paragraphs and tables of the page
//! in document order, and its metadata.
//!
//! Block elements (p, div, headings, list items, …) end a paragraph and
//! `<br>` a line; whitespace collapses as a browser collapses it (`&nbsp;`
//! stays a no-break space); `<pre>` keeps its lines and tabs. A table's
//! caption is a paragraph above it. Cells are put on the table's grid by
//! the HTML table model: `colspan` widens a cell, `rowspan` (0: to the end
//! of its row group) keeps its columns taken in the rows below, where
//! nothing is put. What a browser does not show is left out: the head,
//! scripts, styles, templates, forms' lists, embedded objects, SVG and
//! MathML, and elements that are `hidden` or styled `display: none`.

use crate::dom::{self, DOCUMENT, Dom, Id, Kind, Node};
use internbudget_layout::Meta;
use internbudget_layout::blocks::{Block, Cell, MAX_GRID_COLUMNS, Paragraph, Row, Table};

/// A limit passed while walking the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Walk {
    /// Elements nest deeper than the limit.
    Depth,
    /// A table is wider than `MAX_GRID_COLUMNS`.
    Columns,
}

/// The HTML `rowspan` limit.
const MAX_ROWSPAN: usize = 65_534;

/// The page's blocks and metadata.
pub(crate) fn page(nodes: &[Node], max_depth: u32) -> Result<(Vec<Block>, Meta), Walk> {
    let w = Walker { nodes, max_depth };
    let mut flow = Flow::default();
    w.children(DOCUMENT, 0, &mut flow)?;
    Ok((flow.finish(), meta(nodes)))
}

/// Text being gathered into paragraphs, and the blocks done.
#[derive(Default)]
struct Flow {
    blocks: Vec<Block>,
    lines: Vec<String>,
    line: String,
    /// Inside `<pre>`: whitespace kept.
    pre: u32,
}

impl Flow {
    fn text(&mut self, t: &str) {
        if self.pre > 0 {
            let mut parts = t.split('\n');
            if let Some(first) = parts.next() {
                self.line.push_str(first.trim_end_matches('\r'));
            }
            for part in parts {
                self.line_break();
                self.line.push_str(part.trim_end_matches('\r'));
            }
            return;
        }
        for (i, part) in t.split(is_html_space).enumerate() {
            if i > 0 && !self.line.ends_with(' ') {
                self.line.push(' ');
            }
            self.line.push_str(part);
        }
    }

    fn line_break(&mut self) {
        self.lines.push(std::mem::take(&mut self.line));
    }

    /// Ends the paragraph being written, if it has any text.
    fn flush(&mut self) {
        self.line_break();
        let lines: Vec<String> = std::mem::take(&mut self.lines)
            .into_iter()
            .map(|l| {
                l.chars()
                    .filter(|c| !matches!(c, '\u{ad}' | '\u{200b}' | '\u{feff}'))
                    .collect::<String>()
                    .trim_matches(is_html_space)
                    .to_string()
            })
            .collect();
        if lines.iter().any(|l| !l.trim().is_empty()) {
            self.blocks
                .push(Block::Paragraph(Paragraph { lines, index: None }));
        }
    }

    fn finish(mut self) -> Vec<Block> {
        self.flush();
        self.blocks
    }
}

fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}

/// Elements whose content a browser does not show as text.
fn invisible(local: &str) -> bool {
    matches!(
        local,
        "head"
            | "script"
            | "style"
            | "template"
            | "noscript"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "select"
            | "datalist"
            | "textarea"
            | "audio"
            | "video"
            | "map"
            | "title"
    )
}

/// Elements that start and end a paragraph.
fn block(local: &str) -> bool {
    matches!(
        local,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "main"
            | "figure"
            | "figcaption"
            | "address"
            | "form"
            | "fieldset"
            | "legend"
            | "details"
            | "summary"
            | "center"
            | "hr"
            | "caption"
            | "body"
            | "html"
            | "tr"
            | "td"
            | "th"
            | "thead"
            | "tbody"
            | "tfoot"
            | "option"
            | "menu"
            | "hgroup"
            | "search"
    )
}

struct Walker<'a> {
    nodes: &'a [Node],
    max_depth: u32,
}

impl Walker<'_> {
    fn node(&self, id: Id) -> Option<&Node> {
        self.nodes.get(id)
    }

    fn children(&self, id: Id, depth: u32, flow: &mut Flow) -> Result<(), Walk> {
        if depth > self.max_depth {
            return Err(Walk::Depth);
        }
        for c in Dom::children(self.nodes, id) {
            self.node_into(c, depth + 1, flow)?;
        }
        Ok(())
    }

    fn node_into(&self, id: Id, depth: u32, flow: &mut Flow) -> Result<(), Walk> {
        let Some(n) = self.node(id) else {
            return Ok(());
        };
        match &n.kind {
            Kind::Text(t) => {
                flow.text(t);
                return Ok(());
            }
            Kind::Element => {}
            Kind::Document | Kind::Other => return Ok(()),
        }
        let local = dom::local(n);
        if !dom::is_html(n) || invisible(local) || n.attrs.as_ref().is_some_and(|a| a.hidden) {
            return Ok(());
        }
        match local {
            "br" => flow.line_break(),
            "table" => {
                flow.flush();
                let (caption, table) = self.table(id, depth)?;
                flow.blocks.extend(caption);
                if !table.rows.is_empty() {
                    flow.blocks.push(Block::Table(table));
                }
            }
            "pre" | "listing" | "plaintext" | "xmp" => {
                flow.flush();
                flow.pre += 1;
                self.children(id, depth, flow)?;
                flow.pre -= 1;
                flow.flush();
            }
            l if block(l) => {
                flow.flush();
                self.children(id, depth, flow)?;
                flow.flush();
            }
            _ => self.children(id, depth, flow)?,
        }
        Ok(())
    }

    /// The blocks of an element's content (a cell, a caption).
    fn content(&self, id: Id, depth: u32) -> Result<Vec<Block>, Walk> {
        let mut flow = Flow::default();
        self.children(id, depth, &mut flow)?;
        Ok(flow.finish())
    }

    /// A table's caption (as paragraphs) and its rows on the grid.
    fn table(&self, id: Id, depth: u32) -> Result<(Vec<Block>, Table), Walk> {
        let (caption, rows) = self.table_parts(id, depth)?;
        // until[col]: the first row index no longer covered by a rowspan.
        let mut until: Vec<usize> = Vec::new();
        let mut out = Table::default();
        for (ri, row) in rows.iter().enumerate() {
            out.rows.push(self.grid_row(&rows, ri, *row, &mut until)?);
        }
        Ok((caption, out))
    }

    /// A table's caption (as paragraphs) and its rows, in order, with their
    /// row groups: rows in a thead, tbody or tfoot, and runs of rows
    /// directly in the table between them, each form a group.
    fn table_parts(&self, id: Id, depth: u32) -> Result<(Vec<Block>, Vec<TableRow>), Walk> {
        let mut caption = Vec::new();
        let mut rows: Vec<TableRow> = Vec::new();
        let mut group = 0usize;
        for c in Dom::children(self.nodes, id) {
            let Some(n) = self
                .node(c)
                .filter(|n| n.kind == Kind::Element && dom::is_html(n))
            else {
                continue;
            };
            if n.attrs.as_ref().is_some_and(|a| a.hidden) {
                continue;
            }
            match dom::local(n) {
                "caption" => caption.extend(self.content(c, depth + 1)?),
                "thead" | "tbody" | "tfoot" => {
                    group += 1;
                    for r in Dom::children(self.nodes, c) {
                        if self.is_element(r, "tr") {
                            rows.push(TableRow {
                                group,
                                tr: r,
                                depth: depth + 2,
                            });
                        }
                    }
                    group += 1;
                }
                "tr" => rows.push(TableRow {
                    group,
                    tr: c,
                    depth: depth + 1,
                }),
                _ => {}
            }
        }
        Ok((caption, rows))
    }

    /// Row `ri` of `rows`, `row`, on the grid: each cell put in the first
    /// column not taken by a rowspan from above (`until`, updated with the
    /// cell's own rowspan).
    fn grid_row(
        &self,
        rows: &[TableRow],
        ri: usize,
        row: TableRow,
        until: &mut Vec<usize>,
    ) -> Result<Row, Walk> {
        let TableRow { group, tr, depth } = row;
        let mut col = 0u32;
        let mut cells = Vec::new();
        for c in Dom::children(self.nodes, tr) {
            if !(self.is_element(c, "td") || self.is_element(c, "th")) {
                continue;
            }
            let Some(n) = self.node(c) else { continue };
            if n.attrs.as_ref().is_some_and(|a| a.hidden) {
                continue;
            }
            while until.get(col as usize).is_some_and(|&u| u > ri) {
                col += 1;
            }
            let attrs = n.attrs.as_deref();
            let colspan = attrs
                .and_then(|a| a.colspan.as_deref())
                .and_then(html_number)
                .filter(|&v| v > 0)
                .unwrap_or(1)
                .min(1000);
            let rows_left = match attrs
                .and_then(|a| a.rowspan.as_deref())
                .and_then(html_number)
            {
                Some(0) => group_end(rows, group, ri) - ri,
                Some(v) => (v as usize).min(MAX_ROWSPAN),
                None => 1,
            };
            let end = col.saturating_add(colspan as u32);
            if end > MAX_GRID_COLUMNS {
                return Err(Walk::Columns);
            }
            if until.len() < end as usize {
                until.resize(end as usize, 0);
            }
            for u in until.iter_mut().take(end as usize).skip(col as usize) {
                *u = (*u).max(ri + rows_left.max(1));
            }
            cells.push(Cell {
                col,
                span: colspan as u32,
                blocks: self.content(c, depth + 1)?,
            });
            col = end;
        }
        Ok(Row { cells })
    }

    fn is_element(&self, id: Id, local: &str) -> bool {
        self.node(id)
            .is_some_and(|n| n.kind == Kind::Element && dom::is_html(n) && dom::local(n) == local)
    }
}

/// A `<tr>` of a table, with its row group and nesting depth.
#[derive(Debug, Clone, Copy)]
struct TableRow {
    /// The index of its row group.
    group: usize,
    /// The `<tr>` element.
    tr: Id,
    /// Its depth in the tree.
    depth: u32,
}

/// The index after the last row of group `g` from row `from` on.
fn group_end(rows: &[TableRow], g: usize, from: usize) -> usize {
    rows.iter()
        .skip(from)
        .position(|r| r.group != g)
        .map_or(rows.len(), |k| from + k)
}

/// An HTML non-negative integer: leading whitespace, then digits (the
/// rest ignored, as browsers do: "2px" is 2).
fn html_number(s: &str) -> Option<u64> {
    let digits: String = s
        .trim_start_matches(is_html_space)
        .chars()
        .take_while(char::is_ascii_digit)
        .take(9)
        .collect();
    digits.parse().ok()
}

/// The page's title and `<meta>` author, description and generator.
fn meta(nodes: &[Node]) -> Meta {
    let mut meta = Meta::default();
    let attached = |n: &Node| n.parent.is_some();
    for (id, n) in nodes.iter().enumerate() {
        if n.kind != Kind::Element || !dom::is_html(n) || !attached(n) {
            continue;
        }
        match dom::local(n) {
            "title" if meta.title.is_none() => {
                let mut t = String::new();
                for c in Dom::children(nodes, id) {
                    if let Some(Node {
                        kind: Kind::Text(s),
                        ..
                    }) = nodes.get(c)
                    {
                        t.push_str(s);
                    }
                }
                meta.title = clean(&t);
            }
            "meta" => {
                if let Some((name, content)) = n.attrs.as_ref().and_then(|a| a.meta.as_ref()) {
                    let slot = match name.as_str() {
                        "author" => &mut meta.author,
                        "description" => &mut meta.subject,
                        "generator" => &mut meta.producer,
                        _ => continue,
                    };
                    if slot.is_none() {
                        *slot = clean(content);
                    }
                }
            }
            _ => {}
        }
    }
    meta
}

fn clean(s: &str) -> Option<String> {
    let t: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let t: String = t.chars().take(1000).collect();
    (!t.is_empty()).then_some(t)
}
