//! Compiled categories and conditions, and how conditions are tested
//! against a document.

use std::cell::OnceCell;
use std::hash::{Hash, Hasher};

use regex::Regex;
use rustc_hash::{FxHashSet, FxHasher};

use crate::gazetteer::Gazetteer;
use crate::output::{Hit, Mention, Tag, Target};
use crate::phrases::PhraseHits;
use crate::types::{Field, Kind, Span};

/// At most this many hits are kept for one condition that fired; counts
/// (for `min_count`) still go on past it.
pub(crate) const MAX_HITS: usize = 8;

/// One compiled category.
#[derive(Clone, Debug)]
pub(crate) struct Rule {
    pub(crate) name: Box<str>,
    pub(crate) code: Option<Box<str>>,
    /// Index of the parent category.
    pub(crate) parent: Option<u32>,
    /// For a category on the logistic scale, its bias: the score is then
    /// the probability `sigmoid(bias + sum)` and its threshold one too.
    pub(crate) bias: Option<f32>,
    pub(crate) conditions: Vec<Weighted>,
    /// The sum of weights the category needs (see [`Rule::needs`]),
    /// computed once.
    pub(crate) needs: f32,
}

/// A top-level condition with its weight.
#[derive(Clone, Debug)]
pub(crate) struct Weighted {
    pub(crate) weight: f32,
    /// The most the condition can add: its weight if positive, for a
    /// `weights` table the sum of its positive weights.
    pub(crate) gain: f32,
    pub(crate) cond: Cond,
    pub(crate) label: Box<str>,
    /// `file:line` of the condition.
    pub(crate) rule: Box<str>,
}

/// What the categorizer reads of a tagged document.
#[derive(Debug)]
pub(crate) struct Input<'a> {
    pub(crate) gazetteer: &'a Gazetteer,
    pub(crate) title: &'a str,
    pub(crate) body: &'a str,
    pub(crate) tags: &'a [Tag],
    pub(crate) mentions: &'a [Mention],
    /// What each mention is of: `targets[i]` for `mentions[i]`.
    pub(crate) targets: &'a [Target],
}

/// Which part of the document a condition looks at.
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq)]
pub(crate) enum Where {
    #[default]
    Anywhere,
    Title,
    Body,
}

impl Where {
    pub(crate) fn admits(self, field: Field) -> bool {
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
    pub(crate) entities: IdSet,
    pub(crate) kind: Option<Kind>,
    /// Country ids: the tag is one of those countries, or an entity
    /// linked to one (any, when empty).
    pub(crate) countries: IdSet,
    /// A topic id: the tag is that entity, and a topic.
    pub(crate) topic: Option<Box<str>>,
    pub(crate) min_count: u32,
    pub(crate) min_score: f32,
    /// How many distinct tags must pass.
    pub(crate) at_least: u32,
    pub(crate) place: Where,
}

/// A set of entity ids that answers by hash: every tag of every document
/// is tested against it, and comparing ids as strings ("country/ru" and
/// "country/us" share eight bytes) was most of the cost.
#[derive(Clone, Debug, Default)]
pub(crate) struct IdSet {
    /// `(hash, id)`, sorted.
    ids: Vec<(u64, Box<str>)>,
}

impl IdSet {
    /// The set of `ids`.
    pub(crate) fn new(ids: impl IntoIterator<Item = Box<str>>) -> IdSet {
        let mut ids: Vec<(u64, Box<str>)> = ids.into_iter().map(|id| (id_hash(&id), id)).collect();
        ids.sort_unstable();
        ids.dedup();
        IdSet { ids }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Whether `id`, whose [`id_hash`] is `hash`, is in the set.
    fn contains(&self, id: &str, hash: u64) -> bool {
        let from = self.ids.partition_point(|(h, _)| *h < hash);
        let same = self.ids.get(from..).unwrap_or_default();
        same.iter()
            .take_while(|(h, _)| *h == hash)
            .any(|(_, i)| **i == *id)
    }
}

/// The hash an [`IdSet`] keeps its ids by.
pub(crate) fn id_hash(id: &str) -> u64 {
    let mut h = FxHasher::default();
    id.hash(&mut h);
    h.finish()
}

/// A compiled condition.
#[derive(Clone, Debug)]
pub(crate) enum Cond {
    Tags(TagTest),
    /// Phrase list `list` of the rule set's word trie, hit at least
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
    /// A `weights` table: phrase list `list`, whose phrases carry their
    /// weights (see [`table`](super::table)); `log`: each phrase weighs
    /// its weight times ln(1 + its count), not its weight once.
    Table {
        list: u32,
        place: Where,
        log: bool,
    },
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
}

/// The document as the conditions see it: what the tagger found, and
/// what categorizing adds.
#[derive(Debug)]
pub(crate) struct Doc<'a> {
    pub(crate) input: &'a Input<'a>,
    /// Every phrase hit, grouped by list.
    pub(crate) phrase_hits: &'a PhraseHits,
    /// For each tag, the hash of its entity id, and the country its
    /// entity is linked to with that id's hash: computed once per document
    /// the first time a condition asks.
    pub(crate) keys: OnceCell<Vec<TagKeys<'a>>>,
    /// For each tag, whether one of its own mentions is in the body:
    /// worked out once per document the first time a `where = "body"`
    /// tag test asks, not by a pass over the mentions for each tag of
    /// each such test.
    pub(crate) in_body: OnceCell<Vec<bool>>,
    /// How many tags the document has of each kind (by `Kind as usize`),
    /// for [`Cond::can_hold`].
    kinds: [u32; KINDS],
}

/// Room for a count per [`Kind`].
const KINDS: usize = 8;

/// What tag tests look up about one tag.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TagKeys<'a> {
    entity: u64,
    linked: Option<(&'a str, u64)>,
}

impl<'a> Doc<'a> {
    /// The document as the conditions see it, with its phrase hits
    /// grouped by list.
    pub(crate) fn new(input: &'a Input<'a>, phrase_hits: &'a PhraseHits) -> Doc<'a> {
        let mut kinds = [0u32; KINDS];
        for t in input.tags {
            if let Some(n) = kinds.get_mut(t.kind as usize) {
                *n += 1;
            }
        }
        Doc {
            input,
            phrase_hits,
            keys: OnceCell::new(),
            in_body: OnceCell::new(),
            kinds,
        }
    }

    /// How many tags of `kind` the document has.
    fn tags_of(&self, kind: Kind) -> u32 {
        self.kinds.get(kind as usize).copied().unwrap_or(u32::MAX)
    }

    /// The keys of tag `i`.
    fn keys(&self, i: usize) -> Option<TagKeys<'a>> {
        let (gazetteer, tags) = (self.input.gazetteer, self.input.tags);
        let keys = self.keys.get_or_init(|| {
            tags.iter()
                .map(|t| TagKeys {
                    entity: id_hash(&t.entity),
                    linked: match t.target.0 {
                        Some(Target::Known(e)) => gazetteer.entity_at(e).country(),
                        _ => None,
                    }
                    .map(|c| (c, id_hash(c))),
                })
                .collect()
        });
        keys.get(i).copied()
    }

    /// Whether tag `i` has a mention in the body.
    fn in_body(&self, i: usize) -> bool {
        let input = self.input;
        let flags = self.in_body.get_or_init(|| {
            let body: FxHashSet<Target> = input
                .mentions
                .iter()
                .zip(input.targets)
                .filter(|(m, _)| m.field == Field::Body)
                .map(|(_, t)| *t)
                .collect();
            input
                .tags
                .iter()
                .map(|t| t.target.0.is_some_and(|target| body.contains(&target)))
                .collect()
        });
        flags.get(i).copied().unwrap_or(false)
    }

    pub(crate) fn text(&self, field: Field) -> &str {
        match field {
            Field::Title => self.input.title,
            Field::Body => self.input.body,
            // Rules read the title and the body; a dateline apart is only
            // a place, which tag conditions see.
            Field::Dateline => "",
        }
    }
}

impl Cond {
    /// Whether the condition can hold at all, from what the document has
    /// without looking closer: a phrase list needs as many hits as it
    /// asks for (in any field), a tag test as many tags of its kind (or
    /// topics, or tags at all); a regular expression or a `not` may
    /// always hold. False only when [`holds`](Self::holds) is false too.
    pub(crate) fn can_hold(&self, doc: &Doc) -> bool {
        match self {
            Cond::Tags(t) => {
                let n = match (t.kind, &t.topic) {
                    (Some(kind), _) => doc.tags_of(kind),
                    (None, Some(_)) => doc.tags_of(Kind::Topic),
                    (None, None) => doc.input.tags.len().try_into().unwrap_or(u32::MAX),
                };
                n >= t.at_least.max(1)
            }
            Cond::Phrases {
                list, min_count, ..
            } => doc.phrase_hits.of_list(*list).len() >= (*min_count).max(1) as usize,
            Cond::Table { list, .. } => !doc.phrase_hits.of_list(*list).is_empty(),
            Cond::Regex { .. } | Cond::Not(_) => true,
            Cond::All(conds) => conds.iter().all(|c| c.can_hold(doc)),
            Cond::Any(conds) => conds.iter().any(|c| c.can_hold(doc)),
        }
    }

    /// Whether the condition holds. With `hits`, also appends what it held
    /// on (at most [`MAX_HITS`] per phrase, regex or tag test; a `not`
    /// holds on nothing); without, it allocates nothing and stops as soon
    /// as the answer is known.
    pub(crate) fn holds(&self, doc: &Doc, mut hits: Option<&mut Vec<Hit>>) -> bool {
        match self {
            Cond::Tags(t) => t.holds(doc, hits),
            Cond::Phrases {
                list,
                min_count,
                distinct,
                place,
            } => phrases_hold(doc, *list, *min_count, *distinct, *place, hits),
            Cond::Regex {
                re,
                min_count,
                place,
            } => regex_holds(doc, re, *min_count, *place, hits),
            Cond::Table { list, place, .. } => phrases_hold(doc, *list, 1, 1, *place, hits),
            Cond::All(conds) => {
                let mark = hits.as_deref().map(Vec::len);
                for c in conds {
                    if !c.holds(doc, hits.as_deref_mut()) {
                        if let (Some(h), Some(mark)) = (hits, mark) {
                            h.truncate(mark);
                        }
                        return false;
                    }
                }
                true
            }
            Cond::Any(conds) => {
                let mut held = false;
                for c in conds {
                    held |= c.holds(doc, hits.as_deref_mut());
                    if held && hits.is_none() {
                        break;
                    }
                }
                held
            }
            Cond::Not(c) => !c.holds(doc, None),
        }
    }
}

impl TagTest {
    fn holds(&self, doc: &Doc, mut hits: Option<&mut Vec<Hit>>) -> bool {
        let need = self.at_least.max(1);
        let mut n = 0;
        for (_, t) in doc
            .input
            .tags
            .iter()
            .enumerate()
            .filter(|(i, t)| self.accepts(doc, *i, t))
        {
            n += 1;
            match hits.as_deref_mut() {
                Some(h) if n as usize <= MAX_HITS => h.push(Hit::Tag {
                    entity: t.entity.clone(),
                    label: t.label.clone(),
                }),
                Some(_) => {}
                None if n >= need => return true,
                None => {}
            }
        }
        n >= need
    }

    /// Whether `tag`, the `i`-th of the document, passes.
    fn accepts(&self, doc: &Doc, i: usize, tag: &Tag) -> bool {
        let hash = || {
            doc.keys(i)
                .map_or_else(|| id_hash(&tag.entity), |k| k.entity)
        };
        let entity = || self.entities.contains(&tag.entity, hash());
        (self.entities.is_empty() || entity())
            && self.kind.is_none_or(|k| tag.kind == k)
            && self
                .topic
                .as_deref()
                .is_none_or(|t| tag.kind == Kind::Topic && tag.entity == t)
            && tag.count >= self.min_count
            && tag.score >= self.min_score
            && (self.countries.is_empty() || self.in_country(doc, i, tag))
            && self.placed(doc, i, tag)
    }

    /// Whether the tag is one of the countries, or linked to one.
    fn in_country(&self, doc: &Doc, i: usize, tag: &Tag) -> bool {
        let Some(keys) = doc.keys(i) else {
            return false;
        };
        self.countries.contains(&tag.entity, keys.entity)
            || keys
                .linked
                .is_some_and(|(c, hash)| self.countries.contains(c, hash))
    }

    /// Whether the tag, the `i`-th of the document, is mentioned where
    /// the test looks.
    fn placed(&self, doc: &Doc, i: usize, tag: &Tag) -> bool {
        match self.place {
            Where::Anywhere => true,
            Where::Title => tag.in_title,
            Where::Body => doc.in_body(i),
        }
    }
}

fn phrases_hold(
    doc: &Doc,
    list: u32,
    min_count: u32,
    distinct: u32,
    place: Where,
    mut hits: Option<&mut Vec<Hit>>,
) -> bool {
    let admitted = doc
        .phrase_hits
        .of_list(list)
        .iter()
        .filter(|h| place.admits(h.field));
    let need = min_count.max(1);
    let mut count = 0u32;
    for h in admitted.clone() {
        count += 1;
        if let Some(out) = hits.as_deref_mut() {
            if count as usize <= MAX_HITS {
                let text = doc.text(h.field).get(h.span.range()).unwrap_or_default();
                out.push(text_hit(h.field, h.span, text));
            }
        } else if count >= need && distinct <= 1 {
            return true;
        }
    }
    if count < need {
        return false;
    }
    // Hits of one pattern spell one phrase (folded), so the distinct
    // phrases are the distinct patterns.
    if distinct > 1 {
        let mut patterns: Vec<u32> = admitted.map(|h| h.pattern).collect();
        patterns.sort_unstable();
        patterns.dedup();
        return patterns.len() as u32 >= distinct;
    }
    true
}

fn regex_holds(
    doc: &Doc,
    re: &Regex,
    min_count: u32,
    place: Where,
    mut hits: Option<&mut Vec<Hit>>,
) -> bool {
    let need = min_count.max(1) as usize;
    // Counting stops once the count (and the hits, when collected)
    // is full.
    let enough = if hits.is_some() {
        need.max(MAX_HITS)
    } else {
        need
    };
    let mut count = 0usize;
    for field in [Field::Title, Field::Body] {
        if !place.admits(field) {
            continue;
        }
        let text = doc.text(field);
        for m in re.find_iter(text).take(enough.saturating_sub(count)) {
            count += 1;
            if let Some(out) = hits.as_deref_mut().filter(|_| count <= MAX_HITS) {
                let span = Span {
                    start: m.start(),
                    end: m.end(),
                };
                out.push(text_hit(field, span, m.as_str()));
            }
        }
    }
    count >= need
}

pub(crate) fn text_hit(field: Field, span: Span, text: &str) -> Hit {
    Hit::Text {
        field,
        span,
        text: text.to_string(),
    }
}
