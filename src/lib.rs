//! gazetag reads news articles and says who and what they are about: the
//! countries, agencies, people, organisations, places and topics they
//! mention, as the tags an editor would give them.
//!
//! It matches a gazetteer of names, acronyms, demonyms and trigger phrases
//! with a trie over the words of a folded copy of the text (case,
//! accents and punctuation ignored), keeps matches on word boundaries whose
//! spelling suits each alias (an acronym must be in capitals, a name
//! capitalised), resolves shared and partial names from context, and
//! scores each entity by how much the article is about it.
//!
//! # Overview
//!
//! - [`Tagger`] tags documents; [`Tagger::default`] uses the embedded data.
//! - [`Tagged`] is the result: [`Tag`]s (one per entity, with a score) and
//!   [`Mention`]s (every place an entity is named, with its [`Span`]);
//!   with [`Tagger::with_dropped`], the names found and then dropped
//!   ([`Dropped`]), each with the [`DropReason`].
//! - [`Gazetteer`] is the compiled data, built with a [`GazetteerBuilder`]
//!   from the embedded data, your own TOML files, or both.
//! - [`Error`] reports every problem in the data at once, with file and line.
//! - [`RuleSet`] holds the "Filed under" rules that suggest the
//!   [`Category`]s of a document, each with the conditions that fired.
//!
//! # Example: tag an article
//!
//! ```
//! let tagger = gazetag::Tagger::default();
//! let doc = tagger.tag_document(
//!     "Mexico reins in U.S. agents",
//!     "Mexico’s government will limit the access of the U.S. Drug \
//!      Enforcement Administration and the CIA to its security agencies, \
//!      Mexican officials said on Monday.",
//! );
//! assert_eq!(doc.tags[0].label, "Mexico");
//! assert_eq!(doc.tags[0].iso.as_deref(), Some("MX"));
//! let labels: Vec<&str> = doc.tags.iter().map(|t| t.label.as_str()).collect();
//! assert!(labels.contains(&"DEA (United States)"));
//! assert!(labels.contains(&"CIA (United States)"));
//! ```
//!
//! # Example: your own data, with or without the default
//!
//! Data files are TOML, one `[[entity]]` table per entity; the [`format`](mod@format)
//! module (built from `data/README.md`) documents every field.
//!
//! ```
//! let mine = r#"
//! [[entity]]
//! id = "person/ana-ruiz"
//! kind = "person"
//! name = "Ana Ruiz"
//! partial = ["Ruiz"]
//! country = "country/mx"
//! roles = ["spokeswoman of the port authority of Veracruz"]
//! "#;
//! let gazetteer = gazetag::Gazetteer::builder()
//!     .with_default_data()
//!     .add_str("people.toml", mine)
//!     .build()?;
//! let doc = gazetag::Tagger::new(gazetteer)
//!     .tag("Ana Ruiz, of Mexico’s port authority, said Ruiz would resign.");
//! assert_eq!(doc.tag("person/ana-ruiz").unwrap().count, 2);
//! # Ok::<(), gazetag::Error>(())
//! ```
//!
//! # Example: JSON output
//!
//! Every output type derives `serde::Serialize`:
//!
//! ```
//! let doc = gazetag::Tagger::default().tag("The FBI arrested him.");
//! let json = serde_json::to_string(doc.tag("agency/fbi").unwrap()).unwrap();
//! assert!(json.starts_with(r#"{"entity":"agency/fbi","kind":"agency","label":"FBI (United States)""#));
//! ```
//!
//! # Example: categories ("Filed under")
//!
//! Categories come from rules written as data: each category has weighted
//! conditions on the tags (an entity, a kind, a country, a topic) and on
//! the text (phrases matched like aliases, regular expressions, in the
//! title or the body, combined with `all`, `any` and `not`). A category is
//! suggested when the weights of the conditions that hold add up to its
//! threshold, and it says which conditions held, on what. The default
//! rules file intelligence and security news, and the top level of the
//! IPTC Media Topics; README.md documents the format.
//!
//! ```
//! let rules = r#"
//! [[category]]
//! name = "drug war"
//! threshold = 2
//!
//! [[category.when]]
//! phrases = ["cartel", "cartels", "drug trafficking"]
//!
//! [[category.when]]
//! regex = '\bkingpins?\b'
//! where = "title"
//! "#;
//! let rules = gazetag::RuleSet::builder().add_str("drugs.toml", rules).build()?;
//! let tagger = gazetag::Tagger::default().with_rules(rules);
//! let doc = tagger.tag_document("Cartel kingpin caught", "Police caught the head of a cartel.");
//! let drug_war = &doc.categories[0];
//! assert_eq!((drug_war.name.as_str(), drug_war.score), ("drug war", 2.0));
//! assert_eq!(drug_war.fired.len(), 2);
//! # Ok::<(), gazetag::Error>(())
//! ```
//!
//! # Matching rules
//!
//! - Text and aliases are *folded*: every run of letters and digits is a
//!   word, lower-cased and stripped of accents; everything else separates
//!   words. "Calderón" matches "Calderon", "al-Qaeda" matches "al Qaeda".
//! - A match must start and end on word boundaries of the original text:
//!   "CIA-backed" and "ex-CIA" name the CIA, "SOCIAL" does not.
//! - Each alias has a case policy: [`Case::Exact`] for acronyms ("US" is
//!   not "us"), [`Case::Name`] for names (capitalised or in capitals, so
//!   "turkey" is not Turkey), [`Case::Any`] for topic phrases.
//! - Leftmost-longest: "Office of the Director of National Intelligence" is
//!   one mention. A longer match that fails the checks never hides a
//!   shorter one that passes.
//! - Spans are byte ranges of the text as given, on char boundaries, and
//!   take in an alias's own punctuation: the span of "U.S." ends after the
//!   last dot.
//!
//! # Data
//!
//! The embedded data covers every country and territory of ISO 3166-1 and
//! the former states news archives name, the intelligence and security
//! agencies, people, organisations and topics of security news. Sources
//! and licences are in `data/README.md`: country names are derived from
//! mledoze/countries (ODbL 1.0).
//!
//! # Performance
//!
//! Matching steps once per word: each word of the folded text is looked up
//! once, in one vocabulary of the aliases' and the rules' words, and a trie
//! over word ids is walked from it, reporting every alias on whole words.
//! On Reuters-21578 news, one thread of a shared 2-core AMD EPYC machine,
//! with the embedded data (12,829 entities, 20,770 aliases):
//!
//! - [`Tagger::tag_document`], the whole pipeline: about 53 MiB/s
//!   (`cargo bench --bench tagging`); the raw aho-corasick scan of the same
//!   folded aliases over pre-folded text runs at about 77 MiB/s;
//! - the `gazetag --jsonl` example, in one session with the peers of
//!   `benches/peers.sh`: 6.5x FlashText, 41x spaCy's PhraseMatcher, 0.56x
//!   a bare aho-corasick scan; two threads 2.00x one;
//! - the default gazetteer builds in about 30-34 ms, and the binary tags
//!   one short article in about 53 ms, start-up included;
//! - over the same word ids, the word trie finds every alias 6.6x faster
//!   than the `aho-corasick` crate's DFA (`cargo bench --bench tagging --
//!   word_automaton`), which is why the trie is kept;
//! - category rules are evaluated only for the categories a document's
//!   phrases and tags can wake (a trigger index), and still add about a
//!   third to the cost of tagging with the default rule sets;
//! - with the salience model, discovery and the learned rules in
//!   (2026-12-06, `ROUNDS=5 bash benches/peers.sh`, an idle 2-core Intel
//!   Xeon): 3.25x FlashText, 0.31x the bare aho-corasick scan, two threads
//!   1.85x one, start-up 80 ms and 31 MB.
//!
//! README.md has the tables and the commands.
//!
//! # Panics and untrusted input
//!
//! Tagging never panics and never fails, on any `&str`: the library has no
//! `unsafe`, never slices a string at a computed offset without checking
//! it, and the property tests in `tests/prop.rs` feed arbitrary Unicode to
//! the tagger and check every span. Building a gazetteer returns an
//! [`Error`] for every problem a caller can cause.
//!
//! # Complexity
//!
//! Tagging is linear in the text's length; the data's shape bounds the
//! constant:
//!
//! - each word of the text is folded once and looked up once, and the
//!   trie walk from it is at most as long as the longest alias, which
//!   loading limits to 32 words;
//! - an acronym's long form is looked for among at most twice its letters'
//!   number of words before it, each word decoded once, however long the
//!   word (unspaced Chinese or Thai is one word);
//! - a title before a person's surname is looked for over at most as many
//!   words as the person has title words;
//! - a name that many entities share is decided once per document for
//!   each set of options and each set of cues found near a mention, so a
//!   mention costs a look at the words around it;
//! - which tags have a mention in the body, for rule conditions with
//!   `where = "body"`, is worked out once per document;
//! - regexes in rules run in linear time (the `regex` crate), with a
//!   compiled size limit.
//!
//! Loading is linear in the data: ids are hashed, and chains of `parent`
//! links (entities and categories) are walked once each. A data or rule
//! file is at most 64 MiB. After each document a thread keeps at most
//! 16 MiB of working memory for the next one.
//!
//! A category filed through subcategories lists at most
//! [`MAX_SUBCATEGORIES`] of them. README.md ("Hostile input") lists the
//! tests that guard each promise.
#![forbid(unsafe_code)]

// The modules form one stack; each imports only modules listed before it
// (measured: no import circle, no import pointing up):
//
//   types, error, sources, diagnose       the crate's vocabulary, loading
//   fold -> words -> patterns             folding, the word trie, case policies
//   matcher / phrases                     the gazetteer's aliases, the rules' phrases
//   gazetteer, output, offsets            the data; what tagging returns
//   fields -> scan                        a document's fields and dateline; one scan
//   discover                              names no list has (between scan and resolve)
//   resolve -> mentions -> aggregate      entities, spans, tags and their salience
//   rules                                 categorize
//   tagger                                the stages in order (Tagger::run)
mod aggregate;
mod byline;
mod common_words;
mod dateline;
mod diagnose;
mod discover;
mod error;
mod fields;
mod fold;
pub mod format;
mod gazetteer;
pub mod learn;
mod matcher;
mod mentions;
mod offsets;
mod output;
mod patterns;
mod phrases;
mod resolve;
mod rules;
mod salience;
mod scan;
mod sources;
mod tagger;
mod types;
mod words;

pub use error::{Error, ErrorKind, Problem, ProblemKind};
pub use gazetteer::{Entity, Gazetteer, GazetteerBuilder};
pub use offsets::{OffsetUnit, ParseOffsetUnitError};
pub use output::{
    Article, Category, DropReason, Dropped, FeatureScore, Fired, Hit, Mention, Reason,
    ScoreExplanation, Tag, Tagged,
};
pub use rules::{MAX_SUBCATEGORIES, RuleSet, RuleSetBuilder};
pub use salience::SalienceModel;
pub use tagger::Tagger;
pub use types::{AliasForm, Case, Evidence, Field, Kind, Span};

/// What the benchmarks in `benches/` need from inside the crate. Not part
/// of the public API: it may change in any release.
#[doc(hidden)]
pub mod bench_support {
    /// Folds a text the way the tagger does before matching: lower-cased,
    /// accent-free words separated by single ASCII spaces.
    pub fn fold(text: &str) -> String {
        crate::fold::fold_str(text)
    }

    /// The word trie over folded patterns, as the tagger scans with it,
    /// for the benchmark that compares it with a byte automaton over the
    /// same word ids.
    #[derive(Debug)]
    pub struct WordScan(crate::words::WordTrie);

    impl WordScan {
        /// The trie of `patterns`: distinct folded texts.
        pub fn new(patterns: &[String]) -> WordScan {
            WordScan(crate::words::WordTrie::new(patterns))
        }

        /// The id of each word of `text` in the trie's vocabulary
        /// (`u32::MAX` for a word no pattern has).
        pub fn ids(&self, text: &str) -> Vec<u32> {
            let mut folded = crate::fold::Folded::default();
            folded.fold(text);
            let mut ids = Vec::new();
            self.0.lookup(&folded, &mut ids);
            ids
        }

        /// The id of each word of `pattern`, a folded text.
        pub fn pattern_ids(&self, pattern: &str) -> Vec<u32> {
            self.ids(pattern)
        }

        /// How many pattern occurrences (all, overlapping) the words
        /// `ids` hold.
        pub fn count(&self, ids: &[u32]) -> usize {
            let mut n = 0;
            self.0.scan(ids, |_, _, _| n += 1);
            n
        }
    }
}

/// The examples of README.md, run as doctests so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
