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
//!    earlier ([`Reason::Partial`]), or, for a partial name in the title,
//!    anywhere in the document: a headline sums up its story;
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
//!    populous one ([`Reason::Prior`]). A level that singles out one option
//!    decides; one that keeps several narrows the options; what no level
//!    decides is dropped. A capital sharing its name with its country's
//!    metonym ("Moscow") is the country, and a name that needs context
//!    counts in a dateline ([`Reason::Dateline`]).
//!
//! A capital standing for a government ("Moscow said") becomes a mention
//! with [`Evidence::Place`] instead when a place cue precedes it ("in
//! Moscow").

use rustc_hash::{FxHashMap, FxHashSet};
use std::cmp::Reverse;

use serde::Serialize;

use crate::fold::{Folded, fold_str};
use crate::gazetteer::{Evidence, Gazetteer, Kind};

/// How many times more populous a place must be than every other place
/// sharing its name to win a mention without other context.
const PRIOR_RATIO: u64 = 5;
use crate::matcher::Candidate;
use crate::output::Field;

/// Why a mention was attributed to its entity.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, Eq, PartialEq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Reason {
    /// The alias names only this entity.
    Unique,
    /// A short form of a name given in full earlier in the document.
    Partial,
    /// The alias is shared, and this entity is named unambiguously
    /// elsewhere in the document.
    Anchor,
    /// The alias is shared, and this entity's country is named in the
    /// document.
    Country,
    /// The alias is shared, and a cue word of this entity is nearby.
    Cue,
    /// The document defines the acronym as this entity ("... (CISEN)").
    Definition,
    /// The name needs context (an abbreviation that is also a word, such
    /// as "Ind."), and the dateline gives it.
    Dateline,
    /// The alias is shared by places, and this one is far more populous
    /// than the others.
    Prior,
    /// A person's surname right after a title the person holds or held
    /// ("President Reagan", "Finance Minister Miyazawa"): it names the
    /// person as fully as the whole name does.
    Role,
    /// A surname alone in a headline, right before a word of speech
    /// ("LAWSON SAYS ...") or last after a dash ("... - Sumita"), of the
    /// one person the gazetteer knows by it, whose country the document
    /// names.
    Headline,
}

/// What a mention is of: an entity of the gazetteer, or one discovered in
/// the document (an acronym defined in the text).
#[derive(Clone, Copy, Debug, Eq, PartialEq, Hash)]
pub(crate) enum Target {
    Known(u32),
    Discovered(u32),
}

/// An entity the document defines but the gazetteer does not know.
#[derive(Clone, Debug)]
pub(crate) struct Discovered {
    /// The long form, as written.
    pub(crate) name: String,
    /// The acronym, as written.
    pub(crate) acronym: String,
}

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

/// One field of the document, as the stage sees it.
pub(crate) struct FieldInput<'a> {
    pub(crate) field: Field,
    pub(crate) text: &'a str,
    pub(crate) folded: &'a Folded,
    pub(crate) cands: Vec<Candidate>,
    /// The byte offset where the field's dateline ends (0 if it has none;
    /// the whole text for a dateline given apart).
    pub(crate) dateline_end: usize,
}

impl FieldInput<'_> {
    /// The folded text of token `i`.
    fn folded_word(&self, i: usize) -> &str {
        self.folded
            .tokens
            .get(i)
            .and_then(|t| self.folded.text.get(t.fstart..t.fend))
            .unwrap_or_default()
    }

    /// Whether the folded `words` (words separated by single spaces) are
    /// tokens `k..` for some `k` such that they all lie in `first..=last`.
    fn has_words(&self, first: usize, last: usize, words: &str) -> bool {
        let n = words.split(' ').count();
        (first..=last).take_while(|k| k + n <= last + 1).any(|k| {
            (k..)
                .zip(words.split(' '))
                .all(|(i, w)| self.folded_word(i) == w)
        })
    }

    /// The original text of token `i`.
    fn word(&self, i: usize) -> &str {
        self.folded
            .tokens
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or_default()
    }

    /// The original text between tokens `i` and `i + 1` (or the text's
    /// ends).
    fn gap_after(&self, i: Option<usize>) -> &str {
        let tokens = &self.folded.tokens;
        let start = i.and_then(|i| tokens.get(i)).map_or(0, |t| t.end);
        let next = i.map_or(0, |i| i + 1);
        let end = tokens.get(next).map_or(self.text.len(), |t| t.start);
        self.text.get(start..end).unwrap_or_default()
    }
}

/// A non-overlapping match, with every alias that fits it.
#[derive(Clone, Copy, Debug)]
struct Slot {
    /// Index of the field in the inputs.
    fi: usize,
    first: usize,
    last: usize,
    /// Range into the field's sorted candidates.
    lo: usize,
    hi: usize,
    /// Set when an acronym definition decides the slot.
    forced: Option<Target>,
}

/// Sorts `cands` and picks the leftmost-longest non-overlapping slots.
fn slots(fi: usize, cands: &mut Vec<Candidate>, out: &mut Vec<Slot>) {
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
            });
            next = c.last + 1;
        }
        i = j;
    }
}

/// The resolve stage over one document.
struct Resolver<'a, 'b> {
    g: &'a Gazetteer,
    fields: &'b [FieldInput<'b>],
    slots: Vec<Slot>,
}

/// Resolves the candidates of each field (title first) into mentions,
/// appending entities the document defines to `discovered`.
pub(crate) fn resolve(
    g: &Gazetteer,
    fields: &mut [FieldInput],
    out: &mut Vec<Resolved>,
    discovered: &mut Vec<Discovered>,
) {
    let mut all = Vec::new();
    for (fi, f) in fields.iter_mut().enumerate() {
        slots(fi, &mut f.cands, &mut all);
    }
    let mut r = Resolver {
        g,
        fields,
        slots: all,
    };
    r.definitions(discovered);
    r.run(out);
}

impl Resolver<'_, '_> {
    fn cands(&self, slot: &Slot) -> &[Candidate] {
        let f = self.fields.get(slot.fi);
        f.and_then(|f| f.cands.get(slot.lo..slot.hi))
            .unwrap_or_default()
    }

    fn sole_entity(&self, slot: &Slot) -> Option<u32> {
        sole_entity(self.g, self.fields.get(slot.fi)?, slot)
    }

    /// Finds acronym definitions, links each acronym to its entity (or a
    /// new discovered one) and marks every slot and bare token spelling it.
    fn definitions(&mut self, discovered: &mut Vec<Discovered>) {
        let mut links: FxHashMap<String, Target> = FxHashMap::default();
        let mut long_forms: Vec<Slot> = Vec::new();
        for fi in 0..self.fields.len() {
            let f = &self.fields[fi];
            // Both forms of definition need a bracket.
            if !f.text.contains('(') {
                continue;
            }
            for i in 0..f.folded.tokens.len() {
                let acronym = f.word(i);
                // The cheap test first: most words are not acronyms.
                if !is_acronym(acronym) || links.contains_key(acronym) {
                    continue;
                }
                let before = f.gap_after(i.checked_sub(1));
                let after = f.gap_after(Some(i));
                let target =
                    if before.trim_end().ends_with('(') && after.trim_start().starts_with(')') {
                        self.long_before(fi, i, acronym, discovered, &mut long_forms)
                    } else if after.trim().starts_with('(') {
                        self.long_after(fi, i)
                    } else {
                        None
                    };
                if let Some(t) = target {
                    links.insert(acronym.to_string(), t);
                }
            }
        }
        if links.is_empty() {
            return;
        }
        self.apply_links(&links);
        let in_long_form: FxHashSet<(usize, usize)> = long_forms
            .iter()
            .flat_map(|l| (l.first..=l.last).map(move |t| (l.fi, t)))
            .collect();
        self.slots
            .retain(|s| !(s.first..=s.last).any(|t| in_long_form.contains(&(s.fi, t))));
        self.slots.extend(long_forms);
        self.slots.sort_by_key(|s| (s.fi, s.first));
    }

    /// The slot of field `fi` that covers token `t`, if any. Slots are
    /// sorted and do not overlap until [`Self::apply_links`] runs.
    fn slot_covering(&self, fi: usize, t: usize) -> Option<&Slot> {
        let after = self.slots.partition_point(|s| (s.fi, s.first) <= (fi, t));
        let slot = self.slots.get(after.checked_sub(1)?)?;
        (slot.fi == fi && slot.first <= t && t <= slot.last).then_some(slot)
    }

    /// "Long Form (ACR)": the long form is the slot ending just before the
    /// parenthesis, or, failing that, the words before it whose letters
    /// spell the acronym (a discovered entity).
    fn long_before(
        &self,
        fi: usize,
        i: usize,
        acronym: &str,
        discovered: &mut Vec<Discovered>,
        long_forms: &mut Vec<Slot>,
    ) -> Option<Target> {
        let prev = i.checked_sub(1)?;
        let known = self.slot_covering(fi, prev).filter(|s| s.last == prev);
        if let Some(slot) = known {
            return self.sole_entity(slot).map(Target::Known);
        }
        // An acronym the gazetteer knows keeps its entity, even when the
        // long form before it is misspelt or unknown.
        if self
            .slot_covering(fi, i)
            .is_some_and(|s| s.first == i && s.last == i)
        {
            return None;
        }
        let f = &self.fields[fi];
        let first = long_form_start(f, prev, acronym)?;
        let (start, end) = (
            f.folded.tokens.get(first)?.start,
            f.folded.tokens.get(prev)?.end,
        );
        let name = f.text.get(start..end)?.to_string();
        let id = u32::try_from(discovered.len()).ok()?;
        discovered.push(Discovered {
            name,
            acronym: acronym.to_string(),
        });
        let target = Target::Discovered(id);
        long_forms.push(Slot {
            fi,
            first,
            last: prev,
            lo: 0,
            hi: 0,
            forced: Some(target),
        });
        Some(target)
    }

    /// "ACR (the Long Form)": the slot inside the parenthesis that ends
    /// at its closing bracket.
    fn long_after(&self, fi: usize, i: usize) -> Option<Target> {
        let f = &self.fields[fi];
        if f.gap_after(Some(i)).trim() != "(" {
            return None;
        }
        let after_article = is_article(f.word(i + 1)) && f.gap_after(Some(i + 1)).trim().is_empty();
        let first = if after_article { i + 2 } else { i + 1 };
        let slot = self
            .slot_covering(fi, first)
            .filter(|s| s.first == first)
            .filter(|s| f.gap_after(Some(s.last)).trim_start().starts_with(')'))?;
        self.sole_entity(slot).map(Target::Known)
    }

    /// Marks slots that spell a linked acronym, and adds slots for bare
    /// tokens that spell one but matched no alias.
    fn apply_links(&mut self, links: &FxHashMap<String, Target>) {
        let mut covered: FxHashSet<(usize, usize)> = FxHashSet::default();
        for slot in &mut self.slots {
            for i in slot.first..=slot.last {
                covered.insert((slot.fi, i));
            }
            if slot.first == slot.last {
                let word = self.fields[slot.fi].word(slot.first);
                let link = links.get(word).copied();
                let already = link.is_some()
                    && sole_entity(self.g, &self.fields[slot.fi], slot).map(Target::Known) == link;
                if !already {
                    slot.forced = link;
                }
            }
        }
        for (fi, f) in self.fields.iter().enumerate() {
            for i in 0..f.folded.tokens.len() {
                if covered.contains(&(fi, i)) {
                    continue;
                }
                if let Some(t) = links.get(f.word(i)) {
                    let forced = Some(*t);
                    self.slots.push(Slot {
                        fi,
                        first: i,
                        last: i,
                        lo: 0,
                        hi: 0,
                        forced,
                    });
                }
            }
        }
    }

    /// Entities some slot names alone by a full alias, and their countries:
    /// the context that decides shared aliases.
    fn context(&self) -> (FxHashSet<u32>, FxHashSet<u32>) {
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
        (anchors, countries)
    }

    fn run(&self, out: &mut Vec<Resolved>) {
        let (anchors, countries) = self.context();
        let mut named: FxHashSet<u32> = FxHashSet::default();
        let mut found: Vec<Option<Resolved>> = Vec::with_capacity(self.slots.len());
        for slot in &self.slots {
            let r = self.resolved(slot, &named, &anchors, &countries);
            // A partial name never makes its person "named in full".
            if let Some(Resolved {
                target: Target::Known(e),
                evidence,
                ..
            }) = r
            {
                if evidence != Evidence::Partial {
                    named.insert(e);
                }
            }
            found.push(r);
        }
        // A headline sums up its story: a surname there ("KOHL SAYS ...")
        // that nothing explained yet is of the person the body names in
        // full, even though the body comes after it. Partial names never
        // add to `named`, so this second look changes nothing else.
        for (slot, r) in self.slots.iter().zip(found.iter_mut()) {
            if r.is_none() && self.fields[slot.fi].field == Field::Title {
                *r = self.resolved(slot, &named, &anchors, &countries);
            }
        }
        out.extend(found.into_iter().flatten());
    }

    /// [`Self::resolve_slot`] as a [`Resolved`] mention.
    fn resolved(
        &self,
        slot: &Slot,
        named: &FxHashSet<u32>,
        anchors: &FxHashSet<u32>,
        countries: &FxHashSet<u32>,
    ) -> Option<Resolved> {
        let (target, alias, evidence, reason) =
            self.resolve_slot(slot, named, anchors, countries)?;
        Some(Resolved {
            field: self.fields[slot.fi].field,
            first: slot.first,
            last: slot.last,
            alias,
            target,
            evidence,
            reason,
        })
    }

    /// What one slot is a mention of, with the alias, evidence and reason;
    /// `None` when it stays unresolved. `named` holds the entities named
    /// in full before the slot.
    fn resolve_slot(
        &self,
        slot: &Slot,
        named: &FxHashSet<u32>,
        anchors: &FxHashSet<u32>,
        countries: &FxHashSet<u32>,
    ) -> Option<(Target, Option<u32>, Evidence, Reason)> {
        if let Some(target) = slot.forced {
            let alias = self.cands(slot).first().map(|c| c.alias);
            return Some((target, alias, Evidence::Name, Reason::Definition));
        }
        let m = self.g.matcher();
        let mut full: Vec<(u32, u32)> = Vec::new();
        let mut part: Vec<(u32, u32)> = Vec::new();
        // Partial names of people not named yet, with how many words of a
        // title of theirs come right before.
        let mut titled: Vec<((u32, u32), usize)> = Vec::new();
        let mut unnamed: Vec<(u32, u32)> = Vec::new();
        for c in self.cands(slot) {
            let a = m.alias(c.alias);
            let list = if a.evidence == Evidence::Partial {
                if !named.contains(&a.entity) {
                    let n = self.title_before(slot, a.entity);
                    if n > 0 && !titled.iter().any(|t| t.0.0 == a.entity) {
                        titled.push(((a.entity, c.alias), n));
                    }
                    if !unnamed.iter().any(|u| u.0 == a.entity) {
                        unnamed.push((a.entity, c.alias));
                    }
                    continue;
                }
                &mut part
            } else {
                &mut full
            };
            // One alias per entity; one that needs no context is preferred.
            match list.iter_mut().find(|(e, _)| *e == a.entity) {
                None => list.push((a.entity, c.alias)),
                Some(kept) if m.alias(kept.1).needs_context && !a.needs_context => {
                    kept.1 = c.alias;
                }
                Some(_) => {}
            }
        }
        // A short form of one person named in full earlier wins over
        // other readings ("Jordan" after "Michael Jordan"); of two such
        // people, it stays unresolved.
        if let (Some(t), []) = (best_title(&titled), part.as_slice()) {
            // A title right before a surname marks a person, whatever else
            // the word may name ("President Lincoln" is not the city).
            return Some((Target::Known(t.0), Some(t.1), Evidence::Name, Reason::Role));
        }
        if let ([], [], [one]) = (full.as_slice(), part.as_slice(), unnamed.as_slice()) {
            let country = self.g.entity_at(one.0).country_index();
            if country.is_some_and(|c| countries.contains(&c)) && self.headline_subject(slot) {
                return Some((
                    Target::Known(one.0),
                    Some(one.1),
                    Evidence::Partial,
                    Reason::Headline,
                ));
            }
        }
        let ((entity, alias), reason) = match (full.as_slice(), part.as_slice()) {
            ([one], [p]) if one.0 == p.0 => (*one, Reason::Unique),
            (_, [p]) => (*p, Reason::Partial),
            (_, [_, _, ..]) | ([], []) => return None,
            ([one], []) if !m.alias(one.1).needs_context => (*one, Reason::Unique),
            // A dateline is context enough for a name that needs it
            // ("KOKOMO, Ind.").
            ([one], []) if self.in_dateline(slot) => (*one, Reason::Dateline),
            _ => {
                let options: Vec<(u32, u32)> = full.iter().chain(&part).copied().collect();
                self.decide(slot, &options, anchors, countries)?
            }
        };
        let mut evidence = m.alias(alias).evidence;
        if evidence == Evidence::Metonym && self.place_cue_before(slot) {
            evidence = Evidence::Place;
        }
        Some((Target::Known(entity), Some(alias), evidence, reason))
    }

    /// Decides a shared alias: each level of context that singles out one
    /// option decides, one that keeps several narrows the options for the
    /// next; what no level decides is dropped.
    fn decide(
        &self,
        slot: &Slot,
        options: &[(u32, u32)],
        anchors: &FxHashSet<u32>,
        countries: &FxHashSet<u32>,
    ) -> Option<((u32, u32), Reason)> {
        let mut unique: Vec<(u32, u32)> = Vec::new();
        for &o in options {
            if !unique.iter().any(|u| u.0 == o.0) {
                unique.push(o);
            }
        }
        // A capital and its country ("Moscow"): the country, whose alias
        // says whether it is the government or the place. The country
        // keeps the capital's population for the prior below.
        let ids: Vec<u32> = unique.iter().map(|u| u.0).collect();
        let mut capitals: Vec<(u32, u64)> = Vec::new();
        unique.retain(|u| {
            let e = self.g.entity_at(u.0);
            match e.country_index().filter(|c| ids.contains(c)) {
                Some(c) if e.kind() == Kind::Place => {
                    capitals.push((c, e.population().unwrap_or(0)));
                    false
                }
                _ => true,
            }
        });
        if let ([one], true) = (unique.as_slice(), ids.len() > 1) {
            return Some((*one, Reason::Unique));
        }
        // Only unambiguous mentions anchor: an entity chosen earlier by
        // context must not decide the next mention of the same alias.
        let anchored = |e: u32| anchors.contains(&e);
        let in_country = |e: u32| {
            let country = self.g.entity_at(e).country_index();
            country.is_some_and(|c| c != e && countries.contains(&c))
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
            let hits: Vec<(u32, u32)> = unique.iter().copied().filter(|o| test(o.0)).collect();
            match hits.as_slice() {
                [one] => return Some((*one, reason)),
                [] => {}
                _ => unique = hits,
            }
        }
        self.prior(&unique, &capitals)
            .map(|one| (one, Reason::Prior))
    }

    /// The population behind an option: a place's own, or for a country
    /// named by its capital, the capital's. `None` for anything else.
    fn population(&self, e: u32, capitals: &[(u32, u64)]) -> Option<u64> {
        let entity = self.g.entity_at(e);
        match entity.kind() {
            Kind::Place => Some(entity.population().unwrap_or(0)),
            _ => capitals.iter().find(|c| c.0 == e).map(|c| c.1),
        }
    }

    /// Among places (and countries named by their capital), the one at
    /// least [`PRIOR_RATIO`] times as populous as any other ("Paris" is the
    /// French capital, not the town in Texas). When places of one country
    /// share a name (Kansas City), the most populous: the mention counts
    /// for that country whichever it is.
    fn prior(&self, options: &[(u32, u32)], capitals: &[(u32, u64)]) -> Option<(u32, u32)> {
        let mut pops: Vec<((u32, u32), u64)> = Vec::new();
        for &o in options {
            pops.push((o, self.population(o.0, capitals)?));
        }
        pops.sort_by_key(|p| std::cmp::Reverse(p.1));
        let country = |o: &(u32, u32)| self.g.entity_at(o.0).country_index();
        let one_country = pops.windows(2).all(|w| {
            let (a, b) = (country(&w[0].0), country(&w[1].0));
            a.is_some()
                && a == b
                && self.g.entity_at(w[0].0.0).kind() == Kind::Place
                && self.g.entity_at(w[1].0.0).kind() == Kind::Place
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

    /// How many words right before the slot are words of a title the
    /// person holds or held: "Treasury Secretary Baker" gives 2 for a
    /// "US Treasury Secretary (1985-1988)". The words must be capitalised
    /// (as titles are before a name, or in a headline's capitals) and
    /// separated by spaces or hyphens only; 0 when there is none.
    fn title_before(&self, slot: &Slot, entity: u32) -> usize {
        let f = &self.fields[slot.fi];
        let titles = self.g.entity_at(entity).titles();
        if titles.is_empty() || self.name_goes_on(slot) {
            return 0;
        }
        let mut n = 0;
        let mut next = slot.first;
        // A possessive title: "Treasury's Baker".
        let mut possessive = false;
        if let Some(s) = next.checked_sub(1) {
            let gap = f.gap_after(Some(s));
            let spaced = !gap.is_empty() && gap.chars().all(char::is_whitespace);
            let apostrophe = matches!(f.gap_after(s.checked_sub(1)), "'" | "’");
            if spaced && apostrophe && matches!(f.word(s), "s" | "S") {
                next = s;
                possessive = true;
            }
        }
        // A title has at most as many words as the person has title
        // words: the walk stops there, or a headline repeating a surname
        // that is also a title word ("LEYVA LEYVA ...") would walk back
        // over every earlier one, for each one.
        while let Some(i) = next.checked_sub(1).filter(|_| n < titles.len()) {
            let gap = f.gap_after(Some(i));
            let joined = match (n, possessive) {
                (0, true) => matches!(gap, "'" | "’"),
                (0, false) => gap.chars().all(char::is_whitespace),
                _ => gap.chars().all(|c| c.is_whitespace() || c == '-'),
            };
            let word = f.word(i);
            let capital = word.chars().next().is_some_and(char::is_uppercase);
            let title = titles.iter().any(|t| **t == *f.folded_word(i));
            if gap.is_empty() || !joined || !capital || !title {
                break;
            }
            n += 1;
            next = i;
        }
        n
    }

    /// Whether the slot is where a headline names who speaks: right
    /// before a speech word ("LAWSON SAYS ..."), or last, after a dash
    /// ("... TARGET - LAWSON").
    fn headline_subject(&self, slot: &Slot) -> bool {
        let f = &self.fields[slot.fi];
        if f.field != Field::Title {
            return false;
        }
        let next = slot.last + 1;
        let speech = next < f.folded.tokens.len() && {
            let gap = f.gap_after(Some(slot.last));
            gap.chars().all(char::is_whitespace)
                && self.g.cues().speech_after.contains(f.folded_word(next))
        };
        // A spaced dash, not a hyphen ("END-MAY").
        let dash = slot.first.checked_sub(1).is_some_and(|i| {
            let gap = f.gap_after(Some(i));
            gap.contains('-') && gap.starts_with(char::is_whitespace)
        });
        speech || (next == f.folded.tokens.len() && dash)
    }

    /// Whether a capitalised word follows the slot in the same name: then
    /// the slot is a first name or part of a longer name, not a surname
    /// ("Finance Minister Manuel Azpurua"). In capitals ("PRESIDENT
    /// REAGAN SAYS") every word is capitalised and this cannot be told.
    fn name_goes_on(&self, slot: &Slot) -> bool {
        let f = &self.fields[slot.fi];
        let next = f.word(slot.last + 1);
        let gap = f.gap_after(Some(slot.last));
        let joined = gap.chars().all(|c| c.is_whitespace() || c == '-');
        let capital = next.chars().next().is_some_and(char::is_uppercase);
        let in_capitals = |w: &str| !w.chars().any(char::is_lowercase);
        joined && capital && !(in_capitals(next) && in_capitals(f.word(slot.last)))
    }

    /// Whether the slot lies in the field's dateline.
    fn in_dateline(&self, slot: &Slot) -> bool {
        let f = &self.fields[slot.fi];
        f.folded
            .tokens
            .get(slot.last)
            .is_some_and(|t| t.end <= f.dateline_end)
    }

    /// Whether the word before the slot is a place cue ("in", "near").
    fn place_cue_before(&self, slot: &Slot) -> bool {
        let f = &self.fields[slot.fi];
        slot.first
            .checked_sub(1)
            .is_some_and(|prev| self.g.cues().place_before.contains(f.folded_word(prev)))
    }
}

/// The person whose title before a surname is longest, unless another's
/// is as long.
fn best_title(titled: &[((u32, u32), usize)]) -> Option<(u32, u32)> {
    let best = titled.iter().max_by_key(|t| t.1)?;
    let ties = titled.iter().filter(|t| t.1 == best.1).count();
    (ties == 1).then_some(best.0)
}

/// The one entity a slot names by full aliases, if there is one.
fn sole_entity(g: &Gazetteer, f: &FieldInput, slot: &Slot) -> Option<u32> {
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

/// An acronym as texts define them: 2 to 10 letters or digits, starting
/// with a capital, at least two capitals, no lower-case letter after the
/// first two characters' worth of capitals ("CISEN", "ODNI", "FARC", "DoD"
/// is not one).
fn is_acronym(word: &str) -> bool {
    // Rejects on the first character before counting anything: this runs
    // on every word of every document.
    if !word.chars().next().is_some_and(char::is_uppercase)
        || !word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
    {
        return false;
    }
    let n = word.chars().count();
    let capitals = word.chars().filter(|c| c.is_uppercase()).count();
    (2..=10).contains(&n) && capitals >= 2
}

fn is_article(word: &str) -> bool {
    matches!(word, "the" | "The")
}

/// The first token of a long form ending at token `last` whose letters
/// spell `acronym`, by the method of Schwartz and Hearst (2003): match the
/// acronym's letters right to left against the words, the first letter at
/// the start of a word. The long form must start with a capital and stay
/// within one clause.
fn long_form_start(f: &FieldInput, last: usize, acronym: &str) -> Option<usize> {
    let letters: Vec<char> = fold_str(acronym).chars().filter(|c| *c != ' ').collect();
    let max_words = (letters.len() + 5).min(letters.len() * 2);
    let mut first = last;
    while first > 0 && last - first + 1 < max_words {
        let gap = f.gap_after(Some(first - 1));
        if gap.chars().any(|c| ".;:!?()[]\"“”".contains(c)) {
            break;
        }
        first -= 1;
    }
    let words: Vec<&str> = (first..=last).map(|i| f.folded_word(i)).collect();
    // Walk the acronym right to left; `w` and `pos` point into `words`,
    // and `chars` holds the characters of word `w`, decoded once: a
    // word may be a whole unspaced paragraph (Chinese, Thai), and
    // decoding it again for each character was quadratic.
    let mut w = words.len();
    let mut pos = 0usize;
    let mut chars: Vec<char> = Vec::new();
    let mut started: Option<usize> = None;
    for (k, &c) in letters.iter().enumerate().rev() {
        let must_start_word = k == 0;
        loop {
            if pos == 0 {
                w = w.checked_sub(1)?;
                chars.clear();
                chars.extend(words.get(w)?.chars());
                pos = chars.len();
                if pos == 0 {
                    continue;
                }
            }
            pos -= 1;
            let ch = *chars.get(pos)?;
            if ch == c && (!must_start_word || pos == 0) {
                started = Some(w);
                break;
            }
        }
    }
    let start = first + started?;
    let capital = f.word(start).chars().next().is_some_and(char::is_uppercase);
    capital.then_some(start)
}
