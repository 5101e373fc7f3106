//! The writer of a story, who is not what it is about.
//!
//! A story often opens with its byline: "By Jane Doe, Reuters", "By
//! JOSEPH FITSANAKIS | intelNews.org |", sometimes after a line with the
//! date. An editor never tags the writer, yet the name reads like any
//! other: a given name and a surname at the top of the text, which
//! discovery and salience would both take for the person the story is
//! about. So before anything else reads the body, the writer's name is
//! found there and hidden from every stage: in the byline, and wherever
//! the same full name stands again in the body (a sign-off, "Jane Doe is
//! our Moscow correspondent").
//!
//! # What is a byline
//!
//! A line among the first [`HEADER_LINES`] lines of the body that are not
//! blank, before any line of prose (a line with a word that begins with a
//! lower-case letter, or one longer than [`MAX_HEAD`] bytes: a wire story
//! in capitals) other than a headline on the first line (set apart by a
//! blank line, not ended by a full stop), that reads "By" ("by", "BY"), then one or more
//! names joined by "and", then either the end of the line or a
//! separator (`,`, `|`, `/`, a dash, `(`) and whatever follows it (the
//! outlet, "Staff Writer"). A name is two to [`NAME_WORDS`] words, the
//! first and the last capitalised ("Ludwig van Beethoven", "Jean-Pierre
//! O'Neill", "J. R. Smith"); the last does not end with a full stop, which
//! would end a sentence instead. Lines of wrapped prose that begin with
//! "by" ("by Finance Minister Gerhard Stoltenberg at last month's") fail
//! on the word after the name; a story that begins "By Monday, Tokyo ..."
//! has one capitalised word where a name needs two.
//!
//! # The credits at the foot
//!
//! A wire story often ends with who reported and edited it: "(Reporting
//! by David Lawder in Washington; Editing by Chizu Nomiyama and Paul
//! Simao)". A line among the last [`FOOTER_LINES`] that are not blank is
//! read as credits when all of it is: clauses separated by `;`, the whole
//! perhaps in brackets, each a role of up to [`MAX_ROLE_WORDS`] words
//! whose last ends in "-ing" ("Reporting", "Additional reporting",
//! "Editing", "Writing"), then "by", then names as in a byline, joined by
//! "and" or commas, each perhaps followed by "in" and the place the work
//! was done, which stays a place. Prose fails on the role ("The fall was
//! led by ...") or on what follows the names.
//!
//! The check costs nothing on a story without a line that starts with
//! "by": that is looked at first, on the first lines only; at the foot, a
//! line without " by " is passed over.

use std::ops::Range;

/// How many lines that are not blank, from the top of the body, may hold
/// a byline (a date, a kicker and the byline itself, usually).
pub(crate) const HEADER_LINES: usize = 4;

/// The most words in one name, lower-case particles included.
pub(crate) const NAME_WORDS: usize = 5;

/// How many lines that are not blank, from the foot of the body, may hold
/// the credits.
pub(crate) const FOOTER_LINES: usize = 3;

/// The longest credits line, in bytes: several clauses of names.
const MAX_CREDITS: usize = 400;

/// The most words in a credit's role before "by" ("Additional reporting").
const MAX_ROLE_WORDS: usize = 3;

/// The longest line read as a byline, in bytes: a byline is short.
const MAX_LINE: usize = 160;

/// The longest line above a byline, in bytes: a date, a kicker, a
/// section; a longer line is the story itself, in capitals perhaps.
const MAX_HEAD: usize = 40;

/// The longest lower-case word taken as a particle inside a name ("van",
/// "bin", "de"), in bytes.
const MAX_PARTICLE: usize = 4;

/// The writers' names in `body`: each name of each byline, each later
/// place where one of those names stands again, and each name of the
/// credits at the foot, as byte ranges in order. Empty for a body with
/// neither.
pub(crate) fn author_spans(body: &str) -> Vec<Range<usize>> {
    let mut names = Vec::new();
    for (n, (start, line)) in header_lines(body).enumerate() {
        match byline_names(line) {
            Some(found) => names.extend(found.into_iter().map(|r| r.start + start..r.end + start)),
            None if n == 0 && is_headline(body, start, line) => {}
            None if is_prose(line) || line.len() > MAX_HEAD => break,
            None => {}
        }
    }
    let mut spans = names.clone();
    let end_of_bylines = names.last().map_or(0, |r| r.end);
    for name in &names {
        let Some(written) = body.get(name.clone()) else {
            continue;
        };
        spans.extend(occurrences(body, written, end_of_bylines));
    }
    for (start, line) in footer_lines(body) {
        if let Some(found) = credit_names(line) {
            spans.extend(found.into_iter().map(|r| r.start + start..r.end + start));
        }
    }
    spans.sort_by_key(|r| (r.start, r.end));
    spans.dedup_by(|b, a| b.start < a.end);
    spans
}

/// The writers' names in the body as written: where they are and the
/// text they are in.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Writers<'a> {
    pub(crate) body: &'a str,
    pub(crate) spans: &'a [Range<usize>],
}

impl<'a> Writers<'a> {
    pub(crate) fn new(body: &'a str, spans: &'a [Range<usize>]) -> Self {
        Writers { body, spans }
    }
}

/// `body` with the bytes of `spans` (on char boundaries) replaced by
/// spaces, written into `out`: the same length and offsets, so spans
/// found in it hold for `body`.
pub(crate) fn blank(body: &str, spans: &[Range<usize>], out: &mut String) {
    out.clear();
    let mut at = 0;
    for r in spans {
        let (Some(before), Some(_)) = (body.get(at..r.start), body.get(r.clone())) else {
            continue;
        };
        out.push_str(before);
        out.extend(std::iter::repeat_n(' ', r.len()));
        at = r.end;
    }
    out.push_str(body.get(at..).unwrap_or_default());
}

/// The first [`HEADER_LINES`] lines of `body` that are not blank, each
/// with the byte offset where it starts, trimmed of white space at both
/// ends (the offset is the trimmed line's).
fn header_lines(body: &str) -> impl Iterator<Item = (usize, &str)> {
    body.split_inclusive('\n')
        .scan(0usize, |at, line| {
            let start = *at;
            *at += line.len();
            let trimmed = line.trim_start();
            let lead = line.len() - trimmed.len();
            Some((start + lead, trimmed.trim_end()))
        })
        .filter(|(_, line)| !line.is_empty())
        .take(HEADER_LINES)
}

/// Whether `line`, the first of `body` (starting at byte `start`), is a
/// headline in sentence case ("Ukraine and Poland agree on grain deal"):
/// no longer than a byline may be, not ended by a full stop or a comma,
/// and set apart from what follows by a blank line. Wrapped prose runs on
/// into the next line instead.
fn is_headline(body: &str, start: usize, line: &str) -> bool {
    let after = body.get(start + line.len()..).unwrap_or_default();
    let mut lines = after.split('\n').skip(1);
    line.len() <= MAX_LINE
        && !line.ends_with(['.', ','])
        && lines.next().is_some_and(|l| l.trim().is_empty())
}

/// The last [`FOOTER_LINES`] lines of `body` that are not blank, each with
/// the byte offset where it starts, trimmed of white space at both ends.
fn footer_lines(body: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut end = body.len();
    body.rsplit('\n')
        .map(move |line| {
            end -= line.len();
            let start = end;
            end = end.saturating_sub(1);
            let trimmed = line.trim_start();
            (start + line.len() - trimmed.len(), trimmed.trim_end())
        })
        .filter(|(_, line)| !line.is_empty())
        .take(FOOTER_LINES)
}

/// The names of a credits line (offsets in the line), or `None` if the
/// line is not one: clauses separated by `;`, the whole perhaps in
/// brackets, each a newsroom role ending in "-ing" and "by", then names
/// joined by "and" or commas, each perhaps followed by "in" and the place
/// the work was done ("(Reporting by Jane Doe in Lagos; Editing by John
/// Smith and Mary Major)"). The places are not names: they stay.
fn credit_names(line: &str) -> Option<Vec<Range<usize>>> {
    if line.len() > MAX_CREDITS || !(line.contains(" by ") || line.contains(" By ")) {
        return None;
    }
    let words = words(line, 0);
    let mut i = usize::from(words.first()?.text == "(");
    let mut names = Vec::new();
    loop {
        i = credit_role(&words, i)?;
        loop {
            let (name, next) = name_at(&words, i)?;
            names.push(name);
            i = skip_place(&words, next);
            match words.get(i).map(|w| w.text) {
                Some("and" | ",") => i += 1,
                _ => break,
            }
        }
        match words.get(i).map(|w| w.text) {
            Some(";") => i += 1,
            Some(")") if i + 1 == words.len() => return Some(names),
            None => return Some(names),
            Some(_) => return None,
        }
    }
}

/// The index of the word after a credit's role ("Reporting by",
/// "Additional reporting by", "Editing by") that starts at word `i`.
fn credit_role(words: &[Word], i: usize) -> Option<usize> {
    words.get(i).filter(|w| is_capitalised(w.text))?;
    let by =
        (i + 1..i + 1 + MAX_ROLE_WORDS).find(|&j| words.get(j).is_some_and(|w| w.text == "by"))?;
    let role = words.get(i..by)?;
    // Words apart, of letters only ("Additional reporting").
    let alphabetic = role.iter().skip(1).all(|w| w.follows_gap)
        && role.iter().all(|w| w.text.chars().all(char::is_alphabetic));
    let gerund = role
        .last()
        .is_some_and(|w| w.text.to_lowercase().ends_with("ing"));
    (alphabetic && gerund).then_some(by + 1)
}

/// The index of the word after "in Place" at word `i` (up to three
/// capitalised words), or `i` itself.
fn skip_place(words: &[Word], i: usize) -> usize {
    if words.get(i).is_none_or(|w| w.text != "in") {
        return i;
    }
    let place = words
        .iter()
        .skip(i + 1)
        .take(3)
        .take_while(|w| is_capitalised(w.text) && w.text != "and")
        .count();
    if place == 0 { i } else { i + 1 + place }
}

/// Whether a line is prose: a word of it begins with a lower-case letter.
fn is_prose(line: &str) -> bool {
    line.split_whitespace()
        .any(|w| w.chars().next().is_some_and(char::is_lowercase))
}

/// The names of a byline line (offsets in the line), or `None` if the line
/// is not a byline.
fn byline_names(line: &str) -> Option<Vec<Range<usize>>> {
    if line.len() > MAX_LINE {
        return None;
    }
    let rest = ["By", "by", "BY"]
        .iter()
        .find_map(|by| line.strip_prefix(by))?;
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let words = words(line, line.len() - rest.len());
    let mut names = Vec::new();
    let mut i = 0;
    loop {
        let (name, next) = name_at(&words, i)?;
        names.push(name);
        match words.get(next) {
            None => return Some(names),
            Some(w) if w.text == "and" => i = next + 1,
            Some(w) if w.text.starts_with(SEPARATORS) => return Some(names),
            Some(_) => return None,
        }
    }
}

/// What may follow the last name of a byline, before the outlet.
const SEPARATORS: [char; 8] = [',', '|', '/', '-', '–', '—', '(', '·'];

/// A word of a line and where it is.
#[derive(Debug)]
struct Word<'a> {
    text: &'a str,
    range: Range<usize>,
    /// Whether white space stands before it (a comma right after a name is
    /// a word of its own without it).
    follows_gap: bool,
}

/// The words of `line` from byte `from`: runs of letters and name
/// punctuation, and each other character that is not white space as a
/// word of its own.
fn words(line: &str, from: usize) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut gap = true;
    let mut start = None;
    let tail = line.get(from..).unwrap_or_default();
    for (i, c) in tail.char_indices().map(|(i, c)| (i + from, c)) {
        let in_word = c.is_alphanumeric() || matches!(c, '.' | '\'' | '’' | '-');
        if in_word && start.is_none() {
            start = Some((i, gap));
            continue;
        }
        if in_word && start.is_some() {
            continue;
        }
        if let Some((s, g)) = start.take() {
            out.push(word(line, s..i, g));
            gap = false;
        }
        if c.is_whitespace() {
            gap = true;
        } else {
            out.push(word(line, i..i + c.len_utf8(), gap));
            gap = false;
        }
    }
    if let Some((s, g)) = start {
        out.push(word(line, s..line.len(), g));
    }
    out
}

fn word(line: &str, range: Range<usize>, follows_gap: bool) -> Word<'_> {
    Word {
        text: line.get(range.clone()).unwrap_or_default(),
        range,
        follows_gap,
    }
}

/// The name that starts at word `i` (its byte range) and the index of
/// the word after it, or `None` if no name starts there.
fn name_at(words: &[Word], i: usize) -> Option<(Range<usize>, usize)> {
    let first = words.get(i).filter(|w| is_capitalised(w.text))?;
    let mut last = None;
    for (j, w) in words.iter().enumerate().skip(i + 1).take(NAME_WORDS - 1) {
        if is_capitalised(w.text) && w.follows_gap {
            last = Some(j);
        } else if !is_particle(w.text) || !w.follows_gap {
            break;
        }
    }
    let end = words.get(last?)?;
    if end.text.ends_with('.') {
        return None;
    }
    Some((first.range.start..end.range.end, last? + 1))
}

/// A word of a name: a capital letter, then letters and name punctuation
/// ("O'Neill", "Jean-Pierre", "J.").
fn is_capitalised(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
}

/// A short lower-case word inside a name ("van", "bin", "de"); "and"
/// joins two names instead, and a preposition ends the name ("Jane Doe
/// in Moscow").
fn is_particle(w: &str) -> bool {
    !matches!(w, "and" | "in" | "at" | "on" | "for" | "from" | "with")
        && w.len() <= MAX_PARTICLE
        && w.chars().all(char::is_lowercase)
}

/// The byte ranges after `from` where `name` stands again in `body` as
/// whole words, whatever their case ("JOSEPH FITSANAKIS" in the byline,
/// "Joseph Fitsanakis" at the foot).
fn occurrences(body: &str, name: &str, from: usize) -> Vec<Range<usize>> {
    let want: Vec<&str> = name.split_whitespace().collect();
    let Some(tail) = body.get(from..) else {
        return Vec::new();
    };
    let words = words(tail, 0);
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let n = want.len();
        let same = want.iter().enumerate().all(|(k, part)| {
            words.get(i + k).is_some_and(|x| {
                let text = if k + 1 == n {
                    possessed(x.text)
                } else {
                    x.text
                };
                (k == 0 || x.follows_gap) && eq_folded(text, part)
            })
        });
        if let (true, true, Some(last)) = (same, is_capitalised(w.text), words.get(i + n - 1)) {
            let end = last.range.start + possessed(last.text).len();
            out.push(w.range.start + from..end + from);
        }
    }
    out
}

/// A word without the possessive after it ("Doe" of "Doe's").
fn possessed(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w)
}

/// Whether two words are the same but for case.
fn eq_folded(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(body: &str) -> Vec<&str> {
        author_spans(body)
            .into_iter()
            .filter_map(|r| body.get(r))
            .collect()
    }

    #[test]
    fn a_byline_and_its_outlet() {
        let body = "By Jane Doe, Reuters\nKenyan police said on Friday ...";
        assert_eq!(names(body), ["Jane Doe"]);
        let body = "April 30, 2013\nby Joseph Fitsanakis\nBy JOSEPH FITSANAKIS | intelNews.org |\n\
                    Some senior officials believe ...\n\
                    April 30, 2013 by Joseph Fitsanakis 2 Comments";
        assert_eq!(
            names(body),
            [
                "Joseph Fitsanakis",
                "JOSEPH FITSANAKIS",
                "Joseph Fitsanakis"
            ]
        );
    }

    #[test]
    fn two_writers_particles_and_initials() {
        let body = "By Ludwig van Dijk and J. R. O'Neill\nThe talks ended ...";
        assert_eq!(names(body), ["Ludwig van Dijk", "J. R. O'Neill"]);
    }

    #[test]
    fn a_headline_in_sentence_case_may_stand_above() {
        let body = "Ukraine and Poland agree on grain transit deal\n\n\
                    By Maria Kowalska and John Reed\n\n\
                    WARSAW, Poland (AP) — Ukraine and Poland agreed ...";
        assert_eq!(names(body), ["Maria Kowalska", "John Reed"]);
        // Not without the blank line that sets a headline apart, and not
        // after a sentence.
        for body in [
            "Ukraine and Poland agree on grain transit deal\nBy Maria Kowalska\n",
            "Ukraine and Poland agreed on a grain deal.\n\nBy Maria Kowalska\n",
            "Talks went on\n\nas ministers met\nBy Maria Kowalska\n",
        ] {
            assert!(names(body).is_empty(), "{body:?}: {:?}", names(body));
        }
    }

    #[test]
    fn prose_that_begins_with_by_is_no_byline() {
        for body in [
            "By Monday, Tokyo had agreed to the terms.",
            "By Friday General Motors said it would cut output.",
            "by Finance Minister Gerhard Stoltenberg at last month's\nmeeting",
            "The plan was backed\nby Dudley Taft.\nHe said ...",
            "Shares rose in early trading on Monday.\nBy Jane Doe\n",
            "By mid-afternoon the index had fallen.",
            "STORES CO, 75,000 SHARES AT 49-1/4, DOWN 1/8, CROSSED\nBY FIRST BOSTON\n",
        ] {
            assert!(names(body).is_empty(), "{body:?}: {:?}", names(body));
        }
    }

    #[test]
    fn credits_at_the_foot() {
        let body = "The bank raised rates.\n\n(Reporting by David Lawder in Washington; \
                    Additional reporting by Andrea Shalal; Editing by Chizu Nomiyama and Paul Simao)\n";
        assert_eq!(
            names(body),
            [
                "David Lawder",
                "Andrea Shalal",
                "Chizu Nomiyama",
                "Paul Simao"
            ]
        );
        let body = "The bank raised rates.\nReporting by Jean-Pierre O'Neill, Anna de Vries; Writing by Li Wei\n";
        assert_eq!(
            names(body),
            ["Jean-Pierre O'Neill", "Anna de Vries", "Li Wei"]
        );
    }

    #[test]
    fn prose_at_the_foot_is_no_credits() {
        for body in [
            "The fall was led by Goldman Sachs and Morgan Stanley\n",
            "Trading by Goldman Sachs rose in the quarter.\n",
            "Spending by Germany and France fell.\n",
            "(Reporting by David Lawder) said the bank raised rates\n",
            "Reporting by David Lawder in Washington was praised by his editors.\n",
        ] {
            assert!(names(body).is_empty(), "{body:?}: {:?}", names(body));
        }
    }

    #[test]
    fn blanking_keeps_every_offset() {
        let body = "By Jane Doe\nJane Doe's report: Doe said Müller won.";
        let spans = author_spans(body);
        let mut out = String::new();
        blank(body, &spans, &mut out);
        assert_eq!(out.len(), body.len());
        let gap = " ".repeat("Jane Doe".len());
        assert_eq!(
            out,
            format!("By {gap}\n{gap}'s report: Doe said Müller won.")
        );
    }
}
