//! The word lists discovery reads: `data/discover/words.toml` and
//! `data/discover/given_names.tsv`, embedded in the crate, plus the title
//! words of the people in the gazetteer.

use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;

use crate::fold::fold_str;
use crate::gazetteer::Gazetteer;
use crate::types::Kind;

const WORDS: &str = include_str!("../../data/discover/words.toml");
const GIVEN: &str = include_str!("../../data/discover/given_names.tsv");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    discover: RawWords,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWords {
    honorifics: Vec<String>,
    roles: Vec<String>,
    speech: Vec<String>,
    particles: Vec<String>,
    org_heads: Vec<String>,
    org_heads_of: Vec<String>,
    place_heads: Vec<String>,
    not_names: Vec<String>,
    sport_verbs: Vec<String>,
    sport_at: Vec<String>,
}

type Words = FxHashSet<Box<str>>;

/// Folded word lists, each a set.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    pub(crate) honorifics: Words,
    pub(crate) roles: Words,
    pub(crate) speech: Words,
    pub(crate) particles: Words,
    pub(crate) org_heads: Words,
    pub(crate) org_heads_of: Words,
    pub(crate) place_heads: Words,
    pub(crate) not_names: Words,
    pub(crate) sport_verbs: Words,
    pub(crate) sport_at: Words,
    /// Given names, each with whether it is a common one.
    pub(crate) given: FxHashMap<Box<str>, bool>,
}

fn set(words: &[String]) -> Words {
    words.iter().map(|w| fold_str(w).into_boxed_str()).collect()
}

/// The embedded lists, parsed once. `tests/discover.rs` and the unit test
/// below check that they parse.
static EMBEDDED: LazyLock<Lexicon> = LazyLock::new(|| parse(WORDS, GIVEN).unwrap_or_default());

fn parse(words: &str, given: &str) -> Result<Lexicon, String> {
    let raw: RawFile = toml::from_str(words).map_err(|e| e.to_string())?;
    let w = raw.discover;
    let mut names = FxHashMap::default();
    for line in given.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (name, common) = line.split_once('\t').ok_or_else(|| line.to_string())?;
        names.insert(fold_str(name).into_boxed_str(), common.trim() == "1");
    }
    Ok(Lexicon {
        honorifics: set(&w.honorifics),
        roles: set(&w.roles),
        speech: set(&w.speech),
        particles: set(&w.particles),
        org_heads: set(&w.org_heads),
        org_heads_of: set(&w.org_heads_of),
        place_heads: set(&w.place_heads),
        not_names: set(&w.not_names),
        sport_verbs: set(&w.sport_verbs),
        sport_at: set(&w.sport_at),
        given: names,
    })
}

/// The title words of a gazetteer's people: the head word of each role's
/// title, the last of its leading capitalised words when the title is
/// followed by nothing, "of", "for", "to" or a bracket ("Secretary" of
/// "US Treasury Secretary (1985-1988)", "President" of "President of
/// Mexico"; not "Republican" of "Republican senator for Kansas"). A head
/// word counts when at least two roles have it and it is not an
/// organisation's or a place's head word: one role alone may be worded
/// loosely ("Son of ...").
pub(crate) fn role_heads(g: &Gazetteer, lex: &Lexicon) -> Words {
    let mut counts: FxHashMap<String, u32> = FxHashMap::default();
    for e in g.entities().filter(|e| e.kind() == Kind::Person) {
        for role in e.roles() {
            let mut words = role.split(|c: char| c.is_whitespace() || c == '-');
            let mut head = None;
            let mut rest = None;
            for w in words.by_ref() {
                if w.chars().next().is_some_and(char::is_uppercase) {
                    head = Some(w);
                } else {
                    rest = Some(w);
                    break;
                }
            }
            let ends = rest.is_none_or(|r| matches!(r, "of" | "for" | "to") || r.starts_with('('));
            if let (Some(h), true) = (head, ends) {
                *counts.entry(fold_str(h)).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter(|(h, n)| {
            *n >= 2
                && !h.is_empty()
                && !lex.org_heads.contains(h.as_str())
                && !lex.place_heads.contains(h.as_str())
        })
        .map(|(h, _)| h.into_boxed_str())
        .collect()
}

/// The embedded lists.
pub(crate) fn embedded() -> &'static Lexicon {
    &EMBEDDED
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_lists_parse_and_hold_what_discovery_needs() {
        let lex = parse(WORDS, GIVEN).expect("the embedded lists parse");
        assert!(lex.honorifics.contains("mr"));
        assert!(lex.org_heads.contains("bank"));
        assert_eq!(lex.given.get("michael"), Some(&true));
        assert_eq!(lex.given.get("sydney"), Some(&false));
        assert!(!lex.given.contains_key("may"));
    }

    #[test]
    fn a_given_names_line_without_a_tab_is_an_error() {
        assert!(parse(WORDS, "anna 1\n").is_err());
    }
}
