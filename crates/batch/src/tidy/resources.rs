//! The four tidy tables of the open-data export, described field by field:
//! `documents.csv` (every source), `amounts.csv` (every amount of one source
//! per budget), `indicators.csv` (every indicator value as printed) and
//! `indicator_values.csv` (the indicators in Kolada's shape).

use super::schema::Field;
use super::schema::{ForeignKey, Resource, boolean, int, num, text};

/// `^CODE-COMMITTEE-YEAR$`, or `source-` and 16 hex digits of the source's
/// SHA-256 when the document does not tell all three.
pub const BUDGET_ID_PATTERN: &str =
    "^([0-9]{4}-[a-z0-9]+(-[a-z0-9]+)*-[0-9]{4}|source-[0-9a-f]{16})$";

const BUDGET_ID: Field = text(
    "budget_id",
    "The budget: SCB municipality code, committee slug and budget year (\"0580-arbetsmarknadsnamnden-2021\"); every source of one budget (a PDF and its text export) has the same id. \"source-\" and 16 hex digits of the source's SHA-256 when the document does not name its municipality, committee or year.",
)
.req()
.pattern(BUDGET_ID_PATTERN)
.fdp("budget-id");
const SOURCE_FILE: Field = text(
    "source_file",
    "Path of the source file relative to the batch root, '/'-separated; identifies the source.",
)
.req()
.fdp("source-file");
const SOURCE_SHA256: Field = text(
    "source_sha256",
    "SHA-256 of the source file, lowercase hex.",
)
.req()
.pattern("^[0-9a-f]{64}$");
const MUNICIPALITY_CODE: Field = text(
    "municipality_code",
    "Four-digit SCB municipality code (kommunkod), text with its leading zero (\"0580\"); empty when the document names no municipality of the register.",
)
.pattern("^[0-9]{4}$")
.fdp("geo:municipality:code");
const MUNICIPALITY_NAME: Field = text(
    "municipality_name",
    "The municipality's name in SCB's register, e.g. \"Linköping\" (the printed name when not in the register).",
)
.fdp("geo:municipality:label");
const COMMITTEE: Field = text(
    "committee",
    "The committee (nämnd) whose internbudget this is.",
)
.fdp("administrative-classification:generic:level1:label");
const DOCUMENT_YEAR: Field = int("document_year", "The budget year of the document.");
const PAGE: Field = int("page", "1-based page where the value was printed.");
const LINE: Field = int(
    "line",
    "1-based line where the value was printed (text exports only).",
);
const DOCUMENTS_KEY: ForeignKey = ForeignKey {
    fields: &["source_file"],
    resource: "documents",
    reference: &["source_file"],
};

/// FDP phases, and ours for what FDP has no phase for.
pub const PHASES: &[&str] = &[
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

/// `documents.csv`: one row per converted source.
pub const DOCUMENTS: Resource = Resource {
    name: "documents",
    path: "documents.csv",
    title: "Internbudget sources",
    description: "One row per converted source file: what it is, which budget it is a source of, and whether its amounts are the ones exported (one source per budget) or it duplicates another source of the same budget.",
    fields: &[
        SOURCE_FILE,
        BUDGET_ID,
        boolean(
            "exported",
            "True for the one source of the budget whose amounts and indicators are in the other files; false for a duplicate.",
        )
        .req(),
        text(
            "duplicate_of",
            "For a duplicate: the source_file whose rows were exported for the same budget.",
        ),
        boolean(
            "amounts_agree",
            "For a duplicate: true when it read exactly the same amounts (table role and place, row, column, value) as the exported source.",
        ),
        int(
            "amounts_differing",
            "For a duplicate: how many amounts one of the two sources has and the other has not.",
        ),
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
        text(
            "county_code",
            "Two-digit SCB county code, text with its leading zero (\"05\").",
        )
        .pattern("^[0-9]{2}$"),
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
        text(
            "primary_tables",
            "The table_id of the primary tables (main operating summary, main investment table), space-separated.",
        ),
        int(
            "amounts",
            "Number of amounts read (the rows in amounts.csv when exported).",
        )
        .req(),
        int(
            "indicator_values",
            "Number of indicator values read (the rows in indicators.csv when exported).",
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
            "Number of warnings of the document (see the JSON document for each).",
        )
        .req(),
        int(
            "rows_left_out",
            "Rows of this source left out of the export because they would break a constraint of this package (see the manifest).",
        )
        .req(),
    ],
    primary_key: &["source_file"],
    foreign_keys: &[],
};

/// `amounts.csv`: one row per printed amount.
pub const AMOUNTS: Resource = Resource {
    name: "amounts",
    path: "amounts.csv",
    title: "Budget amounts",
    description: "One row per printed amount of the amount tables, of one source per budget, in Fiscal Data Package terms. To total a budget without counting an amount twice, sum amount (or amount_sek) where additive is true, by budget_id, table_role, fiscal_year and phase.",
    fields: &[
        BUDGET_ID,
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
        boolean(
            "table_primary",
            "True for the document's main operating summary and main investment table.",
        )
        .req(),
        text(
            "table_status",
            "primary; summary (repeats the totals of table_repeats in brief); superseded (an earlier version of table_repeats, under an older decision); secondary (any other table).",
        )
        .req()
        .one_of(&["primary", "summary", "superseded", "secondary"]),
        text(
            "table_repeats",
            "For a summary or superseded table: the table_id of the table it repeats.",
        ),
        int("row_number", "1-based position of the row in the table.").req(),
        text(
            "row_key",
            "Row identifier within the table (the label in snake case, _2 … for repeats); the budget-line id.",
        )
        .req()
        .fdp("budget-line-id"),
        text("row_label", "The printed row label.")
            .fdp("administrative-classification:generic:level2:label"),
        text("row_kind", "What the row is.").req().one_of(&[
            "line_item",
            "change",
            "total",
            "subtotal",
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
            "row_group",
            "The block the row belongs to (a heading row without amounts above it).",
        ),
        text("row_note", "A note number printed with the row."),
        text(
            "column_key",
            "Column identifier within the table, e.g. budget_2021_proposal.",
        )
        .req(),
        text("column_label", "The printed column header (kept also when its kind is not known)."),
        text(
            "column_kind",
            "What the column holds; empty when the print does not tell.",
        )
        .one_of(COLUMN_KINDS),
        text(
            "measure",
            "revenue, cost or net, when a measure is printed with the column.",
        )
        .one_of(&["revenue", "cost", "net"]),
        int("fiscal_year", "The fiscal year of the amount.").fdp("date:fiscal-year"),
        text(
            "partial",
            "A partial-year qualifier of the column, e.g. \"aug\" for \"Utfall aug 2020\".",
        ),
        boolean("proposal", "True for a proposal (förslag).").req(),
        text(
            "phase",
            "Fiscal Data Package phase: executed (outcome), approved (budget, frame), proposed (budget proposal), adjusted (revised budget); planned (plan years), forecast, target, difference (change and deviation columns) and unknown (column kind not known) are not FDP phases.",
        )
        .req()
        .one_of(PHASES)
        .fdp("phase:id"),
        text(
            "value_type",
            "amount (a level: outcome, budget, plan, forecast, frame, target); change or deviation (a difference between two columns); percent (a percentage, not kronor); unknown (the column's kind is not known). Only amounts of one phase and year add up: never sum another value_type with them.",
        )
        .req()
        .one_of(&["amount", "change", "deviation", "percent", "unknown"]),
        text(
            "direction",
            "Fiscal Data Package direction, from the row and the column: revenue for a revenue column (measure revenue), a varav intäkter row or a row labelled as revenue (Intäkter, Skatteintäkter, Statsbidrag …) whatever the sign of its amount; expenditure otherwise (costs, net costs, investment expenditure, frames).",
        )
        .req()
        .one_of(&["expenditure", "revenue"])
        .fdp("direction:id"),
        text(
            "sign_convention",
            "How the source column signs its amounts, read from its revenue and cost rows: costs_positive (net-cost tables such as a driftsammandrag: costs and net costs positive, revenue negative), revenue_positive (result statements: revenue positive, costs negative), both_positive (gross revenue and costs both positive), unknown (no revenue or cost row tells). amount keeps the printed sign.",
        )
        .req()
        .one_of(&["costs_positive", "revenue_positive", "both_positive", "unknown"]),
        boolean(
            "additive",
            "True for the amounts that add up to the document's printed totals without double counting: line items of a primary table, and the frames printed above its total as its terms (Kommunbidrag in Intäkter + Kostnader + Kommunbidrag = Resultat), in amount columns (value_type amount, no revenue or cost measure). Sum amount where additive is true by budget_id, table_role, fiscal_year and phase; summaries, superseded tables, totals, changes, frames below the total and memo rows are false.",
        )
        .req(),
        num(
            "amount",
            "The amount as printed, in the table's unit, exact, with the sign as printed (see sign_convention and direction).",
        )
        .req()
        .fdp("value"),
        text(
            "unit",
            "The unit of amount: kr, tkr or mnkr for kronor, percent for a percentage column; empty when the table prints no unit.",
        )
        .one_of(&["kr", "tkr", "mnkr", "percent"]),
        int(
            "unit_factor",
            "Kronor per unit (Fiscal Data Package factor): 1, 1000 or 1000000; empty when the unit is not known or not kronor.",
        )
        .fdp("value-factor"),
        text("currency", "ISO 4217 currency; empty for a percentage.")
            .one_of(&["SEK"])
            .fdp("value-currency:code"),
        num(
            "amount_sek",
            "amount × unit_factor, in kronor, exact, sign as printed; empty when the unit is not known or not kronor.",
        )
        .fdp("value:sek"),
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
    foreign_keys: &[DOCUMENTS_KEY],
};

const KOLADA_STATUSES: &[&str] = &["value", "not_available", "text", "groups", "missing"];
const VALUE_STATUSES: &[&str] = &["value", "not_available", "text"];
const VALUE_UNITS: &[&str] = &[
    "percent", "days", "months", "weeks", "years", "count", "kr", "tkr", "mnkr",
];
const COMPARATORS: &[&str] = &["gte", "lte", "gt", "lt"];
const DIRECTIONS: &[&str] = &[
    "increase",
    "decrease",
    "not_increase",
    "not_decrease",
    "maintain",
];
const INDICATOR_ID: Field = text(
    "indicator_id",
    "Stable indicator identifier: \"ib-\" and 12 hex digits of the SHA-256 of the indicator text with case, punctuation and spacing ignored; the same in every document that prints the indicator. A Kvinnor/Män breakdown has its indicator's id (and its gender).",
)
.req()
.pattern("^ib-[0-9a-f]{12}$")
.fdp("kpi:code");
const GENDER: Field = text(
    "gender",
    "Kolada's gender code: T (total), K (kvinnor, a Kvinnor/Flickor breakdown), M (män, a Män/Pojkar breakdown).",
)
.req()
.one_of(&["T", "K", "M"]);

/// `indicators.csv`: one row per printed indicator value (and group).
pub const INDICATORS: Resource = Resource {
    name: "indicators",
    path: "indicators.csv",
    title: "Indicator values as printed",
    description: "One row per printed value of the committee's indicators (outcomes and targets) of one source per budget; one row per group when a cell prints several.",
    fields: &[
        BUDGET_ID,
        SOURCE_FILE,
        SOURCE_SHA256,
        MUNICIPALITY_CODE,
        MUNICIPALITY_NAME,
        COMMITTEE,
        DOCUMENT_YEAR,
        text(
            "indicator_row",
            "Indicator row within the document: i1, i2, …",
        )
        .req(),
        INDICATOR_ID,
        text("indicator_kind", "Indicator or a breakdown of the one above it.")
            .req()
            .one_of(&["indicator", "sub_indicator"]),
        text(
            "parent_indicator",
            "The indicator a sub-indicator belongs to.",
        ),
        GENDER,
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
        .one_of(VALUE_STATUSES),
        num("value", "The number, exact; empty unless value_status is value."),
        text("unit", "The unit of value.").one_of(VALUE_UNITS),
        text("comparator", "A comparator printed before a target.").one_of(COMPARATORS),
        text("target_direction", "A direction stated as a target.").one_of(DIRECTIONS),
        text("group", "The group of a multi-value cell (\"AMC\", \"UAF\")."),
        text("footnotes", "Footnote markers on the value, space-separated."),
        text("note", "Text printed with the number that qualifies it."),
        PAGE,
        LINE,
    ],
    primary_key: &["source_file", "indicator_row", "value_number", "part"],
    foreign_keys: &[DOCUMENTS_KEY],
};

/// `indicator_values.csv`: the indicators in Kolada's shape.
pub const KOLADA: Resource = Resource {
    name: "indicator_values",
    path: "indicator_values.csv",
    title: "Indicator values in Kolada's shape",
    description: "One row per indicator, gender and year of one source per budget, as Kolada gives key figures: the outcome (value, status) and the target for that year side by side. A cell printing values for several groups has no single value here (see indicators.csv); a partial-year outcome stands in only when no full-year one is printed.",
    fields: &[
        BUDGET_ID,
        SOURCE_FILE,
        MUNICIPALITY_CODE,
        MUNICIPALITY_NAME,
        COMMITTEE,
        INDICATOR_ID,
        text(
            "indicator",
            "The indicator text as printed (for a breakdown: its indicator's).",
        )
        .req(),
        GENDER,
        int("period", "The year.").req().fdp("date:fiscal-year"),
        num(
            "value",
            "The outcome for the year, exact; empty when none is printed or it is not a number.",
        ),
        text(
            "status",
            "value (value holds the outcome), not_available (printed as \"I.U.\", \"Saknas\", \"-\"), text (a description), groups (a value per group, see indicators.csv), missing (no outcome printed for the year).",
        )
        .req()
        .one_of(KOLADA_STATUSES),
        text("value_raw", "The printed outcome cell."),
        text(
            "value_partial",
            "The partial-year qualifier of the outcome (\"aug\"), when only a partial-year outcome is printed.",
        ),
        num("target", "The target for the year, exact, when a number."),
        text(
            "target_status",
            "As status, for the target.",
        )
        .req()
        .one_of(KOLADA_STATUSES),
        text("target_raw", "The printed target cell."),
        text("target_comparator", "A comparator printed before the target.")
            .one_of(COMPARATORS),
        text("target_direction", "A direction stated as the target.").one_of(DIRECTIONS),
        text("unit", "The unit of value and target.").one_of(VALUE_UNITS),
    ],
    primary_key: &["budget_id", "indicator_id", "gender", "period"],
    foreign_keys: &[DOCUMENTS_KEY],
};
