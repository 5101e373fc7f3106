//! People: a run of capitalised words is a person when a title or role,
//! a given name, a verb of speech or an apposition says so.

use rustc_hash::FxHashMap;

use super::{Discovery, Finds, View};
use crate::gazetteer::Gazetteer;
use crate::output::Reason;
use crate::types::Kind;

/// The most words a discovered person's name has ("Karl Otto Poehl",
/// "Francisco Arias Cárdenas", "Ludwig van Beethoven").
const MAX_WORDS: usize = 4;
/// How many words after an apposition's comma may come before its role
/// word ("Ivan Petrov, the deputy head of ...").
const APPOSITION_WINDOW: usize = 5;

/// Tries each rule on the run `a..=b`; records the person it finds.
pub(super) fn person(v: &View, fi: usize, d: &Discovery, run: (usize, usize), finds: &mut Finds) {
    let (a, b) = run;
    // Titles at the head of the run ("Finance Minister", "Mr") are not
    // part of the name.
    let titled = (a..=b.min(a + MAX_WORDS))
        .rev()
        .find(|&i| i < b && d.is_title(v.folded(i)));
    let start = titled.map_or(a, |t| t + 1);
    let role_before = titled.is_some() || title_before(v, d, a);
    // A given name, possibly after words that are not part of the name
    // ("Ireland midfielder" is cut off by the lower case; "State" of
    // "Secretary of State Warren Christopher" is not).
    let given = (start..b.min(start + 3))
        .find(|&i| is_given(v, d, i) && v.cap(i + 1) && !v.caps(i + 1))
        .or_else(|| (b > start && initial(v, start)).then_some(start));
    let (first, reason) = if role_before {
        (start, Reason::Role)
    } else if let Some(k) = given {
        (k, Reason::GivenName)
    } else if b > start && speech(v, d, start, b) {
        (start, Reason::Speech)
    } else if b > start && apposition(v, d, b) {
        (start, Reason::Apposition)
    } else {
        return;
    };
    let last = b.min(first + MAX_WORDS - 1);
    if !plausible(v, d, first, last) {
        return;
    }
    // A name the gazetteer lists is its own; a single word the scan
    // matched is left to resolve ("President Lincoln").
    if v.listed(first, last) || (first == last && v.cover(first).is_some()) {
        return;
    }
    finds.add(v, fi, (first, last), Kind::Person, reason);
}

/// Whether token `i` is an initial standing for a given name ("M." of
/// "M. Alleyne"): one capital letter and a full stop before the next word.
/// Not the last letter of an abbreviation ("U.S. Trade", "U.K. One").
fn initial(v: &View, i: usize) -> bool {
    let abbreviation = i > 0 && v.gap_before(i) == ".";
    v.word(i).len() == 1
        && v.cap(i)
        && !abbreviation
        && v.gap_before(i + 1) == ". "
        && v.cap(i + 1)
        && !v.caps(i + 1)
}

/// Whether token `i` is a given name spelt as a name (capitalised, not
/// in capitals: headlines in capitals name too many other things).
fn is_given(v: &View, d: &Discovery, i: usize) -> bool {
    v.cap(i) && !v.caps(i) && d.lex.given.contains_key(v.folded(i))
}

/// Whether a title or role word comes right before token `a`: "striker
/// Alan Shearer", "Mr. Tanaka" (a full stop after an honorific).
fn title_before(v: &View, d: &Discovery, a: usize) -> bool {
    let Some(p) = a.checked_sub(1) else {
        return false;
    };
    let gap = v.gap_before(a);
    let spaced = v.spaced(a);
    let abbreviated = gap == ". " && d.lex.honorifics.contains(v.folded(p));
    (spaced || abbreviated) && d.is_title(v.folded(p)) && !v.caps(p)
}

/// Whether a verb of speech follows the run ("Anna Petrova said"), or
/// precedes it at the end of a clause ("..., said Anna Petrova.").
fn speech(v: &View, d: &Discovery, a: usize, b: usize) -> bool {
    let after = b + 1 < v.len() && v.spaced(b + 1) && d.lex.speech.contains(v.folded(b + 1));
    let before = a.checked_sub(1).is_some_and(|p| {
        let gap = v.gap_before(a);
        let ends = v.line_end(b) || {
            let next = v.gap_before(b + 1).trim_start();
            next.starts_with([',', '.', ';', ':'])
        };
        matches!(gap, " " | ", ") && d.lex.speech.contains(v.folded(p)) && ends
    });
    after || before
}

/// Whether an apposition follows the run: a comma, then within a few
/// words a role ("Ivan Petrov, the head of ...", "Anna Petrova, a
/// spokeswoman for ..."), or an age ("John Smith, 45,"); or a country in
/// brackets, as results give a sportsman's ("Mika Hakkinen (Finland)").
fn apposition(v: &View, d: &Discovery, b: usize) -> bool {
    // "Mika Hakkinen (Finland)": a country in brackets right after.
    let bracket = v.gap_before(b + 1).trim() == "("
        && v.cover(b + 1).is_some_and(|c| {
            c.country
                && c.first == b + 1
                && v.gap_before(c.last + 1)
                    .trim_start_matches(['.', ' '])
                    .starts_with(')')
        });
    if bracket {
        return true;
    }
    if v.gap_before(b + 1).trim_end() != "," || v.line_end(b) {
        return false;
    }
    let n = v.len();
    let age = v.number(b + 1) && v.gap_before(b + 2).trim() == ",";
    let role = (b + 1..n.min(b + 1 + APPOSITION_WINDOW))
        .take_while(|&i| i == b + 1 || v.spaced(i))
        .any(|i| d.lex.roles.contains(v.folded(i)) || d.titles.contains(v.folded(i)));
    age || role
}

/// Whether tokens `first..=last` can be a person's name: no word of it is
/// an organisation's or a place's head word or a word that is never a
/// name, none is in capitals, and it does not start with a title.
fn plausible(v: &View, d: &Discovery, first: usize, last: usize) -> bool {
    let lex = d.lex;
    let bad = |i: usize| {
        let w = v.folded(i);
        lex.not_names.contains(w) || lex.org_heads.contains(w) || lex.place_heads.contains(w)
    };
    // In capitals (headlines, tables) too much looks like a name.
    let caps = (first..=last).any(|i| v.caps(i));
    !(first..=last).any(bad)
        && !caps
        && !d.is_title(v.folded(first))
        && !v.is_country(first, last)
        && (first..=last).all(|i| !v.number(i))
}

/// Later (and headline) mentions of a discovered person's surname alone:
/// "Stoltenberg" after "Finance Minister Gerhard Stoltenberg". A surname
/// two discovered people share stays unresolved.
pub(super) fn surnames(
    views: &[View],
    runs: &[Vec<(usize, usize)>],
    d: &Discovery,
    finds: &mut Finds,
) {
    let mut by_surname: FxHashMap<String, Option<(usize, usize, usize)>> = FxHashMap::default();
    for (k, x) in finds.found.iter().enumerate() {
        let person = finds
            .discovered
            .get(x.target as usize)
            .is_some_and(|p| p.kind == Kind::Person);
        let Some(v) = views.get(x.fi) else { continue };
        if !person || d.lex.particles.contains(v.folded(x.last)) {
            continue;
        }
        let surname = v.folded(x.last).to_string();
        let entry = by_surname.entry(surname).or_insert(Some((k, x.fi, x.last)));
        if entry.is_some_and(|(j, _, _)| finds.found.get(j).map(|y| y.target) != Some(x.target)) {
            *entry = None;
        }
    }
    if by_surname.is_empty() {
        return;
    }
    let mut adds = Vec::new();
    // A surname stands alone: a run of its own, or after titles only.
    for (fi, (v, runs)) in views.iter().zip(runs).enumerate() {
        for &(a, i) in runs {
            let Some(Some((k, _, _))) = by_surname.get(v.folded(i)) else {
                continue;
            };
            let alone = (a..i).all(|t| d.is_title(v.folded(t)));
            // A place may be a surname too ("Jordan" after "Michael
            // Jordan"); a country or a listed name stays what it is.
            let overridable = v
                .cover(i)
                .is_none_or(|c| !c.listed && !c.country && c.first == i && c.last == i);
            if alone && overridable && !finds.taken(fi, i) {
                adds.push((fi, i, *k));
            }
        }
    }
    for (fi, i, k) in adds {
        let Some(target) = finds.found.get(k).map(|x| x.target) else {
            continue;
        };
        finds.push(super::Found {
            fi,
            first: i,
            last: i,
            target,
            reason: Reason::Partial,
        });
    }
}

/// A single-word place whose name is a common given name ("Michael", a
/// parish of the Isle of Man; "Paul") counts only with place context: a
/// place cue right before it ("in Michael"), the dateline, or a place or
/// country after a comma ("Michael, Isle of Man"). Pushes `(fi, token)`
/// of each one without it to `drop`.
pub(super) fn given_name_places(
    v: &View,
    fi: usize,
    g: &Gazetteer,
    d: &Discovery,
    drop: &mut Vec<(usize, usize)>,
) {
    for c in &v.covers {
        if c.first != c.last || !v.is_place(c.first, c.last) {
            continue;
        }
        let i = c.first;
        if d.lex.given.get(v.folded(i)) != Some(&true) {
            continue;
        }
        let cue = i > 0 && v.spaced(i) && g.cues().place_before.contains(v.folded(i - 1));
        let dateline =
            v.f.folded
                .tokens
                .get(i)
                .is_some_and(|t| v.f.in_dateline(t.end));
        let comma_place = v.gap_before(i + 1).trim() == ","
            && v.cover(i + 1).is_some_and(|n| n.place || n.country);
        if !(cue || dateline || comma_place) {
            drop.push((fi, i));
        }
    }
}
