//! The word lists discovery reads: `data/discover/words.toml` and
//! `data/discover/given_names.tsv`, embedded in the crate, plus the title
//! words of the people in the gazetteer and its place cues. Every list is
//! a bit of one table, so that one lookup tells all a word is.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;
use serde::Deserialize;

use crate::fold::fold_str;
use crate::gazetteer::Gazetteer;
use crate::types::{Evidence, Kind};
use crate::words::{NONE, Vocab};

const WORDS: &str = include_str!("../../data/discover/words.toml");
const GIVEN: &str = include_str!("../../data/discover/given_names.tsv");

/// What a folded word is to discovery: a set of the bits below.
pub(crate) type Class = u32;

/// A word of address or rank ("mr", "colonel").
pub(crate) const HONORIFIC: Class = 1;
/// A role or office ("minister", "striker").
pub(crate) const ROLE: Class = 1 << 1;
/// The head word of the titles of the gazetteer's people.
pub(crate) const TITLE: Class = 1 << 2;
/// A verb of speech ("said").
pub(crate) const SPEECH: Class = 1 << 3;
/// A lower-case word inside a person's name ("van", "bin").
pub(crate) const PARTICLE: Class = 1 << 4;
/// The last word of an organisation's name ("bank", "party").
pub(crate) const ORG_HEAD: Class = 1 << 5;
/// An organisation word that may be followed by "of" ("ministry").
pub(crate) const ORG_HEAD_OF: Class = 1 << 6;
/// The last word of a place's or a thing's name ("river", "cup").
pub(crate) const PLACE_HEAD: Class = 1 << 7;
/// Never a given name or a surname ("the", "monday").
pub(crate) const NOT_NAME: Class = 1 << 8;
/// A verb of winning or losing ("beat").
pub(crate) const SPORT_VERB: Class = 1 << 9;
/// The word between two teams in a fixture ("at", "v").
pub(crate) const SPORT_AT: Class = 1 << 10;
/// A given name.
pub(crate) const GIVEN_NAME: Class = 1 << 11;
/// A common given name.
pub(crate) const COMMON_GIVEN: Class = 1 << 12;
/// A word that, right before a capital, makes it a place (the
/// gazetteer's `place_before` cues: "in Moscow").
pub(crate) const PLACE_CUE: Class = 1 << 13;

/// A day of the week.
pub(crate) const WEEKDAY: Class = 1 << 14;
/// A function word: an article, a pronoun, a preposition or a
/// conjunction ("a", "and", "of"). Never a name, nor the first word of
/// one.
pub(crate) const FUNCTION: Class = 1 << 15;
/// The last word of a building's name ("hospital", "museum"): a place.
pub(crate) const FACILITY: Class = 1 << 16;
/// The last word of a sports competition's name ("league"), in a story
/// of sports results.
pub(crate) const COMPETITION: Class = 1 << 17;

/// A company's legal form at the end of its name ("Inc", "Ltd", "AG"):
/// later mentions may leave it out.
pub(crate) const LEGAL_FORM: Class = 1 << 18;

/// A title, role or honorific: any of them before a name makes a person.
pub(crate) const TITLE_LIKE: Class = HONORIFIC | ROLE | TITLE;
/// Never inside a person's name.
pub(crate) const NOT_PERSON: Class = NOT_NAME | ORG_HEAD | PLACE_HEAD | FACILITY;

/// The lists of `words.toml`, by key, and the bit each sets.
const LISTS: [(&str, Class); 15] = [
    ("honorifics", HONORIFIC),
    ("roles", ROLE),
    ("speech", SPEECH),
    ("particles", PARTICLE),
    ("org_heads", ORG_HEAD),
    ("org_heads_of", ORG_HEAD_OF),
    ("place_heads", PLACE_HEAD),
    ("not_names", NOT_NAME),
    ("sport_verbs", SPORT_VERB),
    ("sport_at", SPORT_AT),
    ("weekdays", WEEKDAY),
    ("function_words", FUNCTION | NOT_NAME),
    ("facility_heads", FACILITY),
    ("competition_heads", COMPETITION),
    ("legal_forms", LEGAL_FORM),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    discover: FxHashMap<String, Vec<String>>,
}

/// The embedded lists: each folded word with its class.
pub(crate) type Lexicon = FxHashMap<Box<str>, Class>;

/// The embedded lists, parsed once. The unit tests below check that they
/// parse.
static EMBEDDED: LazyLock<Lexicon> = LazyLock::new(|| parse(WORDS, GIVEN).unwrap_or_default());

/// The lists of `words` (TOML: a `[discover]` table with exactly the keys
/// of [`LISTS`]) and of `given` (lines `name<TAB>common`).
fn parse(words: &str, given: &str) -> Result<Lexicon, String> {
    let raw: RawFile = toml::from_str(words).map_err(|e| e.to_string())?;
    let mut lex = Lexicon::default();
    for key in raw.discover.keys() {
        if !LISTS.iter().any(|(k, _)| k == key) {
            return Err(format!("unknown list {key:?}"));
        }
    }
    for (key, bit) in LISTS {
        let list = raw
            .discover
            .get(key)
            .ok_or_else(|| format!("missing list {key:?}"))?;
        for w in list {
            *lex.entry(fold_str(w).into_boxed_str()).or_default() |= bit;
        }
    }
    for line in given.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (name, common) = line.split_once('\t').ok_or_else(|| line.to_string())?;
        let bits = if common.trim() == "1" {
            GIVEN_NAME | COMMON_GIVEN
        } else {
            GIVEN_NAME
        };
        *lex.entry(fold_str(name).into_boxed_str()).or_default() |= bits;
    }
    lex.remove("");
    Ok(lex)
}

/// The class of `word` (folded) in `lex`.
fn class_in(lex: &Lexicon, word: &str) -> Class {
    lex.get(word).copied().unwrap_or(0)
}

/// The title words of a gazetteer's people: the head word of each role's
/// title, the last of its leading capitalised words when the title is
/// followed by nothing, "of", "for", "to" or a bracket ("Secretary" of
/// "US Treasury Secretary (1985-1988)", "President" of "President of
/// Mexico"; not "Republican" of "Republican senator for Kansas"). A head
/// word counts when at least two roles have it and it is not an
/// organisation's or a place's head word: one role alone may be worded
/// loosely ("Son of ...").
fn role_heads(g: &Gazetteer, lex: &Lexicon) -> Vec<String> {
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
            *n >= 2 && !h.is_empty() && class_in(lex, h) & (ORG_HEAD | PLACE_HEAD) == 0
        })
        .map(|(h, _)| h)
        .collect()
}

/// What an alias of the gazetteer names, as discovery needs to know it: a
/// country ([`COUNTRY`], and [`CAPITAL`] for its capital), a place
/// ([`PLACE`]), or a person or an organisation by a full name, not a
/// partial one ([`LISTED`]).
pub(crate) type AliasKind = u8;
pub(crate) const COUNTRY: AliasKind = 1;
pub(crate) const PLACE: AliasKind = 1 << 1;
pub(crate) const LISTED: AliasKind = 1 << 2;
/// A capital or seat that stands for its country ("London", "White
/// House"): a [`COUNTRY`] alias that names a city.
pub(crate) const CAPITAL: AliasKind = 1 << 3;
/// A demonym or adjective of a country or place ("German", "Finn").
pub(crate) const DEMONYM: AliasKind = 1 << 4;

/// What discovery reads, for one gazetteer: the embedded lists, the title
/// words of its people and its place cues, in one table; and what each of
/// its aliases names, in a table of one byte an alias (read for every
/// match of the scan, where the entities themselves are far apart in
/// memory).
#[derive(Debug)]
pub(crate) struct Discovery {
    words: Vocab<1>,
    aliases: Vec<AliasKind>,
}

impl Discovery {
    /// The lists for a tagger over `g`.
    pub(crate) fn new(g: &Gazetteer) -> Discovery {
        let mut all: Lexicon = EMBEDDED.clone();
        for h in role_heads(g, &EMBEDDED) {
            *all.entry(h.into_boxed_str()).or_default() |= TITLE;
        }
        for cue in &g.cues().place_before {
            if !cue.is_empty() {
                *all.entry(cue.clone()).or_default() |= PLACE_CUE;
            }
        }
        let m = g.matcher();
        let aliases = (0..m.aliases_len())
            .map(|i| {
                let a = m.alias(u32::try_from(i).unwrap_or(u32::MAX));
                match g.entity_at(a.entity).kind() {
                    Kind::Country if a.evidence == Evidence::Demonym => COUNTRY | DEMONYM,
                    Kind::Place if a.evidence == Evidence::Demonym => PLACE | DEMONYM,
                    Kind::Country if a.evidence == Evidence::Metonym => COUNTRY | CAPITAL,
                    Kind::Country => COUNTRY,
                    Kind::Place => PLACE,
                    Kind::Person | Kind::Organization | Kind::Agency
                        if a.evidence != Evidence::Partial =>
                    {
                        LISTED
                    }
                    _ => 0,
                }
            })
            .collect();
        Discovery {
            words: Vocab::table(all.iter().map(|(w, c)| (&**w, *c))),
            aliases,
        }
    }

    /// What alias `alias` of the gazetteer names.
    pub(crate) fn alias_kind(&self, alias: u32) -> AliasKind {
        self.aliases.get(alias as usize).copied().unwrap_or(0)
    }

    /// The class of the folded word `text[s..e]`.
    pub(crate) fn lookup(&self, text: &[u8], s: usize, e: usize) -> Class {
        match self.words.get(text, s, e) {
            [NONE] => 0,
            [c] => c,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_lists_parse_and_hold_what_discovery_needs() {
        let lex = parse(WORDS, GIVEN).expect("the embedded lists parse");
        assert_ne!(class_in(&lex, "mr") & HONORIFIC, 0);
        assert_ne!(class_in(&lex, "bank") & ORG_HEAD, 0);
        assert_eq!(
            class_in(&lex, "and") & (FUNCTION | NOT_NAME),
            FUNCTION | NOT_NAME
        );
        assert_eq!(
            class_in(&lex, "michael") & (GIVEN_NAME | COMMON_GIVEN),
            GIVEN_NAME | COMMON_GIVEN
        );
        assert_eq!(
            class_in(&lex, "sydney") & (GIVEN_NAME | COMMON_GIVEN),
            GIVEN_NAME
        );
        assert_eq!(class_in(&lex, "may") & GIVEN_NAME, 0);
    }

    #[test]
    fn a_given_names_line_without_a_tab_is_an_error() {
        assert!(parse(WORDS, "anna 1\n").is_err());
    }

    #[test]
    fn an_unknown_or_missing_list_is_an_error() {
        let extra = WORDS.replace("sport_at =", "sport_on = []\nsport_at =");
        assert!(parse(&extra, GIVEN).unwrap_err().contains("sport_on"));
        let missing: String = WORDS
            .lines()
            .filter(|l| !l.starts_with("sport_at"))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(parse(&missing, GIVEN).unwrap_err().contains("sport_at"));
    }

    impl Discovery {
        fn class(&self, word: &str) -> Class {
            self.lookup(word.as_bytes(), 0, word.len())
        }
    }

    #[test]
    fn a_discovery_table_answers_for_the_lists_the_titles_and_the_cues() {
        let g = crate::gazetteer::default_gazetteer().expect("the default data loads");
        let d = Discovery::new(&g);
        assert_ne!(d.class("said") & SPEECH, 0);
        assert_ne!(d.class("near") & PLACE_CUE, 0);
        assert_ne!(d.class("minister") & TITLE_LIKE, 0);
        assert_eq!(d.class("zzzz"), 0);
        assert_eq!(d.class(""), 0);
        let bytes = b"the bank";
        assert_ne!(d.lookup(bytes, 4, 8) & ORG_HEAD, 0);
    }
}
