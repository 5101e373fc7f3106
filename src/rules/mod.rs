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
mod phrases;

use std::cell::OnceCell;
use std::path::Path;
use std::sync::{Arc, LazyLock};

use serde::Serialize;

use crate::error::Error;
use crate::gazetteer::Gazetteer;
use crate::output::{Field, Mention, Tag};
use crate::patterns::Words;
use crate::sources::{Read, Source};
use crate::words::WordTrie;
use cond::{Cond, Doc};
pub(crate) use phrases::PhraseHits;
use phrases::Phrases;

/// A category the document is filed under, with why.
///
/// Serialises as `{"name", "code"?, "parent"?, "score", "evidence"}`.
///
/// # Example
///
/// ```
/// let doc = gazetag::Tagger::default().tag_document(
///     "Spy ring broken up",
///     "Counterintelligence officers arrested two suspected spies accused \
///      of espionage for a foreign intelligence service.",
/// );
/// let c = doc
///     .categories
///     .iter()
///     .find(|c| c.name.starts_with("Expert news and commentary on intelligence"))
///     .unwrap();
/// assert!(c.score >= 1.0);
/// assert!(!c.evidence.is_empty());
/// ```
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Category {
    /// The category's name, as in the rule set.
    pub name: String,
    /// The category's code, if the rule set gives one (`medtop:16000000`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The name of the parent category, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The sum of the weights of the conditions that held (for a category
    /// suggested only through a subcategory, that subcategory's score).
    pub score: f32,
    /// Every condition that held, in rule order.
    pub evidence: Vec<Fired>,
}

/// One condition that held, and on what.
///
/// # Example
///
/// ```
/// let doc = gazetag::Tagger::default()
///     .tag("Two spies were charged with espionage on Monday.");
/// let trials = doc
///     .categories
///     .iter()
///     .find(|c| c.name == "Defectors, moles and spies on trial")
///     .unwrap();
/// let fired = &trials.evidence[0];
/// assert!(fired.rule.starts_with("<default>/rules/"));
/// assert!(!fired.hits.is_empty());
/// ```
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fired {
    /// Where the condition is written: `file:line` (empty when a
    /// subcategory filed the document here).
    pub rule: String,
    /// The condition's `label`, or a short description of it.
    pub condition: String,
    /// The condition's weight, added to the category's score.
    pub weight: f32,
    /// The tags, spans of text or subcategories that made it hold (at most
    /// eight; a `not` holds on nothing).
    pub hits: Vec<Hit>,
}

/// What a condition held on.
///
/// Serialises with a `"type"` field: `{"type": "tag", "entity", "label"}`,
/// `{"type": "text", "field", "start", "end", "text"}` or
/// `{"type": "category", "name"}`.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Hit {
    /// A tag of the document.
    Tag {
        /// The tag's entity id.
        entity: String,
        /// The tag's label.
        label: String,
    },
    /// A phrase or regex match: bytes `start..end` of the title or body.
    Text {
        /// Which field the match is in.
        field: Field,
        /// First byte of the match in that field.
        start: usize,
        /// One past the last byte.
        end: usize,
        /// The text as written.
        text: String,
    },
    /// A subcategory that was suggested, filing the document here too.
    Category {
        /// The subcategory's name.
        name: String,
    },
}

/// One compiled category.
#[derive(Clone, Debug)]
pub(crate) struct Rule {
    pub(crate) name: Box<str>,
    pub(crate) code: Option<Box<str>>,
    /// Index of the parent category.
    pub(crate) parent: Option<u32>,
    pub(crate) threshold: f32,
    pub(crate) conditions: Vec<Weighted>,
}

/// A top-level condition with its weight.
#[derive(Clone, Debug)]
pub(crate) struct Weighted {
    pub(crate) weight: f32,
    pub(crate) cond: Cond,
    pub(crate) label: Box<str>,
    /// `file:line` of the condition.
    pub(crate) rule: Box<str>,
}

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

    /// Approximate heap memory held by the phrase automaton and tables, in
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
        self.phrases.memory_usage() + self.rules.len() * std::mem::size_of::<Rule>()
    }
}

/// What the categorizer reads of a tagged document.
#[derive(Debug)]
pub(crate) struct Input<'a> {
    pub(crate) gazetteer: &'a Gazetteer,
    pub(crate) title: &'a str,
    pub(crate) body: &'a str,
    pub(crate) tags: &'a [Tag],
    pub(crate) mentions: &'a [Mention],
}

/// Categorizing.
impl RuleSet {
    /// The word trie of the rule set's phrases, whose vocabulary the tagger
    /// joins with the gazetteer's.
    pub(crate) fn phrase_trie(&self) -> &WordTrie {
        self.phrases.trie()
    }

    /// Appends the phrase hits of one field (token ids from
    /// [`phrase_trie`](Self::phrase_trie)) to `hits`, for
    /// [`categorize`](Self::categorize).
    pub(crate) fn scan_phrases(&self, words: Words, scratch: &mut String, hits: &mut PhraseHits) {
        if !self.rules.is_empty() {
            self.phrases.scan(words, scratch, hits);
        }
    }

    /// The categories a document is filed under, best first, given the
    /// phrase hits of its title and body (in any order).
    pub(crate) fn categorize(&self, input: &Input, hits: &mut PhraseHits) -> Vec<Category> {
        if self.rules.is_empty() {
            return Vec::new();
        }
        self.phrases.group(hits);
        let doc = Doc {
            input,
            phrase_hits: hits,
            keys: OnceCell::new(),
        };
        let mut found: Vec<Option<Category>> =
            self.rules.iter().map(|r| self.score(r, &doc)).collect();
        self.file_under_parents(&mut found);
        let mut out: Vec<Category> = found.into_iter().flatten().collect();
        // Stable: equal scores keep rule order.
        out.sort_by(|a, b| b.score.total_cmp(&a.score));
        out
    }

    /// The category of `rule` if its conditions reach its threshold. The
    /// conditions are tested without collecting evidence first; only a
    /// category that is suggested gathers its evidence.
    fn score(&self, rule: &Rule, doc: &Doc) -> Option<Category> {
        let mut score = 0.0f32;
        let mut positive = false;
        // What the conditions not yet tested could still add: once even
        // all of it could not reach the threshold, the rest need not be
        // tested (with a margin, so rounding never cuts a rule short).
        let mut could_add: f32 = rule.conditions.iter().map(|w| w.weight.max(0.0)).sum();
        for w in &rule.conditions {
            if score + could_add < rule.threshold - 1e-3 {
                return None;
            }
            could_add -= w.weight.max(0.0);
            if w.cond.holds(doc, None) {
                score += w.weight;
                positive |= w.weight > 0.0;
            }
        }
        if !positive || score < rule.threshold {
            return None;
        }
        let mut evidence = Vec::new();
        for w in &rule.conditions {
            let mut hits = Vec::new();
            if w.cond.holds(doc, Some(&mut hits)) {
                evidence.push(Fired {
                    rule: w.rule.to_string(),
                    condition: w.label.to_string(),
                    weight: w.weight,
                    hits,
                });
            }
        }
        Some(Category {
            name: rule.name.to_string(),
            code: rule.code.as_deref().map(str::to_string),
            parent: self.parent_name(rule),
            score: (score * 1000.0).round() / 1000.0,
            evidence,
        })
    }

    fn parent_name(&self, rule: &Rule) -> Option<String> {
        let p = self.rules.get(rule.parent? as usize)?;
        Some(p.name.to_string())
    }

    /// Files the document under the ancestors of every category suggested
    /// on its own conditions, with the subcategory as evidence; an
    /// ancestor suggested on its own keeps its own score and evidence.
    /// Rules are checked acyclic at load; the walk is bounded anyway.
    fn file_under_parents(&self, found: &mut [Option<Category>]) {
        let own: Vec<bool> = found.iter().map(Option::is_some).collect();
        for i in (0..found.len()).filter(|&i| own[i]) {
            let Some((name, score)) = found[i].as_ref().map(|c| (c.name.clone(), c.score)) else {
                continue;
            };
            let mut at = self.rules[i].parent.map(|p| p as usize);
            let mut steps = 0;
            while let Some(p) = at.filter(|&p| !own[p] && steps < self.rules.len()) {
                steps += 1;
                let rule = &self.rules[p];
                let fired = Fired {
                    rule: String::new(),
                    condition: format!("subcategory {name:?}"),
                    weight: 0.0,
                    hits: vec![Hit::Category { name: name.clone() }],
                };
                let slot = found[p].get_or_insert_with(|| Category {
                    name: rule.name.to_string(),
                    code: rule.code.as_deref().map(str::to_string),
                    parent: self.parent_name(rule),
                    score,
                    evidence: Vec::new(),
                });
                slot.score = slot.score.max(score);
                slot.evidence.push(fired);
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
    /// Includes the embedded rule sets (`data/rules/intelligence.toml` and
    /// `data/rules/iptc.toml`), loaded before any other source so that
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
            Ok(RuleSet {
                rules: loaded.rules,
                phrases: loaded.phrases.build()?,
            })
        })
    }
}
