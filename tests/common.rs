//! What several test modules build the same way.

use gazetag::{Gazetteer, RuleSet, Tagger};

/// The Central Intelligence Agency, named in full or by its exact acronym
/// "CIA": one entity that every test text can mention.
pub const CIA: &str = r#"
[[entity]]
id = "agency/cia"
kind = "agency"
name = "Central Intelligence Agency"
exact = ["CIA"]
"#;

/// A tagger over the gazetteer in `data` (called `file` in its problems),
/// with no category rules: for tests of tagging alone.
pub fn tagger_without_rules(file: &str, data: &str) -> Tagger {
    let g = Gazetteer::builder().add_str(file, data).build();
    Tagger::new(g.expect("the test data is valid")).with_rules(RuleSet::empty())
}
