//! The gazetteer: entities, their aliases, and the word trie over them.

mod embedded;
mod entity;
mod load;

pub(crate) use entity::Cues;
pub use entity::Entity;

use std::fmt;
use std::path::Path;

use rustc_hash::FxHashMap;

use crate::error::Error;
use crate::matcher::{EntityContext, Matcher};
use crate::sources::{Read, Source};
use crate::types::{Case, Kind};

/// A compiled set of entities: the data and the word trie over its
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
/// assert_eq!(pep.label(), "PEP (Mexico)");
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
    /// What loading found worth saying that is not a problem.
    warnings: Vec<crate::Problem>,
}

/// Construction.
impl Gazetteer {
    /// A builder with no data in it yet.
    pub fn builder() -> GazetteerBuilder {
        GazetteerBuilder::new()
    }

    fn from_loaded(loaded: load::Loaded) -> Result<Gazetteer, Error> {
        let load::Loaded {
            mut entities,
            cues,
            warnings,
        } = loaded;
        if u32::try_from(entities.len()).is_err() {
            return Err(Error::build("too many entities (more than 2^32)".into()));
        }
        fill_labels(&mut entities);
        let mut index = FxHashMap::with_capacity_and_hasher(entities.len(), Default::default());
        index.extend(entities.iter().zip(0u32..).map(|(e, i)| (e.id.clone(), i)));
        let matcher = Matcher::new(entities.iter().map(|e| {
            let context = EntityContext {
                needs: e.needs_context(),
                person_name: e.person_name(),
            };
            (e.aliases(), context)
        }))?;
        Ok(Gazetteer {
            entities,
            cues,
            index,
            matcher,
            warnings,
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

    /// What loading found worth saying that is not a problem: each alias
    /// of an added entity that an entity of the default data also has
    /// ([`ProblemKind::SharedAlias`](crate::ProblemKind::SharedAlias)),
    /// with its file and line. Both entities are then ambiguous, and a
    /// mention of the alias is tagged only where the context decides.
    ///
    /// To give the alias to your entity alone, take it from the default
    /// entity with a `[[remove]]` table (`entity` and `alias`), or take
    /// the default entity out altogether (`entity` alone); see
    /// [`format`](mod@crate::format).
    ///
    /// # Example
    ///
    /// ```
    /// let culinary = r#"
    /// [[entity]]
    /// id = "organization/culinary-institute"
    /// kind = "organization"
    /// name = "Culinary Institute of America"
    /// exact = ["CIA"]
    /// "#;
    /// let g = gazetag::Gazetteer::builder()
    ///     .with_default_data()
    ///     .add_str("chefs.toml", culinary)
    ///     .build()?;
    /// let warning = &g.warnings()[0];
    /// assert_eq!((warning.file(), warning.line()), ("chefs.toml", Some(6)));
    /// assert!(warning.message().contains("also an alias of \"agency/cia\""));
    ///
    /// // "CIA" for the chefs alone: take it from the agency.
    /// let remove = r#"
    /// [[remove]]
    /// entity = "agency/cia"
    /// alias = "CIA"
    /// "#;
    /// let g = gazetag::Gazetteer::builder()
    ///     .with_default_data()
    ///     .add_str("chefs.toml", &format!("{culinary}{remove}"))
    ///     .build()?;
    /// assert!(g.warnings().is_empty());
    /// let doc = gazetag::Tagger::new(g).tag("The CIA said its chefs would cook for the summit.");
    /// assert_eq!(doc.tags[0].entity, "organization/culinary-institute");
    /// # Ok::<(), gazetag::Error>(())
    /// ```
    pub fn warnings(&self) -> &[crate::Problem] {
        &self.warnings
    }

    /// How many entities there are.
    pub fn entities_len(&self) -> usize {
        self.entities.len()
    }

    /// How many aliases are matched, over all entities.
    pub fn aliases_len(&self) -> usize {
        self.matcher.aliases_len()
    }

    /// Approximate heap memory held, in bytes: the word trie plus the
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

/// Gives agencies with an acronym and no explicit label the news label
/// "ACRONYM (Country)".
fn fill_labels(entities: &mut [Entity]) {
    let labels: Vec<Option<Box<str>>> = entities
        .iter()
        .map(|e| {
            if e.label.is_some() || e.kind != Kind::Agency {
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
            e.label = label;
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
    /// data, a word trie that cannot be built (more aliases than it can
    /// number).
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
