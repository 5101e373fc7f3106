//! Mentions: resolved slots, still in token coordinates, become
//! [`Mention`]s of the caller's text. A mention's span takes in its
//! alias's own punctuation ("U.S." ends after the last dot), never
//! reaches back into the mention before it, and a mention in the
//! dateline is evidence of where the story was filed, whatever its alias
//! says. Entities discovered in the document get their ids here.

use crate::byline::Writers;
use crate::discover::Discovered;
use crate::fields::FieldInput;
use crate::gazetteer::Gazetteer;
use crate::output::{DropReason, Dropped, Mention, Target};
use crate::resolve::{Resolved, Unresolved};
use crate::types::{Evidence, Field, Kind, Span};

/// The mentions of a document, and what each is of: `targets[i]` is the
/// entity of `mentions[i]`.
#[derive(Debug, Default)]
pub(crate) struct Mentions {
    pub(crate) mentions: Vec<Mention>,
    pub(crate) targets: Vec<Target>,
}

/// The mentions of `resolved`, in its order, over `fields`.
pub(crate) fn mentions(
    g: &Gazetteer,
    fields: &[FieldInput],
    resolved: &[Resolved],
    discovered: &[Discovered],
) -> Mentions {
    let mut out = Mentions {
        mentions: Vec::with_capacity(resolved.len()),
        targets: Vec::with_capacity(resolved.len()),
    };
    let mut prev: Option<(Field, usize)> = None;
    for r in resolved {
        let Some(f) = fields.iter().find(|f| f.field == r.field) else {
            continue;
        };
        let Some(mut span) = span(g, f, r.first, r.last, r.alias) else {
            continue;
        };
        // Punctuation between two mentions goes to the first: "A.B"
        // with aliases "A." and ".B" must not give overlapping spans.
        // A span's punctuation never reaches past the next word, so the
        // clamped start is still at or before this mention's first word.
        if let Some((_, prev_end)) = prev.filter(|(field, _)| *field == r.field) {
            span.start = span.start.max(prev_end);
        }
        prev = Some((r.field, span.end));
        let (entity, kind) = entity(g, r.target, discovered);
        out.mentions.push(Mention {
            entity,
            kind,
            field: r.field,
            span,
            text: f.text.get(span.range()).unwrap_or_default().to_string(),
            evidence: if f.in_dateline(span.end) {
                Evidence::Dateline
            } else {
                r.evidence
            },
            reason: r.reason,
        });
        out.targets.push(r.target);
    }
    out
}

/// The names of `unresolved` as [`Dropped`] names of the caller's text,
/// and the writers' names hidden from every stage (in the body as
/// written): all in field and text order.
pub(crate) fn dropped(
    g: &Gazetteer,
    fields: &[FieldInput],
    unresolved: &[Unresolved],
    writers: Writers,
) -> Vec<Dropped> {
    let mut out = Vec::with_capacity(unresolved.len() + writers.spans.len());
    for u in unresolved {
        let Some(f) = fields.iter().find(|f| f.field == u.field) else {
            continue;
        };
        let Some(span) = span(g, f, u.first, u.last, u.alias) else {
            continue;
        };
        out.push(Dropped {
            field: u.field,
            span,
            text: f.text.get(span.range()).unwrap_or_default().to_string(),
            reason: u.why,
            entities: u
                .options
                .iter()
                .map(|&e| g.entity_at(e).id().to_string())
                .collect(),
        });
    }
    if !writers.spans.is_empty() {
        out.extend(writers.spans.iter().map(|r| Dropped {
            field: Field::Body,
            span: Span {
                start: r.start,
                end: r.end,
            },
            text: writers.body.get(r.clone()).unwrap_or_default().to_string(),
            reason: DropReason::Writer,
            entities: Vec::new(),
        }));
        out.sort_by_key(|d| (d.field, d.span.start));
    }
    out
}

/// The bytes of tokens `first..=last`, and the punctuation of `alias`
/// around them where the text has it.
fn span(
    g: &Gazetteer,
    f: &FieldInput,
    first: usize,
    last: usize,
    alias: Option<u32>,
) -> Option<Span> {
    let tokens = &f.folded.tokens;
    let (first, last) = (tokens.get(first)?, tokens.get(last)?);
    let (start, end) = match alias {
        Some(a) => g.matcher().alias(a).span(f.text, first, last),
        None => (first.start, last.end),
    };
    Some(Span { start, end })
}

/// The id and kind of what a mention is of.
fn entity(g: &Gazetteer, target: Target, discovered: &[Discovered]) -> (String, Kind) {
    match target {
        Target::Known(i) => {
            let e = g.entity_at(i);
            (e.id().to_string(), e.kind())
        }
        Target::Discovered(i) => match discovered.get(i as usize) {
            Some(d) => (d.id().to_string(), d.kind),
            None => (String::new(), Kind::Unknown),
        },
    }
}
