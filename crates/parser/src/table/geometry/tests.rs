//! Geometric reading of positioned (PDF-like) tables.

use crate::model::Table;
use crate::testdoc::{TestPage as Page, pdf};

/// Each amount table's rows: label and printed cells (`·` for empty).
fn rows(pages: &[Page<'_>]) -> Vec<Vec<(String, Vec<String>)>> {
    let parsed = crate::parse_document(&pdf(pages)).unwrap();
    parsed.tables.iter().map(table_rows).collect()
}

fn table_rows(t: &Table) -> Vec<(String, Vec<String>)> {
    t.rows
        .iter()
        .map(|r| {
            let cells = r
                .values
                .cells()
                .iter()
                .map(|c| c.as_ref().map_or("·".to_string(), |c| c.text.clone()))
                .collect();
            (r.label.clone(), cells)
        })
        .collect()
}

fn row(label: &str, cells: &[&str]) -> (String, Vec<String>) {
    (
        label.to_string(),
        cells.iter().map(|c| c.to_string()).collect(),
    )
}

#[test]
fn a_left_aligned_amount_under_its_header_cell_is_the_columns() {
    // LibreOffice prints a cell's text from its left padding: the
    // amount starts a little left of the header word above it.
    let got = rows(&[&[
        (80.0, &[(58.0, "Driftbudget"), (120.0, "(tkr)")]),
        (
            100.0,
            &[
                (263.0, "Ram"),
                (283.0, "2024"),
                (330.0, "2025"),
                (375.0, "2026"),
            ],
        ),
        (
            116.0,
            &[(58.0, "Ram"), (78.0, "2024"), (261.5, "12"), (274.0, "847")],
        ),
        (132.0, &[(58.0, "Pris"), (329.0, "452"), (374.0, "480")]),
        (
            148.0,
            &[
                (58.0, "Summa"),
                (261.5, "13"),
                (274.0, "299"),
                (329.0, "480"),
            ],
        ),
    ]]);
    assert_eq!(
        got[0],
        [
            row("Ram 2024", &["12 847", "·", "·"]),
            row("Pris", &["·", "452", "480"]),
            row("Summa", &["13 299", "480", "·"]),
        ]
    );
}

#[test]
fn a_table_keeps_its_columns_above_a_table_set_further_left() {
    // Two tables one after the other, the second set further left:
    // its amounts must not move the first one's anchors (the printed
    // r2 pages in tests/real_shapes.rs are the end-to-end case).
    let first: [(f32, &[(f32, &str)]); 5] = [
        (80.0, &[(38.0, "Nämnd"), (100.0, "A"), (120.0, "(tkr)")]),
        (
            100.0,
            &[
                (250.0, "Ram"),
                (270.0, "2024"),
                (316.0, "2025"),
                (361.0, "2026"),
            ],
        ),
        (
            116.0,
            &[(38.0, "Ram"), (58.0, "2024"), (268.0, "12"), (280.5, "847")],
        ),
        (132.0, &[(38.0, "Pris"), (328.0, "452"), (373.0, "480")]),
        (
            148.0,
            &[
                (38.0, "Ram"),
                (58.0, "2025"),
                (313.0, "14"),
                (326.0, "396"),
                (358.0, "14"),
                (371.0, "978"),
            ],
        ),
    ];
    // The same table again below, its columns 35 units further left.
    let second: Vec<(f32, Vec<(f32, &str)>)> = first
        .iter()
        .map(|(y, ws)| {
            let moved = ws
                .iter()
                .map(|&(x, t)| (if x < 100.0 { x } else { x - 35.0 }, t));
            (y + 110.0, moved.collect())
        })
        .collect();
    let page: Vec<(f32, &[(f32, &str)])> = first
        .iter()
        .copied()
        .chain(second.iter().map(|(y, ws)| (*y, ws.as_slice())))
        .collect();
    let got = rows(&[&page]);
    assert_eq!(
        got[0],
        [
            row("Ram 2024", &["12 847", "·", "·"]),
            row("Pris", &["·", "452", "480"]),
            row("Ram 2025", &["·", "14 396", "14 978"]),
        ]
    );
}

#[test]
fn evenly_spaced_rows_stay_apart_whatever_follows_the_table() {
    // Rows 16 apart; the lines after the table (a heading, a caption)
    // are further apart, which must not make the rows look padded.
    let got = rows(&[&[
        (80.0, &[(38.0, "Driftbudget"), (100.0, "(tkr)")]),
        (
            100.0,
            &[
                (250.0, "Ram"),
                (270.0, "2024"),
                (316.0, "2025"),
                (361.0, "2026"),
            ],
        ),
        (
            116.0,
            &[(38.0, "Ram"), (58.0, "2024"), (268.0, "12"), (280.5, "847")],
        ),
        (132.0, &[(38.0, "Pris"), (328.0, "452"), (373.0, "480")]),
        (148.0, &[(38.0, "Demografi"), (334.0, "89"), (373.0, "102")]),
        (
            164.0,
            &[
                (38.0, "Summa"),
                (268.0, "12"),
                (280.5, "847"),
                (328.0, "541"),
                (373.0, "582"),
            ],
        ),
        (200.0, &[(38.0, "Kommunrevision")]),
        (
            226.0,
            &[
                (38.0, "Text"),
                (70.0, "om"),
                (84.0, "något"),
                (120.0, "annat"),
            ],
        ),
        (252.0, &[(38.0, "Mer"), (70.0, "text")]),
    ]]);
    assert_eq!(
        got[0],
        [
            row("Ram 2024", &["12 847", "·", "·"]),
            row("Pris", &["·", "452", "480"]),
            row("Demografi", &["·", "89", "102"]),
            row("Summa", &["12 847", "541", "582"]),
        ]
    );
}

#[test]
fn left_aligned_amounts_under_centred_headers_go_by_their_left_edges() {
    // Headers centred over their cells, amounts printed from the cells'
    // left padding: a wide amount reaches under the next header.
    let line = |y: f32, label: &'static str, cells: [&'static [(f32, &'static str)]; 3]| {
        let mut ws: Vec<(f32, &str)> = vec![(58.0, label)];
        for c in cells {
            ws.extend_from_slice(c);
        }
        (y, ws)
    };
    let body = [
        line(
            130.0,
            "Intäkter",
            [
                &[(140.0, "97"), (153.0, "016")],
                &[(210.0, "105"), (227.5, "288")],
                &[(280.0, "108"), (297.5, "447")],
            ],
        ),
        line(
            150.0,
            "Kostnader",
            [
                &[(140.0, "−462"), (163.0, "724")],
                &[(210.0, "−509"), (233.0, "196")],
                &[(280.0, "−528"), (303.0, "416")],
            ],
        ),
        line(
            170.0,
            "Bidrag",
            [
                &[(140.0, "365"), (157.5, "708")],
                &[(210.0, "403"), (227.5, "908")],
                &[(280.0, "419"), (297.5, "969")],
            ],
        ),
        line(
            190.0,
            "Resultat",
            [&[(140.0, "0")], &[(210.0, "0")], &[(280.0, "0")]],
        ),
    ];
    let mut page: Vec<(f32, Vec<(f32, &str)>)> = vec![
        (80.0, vec![(58.0, "Ramar"), (100.0, "(tkr)")]),
        (
            100.0,
            vec![
                (150.0, "Budget"),
                (183.0, "2024"),
                (218.0, "Budget"),
                (251.0, "2025"),
                (290.0, "Plan"),
                (313.0, "2026"),
            ],
        ),
    ];
    page.extend(body);
    let lines: Vec<(f32, &[(f32, &str)])> =
        page.iter().map(|(y, ws)| (*y, ws.as_slice())).collect();
    let got = rows(&[&lines]);
    assert_eq!(
        got[0],
        [
            row("Intäkter", &["97 016", "105 288", "108 447"]),
            row("Kostnader", &["-462 724", "-509 196", "-528 416"]),
            row("Bidrag", &["365 708", "403 908", "419 969"]),
            row("Resultat", &["0", "0", "0"]),
        ]
    );
}

#[test]
fn a_percent_change_between_years_is_a_column_of_its_own() {
    let got = crate::parse_document(&pdf(&[&[
        (80.0, &[(58.0, "Ramar"), (100.0, "(tkr)")]),
        (
            100.0,
            &[
                (150.0, "Budget"),
                (183.0, "2024"),
                (218.0, "Budget"),
                (251.0, "2025"),
                (278.0, "Förändring"),
                (331.0, "%"),
                (340.0, "Plan"),
                (363.0, "2026"),
            ],
        ),
        (
            120.0,
            &[
                (58.0, "Intäkter"),
                (178.0, "97"),
                (191.0, "016"),
                (246.0, "105"),
                (263.5, "288"),
                (318.0, "8,5"),
                (335.5, "%"),
                (368.0, "108"),
                (385.5, "447"),
            ],
        ),
        (
            140.0,
            &[
                (58.0, "Kostnader"),
                (172.0, "462"),
                (189.5, "724"),
                (240.0, "509"),
                (257.5, "196"),
                (313.0, "10,3"),
                (335.5, "%"),
                (362.0, "528"),
                (379.5, "416"),
            ],
        ),
    ]]))
    .unwrap();
    let t = &got.tables[0];
    let labels: Vec<&str> = t.columns.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(
        labels,
        ["Budget 2024", "Budget 2025", "Förändring %", "Plan 2026"]
    );
    assert_eq!(
        table_rows(t)[0],
        row("Intäkter", &["97 016", "105 288", "8,5 %", "108 447"])
    );
}

#[test]
fn a_centred_heading_above_the_first_row_heads_it_above_a_page_footer() {
    // Rows 16 apart; the note and the page footer below the table (with
    // digits of its own) are further apart: the rows are not padded, so
    // the centred heading is a row of its own, not the first label's start.
    let got = rows(&[&[
        (80.0, &[(38.0, "Driftbudget"), (100.0, "(mnkr)")]),
        (100.0, &[(300.0, "2023"), (347.0, "2024"), (393.0, "2025")]),
        (116.0, &[(232.0, "Kommunstyrelse")]),
        (
            132.0,
            &[
                (38.0, "Övergripande"),
                (311.0, "61,2"),
                (357.0, "64,0"),
                (402.0, "70,1"),
            ],
        ),
        (
            148.0,
            &[
                (38.0, "Politik"),
                (316.0, "9,5"),
                (362.0, "9,8"),
                (402.0, "10,2"),
            ],
        ),
        (
            164.0,
            &[
                (38.0, "Summa"),
                (311.0, "70,7"),
                (357.0, "73,8"),
                (402.0, "80,3"),
            ],
        ),
        (
            191.0,
            &[(38.0, "Beloppen"), (85.0, "är"), (100.0, "nettokostnader.")],
        ),
        (
            216.0,
            &[
                (38.0, "Tomelilla"),
                (90.0, "kommun,"),
                (135.0, "273"),
                (155.0, "80"),
            ],
        ),
    ]]);
    assert_eq!(
        got[0],
        [
            row("Kommunstyrelse", &["·", "·", "·"]),
            row("Övergripande", &["61,2", "64,0", "70,1"]),
            row("Politik", &["9,5", "9,8", "10,2"]),
            row("Summa", &["70,7", "73,8", "80,3"]),
        ]
    );
}

#[test]
fn centred_amounts_of_a_heading_row_stay_in_their_left_aligned_cells() {
    // Line items from the cells' left padding; the group row's amounts
    // centred in the same cells start further in.
    let got = rows(&[&[
        (80.0, &[(58.0, "Drift"), (100.0, "(mnkr)")]),
        (100.0, &[(180.0, "2023"), (240.0, "2024"), (300.0, "2025")]),
        (
            120.0,
            &[
                (58.0, "Nämnd"),
                (188.0, "71,1"),
                (248.0, "69,5"),
                (303.0, "−302,3"),
            ],
        ),
        (
            140.0,
            &[
                (58.0, "Politik"),
                (178.0, "0,9"),
                (238.0, "0,0"),
                (298.0, "−13,4"),
            ],
        ),
        (
            160.0,
            &[
                (58.0, "Ledning"),
                (178.0, "16,2"),
                (238.0, "12,5"),
                (298.0, "−76,5"),
            ],
        ),
        (
            180.0,
            &[
                (58.0, "Service"),
                (178.0, "54,0"),
                (238.0, "57,0"),
                (298.0, "−212,4"),
            ],
        ),
        (
            200.0,
            &[
                (58.0, "Skola"),
                (188.0, "119,4"),
                (248.0, "120,7"),
                (303.0, "−896,6"),
            ],
        ),
        (
            220.0,
            &[
                (58.0, "Förskola"),
                (178.0, "32,6"),
                (238.0, "36,3"),
                (298.0, "−228,2"),
            ],
        ),
        (
            240.0,
            &[
                (58.0, "Grundskola"),
                (178.0, "86,8"),
                (238.0, "84,4"),
                (298.0, "−668,4"),
            ],
        ),
    ]]);
    assert_eq!(got[0][0], row("Nämnd", &["71,1", "69,5", "-302,3"]));
    assert_eq!(got[0][4], row("Skola", &["119,4", "120,7", "-896,6"]));
    assert_eq!(got[0][1], row("Politik", &["0,9", "0,0", "-13,4"]));
}

#[test]
fn a_thousands_group_is_not_cut_off_an_amount_with_decimals() {
    // pdftotext squeezes two wide amounts to one space apart: in a table
    // whose amounts all print a decimal, "−1 867,1 −1 915,9" is two numbers,
    // not "−1" | "867,1" | "−1" | "915,9".
    let text = "
                           Intäkter        Kostnader          Nettokostnad
         mnkr
                         2023 2024       2023       2024          2024
Skola                    71,1 69,5      −302,3     −317,1        −247,6
Vård                       0,9    0,0     −13,4      −11,9         −11,9
Fritid                   16,2 12,5       −76,5      −84,4         −71,9
Service                  42,4 48,0      −155,0     −165,3        −117,3
Totalt                  331,3 352,7 −1 867,1 −1 915,9          −1 563,2
";
    let doc = internbudget_layout::text::read_text(text.as_bytes()).unwrap();
    let parsed = crate::parse_document(&doc).unwrap();
    assert_eq!(
        table_rows(&parsed.tables[0])[4],
        row(
            "Totalt",
            &["331,3", "352,7", "-1 867,1", "-1 915,9", "-1 563,2"]
        )
    );
}

fn text_rows(text: &str) -> Vec<Vec<(String, Vec<String>)>> {
    let doc = internbudget_layout::text::read_text(text.as_bytes()).unwrap();
    let parsed = crate::parse_document(&doc).unwrap();
    parsed.tables.iter().map(table_rows).collect()
}

#[test]
fn a_full_row_of_layout_text_moved_under_its_neighbour_is_read_in_order() {
    // pdftotext set the short left-aligned deviations of some rows a column
    // to the left, under the budget column: every column has one amount, so
    // the row is read in printed order instead of losing one.
    let got = text_rows(
        "
                     Netto          Budget        Avvikelse
          mnkr        2024            2024             2024
Skola               −247,6          −236,6            −11,0
Vård             −11,9          −12,4      0,5
Fritid              −71,9           −71,2             −0,7
Service             −117,3         −106,1            −11,2
",
    );
    assert_eq!(got[0][1], row("Vård", &["-11,9", "-12,4", "0,5"]));
}

#[test]
fn a_short_row_under_a_squeezed_header_stands_at_its_columns() {
    // The header is squeezed to single spaces (no positions); the full rows
    // show the columns' edges, and the result row without its percent cell
    // is placed by them.
    let got = text_rows(
        "
                 Nämnd (tkr)
      Budget 2024 Budget 2025 Förändring % Plan 2026 Plan 2027
Intäkter       97 016        105 288     8,5 %       108 447   110 616
Kostnader     −462 724      −509 196    10,0 %      −528 416  −545 338
Bidrag         365 708       403 908    10,4 %       419 969   434 722
Resultat             0             0                       0         0
",
    );
    assert_eq!(got[0][3], row("Resultat", &["0", "0", "·", "0", "0"]));
}

#[test]
fn amounts_spread_wider_than_a_squeezed_header_are_columns_in_order() {
    // pdftotext set the short header words closer together than the wide
    // amounts below them: the header's positions name no amount's column,
    // the amounts' own right edges do (one cluster per column).
    let got = text_rows(
        "
                                              Ram 2024
                                                            2025    2026    2027
Ram 2024                                        389 169
Pris- och löneökning                                        4 818         8 127      8 161
Effektivisering                                            −2 674        −3 537     −3 504
",
    );
    assert_eq!(got[0][0], row("Ram 2024", &["389 169", "·", "·", "·"]));
    assert_eq!(
        got[0][1],
        row("Pris- och löneökning", &["·", "4 818", "8 127", "8 161"])
    );
}

#[test]
fn a_run_starting_right_after_a_columns_edge_is_not_in_that_column() {
    // "−1 000" starts a character right of where the 2026 amounts end: it
    // is one amount of 2027, not "−1" in 2026 and "000" in 2027.
    let got = text_rows(
        "
                                               Ram 2024
                                                            2025    2026    2027
Samverkan                                                    1 500   −500 −1 000
Summa                                                        −356    2 090   3 657
Ram 2025                                                  388 813 390 903 394 560
",
    );
    assert_eq!(
        got[0][0],
        row("Samverkan", &["·", "1 500", "-500", "-1 000"])
    );
}

#[test]
fn a_dash_at_a_columns_edge_is_an_empty_cell_under_a_squeezed_header() {
    // Read in printed order (the header gives no positions), the full rows
    // show where the columns end: the dash stands at the first column's
    // edge, so it is that empty cell, not the sign of the amount after it.
    let got = text_rows(
        "
                 Nämnd (tkr)
      Budget 2024 Budget 2025 Plan 2026
Intäkter           97 016        105 288       108 447
Kostnader         462 724        509 196       528 416
Bidrag            365 708        403 908       419 969
Ny central              –          1 098         4 851
",
    );
    assert_eq!(got[0][3], row("Ny central", &["·", "1 098", "4 851"]));
}

#[test]
fn notes_under_a_not_column_are_no_label_words() {
    // "Mnkr  Not  Bokslut  Budget" ⏎ years: the unit in the stub does not
    // make the kinds line a caption, and the note numbers under "Not" —
    // after a label, or alone between the lines of a wrapped label — are
    // the rows' notes.
    let parsed = crate::parse_document(&pdf(&[&[
        (
            100.0,
            &[
                (58.0, "Mnkr"),
                (200.0, "Not"),
                (250.0, "Bokslut"),
                (320.0, "Budget"),
                (390.0, "Plan"),
            ],
        ),
        (114.0, &[(255.0, "2023"), (325.0, "2024"), (392.0, "2025")]),
        (
            130.0,
            &[
                (58.0, "Skatteintäkter"),
                (202.0, "4"),
                (262.0, "512,4"),
                (332.0, "538,9"),
                (402.0, "561,1"),
            ],
        ),
        (144.0, &[(58.0, "Generella"), (108.0, "statsbidrag")]),
        (
            152.0,
            &[
                (202.0, "5"),
                (262.0, "165,2"),
                (332.0, "160,7"),
                (402.0, "164,4"),
            ],
        ),
        (160.0, &[(58.0, "utjämning")]),
        (
            176.0,
            &[
                (58.0, "Summa"),
                (262.0, "677,6"),
                (332.0, "699,6"),
                (402.0, "725,5"),
            ],
        ),
    ]]))
    .unwrap();
    let t = &parsed.tables[0];
    let labels: Vec<(&str, Option<&str>)> = t
        .rows
        .iter()
        .map(|r| (r.label.as_str(), r.note.as_ref().map(|n| n.text.as_str())))
        .collect();
    assert_eq!(
        labels,
        [
            ("Skatteintäkter", Some("4")),
            ("Generella statsbidrag utjämning", Some("5")),
            ("Summa", None)
        ]
    );
    assert_eq!(t.columns[0].label, "Bokslut 2023");
}

#[test]
fn a_squeezed_run_of_every_cell_fills_the_columns_from_its_first() {
    // pdftotext set five wide cells one space apart from the first
    // column's edge on: they go to the five columns in order, however far
    // their squeezed positions stand from the columns' edges.
    let got = text_rows(
        "
                                       Bokslut       Budget       Budget         Plan         Plan
                                          2023         2024         2025         2026         2027
Intäkter                                 187,4        190,2        195,5        199,8        204,1
Kostnader                                −812,1 −837,7 −864,0 −890,2 −916,8
Avskrivningar                            −31,2        −33,5        −35,8        −37,1        −38,9
",
    );
    assert_eq!(
        got[0][1],
        row(
            "Kostnader",
            &["-812,1", "-837,7", "-864,0", "-890,2", "-916,8"]
        )
    );
}

#[test]
fn left_edges_place_amounts_where_half_the_rows_are_right_aligned() {
    // Line items printed from their cells' left edges, committee rows
    // (nearly as many) right-aligned: the left edges are still every
    // column's, and a one-digit amount starts at its cell's edge.
    let left = |y: f32, label: &'static str, a: &'static str, b: &'static str, c: &'static str| {
        (y, vec![(58.0, label), (140.0, a), (210.0, b), (280.0, c)])
    };
    // Right-aligned: each amount ends at its cell's right edge (195, 265,
    // 335); a character is 5 wide.
    let right = |y: f32, label: &'static str, a: &'static str, b: &'static str, c: &'static str| {
        let at = |end: f32, t: &str| end - t.chars().count() as f32 * 5.0;
        (
            y,
            vec![
                (58.0, label),
                (at(195.0, a), a),
                (at(265.0, b), b),
                (at(335.0, c), c),
            ],
        )
    };
    let page: Vec<(f32, Vec<(f32, &str)>)> = vec![
        (80.0, vec![(58.0, "Drift"), (100.0, "(tkr)")]),
        (
            100.0,
            vec![
                (150.0, "Budget"),
                (183.0, "2024"),
                (218.0, "Budget"),
                (251.0, "2025"),
                (290.0, "Plan"),
                (313.0, "2026"),
            ],
        ),
        right(120.0, "Nämnd", "98765", "4321", "555"),
        left(135.0, "Skola", "1200", "1300", "1400"),
        left(150.0, "Vård", "2200", "2300", "2400"),
        right(165.0, "Styrelse", "321", "87654", "9999"),
        left(180.0, "Kultur", "3200", "3300", "3400"),
        right(195.0, "Revision", "4444", "22", "777777"),
        left(210.0, "Övrigt", "1200", "1", "0"),
    ];
    let lines: Vec<(f32, &[(f32, &str)])> =
        page.iter().map(|(y, ws)| (*y, ws.as_slice())).collect();
    let got = rows(&[&lines]);
    assert_eq!(
        got[0].last(),
        Some(&row("Övrigt", &["1200", "1", "0"])),
        "{got:?}"
    );
}
