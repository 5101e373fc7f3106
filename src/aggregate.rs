//! Aggregate: mentions become one tag per entity, with a salience score.

use std::collections::HashMap;

use crate::gazetteer::{Entity, Evidence, Gazetteer};
use crate::output::{Field, Mention, Span, Tag};

/// How much one mention counts, by its evidence. A name is the strongest
/// signal; a capital standing for a government is nearly as strong; an
/// adjective ("Mexican officials") often only colours a story.
pub(crate) fn evidence_weight(e: Evidence) -> f32 {
    match e {
        Evidence::Name | Evidence::Partial => 1.0,
        Evidence::Metonym => 0.75,
        Evidence::Demonym => 0.5,
    }
}

/// A mention in the title counts this many times.
pub(crate) const TITLE_FACTOR: f32 = 2.0;
/// Added once when the first mention is in the title or the lead.
pub(crate) const LEAD_BONUS: f32 = 1.0;
/// The lead: the first this many bytes of the body.
pub(crate) const LEAD_BYTES: usize = 300;
/// The raw weight that gives a score of one half.
pub(crate) const HALF_SCORE: f32 = 2.0;

/// Running totals for one entity.
struct Acc {
    entity: u32,
    count: u32,
    raw: f32,
    first: Span,
    first_field: Field,
    in_title: bool,
}

/// Builds the tags of `mentions` (title first, then body, in text
/// order; `entities[i]` is the entity index of `mentions[i]`), keeps those
/// scoring at least `min_score`, most salient first.
pub(crate) fn aggregate(
    gazetteer: &Gazetteer,
    mentions: &[Mention],
    entities: &[u32],
    min_score: f32,
) -> Vec<Tag> {
    let mut accs: Vec<Acc> = Vec::new();
    let mut index: HashMap<u32, usize> = HashMap::new();
    for (m, &entity) in mentions.iter().zip(entities) {
        let in_title = m.field == Field::Title;
        let factor = if in_title { TITLE_FACTOR } else { 1.0 };
        let weight = evidence_weight(m.evidence) * factor;
        match index.get(&entity).and_then(|&i| accs.get_mut(i)) {
            Some(acc) => {
                acc.count += 1;
                acc.raw += weight;
                acc.in_title |= in_title;
            }
            None => {
                let lead = in_title || m.span.start < LEAD_BYTES;
                let bonus = if lead { LEAD_BONUS } else { 0.0 };
                index.insert(entity, accs.len());
                accs.push(Acc {
                    entity,
                    count: 1,
                    raw: weight + bonus,
                    first: m.span,
                    first_field: m.field,
                    in_title,
                });
            }
        }
    }
    let mut tags: Vec<(Field, Tag)> = accs
        .into_iter()
        .map(|acc| (acc.first_field, tag(gazetteer.entity_at(acc.entity), &acc)))
        .filter(|(_, t)| t.score >= min_score)
        .collect();
    tags.sort_by(|(fa, a), (fb, b)| {
        b.score
            .total_cmp(&a.score)
            .then(fa.cmp(fb))
            .then(a.first.start.cmp(&b.first.start))
            .then(a.entity.cmp(&b.entity))
    });
    tags.into_iter().map(|(_, t)| t).collect()
}

/// Maps a raw weight to a score in [0, 1): `raw / (raw + HALF_SCORE)`,
/// rounded to three decimals so that output is stable across platforms.
pub(crate) fn score(raw: f32) -> f32 {
    let s = raw / (raw + HALF_SCORE);
    (s * 1000.0).round() / 1000.0
}

fn tag(e: &Entity, acc: &Acc) -> Tag {
    Tag {
        entity: e.id().to_string(),
        kind: e.kind(),
        label: e.tag().to_string(),
        iso: e.iso().map(str::to_string),
        count: acc.count,
        score: score(acc.raw),
        first: acc.first,
        in_title: acc.in_title,
        derived: false,
    }
}
