//! Salience: the features of each candidate tag of a document, and the
//! logistic model that turns them into the probability that an editor
//! would give the tag.
//!
//! Every feature is computed here, once, from the document's mentions:
//! [`candidates`] gathers what counts for each entity (its own mentions,
//! the places and national bodies in a country, the agencies and people
//! that imply it) and [`Candidate::features`] turns that into numbers. A
//! [`SalienceModel`] holds one logistic model per kind; its weights are
//! data (`data/salience.toml`), fitted by `scripts/train_salience.py`.

use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, LazyLock};

use rustc_hash::FxHashMap;
use toml::Spanned;

use crate::discover::Discovered;
use crate::error::{Error, Problem, ProblemKind};
use crate::fold::fold_str;
use crate::gazetteer::Gazetteer;
use crate::output::{FeatureScore, ScoreExplanation, Target};
use crate::output::{Mention, Reason};
use crate::sources::{Lines, Read, Source, parse_toml};
use crate::types::{Evidence, Field, Kind, Span};

/// How many features a candidate has.
pub(crate) const N: usize = 18;

/// The names of the features, as the weights file and the JSON name them,
/// in the order of a feature vector. `data/README.md` documents each.
pub(crate) const FEATURES: [&str; N] = [
    "name",
    "demonym",
    "metonym",
    "place",
    "institution",
    "currency",
    "implied",
    "dateline",
    "title",
    "lead",
    "position",
    "share",
    "relative",
    "peers",
    "length",
    "role",
    "derived",
    "dated",
];

/// Indexes into a feature vector.
#[derive(Clone, Copy)]
enum F {
    Name,
    Demonym,
    Metonym,
    Place,
    Institution,
    Currency,
    Implied,
    Dateline,
    Title,
    Lead,
    Position,
    Share,
    Relative,
    Peers,
    Length,
    Role,
    Derived,
    Dated,
}

/// What counts for one entity in one document.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    pub(crate) target: Target,
    pub(crate) kind: Kind,
    /// Mentions that count for it: its own, and for a country those of
    /// its places and national bodies (0 for a derived candidate).
    pub(crate) count: u32,
    /// The first of the mentions that count for it, or for a derived
    /// candidate of those that imply it.
    pub(crate) first: Span,
    pub(crate) first_field: Field,
    /// Whether one of those mentions is in the title.
    pub(crate) in_title: bool,
    /// Its own mentions, if it has any: what its tag reports.
    pub(crate) own: Option<Own>,
    /// For a derived candidate, the entity with the most mentions among
    /// those that imply it.
    pub(crate) derived_from: Option<Target>,
    /// Mentions by what they are: indexes [`F::Name`] to [`F::Implied`].
    by: [u32; 7],
    dateline: bool,
    /// The start of the first mention in the body, if any.
    first_body: Option<usize>,
    lead: bool,
    role: bool,
}

/// The mentions of an entity itself, as its tag reports them (those of
/// the places, bodies, agencies or people that count for it apart).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Own {
    pub(crate) count: u32,
    pub(crate) first: Span,
    pub(crate) first_field: Field,
    pub(crate) in_title: bool,
}

/// The document as the features see it.
pub(crate) struct DocFacts<'a> {
    pub(crate) gazetteer: &'a Gazetteer,
    pub(crate) title: &'a str,
    pub(crate) body: &'a str,
    /// How many words the body has.
    pub(crate) body_words: usize,
    /// Title first, then body, in text order.
    pub(crate) mentions: &'a [Mention],
    /// `targets[i]` is what `mentions[i]` is of.
    pub(crate) targets: &'a [Target],
    /// Whether a dateline names a place.
    pub(crate) dated: bool,
    /// The entities the document names that the gazetteer does not list.
    pub(crate) discovered: &'a [Discovered],
    /// The end of a headline atop a body given without a title (0 when
    /// there is none): its mentions count as the title's.
    pub(crate) headline: usize,
}

/// Where a mention stands: in the headline (the title, or a headline atop
/// a body given without one), in the lead (the body's first sentence, after
/// such a headline), right after a title the person holds.
#[derive(Clone, Copy)]
struct At {
    title: bool,
    lead: bool,
    role: bool,
}

/// How a mention counts for a candidate.
#[derive(Clone, Copy)]
enum Via {
    /// A mention of the entity itself.
    Own(Evidence),
    /// A mention of a place in the country.
    Place,
    /// A mention of a national body of the country (a central bank, a
    /// parliament, a party).
    Institution,
    /// A mention of an agency or person of the country.
    Implied,
}

/// One candidate per entity the document mentions, in order of first
/// mention, then one derived candidate per country that only the
/// document's agencies and people imply.
pub(crate) fn candidates(doc: &DocFacts) -> Vec<Candidate> {
    let mut lead_end = None;
    let mut direct = Accs::default();
    let mut implied = Accs::default();
    for (m, &target) in doc.mentions.iter().zip(doc.targets) {
        let body = m.field == Field::Body;
        let title = m.field == Field::Title || (body && m.span.end <= doc.headline);
        let lead = body
            && !title
            && m.span.start
                < *lead_end.get_or_insert_with(|| {
                    let rest = doc.body.get(doc.headline..).unwrap_or_default();
                    doc.headline + first_sentence_end(rest)
                });
        let at = At {
            title,
            lead,
            role: is_titled(doc, m, target),
        };
        let kind = kind_of(doc, target);
        direct.add(target, kind, m, Via::Own(m.evidence), at);
        let Target::Known(i) = target else { continue };
        let e = doc.gazetteer.entity_at(i);
        let Some(c) = e.country_index().filter(|&c| c != i) else {
            continue;
        };
        let country = Target::Known(c);
        let ckind = doc.gazetteer.entity_at(c).kind();
        let at = At { role: false, ..at };
        match e.kind() {
            Kind::Place => direct.add(country, ckind, m, Via::Place, at),
            Kind::Organization => direct.add(country, ckind, m, Via::Institution, at),
            _ => {
                implied.add(country, ckind, m, Via::Implied, at);
                implied.sources.entry(c).or_default().push(target);
            }
        }
    }
    let mut list = direct.list;
    for mut cand in implied.list {
        let implied_count = cand.by[F::Implied as usize];
        match direct.index.get(&cand.target) {
            Some(&k) => list[k].by[F::Implied as usize] = implied_count,
            None => {
                let Target::Known(c) = cand.target else {
                    continue;
                };
                let sources = implied.sources.get(&c).map(Vec::as_slice);
                cand.derived_from = most_mentioned(&list, sources.unwrap_or_default());
                cand.count = 0;
                list.push(cand);
            }
        }
    }
    list
}

/// The source with the most mentions; of several, the first mentioned.
fn most_mentioned(list: &[Candidate], sources: &[Target]) -> Option<Target> {
    let mut best: Option<&Candidate> = None;
    for c in list.iter().filter(|c| sources.contains(&c.target)) {
        if best.is_none_or(|b| c.count > b.count) {
            best = Some(c);
        }
    }
    best.map(|c| c.target)
}

/// The kind of what a mention is of.
fn kind_of(doc: &DocFacts, target: Target) -> Kind {
    match target {
        Target::Known(i) => doc.gazetteer.entity_at(i).kind(),
        Target::Discovered(i) => doc
            .discovered
            .get(i as usize)
            .map_or(Kind::Unknown, |d| d.kind),
    }
}

/// Whether a mention of a person comes right after one of the titles the
/// person holds or held: "Finance Minister Gerhard Stoltenberg",
/// "President Reagan".
fn is_titled(doc: &DocFacts, m: &Mention, target: Target) -> bool {
    let Target::Known(i) = target else {
        return false;
    };
    let e = doc.gazetteer.entity_at(i);
    if e.kind() != Kind::Person {
        return false;
    }
    if m.reason == Reason::Role {
        return true;
    }
    let text = match m.field {
        Field::Title => doc.title,
        Field::Body => doc.body,
        _ => return false,
    };
    let before = text.get(..m.span.start).unwrap_or_default();
    let gap = before.trim_end_matches([' ', '\t']);
    if gap.len() == before.len() {
        return false;
    }
    let word_start = gap
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric())
        .last()
        .map_or(gap.len(), |(k, _)| k);
    let word = gap.get(word_start..).unwrap_or_default();
    let capital = word.chars().next().is_some_and(char::is_uppercase);
    capital && {
        let folded = fold_str(word);
        e.titles().iter().any(|t| **t == *folded)
    }
}

/// Candidates being accumulated, in order of first mention.
#[derive(Default)]
struct Accs {
    list: Vec<Candidate>,
    index: FxHashMap<Target, usize>,
    /// For implied countries: the entities implying each.
    sources: FxHashMap<u32, Vec<Target>>,
}

impl Accs {
    fn add(&mut self, target: Target, kind: Kind, m: &Mention, via: Via, at: At) {
        let Some(c) = self.entry(target, kind, m) else {
            return;
        };
        c.count += 1;
        c.in_title |= at.title;
        if let Via::Own(_) = via {
            let own = c.own.get_or_insert(Own {
                count: 0,
                first: m.span,
                first_field: m.field,
                in_title: false,
            });
            own.count += 1;
            own.in_title |= at.title;
        }
        c.lead |= at.lead;
        c.role |= at.role;
        if m.field == Field::Body && !at.title && c.first_body.is_none() {
            c.first_body = Some(m.span.start);
        }
        let slot = match via {
            Via::Own(Evidence::Dateline) => {
                c.dateline = true;
                return;
            }
            Via::Own(Evidence::Demonym) => F::Demonym,
            Via::Own(Evidence::Metonym) => F::Metonym,
            Via::Own(Evidence::Currency) => F::Currency,
            Via::Own(Evidence::Place) | Via::Place => F::Place,
            Via::Own(_) => F::Name,
            Via::Institution => F::Institution,
            Via::Implied => F::Implied,
        };
        if m.evidence == Evidence::Dateline {
            c.dateline = true;
        }
        c.by[slot as usize] += 1;
    }

    /// The candidate of `target`, added as first mentioned by `m` when it
    /// is new.
    fn entry(&mut self, target: Target, kind: Kind, m: &Mention) -> Option<&mut Candidate> {
        let k = match self.index.get(&target) {
            Some(&k) => k,
            None => {
                self.index.insert(target, self.list.len());
                self.list.push(Candidate {
                    target,
                    kind,
                    count: 0,
                    first: m.span,
                    first_field: m.field,
                    in_title: false,
                    own: None,
                    derived_from: None,
                    by: [0; 7],
                    dateline: false,
                    first_body: None,
                    lead: false,
                    role: false,
                });
                self.list.len() - 1
            }
        };
        self.list.get_mut(k)
    }
}

impl Candidate {
    /// The mentions that count for the candidate: for a derived one,
    /// those of the entities implying it.
    pub(crate) fn support(&self) -> u32 {
        if self.derived() {
            self.by[F::Implied as usize]
        } else {
            self.count
        }
    }

    /// Whether the candidate is only implied by other entities.
    pub(crate) fn derived(&self) -> bool {
        self.derived_from.is_some()
    }

    /// The feature vector, in the order of [`FEATURES`], given the
    /// statistics of the candidates of the same kind.
    pub(crate) fn features(&self, doc: &DocFacts, kind: KindStats) -> [f32; N] {
        let mut x = [0.0f32; N];
        let log = |n: u32| (n as f32).ln_1p();
        for (slot, &n) in x.iter_mut().zip(&self.by) {
            *slot = log(n);
        }
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        let total = doc.mentions.len().max(1) as f32;
        x[F::Dateline as usize] = flag(self.dateline);
        x[F::Title as usize] = flag(self.in_title);
        x[F::Lead as usize] = flag(self.lead);
        x[F::Position as usize] = match self.first_body {
            Some(start) if !doc.body.is_empty() => start as f32 / doc.body.len() as f32,
            _ => 1.0,
        };
        x[F::Share as usize] = self.support() as f32 / total;
        x[F::Relative as usize] = self.support() as f32 / kind.top.max(1) as f32;
        let listed = matches!(self.target, Target::Known(_));
        let peers = kind.listed.saturating_sub(u32::from(listed));
        x[F::Peers as usize] = (peers as f32).ln_1p();
        x[F::Length as usize] = (doc.body_words as f32).ln_1p();
        x[F::Role as usize] = flag(self.role);
        x[F::Derived as usize] = flag(self.derived());
        x[F::Dated as usize] = flag(doc.dated);
        x
    }
}

/// What the candidates of one kind have in a document.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct KindStats {
    /// The most mentions one has.
    top: u32,
    /// How many of them the gazetteer lists. Discovered candidates do not
    /// count as peers: most are names no editor's vocabulary holds (a
    /// company, a local official, a misread capitalised phrase), and a
    /// story that names many of them is not about fewer of the listed.
    listed: u32,
}

/// The statistics of the candidates of each kind.
pub(crate) fn kind_stats(cands: &[Candidate]) -> FxHashMap<Kind, KindStats> {
    let mut stats: FxHashMap<Kind, KindStats> = FxHashMap::default();
    for c in cands {
        let s = stats.entry(c.kind).or_default();
        s.top = s.top.max(c.support());
        s.listed += u32::from(matches!(c.target, Target::Known(_)));
    }
    stats
}

/// The end of the first sentence of `body`: just after the first `.`,
/// `!` or `?` that follows a lower-case letter, a digit, `%`, `)` or a
/// quote and comes before white space ("U.S. officials" does not end
/// it), or the end of the body.
pub(crate) fn first_sentence_end(body: &str) -> usize {
    // Only the punctuation is looked at closely (it is ASCII, so a byte
    // search finds it): a body with no sentence in it (a table of figures)
    // is passed over fast.
    let marks = body
        .bytes()
        .enumerate()
        .filter(|(_, b)| matches!(b, b'.' | b'!' | b'?'));
    for (i, _) in marks {
        let end = i + 1;
        let prev = body.get(..i).and_then(|b| b.chars().next_back());
        let closes =
            prev.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit() || "%)\"'”’".contains(p));
        let next = body.get(end..).and_then(|r| r.chars().next());
        if closes && next.is_none_or(char::is_whitespace) {
            return end;
        }
    }
    body.len()
}

/// One logistic model: `p = 1 / (1 + exp(-(intercept + w · x)))`.
#[derive(Clone, Debug, Default, PartialEq)]
struct Model {
    intercept: f32,
    weights: [f32; N],
}

impl Model {
    fn logit(&self, x: &[f32; N]) -> f32 {
        self.intercept + self.weights.iter().zip(x).map(|(w, v)| w * v).sum::<f32>()
    }
}

/// The model that scores tags: for each kind of entity, a logistic model
/// over the features of a candidate tag, giving the probability that an
/// editor would give the tag.
///
/// The default model is `data/salience.toml`, embedded in the crate and
/// fitted on editor-tagged news by `scripts/train_salience.py`; a weights
/// file of your own (fitted on your archive by the same script, see
/// `data/README.md`) replaces it with [`Tagger::with_salience`](crate::Tagger::with_salience).
///
/// # Example
///
/// ```
/// let weights = "[default]\nintercept = -1.0\nname = 2.0\n";
/// let model = gazetag::SalienceModel::from_toml("mine.toml", weights)?;
/// let tagger = gazetag::Tagger::default().with_salience(model);
/// // One name: -1 + 2 ln 2 = 0.386, a probability of 0.595.
/// let doc = tagger.tag("Interpol issued a notice.");
/// assert_eq!(doc.tag("org/interpol").unwrap().score, 0.595);
/// # Ok::<(), gazetag::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct SalienceModel {
    /// By kind; `None` uses `default`.
    kinds: Vec<(Kind, Model)>,
    default: Model,
}

/// The embedded weights file.
const DEFAULT_FILE: (&str, &str) = (
    "<default>/salience.toml",
    include_str!("../data/salience.toml"),
);

static DEFAULT_MODEL: LazyLock<Arc<SalienceModel>> = LazyLock::new(|| {
    let (name, text) = DEFAULT_FILE;
    let model = SalienceModel::from_toml(name, text);
    Arc::new(model.expect("the embedded weights are valid: tests/salience.rs loads them"))
});

/// The embedded model, shared.
pub(crate) fn default_model() -> Arc<SalienceModel> {
    Arc::clone(&DEFAULT_MODEL)
}

impl Default for SalienceModel {
    /// The embedded model (`data/salience.toml`).
    fn default() -> SalienceModel {
        (*default_model()).clone()
    }
}

/// One table of a weights file: `intercept` and feature weights.
type RawModel = FxHashMap<String, Spanned<f64>>;

impl SalienceModel {
    /// Reads a weights file (the format of `data/salience.toml`).
    ///
    /// # Errors
    ///
    /// An [`Error`] of kind [`Io`](crate::ErrorKind::Io) when the file
    /// cannot be read, or [`Data`](crate::ErrorKind::Data) listing every
    /// problem in it, with its line: see [`SalienceModel::from_toml`].
    ///
    /// # Example
    ///
    /// ```
    /// let err = gazetag::SalienceModel::from_file("no/such/weights.toml").unwrap_err();
    /// assert_eq!(err.kind(), gazetag::ErrorKind::Io);
    /// ```
    pub fn from_file<P: AsRef<Path>>(path: P) -> Result<SalienceModel, Error> {
        let source = Source::Path(path.as_ref().to_path_buf());
        let read = Read::all(None, std::slice::from_ref(&source), &["toml"]);
        let loaded = match read.texts.as_slice() {
            [(name, text)] => parse(name, text),
            // A folder, or nothing read (the problem is already recorded).
            [] => Err(Vec::new()),
            _ => Err(vec![Problem::new(
                ProblemKind::InvalidValue,
                &path.as_ref().display().to_string(),
                None,
                "a weights file is one file, not a folder".to_string(),
            )]),
        };
        read.finish(loaded, Ok)
    }

    /// Reads weights from a string; `name` names it in problem reports.
    ///
    /// Each table is the model of one kind (`country`, `agency`,
    /// `person`, `organization`, `topic`, `place`, `unknown`) or the
    /// `default` model of the kinds without one; it holds the
    /// `intercept` and the weight of each feature (a feature left out
    /// weighs 0). `data/README.md` documents the features.
    ///
    /// # Errors
    ///
    /// An [`Error`] listing every problem with its line: a TOML syntax
    /// error, a table that names no kind, a key that names no feature, a
    /// weight that is not a finite number, no `default` table.
    ///
    /// # Example
    ///
    /// ```
    /// use gazetag::{ProblemKind, SalienceModel};
    ///
    /// let err = SalienceModel::from_toml("w.toml", "[default]\nname = 1.0\ntitel = 2.0\n")
    ///     .unwrap_err();
    /// let problem = &err.problems()[0];
    /// assert_eq!(problem.kind(), ProblemKind::InvalidValue);
    /// assert_eq!(problem.line(), Some(3));
    /// assert!(problem.to_string().starts_with("w.toml:3: unknown feature \"titel\""));
    /// ```
    pub fn from_toml(name: &str, text: &str) -> Result<SalienceModel, Error> {
        parse(name, text).map_err(Error::data)
    }

    /// The model that scores `kind`: its own, or the default.
    fn model(&self, kind: Kind) -> (&Model, &'static str) {
        match self.kinds.iter().find(|(k, _)| *k == kind) {
            Some((k, m)) => (m, k.as_str()),
            None => (&self.default, "default"),
        }
    }

    /// The probability for a feature vector of a candidate of `kind`,
    /// rounded to three decimals so that output is stable across
    /// platforms.
    pub(crate) fn score(&self, kind: Kind, x: &[f32; N]) -> f32 {
        round3(sigmoid(self.model(kind).0.logit(x)))
    }

    /// The score of a candidate, feature by feature.
    pub(crate) fn explain(&self, kind: Kind, x: &[f32; N]) -> ScoreExplanation {
        let (m, name) = self.model(kind);
        let features = FEATURES
            .iter()
            .zip(x.iter().zip(&m.weights))
            .map(|(&name, (&value, &weight))| FeatureScore {
                name: name.to_string(),
                value: round3(value),
                weight,
                contribution: round3(value * weight),
            })
            .collect();
        ScoreExplanation {
            model: name.to_string(),
            intercept: m.intercept,
            features,
        }
    }
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

fn round3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

/// The model of one table of a weights file, its weights in file order;
/// `at` reports a weight that is not a finite number or names no feature.
fn table_model(table: &RawModel, at: &mut impl FnMut(ProblemKind, Range<usize>, String)) -> Model {
    let mut model = Model::default();
    let mut keys: Vec<(&String, &Spanned<f64>)> = table.iter().collect();
    keys.sort_by_key(|(_, v)| v.span().start);
    for (key, value) in keys {
        let w = *value.get_ref();
        if !w.is_finite() || w.abs() > 1e6 {
            let message = format!("the weight of \"{key}\" is not a finite number: {w}");
            at(ProblemKind::InvalidValue, value.span(), message);
            continue;
        }
        if key == "intercept" {
            model.intercept = w as f32;
        } else if let Some(i) = FEATURES.iter().position(|f| f == key) {
            model.weights[i] = w as f32;
        } else {
            let message = format!(
                "unknown feature \"{key}\" (features: intercept, {})",
                FEATURES.join(", ")
            );
            at(ProblemKind::InvalidValue, value.span(), message);
        }
    }
    model
}

/// Parses and checks a weights file, collecting every problem.
fn parse(file: &str, text: &str) -> Result<SalienceModel, Vec<Problem>> {
    let lines = Lines::new(text);
    let raw: FxHashMap<String, Spanned<RawModel>> =
        parse_toml(file, text, &lines).map_err(|p| vec![p])?;
    let mut problems = Vec::new();
    let mut at = |kind, span: Range<usize>, message: String| {
        let line = Some(lines.line(span.start));
        problems.push(Problem::new(kind, file, line, message));
    };
    let mut tables: Vec<(&String, &Spanned<RawModel>)> = raw.iter().collect();
    tables.sort_by_key(|(_, t)| t.span().start);
    let mut kinds = Vec::new();
    let mut default = None;
    for (name, table) in tables {
        let kind = table_kinds().find(|k| k.as_str() == name);
        if kind.is_none() && name != "default" {
            let message = format!(
                "unknown kind \"{name}\" (tables: default, {})",
                table_kinds()
                    .map(Kind::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            at(ProblemKind::UnknownKind, table.span(), message);
            continue;
        }
        let model = table_model(table.get_ref(), &mut at);
        match kind {
            Some(k) => kinds.push((k, model)),
            None => default = Some(model),
        }
    }
    let Some(default) = default else {
        let message = "no [default] table: the model of kinds without their own".to_string();
        problems.push(Problem::new(ProblemKind::InvalidValue, file, None, message));
        return Err(problems);
    };
    if problems.is_empty() {
        Ok(SalienceModel { kinds, default })
    } else {
        Err(problems)
    }
}

/// The kinds a weights file may have a table for: those of data files,
/// and `unknown` (discovered entities).
fn table_kinds() -> impl Iterator<Item = Kind> {
    Kind::DATA_KINDS.into_iter().chain([Kind::Unknown])
}

#[cfg(test)]
mod tests {
    use super::first_sentence_end;

    fn first(body: &str) -> &str {
        body.get(..first_sentence_end(body)).unwrap_or_default()
    }

    #[test]
    fn the_first_sentence_ends_after_a_word_not_an_abbreviation() {
        assert_eq!(
            first("U.S. officials met on Monday. They agreed."),
            "U.S. officials met on Monday."
        );
        assert_eq!(
            first("Output rose 4.5 pct in 1987. Exports fell."),
            "Output rose 4.5 pct in 1987."
        );
        assert_eq!(first("He said \"no\". Then he left."), "He said \"no\".");
        assert_eq!(first("Why? Nobody knows."), "Why?");
        assert_eq!(
            first("Shr 12 cts vs 10 cts\nNet 1.2 mln vs 1.1 mln"),
            "Shr 12 cts vs 10 cts\nNet 1.2 mln vs 1.1 mln"
        );
        assert_eq!(first("Peña ganó.Sí"), "Peña ganó.Sí");
        assert_eq!(first("Él ganó."), "Él ganó.");
        assert_eq!(first(""), "");
        assert_eq!(first(". A"), ". A");
    }
}
