//! Datelines: where a story was filed ("TOKYO, March 3 -", "MEXICO CITY
//! (Reuters) -", "WASHINGTON —"). Editors tag that place, so mentions in a
//! dateline carry [`Evidence::Dateline`](crate::Evidence::Dateline) and
//! weigh heavily.
//!
//! # The language
//!
//! A dateline is recognised at the very start of a body, in its first 120
//! bytes, or at the start of the paragraph after up to three one-line
//! paragraphs at its top (a plain-text story's headline, byline and date:
//! [`detect_in_body`]). Written as a regular expression (the one this scanner replaced,
//! kept in the tests as the oracle it is checked against), it is
//!
//! ```text
//! ^\s{0,20}
//! ( \p{Lu}[\p{Lu}\p{M}.'’ -]{0,40}\p{Lu}\.?                    place
//!   (?:,[ \t]*\p{Lu}[\p{L}.]{0,11}(?:[ \t]\p{Lu}[\p{L}.]{0,11})?)? )  region
//! (?:,[ \t]*[\p{L}.]{2,12}[ \t]+\d{1,2}(?:,[ \t]*\d{4})?)?       date
//! [ \t]*(?:(?:--)?\([^)\n]{1,30}\)|/[^/\n]{1,30}/)?[ \t]*      agency
//! (?:--?|—|–)(?:\s|$)                                          dash
//! ```
//!
//! The date may carry its year ("Dec. 5, 2026"), and the agency may be a
//! wire service's, in slashes or after two dashes, as press releases
//! write it ("NEW YORK, Dec. 5, 2026 /PRNewswire/ --", "SAN
//! FRANCISCO--(BUSINESS WIRE)--").
//!
//! and the place with its region (the group) is what [`detect`] returns.
//!
//! # Why a scanner
//!
//! Running that regex with captures took 5-8% of all tagging time, and
//! compiling its bounded repetitions of Unicode classes was a large part
//! of the binary's start-up. The scanner below walks the same language by
//! hand, and makes the regex's leftmost-first choices where they matter.
//! Almost every step of the pattern is followed by something it cannot
//! match (`[ \t]*` by a capital, a run of letters by a space or a dash),
//! so a greedy step can never give anything back and the scanner just
//! takes all it can. Only three choices remain, tried in the regex's order
//! and each cut short at the first success: which capital ends the place
//! (the place class holds spaces and capitals, so "MEXICO CITY (" must end
//! at the last capital before the bracket), whether a region follows, and
//! whether the date is present. The work is bounded: at most 41 ends of
//! the place, three region choices for each, and a pass of at most 120
//! bytes for each of those.

use std::sync::LazyLock;

use regex::Regex;

/// How far into a body a dateline may reach, in bytes.
const HEAD: usize = 120;

/// The byte range of the place of a dateline at the start of `body`, if
/// there is one.
pub(crate) fn detect(body: &str) -> Option<(usize, usize)> {
    // A dateline is short; never scan a whole long text.
    let head = body.get(..floor_boundary(body, HEAD)).unwrap_or_default();
    // Every dateline ends in a dash: without one, nothing to try.
    if !head.contains(['-', '—', '–']) {
        return None;
    }
    let mut at = Cursor::new(head);
    // `\s{0,20}`: a capital must follow, so all the spaces are taken.
    at.skip_while(20, char::is_whitespace);
    let start = at.pos;
    if !at.eat(is_upper) {
        return None;
    }
    place_ends(at)
        .flat_map(|place| region_ends(place).into_iter().flatten())
        .find(|group| date_then_tail(*group))
        .map(|group| (start, group.pos))
}

/// How many one-line paragraphs (a headline, a byline, a date) may stand
/// above a dateline at the top of a body.
const HEADER_PARAGRAPHS: usize = 3;

/// The longest line of such a paragraph, in bytes.
const MAX_HEADER_LINE: usize = 160;

/// The byte range of the place of a dateline that opens `body`, or that
/// opens the paragraph after up to [`HEADER_PARAGRAPHS`] paragraphs of
/// one short line each at its top: a plain-text story often carries its
/// headline and byline above "TOKYO, Nov 6 (Reuters) -". Such a paragraph
/// is not ended by a full stop and is followed by a blank line.
pub(crate) fn detect_in_body(body: &str) -> Option<(usize, usize)> {
    let mut at = 0;
    for _ in 0..=HEADER_PARAGRAPHS {
        let rest = body.get(at..)?;
        if let Some((start, end)) = detect(rest) {
            return Some((at + start, at + end));
        }
        at += header_paragraph(rest)?;
    }
    None
}

/// The end of the headline at the top of a body given without a title:
/// its first paragraph when that is one short line, not ended by a full
/// stop, with a blank line after it ("Starmer promises to cut waiting
/// lists"); 0 when there is none.
pub(crate) fn headline_in_body(body: &str) -> usize {
    header_paragraph(body).map_or(0, |len| {
        let lead = body.len() - body.trim_start().len();
        let line = body.get(lead..len).unwrap_or_default().trim_end();
        lead + line.len()
    })
}

/// The length of a paragraph of one short line at the start of `text`,
/// with the blank lines after it, if there is one.
fn header_paragraph(text: &str) -> Option<usize> {
    let lead = text.len() - text.trim_start().len();
    let (line, next) = text.get(lead..)?.split_once('\n')?;
    let line = line.trim_end();
    if line.len() > MAX_HEADER_LINE || line.ends_with('.') {
        return None;
    }
    let (blank, _) = next.split_once('\n')?;
    if !blank.trim().is_empty() {
        return None;
    }
    let gap = next.len() - next.trim_start().len();
    Some(text.len() - next.len() + gap)
}

/// The largest char boundary of `s` at or below `i`.
fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A position in the head of a body. It is `Copy`, so trying an
/// alternative is taking a copy.
#[derive(Clone, Copy, Debug)]
struct Cursor<'h> {
    /// The head of the body, the only text a dateline can be in.
    head: &'h str,
    /// A byte offset into `head`, always on a char boundary.
    pos: usize,
}

impl<'h> Cursor<'h> {
    /// A cursor at the start of `head`.
    fn new(head: &'h str) -> Cursor<'h> {
        Cursor { head, pos: 0 }
    }

    /// The text from the cursor on.
    fn rest(&self) -> &'h str {
        self.head.get(self.pos..).unwrap_or_default()
    }

    /// The char at the cursor, `None` at the end of the head.
    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    /// Steps over the char at the cursor if `accept` holds for it.
    fn eat(&mut self, accept: impl Fn(char) -> bool) -> bool {
        match self.peek() {
            Some(c) if accept(c) => {
                self.pos += c.len_utf8();
                true
            }
            _ => false,
        }
    }

    /// Steps over at most `max` chars for which `accept` holds, and says
    /// how many.
    fn skip_while(&mut self, max: usize, accept: impl Fn(char) -> bool) -> usize {
        let mut n = 0;
        while n < max && self.eat(&accept) {
            n += 1;
        }
        n
    }
}

/// The cursor after each way to end the place, in the regex's order of
/// preference, given the cursor after its first capital.
///
/// `[\p{Lu}\p{M}.'’ -]{0,40}\p{Lu}` is greedy, so the last capital the run
/// can reach is tried first, and then each capital before it. A `\.?`
/// after the capital is always taken: without it the next char would be a
/// '.', which nothing after the place accepts.
fn place_ends(after_first: Cursor<'_>) -> impl Iterator<Item = Cursor<'_>> {
    let mut end = after_first;
    end.skip_while(40, is_place_char);
    let run = after_first
        .head
        .get(after_first.pos..end.pos)
        .unwrap_or_default();
    // The char just past the run is the longest try; it can only be a
    // capital when the run stopped at its 40 chars.
    let past = std::iter::once(end.pos);
    let within = run
        .char_indices()
        .rev()
        .map(move |(i, _)| after_first.pos + i);
    past.chain(within).filter_map(move |pos| {
        let mut at = Cursor { pos, ..after_first };
        at.eat(is_upper).then(|| {
            at.eat(|c| c == '.');
            at
        })
    })
}

/// The cursor after each way to read the optional region that may follow
/// the place (", N.Y.", ", New Mexico"), in the regex's order: with a
/// second word, with one word, and without a region.
///
/// The region's words are runs of letters and dots, and nothing after a
/// word accepts a letter or a dot, so each run is taken whole.
fn region_ends(place: Cursor<'_>) -> [Option<Cursor<'_>>; 3] {
    let mut one = place;
    if !(one.eat(|c| c == ',') && {
        one.skip_while(usize::MAX, is_blank);
        one.eat(is_upper)
    }) {
        return [None, None, Some(place)];
    }
    one.skip_while(11, is_word_char);
    let mut two = one;
    let two = (two.eat(is_blank) && two.eat(is_upper)).then(|| {
        two.skip_while(11, is_word_char);
        two
    });
    [two, Some(one), Some(place)]
}

/// Whether the rest of a dateline follows the place (and region): the
/// optional date, tried first (with its year, then without), then the
/// agency and the dash.
fn date_then_tail(group: Cursor<'_>) -> bool {
    date(group).is_some_and(|d| year(d).is_some_and(tail) || tail(d)) || tail(group)
}

/// The cursor after a date's year (", 2026") at `at`, if there is one:
/// `,[ \t]*\d{4}`.
fn year(mut at: Cursor<'_>) -> Option<Cursor<'_>> {
    let ok = at.eat(|c| c == ',') && {
        at.skip_while(usize::MAX, is_blank);
        at.skip_while(4, is_digit) == 4
    };
    ok.then_some(at)
}

/// The cursor after a date (", March 3", ", Feb. 26") at `at`, if there is
/// one: `,[ \t]*[\p{L}.]{2,12}[ \t]+\d{1,2}`. Each run is followed by a
/// char it cannot take, so each is taken whole.
fn date(mut at: Cursor<'_>) -> Option<Cursor<'_>> {
    let ok = at.eat(|c| c == ',')
        && {
            at.skip_while(usize::MAX, is_blank);
            at.skip_while(12, is_word_char) >= 2
        }
        && at.skip_while(usize::MAX, is_blank) >= 1
        && at.skip_while(2, is_digit) >= 1;
    ok.then_some(at)
}

/// Whether the end of a dateline is at `at`: an optional agency between
/// blanks, then a dash, then a space or the end of the head:
/// `[ \t]*(?:(?:--)?\([^)\n]{1,30}\)|/[^/\n]{1,30}/)?[ \t]*(?:--?|—|–)(?:\s|$)`.
fn tail(mut at: Cursor<'_>) -> bool {
    at.skip_while(usize::MAX, is_blank);
    // The regex prefers taking the agency; had it taken one and failed
    // after, going without it leaves a '(' or a '/' (or two dashes before
    // a '(') where the dash and its space are needed, which fails too.
    if let Some(after) = agency(at) {
        at = after;
        at.skip_while(usize::MAX, is_blank);
    }
    let dash = if at.eat(|c| c == '-') {
        // "--?" is greedy, and giving the second '-' back never helps: it
        // is not a space.
        at.eat(|c| c == '-');
        true
    } else {
        at.eat(|c| c == '—' || c == '–')
    };
    dash && at.peek().is_none_or(char::is_whitespace)
}

/// The cursor after an agency at `at`, if one is there: in brackets,
/// perhaps after two dashes ("(Reuters)", "--(BUSINESS WIRE)"), or in
/// slashes ("/PRNewswire/"). Neither the closing char nor a newline can
/// be inside, so the run inside is taken whole and must stop at the
/// closing char.
fn agency(at: Cursor<'_>) -> Option<Cursor<'_>> {
    let mut dashed = at;
    let dashes = dashed.eat(|c| c == '-') && dashed.eat(|c| c == '-');
    let dashed = dashes.then(|| enclosed(dashed, '(', ')')).flatten();
    dashed
        .or_else(|| enclosed(at, '(', ')'))
        .or_else(|| enclosed(at, '/', '/'))
}

/// The cursor after `open`, one to 30 chars other than `close` and a
/// newline, and `close`, at `at`.
fn enclosed(mut at: Cursor<'_>, open: char, close: char) -> Option<Cursor<'_>> {
    let ok = at.eat(|c| c == open)
        && at.skip_while(30, |c| c != close && c != '\n') > 0
        && at.eat(|c| c == close);
    ok.then_some(at)
}

/// A space or a tab: `[ \t]`.
fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// A char of the place's run: `[\p{Lu}\p{M}.'’ -]`.
fn is_place_char(c: char) -> bool {
    matches!(c, '.' | '\'' | '’' | ' ' | '-') || is_upper(c) || is_mark(c)
}

/// A char of a region or month word: `[\p{L}.]`.
fn is_word_char(c: char) -> bool {
    c == '.' || is_letter(c)
}

/// An upper-case letter: `\p{Lu}`.
fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else {
        unicode::UPPER.is(c)
    }
}

/// A letter: `\p{L}`.
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        unicode::LETTER.is(c)
    }
}

/// A mark: `\p{M}`. No ASCII char is one.
fn is_mark(c: char) -> bool {
    !c.is_ascii() && unicode::MARK.is(c)
}

/// A decimal digit: `\d`, which is `\p{Nd}` in Unicode.
fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        unicode::DIGIT.is(c)
    }
}

/// The Unicode general categories of non-ASCII chars.
///
/// The standard library has no general categories (`char::is_uppercase`
/// is the Uppercase property, which also holds for 'Ⅻ' and 'Ⓐ', which
/// are not `Lu`), so a non-ASCII char is looked up with a one-class regex.
/// That uses the very tables the old pattern used, so the language stays
/// exactly the same. Each class is compiled on first use, which is cheap
/// next to the old pattern: no bounded repetitions.
mod unicode {
    use super::{LazyLock, Regex};

    /// One general category, as an anchored one-char regex.
    pub(super) struct Category(LazyLock<Regex>);

    impl Category {
        /// Whether `c` is in the category.
        pub(super) fn is(&self, c: char) -> bool {
            let mut buf = [0; 4];
            self.0.is_match(c.encode_utf8(&mut buf))
        }
    }

    /// `\p{Lu}`.
    pub(super) static UPPER: Category = Category(LazyLock::new(|| class(r"^\p{Lu}$")));
    /// `\p{L}`.
    pub(super) static LETTER: Category = Category(LazyLock::new(|| class(r"^\p{L}$")));
    /// `\p{M}`.
    pub(super) static MARK: Category = Category(LazyLock::new(|| class(r"^\p{M}$")));
    /// `\p{Nd}`, which is what `\d` means in a Unicode regex.
    pub(super) static DIGIT: Category = Category(LazyLock::new(|| class(r"^\p{Nd}$")));

    /// Compiles the one-class pattern `pattern`.
    fn class(pattern: &str) -> Regex {
        Regex::new(pattern).expect("a one-class pattern is a valid regex")
    }
}
#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use regex::Regex;

    use super::{detect, detect_in_body, floor_boundary};

    /// The place of the dateline of `body`, checked against the oracle.
    fn place(body: &str) -> Option<&str> {
        let found = detect(body);
        assert_eq!(found, oracle(body), "{body:?}");
        found.and_then(|(s, e)| body.get(s..e))
    }

    /// The regex the scanner replaced, kept as its oracle: the scanner
    /// must return exactly its group 1, on the same head.
    fn oracle(body: &str) -> Option<(usize, usize)> {
        static DATELINE: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
            Regex::new(
                r"^\s{0,20}(\p{Lu}[\p{Lu}\p{M}.'’ -]{0,40}\p{Lu}\.?(?:,[ \t]*\p{Lu}[\p{L}.]{0,11}(?:[ \t]\p{Lu}[\p{L}.]{0,11})?)?)(?:,[ \t]*[\p{L}.]{2,12}[ \t]+\d{1,2}(?:,[ \t]*\d{4})?)?[ \t]*(?:(?:--)?\([^)\n]{1,30}\)|/[^/\n]{1,30}/)?[ \t]*(?:--?|—|–)(?:\s|$)",
            )
            .unwrap()
        });
        let head = body.get(..floor_boundary(body, 120)).unwrap();
        let place = DATELINE.captures(head)?.get(1)?;
        Some((place.start(), place.end()))
    }

    #[test]
    fn common_dateline_forms() {
        assert_eq!(place("TOKYO, March 3 - The Bank of Japan"), Some("TOKYO"));
        assert_eq!(
            place("MEXICO CITY (Reuters) - Mexico's"),
            Some("MEXICO CITY")
        );
        assert_eq!(place("WASHINGTON — The Senate"), Some("WASHINGTON"));
        assert_eq!(place("  ST. LOUIS, Mo. -- A"), Some("ST. LOUIS, Mo."));
        assert_eq!(
            place("ROCHESTER, N.Y., March 3 - A"),
            Some("ROCHESTER, N.Y.")
        );
        assert_eq!(
            place("SANTA CRUZ, Calif., Feb 26 -\n"),
            Some("SANTA CRUZ, Calif.")
        );
        assert_eq!(place("SÃO PAULO, Feb 2 – Brazil"), Some("SÃO PAULO"));
        assert_eq!(place("    SALVADOR, Feb 26 - "), Some("SALVADOR"));
        // Press releases.
        assert_eq!(
            place("NEW YORK, Dec. 5, 2026 /PRNewswire/ -- Acme Robotics Inc."),
            Some("NEW YORK")
        );
        assert_eq!(
            place("SAN FRANCISCO--(BUSINESS WIRE)--Acme Robotics Inc."),
            None,
            "the text runs on after the dash"
        );
        assert_eq!(
            place("SAN FRANCISCO--(BUSINESS WIRE)-- Acme Robotics Inc."),
            Some("SAN FRANCISCO")
        );
    }

    #[test]
    fn the_scanner_makes_the_regex_choices() {
        // The place ends at its last capital, before the bracket.
        assert_eq!(place("NEW YORK (AP) - Stocks"), Some("NEW YORK"));
        // A region of two words.
        assert_eq!(
            place("SANTA FE, New Mexico, Jan 5 - The"),
            Some("SANTA FE, New Mexico")
        );
        // A capitalised month is a region when no date follows it...
        assert_eq!(place("PARIS, March - The"), Some("PARIS, March"));
        // ...and a date when a day does.
        assert_eq!(place("PARIS, March 12 - The"), Some("PARIS"));
        // The dot after the place is its own.
        assert_eq!(place("WASHINGTON D.C. - A"), Some("WASHINGTON D.C."));
        // An apostrophe, a hyphen and a combining mark in the place.
        assert_eq!(place("N'DJAMENA - Chad"), Some("N'DJAMENA"));
        assert_eq!(
            place("WINSTON-SALEM, N.C. - A"),
            Some("WINSTON-SALEM, N.C.")
        );
        assert_eq!(place("SA\u{303}O PAULO - A"), Some("SA\u{303}O PAULO"));
        // A place cannot end in a mark: it ends at a capital.
        assert_eq!(place("BOGOTA\u{301} - A"), None);
        // A dash at the very end of the head, and a double dash.
        assert_eq!(place("LONDON -"), Some("LONDON"));
        assert_eq!(place("LONDON --\tShares"), Some("LONDON"));
        // Twenty leading spaces are allowed, not twenty-one.
        let spaces = " ".repeat(20);
        assert_eq!(place(&format!("{spaces}OSLO - A")), Some("OSLO"));
        assert_eq!(place(&format!(" {spaces}OSLO - A")), None);
    }

    #[test]
    fn ordinary_openings_are_not_datelines() {
        assert_eq!(place("The CIA said - again - that"), None);
        assert_eq!(place("Officials in Tokyo - said"), None);
        assert_eq!(place("US officials — said"), None);
        assert_eq!(place(""), None);
        assert_eq!(
            place("ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ"),
            None
        );
        // A hyphen inside a word, a three-digit day, an unclosed bracket.
        assert_eq!(place("NATO-led forces"), None);
        assert_eq!(place("TOKYO, March 123 - A"), None);
        assert_eq!(place("TOKYO (Reuters - A"), None);
        // Roman numerals are upper case but are not letters (`\p{Lu}`).
        assert_eq!(place("ⅫⅫ - A"), None);
    }

    #[test]
    fn only_the_head_is_read() {
        let late = format!("{}LONDON - A", " ".repeat(10));
        assert_eq!(place(&late), Some("LONDON"));
        // The dash lies past the first 120 bytes.
        let long = format!("LONDON{} - A", "E".repeat(120));
        assert_eq!(place(&long), None);
        // A head cut inside a multi-byte char.
        let cut = format!("LONDON{}", "É".repeat(100));
        assert_eq!(place(&cut), None);
    }

    /// The place of the dateline of `body`, at its top or under a header.
    fn place_in_body(body: &str) -> Option<&str> {
        detect_in_body(body).and_then(|(s, e)| body.get(s..e))
    }

    #[test]
    fn a_dateline_under_a_headline_and_a_byline() {
        let story = "Toyota raises profit forecast as weak yen lifts exports\n\n\
                     TOKYO, Nov 6 (Reuters) - Toyota Motor Corp raised its forecast.";
        assert_eq!(place_in_body(story), Some("TOKYO"));
        let story = "Grain deal agreed\n\nBy Maria Kowalska\n\n  \
                     WARSAW, Poland (AP) — Ukraine and Poland agreed ...";
        assert_eq!(place_in_body(story), Some("WARSAW, Poland"));
        assert_eq!(place_in_body("LONDON - Shares fell."), Some("LONDON"));
    }

    #[test]
    fn only_short_header_lines_stand_above_a_dateline() {
        for story in [
            // A sentence, not a headline.
            "Shares fell on Monday.\n\nLONDON - Brokers said ...",
            // Two lines run on: prose, not a header.
            "Shares fell on Monday as\nbrokers sold\n\nLONDON - Brokers said ...",
            // No blank line under the headline.
            "Shares fall in London\nLONDON - Brokers said ...",
            // Four header paragraphs: past the top of the story.
            "One\n\nTwo\n\nThree\n\nFour\n\nLONDON - Brokers said ...",
        ] {
            assert_eq!(place_in_body(story), None, "{story:?}");
        }
    }

    /// Pieces datelines and the openings of other stories are made of,
    /// with the chars the pattern's classes draw their lines between.
    const PIECES: &[&str] = &[
        "TOKYO",
        "MEXICO",
        "CITY",
        "ST.",
        "N'DJAMENA",
        "A",
        "B",
        "Z",
        "É",
        "Ã",
        "Ω",
        "Ⅻ",
        "Ⓐ",
        "ǅ",
        "ß",
        "a",
        "x",
        "é",
        "Calif.",
        "N.Y.",
        "Mo.",
        "New",
        "Mexico",
        "March",
        "Feb",
        "Jan.",
        " ",
        "  ",
        "\t",
        "\n",
        "\r",
        "\u{a0}",
        "\u{2003}",
        "\u{85}",
        "\u{b}",
        ".",
        ",",
        "'",
        "’",
        "-",
        "--",
        "—",
        "–",
        "(",
        ")",
        "(Reuters)",
        "(AP)",
        "0",
        "3",
        "26",
        "123",
        "٣",
        "²",
        "\u{301}",
        "\u{20dd}",
        "\u{903}",
        "北京",
        "مصر",
    ];

    /// A string of pieces, or of arbitrary chars mixed with them.
    fn soup() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            4 => prop::sample::select(PIECES).prop_map(String::from),
            1 => any::<char>().prop_map(String::from),
        ];
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    /// A dateline built part by part, with some parts left out or
    /// mangled, followed by soup.
    fn dateline() -> impl Strategy<Value = String> {
        let spaces = prop::sample::select(&["", " ", "\n  ", "\t", "\u{a0}"][..]);
        let word = prop::sample::select(&["MEXICO", "CITY", "ST.", "SA\u{303}O", "É", "LA"][..]);
        let inner = prop::collection::vec(
            prop::sample::select(
                &["CITY", " ", "ST.", "É", "'", "’", "-", "A", "\u{301}", "Ⅻ"][..],
            ),
            0..6,
        );
        let region = prop::sample::select(
            &[
                "",
                "",
                ", N.Y.",
                ", New Mexico",
                ",Calif.",
                ", Mo",
                ", x",
                ", Ab Cd Ef",
            ][..],
        );
        let date = prop::sample::select(
            &[
                "",
                "",
                ", March 3",
                ", Feb. 26",
                ",\tJan  12",
                ", M 3",
                ", March 123",
                ", Feb ٣",
                ", Dec. 5, 2026",
                ", Dec. 5,2026",
                ", Dec. 5, 202",
                ", Dec. 5, 20265",
            ][..],
        );
        let agency = prop::sample::select(
            &[
                "",
                "",
                " (Reuters)",
                "(AP) ",
                " ()",
                " (x",
                " (a\nb)",
                " /PRNewswire/",
                "/x",
                " //",
                "--(BUSINESS WIRE)",
                "--(x",
                " --",
            ][..],
        );
        let dash = prop::sample::select(&[" - ", " -- ", " — ", "–", " -", "-\n", " -x"][..]);
        let place =
            (word.clone(), inner, word).prop_map(|(a, b, c)| format!("{a}{}{c}", b.concat()));
        (spaces, place, region, date, agency, dash, soup())
            .prop_map(|(s, p, r, d, a, h, rest)| format!("{s}{p}{r}{d}{a}{h}{rest}"))
    }

    /// A dateline with a piece of soup put in somewhere, to probe the
    /// edges of each part.
    fn mangled() -> impl Strategy<Value = String> {
        (dateline(), any::<prop::sample::Index>(), soup()).prop_map(|(line, at, piece)| {
            let mut at = at.index(line.len() + 1);
            while !line.is_char_boundary(at) {
                at -= 1;
            }
            let (a, b) = line.split_at(at);
            let piece: String = piece.chars().take(2).collect();
            format!("{a}{piece}{b}")
        })
    }

    proptest! {
        #[test]
        fn agrees_with_the_regex_on_soup(body in soup()) {
            prop_assert_eq!(detect(&body), oracle(&body));
        }

        #[test]
        fn agrees_with_the_regex_on_datelines(body in dateline()) {
            prop_assert_eq!(detect(&body), oracle(&body));
        }

        #[test]
        fn agrees_with_the_regex_on_mangled_datelines(body in mangled()) {
            prop_assert_eq!(detect(&body), oracle(&body));
        }

        #[test]
        fn agrees_with_the_regex_on_any_string(body in any::<String>()) {
            prop_assert_eq!(detect(&body), oracle(&body));
        }

        #[test]
        fn a_place_under_a_header_is_a_place_of_the_body(
            header in "([A-Za-z ]{1,20}\n\n){0,4}",
            body in dateline(),
        ) {
            let story = format!("{header}{body}");
            if let Some((start, end)) = detect_in_body(&story) {
                // The header has no dash: the place is the body's.
                prop_assert!(start >= header.len(), "{:?}", story);
                prop_assert!(story.get(start..end).is_some_and(|p| !p.is_empty()));
            }
        }
    }
}
