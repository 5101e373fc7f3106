//! Discover: names no list has.
//!
//! Between the scan and resolve, this stage reads the capitalised words of
//! each field ("chunks": runs of capitalised words joined by spaces) and
//! finds:
//!
//! - people, when the text says so: a title or role before the name
//!   ("Finance Minister Gerhard Stoltenberg", "Mr Tanaka", "striker Alan
//!   Shearer"; [`Reason::Role`]), a known given name before a capitalised
//!   surname ("Francisco Arias Cárdenas"; [`Reason::GivenName`]), a verb of
//!   speech right after or before the name ("..., said Anna Petrova";
//!   [`Reason::Speech`]), or an apposition ("Ivan Petrov, the head of ...";
//!   [`Reason::Apposition`]). The surname alone elsewhere in the document
//!   names the same person ([`Reason::Partial`]);
//! - organisations whose name ends in an organisation word ("Sumitomo
//!   Bank", "Ministry of Defence"; [`Reason::Suffix`]); an acronym the
//!   text defines after such a name is linked to it by resolve;
//! - places: the place of a dateline on a line of its own that the
//!   gazetteer does not list ("COMMACK, New York 1996-08-24";
//!   [`Reason::Dateline`]);
//! - teams: a city in a sports result ("Liverpool 2 Everton 1", "CHICAGO AT
//!   DETROIT", "Liverpool beat ...") is a club, an organisation, not a place
//!   ([`Reason::Team`]); but the name after "at" in a fixture is the venue,
//!   where the game is played (Detroit), and a dateline on a line of its
//!   own ("DETROIT 1996-08-24") is a place.
//!
//! It also says what a name is not: a place or country inside a person's
//! name ("Sydney Sweeney", "Kenya Barris") is part of the person, and a
//! place whose name is only a common given name ("Michael", a parish of
//! the Isle of Man) counts only with place context (a place cue before it,
//! the dateline, or a place or country after a comma).
//!
//! A name the gazetteer lists (a person or organisation the scan found) is
//! never rediscovered: "Chinese Ministry of State Security" is the listed
//! Ministry of State Security. What the stage finds becomes forced
//! mentions for resolve, and the scan's candidates it overrides are
//! dropped.

mod found;
mod lexicon;
mod orgs;
mod people;
mod places;
mod surnames;
mod view;

pub(crate) use found::{Discovered, Found};
pub(crate) use lexicon::Discovery;
pub(crate) use view::Buffers;

use crate::fields::FieldInput;
use crate::output::Reason;
use lexicon::WEEKDAY;
use view::{Finds, View};

/// Runs the stage over the fields (title first): appends the entities it
/// finds to `discovered` and their mentions to `found`, and drops the
/// scan's candidates they override. `buffers` is working memory, reused
/// from one document to the next.
pub(crate) fn discover(
    d: &Discovery,
    fields: &mut [FieldInput],
    buffers: &mut Buffers,
    found: &mut Vec<Found>,
    discovered: &mut Vec<Discovered>,
) {
    let Buffers {
        fields: bufs,
        finds,
        drop,
    } = buffers;
    bufs.resize_with(fields.len().max(bufs.len()), Default::default);
    for (f, b) in fields.iter_mut().zip(bufs.iter_mut()) {
        b.read(d, f);
    }
    finds.reset(fields.iter().map(|f| f.folded.tokens.len()));
    drop.clear();
    {
        let views: Vec<View> = fields
            .iter()
            .zip(bufs.iter())
            .map(|(f, b)| View::new(f, d, b))
            .collect();
        find(&views, finds, drop);
    }
    drop_overridden(fields, finds, drop);
    let offset = u32::try_from(discovered.len()).unwrap_or(u32::MAX);
    found.extend(finds.found.iter().map(|x| Found {
        target: x.target.saturating_add(offset),
        ..*x
    }));
    discovered.append(&mut finds.discovered);
}

/// The rules, in order: dateline places and teams in every field, then
/// organisations by their last word or people, in each run; then later mentions of the people and teams found,
/// and the given-name places without place context (into `drop`).
fn find(views: &[View], finds: &mut Finds, drop: &mut Vec<(usize, usize)>) {
    for (fi, v) in views.iter().enumerate() {
        places::datelines(v, fi, finds);
        orgs::teams(v, fi, finds);
    }
    // A story of sports results: its leagues are competitions.
    let sports = finds.found.iter().any(|x| x.reason == Reason::Team);
    for (fi, v) in views.iter().enumerate() {
        for &(a, run_end) in v.runs {
            // A weekday after a name is the day of what happened.
            let mut b = run_end;
            while b > a && v.is(b, WEEKDAY) {
                b -= 1;
            }
            if finds.any_taken(fi, a, b) {
                continue;
            }
            if !orgs::suffix(v, fi, (a, b), sports, finds) {
                people::person(v, fi, (a, b), finds);
            }
        }
    }
    people::one_word_people(views, finds);
    people::surnames(views, finds);
    // A lone speaker found is a surname too: its later mentions follow.
    if people::lone_speakers(views, finds) {
        people::surnames(views, finds);
    }
    orgs::repeats(views, finds);
    orgs::short_forms(views, finds);
    for (fi, v) in views.iter().enumerate() {
        people::given_name_places(v, fi, drop);
    }
}

/// Drops the scan's candidates over what was found, or marked to drop.
fn drop_overridden(fields: &mut [FieldInput], finds: &mut Finds, drop: &[(usize, usize)]) {
    for &(fi, t) in drop {
        if let Some(slot) = finds.taken.get_mut(fi).and_then(|m| m.get_mut(t)) {
            *slot = true;
        }
    }
    for (fi, (f, mask)) in fields.iter_mut().zip(&finds.taken).enumerate() {
        let touched = finds.found.iter().any(|x| x.fi == fi) || drop.iter().any(|d| d.0 == fi);
        if touched {
            f.cands.retain(|c| {
                !mask
                    .get(c.first..=c.last)
                    .is_some_and(|s| s.iter().any(|t| *t))
            });
        }
    }
}
