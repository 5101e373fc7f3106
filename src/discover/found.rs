//! What the discover stage hands to resolve: the entities found in the
//! document rather than in the gazetteer, and where they are named.

use crate::fold::fold_str;
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
}

impl Discovered {
    /// A `kind` entity named `name`, with no acronym yet.
    pub(crate) fn new(name: &str, kind: Kind) -> Discovered {
        Discovered {
            name: name.to_string(),
            acronym: String::new(),
            kind,
        }
    }

    /// The stable id: `person/~` or `org/~` and the folded name with
    /// hyphens for spaces ("person/~gerhard-stoltenberg"); for an acronym
    /// of unknown kind, `unknown/` and the acronym in lower case.
    pub(crate) fn id(&self) -> String {
        let prefix = match self.kind {
            Kind::Person => "person",
            Kind::Organization => "org",
            _ => return format!("unknown/{}", self.acronym.to_lowercase()),
        };
        let folded = fold_str(&self.name);
        let mut id = String::with_capacity(prefix.len() + 2 + folded.len());
        id.push_str(prefix);
        id.push_str("/~");
        // The folded words, joined by hyphens.
        id.extend(folded.chars().map(|c| if c == ' ' { '-' } else { c }));
        id
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
