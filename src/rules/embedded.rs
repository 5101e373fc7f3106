//! The default rule sets, compiled into the crate.

/// `(file name, contents)` of every embedded rule file, loaded in order.
pub(crate) const FILES: &[(&str, &str)] = &[
    (
        "<default>/rules/intelligence.toml",
        include_str!("../../data/rules/intelligence.toml"),
    ),
    (
        "<default>/rules/iptc-learned.toml",
        include_str!("../../data/rules/iptc-learned.toml"),
    ),
    (
        "<default>/rules/iptc.toml",
        include_str!("../../data/rules/iptc.toml"),
    ),
];
