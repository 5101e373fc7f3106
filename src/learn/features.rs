//! The candidate conditions of the rule learner, and which examples each
//! holds on: words and word pairs (folded as the rules fold phrases, each
//! as a common word and, when written as one, as a name), the same in the
//! title, and tags (an entity, an entity kind).
//!
//! Phrases are found by the very scanner and case policies that rules
//! use, so a learned weight is learned on what the rule will match.

use rustc_hash::{FxHashMap, FxHashSet};

use super::types::{Example, Feature};
use crate::fold::{Folded, Token};
use crate::patterns::{CasePolicy, Item, PatternSet, PatternSetBuilder, Words};
use crate::types::{Case, Field, Kind};
use crate::{Tagged, Tagger};

/// A phrase of the candidate pattern set: its features anywhere and in
/// the title.
#[derive(Debug)]
struct Candidate {
    policy: CasePolicy,
    anywhere: usize,
    title: usize,
}

impl Item for Candidate {
    fn policy(&self) -> &CasePolicy {
        &self.policy
    }
}

/// What the learner reads of the examples.
#[derive(Debug, Default)]
pub(crate) struct Table {
    pub(crate) features: Vec<Feature>,
    /// For each example, the features present, sorted, each with the
    /// number of its hits (of a phrase; 1 or more for a tag).
    pub(crate) rows: Vec<Vec<(u32, u32)>>,
}

/// Whether a folded word may be part of a candidate phrase: two
/// characters or more, not a number.
fn content(word: &str) -> bool {
    word.len() >= 2 && !word.bytes().all(|b| b.is_ascii_digit())
}

/// Whether two neighbouring tokens are a word pair: nothing but spaces
/// or a hyphen between them.
fn adjacent(text: &str, a: &Token, b: &Token) -> bool {
    text.get(a.end..b.start)
        .is_some_and(|gap| gap.chars().all(|c| c == ' ' || c == '-'))
}

/// Per folded phrase: in how many examples it occurs, and a spelling of
/// it as a name, if it was written capitalised.
#[derive(Default)]
struct Seen {
    docs: u32,
    last_doc: u32,
    /// The spelling, and whether it is all in capitals (kept only until
    /// another spelling comes).
    name: Option<(String, bool)>,
}

/// The spelling of a phrase as a name, if `original` is one (a word of
/// it capitalised), spaces single; and whether it is all in capitals
/// (an acronym, or a headline's shouting).
fn as_name(original: &str) -> Option<(String, bool)> {
    let words: Vec<&str> = original
        .split([' ', '-'])
        .filter(|w| !w.is_empty())
        .collect();
    let capital = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let shouting = original
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    let spelled = original.split_whitespace().collect::<Vec<_>>().join(" ");
    words.iter().any(capital).then_some((spelled, shouting))
}

/// Collects the phrases of `examples` that occur in at least `min_docs`
/// of them, leaving out `stop` words and pairs with one.
fn collect(
    examples: &[Example],
    min_docs: u32,
    pairs: bool,
    stop: &FxHashSet<String>,
) -> Vec<(String, Option<String>)> {
    let mut seen: FxHashMap<String, Seen> = FxHashMap::default();
    let mut folded = Folded::default();
    for (d, ex) in (1u32..).zip(examples) {
        for text in [ex.title.as_str(), ex.body.as_str()] {
            folded.fold(text);
            let words: Vec<&str> = folded
                .tokens
                .iter()
                .map(|t| folded.text.get(t.fstart..t.fend).unwrap_or_default())
                .collect();
            let mut note = |key: String, original: &str| {
                let s = seen.entry(key).or_default();
                if s.last_doc != d {
                    s.last_doc = d;
                    s.docs += 1;
                }
                match as_name(original) {
                    Some((name, false)) if s.name.as_ref().is_none_or(|n| n.1) => {
                        s.name = Some((name, false));
                    }
                    Some(shouted) if s.name.is_none() => s.name = Some(shouted),
                    _ => {}
                }
            };
            let content = |w: &str| content(w) && !stop.contains(w);
            for (i, t) in folded.tokens.iter().enumerate() {
                if !content(words[i]) {
                    continue;
                }
                note(
                    words[i].to_string(),
                    text.get(t.start..t.end).unwrap_or_default(),
                );
                let Some(next) = folded.tokens.get(i + 1) else {
                    continue;
                };
                if pairs && content(words[i + 1]) && adjacent(text, t, next) {
                    // A pair of content words: "world cup", not "of the".
                    let key = format!("{} {}", words[i], words[i + 1]);
                    note(key, text.get(t.start..next.end).unwrap_or_default());
                }
            }
        }
    }
    let mut out: Vec<(String, Option<String>)> = seen
        .into_iter()
        .filter(|(_, s)| s.docs >= min_docs)
        .map(|(k, s)| (k, s.name.map(|n| n.0)))
        .collect();
    out.sort();
    out
}

/// Which kinds of candidates the learner considers.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Candidates {
    /// Word pairs besides words.
    pub(crate) pairs: bool,
    /// Phrases as names besides common words.
    pub(crate) names: bool,
    /// Tags (entities, kinds).
    pub(crate) tags: bool,
}

/// The candidate features of `examples` and where each holds: the
/// phrases first, then the tags in the order the examples first give
/// them.
pub(crate) fn table(
    tagger: &Tagger,
    examples: &[Example],
    min_docs: u32,
    which: Candidates,
    stop: &FxHashSet<String>,
) -> Result<Table, crate::Error> {
    let (mut features, set) = phrase_features(examples, min_docs, which, stop)?;
    let mut tag_ids: FxHashMap<String, usize> = FxHashMap::default();
    let mut scan = PhraseScan::default();
    let mut rows = Vec::with_capacity(examples.len());
    for ex in examples {
        let mut row = scan.row(&set, ex);
        if which.tags {
            let doc = tagger.tag_document(&ex.title, &ex.body);
            tag_features(&doc, &mut features, &mut tag_ids, &mut row);
        }
        row.sort_unstable();
        let counted = row
            .chunk_by(|a, b| a == b)
            .filter_map(|run| Some((*run.first()?, run.len() as u32)))
            .collect();
        rows.push(counted);
    }
    Ok(Table { features, rows })
}

/// The phrase features of `examples` (each phrase anywhere, then in the
/// title; as a common word, then, when `which` asks for names, as a name
/// when it was written as one),
/// and the pattern set that finds them.
fn phrase_features(
    examples: &[Example],
    min_docs: u32,
    which: Candidates,
    stop: &FxHashSet<String>,
) -> Result<(Vec<Feature>, PatternSet<Candidate>), crate::Error> {
    let mut features = Vec::new();
    let mut set = PatternSetBuilder::default();
    for (key, name) in collect(examples, min_docs, which.pairs, stop) {
        let name = name.filter(|_| which.names);
        let variants = [Some((key, Case::Word)), name.map(|n| (n, Case::Name))];
        for (key, case) in variants.into_iter().flatten() {
            let anywhere = features.len();
            for title in [false, true] {
                let key = key.clone();
                features.push(Feature::Phrase { key, title });
            }
            let candidate = Candidate {
                policy: CasePolicy::new(&key, case),
                anywhere,
                title: anywhere + 1,
            };
            set.add(&key, candidate);
        }
    }
    Ok((features, set.build()?))
}

/// Buffers for finding the phrase features of one example after another.
#[derive(Default)]
struct PhraseScan {
    folded: Folded,
    ids: Vec<u32>,
    scratch: String,
}

impl PhraseScan {
    /// The phrase features of `ex`, unsorted, some more than once.
    fn row(&mut self, set: &PatternSet<Candidate>, ex: &Example) -> Vec<u32> {
        let mut row: Vec<u32> = Vec::new();
        for (field, text) in [(Field::Title, &ex.title), (Field::Body, &ex.body)] {
            self.folded.fold(text);
            set.trie().lookup(&self.folded, &mut self.ids);
            let words = Words {
                text,
                any_case: false,
                folded: &self.folded,
                ids: &self.ids,
            };
            let items = set.items();
            set.scan(words, &mut self.scratch, |_, _, item, _| {
                if let Some(c) = items.get(item as usize) {
                    row.push(c.anywhere as u32);
                    if field == Field::Title {
                        row.push(c.title as u32);
                    }
                }
            });
        }
        row
    }
}

/// Adds to `row` the entity and the kind of each known tag of `doc`,
/// adding to `features` (and to `ids`, keyed `e:ENTITY` and `k:KIND`)
/// those not seen before.
fn tag_features(
    doc: &Tagged,
    features: &mut Vec<Feature>,
    ids: &mut FxHashMap<String, usize>,
    row: &mut Vec<u32>,
) {
    let known = doc
        .tags
        .iter()
        .filter(|t| !t.discovered && t.kind != Kind::Unknown);
    for t in known {
        let kind = t.kind.as_str();
        let entity = (format!("e:{}", t.entity), Feature::Entity(t.entity.clone()));
        for (key, f) in [entity, (format!("k:{kind}"), Feature::Kind(kind))] {
            let at = *ids.entry(key).or_insert_with(|| {
                features.push(f);
                features.len() - 1
            });
            row.push(at as u32);
        }
    }
}
