//! Discover: names no list has.
//!
//! Between the scan and resolve, this stage reads the capitalised words of
//! each field ("chunks": runs of capitalised words joined by spaces) and
//! finds:
//!
//! - people, when the text says so: a title or role before the name
//!   ("Finance Minister Gerhard Stoltenberg", "Mr Tanaka", "striker Alan
//!   Shearer"; [`Reason::Role`]), a known given name before a capitalised
//!   surname ("Francisco Arias Cárdenas"; [`Reason::GivenName`]), a verb of
//!   speech right after or before the name ("..., said Anna Petrova";
//!   [`Reason::Speech`]), or an apposition ("Ivan Petrov, the head of ...";
//!   [`Reason::Apposition`]). The surname alone elsewhere in the document
//!   names the same person ([`Reason::Partial`]);
//! - organisations whose name ends in an organisation word ("Sumitomo
//!   Bank", "Ministry of Defence"; [`Reason::Suffix`]); an acronym the
//!   text defines after such a name is linked to it by resolve;
//! - teams: a city in a sports result ("Liverpool 2 Everton 1", "CHICAGO AT
//!   DETROIT", "Liverpool beat ...") is a club, an organisation, not a place
//!   ([`Reason::Team`]).
//!
//! It also says what a name is not: a place or country inside a person's
//! name ("Sydney Sweeney", "Kenya Barris") is part of the person, and a
//! place whose name is only a common given name ("Michael", a parish of
//! the Isle of Man) counts only with place context (a place cue before it,
//! the dateline, or a place or country after a comma).
//!
//! A name the gazetteer lists (a person or organisation the scan found) is
//! never rediscovered: "Chinese Ministry of State Security" is the listed
//! Ministry of State Security. What the stage finds becomes forced
//! mentions for resolve, and the scan's candidates it overrides are
//! dropped.

mod found;
mod lexicon;
mod orgs;
mod people;

use std::cmp::Reverse;

use rustc_hash::FxHashMap;

pub(crate) use lexicon::{Lexicon, embedded, role_heads};

use crate::fields::FieldInput;
use crate::fold::fold_str;
use crate::gazetteer::Gazetteer;
use crate::output::Reason;
use crate::types::{Evidence, Kind};
pub(crate) use found::{Discovered, Found};

/// The longest name particle, in bytes ("della", "dalla").
const MAX_PARTICLE: usize = 5;

/// What the scan found over a run of tokens (leftmost-longest), by kind.
#[derive(Clone, Copy, Debug, Default)]
struct Cover {
    first: usize,
    last: usize,
    /// A country, a place, or a listed person or organisation by a full
    /// name (not a partial one).
    country: bool,
    place: bool,
    listed: bool,
}

/// One field as discovery reads it.
struct View<'a, 'b> {
    f: &'b FieldInput<'a>,
    /// `cover[i]`: index into `covers` of the scan's match over token `i`.
    cover: Vec<Option<u32>>,
    covers: Vec<Cover>,
    /// `flags[i]`: what token `i` looks like ([`CAP`], [`CAPS`], [`NUMBER`],
    /// [`SPACED`]), worked out once.
    flags: Vec<u8>,
}

/// The token starts with a capital letter.
const CAP: u8 = 1;
/// The token is in capitals (two letters or more, none lower case).
const CAPS: u8 = 2;
/// The token is a number (ASCII digits).
const NUMBER: u8 = 4;
/// Spaces or tabs only (at least one) separate the token from the one
/// before.
const SPACED: u8 = 8;

/// The flags of every token of `f`.
fn flags(f: &FieldInput) -> Vec<u8> {
    let tokens = &f.folded.tokens;
    let bytes = f.text.as_bytes();
    let mut out = Vec::with_capacity(tokens.len());
    let mut prev_end = None;
    for t in tokens {
        let mut fl = 0;
        match bytes.get(t.start) {
            Some(b) if b.is_ascii_uppercase() || !b.is_ascii() => {
                let w = f.text.get(t.start..t.end).unwrap_or_default();
                if w.chars().next().is_some_and(char::is_uppercase) {
                    fl |= CAP;
                    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
                    if letters >= 2 && !w.chars().any(char::is_lowercase) {
                        fl |= CAPS;
                    }
                }
            }
            Some(b)
                if b.is_ascii_digit()
                    && bytes
                        .get(t.start..t.end)
                        .is_some_and(|w| w.iter().all(u8::is_ascii_digit)) =>
            {
                fl |= NUMBER;
            }
            _ => {}
        }
        if let Some(gap) = prev_end.and_then(|p| bytes.get(p..t.start)) {
            if !gap.is_empty() && gap.iter().all(|b| *b == b' ' || *b == b'\t') {
                fl |= SPACED;
            }
        }
        prev_end = Some(t.end);
        out.push(fl);
    }
    out
}

impl View<'_, '_> {
    fn len(&self) -> usize {
        self.f.folded.tokens.len()
    }

    fn word(&self, i: usize) -> &str {
        self.f.word(i)
    }

    fn folded(&self, i: usize) -> &str {
        self.f.folded_word(i)
    }

    /// The text between token `i - 1` and token `i`.
    fn gap_before(&self, i: usize) -> &str {
        self.f.gap_after(i.checked_sub(1))
    }

    /// Whether token `i` starts with a capital letter.
    fn cap(&self, i: usize) -> bool {
        self.flag(i, CAP)
    }

    fn flag(&self, i: usize, flag: u8) -> bool {
        self.flags.get(i).is_some_and(|f| f & flag != 0)
    }

    /// Whether token `i` is in capitals (two letters or more, none lower).
    fn caps(&self, i: usize) -> bool {
        self.flag(i, CAPS)
    }

    /// Whether token `i` is a number.
    fn number(&self, i: usize) -> bool {
        self.flag(i, NUMBER)
    }

    /// Whether tokens `i - 1` and `i` are joined by spaces only, on one
    /// line.
    fn spaced(&self, i: usize) -> bool {
        self.flag(i, SPACED)
    }

    fn cover(&self, i: usize) -> Option<&Cover> {
        let c = self.cover.get(i).copied().flatten()?;
        self.covers.get(c as usize)
    }

    /// Whether any of tokens `a..=b` is part of a listed person or
    /// organisation.
    fn listed(&self, a: usize, b: usize) -> bool {
        (a..=b).any(|i| self.cover(i).is_some_and(|c| c.listed))
    }

    /// Whether tokens `a..=b` are exactly one country name.
    fn is_country(&self, a: usize, b: usize) -> bool {
        self.cover(a)
            .is_some_and(|c| c.country && c.first == a && c.last == b)
    }

    /// Whether tokens `a..=b` are exactly one place name (not a country).
    fn is_place(&self, a: usize, b: usize) -> bool {
        self.cover(a)
            .is_some_and(|c| c.place && !c.country && !c.listed && c.first == a && c.last == b)
    }

    /// Whether the gap before token `i` ends a line (or `i` is first).
    fn line_start(&self, i: usize) -> bool {
        i == 0 || self.gap_before(i).contains('\n')
    }

    /// Whether the gap after token `i` ends a line (or `i` is last).
    fn line_end(&self, i: usize) -> bool {
        i + 1 >= self.len() || self.gap_before(i + 1).contains('\n')
    }
}

/// The runs of capitalised words of a field: each starts at a capitalised
/// word and goes on over capitalised words joined by spaces or a hyphen,
/// over a hyphenated lower-case part ("Lee Ki-choo"), an elided letter
/// ("O'Brien"), an initial ("W. Smith") and over name particles ("van
/// der", "bin") before a capitalised word.
fn chunks(v: &View, lex: &Lexicon) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let n = v.len();
    let mut i = 0;
    while i < n {
        if !v.cap(i) {
            i += 1;
            continue;
        }
        let mut last = i;
        while let Some(next) = continues(v, lex, last) {
            last = next;
        }
        out.push((i, last));
        i = last + 1;
    }
    out
}

/// The last token of the next part of a run that ends at token `last`,
/// if the run goes on.
fn continues(v: &View, lex: &Lexicon, last: usize) -> Option<usize> {
    let j = last + 1;
    if j >= v.len() {
        return None;
    }
    let gap = v.gap_before(j);
    let hyphen = gap == "-";
    let elided = matches!(gap, "'" | "’") && v.word(last).chars().count() == 1;
    let initial = gap == ". " && v.word(last).chars().count() == 1 && v.cap(last);
    let alpha = v.word(j).chars().next().is_some_and(char::is_alphabetic);
    if (v.spaced(j) || elided || initial) && v.cap(j) || hyphen && alpha {
        return Some(j);
    }
    // Particles, one or more, then a capitalised word. The cheap test
    // first: most words after a name are longer than any particle.
    let mut k = j;
    while k < v.len()
        && v.word(k).len() <= MAX_PARTICLE
        && (v.spaced(k) || v.gap_before(k) == "-")
        && lex.particles.contains(v.folded(k))
    {
        k += 1;
    }
    let joined = k < v.len() && (v.spaced(k) || v.gap_before(k) == "-");
    (k > j && joined && v.cap(k)).then_some(k)
}

/// The scan's leftmost-longest matches over a field, by kind.
fn covers(g: &Gazetteer, f: &mut FieldInput) -> (Vec<Option<u32>>, Vec<Cover>) {
    let m = g.matcher();
    f.cands
        .sort_unstable_by_key(|c| (c.first, Reverse(c.last), c.alias));
    let mut cover = vec![None; f.folded.tokens.len()];
    let mut list: Vec<Cover> = Vec::new();
    let mut next = 0;
    for c in &f.cands {
        let same = list
            .last_mut()
            .filter(|k| k.first == c.first && k.last == c.last);
        let k = match same {
            Some(k) => k,
            None if c.first >= next => {
                next = c.last + 1;
                let index = u32::try_from(list.len()).unwrap_or(u32::MAX);
                for slot in cover.get_mut(c.first..=c.last).into_iter().flatten() {
                    *slot = Some(index);
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
        let a = m.alias(c.alias);
        match g.entity_at(a.entity).kind() {
            Kind::Country => k.country = true,
            Kind::Place => k.place = true,
            Kind::Person | Kind::Organization | Kind::Agency => {
                k.listed |= a.evidence != Evidence::Partial;
            }
            _ => {}
        }
    }
    (cover, list)
}

/// The entities found so far, by kind and folded name.
#[derive(Default)]
struct Finds {
    found: Vec<Found>,
    discovered: Vec<Discovered>,
    by_key: FxHashMap<(Kind, String), u32>,
    /// `taken[fi][i]`: whether token `i` of field `fi` is in a mention
    /// found already.
    taken: Vec<Vec<bool>>,
}

impl Finds {
    /// Nothing found yet, in fields of `lens` tokens.
    fn new(lens: impl Iterator<Item = usize>) -> Finds {
        Finds {
            taken: lens.map(|n| vec![false; n]).collect(),
            ..Finds::default()
        }
    }

    /// Records a mention unless it overlaps one found before.
    fn push(&mut self, x: Found) {
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
    fn add(&mut self, v: &View, fi: usize, (a, b): (usize, usize), kind: Kind, reason: Reason) {
        let tokens = &v.f.folded.tokens;
        let (Some(s), Some(e)) = (tokens.get(a), tokens.get(b)) else {
            return;
        };
        if (a..=b).any(|i| self.taken(fi, i)) {
            return;
        }
        let name = v.f.text.get(s.start..e.end).unwrap_or_default();
        let key = (kind, fold_str(name));
        let target = match self.by_key.get(&key) {
            Some(&t) => t,
            None => {
                let Ok(t) = u32::try_from(self.discovered.len()) else {
                    return;
                };
                self.discovered.push(Discovered {
                    name: name.to_string(),
                    acronym: String::new(),
                    kind,
                });
                self.by_key.insert(key, t);
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
    fn taken(&self, fi: usize, i: usize) -> bool {
        self.taken
            .get(fi)
            .and_then(|t| t.get(i))
            .is_some_and(|t| *t)
    }
}

/// The words discovery reads: the embedded lists and the title words of
/// the gazetteer's people.
#[derive(Debug)]
pub(crate) struct Discovery {
    pub(crate) lex: &'static Lexicon,
    pub(crate) titles: rustc_hash::FxHashSet<Box<str>>,
}

impl Discovery {
    /// The lists for a tagger over `g`.
    pub(crate) fn new(g: &Gazetteer) -> Discovery {
        let lex = embedded();
        Discovery {
            lex,
            titles: role_heads(g, lex),
        }
    }

    /// Whether `word` (folded) is a title, role or honorific.
    pub(crate) fn is_title(&self, word: &str) -> bool {
        self.lex.honorifics.contains(word)
            || self.lex.roles.contains(word)
            || self.titles.contains(word)
    }
}

/// Runs the stage over the fields (title first): appends the entities it
/// finds to `discovered` and their mentions to `found`, and drops the
/// scan's candidates they override.
pub(crate) fn discover(
    g: &Gazetteer,
    d: &Discovery,
    fields: &mut [FieldInput],
    found: &mut Vec<Found>,
    discovered: &mut Vec<Discovered>,
) {
    let mut tables = Vec::with_capacity(fields.len());
    for f in fields.iter_mut() {
        tables.push(covers(g, f));
    }
    let mut finds = Finds::new(fields.iter().map(|f| f.folded.tokens.len()));
    let mut drop: Vec<(usize, usize)> = Vec::new();
    {
        let views: Vec<View> = fields
            .iter()
            .zip(tables)
            .map(|(f, (cover, covers))| View {
                f,
                cover,
                covers,
                flags: flags(f),
            })
            .collect();
        let runs: Vec<Vec<(usize, usize)>> = views.iter().map(|v| chunks(v, d.lex)).collect();
        for (fi, (v, runs)) in views.iter().zip(&runs).enumerate() {
            orgs::teams(v, fi, d, runs, &mut finds);
            for &run in runs {
                if (run.0..=run.1).any(|i| finds.taken(fi, i)) {
                    continue;
                }
                if !orgs::suffix(v, fi, d, run, &mut finds) {
                    people::person(v, fi, d, run, &mut finds);
                }
            }
        }
        people::surnames(&views, &runs, d, &mut finds);
        orgs::repeats(&views, &runs, g, &mut finds);
        for (fi, v) in views.iter().enumerate() {
            people::given_name_places(v, fi, g, d, &mut drop);
        }
    }
    // The scan's candidates over what was found, or dropped, go.
    for &(fi, t) in &drop {
        if let Some(slot) = finds.taken.get_mut(fi).and_then(|m| m.get_mut(t)) {
            *slot = true;
        }
    }
    for (f, mask) in fields.iter_mut().zip(&finds.taken) {
        if mask.iter().any(|t| *t) {
            f.cands.retain(|c| {
                !mask
                    .get(c.first..=c.last)
                    .is_some_and(|s| s.iter().any(|t| *t))
            });
        }
    }
    let offset = u32::try_from(discovered.len()).unwrap_or(u32::MAX);
    found.extend(finds.found.into_iter().map(|mut x| {
        x.target = x.target.saturating_add(offset);
        x
    }));
    discovered.extend(finds.discovered);
}
