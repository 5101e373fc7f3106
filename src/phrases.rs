//! The phrases of a rule set: every phrase of every phrase condition,
//! folded like gazetteer aliases and compiled into one
//! [`PatternSet`](crate::patterns::PatternSet) with the same verification
//! (whole tokens, then the case policy against the original spelling).

use std::cell::RefCell;

use crate::error::Error;
use crate::patterns::{CasePolicy, Item, PatternSet, PatternSetBuilder, Words};
use crate::types::{Case, Field, Span};
use crate::words::WordTrie;

/// One phrase as the scan needs it.
#[derive(Clone, Debug)]
struct Phrase {
    /// The phrase list (one per phrase condition) it belongs to.
    list: u32,
    policy: CasePolicy,
    /// For a phrase of a `weights` table: its weight (0 otherwise).
    weight: f32,
}

impl Item for Phrase {
    fn policy(&self) -> &CasePolicy {
        &self.policy
    }
}

/// A verified phrase match.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct PhraseHit {
    pub(crate) list: u32,
    /// The folded text matched: hits of the same pattern spell the same
    /// phrase.
    pub(crate) pattern: u32,
    /// The phrase matched: different items of one table may share a
    /// pattern ("labour" and "Labour").
    pub(crate) item: u32,
    /// Its weight, for a phrase of a `weights` table.
    pub(crate) weight: f32,
    pub(crate) field: Field,
    pub(crate) span: Span,
}

/// The phrase hits of one document, grouped by phrase list once scanning
/// is over. Reused from one document to the next.
#[derive(Clone, Debug, Default)]
pub(crate) struct PhraseHits {
    hits: Vec<PhraseHit>,
    /// After [`group`](Self::group): the hits of list `l` are
    /// `hits[starts[l]..starts[l + 1]]`.
    starts: Vec<u32>,
    /// Room for [`distinct_weight`](Self::distinct_weight) to work in,
    /// kept from one call (and document) to the next.
    scratch: RefCell<Vec<(u32, f32)>>,
    /// Room for [`group`](Self::group): the hits placed by list, and the
    /// next place of each list.
    grouped: Vec<PhraseHit>,
    next: Vec<u32>,
}

impl PhraseHits {
    /// The bytes the buffers hold on to.
    pub(crate) fn bytes(&self) -> usize {
        (self.hits.capacity() + self.grouped.capacity()) * size_of::<PhraseHit>()
            + (self.starts.capacity() + self.next.capacity()) * size_of::<u32>()
            + self.scratch.borrow().capacity() * size_of::<(u32, f32)>()
    }

    /// Forgets the previous document.
    pub(crate) fn clear(&mut self) {
        self.hits.clear();
        self.starts.clear();
    }

    /// Sorts the hits by list, field and position, and indexes the lists.
    ///
    /// A counting sort by list, in one pass: the scan finds the hits
    /// field by field (title first) in text order, so the hits of each
    /// list are then already in field and text order, and a comparison
    /// sort of all of them (a document has hundreds, from the common
    /// words of `weights` tables) was most of the cost. A list found out
    /// of order all the same is sorted on its own.
    fn group(&mut self, lists: u32) {
        let n = lists as usize;
        // Hits of a list past the last (none, from a well-formed rule
        // set) go after every list, where no list's range reaches.
        let bucket = |h: &PhraseHit| (h.list as usize).min(n);
        let starts = &mut self.starts;
        starts.clear();
        starts.resize(n + 2, 0);
        for h in &self.hits {
            if let Some(c) = starts.get_mut(bucket(h) + 1) {
                *c += 1;
            }
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        self.next.clone_from(starts);
        self.grouped.clear();
        self.grouped.extend_from_slice(&self.hits);
        for h in &self.hits {
            if let Some(at) = self.next.get_mut(bucket(h)) {
                if let Some(slot) = self.grouped.get_mut(*at as usize) {
                    *slot = *h;
                }
                *at += 1;
            }
        }
        std::mem::swap(&mut self.hits, &mut self.grouped);
        starts.truncate(n + 1);
        // By the hits, not by the lists: a rule set has hundreds of lists
        // and a document hits a few dozen of them.
        let key = |h: &PhraseHit| (h.field, h.span.start, h.span.end);
        for list in self.hits.chunk_by_mut(|a, b| a.list == b.list) {
            if !list.is_sorted_by_key(key) {
                list.sort_unstable_by_key(key);
            }
        }
    }

    /// The sum of the weights of the different phrases (items) among
    /// `hits`: each counted once however often it occurs, or with `log`,
    /// times ln(1 + the number of its hits); `None` when there are no
    /// hits.
    pub(crate) fn distinct_weight<'h>(
        &self,
        hits: impl Iterator<Item = &'h PhraseHit>,
        log: bool,
    ) -> Option<f32> {
        let mut hits = hits.peekable();
        hits.peek()?;
        let mut seen = self.scratch.borrow_mut();
        seen.clear();
        seen.extend(hits.map(|h| (h.item, h.weight)));
        seen.sort_unstable_by_key(|&(item, _)| item);
        let sum = seen
            .chunk_by(|a, b| a.0 == b.0)
            .map(|run| run[0].1 * count_factor(run.len(), log))
            .sum();
        Some(sum)
    }

    /// The phrase lists with hits, in ascending order (after
    /// [`group`](Self::group)).
    pub(crate) fn lists_hit(&self) -> impl Iterator<Item = u32> + '_ {
        let lists = self.starts.len().saturating_sub(1);
        self.hits
            .chunk_by(|a, b| a.list == b.list)
            .filter_map(|run| run.first())
            .map(|h| h.list)
            .filter(move |&l| (l as usize) < lists)
    }

    /// The hits of phrase list `list`, in field and text order.
    pub(crate) fn of_list(&self, list: u32) -> &[PhraseHit] {
        let l = list as usize;
        match (self.starts.get(l), self.starts.get(l + 1)) {
            (Some(&a), Some(&b)) => self.hits.get(a as usize..b as usize).unwrap_or_default(),
            _ => &[],
        }
    }
}

/// What a phrase found `n` times multiplies its weight by: 1, or with
/// `log`, ln(1 + n) (the sublinear term frequency of text retrieval).
pub(crate) fn count_factor(n: usize, log: bool) -> f32 {
    if log { (n as f32).ln_1p() } else { 1.0 }
}

/// Collects phrases while a rule set is loaded.
#[derive(Debug, Default)]
pub(crate) struct PhrasesBuilder {
    set: PatternSetBuilder<Phrase>,
    lists: u32,
}

impl PhrasesBuilder {
    /// Starts a new phrase list and returns its number.
    pub(crate) fn new_list(&mut self) -> u32 {
        self.lists += 1;
        self.lists - 1
    }

    /// Adds a phrase (which must fold to something) to list `list`.
    pub(crate) fn add(&mut self, list: u32, text: &str, case: Case) {
        self.add_weighted(list, text, case, 0.0);
    }

    /// Adds a phrase of a `weights` table, with its weight.
    pub(crate) fn add_weighted(&mut self, list: u32, text: &str, case: Case, weight: f32) {
        let policy = CasePolicy::new(text, case);
        let phrase = Phrase {
            list,
            policy,
            weight,
        };
        self.set.add(text, phrase);
    }

    /// Compiles the trie.
    ///
    /// # Errors
    ///
    /// Fails past `u32::MAX` distinct phrases.
    pub(crate) fn build(self) -> Result<Phrases, Error> {
        Ok(Phrases {
            set: self.set.build()?,
            lists: self.lists,
        })
    }
}

/// The compiled phrases of a rule set.
#[derive(Clone, Debug, Default)]
pub(crate) struct Phrases {
    set: PatternSet<Phrase>,
    /// How many phrase lists (phrase conditions) there are.
    lists: u32,
}

impl Phrases {
    /// How many phrase lists (phrase conditions) there are.
    pub(crate) fn lists(&self) -> u32 {
        self.lists
    }

    /// The word trie of the phrases.
    pub(crate) fn trie(&self) -> &WordTrie {
        self.set.trie()
    }

    /// Appends every verified phrase match of `field` (token ids from
    /// [`trie`](Self::trie)) to `out`. All overlapping matches count: "spy
    /// agency" and "agency" both hit.
    pub(crate) fn scan(
        &self,
        field: Field,
        words: Words,
        scratch: &mut String,
        out: &mut PhraseHits,
    ) {
        let out = &mut out.hits;
        let items = self.set.items();
        let tokens = &words.folded.tokens;
        self.set.scan(words, scratch, |first, last, i, pattern| {
            let (Some(a), Some(b), Some(p)) =
                (tokens.get(first), tokens.get(last), items.get(i as usize))
            else {
                return;
            };
            out.push(PhraseHit {
                list: p.list,
                pattern,
                item: i,
                weight: p.weight,
                field,
                span: Span {
                    start: a.start,
                    end: b.end,
                },
            });
        });
    }

    /// Groups the hits of a document by list, once every field is scanned.
    pub(crate) fn group(&self, hits: &mut PhraseHits) {
        hits.group(self.lists);
    }

    /// Approximate heap memory held, in bytes.
    pub(crate) fn memory_usage(&self) -> usize {
        self.set.memory_usage(|p| p.policy.memory_usage())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(list: u32, field: Field, start: usize) -> PhraseHit {
        PhraseHit {
            list,
            pattern: 0,
            item: list * 10 + start as u32,
            weight: 0.0,
            field,
            span: Span {
                start,
                end: start + 3,
            },
        }
    }

    #[test]
    fn grouping_orders_each_list_by_field_and_position() {
        // As a scan gives them (title, then body, in text order), with
        // one list out of order and one past the last list.
        let found = vec![
            hit(2, Field::Title, 0),
            hit(0, Field::Title, 4),
            hit(2, Field::Body, 0),
            hit(9, Field::Body, 1),
            hit(0, Field::Body, 9),
            hit(1, Field::Body, 7),
            hit(1, Field::Title, 2),
            hit(2, Field::Body, 5),
        ];
        let mut hits = PhraseHits {
            hits: found.clone(),
            ..PhraseHits::default()
        };
        let mut want = found;
        want.sort_by_key(|h| (h.list, h.field, h.span.start));
        for _ in 0..2 {
            hits.group(3);
            let starts = |l| {
                (
                    l,
                    hits.of_list(l).iter().map(|h| h.item).collect::<Vec<_>>(),
                )
            };
            let of = |l| {
                let items = want.iter().filter(|h| h.list == l).map(|h| h.item);
                (l, items.collect::<Vec<_>>())
            };
            for l in 0..3 {
                assert_eq!(starts(l), of(l));
            }
            assert!(hits.of_list(3).is_empty());
            assert!(hits.of_list(9).is_empty());
            assert_eq!(hits.lists_hit().collect::<Vec<_>>(), [0, 1, 2]);
        }
    }
}
