//! Text exports in Windows-1252 (old Swedish exports), UTF-8 with a BOM and
//! UTF-16 are decoded, not rejected or mangled: the same document comes out.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::{fixture, run};

fn extract_bytes(bytes: &[u8]) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.txt");
    std::fs::write(&path, bytes).unwrap();
    let out = run(&["extract", path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn windows_1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '–' => 0x96,
            '—' => 0x97,
            '’' => 0x92,
            '”' | '“' => 0x94,
            '•' => 0x95,
            '≥' | '≤' | '−' => b'?',
            c if (c as u32) < 256 => c as u8,
            _ => b'?',
        })
        .collect()
}

#[test]
fn windows_1252_and_utf16_give_the_same_tables() {
    let text = std::fs::read_to_string(fixture("text/an-internbudget-2019.txt")).unwrap();
    let utf8 = extract_bytes(text.as_bytes());
    let latin = extract_bytes(&windows_1252(&text));
    assert_eq!(latin["source"]["encoding"], "windows-1252");
    assert_eq!(latin["tables"], utf8["tables"].clone());
    assert_eq!(latin["document"]["committee"], "Arbetsmarknadsnämnden");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let wide = extract_bytes(&utf16);
    assert_eq!(wide["source"]["encoding"], "UTF-16LE");
    assert_eq!(wide["tables"], utf8["tables"]);
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(text.as_bytes());
    assert_eq!(extract_bytes(&bom)["indicators"], utf8["indicators"]);
}
