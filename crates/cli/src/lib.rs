//! The `internbudget` command line: turns Swedish municipal internbudget
//! documents (PDFs, text exports, Word documents and web pages) into
//! normalized, versioned JSON.
//!
//! Each subcommand lives in its own module under `cmd/`; this file only
//! parses arguments, dispatches and turns errors into one line on stderr and
//! an exit code: 0 done, 1 an input could not be read, converted or written
//! (`validate`: a document is not valid), 2 a usage error (bad or
//! conflicting arguments, an output that is one of the inputs). A reader of
//! stdout that goes away (`| head -c1`) ends the command quietly with 0.
//! `batch` has its own codes (see `cmd::batch`). The binary (the
//! workspace's root package) calls [`main`].

mod cmd;
mod input;
mod limits;
mod message;
mod output;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Turns Swedish municipal internbudget documents into normalized open data.
#[derive(Debug, Parser)]
#[command(name = "internbudget", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract the normalized document (JSON) from a PDF, text export, Word document (DOCX) or web page (HTML).
    Extract(cmd::extract::Args),
    /// Print the JSON Schema of the normalized document.
    Schema(cmd::schema::Args),
    /// Check normalized documents (JSON) against the schema.
    Validate(cmd::validate::Args),
    /// Print the text of a PDF, text export, DOCX or HTML file, page by page, as the parser sees it.
    Text(cmd::text::Args),
    /// Convert whole archives in parallel (JSON, JSON Lines, or tidy CSV with a
    /// Frictionless data package); exit 0 all converted, 1 some failed, 2 run error.
    Batch(cmd::batch::Args),
    /// Compare budgets year over year: renamed, added and removed lines,
    /// value changes by fiscal year, indicator targets (JSON, CSV, Markdown, HTML).
    Diff(cmd::diff::Args),
}

/// A usage error: the arguments cannot work together (exit code 2).
#[derive(Debug)]
pub(crate) struct Usage(String);

impl std::fmt::Display for Usage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Usage {}

/// A usage error with this message.
pub(crate) fn usage(message: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(Usage(message.into()))
}

/// Runs the command line with the process arguments.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => cmd::extract::run(&a),
        Command::Schema(a) => cmd::schema::run(&a),
        Command::Validate(a) => cmd::validate::run(&a),
        Command::Text(a) => cmd::text::run(&a),
        Command::Batch(a) => return cmd::batch::run(&a),
        Command::Diff(a) => cmd::diff::run(&a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => exit_for(&e),
    }
}

/// Reports an error on stderr (one line) and gives its exit code.
pub(crate) fn exit_for(e: &anyhow::Error) -> ExitCode {
    if output::is_broken_pipe(e) {
        return ExitCode::SUCCESS;
    }
    eprintln!("internbudget: {}", message::line(&format!("{e:#}")));
    if e.downcast_ref::<Usage>().is_some() {
        ExitCode::from(2)
    } else {
        ExitCode::from(1)
    }
}
