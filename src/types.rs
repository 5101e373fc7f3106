//! The vocabulary of the crate: what sort of thing an entity is
//! ([`Kind`]), how an alias may be spelled ([`Case`]), what a mention says
//! about its entity ([`Evidence`]), the forms of an entity
//! ([`AliasForm`]), the parts of a document ([`Field`]) and places in
//! them ([`Span`]).
//!
//! Every other module speaks these words; this one imports none of them.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// What sort of thing an entity is.
///
/// Serialises in lower case (`"country"`, `"agency"`, ...), as in data
/// files and JSON output.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, Eq, PartialEq, Hash, Ord, PartialOrd, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A country or territory, current or former, with its ISO code.
    Country,
    /// An intelligence, security, police or military-intelligence service.
    Agency,
    /// A person.
    Person,
    /// An international body, party, company, armed or criminal group.
    Organization,
    /// A theme of the news, matched by trigger phrases.
    Topic,
    /// A city, region or other place, usually linked to its country.
    Place,
    /// Something the tagger found but the gazetteer does not know.
    Unknown,
}

impl Kind {
    /// The kinds a data file may declare.
    pub(crate) const DATA_KINDS: [Kind; 6] = [
        Kind::Country,
        Kind::Agency,
        Kind::Person,
        Kind::Organization,
        Kind::Topic,
        Kind::Place,
    ];

    /// The name used in data files and JSON.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(gazetag::Kind::Agency.as_str(), "agency");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Country => "country",
            Kind::Agency => "agency",
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::Topic => "topic",
            Kind::Place => "place",
            Kind::Unknown => "unknown",
        }
    }

    /// The kind a data file names `s`, if it is one.
    pub(crate) fn from_data(s: &str) -> Option<Kind> {
        Kind::DATA_KINDS.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The case policy of an alias: which original spellings it accepts.
///
/// Matching itself ignores case, accents and punctuation; the policy is
/// checked afterwards against the text as written.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, Eq, PartialEq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Case {
    /// The letters and digits must be exactly as in the alias (accents
    /// aside): for acronyms and abbreviations, so "US" is not "us".
    Exact,
    /// Every word capitalised in the alias must be capitalised in the
    /// text; other letters are free. "Turkey" and "TURKEY" match the alias
    /// "Turkey", "turkey" does not.
    Name,
    /// Any case: for topic phrases such as "war on drugs".
    Any,
    /// A common word, in rule phrases (`words`, and the lower-case keys
    /// of `weights` tables): lower case, or capitalised only where every
    /// word is (at the start of a sentence, in a headline in Title Case or
    /// capitals). "labour" matches "Labour costs rose" but not "voters
    /// turned to Labour".
    Word,
}

/// What kind of evidence a mention gives for its entity.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, Eq, PartialEq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Evidence {
    /// A name, acronym or trigger phrase of the entity.
    Name,
    /// A demonym or adjective: "Mexican" for Mexico.
    Demonym,
    /// A capital or seat standing for a government: "Washington said".
    Metonym,
    /// A short form of a name given in full earlier: "Nieto" after
    /// "Enrique Peña Nieto".
    Partial,
    /// A capital or other place named as a place, not as a government ("a
    /// bomb exploded in Moscow"): it still counts for the country.
    Place,
    /// The place of the dateline, where the story was filed.
    Dateline,
    /// The country's money ("Canadian dollars", "yen"): weak evidence
    /// that a story is about the country.
    Currency,
}

/// One form under which an entity is matched.
#[non_exhaustive]
#[derive(Clone, Debug, Eq, PartialEq, Serialize)]
pub struct AliasForm {
    /// The form as written in the data.
    pub text: Box<str>,
    /// Which spellings of it the text may use.
    pub case: Case,
    /// What a match of it says about the entity.
    pub evidence: Evidence,
    /// Whether a match counts only with support from context (a cue word,
    /// the entity's country named, or a dateline): for abbreviations that
    /// are also everyday words ("Mass.", "Ill.").
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub needs_context: bool,
}

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
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq, Hash, Serialize, Deserialize)]
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
#[derive(Clone, Copy, Debug, Eq, PartialEq, Hash, Ord, PartialOrd, Serialize, Deserialize)]
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
