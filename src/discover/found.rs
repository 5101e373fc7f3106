//! What the discover stage hands to resolve: the entities found in the
//! document rather than in the gazetteer, and where they are named.

use crate::output::Reason;
use crate::types::Kind;

/// A mention the discover stage found: tokens `first..=last` of field `fi` name
/// discovered entity `target`, for `reason`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Found {
    pub(crate) fi: usize,
    pub(crate) first: usize,
    pub(crate) last: usize,
    pub(crate) target: u32,
    pub(crate) reason: Reason,
}

impl Found {
    /// Whether the entity found is of `kind`, among the entities found so
    /// far (`discovered`).
    pub(crate) fn is(&self, discovered: &[Discovered], kind: Kind) -> bool {
        discovered
            .get(self.target as usize)
            .is_some_and(|d| d.kind == kind)
    }
}

/// An entity found in the document rather than in the gazetteer: by the
/// discover stage, or an acronym the text defines.
#[derive(Clone, Debug)]
pub(crate) struct Discovered {
    /// The name, as first written.
    pub(crate) name: String,
    /// The acronym a definition gives it, as written ("" when none).
    pub(crate) acronym: String,
    /// Person, organisation, or unknown (an acronym definition whose long
    /// form names no organisation).
    pub(crate) kind: Kind,
    /// The stable id, made once: every mention and the tag write it.
    id: String,
}

impl Discovered {
    /// A `kind` (person, organisation or place) entity named `name`, whose
    /// folded words are `folded`, with no acronym yet.
    pub(crate) fn new(name: &str, folded: &str, kind: Kind) -> Discovered {
        let prefix = match kind {
            Kind::Person => "person",
            Kind::Place => "place",
            _ => "org",
        };
        let mut id = String::with_capacity(prefix.len() + 2 + folded.len());
        id.push_str(prefix);
        id.push_str("/~");
        // The folded words, joined by hyphens.
        for (k, word) in folded.split(' ').enumerate() {
            if k > 0 {
                id.push('-');
            }
            id.push_str(word);
        }
        Discovered {
            name: name.to_string(),
            acronym: String::new(),
            kind,
            id,
        }
    }

    /// An entity of unknown kind that the text names `name` and defines
    /// as `acronym` ("Bovine Spongiform Encephalopathy (BSE)").
    pub(crate) fn defined(name: String, acronym: &str) -> Discovered {
        Discovered {
            name,
            acronym: acronym.to_string(),
            kind: Kind::Unknown,
            id: format!("unknown/{}", acronym.to_lowercase()),
        }
    }

    /// The stable id: `person/~`, `org/~` or `place/~` and the folded name with
    /// hyphens for spaces ("person/~gerhard-stoltenberg"); for an acronym
    /// of unknown kind, `unknown/` and the acronym in lower case.
    pub(crate) fn id(&self) -> &str {
        &self.id
    }

    /// The tag label: the name, with its acronym when the text defines one.
    pub(crate) fn label(&self) -> String {
        if self.acronym.is_empty() {
            self.name.clone()
        } else {
            format!("{} ({})", self.name, self.acronym)
        }
    }
}
