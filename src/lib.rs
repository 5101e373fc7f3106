//! gazetag reads news articles and says who and what they are about: the
//! countries, agencies, people, organisations, places and topics they
//! mention, as the tags an editor would give them.
//!
//! (Crate docs are completed below.)
#![forbid(unsafe_code)]

mod aggregate;
mod error;
mod fold;
mod gazetteer;
mod matcher;
mod output;
mod resolve;
mod tagger;

pub use error::{Error, ErrorKind, Problem, ProblemKind};
pub use gazetteer::{AliasForm, Case, Entity, Evidence, Gazetteer, GazetteerBuilder, Kind};
pub use output::{Field, Mention, Span, Tag, Tagged};
pub use tagger::Tagger;
