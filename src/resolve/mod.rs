//! Resolve: from candidates to mentions of entities.
//!
//! Candidates are first reduced to non-overlapping slots, leftmost-longest.
//! A slot may still stand for several entities (an alias they share) or
//! only be a partial name. The stage then, in document order (title
//! first):
//!
//! 1. links acronyms the text defines ("the Center for Research and
//!    National Security (CISEN)") to the entity of the long form, or to a
//!    discovered entity when the gazetteer does not know it, for the whole
//!    document;
//! 2. keeps a slot that names one entity by a full alias ([`Reason::Unique`]);
//! 3. keeps a partial name ("Nieto") of exactly one person named in full
//!    earlier ([`Reason::Partial`]), or, for a partial name in the title
//!    (or in the headline atop a body given without one), anywhere in the
//!    document: a headline sums up its story;
//! 4. keeps a surname right after a title from the person's roles
//!    ("President Reagan", "Bundesbank President Poehl"), which then
//!    counts as naming the person in full ([`Reason::Role`]), and a
//!    surname alone as the speaker of a headline ("LAWSON SAYS ...") of
//!    the one person known by it, when the document names that person's
//!    country ([`Reason::Headline`]);
//! 5. decides a shared alias by context, level by level: the entity named
//!    unambiguously elsewhere ([`Reason::Anchor`]), a cue word of the
//!    entity nearby ([`Reason::Cue`]), the entity's country named in the
//!    document ([`Reason::Country`]), and among places the far more
//!    populous one ([`Reason::Prior`]), unless its name needs context. A level that singles out one option
//!    decides; one that keeps several narrows the options; what no level
//!    decides is dropped. A capital sharing its name with its country's
//!    metonym ("Moscow") is the country, and a name that needs context
//!    counts in a dateline ([`Reason::Dateline`]). A name that only one of
//!    its entities has without needing context ("New York": the city,
//!    the state with context) is that one's, unless a cue of another
//!    stands right after it or is the title of the person it follows
//!    ("Sen. Chuck Schumer of New York"). The levels that do not
//!    depend on the mention run once per document for each set of
//!    options, and the cue level once for each set of cues found near a
//!    mention: a name shared by thousands of entities costs a mention a
//!    look at the words around it, and mentions with the same cues
//!    nearby name the same entity.
//!
//! A capital standing for a government ("Moscow said") becomes a mention
//! with [`Evidence::Place`] instead when a place cue precedes it ("in
//! Moscow").
//!
//! A slot no step resolves is dropped; the step that gave it up says why
//! ([`DropReason`]) and what it could still name, for explanations.

mod acronyms;
mod decide;
mod doc;
mod people;

use std::cell::RefCell;

use rustc_hash::FxHashSet;

use crate::discover::{Discovered, Found};
use crate::fields::FieldInput;
use crate::gazetteer::Gazetteer;
use crate::output::{DropReason, Reason, Target};
use crate::types::{Evidence, Field};
use doc::{
    Choice, Context, Decision, GiveUp, Readings, Resolver, Slot, Titled, dedup_by_entity, slots,
};

/// A resolved mention, still in token coordinates.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Resolved {
    pub(crate) field: Field,
    pub(crate) first: usize,
    pub(crate) last: usize,
    /// The alias matched, if the mention comes from the gazetteer.
    pub(crate) alias: Option<u32>,
    pub(crate) target: Target,
    pub(crate) evidence: Evidence,
    pub(crate) reason: Reason,
}

/// A name the scan found that resolution dropped, still in token
/// coordinates: why, and the entities it could still name.
#[derive(Clone, Debug)]
pub(crate) struct Unresolved {
    pub(crate) field: Field,
    pub(crate) first: usize,
    pub(crate) last: usize,
    /// An alias the slot matched, for the span's punctuation ("Ind.").
    pub(crate) alias: Option<u32>,
    pub(crate) why: DropReason,
    /// Indices of the entities, in the gazetteer.
    pub(crate) options: Vec<u32>,
}

/// Resolves the candidates of each field (title first) and the mentions
/// the discover stage `found` into mentions, appending entities the
/// document defines to `discovered` and the names it drops to `dropped`.
pub(crate) fn resolve(
    g: &Gazetteer,
    fields: &mut [FieldInput],
    found: &[Found],
    out: &mut Vec<Resolved>,
    dropped: &mut Vec<Unresolved>,
    discovered: &mut Vec<Discovered>,
) {
    let mut all = Vec::new();
    for (fi, f) in fields.iter_mut().enumerate() {
        slots(fi, &mut f.cands, &mut all);
    }
    // Discovery dropped the candidates its mentions overlap, and its
    // mentions do not overlap each other.
    if !found.is_empty() {
        all.extend(found.iter().map(|x| Slot {
            fi: x.fi,
            first: x.first,
            last: x.last,
            lo: 0,
            hi: 0,
            forced: Some(Target::Discovered(x.target)),
            reason: x.reason,
        }));
        all.sort_by_key(|s| (s.fi, s.first));
    }
    let mut r = Resolver {
        g,
        fields,
        slots: all,
        shared: RefCell::default(),
    };
    r.definitions(discovered);
    r.run(out, dropped);
}

impl Resolver<'_, '_> {
    /// Entities some slot names alone by a full alias, and their countries:
    /// the context that decides shared aliases.
    fn context(&self) -> Context {
        let anchors: FxHashSet<u32> = self
            .slots
            .iter()
            .filter_map(|s| match s.forced {
                Some(Target::Known(e)) => Some(e),
                Some(Target::Discovered(_)) => None,
                None => self.sole_entity(s),
            })
            .collect();
        let countries = anchors
            .iter()
            .filter_map(|&e| self.g.entity_at(e).country_index())
            .collect();
        Context { anchors, countries }
    }

    fn run(&self, out: &mut Vec<Resolved>, dropped: &mut Vec<Unresolved>) {
        let context = self.context();
        let mut named: FxHashSet<u32> = FxHashSet::default();
        // The headline's outcomes (the title's, or those of a headline
        // atop a body given without one) wait for a second look (below);
        // every other slot's goes straight to `out` or `dropped`, where a
        // list of all the document's outcomes cost 40 bytes a mention.
        let headline = self
            .slots
            .iter()
            .take_while(|s| self.in_headline(s))
            .count();
        let mut in_headline: Vec<Result<Resolved, GiveUp>> = Vec::with_capacity(headline);
        let (out_start, dropped_start) = (out.len(), dropped.len());
        // One set of readings for every slot: a document of a million
        // mentions would otherwise allocate and free their lists a million
        // times.
        let mut readings = Readings::default();
        for (i, slot) in self.slots.iter().enumerate() {
            let r = self.resolved(slot, &named, &context, &mut readings);
            // A partial name never makes its person "named in full".
            if let Ok(Resolved {
                target: Target::Known(e),
                evidence,
                ..
            }) = r
            {
                if evidence != Evidence::Partial {
                    named.insert(e);
                }
            }
            if i < headline {
                in_headline.push(r);
            } else {
                self.record(slot, r, out, dropped);
            }
        }
        // A headline sums up its story: a surname there ("KOHL SAYS ...",
        // in the title or atop a body given without one) that nothing
        // explained yet is of the person the body names in full, even
        // though the body comes after it. Partial names never
        // add to `named`, so this second look changes nothing else.
        let (mut title_out, mut title_dropped) = (Vec::new(), Vec::new());
        for (slot, r) in self.slots.iter().zip(in_headline) {
            let r = match r {
                Err(_) => self.resolved(slot, &named, &context, &mut readings),
                ok => ok,
            };
            self.record(slot, r, &mut title_out, &mut title_dropped);
        }
        // The headline comes first (the title is field 0, a headline atop
        // the body its first words), so its outcomes go before the others:
        // one move of what follows them.
        out.splice(out_start..out_start, title_out);
        dropped.splice(dropped_start..dropped_start, title_dropped);
    }

    /// Appends the outcome `r` of `slot` to `out` or `dropped`.
    fn record(
        &self,
        slot: &Slot,
        r: Result<Resolved, GiveUp>,
        out: &mut Vec<Resolved>,
        dropped: &mut Vec<Unresolved>,
    ) {
        match r {
            Ok(r) => out.push(r),
            Err(GiveUp { why, options }) => dropped.push(Unresolved {
                field: self.fields[slot.fi].field,
                first: slot.first,
                last: slot.last,
                alias: self.cands(slot).first().map(|c| c.alias),
                why,
                options,
            }),
        }
    }

    /// [`Self::resolve_slot`] as a [`Resolved`] mention.
    fn resolved(
        &self,
        slot: &Slot,
        named: &FxHashSet<u32>,
        context: &Context,
        readings: &mut Readings,
    ) -> Result<Resolved, GiveUp> {
        let d = self.resolve_slot(slot, named, context, readings)?;
        Ok(Resolved {
            field: self.fields[slot.fi].field,
            first: slot.first,
            last: slot.last,
            alias: d.alias,
            target: d.target,
            evidence: d.evidence,
            reason: d.reason,
        })
    }

    /// What one slot is a mention of, or why it stays unresolved.
    /// `named` holds the entities named in full before the slot.
    fn resolve_slot(
        &self,
        slot: &Slot,
        named: &FxHashSet<u32>,
        context: &Context,
        readings: &mut Readings,
    ) -> Result<Decision, GiveUp> {
        if let Some(target) = slot.forced {
            let alias = self.cands(slot).first().map(|c| c.alias);
            let evidence = match slot.reason {
                Reason::Partial => Evidence::Partial,
                _ => Evidence::Name,
            };
            return Ok(Decision {
                target,
                alias,
                evidence,
                reason: slot.reason,
            });
        }
        self.readings(slot, named, readings);
        if let Some(person) = self.person(slot, readings, context) {
            return Ok(person);
        }
        let (choice, reason) = self.choose(slot, readings, context)?;
        let mut evidence = self.g.matcher().alias(choice.alias).evidence;
        if evidence == Evidence::Metonym && self.place_cue_before(slot) {
            evidence = Evidence::Place;
        }
        Ok(Decision::known(choice, evidence, reason))
    }

    /// The entities the aliases of a slot may name, one alias each, into
    /// `r` (cleared first).
    fn readings(&self, slot: &Slot, named: &FxHashSet<u32>, r: &mut Readings) {
        let m = self.g.matcher();
        r.full.clear();
        r.part.clear();
        r.titled.clear();
        r.unnamed.clear();
        for c in self.cands(slot) {
            let a = m.alias(c.alias);
            let choice = Choice {
                entity: a.entity,
                alias: c.alias,
            };
            if a.evidence != Evidence::Partial {
                r.full.push(choice);
            } else if named.contains(&a.entity) {
                r.part.push(choice);
            } else {
                let words = self.title_before(slot, a.entity);
                if words > 0 {
                    r.titled.push(Titled { choice, words });
                }
                r.unnamed.push(choice);
            }
        }
        // One alias per entity; one that needs no context is preferred.
        let better = |kept: &Choice, c: &Choice| {
            m.alias(kept.alias).needs_context && !m.alias(c.alias).needs_context
        };
        dedup_by_entity(&mut r.full, |c| c.entity, better);
        dedup_by_entity(&mut r.part, |c| c.entity, better);
        dedup_by_entity(&mut r.titled, |t| t.choice.entity, |_, _| false);
        dedup_by_entity(&mut r.unnamed, |c| c.entity, |_, _| false);
    }
}
