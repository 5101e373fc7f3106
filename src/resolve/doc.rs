//! The document as the resolve stage sees it: its fields, the slots the
//! candidates leave, and what a slot may name.

use std::cell::RefCell;
use std::cmp::Reverse;

use std::collections::hash_map::Entry;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::fields::FieldInput;
use crate::fold::is_capital;
use crate::gazetteer::Gazetteer;
use crate::matcher::Candidate;
use crate::output::{DropReason, Reason, Target};
use crate::types::Evidence;

/// An entity with the alias that names it in a slot.
#[derive(Clone, Copy, Debug, Eq, Hash, PartialEq)]
pub(super) struct Choice {
    /// Index of the entity.
    pub(super) entity: u32,
    /// Index of the alias (in the gazetteer's matcher).
    pub(super) alias: u32,
}

/// What a slot is a mention of: the entity, the alias, the evidence and
/// why.
#[derive(Clone, Copy, Debug)]
pub(super) struct Decision {
    pub(super) target: Target,
    /// The alias matched, if the mention comes from the gazetteer.
    pub(super) alias: Option<u32>,
    pub(super) evidence: Evidence,
    pub(super) reason: Reason,
}

impl Decision {
    /// A mention of a gazetteer entity by one of its aliases.
    pub(super) fn known(choice: Choice, evidence: Evidence, reason: Reason) -> Decision {
        Decision {
            target: Target::Known(choice.entity),
            alias: Some(choice.alias),
            evidence,
            reason,
        }
    }
}

/// Why resolution gave a slot up, and the entities it was left with.
#[derive(Clone, Debug)]
pub(super) struct GiveUp {
    pub(super) why: DropReason,
    /// The entities the slot could still name when it was given up.
    pub(super) options: Vec<u32>,
}

impl GiveUp {
    pub(super) fn new(why: DropReason, options: impl IntoIterator<Item = Choice>) -> GiveUp {
        let mut options: Vec<Choice> = options.into_iter().collect();
        dedup_by_entity(&mut options, |o| o.entity, |_, _| false);
        let options = options.iter().map(|o| o.entity).collect();
        GiveUp { why, options }
    }
}

/// What the document says that decides shared aliases: the entities some
/// slot names alone by a full alias (anchors), and their countries.
#[derive(Debug, Default)]
pub(super) struct Context {
    pub(super) anchors: FxHashSet<u32>,
    pub(super) countries: FxHashSet<u32>,
}

/// The readings of one slot: the entities its aliases may name, each
/// with one alias.
#[derive(Debug, Default)]
pub(super) struct Readings {
    /// Entities named by a full alias.
    pub(super) full: Vec<Choice>,
    /// People named in full earlier, of whom the slot is a partial name.
    pub(super) part: Vec<Choice>,
    /// People not named yet of whom the slot is a partial name, with a
    /// title of theirs right before it.
    pub(super) titled: Vec<Titled>,
    /// People not named yet of whom the slot is a partial name.
    pub(super) unnamed: Vec<Choice>,
}

/// A person of whom a slot is a partial name, with how many words of a
/// title of theirs come right before it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Titled {
    pub(super) choice: Choice,
    pub(super) words: usize,
}

/// A non-overlapping match, with every alias that fits it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Slot {
    /// Index of the field in the inputs.
    pub(super) fi: usize,
    pub(super) first: usize,
    pub(super) last: usize,
    /// Range into the field's sorted candidates.
    pub(super) lo: usize,
    pub(super) hi: usize,
    /// Set when an acronym definition or the discover stage decides the
    /// slot.
    pub(super) forced: Option<Target>,
    /// Why a forced slot names its target.
    pub(super) reason: Reason,
}

/// Sorts `cands` and picks the leftmost-longest non-overlapping slots.
pub(super) fn slots(fi: usize, cands: &mut Vec<Candidate>, out: &mut Vec<Slot>) {
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
            let (first, last) = (c.first, c.last);
            out.push(Slot {
                fi,
                first,
                last,
                lo: i,
                hi: j,
                forced: None,
                reason: Reason::Definition,
            });
            next = c.last + 1;
        }
        i = j;
    }
}

/// A capital given up for its country among the options: the country
/// keeps the capital's population for the prior.
#[derive(Clone, Copy, Debug)]
pub(super) struct Capital {
    pub(super) country: u32,
    pub(super) population: u64,
}

/// The shared aliases of one document, each decided once: a [`Group`]
/// for each set of options met.
#[derive(Debug, Default)]
pub(super) struct Shared<'a> {
    pub(super) index: FxHashMap<Box<[Choice]>, usize>,
    pub(super) groups: Vec<Group<'a>>,
}

/// What the document decides for one set of options.
#[derive(Debug)]
pub(super) struct Group<'a> {
    /// Set when the document decides whatever the mention.
    pub(super) early: Option<(Choice, Reason)>,
    /// Why the options are given up when no level decides.
    pub(super) why: DropReason,
    /// The options left for the cue level, in their order.
    pub(super) options: Vec<Choice>,
    pub(super) capitals: Vec<Capital>,
    /// Each distinct cue phrase of the options.
    pub(super) cues: Vec<Cue<'a>>,
    /// Indices into `cues` by the phrase's first word.
    pub(super) by_first: FxHashMap<&'a str, Vec<usize>>,
    /// The outcome for each set of cues found near a mention (the empty
    /// set included).
    pub(super) outcomes: FxHashMap<Vec<usize>, Result<(Choice, Reason), GiveUp>>,
}

/// A cue phrase and the options (indices into [`Group::options`]) it
/// points to.
#[derive(Debug)]
pub(super) struct Cue<'a> {
    pub(super) words: &'a str,
    pub(super) options: Vec<usize>,
}

/// The resolve stage over one document.
pub(super) struct Resolver<'a, 'b> {
    pub(super) g: &'a Gazetteer,
    pub(super) fields: &'b [FieldInput<'b>],
    pub(super) slots: Vec<Slot>,
    /// The shared aliases decided so far.
    pub(super) shared: RefCell<Shared<'a>>,
}

impl Resolver<'_, '_> {
    pub(super) fn cands(&self, slot: &Slot) -> &[Candidate] {
        let f = self.fields.get(slot.fi);
        f.and_then(|f| f.cands.get(slot.lo..slot.hi))
            .unwrap_or_default()
    }

    /// Whether `slot` lies in a headline: the title, or the headline at
    /// the top of a body given without one.
    pub(super) fn in_headline(&self, slot: &Slot) -> bool {
        self.fields.get(slot.fi).is_some_and(|f| {
            let end = f.folded.tokens.get(slot.last).map_or(usize::MAX, |t| t.end);
            f.in_headline(end)
        })
    }

    pub(super) fn sole_entity(&self, slot: &Slot) -> Option<u32> {
        sole_entity(self.g, self.fields.get(slot.fi)?, slot)
    }

    /// The slot of field `fi` that covers token `t`, if any. Slots are
    /// sorted and do not overlap until [`Self::apply_links`] runs.
    pub(super) fn slot_covering(&self, fi: usize, t: usize) -> Option<&Slot> {
        let after = self.slots.partition_point(|s| (s.fi, s.first) <= (fi, t));
        let slot = self.slots.get(after.checked_sub(1)?)?;
        (slot.fi == fi && slot.first <= t && t <= slot.last).then_some(slot)
    }

    /// Whether the slot lies in the field's dateline.
    pub(super) fn in_dateline(&self, slot: &Slot) -> bool {
        let f = &self.fields[slot.fi];
        f.folded
            .tokens
            .get(slot.last)
            .is_some_and(|t| f.in_dateline(t.end))
    }

    /// Whether the word before the slot takes a place and hardly ever a
    /// person ("in", "near"; not "to" or "of"), and the slot is the whole
    /// name of a place that no other says where it is.
    ///
    /// The word is in lower case, or capitalised at the head of a phrase
    /// that a comma closes ("In Lagos, police said"): a capitalised word
    /// before a name may be part of it ("Central Pasco will ..."). A
    /// capitalised word right after the name makes it part of a longer
    /// one ("in Madison Square Garden"), and one after a comma names
    /// where the place is ("in Burlington, Iowa"; "in Florence, S.C."):
    /// another place of the name, which the cues and the country decide.
    pub(super) fn place_only_cue_before(&self, slot: &Slot) -> bool {
        let f = &self.fields[slot.fi];
        let Some(prev) = slot.first.checked_sub(1) else {
            return false;
        };
        if !self
            .g
            .cues()
            .place_only_before
            .contains(f.folded_word(prev))
        {
            return false;
        }
        let gap = f.gap_after(Some(slot.last)).trim();
        let comma = gap == ",";
        let lower = !f.word(prev).chars().any(is_capital);
        let next = f
            .folded
            .tokens
            .get(slot.last + 1)
            .map(|_| f.word(slot.last + 1));
        let capital_next = next.is_some_and(|w| w.chars().next().is_some_and(is_capital));
        (lower || comma) && !(capital_next && (gap.is_empty() || comma))
    }

    /// Whether the word before the slot is a place cue ("in", "near").
    pub(super) fn place_cue_before(&self, slot: &Slot) -> bool {
        let f = &self.fields[slot.fi];
        slot.first
            .checked_sub(1)
            .is_some_and(|prev| self.g.cues().place_before.contains(f.folded_word(prev)))
    }
}

/// The one entity a slot names by full aliases, if there is one.
pub(super) fn sole_entity(g: &Gazetteer, f: &FieldInput, slot: &Slot) -> Option<u32> {
    let m = g.matcher();
    let cands = f.cands.get(slot.lo..slot.hi).unwrap_or_default();
    let mut full = cands
        .iter()
        .map(|c| m.alias(c.alias))
        .filter(|a| a.evidence != Evidence::Partial && !a.needs_context)
        .map(|a| a.entity);
    let first = full.next()?;
    full.all(|e| e == first).then_some(first)
}

/// Keeps one item per entity in `list`, in the order of their first
/// items; `replace(kept, item)` says whether a later item of the same
/// entity takes the kept one's place. Linear: a name may be shared by
/// thousands of entities.
pub(super) fn dedup_by_entity<T: Copy>(
    list: &mut Vec<T>,
    entity: impl Fn(&T) -> u32,
    replace: impl Fn(&T, &T) -> bool,
) {
    // Candidates come in the order of their entities: most lists need
    // no map.
    if list.windows(2).all(|w| entity(&w[0]) < entity(&w[1])) {
        return;
    }
    let mut at: FxHashMap<u32, usize> =
        FxHashMap::with_capacity_and_hasher(list.len(), Default::default());
    let mut kept: Vec<T> = Vec::with_capacity(list.len());
    for item in list.drain(..) {
        match at.entry(entity(&item)) {
            Entry::Vacant(v) => {
                v.insert(kept.len());
                kept.push(item);
            }
            Entry::Occupied(o) => {
                if let Some(k) = kept.get_mut(*o.get()) {
                    if replace(k, &item) {
                        *k = item;
                    }
                }
            }
        }
    }
    *list = kept;
}
