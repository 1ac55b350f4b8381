//! The committed schema is the one the code generates (a change to the
//! schema is a reviewed diff), it is draft 2020-12 with a versioned `$id`,
//! and `internbudget schema` prints it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::run;

#[test]
fn committed_schema_matches_the_generated_one() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schemas/internbudget-document.v1.schema.json");
    let committed: serde_json::Value =
        serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let generated = internbudget_normalizer::schema_json();
    assert_eq!(
        committed, generated,
        "schemas/internbudget-document.v1.schema.json is stale: run `internbudget schema -o schemas/internbudget-document.v1.schema.json` and review the diff"
    );
    assert_eq!(
        generated["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert!(
        generated["$id"]
            .as_str()
            .unwrap()
            .ends_with(".v1.schema.json")
    );
    let printed: serde_json::Value = serde_json::from_slice(&run(&["schema"]).stdout).unwrap();
    assert_eq!(printed, generated);
}
