//! An entity of the gazetteer as loaded, and the cue words of the data.

use serde::Serialize;

use crate::types::{AliasForm, Kind};

/// One entity of the gazetteer, as loaded from the data.
///
/// Links (`country`, `parent`, ...) are ids of other entities of the same
/// gazetteer, checked at load time. Serialises to the JSON that
/// `gazetag --list` prints.
///
/// # Example
///
/// ```
/// let tagger = gazetag::Tagger::default();
/// let cia = tagger.gazetteer().entity("agency/cia").unwrap();
/// assert_eq!(cia.label(), "CIA (United States)");
/// assert_eq!(cia.country(), Some("country/us"));
/// ```
#[derive(Clone, Debug, Serialize)]
pub struct Entity {
    pub(super) id: Box<str>,
    pub(super) kind: Kind,
    pub(super) name: Box<str>,
    /// The label given in the data, or computed for an agency; see
    /// [`Entity::label`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) label: Option<Box<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) iso: Option<Box<str>>,
    pub(super) aliases: Vec<AliasForm>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) country: Option<Box<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) parent: Option<Box<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) predecessor: Option<Box<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) successor: Option<Box<str>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) roles: Vec<Box<str>>,
    /// The folded words of the titles the roles name, derived at load:
    /// "us", "treasury", "secretary" of "US Treasury Secretary
    /// (1985-1988)".
    #[serde(skip)]
    pub(super) titles: Box<[Box<str>]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) population: Option<u64>,
    /// Folded words that, near an ambiguous mention, point to this entity.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) cues: Vec<Box<str>>,
    /// The names are also common words ("Nice", "Mobile"): a mention
    /// counts only with support from context, as a shared name does.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(super) needs_context: bool,
    /// The name is also a person's name ("Lagos", "Preston"): it needs
    /// context, and a word that takes a place, not a person, right
    /// before it ("in Lagos") gives it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(super) person_name: bool,
    /// Index of the entity's country (itself, for a country), so that
    /// aggregation never looks an id up by string.
    #[serde(skip)]
    pub(super) country_index: Option<u32>,
}

/// Introspection.
impl Entity {
    /// The stable id, such as `"country/mx"`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// What sort of thing this is.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The display name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The label of the entity's tag: as given in the data, else the name
    /// (for an agency with an acronym, the label is computed by the gazetteer as
    /// "ACRONYM (Country)"; see [`Gazetteer::entity`](crate::Gazetteer::entity)).
    pub fn label(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.name)
    }

    /// The ISO 3166 code of a country.
    pub fn iso(&self) -> Option<&str> {
        self.iso.as_deref()
    }

    /// Every form the entity is matched under, the name first.
    pub fn aliases(&self) -> &[AliasForm] {
        &self.aliases
    }

    /// The id of the entity's country, if it has one.
    pub fn country(&self) -> Option<&str> {
        self.country.as_deref()
    }

    /// The id of the body this one belongs to.
    pub fn parent(&self) -> Option<&str> {
        self.parent.as_deref()
    }

    /// The id of the entity this one replaced.
    pub fn predecessor(&self) -> Option<&str> {
        self.predecessor.as_deref()
    }

    /// The id of the entity that replaced this one.
    pub fn successor(&self) -> Option<&str> {
        self.successor.as_deref()
    }

    /// Free-text roles of a person ("President of Mexico (2006-2012)").
    pub fn roles(&self) -> impl Iterator<Item = &str> {
        self.roles.iter().map(|r| &**r)
    }

    /// The folded words of the titles the roles name (their leading
    /// capitalised words), each once.
    pub(crate) fn titles(&self) -> &[Box<str>] {
        &self.titles
    }

    /// The population of a place, when the data gives it.
    pub fn population(&self) -> Option<u64> {
        self.population
    }

    /// Context words (folded) that, near a name this entity shares with
    /// others, point to it: "state" or "Atlanta" for the US state of
    /// Georgia.
    pub fn cues(&self) -> impl Iterator<Item = &str> {
        self.cues.iter().map(|c| &**c)
    }

    /// Whether a mention needs support from context to count, because the
    /// names are also common words ("Nice", "Split") or people's names
    /// ("Lagos").
    pub fn needs_context(&self) -> bool {
        self.needs_context
    }

    /// Whether the name is also a person's name ("Lagos", "Preston"), so
    /// that a word that takes a place right before it gives it context.
    pub(crate) fn person_name(&self) -> bool {
        self.person_name
    }

    pub(crate) fn country_index(&self) -> Option<u32> {
        self.country_index
    }
}

/// Document-independent cue words for the resolve stage, from the `[cues]`
/// tables of the data.
#[derive(Clone, Debug, Default)]
pub(crate) struct Cues {
    /// Words (folded) that, just before a capital, make it a place rather
    /// than a government: "a bomb exploded in Moscow".
    pub(crate) place_before: std::collections::HashSet<Box<str>>,
    /// Words (folded) that take a place after them and hardly ever a
    /// person: right before a place whose name is also a person's name
    /// ("in Lagos"), they give it the context it needs.
    pub(crate) place_only_before: std::collections::HashSet<Box<str>>,
    /// Words (folded) that, right after a surname in a headline, show that
    /// it names someone speaking: "LAWSON SAYS ...".
    pub(crate) speech_after: std::collections::HashSet<Box<str>>,
}
