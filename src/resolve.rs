//! Resolve: from candidates to mentions of entities.
//!
//! Candidates are first reduced to non-overlapping slots, leftmost-longest.
//! A slot may still stand for several entities (an alias they share) or
//! only be a partial name. It becomes a mention when:
//!
//! - it names one entity by a full alias (name, acronym, demonym,
//!   metonym); or
//! - it is a partial name ("Nieto") of exactly one person named in full
//!   earlier in the document; or
//! - of the entities it could be, exactly one is named unambiguously
//!   elsewhere in the document.
//!
//! Anything else is dropped, not guessed.

use std::cmp::Reverse;
use std::collections::HashSet;

use crate::gazetteer::{Evidence, Gazetteer};
use crate::matcher::Candidate;
use crate::output::Field;

/// A resolved mention, still in token coordinates.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Resolved {
    pub(crate) field: Field,
    pub(crate) first: usize,
    pub(crate) last: usize,
    pub(crate) alias: u32,
    pub(crate) entity: u32,
}

/// A non-overlapping match, with every alias that fits it.
#[derive(Clone, Copy, Debug)]
struct Slot {
    field: Field,
    first: usize,
    last: usize,
    /// Range into the field's sorted candidates.
    lo: usize,
    hi: usize,
}

/// Sorts `cands` and picks the leftmost-longest non-overlapping slots.
fn slots(field: Field, cands: &mut Vec<Candidate>, out: &mut Vec<Slot>) {
    cands.sort_unstable_by_key(|c| (c.first, Reverse(c.last), c.alias));
    cands.dedup();
    let mut next = 0;
    let mut i = 0;
    while let Some(c) = cands.get(i).copied() {
        let mut j = i + 1;
        while cands
            .get(j)
            .is_some_and(|d| d.first == c.first && d.last == c.last)
        {
            j += 1;
        }
        if c.first >= next {
            out.push(Slot {
                field,
                first: c.first,
                last: c.last,
                lo: i,
                hi: j,
            });
            next = c.last + 1;
        }
        i = j;
    }
}

/// Resolves the candidates of each field (title first) into mentions.
pub(crate) fn resolve(
    gazetteer: &Gazetteer,
    fields: &mut [(Field, Vec<Candidate>)],
    out: &mut Vec<Resolved>,
) {
    let mut all = Vec::new();
    for (field, cands) in fields.iter_mut() {
        slots(*field, cands, &mut all);
    }
    let cands_of = |slot: &Slot| -> &[Candidate] {
        let cands = fields
            .iter()
            .find(|(f, _)| *f == slot.field)
            .map(|(_, c)| c);
        cands
            .and_then(|c| c.get(slot.lo..slot.hi))
            .unwrap_or_default()
    };
    let matcher = gazetteer.matcher();
    // Entities some slot names alone, by a full alias: context for the
    // slots that are ambiguous.
    let anchors: HashSet<u32> = all
        .iter()
        .filter_map(|slot| {
            let mut full = cands_of(slot)
                .iter()
                .map(|c| matcher.alias(c.alias))
                .filter(|a| a.evidence != Evidence::Partial)
                .map(|a| a.entity);
            let first = full.next()?;
            full.all(|e| e == first).then_some(first)
        })
        .collect();
    let mut named: HashSet<u32> = HashSet::new();
    for slot in &all {
        let mut full: Vec<(u32, u32)> = Vec::new();
        let mut part: Vec<(u32, u32)> = Vec::new();
        for c in cands_of(slot) {
            let a = matcher.alias(c.alias);
            let list = if a.evidence == Evidence::Partial {
                if !named.contains(&a.entity) {
                    continue;
                }
                &mut part
            } else {
                &mut full
            };
            if !list.iter().any(|&(e, _)| e == a.entity) {
                list.push((a.entity, c.alias));
            }
        }
        let chosen = match (full.as_slice(), part.as_slice()) {
            ([one], []) | ([], [one]) => Some(*one),
            ([one], [p]) if one.0 == p.0 => Some(*one),
            ([], []) => None,
            _ => {
                let mut known: Vec<(u32, u32)> = Vec::new();
                for &(e, a) in full.iter().chain(&part) {
                    let in_context = anchors.contains(&e) || named.contains(&e);
                    if in_context && !known.iter().any(|k| k.0 == e) {
                        known.push((e, a));
                    }
                }
                match known.as_slice() {
                    [one] => Some(*one),
                    _ => None,
                }
            }
        };
        let Some((entity, alias)) = chosen else {
            continue;
        };
        if matcher.alias(alias).evidence != Evidence::Partial {
            named.insert(entity);
        }
        out.push(Resolved {
            field: slot.field,
            first: slot.first,
            last: slot.last,
            alias,
            entity,
        });
    }
}
