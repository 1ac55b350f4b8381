//! The words of table headers: what a printed header word says about its
//! column. One list for the whole tool: the parser uses it to find headers
//! and cut them into columns, the normalizer to give each column its kind,
//! measure and percent flag (see `design/real-tables.md`).
//!
//! [`header_word`] classifies one word (compounds included: "Budgetavvikelse",
//! "Ramförändring", "Helårsprognos"); [`HeaderWord`] says what it is.

use crate::words::Lower;

/// What a column kind word names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KindWord {
    /// Bokslut, Utfall, Redovisat.
    Outcome,
    /// Budget.
    Budget,
    /// Plan, Flerårsplan, Budgetprognos (a multi-year plan).
    Plan,
    /// Prognos, Helårsprognos.
    Forecast,
    /// Målvärde, Mål.
    Target,
    /// Ram, Budgetram, Kommunbidrag, Nettoram.
    Frame,
    /// Förändring, Ramförändring, Diff.
    Change,
    /// Avvikelse, Budgetavvikelse.
    Deviation,
    /// Period (a sum over several years).
    Period,
    /// Koncern: another entity's figures.
    Entity,
    /// Medel, Bäst, Sämst, Riket: comparison values.
    Comparison,
}

impl KindWord {
    /// Kinds that name a phase of a budget year and combine with a measure
    /// printed before them ("Nettoutgift budget 2020", "Intäkter utfall"),
    /// where the others are nouns of their own ("Nettokostnad Kommunbidrag"
    /// are two columns).
    pub fn is_phase(self) -> bool {
        matches!(
            self,
            KindWord::Outcome | KindWord::Budget | KindWord::Plan | KindWord::Forecast
        )
    }
}

/// What a measure word names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MeasureWord {
    /// Intäkter, inkomster.
    Revenue,
    /// Kostnader, utgifter.
    Cost,
    /// Netto, nettokostnad, nettoutgift, nettoinvestering.
    Net,
}

/// What a header word says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HeaderWord {
    /// A column kind.
    Kind(KindWord),
    /// A measure over or beside a kind.
    Measure(MeasureWord),
    /// Förslag: the column is a proposal.
    Proposal,
    /// Another qualifier of a kind: reviderad, justerad, mot, för, delår…
    Qualifier,
    /// An amount unit: tkr, mnkr, kronor…
    Unit,
    /// Not, Nr: the column of note numbers.
    Note,
    /// "%": a column of percentages.
    Percent,
}

/// Classifies a header word (case, surrounding punctuation and a trailing
/// hyphen aside); `None` for any other word.
pub fn header_word(word: &str) -> Option<HeaderWord> {
    if word.trim() == "%" {
        return Some(HeaderWord::Percent);
    }
    let w = word.trim_matches(|c: char| matches!(c, ',' | '.' | ':' | ';' | '(' | ')' | '*' | '-'));
    if w.is_empty() || w.len() > 40 {
        return None;
    }
    let lower = Lower::of(w);
    if let Some(h) = exact(lower.as_str()) {
        return Some(h);
    }
    // Two words run together ("EkonomiBudget", fragments of neighbouring
    // lines tried as one word) are no compound.
    let camel = w
        .chars()
        .zip(w.chars().skip(1))
        .any(|(a, b)| a.is_lowercase() && b.is_uppercase());
    if camel {
        return None;
    }
    compound(lower.as_str())
}

fn exact(w: &str) -> Option<HeaderWord> {
    use HeaderWord::*;
    use KindWord::*;
    Some(match w {
        "bokslut" | "bokslutet" | "utfall" | "redovisat" | "redovisning" | "verkligt" => {
            Kind(Outcome)
        }
        "budget" | "budgeten" => Kind(Budget),
        "plan" | "flerårsplan" | "budgetprognos" | "planering" => Kind(Plan),
        "prognos" | "helårsprognos" | "årsprognos" => Kind(Forecast),
        "målvärde" | "målvärden" | "mål" => Kind(Target),
        "ram" | "budgetram" | "kommunbidrag" | "nettoram" | "ramar" | "driftram"
        | "investeringsram" => Kind(Frame),
        "förändring" | "förändr" | "förändringar" | "ramförändring" | "ramförändringar"
        | "diff" | "differens" => Kind(Change),
        "avvikelse" | "avv" | "budgetavvikelse" | "avvikelser" => Kind(Deviation),
        "period" | "perioden" => Kind(Period),
        "koncern" | "koncernen" => Kind(Entity),
        "medel" | "medelvärde" | "bäst" | "sämst" | "riket" | "länet" | "median" => {
            Kind(Comparison)
        }
        "intäkter" | "intäkt" | "inkomster" | "inkomst" => Measure(MeasureWord::Revenue),
        "kostnader" | "kostnad" | "utgifter" | "utgift" => Measure(MeasureWord::Cost),
        "netto" | "nettokostnad" | "nettokostnader" | "nettoutgift" | "nettoutgifter"
        | "nettoinvestering" | "nettoinvesteringar" | "nettointäkt" => Measure(MeasureWord::Net),
        "förslag" | "förslaget" => Proposal,
        "reviderad" | "justerad" | "ursprunglig" | "beslutad" | "beslutat" | "preliminär"
        | "prel" | "helår" | "delår" | "tertial" | "aug" | "augusti" | "april" | "mot" | "för"
        | "jämfört" | "med" | "per" => Qualifier,
        "tkr" | "mnkr" | "kkr" | "mkr" | "tusental" | "tusen" | "miljoner" | "kronor" | "kr"
        | "sek" | "msek" | "tsek" => Unit,
        "not" | "noter" | "nr" => Note,
        "procent" => Percent,
        _ => return None,
    })
}

/// Compound words: "Budgetavvikelse", "Ramförändring", "Utfallsprognos" —
/// the last part says what the column holds.
fn compound(w: &str) -> Option<HeaderWord> {
    use HeaderWord::*;
    use KindWord::*;
    // Not "…budget" or "…plan": "Driftbudget", "Verksamhetsplan" name
    // tables and documents, not columns.
    const ENDINGS: [(&str, HeaderWord); 6] = [
        ("avvikelse", Kind(Deviation)),
        ("förändring", Kind(Change)),
        ("förändringar", Kind(Change)),
        ("prognos", Kind(Forecast)),
        ("bokslut", Kind(Outcome)),
        ("utfall", Kind(Outcome)),
    ];
    ENDINGS
        .iter()
        .find(|(end, _)| w.len() > end.len() + 2 && w.ends_with(end))
        .map(|&(_, h)| h)
}

/// An amount unit named in a table's header, caption or title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnitWord {
    /// Kronor: "kr", "kronor", "belopp i kr".
    Kr,
    /// Thousands: "tkr", "kkr", "tusen kronor", "tusental kronor".
    Tkr,
    /// Millions: "mnkr", "mkr", "miljoner kronor".
    Mnkr,
}

/// The amount unit a text names, if any: "(mnkr)", "Belopp i tkr", "belopp i
/// tusen kronor", "Tkr". Kronor per something ("kr per invånare", "kr/elev")
/// is a ratio, not a unit of amounts.
pub fn unit_in(text: &str) -> Option<UnitWord> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '/'))
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        let next = words.get(i + 1).copied().unwrap_or("");
        let prev = i
            .checked_sub(1)
            .and_then(|k| words.get(k))
            .copied()
            .unwrap_or("");
        let unit = match *w {
            "tkr" | "kkr" | "tsek" | "ksek" => Some(UnitWord::Tkr),
            "mnkr" | "mkr" | "msek" | "mdkr" => Some(UnitWord::Mnkr),
            "kronor" | "kr" if matches!(prev, "tusen" | "tusental" | "tusentals") => {
                Some(UnitWord::Tkr)
            }
            "kronor" | "kr" if matches!(prev, "miljoner" | "miljontals" | "milj") => {
                Some(UnitWord::Mnkr)
            }
            "kronor" | "kr" if next != "per" && !w.contains('/') => Some(UnitWord::Kr),
            _ => None,
        };
        if unit.is_some() {
            return unit;
        }
    }
    None
}

/// True for a word that starts a new column in a header read in printed
/// order: a kind, a measure or a year.
pub fn starts_column(word: &str) -> bool {
    crate::number::year(word).is_some()
        || matches!(
            header_word(word),
            Some(HeaderWord::Kind(_) | HeaderWord::Measure(_))
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use HeaderWord::*;
    use KindWord::*;

    #[test]
    fn words_and_compounds() {
        assert_eq!(header_word("Bokslut"), Some(Kind(Outcome)));
        assert_eq!(header_word("BUDGET"), Some(Kind(Budget)));
        assert_eq!(header_word("Budgetavvikelse"), Some(Kind(Deviation)));
        assert_eq!(header_word("Budget-avvikelse"), Some(Kind(Deviation)));
        assert_eq!(header_word("Investeringsprogram"), None);
        assert_eq!(header_word("Ramförändring"), Some(Kind(Change)));
        assert_eq!(header_word("Helårsprognos"), Some(Kind(Forecast)));
        assert_eq!(header_word("Budgetprognos"), Some(Kind(Plan)));
        assert_eq!(header_word("Kommunbidrag"), Some(Kind(Frame)));
        assert_eq!(header_word("Intäkter"), Some(Measure(MeasureWord::Revenue)));
        assert_eq!(header_word("(mnkr)"), Some(Unit));
        assert_eq!(header_word("Nr."), Some(Note));
        assert_eq!(header_word("%"), Some(Percent));
        assert_eq!(header_word("förslag"), Some(Proposal));
        assert_eq!(header_word("Koncern"), Some(Kind(Entity)));
        assert_eq!(header_word("Verksamhet"), None);
        assert_eq!(header_word("EkonomiBudget"), None);
        assert_eq!(header_word("BUDGETAVVIKELSE"), Some(Kind(Deviation)));
        assert!(Budget.is_phase() && !Frame.is_phase() && !Deviation.is_phase());
        assert!(starts_column("2021") && starts_column("Kostnader") && !starts_column("mot"));
    }

    #[test]
    fn units_in_headers_and_captions() {
        assert_eq!(unit_in("(mnkr) Bokslut"), Some(UnitWord::Mnkr));
        assert_eq!(unit_in("Belopp i tkr"), Some(UnitWord::Tkr));
        assert_eq!(
            unit_in("Kultur- och fritidsnämnd (Tkr)"),
            Some(UnitWord::Tkr)
        );
        assert_eq!(
            unit_in("driftbudget för åren 2021-2022 (belopp i tusen kronor)."),
            Some(UnitWord::Tkr)
        );
        assert_eq!(unit_in("Belopp i miljoner kronor"), Some(UnitWord::Mnkr));
        assert_eq!(unit_in("Belopp i kr"), Some(UnitWord::Kr));
        assert_eq!(unit_in("Nettokostnad, kr per invånare"), None);
        assert_eq!(unit_in("Kostnad kr/elev"), None);
        assert_eq!(unit_in("Nr. Intäkter 2022 2023"), None);
    }
}
