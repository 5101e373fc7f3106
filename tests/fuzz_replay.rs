//! Replays the fuzzers' finds in `cargo test`: every file in
//! `tests/data/fuzz/` goes through the code of the fuzz target its name
//! starts with (`tag-…`, `load_toml-…`, `load_tsv-…`, `load_rules-…`),
//! which is `fuzz/fuzz_targets/cases.rs`, included here as it is. A short
//! proptest run through the same functions keeps the harness itself
//! working on the stable toolchain, where `cargo fuzz` does not run.

use std::path::Path;

use proptest::prelude::*;

#[path = "../fuzz/fuzz_targets/cases.rs"]
mod cases;

/// The target a committed input belongs to, from its file name.
fn target(name: &str) -> fn(&[u8]) {
    let prefix = name.split('-').next().unwrap_or_default();
    match prefix {
        "tag" => cases::tag,
        "load_toml" => cases::load_toml,
        "load_tsv" => cases::load_tsv,
        "load_rules" => cases::load_rules,
        "gen_text" => cases::gen_text,
        "gen_data" => cases::gen_data,
        "gen_rules" => cases::gen_rules,
        _ => panic!(
            "{name}: name a fuzz target first (tag-, load_toml-, load_tsv-, load_rules-, \
             gen_text-, gen_data-, gen_rules-)"
        ),
    }
}

#[test]
fn every_committed_fuzz_input_replays_without_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_none_or(|x| x != "md"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fuzz inputs in {}", dir.display());
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let data = std::fs::read(&file).unwrap();
        target(&name)(&data);
    }
}

/// Fields of a `tag` input: title, body, dateline, then specs whose first
/// byte says what they add (see `cases.rs`).
fn tag_input(parts: &[&[u8]]) -> Vec<u8> {
    parts.join(&0u8)
}

#[test]
fn the_tag_harness_builds_and_tags() {
    let input = tag_input(&[
        b"A.B and the CIA",
        b"The Central Intelligence Agency (CIA) and Mexico City",
        b"",
        b"\x04Mexico",
        b"\x0aMexico City",
        b"\x05Central Intelligence Agency",
        b"\x07CIA",
        b"\x00A.",
        b"\x00.B",
        b"\x10\\bcia\\b",
        b"\x0dmexico",
    ]);
    cases::tag(&input);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn tag_harness_on_arbitrary_bytes(data in prop::collection::vec(any::<u8>(), 0..300)) {
        cases::tag(&data);
    }

    #[test]
    fn generators_on_arbitrary_bytes(data in prop::collection::vec(any::<u8>(), 0..600)) {
        cases::gen_text(&data);
        cases::gen_data(&data);
        cases::gen_rules(&data);
    }

    #[test]
    fn loaders_on_arbitrary_bytes(data in prop::collection::vec(any::<u8>(), 0..300)) {
        cases::load_toml(&data);
        cases::load_tsv(&data);
        cases::load_rules(&data);
    }
}
