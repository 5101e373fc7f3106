//! Aggregate: mentions become one tag per entity, with a salience score,
//! and entities imply their countries.

use rustc_hash::FxHashMap;

use crate::discover::Discovered;
use crate::gazetteer::Gazetteer;
use crate::output::{Mention, Tag, TagTarget, Target};
use crate::types::{Evidence, Field, Kind, Span};

/// How much one mention counts, by its evidence. A name is the strongest
/// signal; a capital standing for a government is nearly as strong; a
/// place in the country, or an adjective ("Mexican officials"), often only
/// colours a story; its money ("Swiss francs") even less.
pub(crate) fn evidence_weight(e: Evidence) -> f32 {
    match e {
        Evidence::Dateline => 2.0,
        Evidence::Name | Evidence::Partial => 1.0,
        Evidence::Metonym => 0.75,
        Evidence::Place => 0.6,
        Evidence::Demonym => 0.5,
        Evidence::Currency => 0.25,
    }
}

/// A mention in the title counts this many times.
pub(crate) const TITLE_FACTOR: f32 = 2.0;
/// Added once when the first mention is in the title or the lead, by
/// kind. A story names the person it is about in its headline or its
/// first sentence; people it names only further down are mostly quoted,
/// met or reported to ("after talks with President Suharto"), however
/// often. So for people the lead is the first sentence, and weighs more.
pub(crate) fn lead_bonus(kind: Kind) -> f32 {
    match kind {
        Kind::Person => 2.0,
        _ => 1.0,
    }
}
/// The lead of everything but people: the first this many bytes of the
/// body.
pub(crate) const LEAD_BYTES: usize = 300;
/// The raw weight that gives a score of one half, by kind. A story names
/// many countries, places and people in passing ("exports to Japan and
/// Brazil", "said Treasury Secretary James Baker"), so they need more
/// evidence to be what it is about than an agency or organisation, which
/// a story seldom names without reason.
pub(crate) fn half_score(kind: Kind) -> f32 {
    match kind {
        Kind::Country | Kind::Place | Kind::Person => 2.5,
        _ => 1.5,
    }
}

/// The minimum score of a suggested tag, unless the caller sets another.
pub(crate) const DEFAULT_MIN_SCORE: f32 = 0.5;
/// A mention of a place counts this fraction of its weight for its
/// country.
pub(crate) const PLACE_SHARE: f32 = 0.75;
/// A mention of a national organisation (a central bank, a parliament, a
/// party) counts this fraction of its weight for its country: less than a
/// place, since such bodies are often named in stories about others.
pub(crate) const BODY_SHARE: f32 = 0.25;
/// A derived tag scores this fraction of the tag it comes from.
pub(crate) const DERIVED_FACTOR: f32 = 0.5;

/// Running totals for one entity.
struct Acc {
    target: Target,
    count: u32,
    raw: f32,
    first: Span,
    first_field: Field,
    in_title: bool,
}

/// The mentions of a document and what each is of.
pub(crate) struct Doc<'a> {
    pub(crate) gazetteer: &'a Gazetteer,
    /// The body, for its first sentence.
    pub(crate) body: &'a str,
    /// Title first, then body, in text order.
    pub(crate) mentions: &'a [Mention],
    /// `targets[i]` is what `mentions[i]` is of.
    pub(crate) targets: &'a [Target],
    pub(crate) discovered: &'a [Discovered],
}

/// Builds the tags of a document: one per entity mentioned, plus one
/// derived tag per country implied but not mentioned, most salient first.
pub(crate) fn aggregate(doc: &Doc) -> Vec<Tag> {
    let accs = accumulate(doc);
    let mut tags: Vec<Tag> = accs.iter().map(|acc| direct_tag(doc, acc)).collect();
    let derived = derived_tags(doc, &accs, &tags);
    tags.extend(derived);
    tags.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.derived.cmp(&b.derived))
            .then(a.first_field.cmp(&b.first_field))
            .then(a.first.start.cmp(&b.first.start))
            .then(a.entity.cmp(&b.entity))
    });
    tags
}

fn accumulate(doc: &Doc) -> Vec<Acc> {
    let mut accs = Accs {
        body: doc.body,
        ..Accs::default()
    };
    for (m, &target) in doc.mentions.iter().zip(doc.targets) {
        let factor = if m.field == Field::Title {
            TITLE_FACTOR
        } else {
            1.0
        };
        let weight = evidence_weight(m.evidence) * factor;
        accs.add(target, kind_of(doc, target), m, weight);
        // A place, or a national body (a central bank, a parliament, a
        // party), is in its country: its mention counts for the country
        // too. Agencies and people only imply theirs (derived tags).
        if let Target::Known(i) = target {
            let e = doc.gazetteer.entity_at(i);
            let country = e.country_index().filter(|&c| c != i);
            let share = match e.kind() {
                Kind::Place => PLACE_SHARE,
                Kind::Organization => BODY_SHARE,
                _ => 0.0,
            };
            if let (Some(c), true) = (country, share > 0.0) {
                let kind = doc.gazetteer.entity_at(c).kind();
                accs.add(Target::Known(c), kind, m, weight * share);
            }
        }
    }
    accs.list
}

/// The accumulators of a document, in order of first mention.
#[derive(Default)]
struct Accs<'a> {
    list: Vec<Acc>,
    index: FxHashMap<Target, usize>,
    body: &'a str,
    /// Where the lead ends for people: the end of the first sentence,
    /// found when the first person is mentioned in the body.
    person_lead: Option<usize>,
}

/// The kind of what a mention is of.
fn kind_of(doc: &Doc, target: Target) -> Kind {
    match target {
        Target::Known(i) => doc.gazetteer.entity_at(i).kind(),
        Target::Discovered(i) => doc
            .discovered
            .get(i as usize)
            .map_or(Kind::Unknown, |d| d.kind),
    }
}

impl Accs<'_> {
    fn add(&mut self, target: Target, kind: Kind, m: &Mention, weight: f32) {
        let in_title = m.field == Field::Title;
        match self.index.get(&target).and_then(|&i| self.list.get_mut(i)) {
            Some(acc) => {
                acc.count += 1;
                acc.raw += weight;
                acc.in_title |= in_title;
            }
            None => {
                let lead = in_title
                    || match kind {
                        Kind::Person => {
                            m.field == Field::Body
                                && m.span.start
                                    < *self
                                        .person_lead
                                        .get_or_insert_with(|| first_sentence_end(self.body))
                        }
                        _ => m.span.start < LEAD_BYTES,
                    };
                let bonus = if lead { lead_bonus(kind) } else { 0.0 };
                self.index.insert(target, self.list.len());
                self.list.push(Acc {
                    target,
                    count: 1,
                    raw: weight + bonus,
                    first: m.span,
                    first_field: m.field,
                    in_title,
                });
            }
        }
    }
}

/// The end of the first sentence of `body`: just after the first `.`,
/// `!` or `?` that follows a lower-case letter, a digit, `%`, `)` or a
/// quote and comes before white space ("U.S. officials" does not end
/// it), or the end of the body.
fn first_sentence_end(body: &str) -> usize {
    // Only the punctuation is looked at closely (it is ASCII, so a byte
    // search finds it): a body with no sentence in it (a table of figures)
    // is passed over fast.
    let marks = body
        .bytes()
        .enumerate()
        .filter(|(_, b)| matches!(b, b'.' | b'!' | b'?'));
    for (i, _) in marks {
        let end = i + 1;
        let prev = body.get(..i).and_then(|b| b.chars().next_back());
        let closes =
            prev.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit() || "%)\"'”’".contains(p));
        let next = body.get(end..).and_then(|r| r.chars().next());
        if closes && next.is_none_or(char::is_whitespace) {
            return end;
        }
    }
    body.len()
}

/// Maps a raw weight to a score in [0, 1): `raw / (raw + half_score)`,
/// rounded to three decimals so that output is stable across platforms.
pub(crate) fn score(raw: f32, kind: Kind) -> f32 {
    let s = raw / (raw + half_score(kind));
    (s * 1000.0).round() / 1000.0
}

fn direct_tag(doc: &Doc, acc: &Acc) -> Tag {
    let mut tag = Tag {
        entity: String::new(),
        kind: Kind::Unknown,
        label: String::new(),
        iso: None,
        count: acc.count,
        score: 0.0,
        first: acc.first,
        first_field: acc.first_field,
        in_title: acc.in_title,
        derived: false,
        derived_from: None,
        discovered: false,
        target: TagTarget(Some(acc.target)),
    };
    match acc.target {
        Target::Known(i) => {
            let e = doc.gazetteer.entity_at(i);
            tag.entity = e.id().to_string();
            tag.kind = e.kind();
            tag.label = e.tag().to_string();
            tag.iso = e.iso().map(str::to_string);
        }
        Target::Discovered(i) => {
            if let Some(d) = doc.discovered.get(i as usize) {
                tag.entity = d.id();
                tag.kind = d.kind;
                tag.label = d.label();
            }
            tag.discovered = true;
        }
    }
    tag.score = score(acc.raw, tag.kind);
    tag
}

/// One derived tag per country that an entity of the document implies and
/// that the document does not mention itself; it comes from the most
/// salient such entity and scores a fraction of it.
fn derived_tags(doc: &Doc, accs: &[Acc], direct: &[Tag]) -> Vec<Tag> {
    let mentioned: Vec<u32> = accs
        .iter()
        .filter_map(|a| match a.target {
            Target::Known(i) => Some(i),
            Target::Discovered(_) => None,
        })
        .collect();
    let mut best: FxHashMap<u32, usize> = FxHashMap::default();
    for (k, &i) in mentioned.iter().enumerate() {
        let Some(country) = doc.gazetteer.entity_at(i).country_index() else {
            continue;
        };
        if country == i || mentioned.contains(&country) {
            continue;
        }
        let better = |old: &usize| direct[k].score > direct[*old].score;
        if best.get(&country).is_none_or(better) {
            best.insert(country, k);
        }
    }
    let mut out: Vec<Tag> = best
        .into_iter()
        .map(|(country, k)| {
            let source = &direct[k];
            let c = doc.gazetteer.entity_at(country);
            Tag {
                entity: c.id().to_string(),
                kind: c.kind(),
                label: c.tag().to_string(),
                iso: c.iso().map(str::to_string),
                count: 0,
                score: (source.score * DERIVED_FACTOR * 1000.0).round() / 1000.0,
                first: source.first,
                first_field: source.first_field,
                in_title: source.in_title,
                derived: true,
                derived_from: Some(source.entity.clone()),
                discovered: false,
                target: TagTarget(Some(Target::Known(country))),
            }
        })
        .collect();
    out.sort_by(|a, b| a.entity.cmp(&b.entity));
    out
}

#[cfg(test)]
mod tests {
    use super::first_sentence_end;

    fn first(body: &str) -> &str {
        body.get(..first_sentence_end(body)).unwrap_or_default()
    }

    #[test]
    fn the_first_sentence_ends_after_a_word_not_an_abbreviation() {
        assert_eq!(
            first("U.S. officials met on Monday. They agreed."),
            "U.S. officials met on Monday."
        );
        assert_eq!(
            first("Output rose 4.5 pct in 1987. Exports fell."),
            "Output rose 4.5 pct in 1987."
        );
        assert_eq!(first("He said \"no\". Then he left."), "He said \"no\".");
        assert_eq!(first("Why? Nobody knows."), "Why?");
        assert_eq!(
            first("Shr 12 cts vs 10 cts\nNet 1.2 mln vs 1.1 mln"),
            "Shr 12 cts vs 10 cts\nNet 1.2 mln vs 1.1 mln"
        );
        assert_eq!(first("Peña ganó.Sí"), "Peña ganó.Sí");
        assert_eq!(first("Él ganó."), "Él ganó.");
        assert_eq!(first(""), "");
        assert_eq!(first(". A"), ". A");
    }
}
