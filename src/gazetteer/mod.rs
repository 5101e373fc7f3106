//! The gazetteer: entities, their aliases, and the automaton over them.

mod embedded;
mod load;

use std::fmt;
use std::path::Path;

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::error::Error;
use crate::matcher::Matcher;
use crate::sources::{Read, Source};

/// What sort of thing an entity is.
///
/// Serialises in lower case (`"country"`, `"agency"`, ...), as in data
/// files and JSON output.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, Eq, PartialEq, Hash, Ord, PartialOrd, Serialize)]
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

    fn from_data(s: &str) -> Option<Kind> {
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
}

/// What kind of evidence a mention gives for its entity.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, Eq, PartialEq, Hash, Serialize)]
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
/// assert_eq!(cia.tag(), "CIA (United States)");
/// assert_eq!(cia.country(), Some("country/us"));
/// ```
#[derive(Clone, Debug, Serialize)]
pub struct Entity {
    id: Box<str>,
    kind: Kind,
    name: Box<str>,
    /// The label given in the data, if any; see [`Entity::tag`].
    #[serde(rename = "tag", skip_serializing_if = "Option::is_none")]
    tag: Option<Box<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    iso: Option<Box<str>>,
    aliases: Vec<AliasForm>,
    #[serde(skip_serializing_if = "Option::is_none")]
    country: Option<Box<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<Box<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    predecessor: Option<Box<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    successor: Option<Box<str>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    roles: Vec<Box<str>>,
    /// The folded words of the titles the roles name, derived at load:
    /// "us", "treasury", "secretary" of "US Treasury Secretary
    /// (1985-1988)".
    #[serde(skip)]
    titles: Box<[Box<str>]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    population: Option<u64>,
    /// Folded words that, near an ambiguous mention, point to this entity.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    cues: Vec<Box<str>>,
    /// The names are also common words ("Nice", "Mobile"): a mention
    /// counts only with support from context, as a shared name does.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    needs_context: bool,
    /// Index of the entity's country (itself, for a country), so that
    /// aggregation never looks an id up by string.
    #[serde(skip)]
    country_index: Option<u32>,
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

    /// The tag label: as given in the data, else the name (for an
    /// agency with an acronym, the tag is computed by the gazetteer as
    /// "ACRONYM (Country)"; see [`Gazetteer::entity`]).
    pub fn tag(&self) -> &str {
        self.tag.as_deref().unwrap_or(&self.name)
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
    /// names are also common words ("Nice", "Split").
    pub fn needs_context(&self) -> bool {
        self.needs_context
    }

    pub(crate) fn country_index(&self) -> Option<u32> {
        self.country_index
    }
}

/// A compiled set of entities: the data and the automaton over its
/// aliases.
///
/// Build one with [`Gazetteer::builder`], or use the embedded default data
/// through [`Tagger::default`](crate::Tagger::default). A `Gazetteer` is
/// immutable once built and is shared between threads by a
/// [`Tagger`](crate::Tagger).
///
/// # Example
///
/// ```
/// let data = r#"
/// [[entity]]
/// id = "agency/pep-baja-california"
/// kind = "agency"
/// name = "Baja California State Preventive Police"
/// exact = ["PEP"]
/// country = "country/mx"
/// "#;
/// let gazetteer = gazetag::Gazetteer::builder()
///     .with_default_data()
///     .add_str("baja.toml", data)
///     .build()?;
/// let pep = gazetteer.entity("agency/pep-baja-california").unwrap();
/// assert_eq!(pep.tag(), "PEP (Mexico)");
/// # Ok::<(), gazetag::Error>(())
/// ```
pub struct Gazetteer {
    entities: Vec<Entity>,
    cues: Cues,
    /// Entity index by id. FxHash: the keys are ids, hashed once each
    /// to build it and once per lookup, and need no protection from chosen
    /// keys.
    index: FxHashMap<Box<str>, u32>,
    matcher: Matcher,
}

/// Construction.
impl Gazetteer {
    /// A builder with no data in it yet.
    pub fn builder() -> GazetteerBuilder {
        GazetteerBuilder::new()
    }

    fn from_loaded(loaded: load::Loaded) -> Result<Gazetteer, Error> {
        let load::Loaded { mut entities, cues } = loaded;
        if u32::try_from(entities.len()).is_err() {
            return Err(Error::build("too many entities (more than 2^32)".into()));
        }
        fill_tags(&mut entities);
        let mut index = FxHashMap::with_capacity_and_hasher(entities.len(), Default::default());
        index.extend(entities.iter().zip(0u32..).map(|(e, i)| (e.id.clone(), i)));
        let matcher = Matcher::new(&entities)?;
        Ok(Gazetteer {
            entities,
            cues,
            index,
            matcher,
        })
    }
}

/// Introspection.
impl Gazetteer {
    /// The entity with this id.
    ///
    /// # Example
    ///
    /// ```
    /// let tagger = gazetag::Tagger::default();
    /// let mx = tagger.gazetteer().entity("country/mx").unwrap();
    /// assert_eq!((mx.name(), mx.iso()), ("Mexico", Some("MX")));
    /// ```
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        let i = *self.index.get(id)?;
        self.entities.get(i as usize)
    }

    /// Every entity, in load order.
    ///
    /// # Example
    ///
    /// ```
    /// let tagger = gazetag::Tagger::default();
    /// let countries = tagger
    ///     .gazetteer()
    ///     .entities()
    ///     .filter(|e| e.kind() == gazetag::Kind::Country)
    ///     .count();
    /// assert!(countries > 200);
    /// ```
    pub fn entities(&self) -> impl ExactSizeIterator<Item = &Entity> {
        self.entities.iter()
    }

    /// How many entities there are.
    pub fn entities_len(&self) -> usize {
        self.entities.len()
    }

    /// How many aliases are matched, over all entities.
    pub fn aliases_len(&self) -> usize {
        self.matcher.aliases_len()
    }

    /// Approximate heap memory held, in bytes: the automaton plus the
    /// entity tables.
    ///
    /// # Example
    ///
    /// ```
    /// let tagger = gazetag::Tagger::default();
    /// assert!(tagger.gazetteer().memory_usage() > 0);
    /// ```
    pub fn memory_usage(&self) -> usize {
        let strings: usize = self
            .entities
            .iter()
            .map(|e| {
                e.id.len()
                    + e.name.len()
                    + e.aliases.iter().map(|a| a.text.len() + 24).sum::<usize>()
                    + std::mem::size_of::<Entity>()
            })
            .sum();
        strings + self.index.capacity() * 40 + self.matcher.memory_usage()
    }

    pub(crate) fn entity_at(&self, i: u32) -> &Entity {
        &self.entities[i as usize]
    }

    pub(crate) fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    pub(crate) fn cues(&self) -> &Cues {
        &self.cues
    }
}

impl fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Gazetteer")
            .field("entities", &self.entities.len())
            .field("aliases", &self.aliases_len())
            .finish_non_exhaustive()
    }
}

/// Document-independent cue words for the resolve stage, from the `[cues]`
/// tables of the data.
#[derive(Clone, Debug, Default)]
pub(crate) struct Cues {
    /// Words (folded) that, just before a capital, make it a place rather
    /// than a government: "a bomb exploded in Moscow".
    pub(crate) place_before: std::collections::HashSet<Box<str>>,
    /// Words (folded) that, right after a surname in a headline, show that
    /// it names someone speaking: "LAWSON SAYS ...".
    pub(crate) speech_after: std::collections::HashSet<Box<str>>,
}

/// Gives agencies with an acronym and no explicit tag the news label
/// "ACRONYM (Country)".
fn fill_tags(entities: &mut [Entity]) {
    let labels: Vec<Option<Box<str>>> = entities
        .iter()
        .map(|e| {
            if e.tag.is_some() || e.kind != Kind::Agency {
                return None;
            }
            let acronym = e.aliases.iter().find(|a| a.case == Case::Exact)?;
            let country = e
                .country_index
                .map(|c| &*entities[c as usize].name)
                .map(|c| format!("{} ({c})", acronym.text));
            Some(country.unwrap_or_else(|| acronym.text.to_string()).into())
        })
        .collect();
    for (e, label) in entities.iter_mut().zip(labels) {
        if label.is_some() {
            e.tag = label;
        }
    }
}

/// Configures and builds a [`Gazetteer`].
///
/// The builder only records where data comes from; [`build`] reads,
/// parses and checks all of it, and reports every problem at once.
///
/// [`build`]: GazetteerBuilder::build
///
/// # Example
///
/// ```
/// let data = r#"
/// [[entity]]
/// id = "org/acme"
/// kind = "organization"
/// name = "Acme Corporation"
/// exact = ["ACME"]
/// "#;
/// let g = gazetag::Gazetteer::builder().add_str("acme.toml", data).build()?;
/// assert_eq!(g.entities_len(), 1);
/// # Ok::<(), gazetag::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct GazetteerBuilder {
    default_data: bool,
    sources: Vec<Source>,
}

impl GazetteerBuilder {
    /// A builder with no data in it.
    pub fn new() -> GazetteerBuilder {
        GazetteerBuilder::default()
    }

    /// Includes the embedded default data (countries, agencies, people,
    /// organisations, places, topics), loaded before any other source so
    /// that other files can link to it.
    pub fn with_default_data(&mut self) -> &mut GazetteerBuilder {
        self.default_data = true;
        self
    }

    /// Adds a data file, or a directory whose `*.toml` and `*.tsv` files
    /// are read in name order. A `.tsv` file is a table of one entity a
    /// line (see `data/README.md`); anything else is read as TOML. Nothing
    /// is read until [`build`](Self::build).
    pub fn add_file<P: AsRef<Path>>(&mut self, path: P) -> &mut GazetteerBuilder {
        self.sources.push(Source::Path(path.as_ref().to_path_buf()));
        self
    }

    /// Adds data given as a string; `name` is used in problem reports.
    pub fn add_str(&mut self, name: &str, contents: &str) -> &mut GazetteerBuilder {
        self.sources.push(Source::Str {
            name: name.to_string(),
            contents: contents.to_string(),
        });
        self
    }

    /// Reads, checks and compiles the data.
    ///
    /// # Errors
    ///
    /// Returns an [`Error`] listing every problem found: files that cannot
    /// be read or are not UTF-8, TOML syntax, unknown fields or kinds,
    /// duplicate ids, links to missing ids, empty aliases; or, for valid
    /// data, an automaton that cannot be built.
    pub fn build(&self) -> Result<Gazetteer, Error> {
        let embedded = self.default_data.then_some(embedded::FILES);
        let read = Read::all(embedded, &self.sources, &["toml", "tsv"]);
        let loaded = load::load(&read.texts);
        read.finish(loaded, Gazetteer::from_loaded)
    }
}

/// The embedded data, for the default tagger.
pub(crate) fn default_gazetteer() -> Result<Gazetteer, Error> {
    Gazetteer::builder().with_default_data().build()
}
