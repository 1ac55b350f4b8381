//! Developer aid: prints what the parser reads from a file — each amount
//! table's title, unit, columns and rows (label and cells as printed) and
//! the notes — before any interpretation.
//!
//! `cargo run -p internbudget-parser --example parsed -- [--lines] FILE…`
//! (`--lines`: also the prepared lines, with their source line numbers).

use internbudget_parser::{RowValues, parse_document, source};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_lines = args.iter().any(|a| a == "--lines");
    for path in args.iter().filter(|a| *a != "--lines") {
        println!("== {path}");
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                println!("  cannot read: {e}");
                continue;
            }
        };
        let doc = match source::read(&bytes) {
            Ok((_, doc)) => doc,
            Err(e) => {
                println!("  {e}");
                continue;
            }
        };
        if show_lines {
            for page in &internbudget_parser::prepare(&doc).pages {
                for l in &page.lines {
                    println!(
                        "  {:>5} [{}] {}",
                        l.source_line.unwrap_or(0),
                        l.tab_cells,
                        l.text()
                    );
                }
            }
        }
        let parsed = parse_document(&doc).map_err(|e| e.to_string());
        let parsed = match parsed {
            Ok(p) => p,
            Err(e) => {
                println!("  {e}");
                continue;
            }
        };
        for n in &parsed.notes {
            println!("  note {:?}: {}", n.kind, n.message);
        }
        for t in &parsed.tables {
            let cols: Vec<&str> = t.columns.iter().map(|c| c.label.as_str()).collect();
            println!("  table {:?} unit {:?} columns {:?}", t.title, t.unit, cols);
            for r in &t.rows {
                let (how, cells) = match &r.values {
                    RowValues::Placed(c) => ("placed", c),
                    RowValues::Unplaced(c) => ("unplaced", c),
                };
                let cells: Vec<&str> = cells
                    .iter()
                    .map(|c| c.as_ref().map_or("·", |c| c.text.as_str()))
                    .collect();
                let flags = match (r.ambiguous, r.cut_chosen) {
                    (true, _) => " (ambiguous)",
                    (false, true) => " (cut chosen)",
                    _ => "",
                };
                println!("    {:<50} {how} {cells:?}{flags}", r.label);
            }
        }
        for t in &parsed.indicator_tables {
            let cols: Vec<&str> = t.columns.iter().map(|c| c.label.as_str()).collect();
            println!("  indicators {cols:?}: {} rows", t.rows.len());
        }
    }
}
