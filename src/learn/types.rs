//! The learner's vocabulary: a labelled story, a candidate condition, a
//! learned category. A leaf of the learner: its stages (finding the
//! features, writing the rules) import from here, never from each other's
//! parents.

/// One labelled story.
///
/// # Example
///
/// ```
/// let ex = gazetag::learn::Example::new("Cup final", "United won the cup final.", ["sport"]);
/// assert_eq!(ex.categories, ["sport"]);
/// ```
#[non_exhaustive]
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Example {
    /// The headline (may be empty).
    pub title: String,
    /// The text.
    pub body: String,
    /// The categories the story is filed under.
    pub categories: Vec<String>,
}

impl Example {
    /// An example from its title, body and categories.
    ///
    /// # Example
    ///
    /// ```
    /// let ex = gazetag::learn::Example::new("", "Shares fell.", ["business", "markets"]);
    /// assert_eq!(ex.categories.len(), 2);
    /// ```
    pub fn new<I, S>(title: &str, body: &str, categories: I) -> Example
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Example {
            title: title.to_string(),
            body: body.to_string(),
            categories: categories.into_iter().map(Into::into).collect(),
        }
    }
}

/// One candidate condition.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Feature {
    /// A phrase as a common word (lower-case key) or a name; `title`:
    /// only in the title.
    Phrase { key: String, title: bool },
    /// A tag of this entity.
    Entity(String),
    /// A tag of this kind.
    Kind(&'static str),
}

/// One learned category.
#[non_exhaustive]
#[derive(Clone, Debug)]
pub struct LearnedCategory {
    /// Its name.
    pub name: String,
    /// Its code (the label of the examples, when renamed).
    pub code: Option<String>,
    /// The log-odds of the category before any evidence.
    pub bias: f64,
    /// The probability at which it is suggested.
    pub threshold: f64,
    /// How many examples were filed under it.
    pub examples: usize,
    /// The conditions and their weights, as fitted.
    pub(super) terms: Vec<(Feature, f64)>,
}

impl LearnedCategory {
    /// How many conditions (phrases and tag conditions) the rule uses.
    ///
    /// # Example
    ///
    /// ```
    /// use gazetag::learn::{Example, Learner};
    /// let ex: Vec<Example> = (0..6)
    ///     .map(|i| Example::new("", if i % 2 == 0 { "goal scored" } else { "shares fell" },
    ///                           if i % 2 == 0 { ["sport"] } else { ["business"] }))
    ///     .collect();
    /// let learned = Learner::new().min_docs(2).tags(false).learn(&ex)?;
    /// assert!(learned.categories().all(|c| c.conditions() <= 60));
    /// # Ok::<(), gazetag::Error>(())
    /// ```
    pub fn conditions(&self) -> usize {
        self.terms.len()
    }
}
