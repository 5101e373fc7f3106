//! The default data, compiled into the crate.
//!
//! `include_str!` makes cargo rebuild when a data file changes, so there
//! is no build script. Names carry a `<default>/` prefix so that problems
//! in them (which a test rules out) would still say where they are.

/// `(file name, contents)` of every embedded data file, loaded in order.
pub(crate) const FILES: &[(&str, &str)] = &[
    ("<default>/cues.toml", include_str!("../../data/cues.toml")),
    (
        "<default>/countries.toml",
        include_str!("../../data/countries.toml"),
    ),
    (
        "<default>/places.toml",
        include_str!("../../data/places.toml"),
    ),
    (
        "<default>/places.tsv",
        include_str!("../../data/places.tsv"),
    ),
    (
        "<default>/agencies.toml",
        include_str!("../../data/agencies.toml"),
    ),
    (
        "<default>/people.toml",
        include_str!("../../data/people.toml"),
    ),
    (
        "<default>/leaders.toml",
        include_str!("../../data/leaders.toml"),
    ),
    (
        "<default>/finance.toml",
        include_str!("../../data/finance.toml"),
    ),
    (
        "<default>/organizations.toml",
        include_str!("../../data/organizations.toml"),
    ),
    (
        "<default>/topics.toml",
        include_str!("../../data/topics.toml"),
    ),
];
