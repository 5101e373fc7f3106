//! Folding: the matching copy of a text, and the map back to the original.
//!
//! Folding turns a text into a sequence of *tokens* separated by single
//! ASCII spaces. A token is a maximal run of word characters (Unicode
//! letters, digits and the combining marks that sit on them), lower-cased,
//! with diacritics removed and compatibility forms expanded ("Peña" and
//! "PENA" both fold to `pena`, "ﬁ" to `fi`). Every other character
//! (punctuation, white space, symbols, emoji) separates tokens and is
//! dropped, so "U.S." folds to `u s`, "al-Qaeda" to `al qaeda` and
//! "Washington’s" to `washington s`. A handful of invisible format
//! characters (soft hyphen, zero-width joiners) are ignored altogether.
//!
//! Because separators are normalised away, a match in the folded text that
//! starts and ends on token edges is exactly a match on Unicode word
//! boundaries of the original. Each token remembers the original byte
//! range it came from, which is the whole offset map: spans are only ever
//! mapped at token edges.

use std::cell::RefCell;

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// One word of the original text.
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq)]
pub(crate) struct Token {
    /// Start of the token in the folded text.
    pub(crate) fstart: usize,
    /// End of the token in the folded text.
    pub(crate) fend: usize,
    /// Start in the original text (a char boundary).
    pub(crate) start: usize,
    /// End in the original text (a char boundary, after the token's last
    /// word character).
    pub(crate) end: usize,
}

/// A folded text and its tokens. Reused between calls to save allocations.
#[derive(Clone, Debug, Default)]
pub(crate) struct Folded {
    pub(crate) text: String,
    pub(crate) tokens: Vec<Token>,
}

/// An upper-case or title-case letter ("ǅ" is title case, neither upper
/// nor lower).
pub(crate) fn is_capital(c: char) -> bool {
    c.is_uppercase() || (!c.is_lowercase() && c.to_lowercase().next().is_some_and(|l| l != c))
}

/// How a character takes part in folding.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub(crate) enum Class {
    /// Part of a word.
    Word,
    /// Invisible inside a word: neither a word character nor a separator.
    Ignorable,
    /// Separates words.
    Separator,
}

/// Classifies a character; see the module docs.
pub(crate) fn classify(c: char) -> Class {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            Class::Word
        } else {
            Class::Separator
        }
    } else if matches!(c, '\u{AD}' | '\u{200C}' | '\u{200D}' | '\u{2060}') {
        Class::Ignorable
    } else if c.is_alphanumeric() || is_combining_mark(c) {
        Class::Word
    } else {
        Class::Separator
    }
}

/// Where folded text goes: a `String`, or the bytes of one being built.
pub(crate) trait FoldOut {
    /// Appends `c`.
    fn push_char(&mut self, c: char);
}

impl FoldOut for String {
    fn push_char(&mut self, c: char) {
        self.push(c);
    }
}

impl FoldOut for Vec<u8> {
    fn push_char(&mut self, c: char) {
        self.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
    }
}

/// Appends the folded form of one word character to `out`, lower-cased
/// when `lower` is true. It may append nothing (a lone combining mark).
pub(crate) fn fold_char(c: char, lower: bool, out: &mut impl FoldOut) {
    if c.is_ascii() {
        out.push_char(if lower { c.to_ascii_lowercase() } else { c });
        return;
    }
    decompose_compatible(c, |d| {
        if is_combining_mark(d) || !d.is_alphanumeric() {
            return;
        }
        if lower {
            // Lower-casing letter by letter leaves final sigma apart from
            // the sigma that "Σ" lower-cases to; case folding joins them.
            for l in d.to_lowercase() {
                push_plain(if l == 'ς' { 'σ' } else { l }, out);
            }
        } else {
            push_plain(d, out);
        }
    });
}

/// Pushes a decomposed letter, spelling out the Latin letters that carry
/// their diacritic inside the letter itself and so survive decomposition.
fn push_plain(c: char, out: &mut impl FoldOut) {
    let plain = match c {
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
        _ => {
            // Only letters and digits reach here; a compatibility
            // decomposition never yields a combining mark at this point.
            if !is_combining_mark(c) {
                out.push_char(c);
            }
            return;
        }
    };
    plain.chars().for_each(|c| out.push_char(c));
}

/// Eight copies of a byte in a `u64`.
const fn splat(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}

/// The high bit of every byte.
const HIGH: u64 = splat(0x80);

/// The bytes of `x` in `lo..=hi`, as their high bits. Only for bytes
/// below 0x80 (`x & !HIGH`) and bounds in `1..0x80`: no sum then carries
/// from one byte into the next.
#[inline]
fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    let at_least_lo = x.wrapping_add(splat(0x80 - lo));
    let above_hi = x.wrapping_add(splat(0x7F - hi));
    at_least_lo & !above_hi & HIGH
}

/// Eight bytes of text, folded at once: how many of them, from the
/// first, are ASCII letters and digits (8 when all are), and the eight
/// bytes with the capitals among them lower-cased when `lower` is true.
#[inline]
fn fold8(x: u64, lower: bool) -> (usize, u64) {
    let low = x & !HIGH;
    // Setting bit 0x20 maps 'A'..='Z' onto 'a'..='z' and no other byte
    // below 0x80 into that range; digits are tested on the bytes as they
    // are, since the bit would bring control characters among them.
    // Bytes of 0x80 and above are not ASCII (`& !x`).
    let alnum = (in_range(low, b'0', b'9') | in_range(low | splat(0x20), b'a', b'z')) & !x;
    let stop = !alnum & HIGH;
    let n = (stop.trailing_zeros() / 8) as usize;
    let folded = if lower {
        // 0x80 >> 2 is the bit that lower-cases an ASCII capital.
        x | (in_range(low, b'A', b'Z') & !x) >> 2
    } else {
        x
    };
    (n, folded)
}

/// Appends the run of ASCII letters and digits at `bytes[from..]` to
/// `out`, lower-cased when `lower` is true, and returns where it ends.
/// Eight bytes at a time: a word of news is about six letters long, so
/// most words take one step, with one eight-byte store (the bytes past
/// the word are cut off again).
#[inline]
fn push_ascii(out: &mut Vec<u8>, bytes: &[u8], from: usize, lower: bool) -> usize {
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let (n, folded) = fold8(x, lower);
        out.extend_from_slice(&folded.to_le_bytes());
        out.truncate(out.len() - (8 - n));
        i += n;
        if n < 8 {
            return i;
        }
    }
    for &b in bytes.get(i..).unwrap_or_default() {
        if !b.is_ascii_alphanumeric() {
            break;
        }
        out.push(if lower { b.to_ascii_lowercase() } else { b });
        i += 1;
    }
    i
}

impl Folded {
    /// Folds `text` into `self`, replacing what was there.
    pub(crate) fn fold(&mut self, text: &str) {
        self.fold_with(text, true);
    }

    /// Folds `text`, lower-casing only when `lower` is true.
    ///
    /// ASCII is folded a run at a time, eight bytes per step
    /// ([`push_ascii`]); only non-ASCII characters take the general path,
    /// one at a time. The folded text is built as bytes and checked once
    /// at the end to be UTF-8 (it always is: ASCII and whole characters).
    fn fold_with(&mut self, text: &str, lower: bool) {
        let mut out = std::mem::take(&mut self.text).into_bytes();
        out.clear();
        self.tokens.clear();
        out.reserve(text.len() + 8);
        let bytes = text.as_bytes();
        let mut open = false;
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii_alphanumeric() {
                i = self.ascii_run(&mut out, bytes, i, open, lower);
                open = true;
            } else if b.is_ascii() {
                open = false;
                i += 1;
            } else {
                let Some((end, still_open)) = self.other_char(&mut out, text, i, open, lower)
                else {
                    break;
                };
                (i, open) = (end, still_open);
            }
        }
        self.text = String::from_utf8(out).unwrap_or_else(|err| {
            // Unreachable: only ASCII and whole characters were pushed.
            // Should it ever happen, the text stays valid and tokens
            // outside it read as empty.
            String::from_utf8_lossy(err.as_bytes()).into_owned()
        });
    }

    /// Folds the run of ASCII letters and digits at `i`, starting a token
    /// unless one is `open`; returns where the run ends.
    #[inline]
    fn ascii_run(
        &mut self,
        out: &mut Vec<u8>,
        bytes: &[u8],
        i: usize,
        open: bool,
        lower: bool,
    ) -> usize {
        if !open {
            if !out.is_empty() {
                out.push(b' ');
            }
            self.tokens.push(Token {
                fstart: out.len(),
                fend: 0,
                start: i,
                end: 0,
            });
        }
        let end = push_ascii(out, bytes, i, lower);
        if let Some(t) = self.tokens.last_mut() {
            t.fend = out.len();
            t.end = end;
        }
        end
    }

    /// Folds the non-ASCII character at `i`: a separator closes the open
    /// token, an ignorable one is skipped, a word character extends or
    /// opens one. Returns where the character ends and whether a token is
    /// open after it; `None` if `i` is not a character boundary.
    fn other_char(
        &mut self,
        out: &mut Vec<u8>,
        text: &str,
        i: usize,
        open: bool,
        lower: bool,
    ) -> Option<(usize, bool)> {
        let c = text.get(i..)?.chars().next()?;
        let end = i + c.len_utf8();
        let open = match classify(c) {
            Class::Separator => false,
            Class::Ignorable => open,
            Class::Word if open => {
                fold_char(c, lower, out);
                if let Some(t) = self.tokens.last_mut() {
                    t.fend = out.len();
                    t.end = end;
                }
                true
            }
            Class::Word => self.open_token(out, c, lower, i, end),
        };
        Some((end, open))
    }

    /// Starts a token with `c`; returns false if `c` folds to nothing, in
    /// which case no token is started.
    fn open_token(
        &mut self,
        out: &mut Vec<u8>,
        c: char,
        lower: bool,
        start: usize,
        end: usize,
    ) -> bool {
        let mark = out.len();
        if !out.is_empty() {
            out.push(b' ');
        }
        let fstart = out.len();
        fold_char(c, lower, out);
        if out.len() == fstart {
            out.truncate(mark);
            return false;
        }
        let fend = out.len();
        self.tokens.push(Token {
            fstart,
            fend,
            start,
            end,
        });
        true
    }
}

/// Folds a short string (an alias) to its matching form.
pub(crate) fn fold_str(text: &str) -> String {
    with_scratch(|f| {
        f.fold_with(text, true);
        f.text.clone()
    })
}

/// Folds a short string keeping case: the same tokens as [`fold_str`], but
/// not lower-cased. Used to compare the case of a match with its alias.
pub(crate) fn fold_str_keep_case(text: &str) -> String {
    with_scratch(|f| {
        f.fold_with(text, false);
        f.text.clone()
    })
}

thread_local! {
    /// The buffers `fold_str` folds into: loading folds every alias of the
    /// gazetteer, and a fresh `Folded` each time cost two allocations.
    static SCRATCH: RefCell<Folded> = RefCell::new(Folded::default());
}

/// Runs `f` on this thread's scratch buffers (fresh ones if they are in
/// use), and lets go of them if they grew large.
fn with_scratch<R>(f: impl FnOnce(&mut Folded) -> R) -> R {
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => {
            let out = f(&mut scratch);
            if scratch.text.capacity() > 1 << 16 {
                *scratch = Folded::default();
            }
            out
        }
        Err(_) => f(&mut Folded::default()),
    })
}

/// Maps typographic punctuation to its ASCII form, for comparing the
/// punctuation around an alias with the text's.
pub(crate) fn plain_punct(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' => ' ',
        '\u{2024}' => '.',
        _ => c,
    }
}

#[cfg(test)]
#[allow(clippy::string_slice)]
mod tests {
    use super::*;

    fn folded(text: &str) -> Folded {
        let mut f = Folded::default();
        f.fold(text);
        f
    }

    #[test]
    fn separators_collapse_to_one_space() {
        assert_eq!(folded("  U.S.-backed,\n\tCIA  ").text, "u s backed cia");
        assert_eq!(folded("Washington’s").text, "washington s");
        assert_eq!(folded("").text, "");
        assert_eq!(folded(" -- ").text, "");
    }

    #[test]
    fn accents_and_compatibility_forms_fold() {
        assert_eq!(folded("Peña Nieto, Calderón").text, "pena nieto calderon");
        assert_eq!(folded("Calde\u{301}ron").text, "calderon");
        assert_eq!(folded("ﬁnance ＣＩＡ").text, "finance cia");
        assert_eq!(folded("Straße STRASSE").text, "strasse strasse");
        assert_eq!(folded("Łódź Ørsted").text, "lodz orsted");
    }

    #[test]
    fn letters_whose_case_changes_length() {
        assert_eq!(folded("İstanbul").text, "istanbul");
        assert_eq!(folded("ǅemal").text, "dzemal");
        assert_eq!(folded("ẞ").text, "ss");
    }

    #[test]
    fn ignorable_characters_join_words() {
        assert_eq!(folded("Wash\u{AD}ington").text, "washington");
        let f = folded("a\u{200D}b \u{200B}c");
        assert_eq!(f.text, "ab c");
    }

    #[test]
    fn lone_marks_make_no_token() {
        let f = folded("\u{301} x \u{FE0F}");
        assert_eq!(f.text, "x");
        assert_eq!(f.tokens.len(), 1);
    }

    #[test]
    fn tokens_map_back_to_original_char_boundaries() {
        let text = "«Peña» met the CIA’s chief";
        let f = folded(text);
        let words: Vec<&str> = f.tokens.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(words, ["Peña", "met", "the", "CIA", "s", "chief"]);
        for t in &f.tokens {
            assert_eq!(&f.text[t.fstart..t.fend], fold_str(&text[t.start..t.end]));
        }
    }

    #[test]
    fn ascii_fast_path_agrees_with_general_path() {
        for c in (0u8..128).map(char::from) {
            let mut fast = String::new();
            if classify(c) == Class::Word {
                fold_char(c, true, &mut fast);
                assert_eq!(fast, c.to_lowercase().to_string());
                assert!(c.is_alphanumeric());
            } else {
                assert!(!c.is_alphanumeric());
            }
        }
    }

    #[test]
    fn eight_bytes_at_a_time_agree_with_one_at_a_time() {
        // Every byte value at every position of the first two steps of
        // eight and in the tail, in both cases.
        for b in 0..=255u8 {
            for at in 0..20 {
                let mut run = b"Zz09aZqQ".repeat(3);
                run.truncate(at);
                run.push(b);
                run.extend_from_slice(b"Reuters");
                for lower in [true, false] {
                    let mut out = Vec::new();
                    let end = push_ascii(&mut out, &run, 0, lower);
                    let want: Vec<u8> = run
                        .iter()
                        .take_while(|b| b.is_ascii_alphanumeric())
                        .map(|b| if lower { b.to_ascii_lowercase() } else { *b })
                        .collect();
                    assert_eq!((end, &out), (want.len(), &want), "{b:#x} at {at}");
                }
            }
        }
    }

    #[test]
    fn keep_case_has_the_same_shape() {
        for s in ["U.S.", "Peña Nieto", "al-Qaeda", "İstanbul", "ǅemal"] {
            let kept = fold_str_keep_case(s);
            assert_eq!(kept.split(' ').count(), fold_str(s).split(' ').count());
        }
        assert_eq!(fold_str_keep_case("U.S."), "U S");
        assert_eq!(fold_str_keep_case("Peña"), "Pena");
    }
}
