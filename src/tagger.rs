//! The tagger: the pipeline from text to [`Tagged`].

use std::cell::RefCell;
use std::fmt;
use std::sync::{Arc, LazyLock};

use crate::aggregate::{DEFAULT_MIN_SCORE, Doc, aggregate};
use crate::byline::{Writers, author_spans, blank};
use crate::discover::{self, Discovered, Discovery, Found, discover};
use crate::fields::{FieldInput, fields};
use crate::fold::Folded;
use crate::gazetteer::{Gazetteer, default_gazetteer};
use crate::mentions::{Mentions, dropped, mentions};
use crate::output::{Article, Tag, Tagged};
use crate::phrases::PhraseHits;
use crate::resolve::{Resolved, Unresolved, resolve};
use crate::rules::{Input, RuleSet, default_rules};
use crate::salience::{DocFacts, SalienceModel, default_model};
use crate::scan::{ScanBuffers, Scanner};
use crate::types::Evidence;

/// Tags documents with the entities of a [`Gazetteer`].
///
/// A `Tagger` is cheap to clone (the gazetteer sits behind an [`Arc`]),
/// `Send` and `Sync`: build it once and share it between threads.
/// Tagging never fails and never panics, whatever the text.
///
/// # The default tagger
///
/// [`Tagger::default`] uses the data embedded in the crate. It is built
/// once per process, on first use, and every later call clones it; call
/// it at start-up to pay the build cost there rather than on the first
/// article.
///
/// Measured with `cargo bench --bench tagging` on a shared 2-core machine
/// (12,829 entities, 20,770 aliases): the build takes about 30-34 ms (the data
/// files are parsed on every core); the gazetteer holds about 8 MB
/// ([`Gazetteer::memory_usage`]), and the `gazetag` binary peaks at about
/// 32 MB resident tagging 20 MB of news in one thread.
///
/// # Salience
///
/// Each tag's `score` is the estimated probability that an editor would
/// give the document this tag, from a [`SalienceModel`]: one logistic
/// model per kind of entity over a few features of the entity in the
/// document, computed from its mentions: how many there are by
/// [evidence](crate::Evidence) (names, demonyms, capitals standing for a
/// government, places in a country, national bodies of a country, the
/// country's money, agencies and people implying it), whether the title,
/// the dateline or the first sentence names it, where its first mention
/// falls, its share of the document's mentions and against the most
/// mentioned entity of its kind, how many others of its kind there are,
/// the length of the document, a title before a person's name, whether
/// the tag is only derived, and whether the document has a dateline.
/// `data/README.md` defines each feature; the weights are
/// `data/salience.toml`, fitted by `scripts/train_salience.py` on the
/// Reuters-21578 training stories (README.md has the cross-validated
/// figures and the calibration table), and you can fit your own on your
/// archive. [`Tagger::with_explained_scores`] shows each feature's value
/// and contribution.
///
/// An agency or person implies its country: when the document does not
/// name that country itself (nor a place or national body in it), it gets
/// a *derived* tag (`derived: true`, `derived_from` the most mentioned
/// entity implying it, `count: 0`, `supporting` the mentions of the
/// entities implying it), scored by the same model. A country named
/// directly is never counted twice. A tag's `count` is always of the
/// entity's own mentions; the places and national bodies that count for a
/// country are its `supporting` mentions.
///
/// [`Tagged::tags`] holds the *suggested* tags: those scoring at least the
/// tagger's [minimum score](Tagger::with_min_score), 0.5 unless set: more
/// likely than not. Every mention stays in [`Tagged::mentions`], and
/// category rules see every tag.
///
/// # Example
///
/// ```
/// let tagger = gazetag::Tagger::default();
/// let doc = tagger.tag_document(
///     "CIA chief visits Mexico",
///     "The director of the Central Intelligence Agency met Mexican \
///      officials in Mexico City to discuss the war on drugs.",
/// );
/// let labels: Vec<&str> = doc.tags.iter().map(|t| t.label.as_str()).collect();
/// assert_eq!(labels[..2], ["CIA (United States)", "Mexico"]);
/// assert!(labels.contains(&"war on drugs"));
/// ```
#[derive(Clone)]
pub struct Tagger {
    gazetteer: Arc<Gazetteer>,
    /// The "Filed under" rules, shared between clones.
    rules: Arc<RuleSet>,
    /// Finds the gazetteer's aliases and the rules' phrases in one pass.
    scanner: Arc<Scanner>,
    /// The model that scores tags, shared between clones.
    salience: Arc<SalienceModel>,
    min_score: f32,
    /// The word lists of the discover stage; `None` when it is off.
    discovery: Option<Arc<Discovery>>,
    /// Whether aliases and phrases match in any case
    /// ([`with_any_case`](Self::with_any_case)).
    any_case: bool,
    /// Whether tags carry their score's explanation, and the tags below
    /// the minimum score are kept.
    explain: bool,
    /// Whether results keep the names resolution dropped
    /// ([`with_dropped`](Self::with_dropped)).
    keep_dropped: bool,
}

/// Short: the gazetteer and the rules by their size, not their tables.
impl fmt::Debug for Tagger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tagger")
            .field("gazetteer", &self.gazetteer)
            .field("categories", &self.rules.len())
            .field("min_score", &self.min_score)
            .field("discovery", &self.discovery.is_some())
            .field("any_case", &self.any_case)
            .field("explain", &self.explain)
            .field("keep_dropped", &self.keep_dropped)
            .finish_non_exhaustive()
    }
}

static DEFAULT: LazyLock<Tagger> = LazyLock::new(|| {
    let gazetteer =
        default_gazetteer().expect("the embedded data is valid: tests/data.rs builds it");
    Tagger::new(gazetteer)
});

impl Default for Tagger {
    /// The tagger over the embedded default data, built on first use.
    fn default() -> Tagger {
        DEFAULT.clone()
    }
}

/// Per-thread buffers, reused from one document to the next so that
/// tagging does not allocate its working memory every time.
#[derive(Default)]
struct Scratch {
    title: Folded,
    dateline: Folded,
    body: Folded,
    scan: ScanBuffers,
    phrase_hits: PhraseHits,
    resolved: Vec<Resolved>,
    unresolved: Vec<Unresolved>,
    found: Vec<Found>,
    discover: discover::Buffers,
    /// The body with its writers' names blanked out, when it has a
    /// byline.
    unbylined: String,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// The most working memory a thread keeps from one document to the next,
/// in bytes. The buffers grow with the largest document tagged (about
/// 25 bytes per byte of text); after a document that needs more than this
/// they are freed, so that a long-running service does not hold its worst
/// document's memory (800 MB after a 100 MB document) for as long as the
/// thread lives. News articles stay far below it and reuse their buffers.
pub(crate) const SCRATCH_KEEP: usize = 16 << 20;

impl Scratch {
    /// The bytes the buffers hold on to (their capacity, not their use).
    fn bytes(&self) -> usize {
        fn vec<T>(v: &Vec<T>) -> usize {
            v.capacity() * size_of::<T>()
        }
        let folded = |f: &Folded| f.text.capacity() + vec(&f.tokens);
        folded(&self.title)
            + folded(&self.dateline)
            + folded(&self.body)
            + self.scan.bytes()
            + self.phrase_hits.bytes()
            + vec(&self.resolved)
            + vec(&self.unresolved)
            + vec(&self.found)
            + self.discover.bytes()
            + self.unbylined.capacity()
    }

    /// Frees the buffers if they hold more than [`SCRATCH_KEEP`].
    fn release_if_large(&mut self) {
        if self.bytes() > SCRATCH_KEEP {
            *self = Scratch::default();
        }
    }
}

/// Construction and settings.
impl Tagger {
    /// A tagger over `gazetteer`, suggesting tags that score at least 0.5,
    /// with the embedded category rules and salience model.
    ///
    /// # Example
    ///
    /// ```
    /// let g = gazetag::Gazetteer::builder().with_default_data().build()?;
    /// let tagger = gazetag::Tagger::new(g);
    /// assert!(tagger.tag("Interpol").tag("org/interpol").is_some());
    /// # Ok::<(), gazetag::Error>(())
    /// ```
    pub fn new(gazetteer: Gazetteer) -> Tagger {
        let rules = default_rules();
        let discovery = Some(Arc::new(Discovery::new(&gazetteer)));
        let scanner = Arc::new(Scanner::new(gazetteer.matcher(), rules.phrases()));
        Tagger {
            gazetteer: Arc::new(gazetteer),
            rules,
            scanner,
            salience: default_model(),
            min_score: DEFAULT_MIN_SCORE,
            discovery,
            any_case: false,
            explain: false,
            keep_dropped: false,
        }
    }

    /// The same tagger, matching every alias and phrase in any case
    /// (`on`), or with each alias's case policy (the default).
    ///
    /// For corpora that come lower-cased or in capitals throughout, where
    /// case says nothing: "the cia and the fbi met in washington" names
    /// three entities only in this mode. It costs precision on ordinary
    /// text, since everyday words that are also names count ("us", "turkey",
    /// "chad", "reading"): on the Reuters-21578 training stories, lower-cased,
    /// see README.md, section "Lower-cased text", for the measured figures.
    /// Resolution and discovery still read capitals where the text has
    /// them, so on lower-cased text fewer surnames and no new names are
    /// found.
    ///
    /// # Example
    ///
    /// ```
    /// let text = "the cia and the fbi met in washington on monday.";
    /// let tagger = gazetag::Tagger::default();
    /// assert!(tagger.tag(text).tags.is_empty());
    /// let doc = tagger.clone().with_any_case(true).tag(text);
    /// assert!(doc.tag("agency/cia").is_some());
    /// assert!(doc.tag("agency/fbi").is_some());
    /// ```
    pub fn with_any_case(mut self, on: bool) -> Tagger {
        self.any_case = on;
        self
    }

    /// The same tagger, keeping in [`Tagged::dropped`] the names it found
    /// and then dropped (`on`), or not (the default): a name several
    /// entities share that nothing in the document decided, a surname of
    /// a person the document does not name in full, and the like, each
    /// with the [reason](crate::DropReason) resolution gave it up and the
    /// entities it could still name. They explain a tag that is missing;
    /// they change nothing else.
    ///
    /// # Example
    ///
    /// ```
    /// let text = "Talks in Georgia were delayed again.";
    /// let doc = gazetag::Tagger::default().with_dropped(true).tag(text);
    /// // The country, or the US state? Nothing in the text says.
    /// let georgia = &doc.dropped[0];
    /// assert_eq!(&text[georgia.span.range()], "Georgia");
    /// assert_eq!(georgia.reason, gazetag::DropReason::Undecided);
    /// assert!(georgia.entities.contains(&"country/ge".to_string()));
    /// assert!(doc.mentions.is_empty());
    ///
    /// // Without it, nothing says what became of "Georgia".
    /// assert!(gazetag::Tagger::default().tag(text).dropped.is_empty());
    /// ```
    pub fn with_dropped(mut self, on: bool) -> Tagger {
        self.keep_dropped = on;
        self
    }

    /// The same tagger, with the discover stage on (the default) or off.
    ///
    /// Discovery finds the people and organisations the gazetteer does not
    /// list, when the text shows what they are: a title or role before a
    /// name ("Finance Minister Gerhard Stoltenberg"), a known given name
    /// before a surname, a verb of speech ("..., said Anna Petrova"), an
    /// apposition ("Ivan Petrov, the head of ..."), an organisation word
    /// ending a name ("Sumitomo Bank"), a city in a sports result (a team),
    /// the place of a dateline on a line of its own ("COMMACK, New York
    /// 1996-08-24"). Their tags have ids such as
    /// `person/~gerhard-stoltenberg`, `org/~sumitomo-bank` and
    /// `place/~commack`, and `discovered: true`. It also keeps places
    /// from being found inside people's names ("Sydney Sweeney"). Off, only
    /// the gazetteer's names (and the acronyms the text defines) are found.
    ///
    /// # Example
    ///
    /// ```
    /// let text = "Finance Minister Halvard Stoltenberg said Stoltenberg would stay.";
    /// let on = gazetag::Tagger::default().with_min_score(0.0);
    /// let tag = on.tag(text);
    /// let person = tag.tag("person/~halvard-stoltenberg").unwrap();
    /// assert!(person.discovered);
    /// assert_eq!(person.count, 2);
    /// let off = on.clone().with_discovery(false);
    /// assert!(off.tag(text).tag("person/~halvard-stoltenberg").is_none());
    /// ```
    pub fn with_discovery(mut self, on: bool) -> Tagger {
        self.discovery = match (on, self.discovery.take()) {
            (true, Some(d)) => Some(d),
            (true, None) => Some(Arc::new(Discovery::new(&self.gazetteer))),
            (false, _) => None,
        };
        self
    }

    /// Whether the discover stage is on.
    pub fn discovery(&self) -> bool {
        self.discovery.is_some()
    }

    /// The same tagger, keeping only tags whose score (the probability
    /// that an editor would give the tag) is at least `min_score` (a value
    /// that is not a number counts as 0).
    ///
    /// # Example
    ///
    /// ```
    /// // Only tags at least 90% likely.
    /// let tagger = gazetag::Tagger::default().with_min_score(0.9);
    /// let doc = tagger.tag("Russia and the FSB, Russia again, and once Peru.");
    /// assert!(doc.tag("country/ru").is_some());
    /// assert!(doc.tag("country/pe").is_none());
    /// assert!(doc.mentions.iter().any(|m| m.entity == "country/pe"));
    /// ```
    pub fn with_min_score(mut self, min_score: f32) -> Tagger {
        self.min_score = if min_score.is_nan() { 0.0 } else { min_score };
        self
    }

    /// The same tagger, filing documents under the categories of `rules`
    /// instead of the embedded rule sets.
    ///
    /// # Example
    ///
    /// ```
    /// let rules = "[[category]]\nname = \"cocoa\"\n[[category.when]]\nphrases = [\"cocoa\"]\n";
    /// let rules = gazetag::RuleSet::builder().add_str("cocoa.toml", rules).build()?;
    /// let tagger = gazetag::Tagger::default().with_rules(rules);
    /// assert_eq!(tagger.tag("Cocoa prices rose.").categories[0].name, "cocoa");
    /// # Ok::<(), gazetag::Error>(())
    /// ```
    pub fn with_rules(mut self, rules: RuleSet) -> Tagger {
        self.scanner = Arc::new(Scanner::new(self.gazetteer.matcher(), rules.phrases()));
        self.rules = Arc::new(rules);
        self
    }

    /// The same tagger, scoring tags with `model` instead of the embedded
    /// weights (`data/salience.toml`).
    ///
    /// # Example
    ///
    /// ```
    /// // A model that gives every tag of a kind without a table of its
    /// // own a probability of one half, whatever the evidence.
    /// let model = gazetag::SalienceModel::from_toml("flat.toml", "[default]\n")?;
    /// let tagger = gazetag::Tagger::default().with_salience(model);
    /// assert_eq!(tagger.tag("The IMF met.").tag("org/imf").unwrap().score, 0.5);
    /// # Ok::<(), gazetag::Error>(())
    /// ```
    pub fn with_salience(mut self, model: SalienceModel) -> Tagger {
        self.salience = Arc::new(model);
        self
    }

    /// The same tagger, explaining its scores or not: with `true`, each
    /// tag carries its [`explanation`](crate::Tag::explanation) (each
    /// feature's value and contribution to the score), and the tags left
    /// below the minimum score are kept in
    /// [`Tagged::below_min_score`].
    ///
    /// # Example
    ///
    /// ```
    /// let tagger = gazetag::Tagger::default().with_explained_scores(true);
    /// let doc = tagger.tag_document(
    ///     "Peru signs pact",
    ///     "Peru and Chile signed a trade pact, Peruvian officials said.",
    /// );
    /// let peru = doc.tag("country/pe").unwrap();
    /// assert_eq!(peru.explanation.as_ref().unwrap().model, "country");
    /// assert!(doc.below_min_score.iter().all(|t| t.score < 0.5));
    /// ```
    pub fn with_explained_scores(mut self, explain: bool) -> Tagger {
        self.explain = explain;
        self
    }

    /// The model that scores tags.
    pub fn salience(&self) -> &SalienceModel {
        &self.salience
    }

    /// The category rules the tagger uses.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The minimum score of the tags this tagger returns.
    pub fn min_score(&self) -> f32 {
        self.min_score
    }

    /// The gazetteer the tagger uses.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }
}

/// Tagging.
impl Tagger {
    /// Tags an article given as one text (its body). A first line set
    /// apart by a blank line and not ended by a full stop is read as the
    /// headline: its names count as the title's
    /// ([`Tag::in_title`](crate::Tag::in_title)), though their mentions
    /// stay in the body with spans into `text`.
    ///
    /// # Example
    ///
    /// ```
    /// let text = "Peru’s DINI and the U.S. DEA signed a pact.";
    /// let doc = gazetag::Tagger::default().tag(text);
    /// let us = doc.mentions.iter().find(|m| m.entity == "country/us").unwrap();
    /// assert_eq!(&text[us.span.range()], "U.S.");
    ///
    /// let story = "Peru signs pact with Chile\n\nThe two governments agreed on trade.";
    /// let doc = gazetag::Tagger::default().tag(story);
    /// assert!(doc.tag("country/pe").unwrap().in_title);
    /// ```
    pub fn tag(&self, text: &str) -> Tagged {
        self.tag_document("", text)
    }

    /// Tags an article with a separate title, which weighs more in the
    /// scores. Title mentions come first in [`Tagged::mentions`], with
    /// spans into `title`.
    ///
    /// # Example
    ///
    /// ```
    /// let doc = gazetag::Tagger::default()
    ///     .tag_document("GCHQ warns of hacking", "Britain’s GCHQ said on Monday ...");
    /// assert!(doc.tag("agency/gchq").unwrap().in_title);
    /// let britain = doc.mentions.iter().find(|m| m.entity == "country/gb").unwrap();
    /// assert_eq!(britain.field, gazetag::Field::Body);
    /// ```
    pub fn tag_document(&self, title: &str, body: &str) -> Tagged {
        self.tag_article(&Article {
            title,
            body,
            dateline: "",
        })
    }

    /// Tags an article given in parts: title, dateline and body. Mentions
    /// in the dateline (given, or recognised at the top of the body) are
    /// evidence of where the story is, and weigh heavily.
    ///
    /// # Example
    ///
    /// ```
    /// let article = gazetag::Article {
    ///     body: "MOSCOW (Reuters) - Police detained a man near the Kremlin.",
    ///     ..Default::default()
    /// };
    /// let doc = gazetag::Tagger::default().tag_article(&article);
    /// assert_eq!(doc.mentions[0].text, "MOSCOW");
    /// assert_eq!(doc.mentions[0].evidence, gazetag::Evidence::Dateline);
    /// assert_eq!(doc.tags[0].entity, "country/ru");
    /// ```
    pub fn tag_article(&self, article: &Article) -> Tagged {
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => {
                let tagged = self.run(article, &mut scratch);
                scratch.release_if_large();
                tagged
            }
            // Only reachable if tagging re-entered itself on this thread.
            Err(_) => self.run(article, &mut Scratch::default()),
        })
    }

    /// The discover and resolve stages: names no list has, between scan
    /// and resolve, then which entity each name of `fields` means, into
    /// `resolved` (and `unresolved`, what resolution dropped). Returns the
    /// names discovery made entities of.
    fn discover_and_resolve(
        &self,
        fields: &mut [FieldInput],
        buffers: &mut discover::Buffers,
        found: &mut Vec<Found>,
        resolved: &mut Vec<Resolved>,
        unresolved: &mut Vec<Unresolved>,
    ) -> Vec<Discovered> {
        let g = &*self.gazetteer;
        resolved.clear();
        unresolved.clear();
        found.clear();
        let mut discovered = Vec::new();
        if let Some(d) = &self.discovery {
            discover(d, fields, buffers, found, &mut discovered);
        }
        resolve(g, fields, found, resolved, unresolved, &mut discovered);
        discovered
    }

    /// Keeps the tags that reach the minimum score (`tags` are in score
    /// order); returns the others when scores are explained, and drops
    /// them otherwise.
    fn keep_min_score(&self, tags: &mut Vec<Tag>) -> Vec<Tag> {
        if self.explain {
            let kept = tags.partition_point(|t| t.score >= self.min_score);
            tags.split_off(kept)
        } else {
            tags.retain(|t| t.score >= self.min_score);
            Vec::new()
        }
    }

    /// The tags of a document's entities, each scored by the salience
    /// model, best first.
    fn score_tags(&self, facts: DocFacts) -> Vec<Tag> {
        aggregate(&Doc {
            facts,
            model: &self.salience,
            explain: self.explain,
        })
    }

    /// The pipeline, stage by stage: fold, scan, discover, resolve, mentions,
    /// aggregate, categorize.
    fn run(&self, article: &Article, s: &mut Scratch) -> Tagged {
        let g = &*self.gazetteer;
        let written = article.body;
        let authors = author_spans(written);
        let article = &without_writers(article, &authors, &mut s.unbylined);
        s.title.fold(article.title);
        s.dateline.fold(article.dateline);
        s.body.fold(article.body);
        let mut fields = fields(article, [&s.title, &s.dateline, &s.body]);
        let phrases = self.rules.phrases();
        let (buffers, hits) = (&mut s.scan, &mut s.phrase_hits);
        let any_case = self.any_case;
        self.scanner
            .scan(g.matcher(), phrases, any_case, &mut fields, buffers, hits);
        let discovered = self.discover_and_resolve(
            &mut fields,
            &mut s.discover,
            &mut s.found,
            &mut s.resolved,
            &mut s.unresolved,
        );
        let Mentions { mentions, targets } = mentions(g, &fields, &s.resolved, &discovered);
        let dropped = if self.keep_dropped {
            dropped(g, &fields, &s.unresolved, Writers::new(written, &authors))
        } else {
            Vec::new()
        };
        let facts = DocFacts {
            gazetteer: g,
            title: article.title,
            body: article.body,
            body_words: s.body.tokens.len(),
            mentions: &mentions,
            targets: &targets,
            dated: mentions.iter().any(|m| m.evidence == Evidence::Dateline),
            discovered: &discovered,
            headline: fields.get(2).map_or(0, |f| f.headline),
        };
        let mut tags = self.score_tags(facts);
        // Rules see every tag; the minimum score only chooses which tags
        // are suggested.
        let input = Input {
            gazetteer: g,
            title: article.title,
            body: article.body,
            tags: &tags,
            mentions: &mentions,
            targets: &targets,
        };
        let categories = self.rules.categorize(&input, &mut s.phrase_hits);
        let below_min_score = self.keep_min_score(&mut tags);
        Tagged {
            tags,
            below_min_score,
            mentions,
            categories,
            dropped,
        }
    }
}

/// `article` with the writers' names (`authors`, from
/// [`author_spans`]) blanked out of its body into `out`, at the same
/// offsets, so that no stage reads them; `article` itself when it names
/// no writer.
fn without_writers<'a>(
    article: &Article<'a>,
    authors: &[std::ops::Range<usize>],
    out: &'a mut String,
) -> Article<'a> {
    if authors.is_empty() {
        return *article;
    }
    blank(article.body, authors, out);
    let out: &'a String = out;
    Article {
        body: out,
        ..*article
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch_bytes() -> usize {
        SCRATCH.with(|cell| cell.borrow().bytes())
    }

    #[test]
    fn a_large_document_leaves_no_large_buffers_behind() {
        let tagger = Tagger::new(Gazetteer::builder().build().unwrap());
        let small = "Officials in Mexico City said the talks would go on.";
        tagger.tag(small);
        let kept = scratch_bytes();
        assert!(kept > 0, "a small document's buffers are kept for the next");
        tagger.tag(small);
        assert_eq!(scratch_bytes(), kept, "and reused, not grown");
        // About 2 MB of text needs more than SCRATCH_KEEP.
        tagger.tag(&"Mexican officials met in the capital. ".repeat(55_000));
        assert!(scratch_bytes() <= SCRATCH_KEEP);
        tagger.tag(small);
        assert_eq!(scratch_bytes(), kept);
    }
}
