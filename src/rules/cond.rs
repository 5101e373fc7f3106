//! Compiled conditions, and how they are tested against a document.

use regex::Regex;

use super::Hit;
use super::phrases::PhraseHit;
use crate::gazetteer::{Gazetteer, Kind};
use crate::output::{Field, Mention, Span, Tag};

/// At most this many hits are kept as evidence for one condition; counts
/// (for `min_count`) still go on past it.
pub(crate) const MAX_HITS: usize = 8;

/// Which part of the document a condition looks at.
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq)]
pub(crate) enum Where {
    #[default]
    Anywhere,
    Title,
    Body,
}

impl Where {
    fn admits(self, field: Field) -> bool {
        match self {
            Where::Anywhere => true,
            Where::Title => field == Field::Title,
            Where::Body => field == Field::Body,
        }
    }
}

/// A test on the tags of the document: every selector given must hold
/// for one tag.
#[derive(Clone, Debug, Default)]
pub(crate) struct TagTest {
    /// Entity ids: the tag is one of them (any, when empty).
    pub(crate) entities: Vec<Box<str>>,
    pub(crate) kind: Option<Kind>,
    /// Country ids: the tag is one of those countries, or an entity linked
    /// to one (any, when empty).
    pub(crate) countries: Vec<Box<str>>,
    /// A topic id: the tag is that entity, and a topic.
    pub(crate) topic: Option<Box<str>>,
    pub(crate) min_count: u32,
    pub(crate) min_score: f32,
    /// How many distinct tags must pass.
    pub(crate) at_least: u32,
    pub(crate) place: Where,
}

/// A compiled condition.
#[derive(Clone, Debug)]
pub(crate) enum Cond {
    Tags(TagTest),
    /// Phrase list `list` of the rule set's automaton, hit at least
    /// `min_count` times (and with at least `distinct` different texts).
    Phrases {
        list: u32,
        min_count: u32,
        distinct: u32,
        place: Where,
    },
    Regex {
        re: Regex,
        min_count: u32,
        place: Where,
    },
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
}

/// The document as the conditions see it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Doc<'a> {
    pub(crate) gazetteer: &'a Gazetteer,
    pub(crate) title: &'a str,
    pub(crate) body: &'a str,
    pub(crate) tags: &'a [Tag],
    pub(crate) mentions: &'a [Mention],
    /// Every phrase hit, sorted by list.
    pub(crate) phrase_hits: &'a [PhraseHit],
}

impl Doc<'_> {
    fn text(&self, field: Field) -> &str {
        match field {
            Field::Title => self.title,
            Field::Body => self.body,
            // Rules read the title and the body; a dateline apart is only
            // a place, which tag conditions see.
            Field::Dateline => "",
        }
    }
}

impl Cond {
    /// `Some(hits)` when the condition holds (a `not` holds with no hits),
    /// `None` when it does not.
    pub(crate) fn eval(&self, doc: &Doc) -> Option<Vec<Hit>> {
        match self {
            Cond::Tags(t) => t.eval(doc),
            Cond::Phrases {
                list,
                min_count,
                distinct,
                place,
            } => eval_phrases(doc, *list, *min_count, *distinct, *place),
            Cond::Regex {
                re,
                min_count,
                place,
            } => eval_regex(doc, re, *min_count, *place),
            Cond::All(conds) => {
                let mut hits = Vec::new();
                for c in conds {
                    hits.extend(c.eval(doc)?);
                }
                Some(hits)
            }
            Cond::Any(conds) => {
                let mut held = false;
                let mut hits = Vec::new();
                for h in conds.iter().filter_map(|c| c.eval(doc)) {
                    held = true;
                    hits.extend(h);
                }
                held.then_some(hits)
            }
            Cond::Not(c) => match c.eval(doc) {
                Some(_) => None,
                None => Some(Vec::new()),
            },
        }
    }
}

impl TagTest {
    fn eval(&self, doc: &Doc) -> Option<Vec<Hit>> {
        let passing = doc.tags.iter().filter(|t| self.accepts(doc, t));
        let mut n = 0;
        let mut hits = Vec::new();
        for t in passing {
            n += 1;
            if hits.len() < MAX_HITS {
                hits.push(Hit::Tag {
                    entity: t.entity.clone(),
                    label: t.label.clone(),
                });
            }
        }
        (n >= self.at_least.max(1)).then_some(hits)
    }

    fn accepts(&self, doc: &Doc, tag: &Tag) -> bool {
        let entity = || self.entities.iter().any(|e| **e == *tag.entity);
        (self.entities.is_empty() || entity())
            && self.kind.is_none_or(|k| tag.kind == k)
            && self
                .topic
                .as_deref()
                .is_none_or(|t| tag.kind == Kind::Topic && tag.entity == t)
            && (self.countries.is_empty() || self.in_country(doc, tag))
            && tag.count >= self.min_count
            && tag.score >= self.min_score
            && self.placed(doc, tag)
    }

    /// Whether the tag is one of the countries, or linked to one.
    fn in_country(&self, doc: &Doc, tag: &Tag) -> bool {
        let linked = doc.gazetteer.entity(&tag.entity).and_then(|e| e.country());
        self.countries
            .iter()
            .any(|c| **c == *tag.entity || linked == Some(&**c))
    }

    /// Whether the tag is mentioned where the test looks.
    fn placed(&self, doc: &Doc, tag: &Tag) -> bool {
        match self.place {
            Where::Anywhere => true,
            Where::Title => tag.in_title,
            Where::Body => doc
                .mentions
                .iter()
                .any(|m| m.field == Field::Body && m.entity == tag.entity),
        }
    }
}

fn eval_phrases(
    doc: &Doc,
    list: u32,
    min_count: u32,
    distinct: u32,
    place: Where,
) -> Option<Vec<Hit>> {
    let all = doc.phrase_hits;
    let lo = all.partition_point(|h| h.list < list);
    let hi = all.partition_point(|h| h.list <= list);
    let mut count = 0u32;
    let mut seen: Vec<String> = Vec::new();
    let mut hits = Vec::new();
    for h in all.get(lo..hi).unwrap_or_default() {
        if !place.admits(h.field) {
            continue;
        }
        count += 1;
        let text = doc.text(h.field).get(h.span.range()).unwrap_or_default();
        let folded = crate::fold::fold_str(text);
        if !seen.contains(&folded) {
            seen.push(folded);
        }
        if hits.len() < MAX_HITS {
            hits.push(text_hit(h.field, h.span, text));
        }
    }
    let enough = count >= min_count.max(1) && seen.len() as u32 >= distinct;
    enough.then_some(hits)
}

fn eval_regex(doc: &Doc, re: &Regex, min_count: u32, place: Where) -> Option<Vec<Hit>> {
    let need = min_count.max(1) as usize;
    let mut count = 0usize;
    let mut hits = Vec::new();
    for field in [Field::Title, Field::Body] {
        if !place.admits(field) {
            continue;
        }
        let text = doc.text(field);
        // Counting stops once both the count and the evidence are full.
        for m in re.find_iter(text).take(need.max(MAX_HITS)) {
            count += 1;
            if hits.len() < MAX_HITS {
                let span = Span {
                    start: m.start(),
                    end: m.end(),
                };
                hits.push(text_hit(field, span, m.as_str()));
            }
        }
    }
    (count >= need).then_some(hits)
}

fn text_hit(field: Field, span: Span, text: &str) -> Hit {
    Hit::Text {
        field,
        start: span.start,
        end: span.end,
        text: text.to_string(),
    }
}
