//! Fuzz target `html_page`: see `fuzz/entries.rs`.
#![no_main]

#[allow(dead_code)]
#[path = "../entries.rs"]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::html_page(data));
