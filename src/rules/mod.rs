//! "Filed under": categories suggested by declarative rules over the tags
//! and the text of a document.
//!
//! A rule set is a list of categories. Each category has weighted
//! conditions; its score is the sum of the weights of the top-level
//! conditions that hold, and it is suggested when the score reaches its
//! threshold. A suggested category also files the document under its
//! ancestors. The rule format is documented in README.md ("Categories").

mod cond;
mod embedded;
mod load;
mod table;
mod trigger;

use std::path::Path;
use std::sync::{Arc, LazyLock};

use crate::error::Error;
use crate::gazetteer::Gazetteer;
use crate::output::{Category, Fired, Hit};
use crate::phrases::{PhraseHits, Phrases};
use crate::sources::{Read, Source};
pub(crate) use cond::Input;
use cond::{Cond, Doc, Rule};
use trigger::Triggers;

/// A category filed only through its subcategories lists at most this
/// many of them in [`Category::fired`], the best-scoring first: a deep
/// chain of categories under many suggested ones would otherwise repeat
/// each of them at every level.
///
/// # Example
///
/// ```
/// let mut rules = String::from(
///     "[[category]]\nname = \"news\"\n[[category.when]]\nphrases = [\"weather\"]\n",
/// );
/// for n in 0..12 {
///     rules.push_str(&format!(
///         "[[category]]\nname = \"desk {n}\"\nparent = \"news\"\n\
///          [[category.when]]\nphrases = [\"spy\"]\n"
///     ));
/// }
/// let rules = gazetag::RuleSet::builder().add_str("desks.toml", &rules).build()?;
/// let doc = gazetag::Tagger::default()
///     .with_rules(rules)
///     .tag("A spy was arrested in Vienna.");
/// let news = doc.categories.iter().find(|c| c.name == "news").unwrap();
/// assert_eq!(news.fired.len(), gazetag::MAX_SUBCATEGORIES);
/// assert_eq!(doc.categories.len(), 13);
/// # Ok::<(), gazetag::Error>(())
/// ```
pub const MAX_SUBCATEGORIES: usize = 8;

/// A compiled set of category rules.
///
/// Build one with [`RuleSet::builder`]; [`Tagger::default`] uses the
/// embedded rule sets (intelligence and security news, and the top level
/// of the IPTC Media Topics), and [`Tagger::with_rules`] sets others.
///
/// [`Tagger::default`]: crate::Tagger::default
/// [`Tagger::with_rules`]: crate::Tagger::with_rules
///
/// # Example
///
/// ```
/// let rules = r#"
/// [[category]]
/// name = "ports and shipping"
/// threshold = 2
///
/// [[category.when]]
/// phrases = ["port", "vessel", "cargo ship", "tanker"]
/// min_count = 2
///
/// [[category.when]]
/// regex = '(?i)\bstrike\b'
/// "#;
/// let rules = gazetag::RuleSet::builder().add_str("ports.toml", rules).build()?;
/// let tagger = gazetag::Tagger::default().with_rules(rules);
/// let doc = tagger.tag("Dockers went on strike; no vessel left the port.");
/// assert_eq!(doc.categories[0].name, "ports and shipping");
/// assert_eq!(doc.categories[0].score, 2.0);
/// # Ok::<(), gazetag::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct RuleSet {
    rules: Vec<Rule>,
    phrases: Phrases,
    /// Which categories each phrase list and kind of tag can wake.
    triggers: Triggers,
}

/// The embedded rule sets, compiled once.
static DEFAULT_RULES: LazyLock<Arc<RuleSet>> = LazyLock::new(|| {
    let rules = RuleSet::builder().with_default_rules().build();
    Arc::new(rules.expect("the embedded rules are valid: tests/rules.rs builds them"))
});

/// The embedded rule sets, shared.
pub(crate) fn default_rules() -> Arc<RuleSet> {
    Arc::clone(&DEFAULT_RULES)
}

/// Construction and introspection.
impl RuleSet {
    /// A builder with no rules in it yet.
    ///
    /// # Example
    ///
    /// ```
    /// let rules = gazetag::RuleSet::builder().with_default_rules().build()?;
    /// assert!(rules.len() > 30);
    /// # Ok::<(), gazetag::Error>(())
    /// ```
    pub fn builder() -> RuleSetBuilder {
        RuleSetBuilder::default()
    }

    /// A rule set with no categories: documents are filed under nothing.
    ///
    /// # Example
    ///
    /// ```
    /// let tagger = gazetag::Tagger::default().with_rules(gazetag::RuleSet::empty());
    /// assert!(tagger.tag("Two spies were caught.").categories.is_empty());
    /// ```
    pub fn empty() -> RuleSet {
        RuleSet {
            rules: Vec::new(),
            phrases: Phrases::default(),
            triggers: Triggers::default(),
        }
    }

    /// How many categories there are.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(gazetag::RuleSet::empty().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether there are no categories.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(gazetag::RuleSet::empty().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The names of the categories, in load order.
    ///
    /// # Example
    ///
    /// ```
    /// let rules = gazetag::RuleSet::builder().with_default_rules().build()?;
    /// assert!(rules.names().any(|n| n == "crime, law and justice"));
    /// # Ok::<(), gazetag::Error>(())
    /// ```
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.rules.iter().map(|r| &*r.name)
    }

    /// Approximate heap memory held by the phrase word trie and tables, in
    /// bytes (compiled regexes not included).
    ///
    /// # Example
    ///
    /// ```
    /// let rules = gazetag::RuleSet::builder().with_default_rules().build()?;
    /// assert!(rules.memory_usage() > 0);
    /// # Ok::<(), gazetag::Error>(())
    /// ```
    pub fn memory_usage(&self) -> usize {
        self.phrases.memory_usage()
            + self.rules.len() * std::mem::size_of::<Rule>()
            + self.triggers.memory_usage()
    }
}

/// Categorizing.
impl RuleSet {
    /// The phrases of the rule set's phrase conditions, which the scan
    /// stage finds with the gazetteer's aliases (an empty set when there
    /// are no rules).
    pub(crate) fn phrases(&self) -> &Phrases {
        &self.phrases
    }

    /// The categories a document is filed under, best first, given the
    /// phrase hits of its title and body (in any order).
    pub(crate) fn categorize(&self, input: &Input, hits: &mut PhraseHits) -> Vec<Category> {
        if self.rules.is_empty() {
            return Vec::new();
        }
        self.phrases.group(hits);
        let mut awake = vec![false; self.rules.len()];
        let kinds = input.tags.iter().map(|t| t.kind);
        self.triggers.wake(hits.lists_hit(), kinds, &mut awake);
        let doc = Doc::new(input, hits);
        let mut known = Vec::new();
        let mut found: Vec<Option<Category>> = self
            .rules
            .iter()
            .zip(awake)
            .map(|(r, awake)| awake.then(|| self.score(r, &doc, &mut known)).flatten())
            .collect();
        self.file_under_parents(&mut found);
        let mut out: Vec<Category> = found.into_iter().flatten().collect();
        // Stable: equal scores keep rule order.
        out.sort_by(|a, b| b.score.total_cmp(&a.score));
        out
    }

    /// The category of `rule` if its conditions reach its threshold.
    ///
    /// First, what the document has decides which conditions can hold
    /// at all ([`Cond::can_hold`](cond::Cond::can_hold): a phrase list
    /// with no hit, a tag test of a kind the document has no tag of),
    /// and the `weights` tables that can are valued: a category whose
    /// tables and possible conditions together cannot reach its
    /// threshold is passed over without testing anything more, which is
    /// most categories for most documents. The other conditions are then
    /// tested without collecting hits, in order, and only while the
    /// threshold can still be reached; only a category that is suggested
    /// gathers what fired. `known` is room for what each condition adds
    /// (`Some(None)`: it does not hold), reused from rule to rule.
    fn score(
        &self,
        rule: &Rule,
        doc: &Doc,
        known: &mut Vec<Option<Option<f32>>>,
    ) -> Option<Category> {
        let needs = rule.needs;
        // The margin keeps rounding from ever cutting a rule short.
        let out_of_reach = |sum: f32, could_add: f32| sum + could_add < needs - 1e-3;
        known.clear();
        let (mut sum, mut could_add, mut can_be_positive) = (0.0f32, 0.0f32, false);
        for w in &rule.conditions {
            let value = if !w.cond.can_hold(doc) {
                Some(None)
            } else if let Cond::Table { .. } = w.cond {
                let v = w.value(doc);
                sum += v.unwrap_or(0.0);
                can_be_positive |= v.is_some_and(|v| v > 0.0);
                Some(v)
            } else {
                could_add += w.gain;
                can_be_positive |= w.weight > 0.0;
                None
            };
            known.push(value);
        }
        // The logistic scale has a bias: a category may be likely on
        // little evidence, and a negative weight is evidence too.
        if (rule.bias.is_none() && !can_be_positive) || out_of_reach(sum, could_add) {
            return None;
        }
        for (w, value) in rule.conditions.iter().zip(known.iter_mut()) {
            if value.is_some() {
                continue;
            }
            if out_of_reach(sum, could_add) {
                return None;
            }
            could_add -= w.gain;
            let v = w.value(doc);
            sum += v.unwrap_or(0.0);
            *value = Some(v);
        }
        self.filed(rule, doc, known)
    }

    /// The category of `rule` once every condition that can hold is
    /// valued in `known`, if they reach its threshold, with what fired.
    /// The sum is taken again, in the order of the conditions, so that it
    /// does not depend on the order they were valued in.
    fn filed(&self, rule: &Rule, doc: &Doc, known: &[Option<Option<f32>>]) -> Option<Category> {
        let (mut sum, mut positive) = (0.0f32, false);
        for v in known.iter().flatten().flatten() {
            sum += v;
            positive |= *v > 0.0;
        }
        if (rule.bias.is_none() && !positive) || sum < rule.needs {
            return None;
        }
        let fired = rule
            .conditions
            .iter()
            .zip(known.iter())
            .filter(|(_, v)| !matches!(v, Some(None)))
            .filter_map(|(w, _)| w.fired(doc))
            .collect();
        let score = rule.score_of(sum);
        Some(Category {
            name: rule.name.to_string(),
            code: rule.code.as_deref().map(str::to_string),
            parent: self.parent_name(rule),
            score: (score * 1000.0).round() / 1000.0,
            fired,
        })
    }

    fn parent_name(&self, rule: &Rule) -> Option<String> {
        let p = self.rules.get(rule.parent? as usize)?;
        Some(p.name.to_string())
    }

    /// Files the document under the ancestors of every category suggested
    /// on its own conditions, with the subcategory as what fired; an
    /// ancestor suggested on its own keeps its own score and conditions.
    ///
    /// An ancestor lists at most [`MAX_SUBCATEGORIES`] subcategories, the
    /// best-scoring first: subcategories are walked up from in that order,
    /// and a walk stops at an ancestor that is full, whose own ancestors
    /// the walks before filled too. A deep chain of categories under many
    /// suggested ones costs its depth, not its depth times their number
    /// (3,000 of each made 9 million entries, a gigabyte of JSON).
    /// Rules are checked acyclic at load; the walk is bounded anyway.
    fn file_under_parents(&self, found: &mut [Option<Category>]) {
        let own: Vec<bool> = found.iter().map(Option::is_some).collect();
        let mut suggested: Vec<(usize, f32)> = found
            .iter()
            .enumerate()
            .filter_map(|(i, c)| Some((i, c.as_ref()?.score)))
            .collect();
        // Stable: equal scores keep rule order.
        suggested.sort_by(|a, b| b.1.total_cmp(&a.1));
        for (i, score) in suggested {
            let Some(name) = found[i].as_ref().map(|c| c.name.clone()) else {
                continue;
            };
            let mut at = self.rules[i].parent.map(|p| p as usize);
            let mut steps = 0;
            while let Some(p) = at.filter(|&p| !own[p] && steps < self.rules.len()) {
                steps += 1;
                let rule = &self.rules[p];
                let slot = found[p].get_or_insert_with(|| Category {
                    name: rule.name.to_string(),
                    code: rule.code.as_deref().map(str::to_string),
                    parent: self.parent_name(rule),
                    score,
                    fired: Vec::new(),
                });
                if slot.fired.len() >= MAX_SUBCATEGORIES {
                    break;
                }
                slot.score = slot.score.max(score);
                slot.fired.push(Fired {
                    rule: String::new(),
                    condition: format!("subcategory {name:?}"),
                    weight: 0.0,
                    hits: vec![Hit::Category { name: name.clone() }],
                });
                at = rule.parent.map(|p| p as usize);
            }
        }
    }
}

/// Configures and builds a [`RuleSet`].
///
/// Like [`GazetteerBuilder`](crate::GazetteerBuilder), the builder only
/// records sources; [`build`](Self::build) reads, parses, checks and
/// compiles all of them and reports every problem at once, each with its
/// file and line.
///
/// # Example
///
/// ```
/// let rules = gazetag::RuleSet::builder()
///     .with_default_rules()
///     .add_str("mine.toml", "[[category]]\nname = \"spies\"\n[[category.when]]\nphrases = [\"spy\"]\n")
///     .build()?;
/// assert!(rules.names().any(|n| n == "spies"));
/// # Ok::<(), gazetag::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct RuleSetBuilder {
    default_rules: bool,
    sources: Vec<Source>,
}

impl RuleSetBuilder {
    /// Includes the embedded rule sets (`data/rules/intelligence.toml`,
    /// `data/rules/iptc-learned.toml` and `data/rules/iptc.toml`), loaded before any other source so that
    /// other files can name their categories as parents.
    ///
    /// # Example
    ///
    /// ```
    /// let rules = gazetag::RuleSet::builder().with_default_rules().build()?;
    /// assert!(!rules.is_empty());
    /// # Ok::<(), gazetag::Error>(())
    /// ```
    pub fn with_default_rules(&mut self) -> &mut RuleSetBuilder {
        self.default_rules = true;
        self
    }

    /// Adds a rule file, or a directory whose `*.toml` files are read in
    /// name order. Nothing is read until [`build`](Self::build).
    ///
    /// # Example
    ///
    /// ```
    /// let err = gazetag::RuleSet::builder().add_file("no/such/rules.toml").build().unwrap_err();
    /// assert_eq!(err.kind(), gazetag::ErrorKind::Io);
    /// ```
    pub fn add_file<P: AsRef<Path>>(&mut self, path: P) -> &mut RuleSetBuilder {
        self.sources.push(Source::Path(path.as_ref().to_path_buf()));
        self
    }

    /// Adds rules given as a string; `name` is used in problem reports.
    ///
    /// # Example
    ///
    /// ```
    /// let err = gazetag::RuleSet::builder()
    ///     .add_str("mine.toml", "[[category]]\nnme = \"x\"\n")
    ///     .build()
    ///     .unwrap_err();
    /// assert_eq!(err.problems()[0].line(), Some(2));
    /// ```
    pub fn add_str(&mut self, name: &str, contents: &str) -> &mut RuleSetBuilder {
        self.sources.push(Source::Str {
            name: name.to_string(),
            contents: contents.to_string(),
        });
        self
    }

    /// Reads, checks and compiles the rules. Entity ids in conditions are
    /// not checked; see [`build_for`](Self::build_for).
    ///
    /// # Errors
    ///
    /// Returns an [`Error`] listing every problem found: files that cannot
    /// be read, TOML syntax and unknown fields, unknown kinds, empty
    /// phrases, invalid regexes or regexes over the size limit, duplicate
    /// category names, unknown parents and cycles of parents.
    ///
    /// # Example
    ///
    /// ```
    /// let rules = gazetag::RuleSet::builder().build()?;
    /// assert!(rules.is_empty());
    /// # Ok::<(), gazetag::Error>(())
    /// ```
    pub fn build(&self) -> Result<RuleSet, Error> {
        self.build_checked(None)
    }

    /// Like [`build`](Self::build), and also checks that every `entity`,
    /// `country` and `topic` a condition names is an entity of
    /// `gazetteer`, of the right kind.
    ///
    /// # Errors
    ///
    /// As [`build`](Self::build), plus a
    /// [`DanglingLink`](crate::ProblemKind::DanglingLink) problem for each
    /// unknown id.
    ///
    /// # Example
    ///
    /// ```
    /// let tagger = gazetag::Tagger::default();
    /// let rules = "[[category]]\nname = \"x\"\n[[category.when]]\nentity = \"agency/nope\"\n";
    /// let err = gazetag::RuleSet::builder()
    ///     .add_str("x.toml", rules)
    ///     .build_for(tagger.gazetteer())
    ///     .unwrap_err();
    /// assert_eq!(err.problems()[0].kind(), gazetag::ProblemKind::DanglingLink);
    /// assert_eq!(err.problems()[0].line(), Some(4));
    /// ```
    pub fn build_for(&self, gazetteer: &Gazetteer) -> Result<RuleSet, Error> {
        self.build_checked(Some(gazetteer))
    }

    fn build_checked(&self, gazetteer: Option<&Gazetteer>) -> Result<RuleSet, Error> {
        let embedded = self.default_rules.then_some(embedded::FILES);
        let read = Read::all(embedded, &self.sources, &["toml"]);
        let loaded = load::load(&read.texts, gazetteer);
        read.finish(loaded, |loaded| {
            let phrases = loaded.phrases.build()?;
            Ok(RuleSet {
                triggers: Triggers::new(&loaded.rules, phrases.lists()),
                rules: loaded.rules,
                phrases,
            })
        })
    }
}
