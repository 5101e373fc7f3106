#![no_main]
//! See `gen.rs`: the same code replays crash inputs in `cargo test`.

#[path = "cases.rs"]
mod cases;

libfuzzer_sys::fuzz_target!(|data: &[u8]| cases::gen_rules(data));
