//! Column headers of tab grids and of positioned sources.

mod tab_tests {
    use crate::stream::content_lines;
    use internbudget_layout::text::read_text;

    /// The column labels of the first header of a tab export.
    fn labels(text: &str) -> Vec<String> {
        let doc = read_text(text.as_bytes()).unwrap();
        let lines = content_lines(&doc);
        let h = (0..lines.len()).find_map(|i| crate::header::header_at(&lines, i));
        h.map(|h| h.columns.iter().map(|c| c.header.label.clone()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn a_merged_cell_over_two_years_names_both() {
        let got = labels(
            "mnkr\tIntäkter\t\tKostnader\t\tBudget 2024\n\t2023\t2024\t2023\t2024\nA\t1,0\t2,0\t-3,0\t-4,0\t5,0\n",
        );
        assert_eq!(
            got,
            [
                "Intäkter 2023",
                "Intäkter 2024",
                "Kostnader 2023",
                "Kostnader 2024",
                "Budget 2024"
            ]
        );
    }

    #[test]
    fn a_header_cell_without_a_year_is_a_column() {
        let got =
            labels("\tBudget 2024\tBudget 2025\tFörändring %\tPlan 2026\nA\t1\t2\t3,0 %\t4\n");
        assert_eq!(
            got,
            ["Budget 2024", "Budget 2025", "Förändring %", "Plan 2026"]
        );
    }

    #[test]
    fn a_range_of_years_captions_the_years_under_it() {
        let got =
            labels("\tRam 2024\tFörändringar 2025–2027\n\t\t2025\t2026\t2027\nA\t1\t2\t3\t4\n");
        assert_eq!(got, ["Ram 2024", "2025", "2026", "2027"]);
    }
}

mod geometric_tests {
    use crate::testdoc::pdf;
    use internbudget_layout::Document;
    use internbudget_layout::text::read_text;

    /// The column labels of the first amount table of a document.
    fn labels(doc: &Document) -> Vec<String> {
        let parsed = crate::parse_document(doc).unwrap();
        parsed.tables[0]
            .columns
            .iter()
            .map(|c| c.label.clone())
            .collect()
    }

    #[test]
    fn a_caption_over_a_range_of_years_names_none_of_them() {
        let doc = pdf(&[&[
            (100.0, &[(320.0, "Förändringar"), (384.0, "2025–2027")]),
            (112.0, &[(260.0, "Ram"), (280.0, "2024")]),
            (124.0, &[(330.0, "2025"), (375.0, "2026"), (420.0, "2027")]),
            (
                140.0,
                &[
                    (58.0, "Pris"),
                    (332.0, "452"),
                    (377.0, "480"),
                    (422.0, "466"),
                ],
            ),
        ]]);
        assert_eq!(labels(&doc), ["Ram 2024", "2025", "2026", "2027"]);
    }

    #[test]
    fn a_caption_beside_a_kind_word_names_none_of_the_years() {
        // "Ram" and the caption share a line (the frame cell's first line):
        // the caption is no merged kind cell spread over the years.
        let doc = pdf(&[&[
            (
                100.0,
                &[
                    (262.0, "Ram"),
                    (320.0, "Förändringar"),
                    (384.0, "2025–2027"),
                ],
            ),
            (
                112.0,
                &[
                    (260.0, "2024"),
                    (330.0, "2025"),
                    (375.0, "2026"),
                    (420.0, "2027"),
                ],
            ),
            (
                128.0,
                &[
                    (58.0, "Pris"),
                    (262.0, "900"),
                    (332.0, "452"),
                    (377.0, "480"),
                    (422.0, "466"),
                ],
            ),
        ]]);
        assert_eq!(labels(&doc), ["Ram 2024", "2025", "2026", "2027"]);
    }

    #[test]
    fn a_caption_over_a_range_of_years_in_layout_text_names_none_of_them() {
        let text = "
                          Förändringar 2025–2027
               Ram 2024
                         2025      2026      2027
Pris                      452       480       466
";
        let doc = read_text(text.as_bytes()).unwrap();
        assert_eq!(labels(&doc), ["Ram 2024", "2025", "2026", "2027"]);
    }

    #[test]
    fn a_stub_cell_centred_between_header_lines_is_part_of_the_header() {
        // Chromium centres the stub cell "Projekt" vertically: a line of
        // its own between the kinds and the years.
        let text = "
Investeringar
                    Investeringsbudget, tkr
                                      Budget   Plan
            Projekt
                                       2021    2022
Solceller                                 3      44
Lekplatser                              120     300
";
        let doc = read_text(text.as_bytes()).unwrap();
        assert_eq!(labels(&doc), ["Budget 2021", "Plan 2022"]);
    }

    #[test]
    fn a_caption_broken_inside_its_range_names_none_of_the_years() {
        // "Förändringar 2022–" wraps; "2024" ends the range on the line
        // below (beside "Ram", whose cell wraps too): it names no column.
        let doc = pdf(&[&[
            (100.0, &[(452.0, "Förändringar"), (515.0, "2022–")]),
            (114.0, &[(403.0, "Ram"), (492.0, "2024")]),
            (
                128.0,
                &[
                    (403.0, "2021"),
                    (449.0, "2022"),
                    (489.0, "2023"),
                    (532.0, "2024"),
                ],
            ),
            (
                144.0,
                &[
                    (58.0, "Pris"),
                    (405.0, "100"),
                    (451.0, "1"),
                    (491.0, "2"),
                    (534.0, "3"),
                ],
            ),
        ]]);
        assert_eq!(labels(&doc), ["Ram 2021", "2022", "2023", "2024"]);
    }

    #[test]
    fn kind_words_squeezed_over_the_years_name_them_in_order() {
        // pdftotext squeezes centred header words: "Plan" sits as near
        // 2025 as 2026.
        let text = "
                      Bokslut Budget Budget Plan     Plan
Belopp (mnkr)           2023    2024    2025    2026    2027
Skola                   61,2    64,0    70,1    72,5    74,8
";
        let doc = read_text(text.as_bytes()).unwrap();
        assert_eq!(
            labels(&doc),
            [
                "Bokslut 2023",
                "Budget 2024",
                "Budget 2025",
                "Plan 2026",
                "Plan 2027"
            ]
        );
    }

    #[test]
    fn words_before_the_kinds_named_in_order_are_the_stub() {
        // "Not" squeezed right before "Bokslut", nearer the first year than
        // the stub: still the stub's (a note column), not the column's.
        let text = "
        Mnkr            Not Bokslut Budget Budget Plan Plan

                             2023       2024      2025      2026 2027

Anläggningstillgångar  8     612,4   640,2        671,7     695,8 716,3
";
        let doc = read_text(text.as_bytes()).unwrap();
        let parsed = crate::parse_document(&doc).unwrap();
        let t = &parsed.tables[0];
        let labels: Vec<&str> = t.columns.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels.first(), Some(&"Bokslut 2023"));
        assert_eq!(t.rows[0].note.as_ref().map(|c| c.text.as_str()), Some("8"));
    }

    #[test]
    fn years_squeezed_in_pairs_on_two_lines_are_read_by_position() {
        // pdftotext squeezes the two years under each measure; the last
        // column's year stands on a line of its own.
        let text = "
                  Intäkter     Kostnader         Budget
         mnkr                                      2024
                 2023 2024   2023      2024
Skola            71,1 69,5  −302,3    −317,1     −236,6
Vård             16,2 12,5   −76,5     −84,4      −71,2
";
        let doc = read_text(text.as_bytes()).unwrap();
        assert_eq!(
            labels(&doc),
            [
                "Intäkter 2023",
                "Intäkter 2024",
                "Kostnader 2023",
                "Kostnader 2024",
                "Budget 2024"
            ]
        );
    }

    #[test]
    fn a_kind_word_right_before_the_first_year_of_a_squeezed_header_is_its() {
        // pdftotext squeezes the header: "Ram" stands as far left of the
        // first column as stub words do, but right before its year.
        let text = "
                           Förändringar 2025–2027
              Ram 2024
                     2025  2026  2027
Ram 2024      12 847
Pris                 452   480   466
Summa                452   480   466
";
        let doc = read_text(text.as_bytes()).unwrap();
        assert_eq!(labels(&doc), ["Ram 2024", "2025", "2026", "2027"]);
    }
}
