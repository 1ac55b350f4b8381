//! Fuzz target `docx_document`: see `fuzz/entries.rs`.
#![no_main]

#[allow(dead_code)]
#[path = "../entries.rs"]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::docx_document(data));
