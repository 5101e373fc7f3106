//! Property tests: for any text, spans are valid, text is what the span
//! says, mentions do not overlap, and the same input gives the same output.

use gazetag::{Field, Tagged, Tagger};
use proptest::prelude::*;

/// Pieces that stress folding and matching: aliases of the default data,
/// their neighbours, and awkward Unicode.
const PIECES: &[&str] = &[
    "CIA",
    "U.S.",
    "US",
    "us",
    "Mexico",
    "Mexico City",
    "México",
    "Peña",
    "Nieto",
    "Enrique Peña Nieto",
    "Turkey",
    "turkey",
    "war on drugs",
    "DEA",
    "-",
    "’s",
    ".",
    " ",
    "\n",
    "\u{a0}",
    "\u{ad}",
    "\u{200b}",
    "\u{200d}",
    "\u{301}",
    "\u{303}",
    "İ",
    "ẞ",
    "ǅ",
    "ﬁ",
    "🇺🇸",
    "👩‍👩‍👧",
    "\u{202e}",
    "مصر",
    "北京",
    "Ω",
    "x",
    "9/11",
];

fn pieces() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
}

fn check(title: &str, body: &str, doc: &Tagged) {
    let mut last_end = [0usize; 2];
    for m in &doc.mentions {
        let (text, slot) = match m.field {
            Field::Title => (title, 0),
            Field::Body => (body, 1),
            _ => unreachable!("only title and body are tagged"),
        };
        let span = m.span.range();
        assert!(span.start < span.end && span.end <= text.len());
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        assert_eq!(text.get(span.clone()), Some(m.text.as_str()));
        assert!(
            span.start >= last_end[slot],
            "mentions overlap or are out of order"
        );
        last_end[slot] = span.end;
    }
    for t in &doc.tags {
        // A tag has mentions of its own, or mentions that count for it.
        assert!(t.count + t.supporting >= 1);
        assert!(t.count == 0 || !t.derived);
        assert!((0.0..=1.0).contains(&t.score));
        assert_eq!(t.in_title, t.first_field == Field::Title);
        let text = if t.in_title { title } else { body };
        assert!(text.get(t.first.range()).is_some());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn spans_are_valid_for_arbitrary_strings(title in any::<String>(), body in any::<String>()) {
        let tagger = Tagger::default();
        let doc = tagger.tag_document(&title, &body);
        check(&title, &body, &doc);
        prop_assert_eq!(doc, tagger.tag_document(&title, &body));
    }

    #[test]
    fn spans_are_valid_for_alias_soup(title in pieces(), body in pieces()) {
        let tagger = Tagger::default();
        let doc = tagger.tag_document(&title, &body);
        check(&title, &body, &doc);
        prop_assert_eq!(doc, tagger.tag_document(&title, &body));
    }
}
