//! The tagger: the pipeline from text to [`Tagged`].

use std::cell::RefCell;
use std::sync::{Arc, LazyLock};

use crate::aggregate::aggregate;
use crate::fold::Folded;
use crate::gazetteer::{Gazetteer, default_gazetteer};
use crate::matcher::Candidate;
use crate::output::{Field, Mention, Span, Tagged};
use crate::resolve::{Resolved, resolve};

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
/// # Salience
///
/// Each tag's `score` says how much the document is about the entity. Each
/// mention adds a weight for its evidence (a name or partial name 1.0, a
/// capital standing for a government 0.75, a demonym 0.5), doubled in the
/// title; the first mention adds 1.0 more when it is in the title or the
/// first 300 bytes of the body. The sum `raw` becomes
/// `score = raw / (raw + 2)`, rounded to three decimals: one mention deep
/// in the body scores 0.333, a name in the headline 0.6, five mentions
/// with one in the lead 0.75. Tags below the tagger's
/// [minimum score](Tagger::with_min_score) are left out of
/// [`Tagged::tags`]; their mentions are still in [`Tagged::mentions`].
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
#[derive(Clone, Debug)]
pub struct Tagger {
    gazetteer: Arc<Gazetteer>,
    min_score: f32,
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
    body: Folded,
    case: String,
    resolved: Vec<Resolved>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Construction and settings.
impl Tagger {
    /// A tagger over `gazetteer`, keeping every tag (minimum score 0).
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
        Tagger {
            gazetteer: Arc::new(gazetteer),
            min_score: 0.0,
        }
    }

    /// The same tagger, keeping only tags whose score is at least
    /// `min_score` (a value that is not a number counts as 0).
    ///
    /// # Example
    ///
    /// ```
    /// let tagger = gazetag::Tagger::default().with_min_score(0.5);
    /// let doc = tagger.tag("Russia and the FSB, Russia again, and once Peru.");
    /// assert!(doc.tag("country/ru").is_some());
    /// assert!(doc.tag("country/pe").is_none());
    /// assert!(doc.mentions.iter().any(|m| m.entity == "country/pe"));
    /// ```
    pub fn with_min_score(mut self, min_score: f32) -> Tagger {
        self.min_score = if min_score.is_nan() { 0.0 } else { min_score };
        self
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
    /// Tags an article given as one text (its body).
    ///
    /// # Example
    ///
    /// ```
    /// let text = "Peru’s DINI and the U.S. DEA signed a pact.";
    /// let doc = gazetag::Tagger::default().tag(text);
    /// let us = doc.mentions.iter().find(|m| m.entity == "country/us").unwrap();
    /// assert_eq!(&text[us.span.range()], "U.S.");
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
    /// assert!(!doc.tag("country/gb").unwrap().in_title);
    /// ```
    pub fn tag_document(&self, title: &str, body: &str) -> Tagged {
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => self.run(title, body, &mut scratch),
            // Only reachable if tagging re-entered itself on this thread.
            Err(_) => self.run(title, body, &mut Scratch::default()),
        })
    }

    fn run(&self, title: &str, body: &str, s: &mut Scratch) -> Tagged {
        let matcher = self.gazetteer.matcher();
        s.title.fold(title);
        s.body.fold(body);
        let mut fields = [
            (Field::Title, Vec::new()),
            (Field::Body, Vec::<Candidate>::new()),
        ];
        matcher.scan(title, &s.title, &mut s.case, &mut fields[0].1);
        matcher.scan(body, &s.body, &mut s.case, &mut fields[1].1);
        s.resolved.clear();
        resolve(&self.gazetteer, &mut fields, &mut s.resolved);
        let mut mentions = Vec::with_capacity(s.resolved.len());
        let mut entities = Vec::with_capacity(s.resolved.len());
        for r in &s.resolved {
            let (text, folded) = match r.field {
                Field::Title => (title, &s.title),
                Field::Body => (body, &s.body),
            };
            let (Some(first), Some(last)) = (folded.tokens.get(r.first), folded.tokens.get(r.last))
            else {
                continue;
            };
            let alias = matcher.alias(r.alias);
            let (start, end) = alias.span(text, first, last);
            let entity = self.gazetteer.entity_at(r.entity);
            mentions.push(Mention {
                entity: entity.id().to_string(),
                kind: entity.kind(),
                field: r.field,
                span: Span { start, end },
                text: text.get(start..end).unwrap_or_default().to_string(),
                evidence: alias.evidence,
            });
            entities.push(r.entity);
        }
        let tags = aggregate(&self.gazetteer, &mentions, &entities, self.min_score);
        Tagged { tags, mentions }
    }
}
