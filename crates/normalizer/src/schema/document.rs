//! What a document is and where it came from: [`DocumentInfo`] (the
//! municipality, committee, title and years), [`Municipality`], the source
//! file ([`Source`], [`SourceFormat`]) and where in it a thing was printed
//! ([`Provenance`]).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What the document is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentInfo {
    /// The municipality that published the document.
    pub municipality: Municipality,
    /// The committee (nämnd) whose internbudget this is, e.g. "Arbetsmarknadsnämnden".
    pub committee: Option<String>,
    /// The document title, e.g. "Internbudget 2021 med plan för 2022-2024".
    pub title: Option<String>,
    /// The budget year.
    pub budget_year: Option<i32>,
    /// The plan years after the budget year.
    pub plan_years: Vec<i32>,
    /// The budget this document is one source of: SCB municipality code,
    /// committee slug and budget year, e.g. "0580-arbetsmarknadsnamnden-2021".
    /// A PDF and its text export share it. Null when the municipality, the
    /// committee or the budget year is not known.
    #[serde(default)]
    #[schemars(regex(pattern = r"^[0-9]{4}-[a-z0-9]+(-[a-z0-9]+)*-[0-9]{4}$"))]
    pub budget_id: Option<String>,
    /// Where the title was printed.
    pub provenance: Option<Provenance>,
}

/// A Swedish municipality.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct Municipality {
    /// The name as the document prints it, e.g. "Linköpings kommun".
    pub name: Option<String>,
    /// The four-digit SCB municipality code (kommunkod), e.g. "0580", when known.
    #[schemars(regex(pattern = r"^[0-9]{4}$"))]
    pub code: Option<String>,
    /// The short name in SCB's register, e.g. "Linköping".
    pub short_name: Option<String>,
    /// The county (län), e.g. "Östergötlands län".
    pub county: Option<String>,
    /// The two-digit county code, e.g. "05".
    pub county_code: Option<String>,
}

/// The source file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// File name (without directories).
    pub file: String,
    /// SHA-256 of the file's bytes, lowercase hex.
    #[schemars(regex(pattern = r"^[0-9a-f]{64}$"))]
    pub sha256: String,
    /// Size in bytes.
    pub bytes: u64,
    /// The format detected from the bytes.
    pub format: SourceFormat,
    /// The text encoding of a text export ("UTF-8", "windows-1252", …).
    pub encoding: Option<String>,
    /// Number of pages (text exports: form-feed separated pages).
    pub pages: u32,
    /// Number of lines of a text export.
    pub lines: Option<u32>,
}

/// The format of a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    /// A PDF.
    Pdf,
    /// A text export with tab-separated table cells.
    TextTabular,
    /// A text export with space-aligned or flowed table cells (pdftotext-like).
    TextLayout,
    /// A Word document (Office Open XML).
    Docx,
    /// A web page.
    Html,
}

/// Where something was printed in the source.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// 1-based page number.
    pub page: u32,
    /// 1-based line number in a text export, or in the text of a DOCX or
    /// HTML source as `internbudget text` prints it (first line when
    /// spanning several).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// Last line in a text export, when the item spans several lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line_end: Option<u32>,
    /// Bounding box on a PDF page in points, origin top-left: [x0, y0, x1, y1].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bbox: Option<[f32; 4]>,
    /// DOCX and HTML: the 1-based table in the document, counting every
    /// table (nested ones included) in the order they start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<u32>,
    /// DOCX and HTML: the 1-based row in the table (header rows included),
    /// when the item stands in one row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    /// DOCX and HTML: the 1-based grid column where the cell starts, when
    /// the item stands in one cell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub col: Option<u32>,
    /// DOCX: the 1-based paragraph of the document body (paragraphs in
    /// table cells included), when the item stands in one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<u32>,
}

names! {
    SourceFormat {
        Pdf => "pdf", TextTabular => "text_tabular", TextLayout => "text_layout", Docx => "docx",
        Html => "html",
    }
}
