//! Prints the text layer of a PDF as `internbudget text` would: the document
//! rendered with `internbudget_layout::render_text`, or the error on stderr
//! with exit status 1. Usage: `pdftext [text] FILE` (the optional `text`
//! argument lets it stand in for the CLI in `textcheck.py`).

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "text").collect();
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
        Ok(doc) => {
            print!("{}", internbudget_layout::render_text(&doc));
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
