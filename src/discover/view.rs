//! What the rules of discovery read and write: a field's tokens as
//! discovery sees them ([`View`]), the mentions found so far ([`Finds`]),
//! and the buffers both live in from one document to the next
//! ([`Buffers`]).

use std::cell::Cell;
use std::cmp::Reverse;

use rustc_hash::FxHashMap;

use super::found::{Discovered, Found};
use super::lexicon::{CAPITAL, COUNTRY, Class, DEMONYM, Discovery, LISTED, PARTICLE, PLACE};
use crate::fields::FieldInput;
use crate::matcher::Candidate;
use crate::output::Reason;
use crate::types::Kind;

/// The longest name particle, in bytes ("della", "dalla").
const MAX_PARTICLE: usize = 5;
/// The most particles in a row inside a name ("van der", "de la").
const MAX_PARTICLES: usize = 3;

/// No cover over a token; a class not looked up yet.
const NONE: u32 = u32::MAX;

/// [`View::case`] of a word that starts with a capital letter.
const CAP: u8 = 1;
/// [`View::case`] of a word in capitals (two letters or more, none lower
/// case).
const CAPS: u8 = 1 << 1;

/// What the scan found over a run of tokens (leftmost-longest), by kind.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Cover {
    pub(super) first: usize,
    pub(super) last: usize,
    /// A country, a place, or a listed person or organisation by a full
    /// name (not a partial one).
    pub(super) country: bool,
    pub(super) place: bool,
    pub(super) listed: bool,
    /// A capital standing for its country ("London"), a city too.
    pub(super) capital: bool,
    /// A demonym or adjective ("German").
    pub(super) demonym: bool,
}

/// The working memory of one field, reused from one document to the next.
#[derive(Debug, Default)]
pub(super) struct FieldBuffers {
    /// `classes[i]`: the class of token `i`, looked up when first asked
    /// for ([`NONE`] until then).
    classes: Vec<Cell<Class>>,
    /// `cover[i]`: index into `covers` of the scan's match over token `i`
    /// ([`NONE`]: none).
    cover: Vec<u32>,
    covers: Vec<Cover>,
    /// The runs of capitalised words, `(first, last)`.
    runs: Vec<(usize, usize)>,
}

impl FieldBuffers {
    /// Reads field `f`, whose candidates this sorts: its covers and its
    /// runs.
    pub(super) fn read(&mut self, d: &Discovery, f: &mut FieldInput) {
        self.classes.clear();
        self.classes.resize(f.folded.tokens.len(), Cell::new(NONE));
        covers(d, f, &mut self.cover, &mut self.covers);
        let mut runs = std::mem::take(&mut self.runs);
        chunks(&View::new(f, d, self), &mut runs);
        self.runs = runs;
    }

    fn bytes(&self) -> usize {
        4 * (self.classes.capacity() + self.cover.capacity())
            + size_of::<Cover>() * self.covers.capacity()
            + 2 * size_of::<usize>() * self.runs.capacity()
    }
}

/// One field as discovery reads it.
pub(super) struct View<'a, 'b> {
    pub(super) f: &'b FieldInput<'a>,
    d: &'b Discovery,
    classes: &'b [Cell<Class>],
    cover: &'b [u32],
    pub(super) covers: &'b [Cover],
    /// The runs of capitalised words, `(first, last)`: see [`chunks`].
    pub(super) runs: &'b [(usize, usize)],
}

/// Whether the gap between two tokens is spaces or tabs only (at least
/// one).
fn spaces(gap: &[u8]) -> bool {
    gap == b" " || (!gap.is_empty() && gap.iter().all(|b| *b == b' ' || *b == b'\t'))
}

/// [`CAPS`] when the word (starting with an ASCII capital) is in capitals.
fn ascii_caps(word: &[u8]) -> u8 {
    let mut letters = 0;
    for b in word {
        if b.is_ascii_lowercase() {
            return 0;
        }
        if !b.is_ascii() {
            return unicode_case(std::str::from_utf8(word).unwrap_or_default()) & CAPS;
        }
        letters += usize::from(b.is_ascii_alphabetic());
    }
    if letters >= 2 { CAPS } else { 0 }
}

/// [`CAP`] and [`CAPS`] of a word, by its Unicode characters.
fn unicode_case(w: &str) -> u8 {
    if !w.chars().next().is_some_and(char::is_uppercase) {
        return 0;
    }
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 2 && !w.chars().any(char::is_lowercase) {
        CAP | CAPS
    } else {
        CAP
    }
}

/// The scan's leftmost-longest matches over a field, by kind, into
/// `cover` (by token) and `list`.
fn covers(d: &Discovery, f: &mut FieldInput, cover: &mut Vec<u32>, list: &mut Vec<Cover>) {
    // The scan gives them in this order already, most of the time.
    let key = |c: &Candidate| (c.first, Reverse(c.last), c.alias);
    if !f.cands.is_sorted_by_key(key) {
        f.cands.sort_unstable_by_key(key);
    }
    cover.clear();
    cover.resize(f.folded.tokens.len(), NONE);
    list.clear();
    let mut next = 0;
    for c in &f.cands {
        let same = list
            .last_mut()
            .filter(|k| k.first == c.first && k.last == c.last);
        let k = match same {
            Some(k) => k,
            None if c.first >= next => {
                next = c.last + 1;
                let index = u32::try_from(list.len()).unwrap_or(NONE);
                for slot in cover.get_mut(c.first..=c.last).into_iter().flatten() {
                    *slot = index;
                }
                list.push(Cover {
                    first: c.first,
                    last: c.last,
                    ..Cover::default()
                });
                match list.last_mut() {
                    Some(k) => k,
                    None => continue,
                }
            }
            None => continue,
        };
        let kind = d.alias_kind(c.alias);
        k.country |= kind & COUNTRY != 0;
        k.place |= kind & PLACE != 0;
        k.listed |= kind & LISTED != 0;
        k.capital |= kind & CAPITAL != 0;
        k.demonym |= kind & DEMONYM != 0;
    }
}

impl<'a, 'b> View<'a, 'b> {
    /// The view of field `f` over the buffers `b` read from it.
    pub(super) fn new(f: &'b FieldInput<'a>, d: &'b Discovery, b: &'b FieldBuffers) -> Self {
        View {
            f,
            d,
            classes: &b.classes,
            cover: &b.cover,
            covers: &b.covers,
            runs: &b.runs,
        }
    }

    pub(super) fn len(&self) -> usize {
        self.f.folded.tokens.len()
    }

    pub(super) fn word(&self, i: usize) -> &str {
        self.f.word(i)
    }

    /// The bytes of token `i` (empty past the end): no check of
    /// character boundaries, which tokens keep anyway.
    pub(super) fn word_bytes(&self, i: usize) -> &[u8] {
        self.f
            .folded
            .tokens
            .get(i)
            .and_then(|t| self.f.text.as_bytes().get(t.start..t.end))
            .unwrap_or_default()
    }

    pub(super) fn folded(&self, i: usize) -> &str {
        self.f.folded_word(i)
    }

    /// The folded text of tokens `a..=b` (words joined by single spaces).
    pub(super) fn folded_span(&self, a: usize, b: usize) -> &str {
        let tokens = &self.f.folded.tokens;
        match (tokens.get(a), tokens.get(b)) {
            (Some(s), Some(e)) => self.f.folded.text.get(s.fstart..e.fend),
            _ => None,
        }
        .unwrap_or_default()
    }

    /// The class of token `i` (0 past the end).
    pub(super) fn class(&self, i: usize) -> Class {
        let Some(cell) = self.classes.get(i) else {
            return 0;
        };
        let c = cell.get();
        if c != NONE {
            return c;
        }
        let c = self.f.folded.tokens.get(i).map_or(0, |t| {
            self.d
                .lookup(self.f.folded.text.as_bytes(), t.fstart, t.fend)
        });
        cell.set(c);
        c
    }

    /// Whether token `i` is of a class of `bits`.
    pub(super) fn is(&self, i: usize, bits: Class) -> bool {
        self.class(i) & bits != 0
    }

    /// The text between token `i - 1` and token `i`.
    pub(super) fn gap_before(&self, i: usize) -> &str {
        self.f.gap_after(i.checked_sub(1))
    }

    /// The bytes of the gap between token `i - 1` and token `i` (`None`
    /// for the first token or past the end).
    fn gap_bytes(&self, i: usize) -> Option<&[u8]> {
        let tokens = &self.f.folded.tokens;
        let (p, t) = (tokens.get(i.checked_sub(1)?)?, tokens.get(i)?);
        self.f.text.as_bytes().get(p.end..t.start)
    }

    /// [`CAP`] and [`CAPS`] of token `i` (0 past the end).
    fn case(&self, i: usize) -> u8 {
        let word = self.word_bytes(i);
        match word.first() {
            Some(b) if b.is_ascii_uppercase() => CAP | ascii_caps(word),
            Some(b) if !b.is_ascii() => unicode_case(self.word(i)),
            _ => 0,
        }
    }

    /// Whether token `i` starts with a capital letter.
    pub(super) fn cap(&self, i: usize) -> bool {
        match self.word_bytes(i).first() {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            Some(_) => self.case(i) & CAP != 0,
            None => false,
        }
    }

    /// Whether token `i` is in capitals (two letters or more, none lower).
    pub(super) fn caps(&self, i: usize) -> bool {
        self.case(i) & CAPS != 0
    }

    /// Whether token `i` is a number (ASCII digits).
    pub(super) fn number(&self, i: usize) -> bool {
        let w = self.word_bytes(i);
        !w.is_empty() && w.iter().all(u8::is_ascii_digit)
    }

    /// Whether tokens `i - 1` and `i` are joined by spaces only, on one
    /// line.
    pub(super) fn spaced(&self, i: usize) -> bool {
        self.gap_bytes(i).is_some_and(spaces)
    }

    /// Whether a line break separates token `i` from the one before.
    fn newline(&self, i: usize) -> bool {
        self.gap_bytes(i)
            .is_some_and(|g| !spaces(g) && g.contains(&b'\n'))
    }

    /// Whether token `i` is one letter long.
    pub(super) fn letter(&self, i: usize) -> bool {
        match self.word_bytes(i) {
            [b] => b.is_ascii(),
            [] => false,
            [b, ..] if b.is_ascii() => false,
            _ => self.word(i).chars().nth(1).is_none(),
        }
    }

    pub(super) fn cover(&self, i: usize) -> Option<&Cover> {
        let c = *self.cover.get(i)?;
        self.covers.get(c as usize)
    }

    /// Whether any of tokens `a..=b` is part of a listed person or
    /// organisation.
    pub(super) fn listed(&self, a: usize, b: usize) -> bool {
        (a..=b).any(|i| self.cover(i).is_some_and(|c| c.listed))
    }

    /// Whether tokens `a..=b` are exactly one country name.
    pub(super) fn is_country(&self, a: usize, b: usize) -> bool {
        self.cover(a)
            .is_some_and(|c| c.country && c.first == a && c.last == b)
    }

    /// Whether tokens `a..=b` are exactly one place name (not a country).
    pub(super) fn is_place(&self, a: usize, b: usize) -> bool {
        self.cover(a)
            .is_some_and(|c| c.place && !c.country && !c.listed && c.first == a && c.last == b)
    }

    /// Whether the gap before token `i` ends a line (or `i` is first).
    pub(super) fn line_start(&self, i: usize) -> bool {
        i == 0 || self.newline(i)
    }

    /// Whether the gap after token `i` ends a line (or `i` is last).
    pub(super) fn line_end(&self, i: usize) -> bool {
        i + 1 >= self.len() || self.newline(i + 1)
    }

    /// Whether tokens `a..=b` are exactly one town's name: a place (not a
    /// country), or a capital that may stand for its country ("London").
    pub(super) fn is_city(&self, a: usize, b: usize) -> bool {
        self.cover(a).is_some_and(|c| {
            c.first == a && c.last == b && !c.listed && ((c.place && !c.country) || c.capital)
        })
    }

    /// Whether tokens `a..=b` start a line that is a dateline of their
    /// own, the place and a date, maybe with a region between ("BRUSSELS
    /// 1996-08-22", "AJACCIO, Corsica 1996-08-29"), as news agencies file
    /// them after the headline.
    pub(super) fn dated(&self, a: usize, b: usize) -> bool {
        if !self.line_start(a) {
            return false;
        }
        let mut k = b + 1;
        if self.gap_before(k).trim() == "," {
            while k < self.len() && self.cap(k) && !self.line_start(k) {
                k += 1;
            }
        }
        let joined = |i: usize| self.number(i) && self.gap_before(i) == "-" && !self.line_start(i);
        self.word_bytes(k).len() == 4
            && self.number(k)
            && !self.line_start(k)
            && joined(k + 1)
            && joined(k + 2)
            && self.line_end(k + 2)
    }

    /// Whether a place cue ("in", "near") comes right before token `i`.
    pub(super) fn place_cue_before(&self, i: usize) -> bool {
        i > 0 && self.spaced(i) && self.is(i - 1, super::lexicon::PLACE_CUE)
    }
}

/// The runs of capitalised words of a field, into `out`: each starts at a
/// capitalised word and goes on over capitalised words joined by spaces
/// or a hyphen, over a hyphenated lower-case part ("Lee Ki-choo"), an
/// elided letter ("O'Brien"), an initial ("W. Smith") and over name
/// particles ("van der", "bin"; up to three) before a capitalised word.
fn chunks(v: &View, out: &mut Vec<(usize, usize)>) {
    out.clear();
    let bytes = v.f.text.as_bytes();
    let mut next = 0;
    for (i, t) in v.f.folded.tokens.iter().enumerate() {
        if i < next {
            continue;
        }
        // Most words are in lower case or figures: their first byte says
        // so.
        match bytes.get(t.start) {
            Some(b) if b.is_ascii_uppercase() => {}
            Some(b) if b.is_ascii() => continue,
            _ if !v.cap(i) => continue,
            _ => {}
        }
        let mut last = i;
        while let Some(k) = continues(v, last) {
            last = k;
        }
        out.push((i, last));
        next = last + 1;
    }
}

/// The last token of the next part of a run that ends at token `last`,
/// if the run goes on.
fn continues(v: &View, last: usize) -> Option<usize> {
    let j = last + 1;
    let gap = v.gap_bytes(j)?;
    // The common case first: a capitalised word after a space.
    let spaced = spaces(gap);
    let cap = v.cap(j);
    if spaced && cap {
        return Some(j);
    }
    if gap == b"-" && v.word(j).chars().next().is_some_and(char::is_alphabetic) {
        return Some(j);
    }
    if cap && v.letter(last) {
        let elided = gap == b"'" || gap == "’".as_bytes();
        let initial = gap == b". " && v.cap(last);
        if elided || initial {
            return Some(j);
        }
    }
    // Particles, one or more, then a capitalised word. The cheap tests
    // first: most words after a name are longer than any particle, or
    // have no capitalised word soon after them.
    if v.word_bytes(j).len() > MAX_PARTICLE || !(j + 1..=j + MAX_PARTICLES).any(|k| v.cap(k)) {
        return None;
    }
    let joined = |k: usize| v.gap_bytes(k).is_some_and(|g| g == b"-" || spaces(g));
    let mut k = j;
    while k < j + MAX_PARTICLES
        && v.word_bytes(k).len() <= MAX_PARTICLE
        && joined(k)
        && v.is(k, PARTICLE)
    {
        k += 1;
    }
    (k > j && joined(k) && v.cap(k)).then_some(k)
}

/// The entities found so far, by kind and folded name; reused from one
/// document to the next.
#[derive(Debug, Default)]
pub(super) struct Finds {
    pub(super) found: Vec<Found>,
    pub(super) discovered: Vec<Discovered>,
    /// A kind's letter and a folded name, to its index in `discovered`.
    by_key: FxHashMap<Box<str>, u32>,
    key: String,
    /// `taken[fi][i]`: whether token `i` of field `fi` is in a mention
    /// found already (or dropped).
    pub(super) taken: Vec<Vec<bool>>,
}

impl Finds {
    /// Nothing found yet, in fields of `lens` tokens.
    pub(super) fn reset(&mut self, lens: impl ExactSizeIterator<Item = usize>) {
        self.found.clear();
        self.discovered.clear();
        self.by_key.clear();
        self.taken.resize_with(lens.len(), Vec::new);
        for (t, n) in self.taken.iter_mut().zip(lens) {
            t.clear();
            t.resize(n, false);
        }
    }

    /// Records each of `xs` unless it overlaps one found before.
    pub(super) fn push_all(&mut self, xs: Vec<Found>) {
        for x in xs {
            self.push(x);
        }
    }

    /// Records a mention unless it overlaps one found before.
    pub(super) fn push(&mut self, x: Found) {
        let Some(mask) = self.taken.get_mut(x.fi) else {
            return;
        };
        let Some(span) = mask.get_mut(x.first..=x.last) else {
            return;
        };
        if span.iter().any(|t| *t) {
            return;
        }
        span.fill(true);
        self.found.push(x);
    }

    /// Records that tokens `a..=b` of field `fi` name a `kind` entity.
    pub(super) fn add(
        &mut self,
        v: &View,
        fi: usize,
        (a, b): (usize, usize),
        kind: Kind,
        reason: Reason,
    ) {
        let tokens = &v.f.folded.tokens;
        let (Some(s), Some(e)) = (tokens.get(a), tokens.get(b)) else {
            return;
        };
        if self.any_taken(fi, a, b) {
            return;
        }
        self.key.clear();
        self.key.push(match kind {
            Kind::Person => 'p',
            Kind::Place => 'l',
            _ => 'o',
        });
        self.key.push_str(v.folded_span(a, b));
        let target = match self.by_key.get(self.key.as_str()) {
            Some(&t) => t,
            None => {
                let Ok(t) = u32::try_from(self.discovered.len()) else {
                    return;
                };
                let name = v.f.text.get(s.start..e.end).unwrap_or_default();
                self.discovered.push(Discovered::new(
                    name,
                    self.key.get(1..).unwrap_or_default(),
                    kind,
                ));
                self.by_key.insert(self.key.as_str().into(), t);
                t
            }
        };
        self.push(Found {
            fi,
            first: a,
            last: b,
            target,
            reason,
        });
    }

    /// Whether token `i` of field `fi` is in something found already.
    pub(super) fn taken(&self, fi: usize, i: usize) -> bool {
        self.taken
            .get(fi)
            .and_then(|t| t.get(i))
            .is_some_and(|t| *t)
    }

    /// Whether any of tokens `a..=b` of field `fi` is in something found
    /// already.
    pub(super) fn any_taken(&self, fi: usize, a: usize, b: usize) -> bool {
        self.taken
            .get(fi)
            .and_then(|t| t.get(a..=b))
            .is_some_and(|s| s.iter().any(|t| *t))
    }

    fn bytes(&self) -> usize {
        size_of::<Found>() * self.found.capacity()
            + size_of::<Discovered>() * self.discovered.capacity()
            + self.taken.iter().map(Vec::capacity).sum::<usize>()
            + self.key.capacity()
    }
}

/// The working memory of the stage, reused from one document to the next.
#[derive(Debug, Default)]
pub(crate) struct Buffers {
    pub(super) fields: Vec<FieldBuffers>,
    pub(super) finds: Finds,
    /// `(field, token)` of the scan's candidates to drop.
    pub(super) drop: Vec<(usize, usize)>,
}

impl Buffers {
    /// The bytes the buffers hold on to (their capacity, not their use).
    pub(crate) fn bytes(&self) -> usize {
        self.fields.iter().map(FieldBuffers::bytes).sum::<usize>()
            + self.finds.bytes()
            + 2 * size_of::<usize>() * self.drop.capacity()
    }
}

/// Which discovered entity each short form names (a surname, a company's
/// name without its legal form): `None` when two of them share it.
pub(super) type Owners<'a> = FxHashMap<&'a str, Option<u32>>;

/// Notes in `owners` that `key` names `target`; a key already naming
/// another entity then names none.
pub(super) fn claim<'a>(owners: &mut Owners<'a>, key: &'a str, target: u32) {
    let entry = owners.entry(key).or_insert(Some(target));
    if *entry != Some(target) {
        *entry = None;
    }
}
