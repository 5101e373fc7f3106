//! Learning "Filed under" rules from an archive of labelled stories.
//!
//! A [`Learner`] reads examples (a title, a body and the categories an
//! editor filed the story under) and writes, for each category, a rule
//! in gazetag's own rule language ([`LearnedRules::to_toml`]): a category
//! on the logistic scale with a bias, a `weights` table of words and word
//! pairs, a second table for words of the headline, and a few tag
//! conditions (an entity, an entity kind), each with its weight. The
//! weights are those of an elastic-net logistic regression, fitted in
//! this crate, stopped where a category would use more than
//! [`Learner::max_terms`] conditions, then refitted on the conditions it
//! chose, so a category's score is a probability and its rule stays short
//! enough to read and edit. The candidate phrases are folded and checked
//! with the same case policies as rule phrases (a lower-case key is a
//! common word, a capitalised one a name): what the learner saw is what
//! the rule matches.
//!
//! The `learn_rules` example wraps this for JSON Lines archives.

mod features;
mod model;
mod types;
mod write;

use std::collections::BTreeMap;

use rustc_hash::FxHashSet;

use crate::error::{Error, Problem, ProblemKind};
use crate::phrases::count_factor;
use crate::{RuleSet, Tagger};
use features::Table;
use model::{Columns, Settings};
use types::Feature;
pub use types::{Example, LearnedCategory};

/// Learns category rules from labelled examples; see the [module
/// documentation](self).
///
/// # Example
///
/// ```
/// use gazetag::learn::{Example, Learner};
///
/// let mut examples = Vec::new();
/// for i in 0..12 {
///     let team = ["United", "City", "Rovers"][i % 3];
///     examples.push(Example::new(
///         &format!("{team} win again"),
///         &format!("{team} won the match by two goals; the coach praised the striker."),
///         ["sport"],
///     ));
///     examples.push(Example::new(
///         "Shares slip",
///         "Shares fell as investors weighed the bank's quarterly profit.",
///         ["business"],
///     ));
/// }
/// let learned = Learner::new().min_docs(2).learn(&examples)?;
/// let rules = learned.rule_set()?;
/// let tagger = gazetag::Tagger::default().with_rules(rules);
/// let doc = tagger.tag("The striker scored twice and the match was won.");
/// assert_eq!(doc.categories[0].name, "sport");
/// assert!(doc.categories[0].score > 0.5);
/// # Ok::<(), gazetag::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Learner {
    tagger: Option<Tagger>,
    max_terms: usize,
    min_docs: u32,
    l1_ratio: f64,
    ridge: f64,
    pairs: bool,
    as_names: bool,
    tags: bool,
    log_counts: bool,
    threshold: f64,
    names: BTreeMap<String, String>,
    only: Option<Vec<String>>,
    stop: FxHashSet<String>,
}

/// The function words the learner leaves out by default.
const STOPWORDS: &str = include_str!("../../data/learn/stopwords.txt");

/// The words of a word list: one a line, folded, `#` comments and blank
/// lines skipped.
fn word_list(text: &str) -> FxHashSet<String> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or_default())
        .map(crate::fold::fold_str)
        .filter(|w| !w.is_empty())
        .collect()
}

impl Default for Learner {
    fn default() -> Learner {
        Learner::new()
    }
}

impl Learner {
    /// A learner with the default settings: at most 80 conditions per
    /// category, phrases found in at least 3 examples, word pairs and tag
    /// conditions on, an L1 share of 0.95, threshold 0.5.
    ///
    /// # Example
    ///
    /// ```
    /// let learner = gazetag::learn::Learner::new().max_terms(30);
    /// # let _ = learner;
    /// ```
    pub fn new() -> Learner {
        Learner {
            tagger: None,
            max_terms: 80,
            min_docs: 3,
            l1_ratio: 0.95,
            ridge: 1.0,
            pairs: true,
            as_names: true,
            log_counts: false,
            tags: true,
            threshold: 0.5,
            names: BTreeMap::new(),
            only: None,
            stop: word_list(STOPWORDS),
        }
    }

    /// The words never used as a condition by themselves or in a pair
    /// (default: the English function words of
    /// `data/learn/stopwords.txt`); folded like phrases.
    ///
    /// # Example
    ///
    /// ```
    /// let learner = gazetag::learn::Learner::new().stopwords(["the", "of", "der", "die", "das"]);
    /// # let _ = learner;
    /// ```
    pub fn stopwords<I, S>(mut self, words: I) -> Learner
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.stop = words
            .into_iter()
            .map(|w| crate::fold::fold_str(w.as_ref()))
            .filter(|w| !w.is_empty())
            .collect();
        self
    }

    /// The most conditions (phrases of the tables and tag conditions) one
    /// category may use.
    ///
    /// # Example
    ///
    /// ```
    /// let learner = gazetag::learn::Learner::new().max_terms(20);
    /// # let _ = learner;
    /// ```
    pub fn max_terms(mut self, n: usize) -> Learner {
        self.max_terms = n;
        self
    }

    /// In how many examples a phrase or tag must occur to be considered
    /// (at least 1).
    ///
    /// # Example
    ///
    /// ```
    /// let learner = gazetag::learn::Learner::new().min_docs(5);
    /// # let _ = learner;
    /// ```
    pub fn min_docs(mut self, n: u32) -> Learner {
        self.min_docs = n.max(1);
        self
    }

    /// The share of the penalty that is L1 (the rest is L2), in (0, 1]:
    /// 1 is the lasso; lower values spread weight over correlated words.
    ///
    /// # Example
    ///
    /// ```
    /// let learner = gazetag::learn::Learner::new().l1_ratio(0.8);
    /// # let _ = learner;
    /// ```
    pub fn l1_ratio(mut self, ratio: f64) -> Learner {
        self.l1_ratio = ratio;
        self
    }

    /// The ridge penalty of the final refit: `ridge / 2` times the sum of
    /// the squared weights, added to the summed log-loss of the examples
    /// (default 1; 0 is none).
    ///
    /// # Example
    ///
    /// ```
    /// let learner = gazetag::learn::Learner::new().ridge(0.5);
    /// # let _ = learner;
    /// ```
    pub fn ridge(mut self, ridge: f64) -> Learner {
        self.ridge = ridge;
        self
    }

    /// Whether word pairs ("world cup") are candidates besides words.
    ///
    /// # Example
    ///
    /// ```
    /// let learner = gazetag::learn::Learner::new().pairs(false);
    /// # let _ = learner;
    /// ```
    pub fn pairs(mut self, on: bool) -> Learner {
        self.pairs = on;
        self
    }

    /// Whether phrases the archive writes capitalised are also candidates
    /// as names ("Labour" the party, "World Cup"), besides the common
    /// word. Names say much of an archive's own years and places (its
    /// politicians, its events); rules meant for other news may do
    /// better on common words alone.
    ///
    /// # Example
    ///
    /// ```
    /// let learner = gazetag::learn::Learner::new().names(false);
    /// # let _ = learner;
    /// ```
    pub fn names(mut self, on: bool) -> Learner {
        self.as_names = on;
        self
    }

    /// Whether a phrase counts by how often it occurs: its weight times
    /// ln(1 + its count) (the rules are written with `counts = "log"`),
    /// rather than once however often (the default). Counts tell a story
    /// about a thing from one that mentions it: "corn" five times, not
    /// once in a list of grains.
    ///
    /// # Example
    ///
    /// ```
    /// let learner = gazetag::learn::Learner::new().log_counts(true);
    /// # let _ = learner;
    /// ```
    pub fn log_counts(mut self, on: bool) -> Learner {
        self.log_counts = on;
        self
    }

    /// Whether tags (entities, entity kinds) are candidates.
    ///
    /// # Example
    ///
    /// ```
    /// let learner = gazetag::learn::Learner::new().tags(false);
    /// # let _ = learner;
    /// ```
    pub fn tags(mut self, on: bool) -> Learner {
        self.tags = on;
        self
    }

    /// The probability at which a learned category is suggested.
    ///
    /// # Example
    ///
    /// ```
    /// let learner = gazetag::learn::Learner::new().threshold(0.4);
    /// # let _ = learner;
    /// ```
    pub fn threshold(mut self, p: f64) -> Learner {
        self.threshold = p;
        self
    }

    /// The tagger whose tags are the candidates of tag conditions (the
    /// default tagger when not given).
    ///
    /// # Example
    ///
    /// ```
    /// let learner = gazetag::learn::Learner::new().tagger(gazetag::Tagger::default());
    /// # let _ = learner;
    /// ```
    pub fn tagger(mut self, tagger: Tagger) -> Learner {
        self.tagger = Some(tagger);
        self
    }

    /// Writes the category labelled `label` in the examples as a category
    /// named `name`, with `label` as its code (`"medtop:15000000"` named
    /// `"sport"`).
    ///
    /// # Example
    ///
    /// ```
    /// let learner = gazetag::learn::Learner::new().name("medtop:15000000", "sport");
    /// # let _ = learner;
    /// ```
    pub fn name(mut self, label: &str, name: &str) -> Learner {
        self.names.insert(label.to_string(), name.to_string());
        self
    }

    /// Learns only these categories (by label); by default, every label
    /// of at least [`min_docs`](Self::min_docs) examples.
    ///
    /// # Example
    ///
    /// ```
    /// let learner = gazetag::learn::Learner::new().only(["earn", "acq"]);
    /// # let _ = learner;
    /// ```
    pub fn only<I, S>(mut self, labels: I) -> Learner
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.only = Some(labels.into_iter().map(Into::into).collect());
        self
    }

    /// Learns a rule for each category.
    ///
    /// # Errors
    ///
    /// An [`ErrorKind::Data`](crate::ErrorKind::Data) error when there are
    /// no examples, when a setting is out of range (an L1 share outside
    /// (0, 1], a threshold outside (0, 1), a negative ridge), or when a
    /// category asked for with [`only`](Self::only) has fewer than
    /// [`min_docs`](Self::min_docs) examples.
    ///
    /// # Example
    ///
    /// ```
    /// let err = gazetag::learn::Learner::new().learn(&[]).unwrap_err();
    /// assert_eq!(err.kind(), gazetag::ErrorKind::Data);
    /// ```
    pub fn learn(&self, examples: &[Example]) -> Result<LearnedRules, Error> {
        self.check(examples)?;
        let labels = self.labels(examples)?;
        let table = features::table(
            &self.tagger_or_default(),
            examples,
            self.min_docs,
            features::Candidates {
                pairs: self.pairs,
                names: self.as_names,
                tags: self.tags,
            },
            &self.stop,
        )?;
        let cols = self.columns(&table, examples.len());
        let categories = labels
            .into_iter()
            .map(|label| self.category(label, examples, &table.features, &cols))
            .collect();
        Ok(LearnedRules {
            examples: examples.len(),
            log_counts: self.log_counts,
            categories,
        })
    }

    /// The tagger of the tag conditions: the one given, or the default
    /// tagger without rules.
    fn tagger_or_default(&self) -> Tagger {
        match &self.tagger {
            Some(t) => t.clone(),
            None => Tagger::default().with_rules(RuleSet::empty()),
        }
    }

    /// The examples each feature of `table` holds on, over `examples`
    /// examples, with its value in each (1, or a phrase's log count); empty for a feature in fewer than `min_docs` examples or
    /// in more than half of them.
    fn columns(&self, table: &Table, examples: usize) -> Columns {
        let mut cols = Columns {
            examples,
            cols: vec![Vec::new(); table.features.len()],
        };
        for (i, row) in (0u32..).zip(&table.rows) {
            for &(f, n) in row {
                // A phrase by its count (when asked), a tag by its presence.
                let by_count =
                    self.log_counts && matches!(table.features[f as usize], Feature::Phrase { .. });
                let x = f64::from(count_factor(n as usize, by_count));
                cols.cols[f as usize].push((i, x));
            }
        }
        // Rare tags were kept while rows were read; drop them now, and
        // whatever is in most examples ("Reuter" at the end of every wire
        // story): it says little of any category, and a feature nearly
        // always present trades weight with the bias without end.
        for c in &mut cols.cols {
            if c.len() < self.min_docs as usize || 2 * c.len() > examples {
                c.clear();
            }
        }
        cols
    }

    /// The rule of the category labelled `label`, fitted on `cols`, the
    /// columns of `features`.
    fn category(
        &self,
        label: String,
        examples: &[Example],
        features: &[Feature],
        cols: &Columns,
    ) -> LearnedCategory {
        let settings = Settings {
            max_terms: self.max_terms,
            l1_ratio: self.l1_ratio,
            ridge: self.ridge,
        };
        let y: Vec<bool> = examples
            .iter()
            .map(|e| e.categories.contains(&label))
            .collect();
        let fit = model::fit(cols, &y, &settings);
        let terms = fit
            .weights
            .iter()
            .map(|&(j, w)| (features[j].clone(), w))
            .collect();
        LearnedCategory {
            name: self
                .names
                .get(&label)
                .cloned()
                .unwrap_or_else(|| label.clone()),
            code: self.names.contains_key(&label).then_some(label),
            bias: fit.bias,
            threshold: self.threshold,
            examples: y.iter().filter(|&&b| b).count(),
            terms,
        }
    }

    fn check(&self, examples: &[Example]) -> Result<(), Error> {
        let mut wrong = Vec::new();
        if examples.is_empty() {
            wrong.push("no examples to learn from".to_string());
        }
        if !(self.l1_ratio > 0.0 && self.l1_ratio <= 1.0) {
            wrong.push(format!("L1 share {} is not in (0, 1]", self.l1_ratio));
        }
        if !(self.threshold > 0.0 && self.threshold < 1.0) {
            wrong.push(format!("threshold {} is not in (0, 1)", self.threshold));
        }
        if !(self.ridge >= 0.0 && self.ridge.is_finite()) {
            wrong.push(format!("ridge {} is not a number of 0 or more", self.ridge));
        }
        problems(wrong)
    }

    /// The labels to learn, in name order.
    fn labels(&self, examples: &[Example]) -> Result<Vec<String>, Error> {
        let mut counts: BTreeMap<&str, u32> = BTreeMap::new();
        for e in examples {
            let mut mine: Vec<&str> = e.categories.iter().map(String::as_str).collect();
            mine.sort_unstable();
            mine.dedup();
            for c in mine {
                *counts.entry(c).or_default() += 1;
            }
        }
        let enough = |l: &str| counts.get(l).is_some_and(|&n| n >= self.min_docs);
        match &self.only {
            None => Ok(counts
                .keys()
                .filter(|l| enough(l))
                .map(|l| l.to_string())
                .collect()),
            Some(only) => {
                let few: Vec<String> = only
                    .iter()
                    .filter(|l| !enough(l))
                    .map(|l| {
                        let n = counts.get(l.as_str()).copied().unwrap_or(0);
                        format!(
                            "category {l:?} has {n} examples, fewer than {}",
                            self.min_docs
                        )
                    })
                    .collect();
                problems(few)?;
                Ok(only.clone())
            }
        }
    }
}

fn problems(messages: Vec<String>) -> Result<(), Error> {
    if messages.is_empty() {
        return Ok(());
    }
    let problems = messages
        .into_iter()
        .map(|m| Problem::new(ProblemKind::InvalidValue, "<examples>", None, m))
        .collect();
    Err(Error::data(problems))
}

/// The rules a [`Learner`] learned: one category each.
#[derive(Clone, Debug)]
pub struct LearnedRules {
    examples: usize,
    /// Whether phrases count by their log count.
    log_counts: bool,
    categories: Vec<LearnedCategory>,
}

impl LearnedRules {
    /// The learned categories, in label order.
    ///
    /// # Example
    ///
    /// See [`LearnedCategory::conditions`].
    pub fn categories(&self) -> impl Iterator<Item = &LearnedCategory> {
        self.categories.iter()
    }

    /// The rules as a rule file (TOML), to save, read and edit.
    ///
    /// # Example
    ///
    /// ```
    /// use gazetag::learn::{Example, Learner};
    /// let ex: Vec<Example> = (0..8)
    ///     .map(|i| Example::new("", if i % 2 == 0 { "the goal was scored" } else { "the shares fell" },
    ///                           [if i % 2 == 0 { "sport" } else { "business" }]))
    ///     .collect();
    /// let toml = Learner::new().min_docs(2).tags(false).learn(&ex)?.to_toml();
    /// assert!(toml.contains("scale = \"logistic\""));
    /// assert!(toml.contains("[category.when.weights]"));
    /// # Ok::<(), gazetag::Error>(())
    /// ```
    pub fn to_toml(&self) -> String {
        write::toml(self.examples, self.log_counts, &self.categories)
    }

    /// The rules compiled, ready for [`Tagger::with_rules`].
    ///
    /// # Errors
    ///
    /// Only if the written rules fail to load, which would be a bug.
    ///
    /// # Example
    ///
    /// See [`Learner`].
    pub fn rule_set(&self) -> Result<RuleSet, Error> {
        RuleSet::builder()
            .add_str("<learned>", &self.to_toml())
            .build()
    }
}
