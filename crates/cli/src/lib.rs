//! The `internbudget` command line: turns Swedish municipal internbudget
//! documents (PDFs, text exports, Word documents and web pages) into
//! normalized, versioned JSON.
//!
//! Each subcommand lives in its own module under `cmd/`; this file only
//! parses arguments, dispatches and turns errors into one line on stderr and
//! a non-zero exit code. The binary (the workspace's root package) calls
//! [`main`].

mod cmd;
mod limits;
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
    /// Check a JSON document against the schema.
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
        Err(e) => {
            eprintln!("internbudget: {e:#}");
            ExitCode::from(1)
        }
    }
}
