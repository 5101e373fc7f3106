//! What tagging returns: mentions, tags and the document that holds them.

use std::ops::Range;

use serde::Serialize;

use crate::gazetteer::{Evidence, Kind};
use crate::resolve::Reason;
use crate::rules::Category;

/// A byte range of the caller's text, always on char boundaries.
///
/// `&text[span.range()]` is the text exactly as written.
///
/// # Example
///
/// ```
/// let text = "The DEA opened an office in Bogotá.";
/// let doc = gazetag::Tagger::default().tag(text);
/// let dea = doc.tag("agency/dea").unwrap();
/// assert_eq!(&text[dea.first.range()], "DEA");
/// ```
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq, Hash, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The span as a range, for slicing.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

/// Which part of a document a mention is in.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, Eq, PartialEq, Hash, Ord, PartialOrd, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    /// The headline.
    Title,
    /// The dateline, when given apart from the body (see
    /// [`Article`](crate::Article)).
    Dateline,
    /// The body of the article.
    Body,
}

/// One place where the text names an entity.
///
/// Serialises flat: `{"entity", "kind", "field", "start", "end", "text",
/// "evidence", "reason"}`.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq)]
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
///     "Mexican officials met US envoys in Mexico City on Monday.",
/// );
/// let mexico = doc.tag("country/mx").unwrap();
/// assert_eq!(mexico.iso.as_deref(), Some("MX"));
/// assert!(mexico.in_title);
/// assert_eq!(mexico.count, 3);
/// ```
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Serialize)]
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
    /// How many mentions it has.
    pub count: u32,
    /// Salience between 0 and 1; see [`Tagger`](crate::Tagger#salience).
    pub score: f32,
    /// Where the first mention is, in the text of [`first_field`](Self::first_field).
    pub first: Span,
    /// Which field the first mention is in (the title, when
    /// [`in_title`](Self::in_title)).
    pub first_field: Field,
    /// Whether the title mentions it.
    pub in_title: bool,
    /// Whether the tag is implied by another tag rather than mentioned:
    /// an agency, person, organisation or place implies its country.
    pub derived: bool,
    /// For a derived tag, the entity it comes from (the most salient one,
    /// when several imply it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub derived_from: Option<String>,
    /// Whether the entity is not in the gazetteer but was discovered in the
    /// document (an acronym the text defines; kind `unknown`).
    pub discovered: bool,
}

/// The parts of a news article, for [`Tagger::tag_article`](crate::Tagger::tag_article).
///
/// Every part may be empty. When `dateline` is empty, a dateline at the
/// start of the body ("TOKYO, March 3 -") is recognised instead.
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
#[non_exhaustive]
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Tagged {
    /// One tag per entity at or above the tagger's minimum score, most
    /// salient first.
    pub tags: Vec<Tag>,
    /// Every mention, title first, then in text order.
    pub mentions: Vec<Mention>,
    /// The categories the document is filed under, best first, each with
    /// the evidence that fired; see [`RuleSet`](crate::RuleSet).
    pub categories: Vec<Category>,
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
