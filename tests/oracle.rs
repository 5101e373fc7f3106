//! Property tests against the oracle of `naive.rs`: on generated small
//! gazetteers and texts full of awkward Unicode, the tagger finds exactly
//! the mentions the oracle finds, with the same spans.
//!
//! The gazetteers are built so that resolution is the identity: every
//! folded alias belongs to one entity, there are no partial names and no
//! people (whose surnames become partial names), and texts have no
//! brackets (which define acronyms). Every slot the matcher finds then
//! becomes a mention, and the comparison is of matching alone.

use std::collections::HashMap;

use gazetag::{Field, Gazetteer, RuleSet, Tagged, Tagger};
use proptest::prelude::*;

use crate::naive::{self, OracleAlias, Policy};

/// Words aliases are made of: case variants, accents composed and not,
/// ligatures, fullwidth forms, letters whose case changes length, other
/// scripts.
const WORDS: &[&str] = &[
    "Acme",
    "ACME",
    "acme",
    "Peña",
    "Pena",
    "PEÑA",
    "Nieto",
    "İstanbul",
    "Istanbul",
    "ǅemal",
    "Dzemal",
    "ﬁnance",
    "Finance",
    "Straße",
    "STRASSE",
    "北京",
    "مصر",
    "Ωmega",
    "ωmega",
    "Łódź",
    "Lodz",
    "ＣＩＡ",
    "CIA",
    "Cia",
    "x",
    "X",
    "9",
    "Ⅻ",
    "XII",
    "Calde\u{301}ron",
    "Calderón",
    "Wash\u{ad}ington",
    "Washington",
    "Москва",
    "МОСКВА",
    "ΑΘΗΝΑ",
    "Αθήνα",
    "ΟΔΥΣΣΕΥΣ",
    "Οδυσσευς",
    "ς",
    "हिन्दी",
    "of",
    "the",
];

/// What joins the words of an alias.
const JOINERS: &[&str] = &[" ", " ", "-", ".", "’", " \u{a0}"];

/// Separators and invisible or awkward characters for texts. No brackets:
/// they define acronyms, which is resolution, not matching.
const AWKWARD: &[&str] = &[
    " ",
    " ",
    " ",
    ". ",
    "-",
    "’",
    "'",
    ".",
    "\n",
    "\u{a0}",
    "",
    "\u{301}",
    "\u{303}",
    "\u{200b}",
    "\u{200c}",
    "\u{200d}",
    "\u{200e}",
    "\u{200f}",
    "\u{202e}",
    "\u{2066}",
    "\u{feff}",
    "\u{ad}",
    "\u{2060}",
    "🇺🇸",
    "👩\u{200d}👩\u{200d}👧",
    "🔥",
    "İ",
    "ẞ",
    "ǅ",
    "ﬁ",
    "Ａ",
    "ｘ",
    "#",
    "․",
    "—",
    "ı",
    "ß",
];

/// One generated entity: its kind (organisation or topic) and alias lists.
#[derive(Clone, Debug)]
struct GenEntity {
    topic: bool,
    name: String,
    names: Vec<String>,
    exact: Vec<String>,
    phrases: Vec<String>,
}

fn alias() -> impl Strategy<Value = String> {
    let words = prop::collection::vec(prop::sample::select(WORDS), 1..=3);
    let lead = prop::sample::select(&["", "", "", "#", ".", "‘"][..]);
    let trail = prop::sample::select(&["", "", "", ".", "!", "’"][..]);
    let joiner = prop::sample::select(JOINERS);
    (lead, words, joiner, trail)
        .prop_map(|(lead, words, joiner, trail)| format!("{lead}{}{trail}", words.join(joiner)))
}

fn entity() -> impl Strategy<Value = GenEntity> {
    let list = |n| prop::collection::vec(alias(), 0..n);
    (any::<bool>(), alias(), list(3), list(3), list(2)).prop_map(
        |(topic, name, names, exact, phrases)| GenEntity {
            topic,
            name,
            names,
            exact,
            phrases,
        },
    )
}

fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(WORDS),
        3 => prop::sample::select(AWKWARD),
    ];
    prop::collection::vec(piece, 0..30).prop_map(|v| v.concat())
}

/// A TOML basic string.
fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// Drops every alias whose folded form another entity already has (and
/// entities whose name is taken), so that every slot names one entity.
/// Returns the kept entities as TOML and as the oracle's alias list, in
/// the order the data declares them.
fn gazetteer(entities: &[GenEntity]) -> (String, Vec<OracleAlias>) {
    let mut owner: HashMap<Vec<String>, usize> = HashMap::new();
    let mut toml = String::new();
    let mut aliases = Vec::new();
    let mut n = 0;
    for e in entities {
        let mine = |s: &String, owner: &HashMap<Vec<String>, usize>| {
            owner.get(&naive::fold(s)).is_none_or(|&o| o == n)
        };
        if !mine(&e.name, &owner) {
            continue;
        }
        let keep = |v: &[String]| -> Vec<String> {
            v.iter().filter(|s| mine(s, &owner)).cloned().collect()
        };
        let (names, mut exact, phrases) = (keep(&e.names), keep(&e.exact), keep(&e.phrases));
        // Loading refuses an exact alias with no capital or digit.
        exact.retain(|s| s.chars().any(|c| c.is_uppercase() || c.is_numeric()));
        let kind = if e.topic { "topic" } else { "organization" };
        toml.push_str(&format!(
            "[[entity]]\nid = \"x/e{n}\"\nkind = \"{kind}\"\nname = {}\nnames = {}\nexact = {}\nphrases = {}\n\n",
            quote(&e.name),
            list(&names),
            list(&exact),
            list(&phrases),
        ));
        let name_policy = if e.topic { Policy::Any } else { Policy::Name };
        let lists = [
            (std::slice::from_ref(&e.name), name_policy),
            (&names[..], Policy::Name),
            (&exact[..], Policy::Exact),
            (&phrases[..], Policy::Any),
        ];
        for (list, policy) in lists {
            for text in list {
                owner.insert(naive::fold(text), n);
                aliases.push(OracleAlias {
                    entity: n,
                    text: text.clone(),
                    policy,
                });
            }
        }
        n += 1;
    }
    (toml, aliases)
}

fn tagger(toml: &str) -> Tagger {
    let g = Gazetteer::builder().add_str("gen.toml", toml).build();
    let g = g.unwrap_or_else(|e| panic!("generated data is valid: {e}\n{toml}"));
    // The oracle knows only the gazetteer: discovery is tested apart.
    Tagger::new(g)
        .with_rules(RuleSet::empty())
        .with_discovery(false)
}

/// The mentions of one field as (start, end, entity id).
fn mentions(doc: &Tagged, field: Field) -> Vec<(usize, usize, String)> {
    doc.mentions
        .iter()
        .filter(|m| m.field == field)
        .map(|m| (m.span.start, m.span.end, m.entity.clone()))
        .collect()
}

fn expected(aliases: &[OracleAlias], text: &str) -> Vec<(usize, usize, String)> {
    naive::find(aliases, text)
        .into_iter()
        .map(|f| (f.start, f.end, format!("x/e{}", aliases[f.alias].entity)))
        .collect()
}

fn check_spans(text: &str, doc: &Tagged, field: Field) {
    for m in doc.mentions.iter().filter(|m| m.field == field) {
        let r = m.span.range();
        assert!(r.start < r.end && r.end <= text.len(), "{m:?}");
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        assert_eq!(text.get(r), Some(m.text.as_str()));
    }
}

/// 300 cases in `cargo test`; `PROPTEST_CASES=100000` for a long run.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn tagger_agrees_with_the_oracle(
        entities in prop::collection::vec(entity(), 1..6),
        title in text(),
        body in text(),
    ) {
        let (toml, aliases) = gazetteer(&entities);
        let tagger = tagger(&toml);
        let doc = tagger.tag_document(&title, &body);
        check_spans(&title, &doc, Field::Title);
        check_spans(&body, &doc, Field::Body);
        prop_assert_eq!(mentions(&doc, Field::Title), expected(&aliases, &title), "title {:?}\n{}", title, toml);
        prop_assert_eq!(mentions(&doc, Field::Body), expected(&aliases, &body), "body {:?}\n{}", body, toml);
        prop_assert_eq!(&doc, &tagger.tag_document(&title, &body));
    }

    #[test]
    fn the_oracle_agrees_on_texts_made_of_its_own_aliases(
        entities in prop::collection::vec(entity(), 1..4),
        picks in prop::collection::vec((any::<prop::sample::Index>(), 0..3u8, prop::sample::select(AWKWARD)), 0..12),
    ) {
        let (toml, aliases) = gazetteer(&entities);
        // The aliases themselves, as written, upper-cased or lower-cased,
        // between awkward separators: matches on every case policy.
        let mut body = String::new();
        for (i, case, sep) in picks {
            let a = &aliases[i.index(aliases.len())].text;
            body.push_str(&match case {
                0 => a.clone(),
                1 => a.to_uppercase(),
                _ => a.to_lowercase(),
            });
            body.push_str(sep);
        }
        let tagger = tagger(&toml);
        let doc = tagger.tag(&body);
        check_spans(&body, &doc, Field::Body);
        prop_assert_eq!(mentions(&doc, Field::Body), expected(&aliases, &body), "body {:?}\n{}", body, toml);
    }
}

/// Found by comparing the oracle's folding with Unicode case folding:
/// folding lower-cases letter by letter, and final sigma "ς" has no
/// lower-case of its own, so "ΟΔΥΣΣΕΥΣ" folds to "οδυσσευσ" while
/// "Οδυσσευς" folds to "οδυσσευς", and the capitals never match the name
/// (nor the other way round). Case folding maps "ς" to "σ", and so does
/// folding now. See: issue 5.
#[test]
fn greek_final_sigma_matches_in_capitals() {
    let data = "[[entity]]\nid = \"x/o\"\nkind = \"organization\"\nname = \"Οδυσσευς\"\n";
    let t = tagger(data);
    for text in ["ΟΔΥΣΣΕΥΣ", "Οδυσσευς", "ΟΔΥΣΣΕΥς"] {
        assert_eq!(t.tag(text).mentions.len(), 1, "{text}");
    }
}

#[test]
fn punctuation_shared_by_two_mentions_goes_to_the_first() {
    let data = "[[entity]]\nid = \"x/a\"\nkind = \"organization\"\nname = \"A.\"\n\n\
                [[entity]]\nid = \"x/b\"\nkind = \"organization\"\nname = \".B\"\n";
    let doc = tagger(data).tag("A.B");
    let got: Vec<(&str, &str)> = doc
        .mentions
        .iter()
        .map(|m| (m.entity.as_str(), m.text.as_str()))
        .collect();
    assert_eq!(got, [("x/a", "A."), ("x/b", "B")]);
}
