//! Prints the positioned lines of one page (a development aid).
fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(page)) = (args.next(), args.next()) else {
        return;
    };
    let Ok(bytes) = std::fs::read(&path) else {
        return;
    };
    let Ok((_, doc)) = internbudget_parser::source::read(&bytes) else {
        return;
    };
    let page: u32 = page.parse().unwrap_or(1);
    for p in doc.pages.iter().filter(|p| p.number == page) {
        for l in &p.lines {
            let b = l.bbox();
            let first = l.words.first();
            println!(
                "y0={:6.1} y1={:6.1} size={:4.1} space={:4.1} | {}",
                b.y0,
                b.y1,
                first.map_or(0.0, |w| w.size),
                first.map_or(0.0, |w| w.space),
                l.words
                    .iter()
                    .map(|w| format!("{}@{:.0}", w.text, w.bbox.x0))
                    .collect::<Vec<_>>()
                    .join(" ")
            );
        }
    }
}
