//! Prints the text layer of a PDF as `internbudget text` would: the document
//! rendered with `internbudget_layout::render_text`, or the error on stderr
//! with exit status 1. Usage: `pdftext [text] [--boxes] FILE` (the optional
//! `text` argument lets it stand in for the CLI in `textcheck.py`;
//! `--boxes` lists every line's words with their boxes instead).

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).filter(|a| a != "text").collect();
    let boxes = args.iter().any(|a| a == "--boxes");
    args.retain(|a| a != "--boxes");
    let Some(path) = args.first() else {
        eprintln!("usage: pdftext [text] FILE");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(1);
        }
    };
    match internbudget_pdf::read_pdf(&bytes, &internbudget_pdf::Limits::default()) {
        Ok(doc) if boxes => {
            let mut out = std::io::stdout().lock();
            for (page, line) in doc.lines() {
                let words: Vec<String> = line
                    .words
                    .iter()
                    .map(|w| {
                        let b = w.bbox;
                        format!(
                            "{}[{:.1},{:.1}-{:.1},{:.1} s{:.1}]",
                            w.text, b.x0, b.y0, b.x1, b.y1, w.size
                        )
                    })
                    .collect();
                if writeln!(out, "p{page}: {}", words.join(" ")).is_err() {
                    break;
                }
            }
            ExitCode::SUCCESS
        }
        Ok(doc) => {
            // A closed pipe (`| head`) is not an error worth a panic.
            let _ = std::io::stdout()
                .lock()
                .write_all(internbudget_layout::render_text(&doc).as_bytes());
            if doc.has_no_text() {
                eprintln!("{path}: no text layer");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            ExitCode::from(1)
        }
    }
}
