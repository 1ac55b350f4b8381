//! Word classes of flowed indicator sections.

use super::pieces::*;

#[test]
fn word_classes() {
    for w in [
        "88", "5,9", "≥34", "≤0,5%", "100%", "I.U.", "IU", "-", "3128", "6,6",
    ] {
        assert!(is_number_word(w) || is_marker(w), "{w}");
    }
    assert!(is_unit_word("%11"));
    assert!(is_unit_word("dagar"));
    assert!(is_group_label("AMC:"));
    assert!(!is_group_label("Avtalstrohet."));
    assert!(is_paren("(UAF)") && is_paren("2018)") && is_paren("(Hela"));
}
