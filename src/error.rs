//! The one error type of the crate, and the problems it carries.

use std::fmt;
use std::io;
use std::path::Path;

/// Why building a [`Gazetteer`](crate::Gazetteer) or a
/// [`RuleSet`](crate::RuleSet) failed.
///
/// Building reads every data source and checks all of it before it gives
/// up, so one `Error` lists every [`Problem`] found, each with its file,
/// line and what is wrong. [`Display`](fmt::Display) prints one line: the
/// first problem and how many more there are; iterate over
/// [`Error::problems`] to show them all.
///
/// Tagging never fails, so this type only comes from building.
///
/// # Example
///
/// ```
/// use gazetag::{ErrorKind, Gazetteer, ProblemKind};
///
/// let data = r#"
/// [[entity]]
/// id = "agency/cia"
/// kind = "agency"
/// name = "Central Intelligence Agency"
/// country = "country/us"
/// "#;
/// let err = Gazetteer::builder()
///     .add_str("agencies.toml", data)
///     .build()
///     .unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Data);
/// let problem = &err.problems()[0];
/// assert_eq!(problem.kind(), ProblemKind::DanglingLink);
/// assert_eq!(problem.file(), "agencies.toml");
/// assert_eq!(problem.line(), Some(6));
/// ```
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    problems: Vec<Problem>,
    source: Option<io::Error>,
}

/// The broad class of an [`Error`].
#[non_exhaustive]
#[derive(Clone, Copy, Debug, Eq, PartialEq, Hash)]
pub enum ErrorKind {
    /// A data file could not be read (missing, unreadable, not UTF-8).
    Io,
    /// The data was read but is invalid: see [`Error::problems`].
    Data,
    /// The data is valid but its word trie could not be built (more
    /// distinct aliases or phrases than it can number).
    Build,
}

/// One thing wrong with the gazetteer data, with where it is.
///
/// # Example
///
/// ```
/// use gazetag::{Gazetteer, ProblemKind};
///
/// let err = Gazetteer::builder()
///     .add_str("bad.toml", "[[entity]]\nid = \"x/1\"\nkind = \"planet\"\nname = \"Mars\"\n")
///     .build()
///     .unwrap_err();
/// let p = &err.problems()[0];
/// assert_eq!(p.kind(), ProblemKind::UnknownKind);
/// assert_eq!(p.line(), Some(3));
/// assert!(p.to_string().starts_with("bad.toml:3: unknown kind \"planet\""));
/// ```
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct Problem {
    kind: ProblemKind,
    file: String,
    line: Option<usize>,
    message: String,
    /// The offending value, for a "did you mean" guess.
    value: Option<String>,
}

/// What class of problem a [`Problem`] is.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, Eq, PartialEq, Hash)]
pub enum ProblemKind {
    /// The file could not be read.
    Io,
    /// The file is not valid TOML, or does not have the expected shape
    /// (a misspelt or unknown field, a value of the wrong type).
    Syntax,
    /// Two entities share one id.
    DuplicateId,
    /// A link (`country`, `parent`, `predecessor`, `successor`) names an id
    /// that no entity has, or an entity of the wrong kind.
    DanglingLink,
    /// An alias or name is empty, or folds to nothing (only punctuation).
    EmptyAlias,
    /// The `kind` is not one of the known entity kinds.
    UnknownKind,
    /// Only a warning ([`Gazetteer::warnings`](crate::Gazetteer::warnings)):
    /// an alias of an added entity is also an alias of an entity of the
    /// default data, so both are ambiguous.
    SharedAlias,
    /// A field has a value that is not allowed (a malformed id or ISO code,
    /// a field that does not apply to the entity's kind).
    InvalidValue,
}

impl Error {
    /// The broad class of this error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// Every problem found, in file and line order. A misspelt kind, or
    /// a link to an id that nearly names an entity (`country/uk` for
    /// `country/gb`, whose alias is "UK"), ends with a guess:
    /// `; did you mean "country/gb"?`.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    pub(crate) fn data(problems: Vec<Problem>) -> Error {
        let kind = if problems.iter().all(|p| p.kind == ProblemKind::Io) {
            ErrorKind::Io
        } else {
            ErrorKind::Data
        };
        Error {
            kind,
            problems,
            source: None,
        }
    }

    /// Attaches the I/O error behind the first problem, for `source()`.
    pub(crate) fn with_source(mut self, source: Option<io::Error>) -> Error {
        self.source = source;
        self
    }

    pub(crate) fn build(message: String) -> Error {
        let problem = Problem::new(ProblemKind::InvalidValue, "", None, message);
        Error {
            kind: ErrorKind::Build,
            problems: vec![problem],
            source: None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problems.split_first() {
            None => write!(f, "invalid gazetteer data"),
            Some((first, [])) => write!(f, "{first}"),
            Some((first, rest)) => {
                write!(f, "{first} (and {} more problems)", rest.len())
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_ref().map(|e| e as _)
    }
}

impl Problem {
    pub(crate) fn new(
        kind: ProblemKind,
        file: &str,
        line: Option<usize>,
        message: String,
    ) -> Problem {
        Problem {
            kind,
            file: file.to_string(),
            line,
            message,
            value: None,
        }
    }

    /// Records the offending value, for a "did you mean" guess.
    pub(crate) fn with_value(mut self, value: &str) -> Problem {
        self.value = Some(value.to_string());
        self
    }

    /// The offending value, when recorded.
    pub(crate) fn value(&self) -> Option<&str> {
        self.value.as_deref()
    }

    /// Adds to the message (a hint).
    pub(crate) fn append(&mut self, hint: &str) {
        self.message.push_str(hint);
    }

    pub(crate) fn io_path(path: &Path, err: &io::Error) -> Problem {
        let file = path.display().to_string();
        Problem::new(ProblemKind::Io, &file, None, err.to_string())
    }

    /// The class of this problem.
    pub fn kind(&self) -> ProblemKind {
        self.kind
    }

    /// The file the problem is in, as it was given to the builder
    /// (`<default>/…` for the embedded data).
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The 1-based line of the offending value, when known.
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// What is wrong, in lower case, quoting the offending value.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.file.is_empty(), self.line) {
            (true, _) => write!(f, "{}", self.message),
            (false, Some(line)) => {
                write!(f, "{}:{}: {}", self.file, line, self.message)
            }
            (false, None) => write!(f, "{}: {}", self.file, self.message),
        }
    }
}
