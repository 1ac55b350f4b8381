//! Tidy long tables of a normalized document, for open-data portals.
//!
//! Three tables, each described once here by its [`Resource`] (fields,
//! types, constraints, primary key) so that the CSV header and the
//! Frictionless `datapackage.json` can never disagree:
//!
//! - `documents.csv`: one row per converted source document;
//! - `amounts.csv`: one row per printed amount (a non-empty cell of an amount
//!   table), named in the Fiscal Data Package vocabulary where it has a word
//!   (`fiscal_year`, `phase`, `direction`, `currency`, `unit_factor`);
//! - `indicators.csv`: one row per printed indicator value ("I.U." and other
//!   markers become an empty `value` with `value_status` `not_available`, the
//!   printed cell stays in `raw`); a cell that prints values for several
//!   groups ("88 % (tillgänglighet) 87 % (bemötande)") gives one row per group.
//!
//! Numbers are written exactly as the decimal the document holds (never via a
//! binary float), with a dot as decimal separator and no grouping. An empty
//! field is a missing value.
//!
//! Phase mapping (Fiscal Data Package has proposed, approved, adjusted and
//! executed): outcome (Bokslut, Utfall) → `executed`; budget → `approved`,
//! or `proposed` for a proposal (förslag), or `adjusted` when the header says
//! so (reviderad, justerad, ombudget, efter ändring …); plan years →
//! `planned` and forecasts (Prognos) → `forecast`, two phases of our own
//! naming because FDP has none for them.
//!
//! Direction: rows of revenue ("varav intäkter", "varav inkomster", or a line
//! labelled "Intäkter"/"Inkomster") are `revenue`, every other row —
//! net costs, costs, investment expenditure, frames — `expenditure`.
//! Amounts keep the sign they were printed with (net-cost tables print
//! revenue negative).

use internbudget_normalizer::{
    Column, ColumnKind, Comparator, Direction, Document, Indicator, IndicatorValue, Row, RowKind,
    Table, Unit, ValueStatus, ValueUnit,
};
use rust_decimal::Decimal;
use std::borrow::Cow;

/// The type of a field, as Table Schema names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// Text.
    String,
    /// A whole number.
    Integer,
    /// An exact decimal with a dot ("-2141", "33.9").
    Number,
    /// "true" or "false".
    Boolean,
}

impl FieldType {
    /// The Table Schema type name.
    pub fn name(self) -> &'static str {
        match self {
            FieldType::String => "string",
            FieldType::Integer => "integer",
            FieldType::Number => "number",
            FieldType::Boolean => "boolean",
        }
    }
}

/// One column of a tidy table.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// Lowercase ASCII snake_case name.
    pub name: &'static str,
    /// Its type.
    pub ty: FieldType,
    /// What it holds.
    pub description: &'static str,
    /// Never empty.
    pub required: bool,
    /// The allowed values, when it is a code list.
    pub values: &'static [&'static str],
    /// A regular expression every value matches.
    pub pattern: Option<&'static str>,
}

const fn field(name: &'static str, ty: FieldType, description: &'static str) -> Field {
    Field {
        name,
        ty,
        description,
        required: false,
        values: &[],
        pattern: None,
    }
}
const fn text(name: &'static str, description: &'static str) -> Field {
    field(name, FieldType::String, description)
}
const fn int(name: &'static str, description: &'static str) -> Field {
    field(name, FieldType::Integer, description)
}
const fn num(name: &'static str, description: &'static str) -> Field {
    field(name, FieldType::Number, description)
}
const fn boolean(name: &'static str, description: &'static str) -> Field {
    field(name, FieldType::Boolean, description)
}

impl Field {
    const fn req(self) -> Field {
        Field {
            required: true,
            ..self
        }
    }
    const fn one_of(self, values: &'static [&'static str]) -> Field {
        Field { values, ..self }
    }
    const fn pattern(self, pattern: &'static str) -> Field {
        Field {
            pattern: Some(pattern),
            ..self
        }
    }
}

/// A tidy table: its file, fields and keys.
#[derive(Debug, Clone, Copy)]
pub struct Resource {
    /// Resource name in the data package.
    pub name: &'static str,
    /// File name in the output directory.
    pub path: &'static str,
    /// Title for people.
    pub title: &'static str,
    /// What one row is.
    pub description: &'static str,
    /// The columns, in order.
    pub fields: &'static [Field],
    /// The fields that identify a row.
    pub primary_key: &'static [&'static str],
    /// Whether `source_file` refers to `documents.source_file`.
    pub refers_to_documents: bool,
}

impl Resource {
    /// The header row.
    pub fn header(&self) -> Vec<&'static str> {
        self.fields.iter().map(|f| f.name).collect()
    }
}

const SOURCE_FILE: Field = text(
    "source_file",
    "Path of the source file relative to the batch root, '/'-separated; identifies the document.",
)
.req();
const SOURCE_SHA256: Field = text(
    "source_sha256",
    "SHA-256 of the source file, lowercase hex.",
)
.req()
.pattern("^[0-9a-f]{64}$");
const MUNICIPALITY_CODE: Field = text(
    "municipality_code",
    "Four-digit SCB municipality code (kommunkod) as a string, e.g. \"0580\"; empty when the document names no municipality of the register.",
)
.pattern("^[0-9]{4}$");
const MUNICIPALITY_NAME: Field = text(
    "municipality_name",
    "The municipality's name in SCB's register, e.g. \"Linköping\" (the printed name when not in the register).",
);
const COMMITTEE: Field = text(
    "committee",
    "The committee (nämnd) whose internbudget this is.",
);
const DOCUMENT_YEAR: Field = int("document_year", "The budget year of the document.");
const PAGE: Field = int("page", "1-based page where the value was printed.");
const LINE: Field = int(
    "line",
    "1-based line where the value was printed (text exports only).",
);

const PHASES: &[&str] = &[
    "executed",
    "approved",
    "proposed",
    "adjusted",
    "planned",
    "forecast",
    "target",
    "difference",
    "unknown",
];
const COLUMN_KINDS: &[&str] = &[
    "outcome",
    "budget",
    "plan",
    "target",
    "forecast",
    "frame",
    "change",
    "deviation",
];

/// `documents.csv`: one row per converted document.
pub const DOCUMENTS: Resource = Resource {
    name: "documents",
    path: "documents.csv",
    title: "Internbudget documents",
    description: "One row per converted source document: what it is and where it came from.",
    fields: &[
        SOURCE_FILE,
        SOURCE_SHA256,
        text(
            "source_format",
            "Format detected from the bytes: pdf, text_tabular, text_layout, docx or html.",
        )
        .req()
        .one_of(&["pdf", "text_tabular", "text_layout", "docx", "html"]),
        text(
            "source_encoding",
            "Text encoding of a text export (UTF-8, windows-1252, …).",
        ),
        int("source_pages", "Number of pages.").req(),
        int("source_bytes", "Size of the source file in bytes.").req(),
        MUNICIPALITY_CODE,
        MUNICIPALITY_NAME,
        text(
            "municipality_printed_name",
            "The municipality as the document prints it, e.g. \"Linköpings kommun\".",
        ),
        text("county_code", "Two-digit SCB county code, e.g. \"05\".").pattern("^[0-9]{2}$"),
        text("county", "The county (län)."),
        COMMITTEE,
        text("title", "The document title."),
        DOCUMENT_YEAR,
        text(
            "plan_years",
            "The plan years after the budget year, space-separated.",
        ),
        text(
            "schema_version",
            "Version of the internbudget document schema of the JSON document.",
        )
        .req(),
        int("tables", "Number of amount tables.").req(),
        int("amounts", "Number of amounts (rows of amounts.csv).").req(),
        int(
            "indicator_values",
            "Number of indicator values (rows of indicators.csv).",
        )
        .req(),
        int("checks", "Number of reconciliation checks.").req(),
        int(
            "checks_failed",
            "Number of reconciliation checks that do not hold.",
        )
        .req(),
        int(
            "warnings",
            "Number of warnings (see the JSON document for each).",
        )
        .req(),
    ],
    primary_key: &["source_file"],
    refers_to_documents: false,
};

/// `amounts.csv`: one row per printed amount.
pub const AMOUNTS: Resource = Resource {
    name: "amounts",
    path: "amounts.csv",
    title: "Budget amounts",
    description: "One row per printed amount of the amount tables (driftsammandrag, investeringar), in Fiscal Data Package terms.",
    fields: &[
        SOURCE_FILE,
        SOURCE_SHA256,
        MUNICIPALITY_CODE,
        MUNICIPALITY_NAME,
        COMMITTEE,
        DOCUMENT_YEAR,
        text("table_id", "Table identifier within the document: t1, t2, …").req(),
        text("table_role", "What the table holds.")
            .req()
            .one_of(&[
                "operating_summary",
                "investments",
                "frames",
                "income_statement",
                "balance_sheet",
                "cash_flow",
                "other",
            ]),
        text("table_title", "The heading the table stands under."),
        int("row_number", "1-based position of the row in the table.").req(),
        text(
            "row_key",
            "Row identifier within the table (the label in snake case, _2 … for repeats); the budget-line id.",
        )
        .req(),
        text("row_label", "The printed row label."),
        text("row_kind", "What the row is.").req().one_of(&[
            "subtotal",
            "line_item",
            "change",
            "total",
            "of_which_revenue",
            "of_which_cost",
            "budget_frame",
            "adjustment",
            "memo",
        ]),
        text(
            "parent_key",
            "Key of the parent row (the line item of a change, the frame of an adjustment).",
        ),
        text("parent_label", "Label of the parent row."),
        text(
            "section",
            "A heading the row stands under inside the table.",
        ),
        text(
            "column_key",
            "Column identifier within the table, e.g. budget_2021_proposal.",
        )
        .req(),
        text("column_label", "The printed column header."),
        text(
            "column_kind",
            "What the column holds; empty when the print does not tell.",
        )
        .one_of(COLUMN_KINDS),
        int("fiscal_year", "The fiscal year of the amount."),
        boolean("proposal", "True for a proposal (förslag).").req(),
        text(
            "phase",
            "Fiscal Data Package phase: executed (outcome), approved (budget), proposed (budget proposal), adjusted (revised budget); planned (plan years) and forecast are not FDP phases.",
        )
        .req()
        .one_of(PHASES),
        text(
            "direction",
            "Fiscal Data Package direction: revenue for revenue rows, expenditure otherwise (net cost, cost, investment).",
        )
        .req()
        .one_of(&["expenditure", "revenue"]),
        num(
            "amount",
            "The amount as printed, in the table's unit, exact (sign as printed).",
        )
        .req(),
        text("unit", "The unit of amount; empty when none is printed.")
            .one_of(&["kr", "tkr", "mnkr"]),
        int(
            "unit_factor",
            "Kronor per unit (Fiscal Data Package factor): 1, 1000 or 1000000; empty with unit.",
        ),
        text("currency", "ISO 4217 currency.")
            .req()
            .one_of(&["SEK"]),
        num(
            "amount_sek",
            "amount × unit_factor, in kronor, exact; empty when the unit is not known.",
        ),
        text(
            "placement",
            "How the amount was put in its column: printed, or inferred (reconciliation, row_kind; see the document's warnings).",
        )
        .req()
        .one_of(&["printed", "reconciliation", "row_kind"]),
        PAGE,
        LINE,
    ],
    primary_key: &["source_file", "table_id", "row_key", "column_key"],
    refers_to_documents: true,
};

/// `indicators.csv`: one row per printed indicator value (and group).
pub const INDICATORS: Resource = Resource {
    name: "indicators",
    path: "indicators.csv",
    title: "Indicator values",
    description: "One row per printed value of the committee's indicators (outcomes and targets); one row per group when a cell prints several.",
    fields: &[
        SOURCE_FILE,
        SOURCE_SHA256,
        MUNICIPALITY_CODE,
        MUNICIPALITY_NAME,
        COMMITTEE,
        DOCUMENT_YEAR,
        text(
            "indicator_id",
            "Indicator identifier within the document: i1, i2, …",
        )
        .req(),
        text("indicator_kind", "Indicator or a breakdown of the one above it.")
            .req()
            .one_of(&["indicator", "sub_indicator"]),
        text(
            "parent_indicator",
            "The indicator a sub-indicator belongs to.",
        ),
        text("goal_area", "Målområde."),
        text("municipal_goal", "Kommunövergripande mål."),
        text("committee_goal", "Nämndmål."),
        text("indicator", "The indicator text as printed.").req(),
        int(
            "value_number",
            "1-based position of the value among the indicator's printed values.",
        )
        .req(),
        int(
            "part",
            "1 for a cell with one value; 1, 2, … for the groups of a cell that prints several.",
        )
        .req(),
        text("column_kind", "Outcome or target.")
            .req()
            .one_of(COLUMN_KINDS),
        int("year", "The year of the column."),
        text(
            "partial",
            "A partial-year qualifier of the column, e.g. \"aug\".",
        ),
        text("raw", "The printed cell, whitespace collapsed.").req(),
        text(
            "value_status",
            "value (a number), not_available (\"I.U.\", \"Saknas\", \"-\": value left empty) or text (a direction or description; value left empty).",
        )
        .one_of(&["value", "not_available", "text"]),
        num("value", "The number, exact; empty unless value_status is value."),
        text("unit", "The unit of value.").one_of(&[
            "percent", "days", "months", "weeks", "years", "count", "kr", "tkr", "mnkr",
        ]),
        text("comparator", "A comparator printed before a target.")
            .one_of(&["gte", "lte", "gt", "lt"]),
        text("target_direction", "A direction stated as a target.").one_of(&[
            "increase",
            "decrease",
            "not_increase",
            "not_decrease",
            "maintain",
        ]),
        text("group", "The group of a multi-value cell (\"AMC\", \"UAF\")."),
        text("footnotes", "Footnote markers on the value, space-separated."),
        text("note", "Text printed with the number that qualifies it."),
        PAGE,
        LINE,
    ],
    primary_key: &["source_file", "indicator_id", "value_number", "part"],
    refers_to_documents: true,
};

/// The three tidy tables, in the order the data package lists them.
pub const RESOURCES: [Resource; 3] = [DOCUMENTS, AMOUNTS, INDICATORS];

/// The FDP phase of a column (see the module docs).
pub fn phase(col: &Column) -> &'static str {
    let Some(kind) = col.kind else {
        return "unknown";
    };
    match kind {
        ColumnKind::Outcome => "executed",
        ColumnKind::Budget | ColumnKind::Frame if col.proposal => "proposed",
        ColumnKind::Budget | ColumnKind::Frame if is_adjusted(&col.label) => "adjusted",
        ColumnKind::Budget | ColumnKind::Frame => "approved",
        ColumnKind::Plan => "planned",
        ColumnKind::Forecast => "forecast",
        ColumnKind::Target => "target",
        ColumnKind::Change | ColumnKind::Deviation => "difference",
    }
}

fn is_adjusted(label: &str) -> bool {
    let l = label.to_lowercase();
    [
        "reviderad",
        "justerad",
        "ombudget",
        "omdisponerad",
        "korrigerad",
        "efter ändring",
        "tilläggsbudget",
    ]
    .iter()
    .any(|w| l.contains(w))
}

/// The FDP direction of a row (see the module docs).
pub fn direction(row: &Row) -> &'static str {
    let l = row.label.to_lowercase();
    let revenue_label = ["intäkt", "inkomst", "varav intäkt", "varav inkomst"]
        .iter()
        .any(|w| l.starts_with(w));
    match row.kind {
        RowKind::OfWhichRevenue => "revenue",
        RowKind::LineItem | RowKind::Memo if revenue_label => "revenue",
        _ => "expenditure",
    }
}

/// An exact decimal as a plain number with a dot ("-2141", "1234.50").
pub fn decimal(d: Decimal) -> String {
    d.to_string()
}

/// `amount × factor` in kronor, exact and without trailing zeros; `None` on
/// overflow (beyond 7.9 × 10^28).
pub fn amount_sek(amount: Decimal, factor: u64) -> Option<String> {
    amount
        .checked_mul(Decimal::from(factor))
        .map(|d| decimal(d.normalize()))
}

fn opt<T: ToString>(v: Option<T>) -> Cow<'static, str> {
    v.map_or(Cow::Borrowed(""), |v| Cow::Owned(v.to_string()))
}

fn opt_str(v: Option<&str>) -> Cow<'_, str> {
    Cow::Borrowed(v.unwrap_or(""))
}

/// The CSV rows of one document, one buffer per table (no header rows).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CsvChunk {
    /// Rows of `documents.csv`.
    pub documents: Vec<u8>,
    /// Rows of `amounts.csv`.
    pub amounts: Vec<u8>,
    /// Rows of `indicators.csv`.
    pub indicators: Vec<u8>,
}

/// Why rows could not be written (only an I/O error of the CSV writer, which
/// cannot happen on an in-memory buffer, or an overflowing amount).
#[derive(Debug, thiserror::Error)]
pub enum TidyError {
    /// The CSV writer failed.
    #[error("cannot write CSV: {0}")]
    Csv(#[from] csv::Error),
    /// An amount times its unit factor does not fit a decimal.
    #[error("the amount {amount} × {factor} overflows")]
    Overflow {
        /// The amount.
        amount: String,
        /// The unit factor.
        factor: u64,
    },
}

/// A CSV writer for rows without a header, the way every tidy file is written.
pub fn writer<W: std::io::Write>(w: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(csv::Terminator::CRLF)
        .from_writer(w)
}

/// The header line of a resource, as CSV bytes.
pub fn header_bytes(r: &Resource) -> Result<Vec<u8>, TidyError> {
    let mut w = writer(Vec::new());
    w.write_record(r.header())?;
    w.into_inner()
        .map_err(|e| TidyError::Csv(e.into_error().into()))
}

/// Counts of what one document contributes.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RowCounts {
    /// Rows of amounts.csv.
    pub amounts: usize,
    /// Rows of indicators.csv.
    pub indicator_values: usize,
}

/// Writes the tidy rows of one document; `source_file` is its path relative
/// to the batch root.
pub fn rows(doc: &Document, source_file: &str) -> Result<CsvChunk, TidyError> {
    let mut amounts = writer(Vec::new());
    let mut indicators = writer(Vec::new());
    let mut counts = RowCounts::default();
    let common = Common::of(doc, source_file);
    for t in &doc.tables {
        counts.amounts += amount_rows(&common, t, &mut amounts)?;
    }
    for ind in &doc.indicators {
        counts.indicator_values += indicator_rows(&common, ind, &mut indicators)?;
    }
    let mut documents = writer(Vec::new());
    document_row(doc, &common, counts, &mut documents)?;
    let finish = |w: csv::Writer<Vec<u8>>| {
        w.into_inner()
            .map_err(|e| TidyError::Csv(e.into_error().into()))
    };
    Ok(CsvChunk {
        documents: finish(documents)?,
        amounts: finish(amounts)?,
        indicators: finish(indicators)?,
    })
}

/// The fields every row of a document shares.
struct Common<'a> {
    source_file: &'a str,
    sha256: &'a str,
    municipality_code: &'a str,
    municipality_name: &'a str,
    committee: &'a str,
    document_year: Cow<'static, str>,
}

impl<'a> Common<'a> {
    fn of(doc: &'a Document, source_file: &'a str) -> Self {
        let m = &doc.document.municipality;
        Common {
            source_file,
            sha256: &doc.source.sha256,
            municipality_code: m.code.as_deref().unwrap_or(""),
            municipality_name: m.short_name.as_deref().or(m.name.as_deref()).unwrap_or(""),
            committee: doc.document.committee.as_deref().unwrap_or(""),
            document_year: opt(doc.document.budget_year),
        }
    }

    fn fields(&self) -> [Cow<'a, str>; 6] {
        [
            Cow::Borrowed(self.source_file),
            Cow::Borrowed(self.sha256),
            Cow::Borrowed(self.municipality_code),
            Cow::Borrowed(self.municipality_name),
            Cow::Borrowed(self.committee),
            self.document_year.clone(),
        ]
    }
}

fn amount_rows<W: std::io::Write>(
    c: &Common<'_>,
    t: &Table,
    w: &mut csv::Writer<W>,
) -> Result<usize, TidyError> {
    let mut n = 0;
    for (ri, r) in t.rows.iter().enumerate() {
        for (ci, (value, col)) in r.values.iter().zip(&t.columns).enumerate() {
            let Some(a) = value else { continue };
            let sek = match t.unit_factor {
                Some(factor) => {
                    amount_sek(a.value(), factor).ok_or_else(|| TidyError::Overflow {
                        amount: a.to_string(),
                        factor,
                    })?
                }
                None => String::new(),
            };
            let prov = r
                .value_provenance
                .get(ci)
                .copied()
                .flatten()
                .unwrap_or(r.provenance);
            let mut rec: Vec<Cow<'_, str>> = Vec::with_capacity(AMOUNTS.fields.len());
            rec.extend(c.fields());
            rec.extend([
                Cow::Borrowed(t.id.as_str()),
                Cow::Borrowed(t.role.as_str()),
                Cow::Borrowed(t.title.as_str()),
                Cow::Owned((ri + 1).to_string()),
                Cow::Borrowed(r.key.as_str()),
                Cow::Borrowed(r.label.as_str()),
                Cow::Borrowed(r.kind.as_str()),
                opt_str(r.parent_key.as_deref()),
                opt_str(r.parent.as_deref()),
                opt_str(r.section.as_deref()),
                Cow::Borrowed(col.key.as_str()),
                Cow::Borrowed(col.label.as_str()),
                Cow::Borrowed(col.kind.map_or("", ColumnKind::as_str)),
                opt(col.year),
                Cow::Borrowed(if col.proposal { "true" } else { "false" }),
                Cow::Borrowed(phase(col)),
                Cow::Borrowed(direction(r)),
                Cow::Owned(decimal(a.value())),
                Cow::Borrowed(t.unit.map_or("", Unit::as_str)),
                opt(t.unit_factor),
                Cow::Borrowed("SEK"),
                Cow::Owned(sek),
                Cow::Borrowed(r.placement.as_str()),
                Cow::Owned(prov.page.to_string()),
                opt(prov.line),
            ]);
            w.write_record(rec.iter().map(|s| s.as_bytes()))?;
            n += 1;
        }
    }
    Ok(n)
}

fn indicator_rows<W: std::io::Write>(
    c: &Common<'_>,
    ind: &Indicator,
    w: &mut csv::Writer<W>,
) -> Result<usize, TidyError> {
    let mut n = 0;
    for (vi, v) in ind.values.iter().enumerate() {
        for (part, p) in parts(v).into_iter().enumerate() {
            let mut rec: Vec<Cow<'_, str>> = Vec::with_capacity(INDICATORS.fields.len());
            rec.extend(c.fields());
            rec.extend([
                Cow::Borrowed(ind.id.as_str()),
                Cow::Borrowed(ind.kind.as_str()),
                opt_str(ind.parent.as_deref()),
                opt_str(ind.goal_area.as_deref()),
                opt_str(ind.municipal_goal.as_deref()),
                opt_str(ind.committee_goal.as_deref()),
                Cow::Borrowed(ind.indicator.as_str()),
                Cow::Owned((vi + 1).to_string()),
                Cow::Owned((part + 1).to_string()),
                Cow::Borrowed(v.kind.as_str()),
                opt(v.year),
                opt_str(v.partial.as_deref()),
                Cow::Borrowed(v.raw.as_str()),
                Cow::Borrowed(v.parsed.status.map_or("", ValueStatus::as_str)),
                opt(p.number.map(|a| decimal(a.value()))),
                Cow::Borrowed(p.unit.map_or("", ValueUnit::as_str)),
                Cow::Borrowed(p.comparator.map_or("", Comparator::as_str)),
                Cow::Borrowed(v.parsed.direction.map_or("", Direction::as_str)),
                opt_str(p.group),
                Cow::Owned(p.footnotes.join(" ")),
                opt_str(v.parsed.note.as_deref()),
                Cow::Owned(v.provenance.page.to_string()),
                opt(v.provenance.line),
            ]);
            w.write_record(rec.iter().map(|s| s.as_bytes()))?;
            n += 1;
        }
    }
    Ok(n)
}

/// One number of a cell: the cell's own, or one group's.
struct Part<'a> {
    number: Option<internbudget_normalizer::Amount>,
    unit: Option<ValueUnit>,
    comparator: Option<Comparator>,
    group: Option<&'a str>,
    footnotes: &'a [String],
}

fn parts(v: &IndicatorValue) -> Vec<Part<'_>> {
    let p = &v.parsed;
    let mut out = Vec::new();
    // The value is only a number when the status says so: "I.U." and text
    // leave it empty (their printed form is in `raw`).
    let is_value = p.status == Some(ValueStatus::Value);
    if p.groups.is_empty() || p.number.is_some() {
        out.push(Part {
            number: p.number.filter(|_| is_value),
            unit: p.unit,
            comparator: p.comparator,
            group: None,
            footnotes: &p.footnotes,
        });
    }
    for g in &p.groups {
        out.push(Part {
            number: Some(g.number).filter(|_| is_value),
            unit: g.unit,
            comparator: g.comparator,
            group: Some(g.group.as_str()),
            footnotes: &g.footnotes,
        });
    }
    out
}

fn document_row<W: std::io::Write>(
    doc: &Document,
    c: &Common<'_>,
    counts: RowCounts,
    w: &mut csv::Writer<W>,
) -> Result<(), TidyError> {
    let d = &doc.document;
    let m = &d.municipality;
    let s = &doc.source;
    let plan_years: Vec<String> = d.plan_years.iter().map(i32::to_string).collect();
    let rec: [Cow<'_, str>; 22] = [
        Cow::Borrowed(c.source_file),
        Cow::Borrowed(s.sha256.as_str()),
        Cow::Borrowed(s.format.as_str()),
        opt_str(s.encoding.as_deref()),
        Cow::Owned(s.pages.to_string()),
        Cow::Owned(s.bytes.to_string()),
        Cow::Borrowed(c.municipality_code),
        Cow::Borrowed(c.municipality_name),
        opt_str(m.name.as_deref()),
        opt_str(m.county_code.as_deref()),
        opt_str(m.county.as_deref()),
        Cow::Borrowed(c.committee),
        opt_str(d.title.as_deref()),
        c.document_year.clone(),
        Cow::Owned(plan_years.join(" ")),
        Cow::Borrowed(doc.schema_version.as_str()),
        Cow::Owned(doc.tables.len().to_string()),
        Cow::Owned(counts.amounts.to_string()),
        Cow::Owned(counts.indicator_values.to_string()),
        Cow::Owned(doc.checks.len().to_string()),
        Cow::Owned(doc.checks.iter().filter(|c| !c.ok).count().to_string()),
        Cow::Owned(doc.warnings.len().to_string()),
    ];
    w.write_record(rec.iter().map(|s| s.as_bytes()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn field_names_are_ascii_snake_case_and_unique() {
        for r in RESOURCES {
            let mut seen = std::collections::HashSet::new();
            for f in r.fields {
                assert!(
                    f.name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                    "{}",
                    f.name
                );
                assert!(seen.insert(f.name), "duplicate {}", f.name);
            }
            for k in r.primary_key {
                let f = r.fields.iter().find(|f| f.name == *k).unwrap();
                assert!(f.required, "primary key field {k} must be required");
            }
        }
    }

    #[test]
    fn amounts_are_exact_with_a_dot() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(amount_sek(d("-2141"), 1000).as_deref(), Some("-2141000"));
        assert_eq!(amount_sek(d("1234.50"), 1000).as_deref(), Some("1234500"));
        assert_eq!(amount_sek(d("0.1"), 1).as_deref(), Some("0.1"));
        assert_eq!(amount_sek(d("1.25"), 1_000_000).as_deref(), Some("1250000"));
        assert_eq!(decimal(d("1234.50")), "1234.50");
        assert_eq!(amount_sek(Decimal::MAX, 1000), None);
    }

    #[test]
    fn phases_follow_the_fiscal_data_package() {
        let col = |kind, proposal, label: &str| Column {
            key: String::new(),
            label: label.into(),
            kind: Some(kind),
            year: Some(2021),
            proposal,
            measure: None,
            percent: false,
            compares: Vec::new(),
            partial: None,
        };
        assert_eq!(
            phase(&col(ColumnKind::Outcome, false, "Bokslut 2019")),
            "executed"
        );
        assert_eq!(
            phase(&col(ColumnKind::Budget, false, "Budget 2020")),
            "approved"
        );
        assert_eq!(
            phase(&col(ColumnKind::Budget, true, "Budget förslag 2021")),
            "proposed"
        );
        assert_eq!(
            phase(&col(ColumnKind::Budget, false, "Reviderad budget 2020")),
            "adjusted"
        );
        assert_eq!(
            phase(&col(ColumnKind::Plan, true, "Plan förslag 2022")),
            "planned"
        );
        assert_eq!(
            phase(&col(ColumnKind::Forecast, false, "Prognos")),
            "forecast"
        );
    }
}
