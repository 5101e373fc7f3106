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

/// Appends the folded form of one word character to `out`, lower-cased
/// when `lower` is true. It may append nothing (a lone combining mark).
pub(crate) fn fold_char(c: char, lower: bool, out: &mut String) {
    if c.is_ascii() {
        out.push(if lower { c.to_ascii_lowercase() } else { c });
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
fn push_plain(c: char, out: &mut String) {
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
                out.push(c);
            }
            return;
        }
    };
    out.push_str(plain);
}

/// ASCII letters and digits lower-cased; every other byte 0.
static ASCII_LOWER: [u8; 256] = ascii_table(true);
/// ASCII letters and digits as they are; every other byte 0.
static ASCII_KEEP: [u8; 256] = ascii_table(false);

const fn ascii_table(lower: bool) -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = if lower { c.to_ascii_lowercase() } else { c };
        }
        b += 1;
    }
    t
}

impl Folded {
    /// Folds `text` into `self`, replacing what was there.
    pub(crate) fn fold(&mut self, text: &str) {
        self.fold_with(text, true);
    }

    /// Folds `text`, lower-casing only when `lower` is true.
    ///
    /// ASCII is folded a run at a time (a run of letters and digits is
    /// pushed through a 256-byte table that lower-cases it and finds its
    /// end); only non-ASCII characters take the general path, one at a
    /// time.
    fn fold_with(&mut self, text: &str, lower: bool) {
        self.text.clear();
        self.tokens.clear();
        self.text.reserve(text.len());
        let bytes = text.as_bytes();
        let mut open = false;
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii_alphanumeric() {
                if !open {
                    if !self.text.is_empty() {
                        self.text.push(' ');
                    }
                    self.tokens.push(Token {
                        fstart: self.text.len(),
                        fend: 0,
                        start: i,
                        end: 0,
                    });
                    open = true;
                }
                let end = self.push_ascii(bytes, i, lower);
                if let Some(t) = self.tokens.last_mut() {
                    t.fend = self.text.len();
                    t.end = end;
                }
                i = end;
            } else if b.is_ascii() {
                open = false;
                i += 1;
            } else {
                let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                    break;
                };
                let end = i + c.len_utf8();
                match classify(c) {
                    Class::Separator => open = false,
                    Class::Ignorable => {}
                    Class::Word => {
                        if open {
                            fold_char(c, lower, &mut self.text);
                            if let Some(t) = self.tokens.last_mut() {
                                t.fend = self.text.len();
                                t.end = end;
                            }
                        } else {
                            open = self.open_token(c, lower, i, end);
                        }
                    }
                }
                i = end;
            }
        }
    }

    /// Appends the run of ASCII letters and digits at `bytes[from..]`,
    /// lower-cased when `lower` is true, and returns where it ends. Words
    /// are short: pushing while scanning beats finding the end, copying
    /// and lower-casing in three passes.
    #[inline]
    fn push_ascii(&mut self, bytes: &[u8], from: usize, lower: bool) -> usize {
        let table = if lower { &ASCII_LOWER } else { &ASCII_KEEP };
        let run = bytes.get(from..).unwrap_or_default();
        let mut n = 0;
        for &b in run {
            let f = table[usize::from(b)];
            if f == 0 {
                break;
            }
            self.text.push(char::from(f));
            n += 1;
        }
        from + n
    }

    /// Starts a token with `c`; returns false if `c` folds to nothing, in
    /// which case no token is started.
    fn open_token(&mut self, c: char, lower: bool, start: usize, end: usize) -> bool {
        let mark = self.text.len();
        if !self.text.is_empty() {
            self.text.push(' ');
        }
        let fstart = self.text.len();
        fold_char(c, lower, &mut self.text);
        if self.text.len() == fstart {
            self.text.truncate(mark);
            return false;
        }
        let fend = self.text.len();
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
    fn keep_case_has_the_same_shape() {
        for s in ["U.S.", "Peña Nieto", "al-Qaeda", "İstanbul", "ǅemal"] {
            let kept = fold_str_keep_case(s);
            assert_eq!(kept.split(' ').count(), fold_str(s).split(' ').count());
        }
        assert_eq!(fold_str_keep_case("U.S."), "U S");
        assert_eq!(fold_str_keep_case("Peña"), "Pena");
    }
}
