//! Deciding what a slot names when its aliases leave a choice: a partial
//! name of the person named in full, a name that needs context in a
//! dateline, and a shared alias by context, level by level.

use rustc_hash::{FxHashMap, FxHashSet};

use super::doc::{
    Capital, Choice, Context, Cue, GiveUp, Group, Readings, Resolver, Slot, dedup_by_entity,
};
use crate::output::{DropReason, Reason};
use crate::types::Kind;

/// How many times more populous a place must be than every other place
/// sharing its name to win a mention without other context.
const PRIOR_RATIO: u64 = 5;

impl<'a> Resolver<'a, '_> {
    /// The reading of a slot that no person rule took, and why; or why
    /// it stays unresolved, with what it could still name.
    pub(super) fn choose(
        &self,
        slot: &Slot,
        r: &Readings,
        context: &Context,
    ) -> Result<(Choice, Reason), GiveUp> {
        let m = self.g.matcher();
        if r.part.is_empty() {
            if let Some(one) = self.plain_over_context(slot, &r.full) {
                return Ok(one);
            }
        }
        match (r.full.as_slice(), r.part.as_slice()) {
            ([one], [p]) if one.entity == p.entity => Ok((*one, Reason::Unique)),
            (_, [p]) => Ok((*p, Reason::Partial)),
            (_, [_, _, ..]) => Err(GiveUp::new(
                DropReason::SeveralPeople,
                r.part.iter().copied(),
            )),
            // Only partial names of people not named in full: a title
            // before it that several of them hold, or none.
            ([], []) if r.titled.len() > 1 => Err(GiveUp::new(
                DropReason::SeveralPeople,
                r.titled.iter().map(|t| t.choice),
            )),
            ([], []) => Err(GiveUp::new(DropReason::NotNamed, r.unnamed.iter().copied())),
            ([one], []) if !m.alias(one.alias).needs_context => Ok((*one, Reason::Unique)),
            // A dateline is context enough for a name that needs it
            // ("KOKOMO, Ind.").
            ([one], []) if self.in_dateline(slot) => Ok((*one, Reason::Dateline)),
            // A place named like a person, right after a word that takes
            // a place and not a person ("in Lagos"): the word is its cue.
            ([one], [])
                if m.alias(one.alias).place_word_enough && self.place_only_cue_before(slot) =>
            {
                Ok((*one, Reason::Cue))
            }
            _ => {
                let options: Vec<Choice> = r.full.iter().chain(&r.part).copied().collect();
                self.decide(slot, &options, context)
            }
        }
    }

    /// A name that several entities have, all but one of them only with
    /// context ("New York": the city, and the state when context says
    /// so): the one that needs none ([`Reason::Unique`]), unless a cue of
    /// another stands right next to the name ("New York state") or names
    /// the title of the person the name follows ("Sen. Chuck Schumer of
    /// New York", "the Governor of New York"; [`Reason::Cue`]). `None`
    /// when the name is not of that kind.
    fn plain_over_context(&self, slot: &Slot, full: &[Choice]) -> Option<(Choice, Reason)> {
        let m = self.g.matcher();
        let (plain, context): (Vec<Choice>, Vec<Choice>) =
            full.iter().partition(|c| !m.alias(c.alias).needs_context);
        let [one] = plain.as_slice() else {
            return None;
        };
        if context.is_empty() {
            return None;
        }
        let f = &self.fields[slot.fi];
        // The words that would say so: the one after the name, and the
        // one before a person's name (or a title) that "of" joins to it.
        let mut at = vec![slot.last + 1];
        if let Some(of) = slot
            .first
            .checked_sub(1)
            .filter(|&k| f.folded_word(k) == "of")
        {
            at.extend(of.checked_sub(1));
            let person = of
                .checked_sub(1)
                .and_then(|k| self.slot_covering(slot.fi, k));
            at.extend(person.and_then(|p| p.first.checked_sub(1)));
        }
        let cued = context.iter().find(|o| {
            let mut cues = self.g.entity_at(o.entity).cues();
            cues.any(|c| !c.contains(' ') && at.iter().any(|&k| f.folded_word(k) == c))
        });
        Some(match cued {
            Some(o) => (*o, Reason::Cue),
            None => (*one, Reason::Unique),
        })
    }

    /// Decides a shared alias: each level of context that singles out one
    /// option decides, one that keeps several narrows the options for the
    /// next; what no level decides is dropped.
    ///
    /// What the document decides (the options kept, a capital standing
    /// for its country, the anchors) is worked out once per document for
    /// each set of options, and so is each outcome of the cue level: a
    /// mention costs a look at the words around it, not a pass over the
    /// entities sharing its alias (which may be thousands), and two
    /// mentions with the same cue words nearby (or none) name the same
    /// entity.
    fn decide(
        &self,
        slot: &Slot,
        options: &[Choice],
        context: &Context,
    ) -> Result<(Choice, Reason), GiveUp> {
        let mut cache = self.shared.borrow_mut();
        let cache = &mut *cache;
        let g = match cache.index.get(options) {
            Some(&g) => g,
            None => {
                let group = self.group(options, context);
                cache.groups.push(group);
                let g = cache.groups.len() - 1;
                cache.index.insert(options.into(), g);
                g
            }
        };
        let Some(group) = cache.groups.get_mut(g) else {
            return Err(GiveUp::new(DropReason::Undecided, options.iter().copied()));
        };
        if let Some(early) = group.early {
            return Ok(early);
        }
        let matched = self.cues_near(slot, group);
        if let Some(outcome) = group.outcomes.get(&matched) {
            return outcome.clone();
        }
        // The options with a cue nearby, in their order.
        let mut hits: Vec<usize> = matched
            .iter()
            .flat_map(|&c| group.cues.get(c).map_or(&[][..], |c| &c.options[..]))
            .copied()
            .collect();
        hits.sort_unstable();
        hits.dedup();
        let hits: Vec<Choice> = hits
            .iter()
            .filter_map(|&i| group.options.get(i).copied())
            .collect();
        let outcome = match hits.as_slice() {
            [one] => Ok((*one, Reason::Cue)),
            [] => self.after_cues(&group.options, group, context),
            _ => self.after_cues(&hits, group, context),
        };
        group.outcomes.insert(matched, outcome.clone());
        outcome
    }

    /// What the document decides for a set of options whatever the
    /// mention: one option left once capitals give way to their country
    /// ([`Reason::Unique`]), or an anchor ([`Reason::Anchor`]); otherwise
    /// the options left and their cue words, indexed by first word.
    fn group(&self, options: &[Choice], context: &Context) -> Group<'a> {
        let mut unique = options.to_vec();
        dedup_by_entity(&mut unique, |c| c.entity, |_, _| false);
        let distinct = unique.len();
        let capitals = self.drop_capitals(&mut unique);
        let mut group = Group {
            early: None,
            why: if distinct > 1 {
                DropReason::Undecided
            } else {
                DropReason::NeedsContext
            },
            options: Vec::new(),
            capitals: Vec::new(),
            cues: Vec::new(),
            by_first: FxHashMap::default(),
            outcomes: FxHashMap::default(),
        };
        if let ([one], true) = (unique.as_slice(), distinct > 1) {
            group.early = Some((*one, Reason::Unique));
            return group;
        }
        // Only unambiguous mentions anchor: an entity chosen earlier by
        // context must not decide the next mention of the same alias.
        let anchors: Vec<Choice> = unique
            .iter()
            .copied()
            .filter(|o| context.anchors.contains(&o.entity))
            .collect();
        match anchors.as_slice() {
            [one] => {
                group.early = Some((*one, Reason::Anchor));
                return group;
            }
            [] => {}
            _ => unique = anchors,
        }
        self.index_cues(&mut group, &unique);
        group.options = unique;
        group.capitals = capitals;
        group
    }

    /// Gives `group` each distinct cue phrase of the options (`unique`,
    /// by index) and indexes the phrases by their first word.
    fn index_cues(&self, group: &mut Group<'a>, unique: &[Choice]) {
        let mut phrases: FxHashMap<&'a str, usize> = FxHashMap::default();
        for (i, o) in unique.iter().enumerate() {
            for cue in self.g.entity_at(o.entity).cues() {
                let c = *phrases.entry(cue).or_insert_with(|| {
                    group.cues.push(Cue {
                        words: cue,
                        options: Vec::new(),
                    });
                    group.cues.len() - 1
                });
                if let Some(cue) = group.cues.get_mut(c) {
                    if cue.options.last() != Some(&i) {
                        cue.options.push(i);
                    }
                }
            }
        }
        for (c, cue) in group.cues.iter().enumerate() {
            let first = cue.words.split(' ').next().unwrap_or_default();
            group.by_first.entry(first).or_default().push(c);
        }
    }

    /// The cues of `group` (indices into its `cues`, sorted) whose words
    /// stand within a few words of the slot, on one side of it.
    fn cues_near(&self, slot: &Slot, group: &Group) -> Vec<usize> {
        const WINDOW: usize = 8;
        let f = &self.fields[slot.fi];
        let last = f.folded.tokens.len().saturating_sub(1);
        let lo = slot.first.saturating_sub(WINDOW);
        let hi = (slot.last + WINDOW).min(last);
        let before = slot.first.checked_sub(1).map(|b| (lo, b));
        let after = (slot.last < hi).then_some((slot.last + 1, hi));
        let mut matched = Vec::new();
        for (a, b) in [before, after].into_iter().flatten() {
            for k in a..=b {
                let Some(cues) = group.by_first.get(f.folded_word(k)) else {
                    continue;
                };
                for &c in cues {
                    let words = group.cues.get(c).map_or("", |c| c.words);
                    if f.words_at(k, b, words) {
                        matched.push(c);
                    }
                }
            }
        }
        matched.sort_unstable();
        matched.dedup();
        matched
    }

    /// The levels after the cue words: the entity's country named in the
    /// document ([`Reason::Country`]), then the population prior, unless
    /// the name of the option it picks needs context; what neither
    /// decides is given up with the options the country level left (the
    /// countries of capitals given up for them among them).
    fn after_cues(
        &self,
        options: &[Choice],
        group: &Group,
        context: &Context,
    ) -> Result<(Choice, Reason), GiveUp> {
        let hits: Vec<Choice> = options
            .iter()
            .copied()
            .filter(|o| {
                let country = self.g.entity_at(o.entity).country_index();
                country.is_some_and(|c| c != o.entity && context.countries.contains(&c))
            })
            .collect();
        let left = match hits.as_slice() {
            [one] => return Ok((*one, Reason::Country)),
            [] => options,
            _ => &hits,
        };
        // Population is no context: a name that needs context ("Man", a
        // city of Ivory Coast, or "Man." for Manitoba) does not win by it.
        let m = self.g.matcher();
        match self.prior(left, &group.capitals) {
            Some(one) if !m.alias(one.alias).needs_context => Ok((one, Reason::Prior)),
            Some(_) => Err(GiveUp::new(DropReason::NeedsContext, left.iter().copied())),
            None => Err(GiveUp::new(group.why, left.iter().copied())),
        }
    }

    /// A capital and its country ("Moscow"): the country, whose alias
    /// says whether it is the government or the place. Removes such
    /// capitals from `unique` and returns them.
    fn drop_capitals(&self, unique: &mut Vec<Choice>) -> Vec<Capital> {
        let ids: FxHashSet<u32> = unique.iter().map(|u| u.entity).collect();
        let mut capitals = Vec::new();
        unique.retain(|u| {
            let e = self.g.entity_at(u.entity);
            match e.country_index().filter(|c| ids.contains(c)) {
                Some(country) if e.kind() == Kind::Place => {
                    let population = e.population().unwrap_or(0);
                    capitals.push(Capital {
                        country,
                        population,
                    });
                    false
                }
                _ => true,
            }
        });
        capitals
    }

    /// The population behind an option: a place's own, or for a country
    /// named by its capital, the capital's. `None` for anything else.
    fn population(&self, e: u32, capitals: &[Capital]) -> Option<u64> {
        let entity = self.g.entity_at(e);
        match entity.kind() {
            Kind::Place => Some(entity.population().unwrap_or(0)),
            _ => capitals
                .iter()
                .find(|c| c.country == e)
                .map(|c| c.population),
        }
    }

    /// Among places (and countries named by their capital), the one at
    /// least [`PRIOR_RATIO`] times as populous as any other ("Paris" is the
    /// French capital, not the town in Texas). When places of one country
    /// share a name (Kansas City), the most populous: the mention counts
    /// for that country whichever it is.
    fn prior(&self, options: &[Choice], capitals: &[Capital]) -> Option<Choice> {
        let mut pops: Vec<(Choice, u64)> = Vec::new();
        for &o in options {
            pops.push((o, self.population(o.entity, capitals)?));
        }
        pops.sort_by_key(|p| std::cmp::Reverse(p.1));
        let country = |o: &Choice| self.g.entity_at(o.entity).country_index();
        let is_place = |o: &Choice| self.g.entity_at(o.entity).kind() == Kind::Place;
        let one_country = pops.windows(2).all(|w| {
            let (a, b) = (country(&w[0].0), country(&w[1].0));
            a.is_some() && a == b && is_place(&w[0].0) && is_place(&w[1].0)
        });
        match pops.as_slice() {
            [(best, top), (_, next), ..] if *top >= next.saturating_mul(PRIOR_RATIO) => Some(*best),
            [(best, _), _, ..] if one_country => Some(*best),
            _ => None,
        }
    }
}
