//! Aggregate: mentions become one tag per entity, scored by the salience
//! model, and entities imply their countries.

use crate::output::{Tag, TagTarget, Target};
use crate::salience::{Candidate, DocFacts, KindStats, Own, SalienceModel, candidates, kind_stats};
use crate::types::Kind;

/// The minimum score of a suggested tag, unless the caller sets another:
/// the tag is more likely than not.
pub(crate) const DEFAULT_MIN_SCORE: f32 = 0.5;

/// The mentions of a document and what each is of.
pub(crate) struct Doc<'a> {
    pub(crate) facts: DocFacts<'a>,
    pub(crate) model: &'a SalienceModel,
    /// Whether each tag carries its features and their contributions.
    pub(crate) explain: bool,
}

/// Builds the tags of a document: one per entity mentioned, plus one
/// derived tag per country implied but not mentioned, most salient first.
pub(crate) fn aggregate(doc: &Doc) -> Vec<Tag> {
    let cands = candidates(&doc.facts);
    let stats = kind_stats(&cands);
    let mut tags: Vec<Tag> = cands
        .iter()
        .map(|c| tag(doc, c, stats.get(&c.kind).copied().unwrap_or_default()))
        .collect();
    tags.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.derived.cmp(&b.derived))
            .then(a.first_field.cmp(&b.first_field))
            .then(a.first.start.cmp(&b.first.start))
            .then(a.entity.cmp(&b.entity))
    });
    tags
}

/// The tag of a candidate, scored by the model. Its `count`, `first` and
/// `in_title` are of the entity's own mentions; the mentions that only
/// count for it are `supporting`, and give `first` and `in_title` to a tag
/// with no mention of its own.
fn tag(doc: &Doc, c: &Candidate, stats: KindStats) -> Tag {
    let (entity, kind, label, iso) = identity(doc, c.target);
    let x = c.features(&doc.facts, stats);
    let derived_from = c.derived_from.map(|t| identity(doc, t).0);
    let own = c.own.unwrap_or(Own {
        count: 0,
        first: c.first,
        first_field: c.first_field,
        in_title: c.in_title,
    });
    Tag {
        entity,
        kind,
        label,
        iso,
        count: own.count,
        supporting: c.support().saturating_sub(own.count),
        score: doc.model.score(kind, &x),
        first: own.first,
        first_field: own.first_field,
        in_title: own.in_title,
        derived: c.derived(),
        derived_from,
        discovered: matches!(c.target, Target::Discovered(_)),
        explanation: doc.explain.then(|| doc.model.explain(kind, &x)),
        target: TagTarget(Some(c.target)),
    }
}

/// The id, kind, label and ISO code of what a candidate is of.
fn identity(doc: &Doc, target: Target) -> (String, Kind, String, Option<String>) {
    match target {
        Target::Known(i) => {
            let e = doc.facts.gazetteer.entity_at(i);
            let iso = e.iso().map(str::to_string);
            (e.id().to_string(), e.kind(), e.label().to_string(), iso)
        }
        Target::Discovered(i) => match doc.facts.discovered.get(i as usize) {
            Some(d) => (d.id().to_string(), d.kind, d.label(), None),
            None => (String::new(), Kind::Unknown, String::new(), None),
        },
    }
}
