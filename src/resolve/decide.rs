//! Deciding what a slot names when its aliases leave a choice: a partial
//! name of the person named in full, a name that needs context in a
//! dateline, and a shared alias by context, level by level.

use super::doc::{Choice, Context, GiveUp, Readings, Resolver, Slot};
use crate::output::{DropReason, Reason};
use crate::types::Kind;

/// How many times more populous a place must be than every other place
/// sharing its name to win a mention without other context.
const PRIOR_RATIO: u64 = 5;

/// A capital given up for its country among the options: the country
/// keeps the capital's population for the prior.
#[derive(Clone, Copy, Debug)]
struct Capital {
    country: u32,
    population: u64,
}

impl Resolver<'_, '_> {
    /// The reading of a slot that no person rule took, and why; or why
    /// it stays unresolved, with what it could still name.
    pub(super) fn choose(
        &self,
        slot: &Slot,
        r: &Readings,
        context: &Context,
    ) -> Result<(Choice, Reason), GiveUp> {
        let m = self.g.matcher();
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
            _ => {
                let options: Vec<Choice> = r.full.iter().chain(&r.part).copied().collect();
                self.decide(slot, &options, context)
            }
        }
    }

    /// Decides a shared alias: each level of context that singles out one
    /// option decides, one that keeps several narrows the options for the
    /// next; what no level decides is dropped, with the options the last
    /// level that narrowed them left. A single option here is a name that
    /// needs context, which no level gave.
    fn decide(
        &self,
        slot: &Slot,
        options: &[Choice],
        context: &Context,
    ) -> Result<(Choice, Reason), GiveUp> {
        let mut unique: Vec<Choice> = Vec::new();
        for &o in options {
            if !unique.iter().any(|u| u.entity == o.entity) {
                unique.push(o);
            }
        }
        let distinct = unique.len();
        let capitals = self.drop_capitals(&mut unique);
        if let ([one], true) = (unique.as_slice(), distinct > 1) {
            return Ok((*one, Reason::Unique));
        }
        // Only unambiguous mentions anchor: an entity chosen earlier by
        // context must not decide the next mention of the same alias.
        let anchored = |e: u32| context.anchors.contains(&e);
        let in_country = |e: u32| {
            let country = self.g.entity_at(e).country_index();
            country.is_some_and(|c| c != e && context.countries.contains(&c))
        };
        let cued = |e: u32| self.has_cue(slot, e);
        let tests: [(&dyn Fn(u32) -> bool, Reason); 3] = [
            (&anchored, Reason::Anchor),
            (&cued, Reason::Cue),
            (&in_country, Reason::Country),
        ];
        // Each level that singles out one option decides; one that keeps
        // several narrows the options for the next.
        for (test, reason) in tests {
            let hits: Vec<Choice> = unique.iter().copied().filter(|o| test(o.entity)).collect();
            match hits.as_slice() {
                [one] => return Ok((*one, reason)),
                [] => {}
                _ => unique = hits,
            }
        }
        if let Some(one) = self.prior(&unique, &capitals) {
            return Ok((one, Reason::Prior));
        }
        let why = if distinct > 1 {
            DropReason::Undecided
        } else {
            DropReason::NeedsContext
        };
        // The countries of capitals given up for them are among `unique`.
        Err(GiveUp::new(why, unique))
    }

    /// A capital and its country ("Moscow"): the country, whose alias
    /// says whether it is the government or the place. Removes such
    /// capitals from `unique` and returns them.
    fn drop_capitals(&self, unique: &mut Vec<Choice>) -> Vec<Capital> {
        let ids: Vec<u32> = unique.iter().map(|u| u.entity).collect();
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

    /// Whether one of the entity's cue words is within a few words of the
    /// slot.
    fn has_cue(&self, slot: &Slot, entity: u32) -> bool {
        const WINDOW: usize = 8;
        let f = &self.fields[slot.fi];
        let last = f.folded.tokens.len().saturating_sub(1);
        let lo = slot.first.saturating_sub(WINDOW);
        let hi = (slot.last + WINDOW).min(last);
        let before = slot.first.checked_sub(1).map(|b| (lo, b));
        let after = (slot.last < hi).then_some((slot.last + 1, hi));
        self.g.entity_at(entity).cues().any(|cue| {
            [before, after]
                .into_iter()
                .flatten()
                .any(|(a, b)| f.has_words(a, b, cue))
        })
    }
}
