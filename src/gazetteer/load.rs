//! Reading data files: TOML into raw records, raw records into checked
//! entities. Every problem is collected; nothing stops at the first one.

use std::collections::HashMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::{AliasForm, Case, Cues, Entity, Evidence, Kind};
use crate::error::{Problem, ProblemKind};
use crate::fold::fold_str;
use crate::sources::{Lines, parse_toml};

/// One data file as TOML gives it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    entity: Vec<RawEntity>,
    cues: Option<RawCues>,
}

/// A `[cues]` table: words that tell the resolve stage how a mention is
/// used. Tables of several files are merged.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCues {
    #[serde(default)]
    place_before: Vec<S>,
    #[serde(default)]
    speech_after: Vec<S>,
}

type S = Spanned<String>;

/// One `[[entity]]` table, before any checks.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntity {
    id: S,
    kind: S,
    name: S,
    tag: Option<S>,
    iso: Option<S>,
    #[serde(default)]
    names: Vec<S>,
    #[serde(default)]
    exact: Vec<S>,
    #[serde(default)]
    phrases: Vec<S>,
    #[serde(default)]
    demonyms: Vec<S>,
    #[serde(default)]
    metonyms: Vec<S>,
    #[serde(default)]
    currencies: Vec<S>,
    #[serde(default)]
    context_names: Vec<S>,
    #[serde(default)]
    partial: Vec<S>,
    country: Option<S>,
    parent: Option<S>,
    predecessor: Option<S>,
    successor: Option<S>,
    #[serde(default)]
    roles: Vec<String>,
    population: Option<Spanned<u64>>,
    #[serde(default)]
    cues: Vec<S>,
    #[serde(default)]
    needs_context: bool,
}

/// A parsed file: its name, where its lines start, and its records.
struct Parsed {
    file: String,
    lines: Lines,
    entities: Vec<RawEntity>,
    cues: Option<RawCues>,
}

impl Parsed {
    fn line(&self, span: Range<usize>) -> usize {
        self.lines.line(span.start)
    }
}

/// Where a problem is, for the report.
struct At<'a> {
    file: &'a Parsed,
    problems: &'a mut Vec<Problem>,
}

impl At<'_> {
    fn report<T>(&mut self, kind: ProblemKind, at: &Spanned<T>, msg: String) {
        let line = self.file.line(at.span());
        self.problems
            .push(Problem::new(kind, &self.file.file, Some(line), msg));
    }
}

/// What the data files hold, checked.
pub(crate) struct Loaded {
    pub(crate) entities: Vec<Entity>,
    pub(crate) cues: Cues,
}

/// Parses and checks every source, returning what they hold or every
/// problem found.
pub(crate) fn load(sources: &[(String, String)]) -> Result<Loaded, Vec<Problem>> {
    let mut problems = Vec::new();
    let parsed: Vec<Parsed> = sources
        .iter()
        .filter_map(|(file, text)| parse(file, text, &mut problems))
        .collect();
    let ids = index_ids(&parsed, &mut problems);
    let mut entities = Vec::new();
    let mut cues = Cues::default();
    for file in &parsed {
        let mut at = At {
            file,
            problems: &mut problems,
        };
        for word in file.cues.iter().flat_map(|c| &c.place_before) {
            if let Some(w) = check_text("cue", word, &mut at) {
                cues.place_before.insert(fold_str(w).into());
            }
        }
        for word in file.cues.iter().flat_map(|c| &c.speech_after) {
            if let Some(w) = check_text("cue", word, &mut at) {
                cues.speech_after.insert(fold_str(w).into());
            }
        }
        let mut at = At {
            file,
            problems: &mut problems,
        };
        for raw in &file.entities {
            if let Some(e) = check(raw, &ids, &mut at) {
                entities.push(e);
            }
        }
    }
    if problems.is_empty() {
        resolve_indices(&mut entities);
        Ok(Loaded { entities, cues })
    } else {
        Err(problems)
    }
}

fn parse(file: &str, text: &str, problems: &mut Vec<Problem>) -> Option<Parsed> {
    let mut parsed = Parsed {
        file: file.to_string(),
        lines: Lines::new(text),
        entities: Vec::new(),
        cues: None,
    };
    if file.ends_with(".tsv") {
        let before = problems.len();
        parsed.entities = parse_tsv(&parsed, text, problems);
        return (problems.len() == before).then_some(parsed);
    }
    match parse_toml::<RawFile>(file, text, &parsed.lines) {
        Ok(raw) => {
            parsed.entities = raw.entity;
            parsed.cues = raw.cues;
            Some(parsed)
        }
        Err(problem) => {
            problems.push(problem);
            None
        }
    }
}

/// The columns of a `.tsv` data file, in order.
pub(crate) const TSV_COLUMNS: [&str; 10] = [
    "id",
    "kind",
    "name",
    "country",
    "population",
    "names",
    "exact",
    "cues",
    "flags",
    "context_names",
];

/// Parses a tab-separated data file: one entity a line, the columns of
/// [`TSV_COLUMNS`] (the last optional), lists separated by `|`, empty cells for absent values;
/// lines starting with `#` and blank lines are skipped. Loads several
/// times faster than TOML, for large uniform tables such as world cities.
fn parse_tsv(parsed: &Parsed, text: &str, problems: &mut Vec<Problem>) -> Vec<RawEntity> {
    let mut out = Vec::new();
    let mut offset = 0;
    for (n, line) in text.split('\n').enumerate() {
        let start = offset;
        offset += line.len() + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cells: Vec<S> = Vec::with_capacity(TSV_COLUMNS.len());
        let mut at = start;
        for cell in line.split('\t') {
            cells.push(Spanned::new(at..at + cell.len(), cell.to_string()));
            at += cell.len() + 1;
        }
        let fail = |msg: String| Problem::new(ProblemKind::Syntax, &parsed.file, Some(n + 1), msg);
        // The last column is optional, so that tables written before it
        // existed still load.
        if !(TSV_COLUMNS.len() - 1..=TSV_COLUMNS.len()).contains(&cells.len()) {
            let msg = format!(
                "expected {} tab-separated columns ({}; the last may be left out), found {}",
                TSV_COLUMNS.len(),
                TSV_COLUMNS.join(", "),
                cells.len()
            );
            problems.push(fail(msg));
            continue;
        }
        let population = match cells[4].get_ref().as_str() {
            "" => None,
            p => match p.parse::<u64>() {
                Ok(v) => Some(Spanned::new(cells[4].span(), v)),
                Err(_) => {
                    problems.push(fail(format!("population {p:?} is not a whole number")));
                    continue;
                }
            },
        };
        let list = |cell: &S| -> Vec<S> {
            if cell.get_ref().is_empty() {
                return Vec::new();
            }
            let mut at = cell.span().start;
            cell.get_ref()
                .split('|')
                .map(|item| {
                    let s = Spanned::new(at..at + item.len(), item.to_string());
                    at += item.len() + 1;
                    s
                })
                .collect()
        };
        let optional = |cell: &S| (!cell.get_ref().is_empty()).then(|| cell.clone());
        out.push(RawEntity {
            id: cells[0].clone(),
            kind: cells[1].clone(),
            name: cells[2].clone(),
            tag: None,
            iso: None,
            names: list(&cells[5]),
            exact: list(&cells[6]),
            phrases: Vec::new(),
            demonyms: Vec::new(),
            metonyms: Vec::new(),
            currencies: Vec::new(),
            context_names: cells.get(9).map_or(Vec::new(), list),
            partial: Vec::new(),
            country: optional(&cells[3]),
            parent: None,
            predecessor: None,
            successor: None,
            roles: Vec::new(),
            population,
            cues: list(&cells[7]),
            needs_context: false,
        });
        for flag in list(&cells[8]) {
            match flag.get_ref().as_str() {
                "context" => out
                    .last_mut()
                    .into_iter()
                    .for_each(|e| e.needs_context = true),
                other => problems.push(fail(format!("unknown flag {other:?} (known: context)"))),
            }
        }
    }
    out
}

/// What the id check needs to know about every entity: its kind, or
/// `None` when the kind is unknown (links to it are not reported twice).
type Ids<'a> = HashMap<&'a str, Option<Kind>>;

/// Indexes every id, reporting duplicates with where the first one is.
fn index_ids<'a>(parsed: &'a [Parsed], problems: &mut Vec<Problem>) -> Ids<'a> {
    let mut first: HashMap<&str, (usize, usize)> = HashMap::new();
    let mut ids = Ids::new();
    for (fi, file) in parsed.iter().enumerate() {
        let mut at = At { file, problems };
        for raw in &file.entities {
            let id = raw.id.get_ref().as_str();
            let line = file.line(raw.id.span());
            if let Some(&(pf, pl)) = first.get(id) {
                let msg = format!(
                    "duplicate id {id:?} (first defined at {}:{pl})",
                    parsed[pf].file
                );
                at.report(ProblemKind::DuplicateId, &raw.id, msg);
                continue;
            }
            first.insert(id, (fi, line));
            ids.insert(id, Kind::from_data(raw.kind.get_ref()));
        }
    }
    ids
}

/// Checks one record; reports its problems and returns it as an entity if
/// it has none.
fn check(raw: &RawEntity, ids: &Ids, at: &mut At) -> Option<Entity> {
    let before = at.problems.len();
    check_id(&raw.id, at);
    let kind = Kind::from_data(raw.kind.get_ref());
    if kind.is_none() {
        let msg = format!(
            "unknown kind {:?} (expected one of: {})",
            raw.kind.get_ref(),
            Kind::DATA_KINDS.map(Kind::as_str).join(", ")
        );
        at.report(ProblemKind::UnknownKind, &raw.kind, msg);
    }
    let aliases = check_aliases(raw, kind, at);
    let tag = raw.tag.as_ref().map(|t| check_text("tag", t, at));
    let iso = raw.iso.as_ref().and_then(|iso| check_iso(iso, kind, at));
    if let (Some(p), Some(k)) = (&raw.population, kind) {
        if k != Kind::Place {
            let msg = format!("population is only for places, not {k}");
            at.report(ProblemKind::InvalidValue, p, msg);
        }
    }
    let country = check_link("country", &raw.country, Some(Kind::Country), ids, at);
    let parent = check_link("parent", &raw.parent, None, ids, at);
    let predecessor = check_link("predecessor", &raw.predecessor, None, ids, at);
    let successor = check_link("successor", &raw.successor, None, ids, at);
    let cues: Vec<Box<str>> = raw
        .cues
        .iter()
        .filter_map(|c| check_text("cue", c, at))
        .map(fold_str)
        .filter(|c| !c.is_empty())
        .map(String::into_boxed_str)
        .collect();
    if at.problems.len() > before {
        return None;
    }
    let kind = kind?;
    Some(Entity {
        id: raw.id.get_ref().as_str().into(),
        kind,
        name: raw.name.get_ref().as_str().into(),
        tag: tag.flatten().map(Into::into),
        iso: iso.map(Into::into),
        aliases,
        country,
        parent,
        predecessor,
        successor,
        roles: raw.roles.iter().map(|r| r.as_str().into()).collect(),
        population: raw.population.as_ref().map(|p| *p.get_ref()),
        cues,
        needs_context: raw.needs_context,
        country_index: None,
    })
}

fn check_id(id: &S, at: &mut At) {
    let s = id.get_ref();
    let ok = !s.is_empty() && s.len() <= 200 && s.chars().all(|c| c.is_ascii_graphic() && c != '"');
    if !ok {
        let msg =
            format!("invalid id {s:?} (ids are 1 to 200 printable ASCII characters, no spaces)");
        at.report(ProblemKind::InvalidValue, id, msg);
    }
}

/// Checks a free text value: not empty, no leading or trailing space.
fn check_text<'a>(field: &str, value: &'a S, at: &mut At) -> Option<&'a str> {
    let s = value.get_ref();
    if s.trim().is_empty() {
        at.report(ProblemKind::EmptyAlias, value, format!("empty {field}"));
        None
    } else {
        Some(s.as_str())
    }
}

fn check_iso(iso: &S, kind: Option<Kind>, at: &mut At) -> Option<String> {
    let s = iso.get_ref();
    if kind.is_some_and(|k| k != Kind::Country) {
        let msg = format!("iso {s:?} is only for countries");
        at.report(ProblemKind::InvalidValue, iso, msg);
        return None;
    }
    let ok = matches!(s.len(), 2 | 4) && s.bytes().all(|b| b.is_ascii_uppercase());
    if !ok {
        let msg = format!(
            "invalid iso code {s:?} (expected ISO 3166-1 alpha-2 or ISO 3166-3 alpha-4, in capitals)"
        );
        at.report(ProblemKind::InvalidValue, iso, msg);
        return None;
    }
    Some(s.clone())
}

/// Checks a link: the id must exist and, for `country`, be a country.
fn check_link(
    field: &str,
    link: &Option<S>,
    want: Option<Kind>,
    ids: &Ids,
    at: &mut At,
) -> Option<Box<str>> {
    let link = link.as_ref()?;
    let target = link.get_ref().as_str();
    match (ids.get(target), want) {
        (None, _) => {
            let msg = format!("{field} links to unknown id {target:?}");
            at.report(ProblemKind::DanglingLink, link, msg);
            None
        }
        (Some(Some(kind)), Some(want)) if *kind != want => {
            let msg = format!("{field} links to {target:?}, which is a {kind}, not a {want}");
            at.report(ProblemKind::DanglingLink, link, msg);
            None
        }
        _ => Some(target.into()),
    }
}

/// The alias lists of a record, with the case policy and evidence each
/// list stands for. The display name comes first.
fn check_aliases(raw: &RawEntity, kind: Option<Kind>, at: &mut At) -> Vec<AliasForm> {
    let name_case = if kind == Some(Kind::Topic) {
        Case::Any
    } else {
        Case::Name
    };
    // (field, values, case policy, evidence, needs context)
    let lists: [(&str, &[S], Case, Evidence, bool); 8] = [
        ("names", &raw.names, Case::Name, Evidence::Name, false),
        ("exact", &raw.exact, Case::Exact, Evidence::Name, false),
        ("phrases", &raw.phrases, Case::Any, Evidence::Name, false),
        (
            "demonyms",
            &raw.demonyms,
            Case::Name,
            Evidence::Demonym,
            false,
        ),
        (
            "metonyms",
            &raw.metonyms,
            Case::Name,
            Evidence::Metonym,
            false,
        ),
        (
            "currencies",
            &raw.currencies,
            Case::Name,
            Evidence::Currency,
            false,
        ),
        (
            "partial",
            &raw.partial,
            Case::Name,
            Evidence::Partial,
            false,
        ),
        (
            "context_names",
            &raw.context_names,
            Case::Exact,
            Evidence::Name,
            true,
        ),
    ];
    let name = std::iter::once(("name", &raw.name, name_case, Evidence::Name, false));
    let all = name.chain(lists.iter().flat_map(|(field, list, case, ev, ctx)| {
        list.iter().map(move |s| (*field, s, *case, *ev, *ctx))
    }));
    let mut out: Vec<AliasForm> = Vec::new();
    for (field, s, case, evidence, needs_context) in all {
        let text = s.get_ref();
        if text.trim().is_empty() {
            at.report(
                ProblemKind::EmptyAlias,
                s,
                format!("empty alias in {field}"),
            );
            continue;
        }
        if fold_str(text).is_empty() {
            let msg = format!("alias {text:?} in {field} has no letters or digits to match");
            at.report(ProblemKind::EmptyAlias, s, msg);
            continue;
        }
        let form = AliasForm {
            text: text.as_str().into(),
            case,
            evidence,
            needs_context,
        };
        if !out.contains(&form) {
            out.push(form);
        }
    }
    if kind == Some(Kind::Person) {
        add_surname(raw.name.get_ref(), &mut out);
    }
    out
}

/// Gives a person the last word of their name as a partial alias
/// ("Calderón" for "Felipe Calderón"), so that later mentions by surname
/// count once the full name has been given. A surname of one letter, or a
/// generational suffix ("Jr."), is left out; so is a surname that is
/// already an alias.
fn add_surname(name: &str, out: &mut Vec<AliasForm>) {
    let words: Vec<&str> = name.split_whitespace().collect();
    let Some((&last, rest)) = words.split_last() else {
        return;
    };
    if rest.is_empty() {
        return;
    }
    let folded = fold_str(last);
    let suffix = matches!(folded.as_str(), "jr" | "sr" | "ii" | "iii" | "iv");
    if folded.len() < 2 || suffix || folded.contains(' ') {
        return;
    }
    if !out.iter().any(|a| fold_str(&a.text) == folded) {
        out.push(AliasForm {
            text: last.into(),
            case: Case::Name,
            evidence: Evidence::Partial,
            needs_context: false,
        });
    }
}

/// Fills in the index of each entity's country, now that all are known.
fn resolve_indices(entities: &mut [Entity]) {
    let index: HashMap<Box<str>, u32> = entities
        .iter()
        .enumerate()
        .filter_map(|(i, e)| Some((e.id.clone(), u32::try_from(i).ok()?)))
        .collect();
    for e in entities.iter_mut() {
        e.country_index = e.country.as_ref().and_then(|c| index.get(c).copied());
        if e.kind == Kind::Country {
            e.country_index = index.get(&e.id).copied();
        }
    }
}
