//! Rows of small text tables.

use crate::model::Table;
use internbudget_layout::text::read_text;

/// The amount tables of a text export.
fn tables(text: &str) -> Vec<Table> {
    let doc = read_text(text.as_bytes()).unwrap();
    crate::parse_document(&doc)
        .map(|p| p.tables)
        .unwrap_or_default()
}

fn labels(t: &Table) -> Vec<(String, usize)> {
    t.rows
        .iter()
        .map(|r| {
            let n = r.values.cells().iter().filter(|c| c.is_some()).count();
            (r.label.clone(), n)
        })
        .collect()
}

/// The printed cells of a row (`·` for empty).
fn cells_of(r: &crate::model::Row) -> Vec<String> {
    r.values
        .cells()
        .iter()
        .map(|c| c.as_ref().map_or("·".to_string(), |c| c.text.clone()))
        .collect()
}

#[test]
fn a_complete_label_above_a_capitalised_row_is_a_heading() {
    let t = tables(
        "Driftbudget tkr\n\
         Verksamhet         Budget 2023    Plan 2024\n\
         Grundskola\n\
         Förskoleklass          1 200          1 250\n\
         Fritidshem               800            820\n\
         Summa                  2 000          2 070\n",
    );
    let got = t.first().map(labels).unwrap_or_default();
    assert_eq!(
        got,
        [
            ("Grundskola".to_string(), 0),
            ("Förskoleklass".to_string(), 2),
            ("Fritidshem".to_string(), 2),
            ("Summa".to_string(), 2),
        ]
    );
}

#[test]
fn a_label_line_ending_in_a_dash_goes_on() {
    let t = tables(
        "Volymer\n\
         Mått                       Utfall 2019    Budget 2020\n\
         Antal deltagare per månad –\n\
         Arbetsmarknadscentrum              654            700\n\
         Antal hushåll                      128            130\n",
    );
    let got = t.first().map(labels).unwrap_or_default();
    assert_eq!(
        got.first().map(|(l, n)| (l.as_str(), *n)),
        Some(("Antal deltagare per månad – Arbetsmarknadscentrum", 2))
    );
}

#[test]
fn a_table_without_heading_is_named_by_its_stub() {
    let t = tables(concat!(
        "Basuppdrag                 Utfall 2019    Budget 2020\n",
        "Antal hushåll                    3128           3200\n",
        "team utreda Arbetsmarknad         654            700\n",
        "                                Utfall         Budget\n",
        "Personal                          2019           2020\n",
        "Antal anställda                    180            182\n",
        "Sjukfrånvaro                       3,4            5,4\n",
    ));
    let titles: Vec<&str> = t.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(titles.last(), Some(&"Personal"), "{titles:?}");
}

#[test]
fn a_layout_table_continued_on_the_next_page_is_read_with_that_pages_positions() {
    // The header repeats where it stood, but pdftotext set the next page's
    // amounts at other columns: that part gets its own anchors.
    let text = "
                                              Ram 2024
                                                            2025    2026    2027
Ram 2024                                        389 169
Pris- och löneökning                                        4 818         8 127      8 161
Effektivisering                                            −2 674        −3 537     −3 504
\x0c                                               Ram 2024
                                                            2025    2026    2027
Samverkan                                                    1 500   −500 −1 000
Summa                                                        −356    2 090   3 657
Ram 2025                                                  388 813 390 903 394 560
";
    let doc = read_text(text.as_bytes()).unwrap();
    let parsed = crate::parse_document(&doc).unwrap();
    let t = &parsed.tables[0];
    let cells = |i: usize| cells_of(&t.rows[i]);
    assert_eq!(t.rows.len(), 6);
    assert_eq!(cells(1), ["·", "4 818", "8 127", "8 161"]);
    assert_eq!(cells(3), ["·", "1 500", "-500", "-1 000"]);
    assert_eq!(cells(5), ["·", "388 813", "390 903", "394 560"]);
}

#[test]
fn a_line_of_text_cells_below_a_table_heads_something_else() {
    // A web page's contact block under a table: "Kontakt   Telefon" names
    // columns of its own, so neither the table nor a table of the same
    // columns goes on to the footer's postcode.
    let t = tables(
        "
            Mått             Utfall 2022 Utfall 2023

Besök på biblioteken         182 400   190 150

Deltagartillfällen            96 310    99 870


Kontakt
     Kontakt           Telefon

Nämndsekreterare 0413-280 00

Höörs kommun, 273 80
",
    );
    assert_eq!(t.len(), 1);
    let labels: Vec<&str> = t[0].rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["Besök på biblioteken", "Deltagartillfällen"]);
}

#[test]
fn a_footer_address_below_a_statements_result_line_is_no_row() {
    // A statement ends with its result line; the page footer's postcode
    // below it is text, not a row of the statement (its years squeezed,
    // the rows are read in printed order, where a short row has no
    // position to tell it from a row).
    let t = tables(
        "
                  Mnkr                    Not Bokslut Budget Budget Plan Plan
                                                2023   2024   2025 2026 2027
Kassaflöde från den löpande verksamheten 10       58,2   54,6   51,9 53,1 54,8
Kassaflöde från investeringsverksamheten 11      −61,1 −61,3 −67,3 −61,2 −59,4
            Årets kassaflöde                      −2,9   −6,7  −15,4 −8,1 −4,6

Storby kommun, 273 80

Senast uppdaterad 2024-11-28
",
    );
    let got = t.first().map(labels).unwrap_or_default();
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got.last(), Some(&("Årets kassaflöde".to_string(), 5)));
}

#[test]
fn a_row_of_text_cells_right_under_a_row_does_not_end_the_table() {
    // An investment without amounts yet, its committee in a text column:
    // a row, not the header of something else.
    let t = tables(
        "
            Projekt          Budget 2025   Plan 2026

Förskola Norr         KS         12 000        8 000
Reservkraft           KS
Ny sporthall          KFN         5 000        9 000
",
    );
    let labels: Vec<&str> = t[0].rows.iter().map(|r| r.label.as_str()).collect();
    assert!(
        labels.iter().any(|l| l.starts_with("Ny sporthall")),
        "{labels:?}"
    );
}

#[test]
fn a_layout_table_going_on_on_the_next_page_without_a_header_keeps_its_columns() {
    // pdftotext set the next page's cells a column's width further left:
    // that part is read with its own positions and joined to the table.
    // Its dash at a column's edge is an empty cell, not a sign.
    let text = "
 Investeringar                        Bokslut      Budget        Plan        Plan
 Belopp tkr                              2022        2023        2024        2025
 Kajrenovering                            848       3 887       1 636       3 340
 Lekplatser                                 –       4 890       1 793           –
 Broar                                  1 325       3 742       3 758       4 705



                                       Sida 1 av 2
\x0c
 Reinvestering gator            –      4 441       4 778       2 914
 Energieffektivisering      2 308      4 287       1 888         928
 Upprustning stadsparken    3 274      1 448         649       1 112
 Summa                      7 755     22 785      14 814      10 089
";
    let t = tables(text);
    assert_eq!(t.len(), 1, "one table");
    let cells = |i: usize| cells_of(&t[0].rows[i]);
    let labels: Vec<&str> = t[0].rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels.len(), 7, "{labels:?}");
    assert_eq!(cells(3), ["·", "4 441", "4 778", "2 914"]);
    assert_eq!(cells(4), ["2 308", "4 287", "1 888", "928"]);
    assert_eq!(cells(6), ["7 755", "22 785", "14 814", "10 089"]);
}

#[test]
fn a_continued_page_with_indented_rows_a_number_in_a_label_and_a_year_line() {
    // The next page's part: indented change rows end three characters left
    // of the line items' cells, a label ends in "1 %" one space before its
    // amounts start, and a label's last line is a year alone. None of that
    // hides the part's four columns.
    let text = "
 Nettokostnad                 Utfall        Budget         Plan         Plan
 Belopp mnkr                    2023          2024         2025         2026
 Nämnd och förvaltning                      0,7              0,8              0,8              0,8
 Kommunala                                 41,8             46,1             46,1             39,8



                                       Sida 1 av 2
\x0c
    Effektiviseringskrav 1 %                                   −3,7            −3,7            −3,7
    Utökad SFI                                                  3,0             3,0
 Svenska för invandrare                      56,0              64,2            63,0            61,8
 Gymnasiesärskola                            74,1              80,0            80,0            80,0
 Ofördelad kostnadsdämpande åtgärd år                                                       −3,3
 2026
 Yrkesvux                                    64,7              66,2            66,2            66,2
";
    let t = tables(text);
    let row = |label: &str| -> Vec<String> {
        cells_of(
            t[0].rows
                .iter()
                .find(|r| r.label.starts_with(label))
                .unwrap(),
        )
    };
    assert_eq!(row("Effektiviseringskrav"), ["·", "-3,7", "-3,7", "-3,7"]);
    assert_eq!(row("Utökad SFI"), ["·", "3,0", "3,0", "·"]);
    assert_eq!(row("Svenska"), ["56,0", "64,2", "63,0", "61,8"]);
    assert_eq!(row("Ofördelad"), ["·", "·", "·", "-3,3"]);
}

#[test]
fn amounts_set_apart_just_left_of_the_value_area_are_amounts() {
    // LibreOffice left-aligns a cell's amount under its centred header
    // word: in the layout export the first column's amounts start a few
    // characters left of "Bokslut", a wide gap after their labels.
    let t = tables(
        "
Driftbudget
                                                    Bokslut Budget Budget        Plan
                           (mnkr)
                                                     2018    2019   2020         2021

Skola                                            6 830,7   7 344,2   7 304,6   7 860,9

IT                                               4,0       3,9       3,9       4,0

Summa                                            6 834,7   7 348,1   7 308,5   7 864,9
",
    );
    let cells = |i: usize| cells_of(&t[0].rows[i]);
    assert_eq!(t[0].rows[0].label, "Skola");
    assert_eq!(cells(0), ["6 830,7", "7 344,2", "7 304,6", "7 860,9"]);
    assert_eq!(cells(1), ["4,0", "3,9", "3,9", "4,0"]);
}

#[test]
fn single_spaced_amounts_with_decimals_cut_where_the_decimals_end() {
    // pdftotext squeezed the cells to one space apart, and the runs span
    // fewer columns by position than they hold numbers: in a table whose
    // every amount prints a decimal, each number ends at its decimals, so
    // the cut is certain.
    let t = tables(
        "
Driftbudget per nämnd
                                                                   Bokslut Budget Budget       Plan
                              (mnkr)
                                                                     2018    2019     2020     2021
                                 Gymnasie- och vuxenutbildningsnämnden
Arbetsmarknadsåtgärder                                              1 674,8 8 755,9 8 745,1 8 614,4
IT                                                                      5,4      7,4      7,4      5,4
Färdtjänst                                                            414,8 2 427,4 2 441,4 2 444,6
Summa nämnd                                                         8 843,5 6 712,2 6 725,3 6 433,8
                                         Arbetsmarknadsnämnden
Insatser enligt LSS och SoL för personer med funktionsnedsättning,
                                                                       12,4     15,4     14,8     84,7
inklusive personlig assistans
Parker                                                                517,5    549,9    398,5    331,4
Överförmyndarverksamhet                                            −6 716,8 −6 165,7 −6 314,3 −6 827,7
Summa nämnd                                                        −8 655,7 −6 298,9 −8 489,5 −6 461,2
                                             Kommunstyrelsen
Politisk verksamhet                                                     4,2      4,2      4,2      4,2
Räddningstjänst                                                        −4,8     −4,8     −4,8     −4,8
Summa nämnd                                                            −4,1     −4,1     −4,1     −4,1
                                          Bygg- och miljönämnden
Färdtjänst                                                            −97,4    −99,9    −97,2    −92,4
                                                 Valnämnd
Särskilt boende                                                         4,4     14,5     17,3     11,4
Fritidsgårdar                                                           9,2      9,2      9,2      9,4
Summa nämnd                                                             9,2     19,3     13,1     16,4
                                           Grundskolenämnden
Miljöskydd                                                            −71,6      4,4    −78,6      4,4
                          Summa nämnder                             −248,9   987,1    751,9    421,4
",
    );
    let row = &t[0].rows[1];
    let cells = cells_of(row);
    assert_eq!(cells, ["1 674,8", "8 755,9", "8 745,1", "8 614,4"]);
    assert!(!row.ambiguous, "the cut is certain");
}

#[test]
fn a_squeezed_layout_line_is_cut_into_no_more_numbers_than_columns() {
    // pdftotext set the cells of two rows one space apart: by position
    // "−272 174" spans two columns and would be cut in two. Read as a
    // line, its digit groups make exactly the table's seven amounts (a
    // chosen cut, which the normalizer checks against the row's sums).
    let t = tables(
        "
                                             Driftredovisning
                                       Intäkter        Kostnader
                                                                          Netto     Budget     Avvikelse
                tkr
                                                                          2019       2019        2019
                                   2018     2019      2018       2019

           Socialnämnden              86       224    −981       −944      −264         −248          6

Insatser enligt LSS och SoL för
personer med
                                  2        2         −7        −7        −9        −9          4
funktionsnedsättning, inklusive
personlig assistans

Fritidsgårdar                     88       244       −987      −941      −268      −243        6

   Kultur- och fritidsnämnd       76 815 9 465 −272 174 −252 471 −276 439 −272 224                 −1 459

Kost                              76 334 9 647 −274 629 −254 214 −278 738 −274 743 −1 419

Elevhälsa                         925      262       −698      −681      −143      −823        94
",
    );
    let row = &t[0].rows[3];
    let cells = cells_of(row);
    assert_eq!(
        cells,
        [
            "76 815", "9 465", "-272 174", "-252 471", "-276 439", "-272 224", "-1 459"
        ]
    );
    assert!(row.cut_chosen);
}

#[test]
fn amounts_first_on_their_line_just_left_of_the_value_area_are_amounts() {
    // A label centred on its amounts' line ("Nämnden för" / … / "2 762 593
    // …" / … / "grannkommunerna"), and amounts starting a few characters
    // left of the first cells' edge: the amounts are the row's, in the
    // first column.
    let t = tables(
        "
                                        Nämndernas driftredovisning
                                 Intäkter            Kostnader
                                                                           Nettokostnad        Budget   Avvikelse
            tkr
                                                                               2024             2024      2024
                           2023           2024         2023         2024

  Kommunstyrelse             7             24          −91          −93           −23           −23           4

Kulturskola            7             24          −91          −93          −23            −23           4

   Nämnden för
  arbetsmarknad,
vuxenutbildning och
                    2 762 593 2 194 514 −6 649 649 −6 873 587               −8 241 427    −8 334 416        537 433
    integration i
  samverkan med
grannkommunerna

Kulturskola            4             2           −5           −5           −7             −7            4

Bibliotek              3             6           −93          −95          −21            −21           4
   Äldrenämnden         891 129       167 599    −7 318 336 −7 184 881      −9 468 735    −9 647 364        −47 813

Kommunövergripande
                   7 934             5 348       −42 746      −48 913      −49 116        −46 368       3 424
verksamhet

Äldreomsorg            897 956       186 537     −7 583 964 −7 389 543 −9 645 459         −9 845 749 −44 134

Kollektivtrafik        243           789         −412         −2 421       −155           −124          −75

       Summa           9 246 454 9 729 649 −29 514 761 −29 541 985 −24 447 769 −24 537 389 714 244
",
    );
    let cells = |i: usize| cells_of(&t[0].rows[i]);
    assert!(t[0].rows[2].label.starts_with("Nämnden för"));
    assert_eq!(cells(2)[..2], ["2 762 593", "2 194 514"]);
    assert_eq!(t[0].rows[6].label, "Kommunövergripande verksamhet");
    assert_eq!(cells(6)[..2], ["7 934", "5 348"]);
}
