//! The `word` case policy ([`Case::Word`](crate::Case::Word)): a phrase
//! that is a common word counts only where the text writes it as one.
//!
//! "labour" (work) and "Labour" (the British party) fold alike; so do
//! "snow" and the band Snow Patrol. Capitals mean a name except where
//! every word gets one anyway: at the start of a sentence, and in a run
//! of capitalised words (a headline in Title Case or in capitals). So a
//! common word matches when its words are in lower case; when only its
//! first word is capitalised and it starts a sentence; or when all its
//! words are capitalised and so are the words on either side (or there
//! are none). "the Labour Party", "Snow Patrol's new single" and
//! "LABOUR" inside a lower-case sentence do not match "labour"; "Labour
//! costs rose." and "LABOUR COSTS RISE" do.

use crate::fold::{Class, Token, classify, is_capital};

/// How far, in bytes, to look before or after a match for the sentence
/// start or the neighbouring words: enough for any run of punctuation and
/// spaces in real text, and a bound on the work in hostile text.
const LOOK: usize = 64;
/// How many words on either side of a capitalised match must be
/// capitalised too for the match to sit in a run of capitals: two, so
/// that "The Labour Party said" (a sentence's first word, a name, a
/// lower-case word) is no run but "Rising Labour Costs Hit Farms" is.
const AROUND: usize = 2;

/// Whether `tokens` of `text`, a match of a common-word phrase, are
/// written as common words.
pub(crate) fn accepts(text: &str, tokens: &[Token]) -> bool {
    // Most matches are plain lower-case ASCII: nothing to look at.
    let lower = |t: &Token| {
        text.as_bytes()
            .get(t.start..t.end)
            .is_some_and(|b| !b.iter().any(|c| c.is_ascii_uppercase() || !c.is_ascii()))
    };
    if tokens.iter().all(lower) {
        return true;
    }
    let word = |t: &Token| text.get(t.start..t.end).unwrap_or_default();
    let capitalised = |t: &Token| word(t).chars().next().is_some_and(is_capital);
    let has_capital = |t: &Token| word(t).chars().any(is_capital);
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
        return true;
    };
    if !tokens.iter().any(has_capital) {
        return true;
    }
    // "Labour costs rose": only the first word is capitalised, as every
    // sentence's is.
    let only_first =
        !tokens.iter().skip(1).any(has_capital) && !word(first).chars().skip(1).any(is_capital);
    if only_first && sentence_start(text, first.start) {
        return true;
    }
    // "LABOUR COSTS RISE", "Rising Labour Costs Hit Farms": the words
    // around are capitalised too, so capitals say nothing.
    tokens.iter().all(capitalised)
        && words_before(text, first.start).all(is_capital)
        && words_after(text, last.end).all(is_capital)
}

/// Characters that may stand between a sentence's end and its first word.
fn opens_sentence(c: char) -> bool {
    c.is_whitespace() || matches!(c, '"' | '\'' | '‘' | '’' | '“' | '”' | '(' | '[' | '*')
}

/// Characters that end a sentence or a headline's part ("Sport: ...",
/// a dateline's " - ").
fn ends_sentence(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | ':' | ';' | '…' | '-' | '–' | '—' | '|' | '•'
    )
}

/// Whether the word at byte `start` opens a sentence (or the text).
fn sentence_start(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or_default();
    for (seen, c) in before.chars().rev().enumerate() {
        if seen > LOOK {
            return false;
        }
        if !opens_sentence(c) {
            return ends_sentence(c);
        }
    }
    true
}

/// Up to [`AROUND`] letters, kept without allocating.
#[derive(Clone, Copy, Default)]
struct Firsts {
    letters: [char; AROUND],
    len: usize,
}

impl Firsts {
    fn push(&mut self, c: char) {
        if let Some(slot) = self.letters.get_mut(self.len) {
            *slot = c;
            self.len += 1;
        }
    }

    fn full(&self) -> bool {
        self.len == AROUND
    }

    fn into_iter(self) -> impl Iterator<Item = char> {
        self.letters.into_iter().take(self.len)
    }
}

/// The first letter of up to [`AROUND`] words before byte `start` (and
/// no further than the sentence's start), nearest first.
fn words_before(text: &str, start: usize) -> impl Iterator<Item = char> + '_ {
    let before = text.get(..start).unwrap_or_default();
    let mut first = None;
    let mut out = Firsts::default();
    for (i, c) in before.char_indices().rev() {
        if start - i > LOOK || out.full() {
            break;
        }
        if classify(c) == Class::Word {
            first = Some(c);
        } else {
            if let Some(f) = first.take() {
                out.push(f);
            }
            if ends_sentence(c) {
                break;
            }
        }
    }
    if !out.full() && before.len() <= LOOK {
        if let Some(f) = first {
            out.push(f);
        }
    }
    out.into_iter()
}

/// The first letter of up to [`AROUND`] words after byte `end` (and no
/// further than the sentence's end).
fn words_after(text: &str, end: usize) -> impl Iterator<Item = char> + '_ {
    let after = text.get(end..).unwrap_or_default();
    let mut in_word = true;
    let mut out = Firsts::default();
    for (i, c) in after.char_indices() {
        if i > LOOK || out.full() {
            break;
        }
        let word = classify(c) == Class::Word;
        if word && !in_word {
            out.push(c);
        } else if !word && ends_sentence(c) {
            break;
        }
        in_word = word;
    }
    out.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::Folded;

    /// Whether `phrase` (lower case) is written as a common word where it
    /// first occurs in `text`.
    fn common(phrase: &str, text: &str) -> bool {
        let (mut f, mut p) = (Folded::default(), Folded::default());
        f.fold(text);
        p.fold(phrase);
        let n = p.tokens.len();
        let words: Vec<&str> = f.text.split(' ').collect();
        let want: Vec<&str> = p.text.split(' ').collect();
        let at = (0..words.len())
            .find(|&i| words.get(i..i + n) == Some(&want[..]))
            .expect("the phrase occurs");
        accepts(text, &f.tokens[at..at + n])
    }

    #[test]
    fn lower_case_is_a_common_word() {
        assert!(common("labour", "Costs of labour rose in March."));
        assert!(common("trade union", "The trade union struck."));
    }

    #[test]
    fn a_capital_inside_a_sentence_is_a_name() {
        assert!(!common("labour", "Voters turned to Labour in the north."));
        assert!(!common("labour", "The Labour Party said so."));
        assert!(!common("snow", "the new single by Snow Patrol"));
        assert!(!common("labour", "costs of LABOUR rose"));
        assert!(!common("trade union", "members of the Trade union"));
    }

    #[test]
    fn the_start_of_a_sentence_says_nothing() {
        assert!(common("labour", "Labour costs rose."));
        assert!(common("labour", "Prices fell. Labour costs rose."));
        assert!(common("labour", "He said: \"Labour is scarce.\""));
        assert!(common("trade union", "Trade union leaders met."));
        assert!(!common("trade union", "Trade Union leaders met."));
    }

    #[test]
    fn a_run_of_capitals_says_nothing() {
        assert!(common("labour", "LABOUR COSTS RISE"));
        assert!(common("labour", "Rising Labour Costs Hit Farms"));
        assert!(common("labour", "Labour"));
        assert!(!common("labour", "Blair's Labour won"));
        assert!(!common("labour", "Blair hails Labour Party win"));
    }

    #[test]
    fn neighbours_are_read_across_other_scripts() {
        let tail = "ü".repeat(100);
        assert!(!common("labour", &format!("né Labour {tail}")));
        assert!(common("labour", &format!("NÉ LABOUR Ü{tail}")));
    }
}
