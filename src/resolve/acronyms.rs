//! Acronyms the text defines: "the Center for Research and National
//! Security (CISEN)" and "CISEN (the Center ...)" link the acronym to the
//! entity of the long form for the whole document, or to an entity
//! discovered there when the gazetteer does not know the long form.

use rustc_hash::FxHashMap;

use super::doc::{Resolver, Slot, sole_entity};
use crate::discover::Discovered;
use crate::fields::FieldInput;
use crate::fold::fold_str;
use crate::output::{Reason, Target};

impl Resolver<'_, '_> {
    /// Finds acronym definitions, links each acronym to its entity (or a
    /// new discovered one) and marks every slot and bare token spelling it.
    pub(super) fn definitions(&mut self, discovered: &mut Vec<Discovered>) {
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
        let in_long_form = self.marks(&long_forms);
        self.slots.retain(|s| !any_marked(&in_long_form, s));
        self.slots.extend(long_forms);
        self.slots.sort_by_key(|s| (s.fi, s.first));
    }

    /// "Long Form (ACR)": the long form is the slot ending just before the
    /// parenthesis when a word of it begins with the acronym's first
    /// letter and it is not the dateline's place, or, failing that, the words before it whose letters
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
        let f = &self.fields[fi];
        // A name before a bracketed acronym is not its long form when
        // none of its words could begin it, or when it is the dateline's
        // place: "NAIROBI, Kenya (AP)" and "ATLANTA (AP)" credit the
        // agency that filed the story.
        let known = self
            .slot_covering(fi, prev)
            .filter(|s| s.last == prev && initial_fits(f, s, acronym) && !self.in_dateline(s));
        if let Some(slot) = known {
            // A name discovery found ("Andean Fisheries Council (AFC)")
            // takes the acronym as well.
            if let Some(Target::Discovered(d)) = slot.forced {
                if let Some(entry) = discovered.get_mut(d as usize) {
                    if entry.acronym.is_empty() {
                        entry.acronym = acronym.to_string();
                    }
                }
            }
            return slot
                .forced
                .or_else(|| self.sole_entity(slot).map(Target::Known));
        }
        // An acronym the gazetteer knows keeps its entity, even when the
        // long form before it is misspelt or unknown.
        if self
            .slot_covering(fi, i)
            .is_some_and(|s| s.first == i && s.last == i)
        {
            return None;
        }
        let first = long_form_start(f, prev, acronym)?;
        let (start, end) = (
            f.folded.tokens.get(first)?.start,
            f.folded.tokens.get(prev)?.end,
        );
        let name = f.text.get(start..end)?.to_string();
        let id = u32::try_from(discovered.len()).ok()?;
        discovered.push(Discovered::defined(name, acronym));
        let target = Target::Discovered(id);
        long_forms.push(Slot {
            fi,
            first,
            last: prev,
            lo: 0,
            hi: 0,
            forced: Some(target),
            reason: Reason::Definition,
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
        let covered = self.marks(&self.slots);
        for slot in &mut self.slots {
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
                if covered.get(fi).and_then(|c| c.get(i)) != Some(&false) {
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
                        reason: Reason::Definition,
                    });
                }
            }
        }
    }

    /// For each field, which of its tokens `slots` cover: a flag per
    /// token, where a hash set of (field, token) pairs grew and rehashed
    /// with every word a slot covers and was probed at random for every
    /// word of the document (3% of the instructions of 8 MB of acronym
    /// definitions).
    fn marks(&self, slots: &[Slot]) -> Vec<Vec<bool>> {
        let mut marks: Vec<Vec<bool>> = self
            .fields
            .iter()
            .map(|f| vec![false; f.folded.tokens.len()])
            .collect();
        for s in slots {
            if let Some(field) = marks.get_mut(s.fi) {
                let end = s.last.saturating_add(1).min(field.len());
                if let Some(tokens) = field.get_mut(s.first.min(end)..end) {
                    tokens.fill(true);
                }
            }
        }
        marks
    }
}

/// Whether the first letter of `acronym` begins a word of the long form
/// `slot` ("Federal Security Service (FSB)", "Secretariat of National
/// Defense (SEDENA)", "Foreign Intelligence Service (SVR)"), case aside.
fn initial_fits(f: &FieldInput, slot: &Slot, acronym: &str) -> bool {
    let lower = |c: char| c.to_lowercase().next();
    let Some(initial) = acronym.chars().next().and_then(lower) else {
        return false;
    };
    (slot.first..=slot.last).any(|k| f.word(k).chars().next().and_then(lower) == Some(initial))
}

/// Whether `marks` (from [`Resolver::marks`]) has a token of `slot`.
fn any_marked(marks: &[Vec<bool>], slot: &Slot) -> bool {
    marks
        .get(slot.fi)
        .and_then(|m| m.get(slot.first..slot.last.saturating_add(1).min(m.len())))
        .is_some_and(|t| t.contains(&true))
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
    // Walk the acronym right to left over the words' characters, read
    // backwards in place: a word may be a whole unspaced paragraph
    // (Chinese, Thai), so it is neither decoded again per letter (that
    // was quadratic) nor copied into a buffer four times its size.
    let mut w = last + 1;
    let mut chars = "".char_indices().rev();
    let mut started: Option<usize> = None;
    for (k, &c) in letters.iter().enumerate().rev() {
        let must_start_word = k == 0;
        loop {
            let Some((at, ch)) = chars.next() else {
                w = w.checked_sub(1).filter(|&w| w >= first)?;
                chars = f.folded_word(w).char_indices().rev();
                continue;
            };
            if ch == c && (!must_start_word || at == 0) {
                started = Some(w);
                break;
            }
        }
    }
    let start = started?;
    let capital = f.word(start).chars().next().is_some_and(char::is_uppercase);
    capital.then_some(start)
}
