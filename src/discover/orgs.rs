//! Organisations: names ending in an organisation word, and sports teams.

use super::found::Found;
use super::lexicon::{
    COMMON_GIVEN, COMPETITION, FACILITY, FUNCTION, GIVEN_NAME, LEGAL_FORM, NOT_NAME, ORG_HEAD,
    ORG_HEAD_OF, PLACE_CUE, PLACE_HEAD, SPORT_AT, SPORT_VERB,
};
use super::view::{Finds, Owners, View, claim};
use crate::output::Reason;
use crate::types::Kind;

/// The most tokens the brackets of scorers after a score may hold
/// ("(Boutoille 47th, Becanovic 79th pen, 82nd)").
const SCORERS: usize = 24;
/// The most digits of a score (a cricket innings: "England 326").
const SCORE_DIGITS: usize = 3;
/// A run of tokens, `(first, last)`.
type Tokens = (usize, usize);

/// The fewest numbers after a name that make a line of a sports table a
/// team's standing ("Ajax 4 3 1 0 9 3 10": played, won, drawn, lost, for,
/// against, points).
const STANDING_NUMBERS: usize = 4;
/// The fewest figures after a place that make a line of a table a team's
/// standing when some are not whole numbers ("NEW YORK 74 59 .556 -").
const ROW_FIGURES: usize = 3;

/// A run ending in an organisation word ("Sumitomo Bank", "Labour
/// Party"), or an organisation word with "of" and a name after it
/// ("Ministry of Defence"), is an organisation. Returns whether it found
/// one. A run whose head the gazetteer lists ("Chinese Ministry of State
/// Security") is the listed organisation. A building's name
/// ("Pontiac Osteopathic Hospital", "Egyptian Museum") is a place; in a
/// story of `sports` results a league is a competition, not found.
pub(super) fn suffix(
    v: &View,
    fi: usize,
    (a, b): (usize, usize),
    sports: bool,
    finds: &mut Finds,
) -> bool {
    let last = of_tail(v, b);
    if last == a {
        // One word alone is no organisation's name.
        return false;
    }
    let head = if last > b { b } else { last };
    if !v.is(head, ORG_HEAD | FACILITY) {
        return false;
    }
    if v.caps(head) && headline_clause(v, (a, last), head) {
        return true;
    }
    let first = name_start(v, a, head);
    if first >= last || v.listed(head, head) || v.listed(first, last) {
        return first < last;
    }
    let first = joined_start(v, fi, first, finds);
    // A place the gazetteer lists under this very name is that place
    // ("West Bank").
    if v.cover(first)
        .is_some_and(|c| (c.place || c.country) && c.first == first && c.last == last)
    {
        return true;
    }
    // In a story of sports results a league is the competition
    // ("American League"), no organisation.
    if sports && v.is(head, COMPETITION) {
        return true;
    }
    // A building is a place ("Pontiac Osteopathic Hospital").
    let kind = if v.is(head, FACILITY) {
        Kind::Place
    } else {
        Kind::Organization
    };
    finds.add(v, fi, (first, last), kind, Reason::Suffix);
    true
}

/// The last token of an organisation's name whose head is token `b`:
/// `b`, or the capitalised words after "of" ("Ministry of Defence",
/// "University of the West Indies").
fn of_tail(v: &View, b: usize) -> usize {
    let mut last = b;
    if v.spaced(b + 1) && v.folded(b + 1) == "of" && v.is(b, ORG_HEAD_OF) {
        let mut k = b + 2;
        if v.spaced(k) && v.folded(k) == "the" {
            k += 1;
        }
        if k < v.len() && v.spaced(k) && v.cap(k) {
            last = k;
            while last + 1 < v.len() && v.spaced(last + 1) && v.cap(last + 1) {
                last += 1;
            }
        }
    }
    last
}

/// Whether tokens `a..=last` in capitals are a headline's clause, no
/// name: a function word other than "of", "and" or "the" before the head
/// or inside the name ("TO START NEW SERVICE", "PSV AT TOP OF DUTCH
/// LEAGUE"; not the letters of "S-K-I LTD", "C.R.I. INSURED" or "A.
/// HORMEL AND CO", nor the head: "AS" of "MINTAX AS").
fn headline_clause(v: &View, (a, last): (usize, usize), head: usize) -> bool {
    let word = |k: usize| {
        let alone = (k == a || v.spaced(k)) && !v.gap_before(k + 1).starts_with('.');
        alone && k != head && v.is(k, FUNCTION)
    };
    (a..=last).any(|k| word(k) && !matches!(v.folded(k), "of" | "and" | "the"))
}

/// Where the name of a run from `a` with its head at `head` starts: not
/// at a sentence's first words ("The", "A Central Bank", "And Scorpion
/// Minerals Inc"), nor before where a company is based ("South
/// Korea-based LG Electronics Inc").
fn name_start(v: &View, a: usize, head: usize) -> usize {
    let mut first = a;
    while first < head && v.spaced(first + 1) && v.is(first, FUNCTION) {
        first += 1;
    }
    if let Some(k) = (first..head)
        .rev()
        .find(|&k| v.folded(k) == "based" && !v.cap(k))
    {
        first = k + 1;
    }
    first
}

/// Where an organisation's name that the run starts at `first` really
/// starts: before the letters of an abbreviation ("U.S. District Court",
/// where the run is "S. District Court"), and before a capitalised run
/// joined to it by "&" or "and" ("Salomon & Taylor Made Co", "Securities
/// and Exchange Commission"), unless that run is a listed name or taken
/// by another find.
fn joined_start(v: &View, fi: usize, first: usize, finds: &Finds) -> usize {
    let mut start = first;
    while start >= 1 && v.gap_before(start) == "." && v.letter(start - 1) && v.cap(start - 1) {
        start -= 1;
    }
    if start < first {
        return start;
    }
    let Some(end) = first.checked_sub(1) else {
        return first;
    };
    let end = if v.gap_before(first).trim() == "&" {
        end
    } else if v.folded(end) == "and" && v.spaced(first) && v.spaced(end) && end >= 1 {
        end - 1
    } else {
        return first;
    };
    if !v.cap(end) || v.caps(end) {
        return first;
    }
    let mut k = end;
    while k >= 1 && v.spaced(k) && v.cap(k - 1) && !v.caps(k - 1) {
        k -= 1;
    }
    if k < end && v.folded(k) == "the" {
        k += 1;
    }
    let free = !v.listed(k, end) && !finds.any_taken(fi, k, end) && !v.is(k, NOT_NAME);
    if free { k } else { first }
}

/// Whether the run `a..=b` can be a team: not a country (national teams
/// are their countries) but maybe its capital ("London"), not a listed
/// name, and a place or a name that
/// does not start with a given name or a word that is never a name ("New"
/// of "New York" is no given name, but "Tom" of a golf score's "Tom
/// Lehman 67 68 70 69" is).
fn team_like(v: &View, (a, b): (usize, usize)) -> bool {
    let city = v.is_city(a, b);
    (city || !v.is_country(a, b)) && !v.listed(a, b) && (city || !v.is(a, NOT_NAME | GIVEN_NAME))
}

/// Teams in sports results: "Liverpool 2 Everton 1" (a name, a score, a
/// name, a score), a fixture ("Hajduk v Rijeka" alone on its line; in
/// "CHICAGO AT DETROIT" only the visitors, as "at Detroit" is where the
/// game is played: a place), a
/// table's line ("Ajax 4 3 1 0 9 3 10"), a place before or after a verb
/// of winning or losing ("Liverpool beat Everton"), and a city before a
/// plural ("Seattle Mariners").
pub(super) fn teams(v: &View, fi: usize, finds: &mut Finds) {
    let add = |r: (usize, usize), finds: &mut Finds| {
        if team_like(v, r) && !finds.any_taken(fi, r.0, r.1) {
            finds.add(v, fi, r, Kind::Organization, Reason::Team);
        }
    };
    for (k, &run) in v.runs.iter().enumerate() {
        // Every rule below needs a score or a table's figures after the
        // run, the run at the start of a line, or a place at its start:
        // most runs of prose have none of them.
        let (a, b) = run;
        let place = || v.cover(a).is_some_and(|c| c.place || c.capital);
        if !(place() || v.number(b + 1) || v.line_start(a) || v.is(b + 1, SPORT_AT)) {
            continue;
        }
        let next = v.runs.get(k + 1).copied();
        if let Some((x, y)) = result(v, k).or_else(|| versus(v, run, next)) {
            add(x, finds);
            add(y, finds);
        } else if let Some((x, y, venue)) = fixture(v, run, next) {
            add(x, finds);
            if !venue {
                add(y, finds);
            }
        } else if standing(v, run) || beaten(v, run) {
            add(run, finds);
        } else if nickname(v, run) {
            finds.add(v, fi, run, Kind::Organization, Reason::Team);
        }
    }
}

/// A run followed by a score: a whole number of at most three digits
/// after a space, not a year ("H1 1996") nor part of a figure ("Dewas 45
/// Yellow 12,700-12,950").
fn scored(v: &View, (_, b): (usize, usize)) -> bool {
    let part = || v.number(b + 2) && matches!(v.gap_before(b + 2), "," | ".");
    v.number(b + 1) && v.spaced(b + 1) && v.word_bytes(b + 1).len() <= SCORE_DIGITS && !part()
}

/// "Liverpool 2 Everton 1": run `k` and the next, each with a score; the
/// scorers may stand in brackets after the first score, the next name on
/// the line of the closing bracket ("Leeds 1 (Sharpe 58th) Wimbledon 0").
fn result(v: &View, k: usize) -> Option<(Tokens, Tokens)> {
    let run = *v.runs.get(k)?;
    if !scored(v, run) {
        return None;
    }
    let mut start = run.1 + 2;
    let bracket = v.gap_before(start).trim() == "(";
    if bracket {
        start =
            (start + 1..(start + SCORERS).min(v.len())).find(|&i| v.gap_before(i).contains(')'))?;
    }
    let rest = v.runs.get(k + 1..)?;
    let n = *rest.get(rest.partition_point(|r| r.0 < start))?;
    let joined = if bracket {
        v.gap_before(start).trim_end().ends_with(')') && !v.line_start(start)
    } else {
        v.spaced(start)
    };
    (n.0 == start && joined && scored(v, n)).then_some((run, n))
}

/// "Crewe v Watford, Luton v Rotherham": a run and the next joined by
/// "v" or "vs", in a line or a list of fixtures (which may wrap after the
/// "v"), but not by "at", which names the venue.
fn versus(v: &View, (a, b): Tokens, next: Option<Tokens>) -> Option<(Tokens, Tokens)> {
    let n = next?;
    let joined = n.0 == b + 2 && v.spaced(b + 1) && (v.spaced(n.0) || v.line_start(n.0));
    (joined && v.is(b + 1, SPORT_AT) && !v.is(b + 1, PLACE_CUE)).then_some(((a, b), n))
}

/// "Hajduk v Rijeka" or "Chicago at Detroit" alone on its line: the run
/// and the next; in capitals the "AT" is inside the run ("CHICAGO AT
/// DETROIT"). The flag says whether the word between is a place cue
/// ("at"): then the second name is the venue, where the game is played.
fn fixture(
    v: &View,
    (a, b): (usize, usize),
    next: Option<(usize, usize)>,
) -> Option<(Tokens, Tokens, bool)> {
    if !v.line_start(a) {
        return None;
    }
    if let Some(n) = next {
        let between = n.0 == b + 2 && v.spaced(b + 1) && v.spaced(n.0) && v.is(b + 1, SPORT_AT);
        if between && v.line_end(n.1) {
            return Some(((a, b), n, v.is(b + 1, PLACE_CUE)));
        }
    }
    if !(b > a + 1 && v.line_end(b)) {
        return None;
    }
    let at = (a + 1..b).find(|&k| v.is(k, SPORT_AT))?;
    Some(((a, at - 1), (at + 1, b), v.is(at, PLACE_CUE)))
}

/// A line of a table of standings, at the start of a line, possibly
/// after a rank ("1. Ajax"): a name and at least four numbers ("Ajax 4 3
/// 1 0 9 3 10"), or a place and a row of figures to the end of the line,
/// at least three of them after a space ("NEW YORK 74 59 .556 -": won,
/// lost, percentage).
fn standing(v: &View, (a, b): (usize, usize)) -> bool {
    let starts = v.line_start(a) || (a >= 1 && v.number(a - 1) && v.line_start(a - 1));
    if !starts || !v.number(b + 1) {
        return false;
    }
    if (b + 1..=b + STANDING_NUMBERS).all(|i| v.number(i) && v.spaced(i)) {
        return true;
    }
    let mut k = b + 1;
    let mut figures = 0;
    while k < v.len() && v.number(k) && !v.line_start(k) {
        let gap = v.gap_before(k);
        if !gap
            .chars()
            .all(|c| matches!(c, ' ' | '\t' | '.' | '/' | '-'))
        {
            return false;
        }
        figures += usize::from(gap.starts_with([' ', '\t']));
        k += 1;
    }
    figures >= ROW_FIGURES && v.line_end(k - 1) && v.is_city(a, b)
}

/// "Liverpool beat Everton": a place right before or after a verb of
/// winning or losing (only a place can be a team by this).
fn beaten(v: &View, (a, b): (usize, usize)) -> bool {
    let after = || v.spaced(b + 1) && v.is(b + 1, SPORT_VERB);
    let before = || a >= 1 && v.spaced(a) && v.is(a - 1, SPORT_VERB);
    v.is_city(a, b) && (after() || before())
}

/// "Seattle Mariners", "Sydney Tigers": a place, then a capitalised
/// plural that is no organisation's or place's word; not a place named
/// like a common given name, which starts a person's name there ("Paul
/// Goydos").
fn nickname(v: &View, (a, b): (usize, usize)) -> bool {
    b > a
        && v.word(b).ends_with('s')
        && !v.caps(b)
        && !v.is(b, ORG_HEAD | PLACE_HEAD | FACILITY)
        && !v.is(a, COMMON_GIVEN)
        && (a..b).any(|k| v.is_place(a, k) && v.cap(k + 1))
}

/// A company found with its legal form ("Acme Robotics Inc") is the same
/// name without it elsewhere in the document ("Acme Robotics shares
/// rose", "chief executive of Acme Robotics"), or its first word alone
/// ("Acme said"), standing alone as a run of capitalised words that the
/// gazetteer knows no part of. A short form of one word must be no word
/// the discovery lists know (a given name, a role, an organisation word)
/// and follow no place cue ("in Acme"); one that two companies share
/// stays unresolved.
pub(super) fn short_forms(views: &[View], finds: &mut Finds) {
    let mut by_short = Owners::default();
    for x in &finds.found {
        let company = x.is(&finds.discovered, Kind::Organization);
        let Some(v) = views.get(x.fi) else { continue };
        if !company || x.last <= x.first || !v.is(x.last, LEGAL_FORM) {
            continue;
        }
        let end = (x.first..x.last)
            .rev()
            .find(|&i| !v.is(i, LEGAL_FORM) && v.cap(i));
        let Some(end) = end else { continue };
        claim(&mut by_short, v.folded_span(x.first, end), x.target);
        // Its first word alone too ("Samsung" after "Samsung Electronics
        // Co Ltd"), under the same conditions as any one-word short form.
        if end > x.first {
            claim(&mut by_short, v.folded(x.first), x.target);
        }
    }
    if by_short.is_empty() {
        return;
    }
    let mut adds = Vec::new();
    for (fi, v) in views.iter().enumerate() {
        for &(a, b) in v.runs {
            let Some(Some(target)) = by_short.get(v.folded_span(a, b)) else {
                continue;
            };
            // "chief executive of Acme Robotics": a place cue says nothing
            // of a name of two words or more that the gazetteer does not
            // know; one word after it may be a place.
            let known = (a..=b).any(|i| v.cover(i).is_some());
            let lone_word = a == b && (v.class(a) != 0 || v.place_cue_before(a));
            if known || lone_word || finds.any_taken(fi, a, b) {
                continue;
            }
            adds.push(Found {
                fi,
                first: a,
                last: b,
                target: *target,
                reason: Reason::Partial,
            });
        }
    }
    finds.push_all(adds);
}

/// A team or organisation found once is the same name elsewhere in the
/// document, written the same way and standing alone, unless a place cue
/// makes it a place there ("in Liverpool") or it is in the dateline, at
/// the start of the body or on a line of its own ("LIVERPOOL
/// 1996-08-24").
pub(super) fn repeats(views: &[View], finds: &mut Finds) {
    let names: Vec<(&str, u32)> = finds
        .found
        .iter()
        .filter(|x| x.reason == Reason::Team)
        .filter_map(|x| Some((views.get(x.fi)?.folded_span(x.first, x.last), x.target)))
        .collect();
    if names.is_empty() {
        return;
    }
    let mut adds = Vec::new();
    for (fi, v) in views.iter().enumerate() {
        for &(a, b) in v.runs {
            let words = v.folded_span(a, b);
            let Some(t) = names.iter().find(|n| n.0 == words).map(|n| n.1) else {
                continue;
            };
            // A dateline names where the story was filed: a place.
            let dateline =
                v.f.folded
                    .tokens
                    .get(b)
                    .is_some_and(|t| v.f.in_dateline(t.end));
            if !v.place_cue_before(a) && !v.listed(a, b) && !dateline && !v.dated(a, b) {
                adds.push(Found {
                    fi,
                    first: a,
                    last: b,
                    target: t,
                    reason: Reason::Team,
                });
            }
        }
    }
    finds.push_all(adds);
}
