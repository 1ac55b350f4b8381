//! `internbudget validate FILE.json…`: checks normalized documents by the
//! rules every reader of them applies (`internbudget_normalizer::
//! read_document_json`: the schema, one key per object, the schema's major
//! version, years and amounts that fit their types, a size limit). One line
//! per valid file on stdout; one line per problem on stderr, each naming
//! the file (and the place in it); exit 1 if any file is not valid.

use crate::input::{InputArg, inputs};
use crate::message::count;
use anyhow::{Result, anyhow};
use internbudget_normalizer::{Accept, InputError, JsonError, Limits};
use internbudget_parser::Format;
use std::io::Write;
use std::path::PathBuf;

/// Violations listed per file; the rest are counted.
const MAX_LISTED: usize = 50;

/// Arguments of `validate`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Normalized documents (JSON); "-" reads standard input.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    #[command(flatten)]
    limits: crate::limits::JsonLimitArgs,
}

/// Runs `validate`.
pub(crate) fn run(args: &Args) -> Result<()> {
    let files = inputs(&args.files)?;
    let limits = args.limits.limits();
    let mut bad = 0usize;
    for f in &files {
        match problems(f, &limits) {
            Ok(()) => {
                let mut out = std::io::stdout().lock();
                writeln!(out, "{}: valid", f.name()).and_then(|()| out.flush())?;
            }
            Err(lines) => {
                for l in lines {
                    eprintln!("internbudget: {}", crate::message::line(&l));
                }
                bad += 1;
            }
        }
    }
    if bad > 0 {
        let verb = if bad == 1 { "is" } else { "are" };
        return Err(anyhow!(
            "{bad} of {} {verb} not valid",
            count(files.len(), "file", "files")
        ));
    }
    Ok(())
}

/// What is wrong with one file, one message line each.
fn problems(f: &InputArg, limits: &Limits) -> Result<(), Vec<String>> {
    let name = f.name();
    let input = f.read_raw(Accept::Json, limits).map_err(|e| {
        vec![match e {
            InputError::NotJson { looks_like } => {
                let what = match looks_like {
                    Format::Pdf => "it is a PDF",
                    Format::Docx => "it is a Word document",
                    Format::Html => "it is a web page",
                    Format::Text => "it does not start with '{'",
                };
                format!(
                    "{name}: not JSON ({what}); a source document is read with `internbudget extract {name}`"
                )
            }
            e => {
                let flag = e.limit().map(crate::limits::flag_hint).unwrap_or_default();
                format!("{name}: {e}{flag}")
            }
        }]
    })?;
    match internbudget_normalizer::read_document_json(&input.bytes, limits) {
        Ok(_) => Ok(()),
        Err(JsonError::Invalid(list)) => {
            let mut lines: Vec<String> = list
                .iter()
                .take(MAX_LISTED)
                .map(|v| format!("{name}: {v}"))
                .collect();
            if list.len() > MAX_LISTED {
                lines.push(format!(
                    "{name}: … and {} more",
                    count(list.len() - MAX_LISTED, "violation", "violations")
                ));
            }
            Err(lines)
        }
        Err(e) => {
            let flag = e.limit().map(crate::limits::flag_hint).unwrap_or_default();
            Err(vec![format!("{name}: {e}{flag}")])
        }
    }
}
