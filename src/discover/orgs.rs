//! Organisations: names ending in an organisation word, and sports teams.

use super::{Discovery, Finds, View};
use crate::gazetteer::Gazetteer;
use crate::output::Reason;
use crate::types::Kind;

/// The fewest numbers after a name that make a line of a sports table a
/// team's standing ("Ajax 4 3 1 0 9 3 10": played, won, drawn, lost, for,
/// against, points).
const STANDING_NUMBERS: usize = 4;

/// A run ending in an organisation word ("Sumitomo Bank", "Labour
/// Party"), or an organisation word with "of" and a name after it
/// ("Ministry of Defence"), is an organisation. Returns whether it found
/// one. A run whose head the gazetteer lists ("Chinese Ministry of State
/// Security") is the listed organisation.
pub(super) fn suffix(
    v: &View,
    fi: usize,
    d: &Discovery,
    (a, b): (usize, usize),
    finds: &mut Finds,
) -> bool {
    let lex = d.lex;
    let mut last = b;
    // "Ministry of Defence", "University of the West Indies".
    if lex.org_heads_of.contains(v.folded(b)) && v.spaced(b + 1) && v.folded(b + 1) == "of" {
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
    let head = if last > b { b } else { last };
    if !lex.org_heads.contains(v.folded(head)) {
        return false;
    }
    // A sentence's "The" is not part of the name.
    let first = if v.folded(a) == "the" { a + 1 } else { a };
    if first >= last || v.listed(head, head) || v.listed(first, last) {
        return first < last;
    }
    finds.add(v, fi, (first, last), Kind::Organization, Reason::Suffix);
    true
}

/// Whether the run `a..=b` can be a team: not a country (national teams
/// are their countries), not a listed name, not a number.
fn team_like(v: &View, d: &Discovery, (a, b): (usize, usize)) -> bool {
    !v.is_country(a, b)
        && !v.listed(a, b)
        && !d.lex.not_names.contains(v.folded(a))
        && !d.lex.given.contains_key(v.folded(a))
}

/// Teams in sports results: "Liverpool 2 Everton 1" (a name, a score, a
/// name, a score), a table's line ("Ajax 4 3 1 0 9 3 10"), a fixture
/// ("CHICAGO AT DETROIT" alone on its line), and a place before or after
/// a verb of winning or losing ("Liverpool beat Everton").
pub(super) fn teams(
    v: &View,
    fi: usize,
    d: &Discovery,
    runs: &[(usize, usize)],
    finds: &mut Finds,
) {
    let lex = d.lex;
    for (k, &run) in runs.iter().enumerate() {
        let (a, b) = run;
        let next = runs.get(k + 1).copied();
        let score_after = |r: (usize, usize)| v.number(r.1 + 1) && v.spaced(r.1 + 1);
        // "Liverpool 2 Everton 1".
        let result =
            next.filter(|&n| score_after(run) && n.0 == b + 2 && v.spaced(n.0) && score_after(n));
        // "Ajax 4 3 1 0 9 3 10" (possibly after a rank: "1. Ajax").
        let standing = v.number(b + 1)
            && (b + 1..=b + STANDING_NUMBERS).all(|i| v.number(i) && v.spaced(i))
            && (v.line_start(a) || (a >= 1 && v.number(a - 1) && v.line_start(a - 1)));
        // "Chicago at Detroit", alone on its line; in capitals the "AT"
        // is inside the run ("CHICAGO AT DETROIT").
        let alone = v.line_start(a);
        let fixture = next
            .filter(|&n| {
                alone
                    && v.line_end(n.1)
                    && n.0 == b + 2
                    && v.spaced(b + 1)
                    && v.spaced(n.0)
                    && lex.sport_at.contains(v.folded(b + 1))
            })
            .map(|n| (run, n))
            .or_else(|| {
                if !(alone && b > a + 1 && v.line_end(b)) {
                    return None;
                }
                let at = (a + 1..b).find(|&k| lex.sport_at.contains(v.folded(k)))?;
                Some(((a, at - 1), (at + 1, b)))
            });
        // "Liverpool beat Everton": only a place can be a team by this.
        let place = v.is_place(a, b);
        let verb_after = place && v.spaced(b + 1) && lex.sport_verbs.contains(v.folded(b + 1));
        let verb_before =
            place && a >= 1 && v.spaced(a) && lex.sport_verbs.contains(v.folded(a - 1));
        // "Seattle Mariners", "Sydney Tigers": a city, then a plural.
        let nickname = b > a
            && v.word(b).ends_with('s')
            && !v.caps(b)
            && (a..b).any(|k| v.is_place(a, k) && v.cap(k + 1))
            && !lex.org_heads.contains(v.folded(b))
            && !lex.place_heads.contains(v.folded(b));
        let add = |r: (usize, usize), finds: &mut Finds| {
            if team_like(v, d, r) && !(r.0..=r.1).any(|i| finds.taken(fi, i)) {
                finds.add(v, fi, r, Kind::Organization, Reason::Team);
            }
        };
        if let Some((x, y)) = result.map(|n| (run, n)).or(fixture) {
            add(x, finds);
            add(y, finds);
        } else if standing || verb_after || verb_before {
            add(run, finds);
        } else if nickname {
            finds.add(v, fi, run, Kind::Organization, Reason::Team);
        }
    }
}

/// A team or organisation found once is the same name elsewhere in the
/// document, written the same way and standing alone, unless a place cue
/// makes it a place there ("in Liverpool").
pub(super) fn repeats(
    views: &[View],
    runs: &[Vec<(usize, usize)>],
    g: &Gazetteer,
    finds: &mut Finds,
) {
    let names: Vec<(Vec<String>, u32)> = finds
        .found
        .iter()
        .filter(|x| x.reason == Reason::Team)
        .filter_map(|x| {
            let v = views.get(x.fi)?;
            let words = (x.first..=x.last)
                .map(|i| v.folded(i).to_string())
                .collect();
            Some((words, x.target))
        })
        .collect();
    if names.is_empty() {
        return;
    }
    let mut adds = Vec::new();
    for (fi, (v, runs)) in views.iter().zip(runs).enumerate() {
        for &(a, b) in runs {
            let words: Vec<&str> = (a..=b).map(|i| v.folded(i)).collect();
            let Some(t) = names.iter().find(|n| n.0 == words).map(|n| n.1) else {
                continue;
            };
            let cue = a > 0 && v.spaced(a) && g.cues().place_before.contains(v.folded(a - 1));
            if !cue && !v.listed(a, b) {
                adds.push(super::Found {
                    fi,
                    first: a,
                    last: b,
                    target: t,
                    reason: Reason::Team,
                });
            }
        }
    }
    for x in adds {
        finds.push(x);
    }
}
