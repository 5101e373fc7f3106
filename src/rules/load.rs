//! Reading rule files: TOML into raw categories, raw categories into
//! checked, compiled rules. Every problem is collected; nothing stops at
//! the first one.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use regex::RegexBuilder;
use serde::Deserialize;
use toml::Spanned;

use super::cond::{Cond, IdSet, Rule, TagTest, Weighted, Where};
use crate::diagnose::{Known, text_of};
use crate::error::{Problem, ProblemKind};
use crate::fold::fold_str;
use crate::gazetteer::Gazetteer;
use crate::phrases::PhrasesBuilder;
use crate::sources::{Lines, parse_toml};
use crate::types::{Case, Evidence, Kind};

/// The compiled size limit of one regular expression, in bytes: enough
/// for any keyword pattern (a Unicode-aware `(?i)\b(...)\b` over a few
/// dozen words compiles to well under this), small enough that a thousand
/// of them stay within a few hundred megabytes.
pub(crate) const REGEX_SIZE_LIMIT: usize = 1 << 20;
/// The lazy DFA cache of one regular expression, in bytes.
pub(crate) const REGEX_DFA_SIZE_LIMIT: usize = 1 << 20;
/// At most this many regular expressions in one rule set, so that the
/// size limit above bounds the memory of the whole set.
pub(crate) const MAX_REGEXES: usize = 512;
/// Conditions nest at most this deep.
pub(crate) const MAX_DEPTH: usize = 16;

/// One rule file as TOML gives it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    category: Vec<RawCategory>,
}

type S = Spanned<String>;

/// One `[[category]]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    name: S,
    code: Option<S>,
    parent: Option<S>,
    threshold: Option<Spanned<f64>>,
    scale: Option<S>,
    bias: Option<Spanned<f64>>,
    #[serde(default)]
    when: Vec<Spanned<RawCond>>,
}

/// One condition, before any checks.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCond {
    weight: Option<Spanned<f64>>,
    label: Option<S>,
    #[serde(rename = "where")]
    place: Option<S>,
    entity: Option<S>,
    #[serde(default)]
    entities: Vec<S>,
    kind: Option<S>,
    country: Option<S>,
    #[serde(default)]
    countries: Vec<S>,
    topic: Option<S>,
    min_count: Option<Spanned<i64>>,
    min_score: Option<Spanned<f64>>,
    at_least: Option<Spanned<i64>>,
    distinct: Option<Spanned<i64>>,
    #[serde(default)]
    phrases: Vec<S>,
    #[serde(default)]
    names: Vec<S>,
    #[serde(default)]
    exact: Vec<S>,
    #[serde(default)]
    words: Vec<S>,
    weights: Option<Spanned<BTreeMap<String, Spanned<f64>>>>,
    counts: Option<S>,
    regex: Option<S>,
    #[serde(default, deserialize_with = "nested")]
    all: Option<Vec<Spanned<RawCond>>>,
    #[serde(default, deserialize_with = "nested")]
    any: Option<Vec<Spanned<RawCond>>>,
    #[serde(default, deserialize_with = "nested")]
    not: Option<Box<Spanned<RawCond>>>,
}

thread_local! {
    /// How deep the condition being deserialized is nested.
    static NESTING: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Deserializes the conditions inside `all`, `any` or `not`, refusing to
/// go deeper than [`MAX_DEPTH`] + 1. Deserializing a condition takes tens
/// of kilobytes of stack in a debug build, and TOML allows nesting 80
/// deep (more with dotted headers): a rule file of 60 nested `not`s
/// overflowed a 2 MiB thread stack before this check. Going one level
/// past the limit lets `check_cond` report it with its usual message.
fn nested<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    let depth = NESTING.with(|n| n.get()) + 1;
    if depth > MAX_DEPTH + 2 {
        let msg = format!("conditions nest more than {MAX_DEPTH} deep");
        return Err(serde::de::Error::custom(msg));
    }
    NESTING.with(|n| n.set(depth));
    let inner = T::deserialize(d);
    NESTING.with(|n| n.set(depth - 1));
    inner.map(Some)
}

/// A parsed file: its name, where its lines start, and its categories.
struct Parsed {
    file: String,
    lines: Lines,
    categories: Vec<RawCategory>,
}

impl Parsed {
    fn line(&self, span: Range<usize>) -> usize {
        self.lines.line(span.start)
    }
}

/// The state of a load: where problems go, and what is being built.
struct Ctx<'a> {
    problems: Vec<Problem>,
    phrases: PhrasesBuilder,
    regexes: usize,
    gazetteer: Option<&'a Gazetteer>,
}

/// The file being checked, for line numbers.
struct At<'a, 'g> {
    file: &'a Parsed,
    ctx: &'a mut Ctx<'g>,
}

impl At<'_, '_> {
    fn report<T: 'static>(&mut self, kind: ProblemKind, at: &Spanned<T>, msg: String) {
        let line = self.file.line(at.span());
        let p = Problem::new(kind, &self.file.file, Some(line), msg);
        self.ctx.problems.push(match text_of(at.get_ref()) {
            Some(value) => p.with_value(value),
            None => p,
        });
    }

    fn place(&self, at: &Spanned<impl Sized>) -> String {
        format!("{}:{}", self.file.file, self.file.line(at.span()))
    }
}

/// What a load produces: the rules and their phrases.
pub(crate) struct Loaded {
    pub(crate) rules: Vec<Rule>,
    pub(crate) phrases: PhrasesBuilder,
}

/// Parses and checks every source. When `gazetteer` is given, entity,
/// country and topic ids must exist in it.
pub(crate) fn load(
    sources: &[(String, String)],
    gazetteer: Option<&Gazetteer>,
) -> Result<Loaded, Vec<Problem>> {
    let mut ctx = Ctx {
        problems: Vec::new(),
        phrases: PhrasesBuilder::default(),
        regexes: 0,
        gazetteer,
    };
    let parsed: Vec<Parsed> = sources
        .iter()
        .filter_map(|(file, text)| parse(file, text, &mut ctx.problems))
        .collect();
    let mut rules = Vec::new();
    let mut raws = Vec::new();
    for file in &parsed {
        let mut at = At {
            file,
            ctx: &mut ctx,
        };
        for raw in &file.categories {
            rules.push(check_category(raw, &mut at));
            raws.push((file, raw));
        }
    }
    link_parents(&mut rules, &raws, &mut ctx.problems);
    if ctx.problems.is_empty() {
        Ok(Loaded {
            rules,
            phrases: ctx.phrases,
        })
    } else {
        diagnose(&raws, gazetteer, &mut ctx.problems);
        Err(ctx.problems)
    }
}

/// Puts the problems in line order and adds "did you mean" to unknown
/// kinds, entity ids and parent categories.
fn diagnose(raws: &[(&Parsed, &RawCategory)], g: Option<&Gazetteer>, problems: &mut [Problem]) {
    crate::diagnose::sort_by_line(problems);
    let kinds = Known {
        names: Kind::DATA_KINDS
            .iter()
            .chain([&Kind::Unknown])
            .map(|k| k.as_str())
            .collect(),
        aliases: Vec::new(),
    };
    crate::diagnose::suggest(problems, ProblemKind::UnknownKind, &kinds);
    if !problems
        .iter()
        .any(|p| p.kind() == ProblemKind::DanglingLink)
    {
        return;
    }
    let mut known = Known::default();
    for (_, raw) in raws {
        known.names.push(raw.name.get_ref());
        known
            .names
            .extend(raw.code.as_ref().map(|c| c.get_ref().as_str()));
    }
    for e in g.into_iter().flat_map(Gazetteer::entities) {
        known.names.push(e.id());
        let forms = e.aliases().iter().filter(|a| a.evidence == Evidence::Name);
        known
            .aliases
            .extend(forms.map(|a| (fold_str(&a.text), e.id())));
    }
    crate::diagnose::suggest(problems, ProblemKind::DanglingLink, &known);
}

fn parse(file: &str, text: &str, problems: &mut Vec<Problem>) -> Option<Parsed> {
    let mut parsed = Parsed {
        file: file.to_string(),
        lines: Lines::new(text),
        categories: Vec::new(),
    };
    match parse_toml::<RawFile>(file, text, &parsed.lines) {
        Ok(raw) => {
            parsed.categories = raw.category;
            Some(parsed)
        }
        Err(problem) => {
            problems.push(problem);
            None
        }
    }
}

/// Checks one category and compiles its conditions; problems are
/// reported, and the rule is returned anyway so that parents can be
/// checked too.
fn check_category(raw: &RawCategory, at: &mut At) -> Rule {
    if raw.name.get_ref().trim().is_empty() {
        at.report(ProblemKind::EmptyAlias, &raw.name, "empty name".into());
    }
    let logistic = check_scale(raw, at);
    let threshold = match &raw.threshold {
        Some(t) => finite(t, at).unwrap_or(1.0),
        None if logistic => 0.5,
        None => 1.0,
    };
    if let (true, Some(t)) = (logistic, &raw.threshold) {
        if !(*t.get_ref() > 0.0 && *t.get_ref() < 1.0) {
            let msg = format!(
                "threshold {} of a logistic category is not a probability between 0 and 1",
                t.get_ref()
            );
            at.report(ProblemKind::InvalidValue, t, msg);
        }
    }
    let bias = match &raw.bias {
        Some(b) if !logistic => {
            let msg = "bias is only for categories with scale = \"logistic\"".to_string();
            at.report(ProblemKind::InvalidValue, b, msg);
            None
        }
        Some(b) => finite(b, at).map(|b| b as f32),
        None if logistic => Some(0.0),
        None => None,
    };
    if raw.when.is_empty() {
        let msg = format!("category {:?} has no conditions", raw.name.get_ref());
        at.report(ProblemKind::InvalidValue, &raw.name, msg);
    }
    let conditions: Vec<Weighted> = raw
        .when
        .iter()
        .filter_map(|c| check_weighted(c, at))
        .collect();
    Rule {
        name: raw.name.get_ref().as_str().into(),
        code: raw.code.as_ref().map(|c| c.get_ref().as_str().into()),
        parent: None,
        bias,
        needs: Rule::needs(threshold as f32, bias),
        conditions,
    }
}

/// Whether the category is on the logistic scale (`scale = "logistic"`;
/// the default is `"sum"`).
fn check_scale(raw: &RawCategory, at: &mut At) -> bool {
    let Some(scale) = &raw.scale else {
        return false;
    };
    match scale.get_ref().as_str() {
        "logistic" => true,
        "sum" => false,
        other => {
            let msg = format!("unknown scale {other:?} (expected sum or logistic)");
            at.report(ProblemKind::InvalidValue, scale, msg);
            false
        }
    }
}

fn finite(v: &Spanned<f64>, at: &mut At) -> Option<f64> {
    let x = *v.get_ref();
    if x.is_finite() && x.abs() <= 1e6 {
        return Some(x);
    }
    let msg = format!("{x} is not a finite number between -1e6 and 1e6");
    at.report(ProblemKind::InvalidValue, v, msg);
    None
}

/// A top-level condition: its weight, label and compiled test.
fn check_weighted(raw: &Spanned<RawCond>, at: &mut At) -> Option<Weighted> {
    let weight = match &raw.get_ref().weight {
        Some(w) => finite(w, at)?,
        None => 1.0,
    };
    let cond = check_cond(raw, Where::Anywhere, 0, at)?;
    let gain = match (&raw.get_ref().weights, &cond) {
        // A phrase's weight grows with its count: no bound.
        (Some(table), Cond::Table { log: true, .. })
            if table.get_ref().values().any(|w| *w.get_ref() > 0.0) =>
        {
            f32::INFINITY
        }
        (Some(table), _) => table
            .get_ref()
            .values()
            .map(|w| (*w.get_ref() as f32).max(0.0))
            .sum(),
        (None, _) => (weight as f32).max(0.0),
    };
    let r = raw.get_ref();
    let label = match &r.label {
        Some(l) if l.get_ref().trim().is_empty() => {
            at.report(ProblemKind::InvalidValue, l, "empty label".to_string());
            return None;
        }
        Some(l) => l.get_ref().clone(),
        None => describe(r),
    };
    Some(Weighted {
        weight: weight as f32,
        gain,
        cond,
        label: label.into(),
        rule: at.place(raw).into(),
    })
}

fn has_phrases(r: &RawCond) -> bool {
    !(r.phrases.is_empty() && r.words.is_empty() && r.names.is_empty() && r.exact.is_empty())
}

fn is_tag_test(r: &RawCond) -> bool {
    r.entity.is_some()
        || !r.entities.is_empty()
        || r.kind.is_some()
        || r.country.is_some()
        || !r.countries.is_empty()
        || r.topic.is_some()
}

/// Which tests a condition has, to check there is exactly one.
fn tests_of(r: &RawCond) -> Vec<&'static str> {
    let mut tests = Vec::new();
    let tag = is_tag_test(r);
    let phrase = has_phrases(r);
    let flags = [
        (
            tag,
            "a tag test (entity, entities, kind, country, countries, topic)",
        ),
        (phrase, "phrases (phrases, words, names, exact)"),
        (r.weights.is_some(), "weights"),
        (r.regex.is_some(), "regex"),
        (r.all.is_some(), "all"),
        (r.any.is_some(), "any"),
        (r.not.is_some(), "not"),
    ];
    for (on, name) in flags {
        if on {
            tests.push(name);
        }
    }
    tests
}

/// Checks and compiles one condition. `inherited` is the `where` of the
/// enclosing combination, which applies when the condition has none.
fn check_cond(raw: &Spanned<RawCond>, inherited: Where, depth: usize, at: &mut At) -> Option<Cond> {
    let r = raw.get_ref();
    if depth > MAX_DEPTH {
        let msg = format!("conditions nest more than {MAX_DEPTH} deep");
        at.report(ProblemKind::InvalidValue, raw, msg);
        return None;
    }
    if depth > 0 && r.weights.is_some() {
        let msg = "a weights table is a top-level condition, not inside all, any or not";
        at.report(ProblemKind::InvalidValue, raw, msg.into());
        return None;
    }
    if depth > 0 && r.weight.is_some() {
        let msg = "weight is only for top-level conditions, not inside all, any or not";
        at.report(ProblemKind::InvalidValue, raw, msg.into());
    }
    let place = match &r.place {
        Some(p) => check_where(p, at)?,
        None => inherited,
    };
    let tests = tests_of(r);
    if tests.len() != 1 {
        let msg = if tests.is_empty() {
            "condition tests nothing (give a tag test, phrases, regex, all, any or not)".into()
        } else {
            format!(
                "condition mixes {}; split it with all or any",
                tests.join(" and ")
            )
        };
        at.report(ProblemKind::InvalidValue, raw, msg);
        return None;
    }
    check_modifiers(raw, at);
    if let Some(list) = &r.all {
        let conds = check_list(list, place, depth, at)?;
        return Some(Cond::All(conds));
    }
    if let Some(list) = &r.any {
        let conds = check_list(list, place, depth, at)?;
        return Some(Cond::Any(conds));
    }
    if let Some(inner) = &r.not {
        let c = check_cond(inner, place, depth + 1, at)?;
        return Some(Cond::Not(Box::new(c)));
    }
    if let Some(re) = &r.regex {
        return check_regex(re, count(&r.min_count, at), place, at);
    }
    if has_phrases(r) {
        return check_phrases(r, place, at);
    }
    if let Some(table) = &r.weights {
        return check_table(raw, table, place, at);
    }
    check_tags(r, place, at)
}

/// Reports modifiers that do not apply to the condition's test.
fn check_modifiers(raw: &Spanned<RawCond>, at: &mut At) {
    let r = raw.get_ref();
    let combo = r.all.is_some() || r.any.is_some() || r.not.is_some();
    let tag = is_tag_test(r);
    let phrase = has_phrases(r);
    let table = r.weights.is_some();
    let misplaced = [
        ((combo || table) && r.min_count.is_some(), "min_count"),
        (
            table && r.weight.is_some(),
            "weight (a table's phrases carry the weights)",
        ),
        (!tag && r.min_score.is_some(), "min_score"),
        (!tag && r.at_least.is_some(), "at_least"),
        (!phrase && r.distinct.is_some(), "distinct"),
        (!table && r.counts.is_some(), "counts"),
    ];
    for (bad, name) in misplaced {
        if bad {
            let msg = format!("{name} does not apply to this condition");
            at.report(ProblemKind::InvalidValue, raw, msg);
        }
    }
}

fn check_list(
    list: &[Spanned<RawCond>],
    place: Where,
    depth: usize,
    at: &mut At,
) -> Option<Vec<Cond>> {
    let conds: Vec<Option<Cond>> = list
        .iter()
        .map(|c| check_cond(c, place, depth + 1, at))
        .collect();
    conds.into_iter().collect()
}

fn check_where(p: &S, at: &mut At) -> Option<Where> {
    match p.get_ref().as_str() {
        "title" => Some(Where::Title),
        "body" => Some(Where::Body),
        "anywhere" => Some(Where::Anywhere),
        other => {
            let msg = format!("unknown where {other:?} (expected title, body or anywhere)");
            at.report(ProblemKind::InvalidValue, p, msg);
            None
        }
    }
}

/// A non-negative count, 0 when absent or invalid (after a report).
fn count(v: &Option<Spanned<i64>>, at: &mut At) -> u32 {
    let Some(v) = v else { return 0 };
    match u32::try_from(*v.get_ref()) {
        Ok(n) => n,
        Err(_) => {
            let msg = format!("{} is not a count (0 to 2^32 - 1)", v.get_ref());
            at.report(ProblemKind::InvalidValue, v, msg);
            0
        }
    }
}

fn check_regex(re: &S, min_count: u32, place: Where, at: &mut At) -> Option<Cond> {
    at.ctx.regexes += 1;
    if at.ctx.regexes == MAX_REGEXES + 1 {
        let msg = format!("more than {MAX_REGEXES} regexes in one rule set");
        at.report(ProblemKind::InvalidValue, re, msg);
    }
    let built = RegexBuilder::new(re.get_ref())
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_DFA_SIZE_LIMIT)
        .build();
    match built {
        Ok(compiled) if compiled.is_match("") => {
            let msg = format!("regex {:?} matches the empty string", re.get_ref());
            at.report(ProblemKind::InvalidValue, re, msg);
            None
        }
        Ok(compiled) => Some(Cond::Regex {
            re: compiled,
            min_count,
            place,
        }),
        Err(err) => {
            let why = match err {
                regex::Error::CompiledTooBig(limit) => {
                    format!("compiles to more than the size limit of {limit} bytes")
                }
                other => one_line(&other.to_string()),
            };
            let msg = format!("invalid regex {:?}: {why}", re.get_ref());
            at.report(ProblemKind::InvalidValue, re, msg);
            None
        }
    }
}

/// The last non-empty line of a multi-line regex error (the reason).
fn one_line(msg: &str) -> String {
    let last = msg.lines().rev().find(|l| !l.trim().is_empty());
    last.unwrap_or(msg)
        .trim()
        .trim_start_matches("error: ")
        .to_string()
}

fn check_phrases(r: &RawCond, place: Where, at: &mut At) -> Option<Cond> {
    let list = at.ctx.phrases.new_list();
    let lists = [
        ("phrases", &r.phrases, Case::Any),
        ("words", &r.words, Case::Word),
        ("names", &r.names, Case::Name),
        ("exact", &r.exact, Case::Exact),
    ];
    let mut ok = true;
    for (field, items, case) in lists {
        for s in items {
            let text = s.get_ref();
            if fold_str(text).is_empty() {
                let msg = format!("phrase {text:?} in {field} has no letters or digits to match");
                at.report(ProblemKind::EmptyAlias, s, msg);
                ok = false;
                continue;
            }
            if case == Case::Word && text.chars().any(char::is_uppercase) {
                let msg = format!(
                    "word {text:?} has a capital: words are common words, in lower case (put names in names)"
                );
                at.report(ProblemKind::InvalidValue, s, msg);
                ok = false;
                continue;
            }
            at.ctx.phrases.add(list, text, case);
        }
    }
    let min_count = count(&r.min_count, at);
    let distinct = count(&r.distinct, at);
    ok.then_some(Cond::Phrases {
        list,
        min_count,
        distinct,
        place,
    })
}

/// A `weights` table: each key a phrase, matched as a common word when
/// written in lower case and as a name (capitals where the key has them)
/// otherwise, with its weight.
fn check_table(
    raw: &Spanned<RawCond>,
    table: &Spanned<BTreeMap<String, Spanned<f64>>>,
    place: Where,
    at: &mut At,
) -> Option<Cond> {
    if table.get_ref().is_empty() {
        at.report(ProblemKind::InvalidValue, raw, "empty weights table".into());
        return None;
    }
    let log = match raw.get_ref().counts.as_ref() {
        None => false,
        Some(c) if c.get_ref() == "once" => false,
        Some(c) if c.get_ref() == "log" => true,
        Some(c) => {
            let msg = format!("counts {:?} is neither \"once\" nor \"log\"", c.get_ref());
            at.report(ProblemKind::InvalidValue, c, msg);
            return None;
        }
    };
    let list = at.ctx.phrases.new_list();
    let mut ok = true;
    for (key, w) in table.get_ref() {
        if fold_str(key).is_empty() {
            let msg = format!("phrase {key:?} in weights has no letters or digits to match");
            at.report(ProblemKind::EmptyAlias, w, msg);
            ok = false;
            continue;
        }
        let Some(weight) = finite(w, at) else {
            ok = false;
            continue;
        };
        let case = if key.chars().any(char::is_uppercase) {
            Case::Name
        } else {
            Case::Word
        };
        at.ctx.phrases.add_weighted(list, key, case, weight as f32);
    }
    ok.then_some(Cond::Table { list, place, log })
}

fn check_tags(r: &RawCond, place: Where, at: &mut At) -> Option<Cond> {
    let kind = r.kind.as_ref().and_then(|k| check_kind(k, at));
    let min_score = match &r.min_score {
        Some(s) => finite(s, at).unwrap_or(0.0) as f32,
        None => 0.0,
    };
    let entities = r.entity.iter().chain(&r.entities);
    let countries = r.country.iter().chain(&r.countries);
    let test = TagTest {
        entities: IdSet::new(entities.filter_map(|e| check_id(e, None, at))),
        kind,
        countries: IdSet::new(countries.filter_map(|c| check_id(c, Some(Kind::Country), at))),
        topic: r
            .topic
            .as_ref()
            .and_then(|t| check_id(t, Some(Kind::Topic), at)),
        min_count: count(&r.min_count, at),
        min_score,
        at_least: count(&r.at_least, at),
        place,
    };
    Some(Cond::Tags(test))
}

fn check_kind(k: &S, at: &mut At) -> Option<Kind> {
    let s = k.get_ref();
    let kinds = Kind::DATA_KINDS.iter().chain([&Kind::Unknown]);
    let found = kinds.clone().find(|kind| kind.as_str() == s).copied();
    if found.is_none() {
        let names: Vec<&str> = kinds.map(|k| k.as_str()).collect();
        let msg = format!("unknown kind {s:?} (expected one of: {})", names.join(", "));
        at.report(ProblemKind::UnknownKind, k, msg);
    }
    found
}

/// An entity id named by a condition; when the load has a gazetteer, it
/// must be there, and of kind `want` if given.
fn check_id(id: &S, want: Option<Kind>, at: &mut At) -> Option<Box<str>> {
    let s = id.get_ref().as_str();
    if s.trim().is_empty() {
        at.report(ProblemKind::EmptyAlias, id, "empty id".into());
        return None;
    }
    if let Some(g) = at.ctx.gazetteer {
        match (g.entity(s), want) {
            (None, _) => {
                let msg = format!("unknown entity id {s:?}");
                at.report(ProblemKind::DanglingLink, id, msg);
            }
            (Some(e), Some(want)) if e.kind() != want => {
                let msg = format!("{s:?} is a {}, not a {want}", e.kind());
                at.report(ProblemKind::DanglingLink, id, msg);
            }
            _ => {}
        }
    }
    Some(s.into())
}

/// A short description of a condition, for where it fired: what it tests,
/// then its bounds.
fn describe(r: &RawCond) -> String {
    let mut parts = describe_tags(r);
    let words: Vec<&str> = [&r.phrases, &r.words, &r.names, &r.exact]
        .into_iter()
        .flatten()
        .map(|s| s.get_ref().as_str())
        .collect();
    if !words.is_empty() {
        parts.push(describe_words(&words));
    }
    if let Some(re) = &r.regex {
        parts.push(format!("regex /{}/", re.get_ref()));
    }
    if let Some(table) = &r.weights {
        let counts = match r.counts.as_ref().map(|c| c.get_ref().as_str()) {
            Some("log") => ", by log count",
            _ => "",
        };
        parts.push(format!(
            "weights of {} phrases{counts}",
            table.get_ref().len()
        ));
    }
    for (name, list) in [("all", &r.all), ("any", &r.any)] {
        if let Some(list) = list {
            let inner: Vec<String> = list.iter().map(|c| describe(c.get_ref())).collect();
            parts.push(format!("{name}({})", inner.join("; ")));
        }
    }
    if let Some(inner) = &r.not {
        parts.push(format!("not({})", describe(inner.get_ref())));
    }
    parts.extend(describe_bounds(r));
    parts.join(", ")
}

/// The tag selectors of a condition: `entity agency/cia`, `countries
/// country/mx country/us`.
fn describe_tags(r: &RawCond) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut selector = |name: &str, v: &Option<S>| {
        if let Some(v) = v {
            parts.push(format!("{name} {}", v.get_ref()));
        }
    };
    selector("entity", &r.entity);
    selector("kind", &r.kind);
    selector("country", &r.country);
    selector("topic", &r.topic);
    for (name, list) in [("entities", &r.entities), ("countries", &r.countries)] {
        if !list.is_empty() {
            let ids: Vec<&str> = list.iter().map(|s| s.get_ref().as_str()).collect();
            parts.push(format!("{name} {}", ids.join(" ")));
        }
    }
    parts
}

/// The bounds of a condition and where it looks: `min_count 2`, `in title`.
fn describe_bounds(r: &RawCond) -> impl Iterator<Item = String> + '_ {
    let number = |v: &Option<Spanned<i64>>| v.as_ref().map(|v| v.get_ref().to_string());
    [
        ("min_count", number(&r.min_count)),
        (
            "min_score",
            r.min_score.as_ref().map(|v| v.get_ref().to_string()),
        ),
        ("at_least", number(&r.at_least)),
        ("distinct", number(&r.distinct)),
        ("in", r.place.as_ref().map(|v| v.get_ref().clone())),
    ]
    .into_iter()
    .filter_map(|(name, v)| Some(format!("{name} {}", v?)))
}

/// `phrases "a", "b", "c" (+4 more)`.
fn describe_words(words: &[&str]) -> String {
    const SHOWN: usize = 4;
    let shown: Vec<String> = words.iter().take(SHOWN).map(|w| format!("{w:?}")).collect();
    let more = words.len().saturating_sub(SHOWN);
    let tail = if more > 0 {
        format!(" (+{more} more)")
    } else {
        String::new()
    };
    format!("phrases {}{tail}", shown.join(", "))
}

/// Links each category to its parent (by name or code), reporting
/// unknown parents, duplicate names and cycles.
fn link_parents(rules: &mut [Rule], raws: &[(&Parsed, &RawCategory)], problems: &mut Vec<Problem>) {
    let mut by_key: HashMap<&str, u32> = HashMap::new();
    for (i, (file, raw)) in (0u32..).zip(raws) {
        let name = raw.name.get_ref().as_str();
        if let Some(&first) = by_key.get(name) {
            let (ff, fr) = raws[first as usize];
            let msg = format!(
                "duplicate category {name:?} (first defined at {}:{})",
                ff.file,
                ff.line(fr.name.span())
            );
            let line = file.line(raw.name.span());
            problems.push(Problem::new(
                ProblemKind::DuplicateId,
                &file.file,
                Some(line),
                msg,
            ));
            continue;
        }
        by_key.insert(name, i);
        if let Some(code) = &raw.code {
            check_code(code, i, file, raws, &mut by_key, problems);
        }
    }
    for (i, (file, raw)) in raws.iter().enumerate() {
        let Some(parent) = &raw.parent else { continue };
        let line = file.line(parent.span());
        match by_key.get(parent.get_ref().as_str()) {
            Some(&p) => rules[i].parent = Some(p),
            None => {
                let msg = format!("unknown parent category {:?}", parent.get_ref());
                let p = Problem::new(ProblemKind::DanglingLink, &file.file, Some(line), msg);
                problems.push(p.with_value(parent.get_ref()));
            }
        }
    }
    report_cycles(rules, raws, problems);
}

/// Indexes a category's `code` for `parent` links, reporting one that is
/// empty or already names another category (a `parent` would silently
/// resolve to the first).
fn check_code<'a>(
    code: &'a S,
    i: u32,
    file: &Parsed,
    raws: &[(&Parsed, &RawCategory)],
    by_key: &mut HashMap<&'a str, u32>,
    problems: &mut Vec<Problem>,
) {
    let key = code.get_ref().as_str();
    let line = Some(file.line(code.span()));
    if key.trim().is_empty() {
        let msg = "empty category code".to_string();
        problems.push(Problem::new(
            ProblemKind::InvalidValue,
            &file.file,
            line,
            msg,
        ));
        return;
    }
    match by_key.get(key) {
        Some(&first) if first != i => {
            let (ff, fr) = raws[first as usize];
            let msg = format!(
                "duplicate category code {key:?} (already names {:?} at {}:{})",
                fr.name.get_ref(),
                ff.file,
                ff.line(fr.name.span())
            );
            problems.push(Problem::new(
                ProblemKind::DuplicateId,
                &file.file,
                line,
                msg,
            ));
        }
        Some(_) => {}
        None => {
            by_key.insert(key, i);
        }
    }
}

/// Reports each cycle of parents once, at the category of the cycle that
/// comes first in the files. Each category is walked over once, so a
/// chain of thousands of parents loads in linear time (an 8,000-deep
/// chain took 14 s when each walk started afresh).
fn report_cycles(rules: &[Rule], raws: &[(&Parsed, &RawCategory)], problems: &mut Vec<Problem>) {
    // 0: not seen; 1: on the walk in progress; 2: done.
    let mut state = vec![0u8; rules.len()];
    let parent = |i: usize| rules.get(i).and_then(|r| r.parent).map(|p| p as usize);
    for start in 0..rules.len() {
        let mut path = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match state.get(i) {
                Some(0) => {}
                Some(1) => {
                    let from = path.iter().position(|&j| j == i).unwrap_or(0);
                    let first = path.get(from..).and_then(|c| c.iter().min().copied());
                    if let Some(first) = first {
                        report_cycle(first, rules, raws, problems, parent);
                    }
                    break;
                }
                _ => break,
            }
            if let Some(s) = state.get_mut(i) {
                *s = 1;
            }
            path.push(i);
            at = parent(i);
        }
        for i in path {
            if let Some(s) = state.get_mut(i) {
                *s = 2;
            }
        }
    }
}

/// Reports the cycle of parents through category `first`, at it.
fn report_cycle(
    first: usize,
    rules: &[Rule],
    raws: &[(&Parsed, &RawCategory)],
    problems: &mut Vec<Problem>,
    parent: impl Fn(usize) -> Option<usize>,
) {
    let mut names: Vec<&str> = vec![&*rules[first].name];
    let mut at = parent(first);
    while let Some(i) = at.filter(|&i| i != first && names.len() <= rules.len()) {
        names.push(&rules[i].name);
        at = parent(i);
    }
    names.push(&rules[first].name);
    let (file, raw) = raws[first];
    let span = raw.parent.as_ref().map_or(raw.name.span(), |p| p.span());
    let msg = format!("category parents form a cycle: {}", names.join(" -> "));
    problems.push(Problem::new(
        ProblemKind::InvalidValue,
        &file.file,
        Some(file.line(span)),
        msg,
    ));
}
