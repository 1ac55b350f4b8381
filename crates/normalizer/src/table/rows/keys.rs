//! Row keys: a row's label in lowercase ASCII snake case ([`slug`]), made
//! unique within its table ([`keys`]).

/// Row keys: the label in lowercase ASCII snake case, "_2", "_3" … for repeats.
pub fn keys(labels: &[&str]) -> Vec<String> {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    labels
        .iter()
        .map(|l| {
            let base = slug(l);
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            if *n == 1 { base } else { format!("{base}_{n}") }
        })
        .collect()
}

/// Lowercase ASCII snake case: "Ekonomiskt bistånd" → "ekonomiskt_bistand".
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        match crate::identity::ascii_fold(c) {
            Some(m) => out.push(m),
            None => {
                if !out.ends_with('_') && !out.is_empty() {
                    out.push('_');
                }
            }
        }
        if out.len() >= 64 {
            break;
        }
    }
    let t = out.trim_end_matches('_').to_string();
    if t.is_empty() { "row".to_string() } else { t }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_repeated_keys() {
        assert_eq!(slug("Ekonomiskt bistånd"), "ekonomiskt_bistand");
        assert_eq!(
            slug("Arbetsmarknads- och integrationsinsatser"),
            "arbetsmarknads_och_integrationsinsatser"
        );
        assert_eq!(
            keys(&["Kostnadsdämpande åtgärder", "Kostnadsdämpande åtgärder"]),
            ["kostnadsdampande_atgarder", "kostnadsdampande_atgarder_2"]
        );
    }
}
