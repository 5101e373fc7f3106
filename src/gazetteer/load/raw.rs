//! The records of the data files as they are read, before any checks,
//! and what the checks share: where a problem is ([`At`]) and every id
//! ([`Ids`]). A leaf: the loader and its checks import from here, and
//! nothing here imports from them.

use std::ops::Range;

use rustc_hash::FxHashMap;
use serde::Deserialize;
use toml::Spanned;

use crate::diagnose::text_of;
use crate::error::{Problem, ProblemKind};
use crate::fold::Folded;
use crate::sources::Lines;
use crate::types::Kind;

/// One data file as TOML gives it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFile {
    #[serde(default)]
    pub(super) entity: Vec<RawEntity>,
    pub(super) cues: Option<RawCues>,
    /// `[[remove]]` tables: entities or aliases of other files taken out.
    #[serde(default)]
    pub(super) remove: Vec<RawRemove>,
}

/// A `[cues]` table: words that tell the resolve stage how a mention is
/// used. Tables of several files are merged.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCues {
    #[serde(default)]
    pub(super) place_before: Vec<S>,
    #[serde(default)]
    pub(super) place_only_before: Vec<S>,
    #[serde(default)]
    pub(super) speech_after: Vec<S>,
}

/// A string of a data file with its byte range in the file.
pub(super) type S = Spanned<String>;

/// One `[[entity]]` table, before any checks.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEntity {
    pub(super) id: S,
    pub(super) kind: S,
    pub(super) name: S,
    /// `tag` is the field's former name, still read.
    #[serde(alias = "tag")]
    pub(super) label: Option<S>,
    pub(super) iso: Option<S>,
    #[serde(default)]
    pub(super) names: Vec<S>,
    #[serde(default)]
    pub(super) exact: Vec<S>,
    #[serde(default)]
    pub(super) phrases: Vec<S>,
    #[serde(default)]
    pub(super) demonyms: Vec<S>,
    #[serde(default)]
    pub(super) metonyms: Vec<S>,
    #[serde(default)]
    pub(super) currencies: Vec<S>,
    #[serde(default)]
    pub(super) context_names: Vec<S>,
    #[serde(default)]
    pub(super) partial: Vec<S>,
    pub(super) country: Option<S>,
    pub(super) parent: Option<S>,
    pub(super) predecessor: Option<S>,
    pub(super) successor: Option<S>,
    #[serde(default)]
    pub(super) roles: Vec<String>,
    pub(super) population: Option<Spanned<u64>>,
    #[serde(default)]
    pub(super) cues: Vec<S>,
    #[serde(default)]
    pub(super) needs_context: bool,
    /// A name of the entity is also a person's name: it needs context,
    /// which a `place_only_before` cue gives ("in Lagos").
    #[serde(default)]
    pub(super) person_name: bool,
}

impl RawEntity {
    /// The alias lists besides the name, in the order of the format.
    pub(super) fn alias_lists(&self) -> [&Vec<S>; 8] {
        [
            &self.names,
            &self.exact,
            &self.phrases,
            &self.demonyms,
            &self.metonyms,
            &self.currencies,
            &self.context_names,
            &self.partial,
        ]
    }

    /// The alias lists besides the name, to change, in the same order.
    pub(super) fn alias_lists_mut(&mut self) -> [&mut Vec<S>; 8] {
        [
            &mut self.names,
            &mut self.exact,
            &mut self.phrases,
            &mut self.demonyms,
            &mut self.metonyms,
            &mut self.currencies,
            &mut self.context_names,
            &mut self.partial,
        ]
    }

    /// The links to other entities, to change.
    pub(super) fn links_mut(&mut self) -> [&mut Option<S>; 4] {
        [
            &mut self.country,
            &mut self.parent,
            &mut self.predecessor,
            &mut self.successor,
        ]
    }
}

/// A parsed file: its name, where its lines start, and its records.
pub(super) struct Parsed {
    pub(super) file: String,
    pub(super) lines: Lines,
    /// The length of the text, to share the work of checking out.
    pub(super) size: usize,
    pub(super) entities: Vec<RawEntity>,
    pub(super) cues: Option<RawCues>,
    pub(super) removes: Vec<RawRemove>,
}

impl Parsed {
    pub(super) fn line(&self, span: Range<usize>) -> usize {
        self.lines.line(span.start)
    }
}

/// Where a problem is, for the report.
pub(super) struct At<'a> {
    pub(super) file: &'a Parsed,
    pub(super) problems: &'a mut Vec<Problem>,
    /// Scratch space for folding, reused so that checking that an alias
    /// has something to match allocates nothing.
    pub(super) fold: Folded,
}

impl At<'_> {
    pub(super) fn report<T: 'static>(&mut self, kind: ProblemKind, at: &Spanned<T>, msg: String) {
        let line = self.file.line(at.span());
        let problem = Problem::new(kind, &self.file.file, Some(line), msg);
        self.problems.push(match text_of(at.get_ref()) {
            Some(value) => problem.with_value(value),
            None => problem,
        });
    }
}

/// A `[[remove]]` table: the entity `entity`, or only its alias `alias`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRemove {
    pub(super) entity: S,
    pub(super) alias: Option<S>,
}

/// Where an id is first defined, and what the checks need to know of it.
pub(super) struct Id {
    /// The entity's kind, or `None` when it is unknown (links to it are
    /// not reported twice).
    pub(super) kind: Option<Kind>,
    /// The index of the file in the parsed files.
    pub(super) file: usize,
    /// The byte offset of the id in its file, for the duplicate's report.
    pub(super) offset: usize,
    /// The record's position over all files: its index among the entities
    /// when the data has no problems.
    pub(super) position: u32,
}

/// Every id of the data. FxHash, not SipHash: the keys are the data's own
/// ids, hashed some 40,000 times a build, and nothing is gained from a
/// hash that resists chosen keys.
pub(super) type Ids<'a> = FxHashMap<&'a str, Id>;
