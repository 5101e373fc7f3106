//! People: a surname after a title the person holds ("President
//! Reagan"), and a surname alone as the speaker of a headline ("LAWSON
//! SAYS ...").

use super::doc::{Choice, Context, Decision, Readings, Resolver, Slot, Titled};
use crate::output::Reason;
use crate::types::Evidence;

impl Resolver<'_, '_> {
    /// A partial name read as a person from the words around it, before
    /// any other reading: a surname right after a title the person holds,
    /// or the speaker of a headline.
    pub(super) fn person(&self, slot: &Slot, r: &Readings, context: &Context) -> Option<Decision> {
        // A short form of one person named in full earlier wins over
        // other readings ("Jordan" after "Michael Jordan"); of two such
        // people, it stays unresolved.
        if let (Some(t), []) = (best_title(&r.titled), r.part.as_slice()) {
            // A title right before a surname marks a person, whatever else
            // the word may name ("President Lincoln" is not the city).
            return Some(Decision::known(t, Evidence::Name, Reason::Role));
        }
        if let ([], [], [one]) = (r.full.as_slice(), r.part.as_slice(), r.unnamed.as_slice()) {
            let country = self.g.entity_at(one.entity).country_index();
            let known = country.is_some_and(|c| context.countries.contains(&c));
            if known && self.headline_subject(slot) {
                return Some(Decision::known(*one, Evidence::Partial, Reason::Headline));
            }
        }
        None
    }

    /// How many words right before the slot are words of a title the
    /// person holds or held: "Treasury Secretary Baker" gives 2 for a
    /// "US Treasury Secretary (1985-1988)". The words must be capitalised
    /// (as titles are before a name, or in a headline's capitals) and
    /// separated by spaces or hyphens only; 0 when there is none.
    pub(super) fn title_before(&self, slot: &Slot, entity: u32) -> usize {
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
        if !self.in_headline(slot) {
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
}

/// The person whose title before a surname is longest, unless another's
/// is as long.
fn best_title(titled: &[Titled]) -> Option<Choice> {
    let best = titled.iter().max_by_key(|t| t.words)?;
    let ties = titled.iter().filter(|t| t.words == best.words).count();
    (ties == 1).then_some(best.choice)
}
