//! The oracle: a slow, obviously right matcher written apart from the
//! library, from the matching rules in the crate docs, for the property
//! tests of `oracle.rs` to compare the real one against.
//!
//! It shares no code with `src/`: words are cut and folded one character
//! at a time with `unicode-normalization`'s compatibility decomposition,
//! every alias is looked for at every word of the folded text, and the
//! survivors are picked greedily, leftmost first, longest first. Nothing
//! here is fast and nothing needs to be.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Which alias list of a data file an alias comes from, and so its case
/// policy.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum Policy {
    /// `exact`: letters and digits as in the alias, accents aside.
    Exact,
    /// `name` and `names` (not of topics): every capitalised word of the
    /// alias capitalised in the text.
    Name,
    /// `phrases`, and the name of a topic: any case.
    Any,
}

/// One alias of the oracle's gazetteer, in the order the data declares it.
#[derive(Clone, Debug)]
pub struct OracleAlias {
    /// The index of its entity.
    pub entity: usize,
    pub text: String,
    pub policy: Policy,
}

/// One word of a text: where it is and how it folds.
#[derive(Clone, Debug)]
pub struct Word {
    /// Byte offset of its first character that folds to something.
    pub start: usize,
    /// Byte offset after its last word character.
    pub end: usize,
    /// Lower-cased, accent-free.
    pub lower: String,
    /// Accent-free, case kept.
    pub kept: String,
    /// The first character as written (whose case `Name` looks at).
    pub first: char,
}

/// A mention the oracle finds: a byte range and the alias behind it.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub alias: usize,
}

/// Invisible format characters that join the letters around them.
fn is_ignorable(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{200C}' | '\u{200D}' | '\u{2060}')
}

/// Letters, digits and combining marks make words.
fn is_word_char(c: char) -> bool {
    !is_ignorable(c) && (c.is_alphanumeric() || (!c.is_ascii() && is_combining_mark(c)))
}

/// Latin letters whose diacritic is part of the letter, so that
/// decomposition leaves it: spelled out by hand, as the docs promise
/// ("Łódź" is "lodz", "Straße" is "strasse").
fn spell_out(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'ẞ' => "SS",
        'æ' => "ae",
        'Æ' => "AE",
        'œ' => "oe",
        'Œ' => "OE",
        'ø' => "o",
        'Ø' => "O",
        'đ' => "d",
        'Đ' => "D",
        'ł' => "l",
        'Ł' => "L",
        'ħ' => "h",
        'Ħ' => "H",
        'ı' => "i",
        'þ' => "th",
        'Þ' => "TH",
        _ => return None,
    })
}

/// Folds one character: compatibility decomposition, marks and anything
/// that is not a letter or digit dropped, then (when `lower`) each letter
/// lower-cased on its own (`char::to_lowercase`), final sigma as sigma.
fn fold_one(c: char, lower: bool) -> String {
    let mut out = String::new();
    for d in std::iter::once(c).nfkd() {
        if is_combining_mark(d) || !d.is_alphanumeric() {
            continue;
        }
        let cased: Vec<char> = if lower {
            // Case folding, not lower-casing alone: final sigma is sigma.
            d.to_lowercase()
                .map(|l| if l == 'ς' { 'σ' } else { l })
                .collect()
        } else {
            vec![d]
        };
        for l in cased {
            match spell_out(l) {
                Some(s) => out.push_str(s),
                None if !is_combining_mark(l) => out.push(l),
                None => {}
            }
        }
    }
    out
}

/// Cuts a text into words. A word is a run of word characters (joined
/// across ignorable ones), starting at its first character that folds to
/// something; a run that folds to nothing at all is no word.
pub fn words(text: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut open = false;
    for (i, c) in text.char_indices() {
        if is_ignorable(c) {
            continue;
        }
        if !is_word_char(c) {
            open = false;
            continue;
        }
        let (lower, kept) = (fold_one(c, true), fold_one(c, false));
        let end = i + c.len_utf8();
        if open {
            let w = out.last_mut().expect("an open word exists");
            w.lower.push_str(&lower);
            w.kept.push_str(&kept);
            w.end = end;
        } else if !lower.is_empty() {
            out.push(Word {
                start: i,
                end,
                lower,
                kept,
                first: c,
            });
            open = true;
        }
    }
    out
}

/// The folded form of an alias: its words, lower-cased.
pub fn fold(text: &str) -> Vec<String> {
    words(text).into_iter().map(|w| w.lower).collect()
}

/// Upper-case letters and the title-case digraphs (Unicode category Lt).
fn is_capital(c: char) -> bool {
    const TITLE_CASE: &[char] = &[
        'ǅ', 'ǈ', 'ǋ', 'ǲ', 'ᾈ', 'ᾉ', 'ᾊ', 'ᾋ', 'ᾌ', 'ᾍ', 'ᾎ', 'ᾏ', 'ᾘ', 'ᾙ', 'ᾚ', 'ᾛ', 'ᾜ', 'ᾝ',
        'ᾞ', 'ᾟ', 'ᾨ', 'ᾩ', 'ᾪ', 'ᾫ', 'ᾬ', 'ᾭ', 'ᾮ', 'ᾯ', 'ᾼ', 'ῌ', 'ῼ',
    ];
    c.is_uppercase() || TITLE_CASE.contains(&c)
}

/// Whether the words `found` of the text spell `alias` in a case its
/// policy accepts. The lower-case forms are known to be equal.
fn case_ok(alias: &OracleAlias, found: &[Word]) -> bool {
    let alias_words = words(&alias.text);
    match alias.policy {
        Policy::Any => true,
        Policy::Exact => alias_words.iter().zip(found).all(|(a, t)| a.kept == t.kept),
        Policy::Name => alias_words.iter().zip(found).all(|(a, t)| {
            let wants = a.kept.chars().next().is_some_and(is_capital);
            !wants || is_capital(t.first)
        }),
    }
}

/// Typographic punctuation read as its ASCII form when an alias's own
/// punctuation is looked for around a match.
fn plain(c: char) -> char {
    match c {
        '‘' | '’' | '‛' | '′' => '\'',
        '“' | '”' | '‟' | '″' => '"',
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => '-',
        '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' => ' ',
        '․' => '.',
        _ => c,
    }
}

/// The span of a match over the text's words `first..=last`, widened by
/// the alias's leading and trailing punctuation where the text has it.
fn span(text: &str, alias: &str, first: &Word, last: &Word) -> (usize, usize) {
    let not_word = |c: &char| is_ignorable(*c) || !is_word_char(*c);
    let lead: Vec<char> = alias.chars().take_while(not_word).map(plain).collect();
    let trail: Vec<char> = alias
        .chars()
        .rev()
        .take_while(not_word)
        .map(plain)
        .collect();
    let mut start = first.start;
    for (want, c) in lead.iter().rev().zip(text[..first.start].chars().rev()) {
        if plain(c) != *want {
            break;
        }
        start -= c.len_utf8();
    }
    let mut end = last.end;
    for (want, c) in trail.iter().rev().zip(text[last.end..].chars()) {
        if plain(c) != *want {
            break;
        }
        end += c.len_utf8();
    }
    (start, end)
}

/// Every mention of `aliases` in `text`, the way the crate docs describe
/// matching: at every word, every alias whose folded words equal the
/// text's and whose case policy accepts the spelling is a candidate; then
/// leftmost first, longest first, no overlaps, and among candidates over
/// the same words the alias declared first.
pub fn find(aliases: &[OracleAlias], text: &str) -> Vec<Found> {
    let ws = words(text);
    let folded_text: String = ws
        .iter()
        .map(|w| w.lower.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    // (first word, last word, alias)
    let mut cands: Vec<(usize, usize, usize)> = Vec::new();
    for (k, alias) in aliases.iter().enumerate() {
        let want = fold(&alias.text);
        if want.is_empty() {
            continue;
        }
        // A cheap pre-filter on the folded text, then the word-by-word
        // check at every word.
        if !folded_text.contains(&want.join(" ")) {
            continue;
        }
        for first in 0..ws.len() {
            let Some(found) = ws.get(first..first + want.len()) else {
                break;
            };
            let same = found.iter().zip(&want).all(|(t, a)| t.lower == *a);
            if same && case_ok(alias, found) {
                cands.push((first, first + want.len() - 1, k));
            }
        }
    }
    cands.sort_by_key(|&(f, l, k)| (f, std::cmp::Reverse(l), k));
    let mut out = Vec::new();
    let mut next = 0;
    for (first, last, k) in cands {
        if first < next {
            continue;
        }
        let (start, end) = span(text, &aliases[k].text, &ws[first], &ws[last]);
        // Punctuation between two mentions belongs to the first.
        let start = out.last().map_or(start, |p: &Found| start.max(p.end));
        out.push(Found {
            start,
            end,
            alias: k,
        });
        next = last + 1;
    }
    out
}

#[test]
fn the_oracle_folds_as_the_docs_say() {
    assert_eq!(fold("Peña Nieto, Calderón"), ["pena", "nieto", "calderon"]);
    assert_eq!(fold("U.S.-backed"), ["u", "s", "backed"]);
    assert_eq!(
        fold("ﬁnance ＣＩＡ Straße Łódź"),
        ["finance", "cia", "strasse", "lodz"]
    );
    assert_eq!(fold("İstanbul ǅemal ẞ"), ["istanbul", "dzemal", "ss"]);
    assert_eq!(fold("Wash\u{ad}ington \u{301}x"), ["washington", "x"]);
    let w = words("«Peña» met");
    assert_eq!((w[0].start, w[0].end, w[0].kept.as_str()), (2, 7, "Pena"));
}

#[test]
fn the_oracle_matches_as_the_docs_say() {
    let alias = |text: &str, policy| OracleAlias {
        entity: 0,
        text: text.into(),
        policy,
    };
    let aliases = [
        alias("US", Policy::Exact),
        alias("U.S.", Policy::Exact),
        alias("Turkey", Policy::Name),
        alias("Turkey Hill", Policy::Name),
        alias("war on drugs", Policy::Any),
    ];
    let text = "us US U.S. turkey Turkey hill WAR ON DRUGS";
    let got: Vec<(&str, usize)> = find(&aliases, text)
        .iter()
        .map(|f| (&text[f.start..f.end], f.alias))
        .collect();
    assert_eq!(
        got,
        [("US", 0), ("U.S.", 1), ("Turkey", 2), ("WAR ON DRUGS", 4)]
    );
}
