//! Named table cases for fold, scan, verify and leftmost-longest, over a
//! small gazetteer written here, so that they do not move with the
//! default data.

use std::collections::HashSet;
use std::sync::LazyLock;

use gazetag::{Evidence, Gazetteer, Tagger};

const DATA: &str = r#"
[[entity]]
id = "country/us"
kind = "country"
name = "United States"
iso = "US"
names = ["America"]
exact = ["US", "U.S.", "USA"]
demonyms = ["American", "Americans"]
metonyms = ["Washington", "White House"]

[[entity]]
id = "country/tr"
kind = "country"
name = "Turkey"
iso = "TR"
names = ["Türkiye"]

[[entity]]
id = "country/mx"
kind = "country"
name = "Mexico"
iso = "MX"
demonyms = ["Mexican"]
metonyms = ["Mexico City"]

[[entity]]
id = "country/ge"
kind = "country"
name = "Georgia"
iso = "GE"
metonyms = ["Tbilisi"]

[[entity]]
id = "place/georgia-us"
kind = "place"
name = "Georgia"
country = "country/us"

[[entity]]
id = "agency/cia"
kind = "agency"
name = "Central Intelligence Agency"
exact = ["CIA"]
country = "country/us"

[[entity]]
id = "agency/dea"
kind = "agency"
name = "Drug Enforcement Administration"
exact = ["DEA"]
country = "country/us"

[[entity]]
id = "agency/odni"
kind = "agency"
name = "Office of the Director of National Intelligence"
exact = ["ODNI"]
country = "country/us"

[[entity]]
id = "org/turkey-hill"
kind = "organization"
name = "Turkey Hill"

[[entity]]
id = "org/us-steel"
kind = "organization"
name = "US Steel"

[[entity]]
id = "person/epn"
kind = "person"
name = "Enrique Peña Nieto"
partial = ["Peña Nieto", "Nieto"]
country = "country/mx"

[[entity]]
id = "person/luis-nieto"
kind = "person"
name = "Luis Nieto"
partial = ["Nieto"]

[[entity]]
id = "topic/war-on-drugs"
kind = "topic"
name = "war on drugs"
phrases = ["drug war"]

[[entity]]
id = "topic/national-intelligence"
kind = "topic"
name = "national intelligence"
"#;

static TAGGER: LazyLock<Tagger> = LazyLock::new(|| {
    let g = Gazetteer::builder().add_str("matching.toml", DATA).build();
    // Every tag, whatever its score: these tests are about matching.
    Tagger::new(g.expect("the test data is valid")).with_min_score(0.0)
});

/// A case: its name, the text, and every expected mention as
/// `(entity id, text of the span)`, in order.
type Case = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

#[rustfmt::skip]
const BOUNDARIES: &[Case] = &[
    ("hyphen-after", "CIA-backed rebels", &[("agency/cia", "CIA")]),
    ("hyphen-before", "an ex-CIA officer", &[("agency/cia", "CIA")]),
    ("typographic-possessive", "Washington’s stance", &[("country/us", "Washington")]),
    ("inside-a-word", "SOCIAL media and DEACONS", &[]),
    ("glued-digit", "the DEA2 programme", &[]),
    ("glued-accented-letter", "CIAé and éCIA", &[]),
    ("glued-greek-letter", "CIAα", &[]),
    ("dotted-acronym", "the U.S. said", &[("country/us", "U.S.")]),
    ("dotted-at-sentence-end", "aid to the U.S.", &[("country/us", "U.S.")]),
    ("dotted-without-last-dot", "the U.S said", &[("country/us", "U.S")]),
    ("emoji-is-a-separator", "🇺🇸DEA🔥", &[("agency/dea", "DEA")]),
    ("quotes-around", "“CIA”", &[("agency/cia", "CIA")]),
];

#[rustfmt::skip]
const CASE_POLICY: &[Case] = &[
    ("exact-rejects-lower", "tell us more, usa", &[]),
    ("exact-accepts", "US officials", &[("country/us", "US")]),
    ("exact-rejects-mixed", "Cia and cIA", &[]),
    ("name-rejects-lower", "a roast turkey and mexican food", &[]),
    ("name-accepts-caps", "TURKEY CLOSES BORDER", &[("country/tr", "TURKEY")]),
    ("name-accepts-title", "Turkey closed", &[("country/tr", "Turkey")]),
    ("name-free-function-words", "the Office Of The Director Of National Intelligence",
        &[("agency/odni", "Office Of The Director Of National Intelligence")]),
    ("name-rejected-long-leaves-topic", "the office of the director of national intelligence",
        &[("topic/national-intelligence", "national intelligence")]),
    ("any-accepts-caps", "the WAR ON DRUGS", &[("topic/war-on-drugs", "WAR ON DRUGS")]),
    ("any-accepts-lower", "a drug war", &[("topic/war-on-drugs", "drug war")]),
    ("accent-free-spelling", "Turkiye and TÜRKİYE", &[("country/tr", "Turkiye"), ("country/tr", "TÜRKİYE")]),
];

#[rustfmt::skip]
const LONGEST: &[Case] = &[
    ("long-form-is-one-mention", "the Office of the Director of National Intelligence said",
        &[("agency/odni", "Office of the Director of National Intelligence")]),
    ("city-over-country", "in Mexico City today", &[("country/mx", "Mexico City")]),
    ("rejected-case-hides-nothing", "Turkey hill farmers", &[("country/tr", "Turkey")]),
    ("rejected-boundary-hides-nothing", "US Steelworkers", &[("country/us", "US")]),
    ("company-absorbs-country", "US Steel shares", &[("org/us-steel", "US Steel")]),
    ("adjacent-mentions", "US CIA DEA", &[("country/us", "US"), ("agency/cia", "CIA"), ("agency/dea", "DEA")]),
];

#[rustfmt::skip]
const UNICODE_FOLD: &[Case] = &[
    ("decomposed-accent", "Enrique Pen\u{303}a Nieto", &[("person/epn", "Enrique Pen\u{303}a Nieto")]),
    ("accent-dropped", "ENRIQUE PENA NIETO", &[("person/epn", "ENRIQUE PENA NIETO")]),
    ("no-break-space", "Mexico\u{a0}City", &[("country/mx", "Mexico\u{a0}City")]),
    ("line-break-inside", "Mexico\n   City", &[("country/mx", "Mexico\n   City")]),
    ("fullwidth-acronym", "ＣＩＡ", &[("agency/cia", "ＣＩＡ")]),
    ("soft-hyphen", "Wash\u{ad}ington", &[("country/us", "Wash\u{ad}ington")]),
    ("zero-width-space-separates", "CIA\u{200b}DEA", &[("agency/cia", "CIA"), ("agency/dea", "DEA")]),
    ("dotted-capital-i", "İ CIA", &[("agency/cia", "CIA")]),
];

#[rustfmt::skip]
const RESOLVE: &[Case] = &[
    ("partial-after-full", "Enrique Peña Nieto won. Peña Nieto and Nieto spoke.",
        &[("person/epn", "Enrique Peña Nieto"), ("person/epn", "Peña Nieto"), ("person/epn", "Nieto")]),
    ("partial-before-full-is-dropped", "Nieto spoke before Enrique Peña Nieto arrived.",
        &[("person/epn", "Enrique Peña Nieto")]),
    ("shared-surname-is-dropped", "Enrique Peña Nieto and Luis Nieto met. Nieto said no.",
        &[("person/epn", "Enrique Peña Nieto"), ("person/luis-nieto", "Luis Nieto")]),
    ("shared-alias-dropped-without-context", "Georgia voted.", &[]),
    ("shared-alias-decided-by-context", "Georgia voted; Tbilisi said the result stands.",
        &[("country/ge", "Georgia"), ("country/ge", "Tbilisi")]),
];

fn run(group: &str, cases: &[Case]) {
    for (name, text, expected) in cases {
        let doc = TAGGER.tag(text);
        let got: Vec<(&str, &str)> = doc
            .mentions
            .iter()
            .map(|m| (m.entity.as_str(), &text[m.span.range()]))
            .collect();
        assert_eq!(&got, expected, "{group}/{name}: {text:?}");
        for m in &doc.mentions {
            assert_eq!(m.text, &text[m.span.range()], "{group}/{name}");
        }
    }
}

#[test]
fn boundaries() {
    run("BOUNDARIES", BOUNDARIES);
}

#[test]
fn case_policy() {
    run("CASE_POLICY", CASE_POLICY);
}

#[test]
fn longest() {
    run("LONGEST", LONGEST);
}

#[test]
fn unicode_fold() {
    run("UNICODE_FOLD", UNICODE_FOLD);
}

#[test]
fn resolve() {
    run("RESOLVE", RESOLVE);
}

#[test]
fn case_names_are_unique() {
    let mut seen = HashSet::new();
    for (name, _, _) in [BOUNDARIES, CASE_POLICY, LONGEST, UNICODE_FOLD, RESOLVE].concat() {
        assert!(seen.insert(name), "duplicate case name {name}");
    }
}

#[test]
fn evidence_is_kept_on_mentions() {
    let doc = TAGGER.tag("American officials in Washington said Enrique Peña Nieto and Nieto");
    let evidence: Vec<Evidence> = doc.mentions.iter().map(|m| m.evidence).collect();
    assert_eq!(
        evidence,
        [
            Evidence::Demonym,
            Evidence::Metonym,
            Evidence::Name,
            Evidence::Partial
        ]
    );
}

#[test]
fn title_mentions_come_first_with_title_spans() {
    let title = "CIA and Mexico";
    let body = "The DEA said Mexico would cooperate.";
    let doc = TAGGER.tag_document(title, body);
    let fields: Vec<(&str, gazetag::Field)> = doc
        .mentions
        .iter()
        .map(|m| (m.entity.as_str(), m.field))
        .collect();
    use gazetag::Field::{Body, Title};
    assert_eq!(
        fields,
        [
            ("agency/cia", Title),
            ("country/mx", Title),
            ("agency/dea", Body),
            ("country/mx", Body)
        ]
    );
    let mexico = doc.tag("country/mx").unwrap();
    assert!(mexico.in_title);
    assert_eq!(&title[mexico.first.range()], "Mexico");
    assert_eq!(mexico.count, 2);
    assert!(!doc.tag("agency/dea").unwrap().in_title);
}

#[test]
fn one_tag_per_entity_with_counts_and_iso() {
    let text = "Mexico and the U.S. agreed. Mexican and American officials met in \
                Washington; Mexico City welcomed it.";
    let doc = TAGGER.tag(text);
    let mexico = doc.tag("country/mx").unwrap();
    let us = doc.tag("country/us").unwrap();
    assert_eq!((mexico.count, us.count), (3, 3));
    assert_eq!(mexico.iso.as_deref(), Some("MX"));
    assert_eq!(doc.tags.len(), 2);
    assert_eq!(&text[mexico.first.range()], "Mexico");
    assert_eq!(mexico.first.start, 0);
    // Scores are probabilities, most likely first.
    assert!(doc.tags.windows(2).all(|w| w[0].score >= w[1].score));
    assert!(doc.tags.iter().all(|t| (0.0..=1.0).contains(&t.score)));
}
