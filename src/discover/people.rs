//! People: a run of capitalised words is a person when a title or role,
//! a given name, a verb of speech or an apposition says so.

use super::found::Found;
use super::lexicon::{
    COMMON_GIVEN, GIVEN_NAME, HONORIFIC, NOT_PERSON, PARTICLE, ROLE, SPEECH, TITLE, TITLE_LIKE,
};
use super::surnames;
use super::view::{Finds, Owners, View, claim};
use crate::output::Reason;
use crate::types::Kind;

/// The most capitalised words a discovered person's name has ("Karl Otto Poehl",
/// "Francisco Arias Cárdenas", "Ludwig van Beethoven").
const MAX_WORDS: usize = 4;
/// How many words after an apposition's comma may come before its role
/// word ("Ivan Petrov, the deputy head of ...").
const APPOSITION_WINDOW: usize = 5;

/// Tries each rule on the run `a..=b`; records the person it finds.
pub(super) fn person(v: &View, fi: usize, run: (usize, usize), finds: &mut Finds) {
    let (a, b) = run;
    // A single word the scan matched is left to resolve ("President
    // Lincoln"), whatever comes before it.
    if a == b && v.cover(a).is_some() {
        return;
    }
    // Titles at the head of the run ("Finance Minister", "Mr") are not
    // part of the name.
    let titled = (a..=b.min(a + MAX_WORDS))
        .rev()
        .find(|&i| i < b && v.is(i, TITLE_LIKE));
    let mut start = titled.map_or(a, |t| t + 1);
    // Nor is a nationality before a name of two words or more ("German
    // Tommy Haas", "fellow Finn Juha Kankkunen"; "American Hoechst" is
    // one name).
    while let Some(c) = v
        .cover(start)
        .filter(|c| c.demonym && c.first == start && c.last + 1 < b)
    {
        start = c.last + 1;
    }
    let role_before = titled.is_some() || title_before(v, a);
    // A given name, possibly after words that are not part of the name
    // ("Ireland midfielder" is cut off by the lower case; "State" of
    // "Secretary of State Warren Christopher" is not).
    let given = (start..b.min(start + 3))
        .find(|&i| is_given(v, i) && v.cap(i + 1) && !v.caps(i + 1))
        .or_else(|| (b > start && initial(v, start)).then_some(start));
    let (first, reason) = if role_before {
        (start, Reason::Role)
    } else if let Some(k) = given {
        (k, Reason::GivenName)
    } else if b > start && speech(v, start, b) {
        (start, Reason::Speech)
    } else if b > start && apposition(v, b) {
        (start, Reason::Apposition)
    } else if scorer(v, start, b) {
        (start, Reason::Scorer)
    } else {
        return;
    };
    let last = name_end(v, first, b);
    if !plausible(v, first, last) {
        return;
    }
    // One word after a role that is no honorific ("market leader
    // Nintendo", but "striker Shearer") is a person only by a surname or
    // a given name of the lists, as a lone speaker is.
    if first == last && reason == Reason::Role && !honorific(v, titled, a) && !named(v, first) {
        return;
    }
    // A name the gazetteer lists is its own; a single word the scan
    // matched is left to resolve ("President Lincoln").
    if v.listed(first, last) || (first == last && v.cover(first).is_some()) {
        return;
    }
    finds.add(v, fi, (first, last), Kind::Person, reason);
}

/// The last token of a name from `first` within the run `..=b`: at most
/// [`MAX_WORDS`] capitalised words, the particles between them and the
/// lower-case part of a hyphenated word not counted ("Mohammed bin
/// Abdulrahman Al Thani", "Kang Young-hoon").
fn name_end(v: &View, first: usize, b: usize) -> usize {
    let mut words = 0;
    let mut last = first;
    for i in first..=b {
        if v.cap(i) {
            words += 1;
            if words > MAX_WORDS {
                break;
            }
        }
        last = i;
    }
    // A particle the limit cut off from its surname ("... Rahim al").
    while last > first && !v.cap(last) && v.spaced(last) {
        last -= 1;
    }
    last
}

/// Whether token `i` is an initial standing for a given name ("M." of
/// "M. Alleyne"): one capital letter and a full stop before the next word.
/// Not the last letter of an abbreviation ("U.S. Trade", "U.K. One").
fn initial(v: &View, i: usize) -> bool {
    let abbreviation = i > 0 && v.gap_before(i) == ".";
    v.word(i).len() == 1
        && v.cap(i)
        && !abbreviation
        && v.gap_before(i + 1) == ". "
        && v.cap(i + 1)
        && !v.caps(i + 1)
}

/// Whether token `i` is a given name spelt as a name (capitalised, not
/// in capitals: headlines in capitals name too many other things).
fn is_given(v: &View, i: usize) -> bool {
    v.cap(i) && !v.caps(i) && v.is(i, GIVEN_NAME)
}

/// Whether the title of a run from `a` is an honorific ("Mr", "Dr"): the
/// one inside the run at `titled`, or the word before it.
fn honorific(v: &View, titled: Option<usize>, a: usize) -> bool {
    let title = titled.or_else(|| a.checked_sub(1));
    title.is_some_and(|t| v.is(t, HONORIFIC))
}

/// Whether the word `i` is a surname or a given name of the lists.
fn named(v: &View, i: usize) -> bool {
    v.is(i, GIVEN_NAME) || surnames::known(v.folded(i))
}

/// Whether a title or role word comes right before token `a`: "striker
/// Alan Shearer", "Mr. Tanaka" (a full stop after an honorific).
fn title_before(v: &View, a: usize) -> bool {
    let Some(p) = a.checked_sub(1) else {
        return false;
    };
    let placed = v.spaced(a) || v.is(p, HONORIFIC) && v.gap_before(a) == ". ";
    placed && v.is(p, TITLE_LIKE) && !v.caps(p)
}

/// Whether a verb of speech follows the run ("Anna Petrova said"), or
/// precedes it at the end of a clause ("..., said Anna Petrova.").
fn speech(v: &View, a: usize, b: usize) -> bool {
    let after = b + 1 < v.len() && v.spaced(b + 1) && v.is(b + 1, SPEECH);
    let before = a.checked_sub(1).is_some_and(|p| {
        let ends = || {
            v.line_end(b) || {
                let next = v.gap_before(b + 1).trim_start();
                next.starts_with([',', '.', ';', ':'])
            }
        };
        v.is(p, SPEECH) && matches!(v.gap_before(a).trim(), "" | ",") && ends()
    });
    after || before
}

/// Whether the run is a scorer in a football result: right after a
/// bracket or a comma, right before the minute of the goal, an ordinal,
/// and the comma or the bracket after it ("Borussia Dortmund 3 (Zorc
/// 12th, Riedle 80th 86th)").
fn scorer(v: &View, a: usize, b: usize) -> bool {
    let ordinal = |i: usize| {
        let w = v.word_bytes(i);
        let digits = w.iter().take_while(|c| c.is_ascii_digit()).count();
        digits > 0 && digits <= 3 && matches!(w.get(digits..), Some(b"st" | b"nd" | b"rd" | b"th"))
    };
    let opens = matches!(v.gap_before(a).trim(), "(" | ",");
    if !(opens && v.spaced(b + 1) && ordinal(b + 1)) {
        return false;
    }
    // More minutes may follow ("80th 86th").
    let mut k = b + 1;
    while v.spaced(k + 1) && ordinal(k + 1) {
        k += 1;
    }
    v.gap_before(k + 1).trim_start().starts_with([')', ','])
}

/// Whether an apposition follows the run: a comma, then within a few
/// words a role ("Ivan Petrov, the head of ...", "Anna Petrova, a
/// spokeswoman for ..."), or an age ("John Smith, 45,"); or a country in
/// brackets, as results give a sportsman's ("Mika Hakkinen (Finland)").
fn apposition(v: &View, b: usize) -> bool {
    // "Mika Hakkinen (Finland)": a country in brackets right after.
    let bracket = v.gap_before(b + 1).trim() == "("
        && v.cover(b + 1).is_some_and(|c| {
            c.country
                && c.first == b + 1
                && v.gap_before(c.last + 1)
                    .trim_start_matches(['.', ' '])
                    .starts_with(')')
        });
    if bracket {
        return true;
    }
    // Spaces either side of the comma are the writer's (or the
    // tokeniser's) and change nothing.
    if v.gap_before(b + 1).trim() != "," || v.line_end(b) {
        return false;
    }
    let n = v.len();
    let age = v.number(b + 1) && v.gap_before(b + 2).trim() == ",";
    let role = (b + 1..n.min(b + 1 + APPOSITION_WINDOW))
        .take_while(|&i| i == b + 1 || v.spaced(i))
        .any(|i| v.is(i, ROLE | TITLE));
    age || role
}

/// Whether tokens `first..=last` can be a person's name: no word of it is
/// an organisation's or a place's head word or a word that is never a
/// name, none is in capitals, and it does not start with a title. Nor is
/// it a place's whole name, though it starts like a given name ("San
/// Diego", "Santa Barbara"; but "J. Crawley" is a person, and so is
/// "Sydney Sweeney").
fn plausible(v: &View, first: usize, last: usize) -> bool {
    // In capitals (headlines, tables) too much looks like a name.
    let caps = (first..=last).any(|i| v.caps(i));
    let place = v.is_country(first, last) || (last > first && v.is_city(first, last));
    !caps
        && !(first..=last).any(|i| v.is(i, NOT_PERSON))
        && !v.is(first, TITLE_LIKE)
        && !place
        && (first..=last).all(|i| !v.number(i))
}

/// A person found by one word ("Mr Templeton") whose word is the surname
/// of one person found by a full name ("Rich Templeton") is that person:
/// its mentions become mentions of the full name, by its surname
/// ([`Reason::Partial`]), whichever came first.
pub(super) fn one_word_people(views: &[View], finds: &mut Finds) {
    let Finds {
        found, discovered, ..
    } = finds;
    let person = |x: &Found| x.is(discovered, Kind::Person);
    let mut by_surname = Owners::default();
    for x in found.iter().filter(|x| x.last > x.first && person(x)) {
        if let Some(v) = views.get(x.fi).filter(|v| !v.is(x.last, PARTICLE)) {
            claim(&mut by_surname, v.folded(x.last), x.target);
        }
    }
    if by_surname.is_empty() {
        return;
    }
    for x in found.iter_mut() {
        if x.first != x.last || !person(x) {
            continue;
        }
        let full = views
            .get(x.fi)
            .and_then(|v| by_surname.get(v.folded(x.first)).copied().flatten());
        if let Some(target) = full {
            x.target = target;
            x.reason = Reason::Partial;
        }
    }
}

/// Later (and headline) mentions of a discovered person's surname alone:
/// "Stoltenberg" after "Finance Minister Gerhard Stoltenberg". A surname
/// two discovered people share stays unresolved.
pub(super) fn surnames(views: &[View], finds: &mut Finds) {
    // Each surname, with the person it names (`None`: two people).
    let mut by_surname = Owners::default();
    for x in &finds.found {
        let person = x.is(&finds.discovered, Kind::Person);
        let Some(v) = views.get(x.fi) else { continue };
        if !person || v.is(x.last, PARTICLE) {
            continue;
        }
        claim(&mut by_surname, v.folded(x.last), x.target);
    }
    if by_surname.is_empty() {
        return;
    }
    let mut adds = Vec::new();
    // A surname stands alone: a run of its own, or after titles only.
    for (fi, v) in views.iter().enumerate() {
        for &(a, i) in v.runs {
            let Some(Some(target)) = by_surname.get(v.folded(i)) else {
                continue;
            };
            let alone = (a..i).all(|t| v.is(t, TITLE_LIKE));
            // A place may be a surname too ("Jordan" after "Michael
            // Jordan"); a country or a listed name stays what it is.
            let overridable = v
                .cover(i)
                .is_none_or(|c| !c.listed && !c.country && c.first == i && c.last == i);
            if alone && overridable && !finds.taken(fi, i) {
                adds.push(Found {
                    fi,
                    first: i,
                    last: i,
                    target: *target,
                    reason: Reason::Partial,
                });
            }
        }
    }
    finds.push_all(adds);
}

/// A single-word place whose name is a common given name ("Michael", a
/// parish of the Isle of Man; "Paul") counts only with place context: a
/// place cue right before it ("in Michael"), a dateline (at the start of
/// the body or on a line of its own: "MICHAEL 1996-08-24"), or a place or
/// country after a comma ("Michael, Isle of Man"). Pushes `(fi, token)`
/// of each one without it to `drop`.
pub(super) fn given_name_places(v: &View, fi: usize, drop: &mut Vec<(usize, usize)>) {
    for c in v.covers {
        let i = c.first;
        if c.first != c.last || !v.is_place(i, i) || !v.is(i, COMMON_GIVEN) {
            continue;
        }
        let dateline =
            v.f.folded
                .tokens
                .get(i)
                .is_some_and(|t| v.f.in_dateline(t.end));
        let comma_place = || {
            v.gap_before(i + 1).trim() == ","
                && v.cover(i + 1).is_some_and(|n| n.place || n.country)
        };
        if !(v.place_cue_before(i) || dateline || v.dated(i, i) || comma_place()) {
            drop.push((fi, i));
        }
    }
}

/// A single capitalised word right before or after a verb of speech
/// ("Gajdos said", "..., said Filipovic.") is a person when it is a
/// surname or a given name of the lists, unless the scan knows it, it is
/// never a name ("He", "Officials"), or it is the first
/// word of an organisation the document names ("Faulding said" after
/// "Faulding Holdings Ltd"). Runs after the other rules, so that a
/// surname of a person named in full is that person. Returns whether it
/// found any.
pub(super) fn lone_speakers(views: &[View], finds: &mut Finds) -> bool {
    let mut adds = Vec::new();
    for (fi, v) in views.iter().enumerate() {
        for &(a, b) in v.runs {
            let lone = a == b && !finds.taken(fi, a) && v.cover(a).is_none();
            if !(lone && lone_speech(v, a) && plausible(v, a, a)) || v.letter(a) {
                continue;
            }
            // A company or an agency speaks alone too ("Interfax said"):
            // a person so named has a surname or a given name of the
            // lists.
            if !named(v, a) {
                continue;
            }
            if !starts_an_organisation(views, finds, v.folded(a)) {
                adds.push((fi, a));
            }
        }
    }
    for &(fi, a) in &adds {
        if let Some(v) = views.get(fi) {
            finds.add(v, fi, (a, a), Kind::Person, Reason::Speech);
        }
    }
    !adds.is_empty()
}

/// Whether a verb of speech follows the single word `a` ("Gajdos
/// said"), or precedes it right after a quotation or a comma ("...," said
/// Gajdos): not after any other word, where the word is the verb's object
/// ("told Reuters", "asked Ministry officials").
fn lone_speech(v: &View, a: usize) -> bool {
    let inverted = a >= 2 && {
        let gap = v.gap_before(a - 1);
        gap.contains([',', '"', '\'']) || gap.contains(['“', '”'])
    };
    (inverted || (a + 1 < v.len() && v.spaced(a + 1) && v.is(a + 1, SPEECH))) && speech(v, a, a)
}

/// Whether an organisation of the document, discovered or listed and of
/// two words or more, starts with the folded `word`.
fn starts_an_organisation(views: &[View], finds: &Finds, word: &str) -> bool {
    let found = finds.found.iter().any(|x| {
        x.last > x.first
            && x.is(&finds.discovered, Kind::Organization)
            && views.get(x.fi).is_some_and(|v| v.folded(x.first) == word)
    });
    found
        || views.iter().any(|v| {
            v.covers
                .iter()
                .any(|c| c.listed && c.last > c.first && v.folded(c.first) == word)
        })
}
