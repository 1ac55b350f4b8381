//! The words of the reports in Swedish and English.

use super::Lang;
use crate::model::{Diff, DiffWarning, IndicatorNote, NoteCode, PairingRule};
use internbudget_normalizer::{ColumnKind, RowKind, TableRole};

/// Every fixed text of a report.
#[derive(Debug)]
pub(crate) struct Words {
    pub html_lang: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub warnings: &'static str,
    pub no_change: &'static str,
    pub tables_paired: &'static str,
    pub rows_matched: &'static str,
    pub rows_added: &'static str,
    pub rows_removed: &'static str,
    pub values_changed: &'static str,
    pub indicators_changed: &'static str,
    pub exact: &'static str,
    pub alias: &'static str,
    pub fuzzy: &'static str,
    pub by_kind: &'static str,
    pub added: &'static str,
    pub removed: &'static str,
    pub renamed: &'static str,
    pub moved: &'static str,
    pub changed: &'static str,
    pub was: &'static str,
    pub from_item: &'static str,
    pub own_item: &'static str,
    pub largest: &'static str,
    pub largest_amount: &'static str,
    pub largest_percent: &'static str,
    pub total: &'static str,
    pub budget: &'static str,
    pub bridge: &'static str,
    pub bridge_note: &'static str,
    pub axis_note: &'static str,
    pub others: &'static str,
    pub unreconciled: &'static str,
    pub new_row: &'static str,
    pub gone_row: &'static str,
    pub row: &'static str,
    pub change: &'static str,
    pub percent: &'static str,
    pub matching: &'static str,
    pub amounts_in: &'static str,
    pub paired_as: &'static str,
    pub title_similarity: &'static str,
    pub rows_in_common: &'static str,
    pub years_only_in: &'static str,
    pub unpaired: &'static str,
    pub indicators_section: &'static str,
    pub indicator: &'static str,
    pub values: &'static str,
    pub notes: &'static str,
    pub no_goal_area: &'static str,
    pub over_time: &'static str,
    pub over_time_note: &'static str,
    pub line_item: &'static str,
    pub chart: &'static str,
    pub sum_items: &'static str,
    pub sum_table: &'static str,
    pub indicators_over_time: &'static str,
    pub indicators_over_time_note: &'static str,
    pub target: &'static str,
    pub outcome: &'static str,
    pub met: &'static str,
    pub not_met: &'static str,
    pub target_then_outcome: &'static str,
    pub committee_unknown: &'static str,
    pub municipality_unknown: &'static str,
    pub legend_up: &'static str,
    pub legend_down: &'static str,
    pub revenue_up: &'static str,
    pub revenue_down: &'static str,
    pub no_indicator_changes: &'static str,
    pub m_exact: &'static str,
    pub m_alias: &'static str,
    pub m_fuzzy: &'static str,
    pub m_kind: &'static str,
    pub m_outcomes: &'static str,
    pub file: &'static str,
    pub doc_title: &'static str,
    pub committee: &'static str,
    pub municipality: &'static str,
    pub budget_year: &'static str,
}

const SV: Words = Words {
    html_lang: "sv",
    title: "Budgetjämförelse",
    intro: "Beloppen jämförs per budgetår över kolumnslagen: det ena dokumentets plan mot nästa dokuments budget, en budget mot ett senare utfall.",
    warnings: "Att känna till",
    no_change: "Ingen förändring: alla rader och indikatorer matchar exakt och alla jämförda värden är lika.",
    tables_paired: "tabeller parade",
    rows_matched: "rader matchade",
    rows_added: "rader tillkomna",
    rows_removed: "rader borttagna",
    values_changed: "värden ändrade av jämförda",
    indicators_changed: "indikatorer ändrade av matchade",
    exact: "exakt",
    alias: "alias",
    fuzzy: "likhet",
    by_kind: "radtyp",
    added: "ny",
    removed: "borttagen",
    renamed: "nytt namn",
    moved: "flyttad",
    changed: "ändrad",
    was: "förut",
    from_item: "från",
    own_item: "egen rad",
    largest: "Största förändringar",
    largest_amount: "Störst i kronor",
    largest_percent: "Störst i procent",
    total: "Summa",
    budget: "budget",
    bridge: "Från budget till budget",
    bridge_note: "Varje stapel är en rads förändring från den ena budgetens belopp till nästa budgets; de största visas var för sig.",
    axis_note: "Axeln börjar inte vid noll.",
    others: "Övriga rader",
    unreconciled: "Skillnad mot summaraden (källan går inte jämnt ut)",
    new_row: "ny rad",
    gone_row: "borttagen rad",
    row: "Rad",
    change: "Förändring",
    percent: "Procent",
    matching: "Matchning",
    amounts_in: "belopp i",
    paired_as: "parade som",
    title_similarity: "rubriklikhet",
    rows_in_common: "gemensamma rader",
    years_only_in: "År bara i",
    unpaired: "Tabeller i bara ett av dokumenten",
    indicators_section: "Indikatorer som ändrats",
    indicator: "Indikator",
    values: "Värden",
    notes: "Noteringar",
    no_goal_area: "(inget målområde)",
    over_time: "Över tid",
    over_time_note: "Varje år ur det senaste dokument som anger året, för hela tabellen: U utfall, B budget, Pr prognos, P plan, och dokumentet.",
    line_item: "Rad",
    chart: "Förlopp",
    sum_items: "Radernas summa",
    sum_table: "Tabellens summa",
    indicators_over_time: "Indikatorer över tid",
    indicators_over_time_note: "Per år: målen som varje dokument satte och utfallet som det senaste dokumentet redovisar; ✓ målet nåddes, ✗ inte. Linjen visar utfallen, den streckade målen.",
    target: "mål",
    outcome: "utfall",
    met: "✓",
    not_met: "✗",
    target_then_outcome: "mål, sedan utfall",
    committee_unknown: "okänd nämnd",
    municipality_unknown: "okänd kommun",
    legend_up: "ökning",
    legend_down: "minskning",
    revenue_up: "intäkterna ökar",
    revenue_down: "intäkterna minskar",
    no_indicator_changes: "Inga indikatorer har ändrats.",
    m_exact: "exakt",
    m_alias: "alias",
    m_fuzzy: "likhet",
    m_kind: "radtyp",
    m_outcomes: "samma utfall, likhet",
    file: "Fil",
    doc_title: "Titel",
    committee: "Nämnd",
    municipality: "Kommun",
    budget_year: "Budgetår",
};

const EN: Words = Words {
    html_lang: "en",
    title: "Budget comparison",
    intro: "Amounts are compared by fiscal year across column kinds: one document's plan against the next document's budget, a budget against a later outcome.",
    warnings: "Before you read",
    no_change: "No change: every row and indicator matched exactly and every compared value is equal.",
    tables_paired: "tables paired",
    rows_matched: "rows matched",
    rows_added: "rows added",
    rows_removed: "rows removed",
    values_changed: "values changed of compared",
    indicators_changed: "indicators changed of matched",
    exact: "exact",
    alias: "alias",
    fuzzy: "fuzzy",
    by_kind: "by kind",
    added: "added",
    removed: "removed",
    renamed: "renamed",
    moved: "moved",
    changed: "changed",
    was: "was",
    from_item: "from",
    own_item: "a line of its own",
    largest: "Largest changes",
    largest_amount: "Largest in kronor",
    largest_percent: "Largest in per cent",
    total: "Total",
    budget: "budget",
    bridge: "From budget to budget",
    bridge_note: "Each bar is a line's change from one budget's amount to the next budget's; the largest are shown one by one.",
    axis_note: "The axis does not start at zero.",
    others: "Other lines",
    unreconciled: "Difference to the total row (the source does not add up)",
    new_row: "new line",
    gone_row: "removed line",
    row: "Row",
    change: "Change",
    percent: "Per cent",
    matching: "Match",
    amounts_in: "amounts in",
    paired_as: "paired as",
    title_similarity: "title similarity",
    rows_in_common: "line items in common",
    years_only_in: "Years only in",
    unpaired: "Tables in one document only",
    indicators_section: "Indicators that changed",
    indicator: "Indicator",
    values: "Values",
    notes: "Notes",
    no_goal_area: "(no goal area)",
    over_time: "Over time",
    over_time_note: "Each year from the latest document that prints it, for the whole table: O outcome, B budget, F forecast, P plan, and the document.",
    line_item: "Line item",
    chart: "Trend",
    sum_items: "Sum of the lines",
    sum_table: "Total of the table",
    indicators_over_time: "Indicators over time",
    indicators_over_time_note: "Per year: the targets each document set and the outcome the latest document reports; ✓ target met, ✗ not met. The line shows outcomes, the dashed line targets.",
    target: "target",
    outcome: "outcome",
    met: "✓",
    not_met: "✗",
    target_then_outcome: "target, then outcome",
    committee_unknown: "committee unknown",
    municipality_unknown: "municipality unknown",
    legend_up: "increase",
    legend_down: "decrease",
    revenue_up: "revenue grows",
    revenue_down: "revenue shrinks",
    no_indicator_changes: "No indicator changed.",
    m_exact: "exact",
    m_alias: "alias",
    m_fuzzy: "fuzzy",
    m_kind: "by kind",
    m_outcomes: "same outcomes, similarity",
    file: "File",
    doc_title: "Title",
    committee: "Committee",
    municipality: "Municipality",
    budget_year: "Budget year",
};

/// The words of a language.
pub(crate) fn of(lang: Lang) -> &'static Words {
    match lang {
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}

/// The name of a table role.
pub(crate) fn role(lang: Lang, r: TableRole) -> &'static str {
    match (lang, r) {
        (Lang::Sv, TableRole::OperatingSummary) => "driftsammandrag",
        (Lang::Sv, TableRole::Investments) => "investeringar",
        (Lang::En, TableRole::OperatingSummary) => "operating summary",
        (Lang::En, TableRole::Investments) => "investments",
        (Lang::Sv, TableRole::Frames) => "ramar",
        (Lang::Sv, TableRole::IncomeStatement) => "resultatbudget",
        (Lang::Sv, TableRole::BalanceSheet) => "balansbudget",
        (Lang::Sv, TableRole::CashFlow) => "finansieringsbudget",
        (Lang::Sv, TableRole::Other) => "övrig tabell",
        (Lang::En, TableRole::Frames) => "frames",
        (Lang::En, TableRole::IncomeStatement) => "income statement",
        (Lang::En, TableRole::BalanceSheet) => "balance sheet",
        (Lang::En, TableRole::CashFlow) => "cash flow",
        (Lang::En, TableRole::Other) => "other table",
    }
}

/// The name of a column kind.
pub(crate) fn kind(lang: Lang, k: ColumnKind) -> &'static str {
    match (lang, k) {
        (Lang::Sv, ColumnKind::Outcome) => "utfall",
        (Lang::Sv, ColumnKind::Budget) => "budget",
        (Lang::Sv, ColumnKind::Plan) => "plan",
        (Lang::Sv, ColumnKind::Target) => "mål",
        (Lang::Sv, ColumnKind::Forecast) => "prognos",
        (Lang::En, ColumnKind::Outcome) => "outcome",
        (Lang::En, ColumnKind::Budget) => "budget",
        (Lang::En, ColumnKind::Plan) => "plan",
        (Lang::En, ColumnKind::Target) => "target",
        (Lang::En, ColumnKind::Forecast) => "forecast",
        (Lang::Sv, ColumnKind::Frame) => "ram",
        (Lang::Sv, ColumnKind::Change) => "förändring",
        (Lang::Sv, ColumnKind::Deviation) => "avvikelse",
        (Lang::En, ColumnKind::Frame) => "frame",
        (Lang::En, ColumnKind::Change) => "change",
        (Lang::En, ColumnKind::Deviation) => "deviation",
    }
}

/// The name of a row kind, for a tooltip.
pub(crate) fn row_kind(lang: Lang, k: RowKind) -> &'static str {
    match (lang, k) {
        (Lang::Sv, RowKind::LineItem) => "rad",
        (Lang::Sv, RowKind::Change) => "förändring",
        (Lang::Sv, RowKind::Total) => "summa",
        (Lang::Sv, RowKind::Subtotal) => "delsumma",
        (Lang::En, RowKind::Subtotal) => "subtotal",
        (Lang::Sv, RowKind::OfWhichRevenue) => "varav intäkter",
        (Lang::Sv, RowKind::OfWhichCost) => "varav kostnader",
        (Lang::Sv, RowKind::BudgetFrame) => "budgetram",
        (Lang::Sv, RowKind::Adjustment) => "justering",
        (Lang::Sv, RowKind::Memo) => "upplysning",
        (Lang::En, RowKind::LineItem) => "line item",
        (Lang::En, RowKind::Change) => "change",
        (Lang::En, RowKind::Total) => "total",
        (Lang::En, RowKind::OfWhichRevenue) => "of which revenue",
        (Lang::En, RowKind::OfWhichCost) => "of which cost",
        (Lang::En, RowKind::BudgetFrame) => "budget frame",
        (Lang::En, RowKind::Adjustment) => "adjustment",
        (Lang::En, RowKind::Memo) => "memo",
    }
}

/// Why two tables were paired.
pub(crate) fn rule(lang: Lang, r: PairingRule) -> &'static str {
    match (lang, r) {
        (Lang::Sv, PairingRule::Main) => "dokumentens huvudtabeller",
        (Lang::Sv, PairingRule::Title) => "liknande rubriker",
        (Lang::Sv, PairingRule::Rows) => "gemensamma rader",
        (Lang::En, PairingRule::Main) => "the main tables of their role",
        (Lang::En, PairingRule::Title) => "similar titles",
        (Lang::En, PairingRule::Rows) => "line items in common",
    }
}

/// A warning for a person: in English as the diff says it, in Swedish
/// from its code and documents.
pub(crate) fn warning(lang: Lang, diff: &Diff, w: &DiffWarning) -> String {
    if lang == Lang::En {
        return w.message.clone();
    }
    let d = |k: usize| w.documents.get(k).map(String::as_str).unwrap_or("?");
    let doc = |k: usize| diff.documents.iter().find(|x| x.id == d(k));
    match w.code.as_str() {
        "different_municipality" => format!(
            "{} är från {} och {} från {}: budgetar för olika kommuner, så rader som paras kanske inte är samma verksamhet.",
            d(0),
            doc(0)
                .and_then(|x| x.municipality.clone())
                .unwrap_or_else(|| "okänd kommun".into()),
            d(1),
            doc(1)
                .and_then(|x| x.municipality.clone())
                .unwrap_or_else(|| "okänd kommun".into()),
        ),
        "different_committee" => format!(
            "{} är budgeten för {} och {} för {}: olika nämnder, så rader som paras kanske inte är samma verksamhet.",
            d(0),
            doc(0).and_then(|x| x.committee.clone()).unwrap_or_default(),
            d(1),
            doc(1).and_then(|x| x.committee.clone()).unwrap_or_default(),
        ),
        "committee_unknown" => format!(
            "Nämnden är okänd för {} eller {}, så det går inte att se att båda är samma nämnds budget.",
            d(0),
            d(1)
        ),
        "budget_years_not_ascending" => format!(
            "{} jämförs som det tidigare dokumentet med {}, som har ett tidigare budgetår: ange dokumenten äldst först.",
            d(0),
            d(1)
        ),
        "same_source" => format!("{} och {} kommer från samma källfil.", d(0), d(1)),
        "no_tables" => format!(
            "{} har inga beloppstabeller; bara indikatorerna jämförs.",
            d(0)
        ),
        "source_checks_failed" => format!(
            "{}: kontrollsummor i källans tabeller går inte ihop; några belopp kan vara felinlästa.",
            d(0)
        ),
        "unit_converted" => format!(
            "Tabeller i {} och {} har olika enheter; beloppen jämförs i den minsta.",
            d(0),
            d(1)
        ),
        _ => w.message.clone(),
    }
}

/// An indicator note for a person.
pub(crate) fn note(lang: Lang, n: &IndicatorNote) -> String {
    if lang == Lang::En {
        return n.message.clone();
    }
    let what = match n.code {
        NoteCode::DirectionChanged => "Målets riktning ändrades",
        NoteCode::ComparatorChanged => "Målets jämförelse (≥, ≤) ändrades",
        NoteCode::TargetForm => "Målet gick från riktning till värde eller tvärtom",
        NoteCode::UnitChanged => "Målets enhet ändrades",
    };
    match (&n.from, &n.to, &n.years) {
        (Some(f), Some(t), Some(y)) => format!("{what}: ”{f}” → ”{t}” ({y})"),
        (Some(f), Some(t), None) => format!("{what}: ”{f}” → ”{t}”"),
        _ => what.to_string(),
    }
}
