//! Prints what the parser reads from a file (a development aid).
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        return;
    };
    let Ok(bytes) = std::fs::read(&path) else {
        return;
    };
    match internbudget_parser::source::read(&bytes)
        .map_err(internbudget_parser::ParseError::from)
        .and_then(|(_, d)| internbudget_parser::parse_document(&d))
    {
        Ok(p) => {
            println!(
                "{:?} {:?} {:?} {:?}",
                p.facts.title, p.facts.committee, p.facts.budget_year, p.facts.plan_years
            );
            for t in &p.tables {
                println!("== TABLE {:?} | header: {}", t.title, t.header_text);
                println!(
                    "   columns: {:?}",
                    t.columns
                        .iter()
                        .map(|c| (&c.label, c.partial.as_deref()))
                        .collect::<Vec<_>>()
                );
                for r in &t.rows {
                    let (tag, cells) = match &r.values {
                        internbudget_parser::RowValues::Placed(c) => ("P", c),
                        internbudget_parser::RowValues::Unplaced(c) => ("U", c),
                    };
                    println!(
                        "   {tag} {:60} {:?}  @{}:{:?}",
                        r.label,
                        cells
                            .iter()
                            .map(|c| c.as_ref().map(|c| c.text.as_str()).unwrap_or("·"))
                            .collect::<Vec<_>>(),
                        r.origin.page,
                        r.origin.line
                    );
                }
                for f in &t.footnotes {
                    println!("   footnote: {f}");
                }
            }
            for t in &p.indicator_tables {
                println!(
                    "== INDICATORS columns {:?}",
                    t.columns
                        .iter()
                        .map(|c| (&c.label, c.partial.as_deref()))
                        .collect::<Vec<_>>()
                );
                for r in &t.rows {
                    println!(
                        "   [{}] [{}] [{}] {} => {:?}",
                        r.goal_area.as_deref().unwrap_or(""),
                        r.municipal_goal.as_deref().unwrap_or(""),
                        r.committee_goal.as_deref().unwrap_or(""),
                        r.indicator,
                        r.cells
                            .iter()
                            .map(|c| c.as_ref().map(|c| c.text.as_str()).unwrap_or("·"))
                            .collect::<Vec<_>>()
                    );
                }
            }
            for n in &p.notes {
                println!("NOTE {} @{}:{:?}", n.message, n.origin.page, n.origin.line);
            }
        }
        Err(e) => println!("error: {e}"),
    }
}
