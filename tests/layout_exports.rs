//! `pdftotext -layout`-style text exports: columns set by runs of spaces, at
//! character positions that drift from line to line and from page to page.
//! Small documents written here, each showing one way such exports go wrong.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use internbudget_normalizer::{Document, RowKind, extract};

fn doc(text: &str) -> Document {
    extract("layout.txt", text.as_bytes()).unwrap()
}

/// (label, kind, values) of every row of table `t`.
fn rows(d: &Document, t: usize) -> Vec<(String, RowKind, Vec<Option<String>>)> {
    d.tables[t]
        .rows
        .iter()
        .map(|r| {
            (
                r.label.clone(),
                r.kind,
                r.values.iter().map(|v| v.map(|a| a.to_string())).collect(),
            )
        })
        .collect()
}

fn v(cells: &[Option<&str>]) -> Vec<Option<String>> {
    cells.iter().map(|c| c.map(str::to_string)).collect()
}

const HEADER: &str = "\
 Investeringar                               Utfall       Budget      Prognos        Budget          Plan
                                                                                     förslag
 Belopp tkr                                    2022         2023         2023          2024          2025
";

/// A table followed by text whose numbers do not sit under its columns is
/// still read by the positions of its own amounts: a gap stays a gap.
#[test]
fn text_after_a_table_does_not_cost_it_its_columns() {
    let mut text = String::from("Investeringar\n");
    text.push_str(HEADER);
    text.push_str(
        " Lärverktyg                                   19 130       12 921        8 590        23 818        34 087
 Inventarier                                  32 186       31 173                     12 351        36 116
 Lekutrustning                                             23 612       38 072        33 565        13 170
 Summa investeringar                          51 316       67 706       46 662        69 734        83 373
",
    );
    // After the table, running text, then an indicator table whose numbers
    // stand further right than any of its columns.
    text.push_str(
        "\nKommunfullmäktige beslutade i juni om budget med ekonomiska ramar för nämnderna. Nämnden ska\n\
         genom sitt basuppdrag bidra till utvecklingen inom kommunfullmäktiges mål.\n\nMål och inriktning\n",
    );
    for i in 0..40 {
        text.push_str(&format!(
            " {:<60}{:<52}{:>6}{:>14}{:>12}\n",
            format!("Nämndmål {i}"),
            format!("Indikator {i}"),
            format!("{},{}", 200 + i, i % 10),
            210 + i,
            220 + i
        ));
    }
    let d = doc(&text);
    let r = rows(&d, 0);
    assert_eq!(
        r[1],
        (
            "Inventarier".into(),
            RowKind::LineItem,
            v(&[
                Some("32186"),
                Some("31173"),
                None,
                Some("12351"),
                Some("36116")
            ])
        )
    );
    assert_eq!(
        r[2].2,
        v(&[
            None,
            Some("23612"),
            Some("38072"),
            Some("33565"),
            Some("13170")
        ])
    );
    assert!(d.checks.iter().all(|c| c.ok), "{:#?}", d.checks);
    assert!(
        !d.warnings
            .iter()
            .any(|w| w.code == internbudget_normalizer::WarningCode::PlacementInferred),
        "positions were shown: nothing to infer"
    );
}

/// On the second page the export sets the same columns some characters
/// further right, and each line's right edges a character or two apart; the
/// table goes on under its repeated header, and a "Specifikation av
/// förändringar" heading that ended the first page still opens the changes
/// at the top of the next.
#[test]
fn a_table_continued_on_a_page_set_at_other_positions() {
    let text = "\
Driftsammandrag
 Nettokostnad                                  2020            Budget         Budget         Plan
 Belopp tkr                                                    2021           2022           2023
 Nämnd och administration                               121             127            136            136
 Bygglov                                              3 590           3 676          3 734          3 778
 Livsmedelskontroll                                   3 414           3 766          3 949          3 949
 Specifikation av förändringar
\u{c}
 Nettokostnad                                       2020             Budget          Budget           Plan
 Belopp tkr                                                          2021            2022             2023
   Naturvårdsprojekt                                                                           162              162
 Ofördelad pris- och lönekompensation                                                                           189
 Nämndens nettokostnad                                      7 125          7 569        7 819              8 052
 varav intäkter                                            - 5 249        - 5 161      - 5 554            - 5 621
 varav kostnader                                           12 374         12 730       13 373              13 673
";
    let d = doc(text);
    assert_eq!(d.tables.len(), 1, "one table across the page break");
    let r = rows(&d, 0);
    let find = |l: &str| r.iter().find(|x| x.0 == l).unwrap().clone();
    assert_eq!(
        find("Naturvårdsprojekt"),
        (
            "Naturvårdsprojekt".into(),
            RowKind::Change,
            v(&[None, None, Some("162"), Some("162")])
        )
    );
    assert_eq!(
        find("Ofördelad pris- och lönekompensation").2,
        v(&[None, None, None, Some("189")])
    );
    assert_eq!(
        find("Nämndens nettokostnad").2,
        v(&[Some("7125"), Some("7569"), Some("7819"), Some("8052")])
    );
    assert_eq!(
        find("varav intäkter").2,
        v(&[Some("-5249"), Some("-5161"), Some("-5554"), Some("-5621")])
    );
    let failed: Vec<_> = d.checks.iter().filter(|c| !c.ok).collect();
    assert!(failed.is_empty(), "{failed:#?}");
    assert!(!d.checks.is_empty());
}

/// An indicator header whose first line holds one year beside its label
/// ("Utfall 2021") and whose second line holds the others: the years are
/// still columns set apart by spaces, and the rows are read by position.
#[test]
fn an_indicator_header_with_a_year_on_each_line() {
    let text = "\
Målområde: Attraktiv arbetsgivare
Kommunövergripande mål: Medarbetarna trivs och utvecklas

 Nämndmål                        Nämndindikator                                  Utfall     Utfall 2021   Målvärde Målvärde
                                                                                 2020                      2022     2023
 Goda arbetsplatser              Total sjukfrånvaro, %                            7,5          7,4          6,6          -
                                 Andel heltidsanställningar, %                    I.U.         92,1       Ska öka      93,4
";
    let d = doc(text);
    type Values = Vec<(Option<i32>, String)>;
    let got: Vec<(String, Values)> = d
        .indicators
        .iter()
        .map(|i| {
            (
                i.indicator.clone(),
                i.values.iter().map(|v| (v.year, v.raw.clone())).collect(),
            )
        })
        .collect();
    let want = |name: &str, raw: [&str; 4]| {
        (
            name.to_string(),
            [2020, 2021, 2022, 2023]
                .into_iter()
                .zip(raw)
                .map(|(y, r)| (Some(y), r.to_string()))
                .collect::<Vec<_>>(),
        )
    };
    assert_eq!(
        got,
        [
            want("Total sjukfrånvaro, %", ["7,5", "7,4", "6,6", "-"]),
            want(
                "Andel heltidsanställningar, %",
                ["I.U.", "92,1", "Ska öka", "93,4"]
            ),
        ]
    );
    assert!(
        d.indicators
            .iter()
            .all(|i| i.committee_goal.as_deref() == Some("Goda arbetsplatser"))
    );
}

/// Where a long goal cell pushes the indicator cell beside it a few
/// characters left, up against the goal text, the capitalised word that
/// starts the indicator is still the indicator's, and so is a breakdown row
/// ("Män", "Kvinnor") printed left of its column.
#[test]
fn an_indicator_pushed_against_the_goal_text() {
    let text = "\
Målområde        Nämndmål              Nämndindikator                  2021      2022     Målvärde   Målvärde
                                                                                           2023       2024
Medarbetare      Goda arbetsplatser Total sjukfrånvaro, %               8,5       8,1       7,8        7,5
                 Varje medarbetare Män                                  8,2       8,6
                 känner
                                   Kvinnor                              8,2       8,1         -
                 arbetsglädje.         Andel heltidsanställningar, %   98,8      98,4         -        99,3
";
    let d = doc(text);
    let got: Vec<(&str, Vec<&str>)> = d
        .indicators
        .iter()
        .map(|i| {
            (
                i.indicator.as_str(),
                i.values.iter().map(|v| v.raw.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("Total sjukfrånvaro, %", vec!["8,5", "8,1", "7,8", "7,5"]),
            ("Män", vec!["8,2", "8,6"]),
            ("Kvinnor", vec!["8,2", "8,1", "-"]),
            (
                "Andel heltidsanställningar, %",
                vec!["98,8", "98,4", "-", "99,3"]
            ),
        ]
    );
    let goal = d.indicators[0].committee_goal.as_deref().unwrap_or("");
    assert!(goal.starts_with("Goda arbetsplatser"), "{goal}");
    assert!(!goal.contains("Total") && !goal.contains("Män"), "{goal}");
}

/// A goal cell cut by a page break goes on over the rows at the top of the
/// next page (under the repeated header), and a heading set two blank lines
/// below the table is not goal text.
#[test]
fn a_goal_cell_goes_on_after_a_page_break_and_the_table_ends_at_a_gap() {
    let text = "\
 Nämndmål                        Nämndindikator                                  Utfall     Utfall   Målvärde Målvärde
                                                                                 2020       2021      2022     2023
 Goda arbetsplatser              Total sjukfrånvaro, %                            7,5        7,4        6,6          -
\u{c}
 Nämndmål                        Nämndindikator                                  Utfall     Utfall   Målvärde Målvärde
                                                                                 2020       2021      2022     2023
                                 Attraktiv arbetsgivarindex (AVI)                 69         70         71         72


Internkontroll
Älvsbyns kommun ska erbjuda välfärd av hög kvalitet till invånarna, och nämndens internbudget anger riktning
och förutsättningar för verksamheten under budgetperioden.
";
    let d = doc(text);
    let rows: Vec<(&str, Option<&str>)> = d
        .indicators
        .iter()
        .map(|i| (i.indicator.as_str(), i.committee_goal.as_deref()))
        .collect();
    assert_eq!(
        rows,
        [
            ("Total sjukfrånvaro, %", Some("Goda arbetsplatser")),
            (
                "Attraktiv arbetsgivarindex (AVI)",
                Some("Goda arbetsplatser")
            ),
        ]
    );
    assert_eq!(d.indicators[1].values[3].raw, "72");
}

/// A table continued on the next page under a header set at other
/// positions: each page's lines are read by the columns of their own
/// header, so a value of two words ("71 %", "Minst 50 %", "Ska öka") stays
/// one cell on either page, even on a page holding a single row.
#[test]
fn an_indicator_table_continued_under_a_header_set_elsewhere() {
    let text = "\
Nämndmål              Nämndindikator                   2018         2019      Målvärde     Målvärde
                                                                                2020         2021
Alla ska lyckas       Andel nöjda elever, %            71 %          72%       Ska öka      Ska öka
\u{c}Nämndmål  Nämndindikator          2018      2019    Målvärde     Målvärde
                                                    2020         2021
          Antal besök per dag      40        41     Minst 50 %   Ska öka
          Andel svar i tid, %      90 %      91 %   Minst 95 %     Öka
";
    let d = doc(text);
    let got: Vec<(&str, Vec<&str>)> = d
        .indicators
        .iter()
        .map(|i| {
            (
                i.indicator.as_str(),
                i.values.iter().map(|v| v.raw.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "Andel nöjda elever, %",
                vec!["71 %", "72%", "Ska öka", "Ska öka"]
            ),
            (
                "Antal besök per dag",
                vec!["40", "41", "Minst 50 %", "Ska öka"]
            ),
            (
                "Andel svar i tid, %",
                vec!["90 %", "91 %", "Minst 95 %", "Öka"]
            ),
        ]
    );
}

/// Values centred beside indicators of several lines (Word's vertically
/// centred cells): each row is cut where its values sit in its middle, not
/// at the first capital after a full stop ("Målet är satt …" goes on the
/// indicator above); cells of one row set over several lines ("Ska" /
/// "12 … 14" / "minska", "4,1" two lines under the rest) stay one row.
#[test]
fn indicator_rows_with_values_centred_beside_them() {
    let text = "\
Nämndmål              Nämndindikator                   2018         2019      Målvärde     Målvärde
                                                                                2020         2021
                      Andel nöjda brukare, %.
                      Avser egen regi och
                      entreprenad.                       71 %         72%       Ska öka      Ska öka
                      Målet är satt utifrån
                      handlingsplanen.
Alla ska lyckas       Antal besök per dag.
                      Mäts genom den årliga
                      enkäten till samtliga                           41        Minst 50      Öka
                      brukare under
                      hösten.                            4,1
                      Antal platser.
                                                                                  Ska
                      Beräknas som ett                   12                                   14
                                                                                 minska
                      rullande medelvärde.
";
    let d = doc(text);
    let got: Vec<(&str, Vec<&str>)> = d
        .indicators
        .iter()
        .map(|i| {
            (
                i.indicator.as_str(),
                i.values.iter().map(|v| v.raw.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "Andel nöjda brukare, %. Avser egen regi och entreprenad. Målet är satt utifrån handlingsplanen.",
                vec!["71 %", "72%", "Ska öka", "Ska öka"]
            ),
            (
                "Antal besök per dag. Mäts genom den årliga enkäten till samtliga brukare under hösten.",
                vec!["4,1", "41", "Minst 50", "Öka"]
            ),
            (
                "Antal platser. Beräknas som ett rullande medelvärde.",
                vec!["12", "Ska minska", "14"]
            ),
        ]
    );
}

/// Merged goal cells set in the middle of the rows they cover (Word's
/// vertical centring): each covers the rows it stands in the middle of,
/// so "Chefsavgångar", two rows above the second goal's first line, is
/// under it.
#[test]
fn goal_cells_centred_over_the_rows_they_cover() {
    let text = "\
Nämndmål           Nämndindikator                2020      2021      2022      2023
                   Total sjukfrånvaro,
Goda                                              5,0       4,9       4,7         -
arbetsplatser      %. Källa: Kolada.
för alla.          Män                            4,7       4,2
                   Kvinnor                        6,1       6,0         -
                   Chefsavgångar (andel
                                                  1,8       2,2       2,5       2,8
                   chefer som slutat).
                   Andel chefer med
Hållbart chef-                                     90        92        95        95
och ledarskap      utbildning, %.
i kommunen.        Män                            2,2       2,2         -
                   Kvinnor                        2,7       3,0         -
                   Chefindex, som
                                                   73        73        78        80
                   genomsnitt.
";
    let d = doc(text);
    let got: Vec<(&str, Option<&str>)> = d
        .indicators
        .iter()
        .map(|i| (i.indicator.as_str(), i.committee_goal.as_deref()))
        .collect();
    let goda = Some("Goda arbetsplatser för alla.");
    let chef = Some("Hållbart chef- och ledarskap i kommunen.");
    assert_eq!(
        got,
        [
            ("Total sjukfrånvaro, %. Källa: Kolada.", goda),
            ("Män", goda),
            ("Kvinnor", goda),
            ("Chefsavgångar (andel chefer som slutat).", chef),
            ("Andel chefer med utbildning, %.", chef),
            ("Män", chef),
            ("Kvinnor", chef),
            ("Chefindex, som genomsnitt.", chef),
        ]
    );
}

/// The words of a cell stand one space apart; a column edge falls in a gap
/// of two spaces or more. A municipal goal whose last word reaches within
/// two characters of the committee-goal column ("… känner sig") keeps it.
#[test]
fn a_goal_cell_reaching_the_next_goal_column_keeps_its_words() {
    let text = "\
Kommunövergripande      Nämndmål            Nämndindikator              2022      2023
mål
                                            Andel nöjda brukare, %.       63        65
Alla invånarna känner sig   Vården ska      Antal besök per dag.          41        42
trygga i hela kommunen      vara säker.     Antal platser.                12        14
";
    let d = doc(text);
    let got: Vec<(&str, Option<&str>, Option<&str>)> = d
        .indicators
        .iter()
        .map(|i| {
            (
                i.indicator.as_str(),
                i.municipal_goal.as_deref(),
                i.committee_goal.as_deref(),
            )
        })
        .collect();
    let municipal = Some("Alla invånarna känner sig trygga i hela kommunen");
    let committee = Some("Vården ska vara säker.");
    assert_eq!(
        got,
        [
            ("Andel nöjda brukare, %.", municipal, committee),
            ("Antal besök per dag.", municipal, committee),
            ("Antal platser.", municipal, committee),
        ]
    );
}

/// Value cells of two lines each, centred at other heights than the cells
/// beside them: the export interleaves their lines ("Mars ≤" / "Mars 2,5" /
/// "1%" / "%" / "Juni ≤" / "Juni 0%"). A line filling the columns of the
/// line two above it, under a line of other columns' cells only, goes on
/// with the same cells, though the indicator beside it starts a sentence.
#[test]
fn value_cells_on_interleaved_lines_stay_one_row() {
    let text = "\
Nämndmål        Nämndindikator                   2021        2022        Målvärde     Målvärde
                                                                           2023         2024
                Prognosens                                                Mars ≤       Mars ≤
                                               Mars 2,5    Mars 1,0
                träffsäkerhet.                                              1%           1%
                                                  %           %
                Avvikelse vid mars                                        Juni ≤       Juni ≤
                                               Juni 0%     Juni 1%
                och juni.                                                  0,5%         0,5%
                Antal platser.                    12          14            16           18
";
    let d = doc(text);
    let got: Vec<(&str, Vec<&str>)> = d
        .indicators
        .iter()
        .map(|i| {
            (
                i.indicator.as_str(),
                i.values.iter().map(|v| v.raw.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "Prognosens träffsäkerhet. Avvikelse vid mars och juni.",
                vec![
                    "Mars 2,5 % Juni 0%",
                    "Mars 1,0 % Juni 1%",
                    "Mars ≤ 1% Juni ≤ 0,5%",
                    "Mars ≤ 1% Juni ≤ 0,5%"
                ]
            ),
            ("Antal platser.", vec!["12", "14", "16", "18"]),
        ]
    );
}

/// A goal cell set in the middle of its rows and cut by a page break (the
/// table read as two, the page foot after a gap): the first row on the
/// next page, above the page's first goal cell, which stands nearer the
/// middle of the rows below without it, keeps the goal of the cell the
/// break cut.
#[test]
fn a_row_above_the_first_centred_goal_on_a_page_keeps_the_goal_above() {
    let header = "\
Nämndmål              Nämndindikator                   2020      2021
";
    let text = format!(
        "{header}                      Andel nöjda, %.
Goda                                                     71        72
arbetsplatser.        Mäts årligen.
                      Antal besök.                       41        42




                                  Sida 1 av 2
\x0c{header}                      Antal platser.                     12        14
                      Sjukfrånvaro mätt                  5,1       5,2
Trygg och             varje kvartal, %.
säker vård.           Män                                4,7       4,2
                      Kvinnor                            6,1       6,0
"
    );
    let d = doc(&text);
    let got: Vec<(&str, Option<&str>)> = d
        .indicators
        .iter()
        .map(|i| (i.indicator.as_str(), i.committee_goal.as_deref()))
        .collect();
    let goda = Some("Goda arbetsplatser.");
    let trygg = Some("Trygg och säker vård.");
    assert_eq!(
        got,
        [
            ("Andel nöjda, %. Mäts årligen.", goda),
            ("Antal besök.", goda),
            ("Antal platser.", goda),
            ("Sjukfrånvaro mätt varje kvartal, %.", trygg),
            ("Män", trygg),
            ("Kvinnor", trygg),
        ]
    );
}
