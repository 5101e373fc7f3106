//! What tagging returns: mentions, tags and the document that holds them.

use serde::{Deserialize, Serialize};

use crate::types::{Evidence, Field, Kind, Span};

/// One place where the text names an entity.
///
/// Serialises flat: `{"entity", "kind", "field", "start", "end", "text",
/// "evidence", "reason"}`. A span is always the two keys `start` and
/// `end`: at the top level of what it places (a mention, a dropped name,
/// a text hit), in an object named for what it is elsewhere (a tag's
/// `first`). Flat mentions are what span scorers read (CoNLL tooling,
/// `text[m["start"]:m["end"]]` in Python).
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(from = "FlatMention")]
pub struct Mention {
    /// The id of the entity.
    pub entity: String,
    /// The entity's kind.
    pub kind: Kind,
    /// Whether the mention is in the title or the body.
    pub field: Field,
    /// Where it is, in that field's text.
    pub span: Span,
    /// The text exactly as written there.
    pub text: String,
    /// What kind of evidence it is (a name, a demonym, ...).
    pub evidence: Evidence,
    /// Why it was attributed to this entity.
    pub reason: Reason,
}

/// How a [`Mention`] reads from JSON: flat, as it is written.
#[derive(Deserialize)]
struct FlatMention {
    entity: String,
    kind: Kind,
    field: Field,
    start: usize,
    end: usize,
    text: String,
    evidence: Evidence,
    reason: Reason,
}

impl From<FlatMention> for Mention {
    fn from(m: FlatMention) -> Mention {
        Mention {
            entity: m.entity,
            kind: m.kind,
            field: m.field,
            span: Span {
                start: m.start,
                end: m.end,
            },
            text: m.text,
            evidence: m.evidence,
            reason: m.reason,
        }
    }
}

/// Written by hand rather than derived with `#[serde(flatten)]` on the
/// span: flattening makes serde write a map entry by entry, which made
/// mentions the slowest part of JSON output.
impl Serialize for Mention {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut m = serializer.serialize_struct("Mention", 8)?;
        m.serialize_field("entity", &self.entity)?;
        m.serialize_field("kind", &self.kind)?;
        m.serialize_field("field", &self.field)?;
        m.serialize_field("start", &self.span.start)?;
        m.serialize_field("end", &self.span.end)?;
        m.serialize_field("text", &self.text)?;
        m.serialize_field("evidence", &self.evidence)?;
        m.serialize_field("reason", &self.reason)?;
        m.end()
    }
}

/// One entity the document is about, with how strongly.
///
/// # Example
///
/// ```
/// let tagger = gazetag::Tagger::default();
/// let doc = tagger.tag_document(
///     "Mexico and US review drug pact",
///     "Mexican officials met US envoys in Guadalajara on Monday.",
/// );
/// let mexico = doc.tag("country/mx").unwrap();
/// assert_eq!(mexico.iso.as_deref(), Some("MX"));
/// assert!(mexico.in_title);
/// // "Mexico" in the title and "Mexican": its own mentions.
/// assert_eq!(mexico.count, 2);
/// // "Guadalajara", a city in Mexico, counts for it too.
/// assert_eq!(mexico.supporting, 1);
/// ```
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tag {
    /// The id of the entity.
    pub entity: String,
    /// The entity's kind.
    pub kind: Kind,
    /// The label an editor would use ("CISEN (Mexico)").
    pub label: String,
    /// ISO 3166 code, for countries.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iso: Option<String>,
    /// How many mentions of the entity itself the document has (by name,
    /// demonym, capital, ...): for "United States", each "U.S.", not "New
    /// York". 0 for a derived tag, and for a country that only its places
    /// and national bodies name.
    pub count: u32,
    /// How many mentions of other entities count for it: for a country,
    /// those of its places and national bodies ("New York" for the United
    /// States, its central bank); for a derived tag, those of the agencies
    /// and people that imply it.
    #[serde(default)]
    pub supporting: u32,
    /// The probability, between 0 and 1, that an editor would give this
    /// tag; see [`Tagger`](crate::Tagger#salience).
    pub score: f32,
    /// Where its first own mention is, in the text of
    /// [`first_field`](Self::first_field). A tag with no mention of its
    /// own (`count` 0) gives the first of its [supporting](Self::supporting)
    /// mentions instead.
    pub first: Span,
    /// Which field that mention is in (the title, when
    /// [`in_title`](Self::in_title) and the title was given apart; a
    /// headline atop the body is in the body).
    pub first_field: Field,
    /// Whether the title mentions the entity itself (for a tag with no
    /// mention of its own, one of its supporting mentions): the title
    /// given apart, or, for a body given without one, the headline at
    /// its top (a first line not ended by a full stop, with a blank line
    /// after it).
    pub in_title: bool,
    /// Whether the tag is implied by another tag rather than mentioned:
    /// an agency or person implies its country (a place or national
    /// body in it counts as a mention of the country instead).
    pub derived: bool,
    /// For a derived tag, the entity it comes from (the most mentioned one,
    /// when several imply it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub derived_from: Option<String>,
    /// Whether the entity is not in the gazetteer but was discovered in the
    /// document (an acronym the text defines; kind `unknown`).
    pub discovered: bool,
    /// Why the tag scores what it does: each feature's value and
    /// contribution. Only when the tagger explains its scores
    /// ([`Tagger::with_explained_scores`](crate::Tagger::with_explained_scores));
    /// left out of JSON otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<ScoreExplanation>,
    /// What the tag is of, for the stages after aggregation: categorize
    /// reads the entity by its index, never by its id. Not serialised.
    #[serde(skip)]
    pub(crate) target: TagTarget,
}

/// What a [`Tag`] is of, inside the tagger (`None` for a tag read back
/// from JSON). It adds nothing to the tag's public fields, so two tags
/// that agree on those are equal whatever it says.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct TagTarget(pub(crate) Option<Target>);

impl PartialEq for TagTarget {
    fn eq(&self, _: &TagTarget) -> bool {
        true
    }
}

/// What a mention is of: an entity of the gazetteer, or one discovered in
/// the document (an acronym defined in the text).
#[derive(Clone, Copy, Debug, Eq, PartialEq, Hash)]
pub(crate) enum Target {
    /// Entity `i` of the gazetteer.
    Known(u32),
    /// Entity `i` the document defines (see `resolve::Discovered`).
    Discovered(u32),
}

/// The parts of a news article, for [`Tagger::tag_article`](crate::Tagger::tag_article).
///
/// Every part may be empty. When `dateline` is empty, a dateline at the
/// start of the body ("TOKYO, March 3 -"), or under a headline and byline
/// each set apart by a blank line, is recognised instead.
///
/// # Example
///
/// ```
/// let article = gazetag::Article {
///     title: "Bank of Japan holds rates",
///     dateline: "TOKYO, March 3",
///     body: "The central bank left its policy unchanged on Tuesday.",
/// };
/// let doc = gazetag::Tagger::default().tag_article(&article);
/// let tokyo = doc.mentions.iter().find(|m| m.field == gazetag::Field::Dateline).unwrap();
/// assert_eq!((tokyo.text.as_str(), tokyo.entity.as_str()), ("TOKYO", "country/jp"));
/// assert_eq!(tokyo.evidence, gazetag::Evidence::Dateline);
/// ```
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq)]
pub struct Article<'a> {
    /// The headline.
    pub title: &'a str,
    /// Where and when the story was filed, if given apart from the body.
    pub dateline: &'a str,
    /// The text of the story.
    pub body: &'a str,
}

/// The result of tagging one document.
///
/// Every output type derives `serde::Serialize` and `serde::Deserialize`,
/// so a Rust program can read back what the bundled binary writes: each
/// `--jsonl` output line (or `--json` record) deserialises into a
/// `Tagged`, whose fields it shares (other fields, such as `id`, are
/// ignored).
///
/// # Example
///
/// ```
/// let line = r#"{"id": "wire-7", "tags": [{"entity": "agency/fbi", "kind": "agency",
///     "label": "FBI (United States)", "count": 1, "score": 0.5,
///     "first": {"start": 4, "end": 7}, "first_field": "body", "in_title": false,
///     "derived": false, "discovered": false}],
///   "mentions": [{"entity": "agency/fbi", "kind": "agency", "field": "body",
///     "start": 4, "end": 7, "text": "FBI", "evidence": "name", "reason": "unique"}],
///   "categories": []}"#;
/// let doc: gazetag::Tagged = serde_json::from_str(line).unwrap();
/// assert_eq!(doc.tags[0].label, "FBI (United States)");
/// assert_eq!(doc.mentions[0].span, gazetag::Span { start: 4, end: 7 });
///
/// // What the library writes reads back the same.
/// let tagged = gazetag::Tagger::default().tag("The FBI and the CIA met in Mexico City.");
/// let json = serde_json::to_string(&tagged).unwrap();
/// assert_eq!(serde_json::from_str::<gazetag::Tagged>(&json).unwrap(), tagged);
/// ```
#[non_exhaustive]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Tagged {
    /// One tag per entity at or above the tagger's minimum score, most
    /// salient first.
    pub tags: Vec<Tag>,
    /// The tags found but left below the minimum score, most salient
    /// first: only when the tagger explains its scores
    /// ([`Tagger::with_explained_scores`](crate::Tagger::with_explained_scores)),
    /// else empty. Left out of JSON when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub below_min_score: Vec<Tag>,
    /// Every mention, title first, then in text order.
    pub mentions: Vec<Mention>,
    /// The categories the document is filed under, best first, each with
    /// the conditions that fired; see [`RuleSet`](crate::RuleSet).
    pub categories: Vec<Category>,
    /// The names resolution found and then dropped, title first, then in
    /// text order: only when the tagger keeps them
    /// ([`Tagger::with_dropped`](crate::Tagger::with_dropped)),
    /// else empty. Left out of JSON when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dropped: Vec<Dropped>,
}

impl Tagged {
    /// The tag of the entity with this id, if the document has one.
    ///
    /// # Example
    ///
    /// ```
    /// let doc = gazetag::Tagger::default().tag("The FBI and MI5 met.");
    /// assert!(doc.tag("agency/fbi").is_some());
    /// assert!(doc.tag("agency/cia").is_none());
    /// ```
    pub fn tag(&self, entity: &str) -> Option<&Tag> {
        self.tags.iter().find(|t| t.entity == entity)
    }
}

/// Why a mention was attributed to its entity.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, Eq, PartialEq, Hash, Serialize, Deserialize)]
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
    /// The alias is shared, and a cue word of this entity is nearby; or
    /// the name is also a person's, and right after a word that takes a
    /// place and not a person ("in Lagos").
    Cue,
    /// The document defines the acronym as this entity ("... (CISEN)").
    Definition,
    /// The name needs context (an abbreviation that is also a word, such
    /// as "Ind."), and the dateline gives it; or a place the gazetteer
    /// does not list, named by a dateline on a line of its own ("COMMACK,
    /// New York 1996-08-24").
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
    /// A person the gazetteer does not list, named by a known given name
    /// before a capitalised surname ("Francisco Arias Cárdenas").
    #[serde(rename = "given-name")]
    GivenName,
    /// A person the gazetteer does not list, named right before or after a
    /// verb of speech ("..., said Anna Petrova").
    Speech,
    /// A person the gazetteer does not list, followed by an apposition
    /// ("Ivan Petrov, the head of ...").
    Apposition,
    /// An organisation the gazetteer does not list, whose name ends in an
    /// organisation word ("Sumitomo Bank", "Ministry of Defence").
    Suffix,
    /// A city in a sports result ("Liverpool 2 Everton 1"): a team, which
    /// is an organisation, not the place.
    Team,
    /// A person the gazetteer does not list, named as a scorer in a
    /// football result: before the minute of the goal, in brackets
    /// ("Dortmund 3 (Zorc 12th, Riedle 80th)").
    Scorer,
}

/// A name the text has that resolution found and then dropped, with why:
/// it stands for no tag and no mention, and explains one that is missing.
///
/// Only a tagger asked to keep them has them
/// ([`Tagger::with_dropped`](crate::Tagger::with_dropped)).
/// Serialises flat: `{"field", "start", "end", "text", "reason",
/// "entities"}`.
///
/// # Example
///
/// ```
/// let tagger = gazetag::Tagger::default().with_dropped(true);
/// let doc = tagger.tag("Nieto told reporters the talks would resume.");
/// let nieto = &doc.dropped[0];
/// assert_eq!(nieto.text, "Nieto");
/// assert_eq!(nieto.reason, gazetag::DropReason::NotNamed);
/// assert!(nieto.entities.iter().any(|e| e.starts_with("person/")));
/// ```
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dropped {
    /// Whether the name is in the title, the dateline or the body.
    pub field: Field,
    /// Where it is, in that field's text.
    #[serde(flatten)]
    pub span: Span,
    /// The text exactly as written there.
    pub text: String,
    /// Why resolution gave it up.
    pub reason: DropReason,
    /// The ids of the entities it could still name when it was given up:
    /// those the last level of context kept for a shared name, the people
    /// it is a short form of for a partial name.
    pub entities: Vec<String>,
}

/// Why resolution dropped a name it found (see [`Dropped`]).
#[non_exhaustive]
#[derive(Clone, Copy, Debug, Eq, PartialEq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DropReason {
    /// A name several entities share ("Georgia", the country or the US
    /// state), and nothing in the document decided between them: none is
    /// named unambiguously elsewhere, no cue word of one is near, no
    /// country of one is named, and no place is far more populous than the
    /// others.
    Undecided,
    /// A name that needs context (an abbreviation that is also a word,
    /// such as "Ind."), and the document gives none: no dateline holds it
    /// and the entity is not named unambiguously elsewhere.
    NeedsContext,
    /// A short form of several people ("Bush" after both "George Bush" and
    /// "Jeb Bush"), or a surname after a title each of several people
    /// holds.
    SeveralPeople,
    /// A surname or other short form of a person the document does not
    /// name in full ("Nieto" with no "Peña Nieto" before it), with no title
    /// of the person right before it and not as the speaker of a
    /// headline.
    NotNamed,
    /// The name of the story's writer, in its byline ("By Jane Doe,
    /// Reuters" at the top of the body) or standing again in full in the
    /// body, or of a reporter or editor in the credits at its foot
    /// ("(Reporting by Jane Doe; Editing by John Smith)"): a story is not
    /// about its writer, so no stage reads it.
    /// `entities` is empty: the name is not looked up.
    Writer,
}

/// A category the document is filed under, with why.
///
/// Serialises as `{"name", "code"?, "parent"?, "score", "fired"}`.
///
/// # Example
///
/// ```
/// let doc = gazetag::Tagger::default().tag_document(
///     "Spy ring broken up",
///     "Counterintelligence officers arrested two suspected spies accused \
///      of espionage for a foreign intelligence service.",
/// );
/// let c = doc
///     .categories
///     .iter()
///     .find(|c| c.name.starts_with("Expert news and commentary on intelligence"))
///     .unwrap();
/// assert!(c.score >= 1.0);
/// assert!(!c.fired.is_empty());
/// ```
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Category {
    /// The category's name, as in the rule set.
    pub name: String,
    /// The category's code, if the rule set gives one (`medtop:16000000`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The name of the parent category, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The sum of the weights of the conditions that held (for a category
    /// suggested only through a subcategory, that subcategory's score).
    pub score: f32,
    /// Every condition that held (fired), in rule order: what filed the
    /// document here. A category filed only through its subcategories
    /// has one entry for each of them, the best-scoring first, at most
    /// [`MAX_SUBCATEGORIES`](crate::MAX_SUBCATEGORIES).
    pub fired: Vec<Fired>,
}

/// One condition that held, and on what.
///
/// # Example
///
/// ```
/// let doc = gazetag::Tagger::default()
///     .tag("Two spies were charged with espionage on Monday.");
/// let trials = doc
///     .categories
///     .iter()
///     .find(|c| c.name == "Defectors, moles and spies on trial")
///     .unwrap();
/// let fired = &trials.fired[0];
/// assert!(fired.rule.starts_with("<default>/rules/"));
/// assert!(!fired.hits.is_empty());
/// ```
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fired {
    /// Where the condition is written: `file:line` (empty when a
    /// subcategory filed the document here).
    pub rule: String,
    /// The condition's `label`, or a short description of it.
    pub condition: String,
    /// The condition's weight, added to the category's score.
    pub weight: f32,
    /// The tags, spans of text or subcategories that made it hold (at most
    /// eight; a `not` holds on nothing).
    pub hits: Vec<Hit>,
}

/// What a condition held on.
///
/// Serialises with a `"type"` field: `{"type": "tag", "entity", "label"}`,
/// `{"type": "text", "field", "start", "end", "text"}` or
/// `{"type": "category", "name"}`.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Hit {
    /// A tag of the document.
    Tag {
        /// The tag's entity id.
        entity: String,
        /// The tag's label.
        label: String,
    },
    /// A phrase or regex match: a span of the title or body.
    Text {
        /// Which field the match is in.
        field: Field,
        /// Where the match is, in that field's text (JSON: `start` and
        /// `end` beside `field`).
        #[serde(flatten)]
        span: Span,
        /// The text as written.
        text: String,
    },
    /// A subcategory that was suggested, filing the document here too.
    Category {
        /// The subcategory's name.
        name: String,
    },
}

/// Why a tag scores what it does: the model that scored it, and each
/// feature's value, weight and contribution to the log-odds. The score is
/// `1 / (1 + exp(-(intercept + sum of contributions)))`.
///
/// Tags carry one when the tagger explains its scores
/// ([`Tagger::with_explained_scores`](crate::Tagger::with_explained_scores)).
///
/// # Example
///
/// ```
/// let tagger = gazetag::Tagger::default().with_explained_scores(true);
/// let doc = tagger.tag("Kenyan police said on Friday they had arrested two suspects.");
/// let kenya = doc.tag("country/ke").unwrap();
/// let why = kenya.explanation.as_ref().unwrap();
/// assert_eq!(why.model, "country");
/// let demonym = why.features.iter().find(|f| f.name == "demonym").unwrap();
/// assert_eq!(demonym.value, 0.693); // ln(1 + one demonym)
/// let z = why.intercept + why.features.iter().map(|f| f.contribution).sum::<f32>();
/// assert!((1.0 / (1.0 + (-z).exp()) - kenya.score).abs() < 0.01);
/// ```
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoreExplanation {
    /// The table of the weights file that scored the tag: a kind, or
    /// `default`.
    pub model: String,
    /// The model's intercept.
    pub intercept: f32,
    /// Every feature, in the order of the weights file's documentation.
    pub features: Vec<FeatureScore>,
}

/// One feature of a tag: its value, its weight and what it adds to the
/// log-odds (value times weight, rounded to three decimals).
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeatureScore {
    /// The feature's name, as in the weights file.
    pub name: String,
    /// Its value for the tag, rounded to three decimals.
    pub value: f32,
    /// Its weight in the model.
    pub weight: f32,
    /// `value * weight`.
    pub contribution: f32,
}

#[cfg(test)]
mod tests {
    use super::Reason;
    use crate::types::Evidence;

    /// The values README.md's JSON section gives for a mention's `name`
    /// field: the words in backticks from `(` after it to the next
    /// `)`.
    fn readme_values(name: &str) -> Vec<String> {
        let readme = include_str!("../README.md");
        let section = readme
            .split("JSON fields (a test checks")
            .nth(1)
            .expect("README.md has the JSON fields section");
        let after = section
            .split(&format!("`{name}` ("))
            .nth(1)
            .unwrap_or_else(|| panic!("README.md lists the values of {name}"));
        let list = after.split(')').next().unwrap_or_default();
        list.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    }

    /// Each README value read as `T`, checked to be every variant once:
    /// `position` matches every variant (the compiler sees to that) and
    /// numbers them from 0.
    fn check_all<T: serde::de::DeserializeOwned>(
        name: &str,
        variants: usize,
        position: fn(T) -> usize,
    ) {
        let values = readme_values(name);
        let mut seen = vec![false; variants];
        for v in &values {
            let value: T = serde_json::from_value(serde_json::Value::String(v.clone()))
                .unwrap_or_else(|_| panic!("README.md's {name} value {v:?} does not exist"));
            let p = position(value);
            assert!(!seen[p], "README.md lists {v:?} twice");
            seen[p] = true;
        }
        assert!(
            seen.iter().all(|&s| s),
            "README.md's {name} values {values:?} miss some"
        );
    }

    #[test]
    fn readme_lists_every_reason_and_evidence() {
        // A new variant does not compile here until it has a position;
        // then this test fails until README.md lists it.
        check_all("reason", 16, |r: Reason| match r {
            Reason::Unique => 0,
            Reason::Partial => 1,
            Reason::Anchor => 2,
            Reason::Country => 3,
            Reason::Cue => 4,
            Reason::Definition => 5,
            Reason::Dateline => 6,
            Reason::Prior => 7,
            Reason::Role => 8,
            Reason::Headline => 9,
            Reason::GivenName => 10,
            Reason::Speech => 11,
            Reason::Apposition => 12,
            Reason::Suffix => 13,
            Reason::Team => 14,
            Reason::Scorer => 15,
        });
        check_all("evidence", 7, |e: Evidence| match e {
            Evidence::Name => 0,
            Evidence::Demonym => 1,
            Evidence::Metonym => 2,
            Evidence::Partial => 3,
            Evidence::Place => 4,
            Evidence::Dateline => 5,
            Evidence::Currency => 6,
        });
    }
}
