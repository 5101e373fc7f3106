//! Reading data files: TOML into raw records, raw records into checked
//! entities. Every problem is collected; nothing stops at the first one.

use std::collections::hash_map::Entry;

use toml::Spanned;

mod overrides;
mod raw;
mod shape;

use super::entity::{Cues, Entity};
use crate::diagnose::Known;
use crate::error::{Problem, ProblemKind};
use crate::fold::{Folded, fold_str};
use crate::sources::{Lines, map_in_order, parse_toml};
use crate::types::{AliasForm, Case, Evidence, Kind};
use raw::{At, Id, Ids, Parsed, RawCues, RawEntity, RawFile, S};

/// What the data files hold, checked.
pub(crate) struct Loaded {
    pub(crate) entities: Vec<Entity>,
    pub(crate) cues: Cues,
    /// Not problems, but worth saying: a user's alias that the default
    /// data uses too.
    pub(crate) warnings: Vec<Problem>,
}

/// Parses and checks every source, returning what they hold or every
/// problem found.
///
/// Files are parsed, and then checked, on several threads
/// ([`map_in_order`]); their results are merged in source order, so the
/// entities and the problems come in the same order as on one thread.
pub(crate) fn load(sources: &[(String, String)]) -> Result<Loaded, Vec<Problem>> {
    let mut problems = Vec::new();
    let size = |(_, text): &(String, String)| text.len();
    let mut parsed = Vec::with_capacity(sources.len());
    for (file, more) in map_in_order(sources, size, |(f, t)| parse(f, t)) {
        parsed.extend(file);
        problems.extend(more);
    }
    overrides::apply_removes(&mut parsed, &mut problems);
    let ids = index_ids(&parsed, &mut problems);
    shape::parent_cycles(&parsed, &ids, &mut problems);
    let size = |p: &Parsed| p.size;
    let checked = map_in_order(&parsed, size, |file| check_file(file, &ids));
    let mut entities = Vec::with_capacity(ids.len());
    let mut cues = Cues::default();
    for file in checked {
        entities.extend(file.entities);
        cues.place_before.extend(file.cues);
        cues.place_only_before.extend(file.place_only_before);
        cues.speech_after.extend(file.speech_after);
        problems.extend(file.problems);
    }
    if problems.is_empty() {
        resolve_indices(&mut entities, &ids);
        let warnings = overrides::shared_aliases(&parsed);
        Ok(Loaded {
            entities,
            cues,
            warnings,
        })
    } else {
        diagnose(&parsed, &mut problems);
        Err(problems)
    }
}

/// Puts the problems in line order and adds "did you mean" to unknown
/// kinds and links to unknown ids.
fn diagnose(parsed: &[Parsed], problems: &mut [Problem]) {
    crate::diagnose::sort_by_line(problems);
    let kinds = Known {
        names: Kind::DATA_KINDS.iter().map(|k| k.as_str()).collect(),
        aliases: Vec::new(),
    };
    crate::diagnose::suggest(problems, ProblemKind::UnknownKind, &kinds);
    if problems
        .iter()
        .any(|p| p.kind() == ProblemKind::DanglingLink)
    {
        let raws = || parsed.iter().flat_map(|f| &f.entities);
        let aliases = raws().flat_map(|raw| {
            let id = raw.id.get_ref().as_str();
            let forms = [&raw.names, &raw.exact, &raw.context_names]
                .into_iter()
                .flatten();
            std::iter::once(&raw.name)
                .chain(forms)
                .map(move |a| (fold_str(a.get_ref()), id))
        });
        let ids = Known {
            names: raws().map(|raw| raw.id.get_ref().as_str()).collect(),
            aliases: aliases.collect(),
        };
        crate::diagnose::suggest(problems, ProblemKind::DanglingLink, &ids);
    }
}

/// What one file gives once checked.
struct Checked {
    entities: Vec<Entity>,
    /// Folded `place_before` cue words.
    cues: Vec<Box<str>>,
    /// Folded `place_only_before` cue words.
    place_only_before: Vec<Box<str>>,
    /// Folded `speech_after` cue words.
    speech_after: Vec<Box<str>>,
    problems: Vec<Problem>,
}

/// Checks the cues and the records of one parsed file.
fn check_file(file: &Parsed, ids: &Ids) -> Checked {
    let mut problems = Vec::new();
    let mut at = At {
        file,
        problems: &mut problems,
        fold: Folded::default(),
    };
    let mut cue_words = |words: fn(&RawCues) -> &Vec<S>| {
        let mut out: Vec<Box<str>> = Vec::new();
        for word in file.cues.iter().flat_map(words) {
            if let Some(w) = check_text("cue", word, &mut at) {
                out.push(fold_str(w).into());
            }
        }
        out
    };
    let cues = cue_words(|c| &c.place_before);
    let place_only_before = cue_words(|c| &c.place_only_before);
    let speech_after = cue_words(|c| &c.speech_after);
    let mut entities = Vec::with_capacity(file.entities.len());
    entities.extend(
        file.entities
            .iter()
            .filter_map(|raw| check(raw, ids, &mut at)),
    );
    Checked {
        entities,
        cues,
        place_only_before,
        speech_after,
        problems,
    }
}

/// Parses one file: its records, or the problems that kept it from
/// parsing.
fn parse(file: &str, text: &str) -> (Option<Parsed>, Vec<Problem>) {
    let mut parsed = Parsed {
        file: file.to_string(),
        lines: Lines::new(text),
        size: text.len(),
        entities: Vec::new(),
        cues: None,
        removes: Vec::new(),
    };
    let mut problems = Vec::new();
    if file.ends_with(".tsv") {
        parsed.entities = parse_tsv(&parsed, text, &mut problems);
        return (problems.is_empty().then_some(parsed), problems);
    }
    match parse_toml::<RawFile>(file, text, &parsed.lines) {
        Ok(raw) => {
            parsed.entities = raw.entity;
            parsed.cues = raw.cues;
            parsed.removes = raw.remove;
            (Some(parsed), problems)
        }
        Err(problem) => (None, vec![problem]),
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
    // One record a line: sized once, the records of a table of world
    // cities (some 6 MB) are not copied from one doubling to the next.
    let lines = text.bytes().filter(|&b| b == b'\n').count() + 1;
    let mut out = Vec::with_capacity(lines);
    // The cells of the current line: text and byte offset in the file.
    // Each becomes a `String` once, when it goes into the record.
    let mut cells: Vec<(&str, usize)> = Vec::with_capacity(TSV_COLUMNS.len());
    let mut offset = 0;
    for (n, line) in text.split('\n').enumerate() {
        let start = offset;
        offset += line.len() + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        cells.clear();
        let mut at = start;
        for cell in line.split('\t') {
            cells.push((cell, at));
            at += cell.len() + 1;
        }
        out.extend(tsv_record(&parsed.file, n + 1, &cells, problems));
    }
    out
}

/// The entity of line `line` of a TSV file, from its cells (text and
/// byte offset in the file); `None`, reported, when the line is
/// malformed.
fn tsv_record(
    file: &str,
    line: usize,
    cells: &[(&str, usize)],
    problems: &mut Vec<Problem>,
) -> Option<RawEntity> {
    let fail = |msg: String| Problem::new(ProblemKind::Syntax, file, Some(line), msg);
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
        return None;
    }
    let population = match tsv_population(cells[4]) {
        Ok(population) => population,
        Err(msg) => {
            problems.push(fail(msg));
            return None;
        }
    };
    let (needs_context, person_name) = tsv_flags(cells[8], |msg| problems.push(fail(msg)));
    let optional = |&(cell, at): &(&str, usize)| (!cell.is_empty()).then(|| spanned(cell, at));
    Some(RawEntity {
        id: spanned(cells[0].0, cells[0].1),
        kind: spanned(cells[1].0, cells[1].1),
        name: spanned(cells[2].0, cells[2].1),
        label: None,
        iso: None,
        names: tsv_list(cells[5]),
        exact: tsv_list(cells[6]),
        phrases: Vec::new(),
        demonyms: Vec::new(),
        metonyms: Vec::new(),
        currencies: Vec::new(),
        context_names: cells.get(9).map_or(Vec::new(), |&c| tsv_list(c)),
        partial: Vec::new(),
        country: optional(&cells[3]),
        parent: None,
        predecessor: None,
        successor: None,
        roles: Vec::new(),
        population,
        cues: tsv_list(cells[7]),
        needs_context,
        person_name,
    })
}

/// The flags of a TSV cell: whether the name needs context (`context`)
/// and whether it is a person's name (`person`); `report` gets each
/// unknown flag.
fn tsv_flags(cell: (&str, usize), mut report: impl FnMut(String)) -> (bool, bool) {
    let (mut needs_context, mut person_name) = (false, false);
    for flag in tsv_list(cell) {
        match flag.get_ref().as_str() {
            "context" => needs_context = true,
            "person" => person_name = true,
            other => report(format!("unknown flag {other:?} (known: context, person)")),
        }
    }
    (needs_context, person_name)
}

/// The population in a TSV cell (text and byte offset), if it gives one.
fn tsv_population((cell, at): (&str, usize)) -> Result<Option<Spanned<u64>>, String> {
    if cell.is_empty() {
        return Ok(None);
    }
    match cell.parse::<u64>() {
        Ok(v) => Ok(Some(Spanned::new(at..at + cell.len(), v))),
        Err(_) => Err(format!("population {cell:?} is not a whole number")),
    }
}

/// `text`, found at byte `at` of its file.
fn spanned(text: &str, at: usize) -> S {
    Spanned::new(at..at + text.len(), text.to_string())
}

/// The items of a `|`-separated cell found at byte `at`; none for an
/// empty cell.
fn tsv_list((cell, at): (&str, usize)) -> Vec<S> {
    if cell.is_empty() {
        return Vec::new();
    }
    let mut at = at;
    cell.split('|')
        .map(|item| {
            let s = spanned(item, at);
            at += item.len() + 1;
            s
        })
        .collect()
}

/// Indexes every id, reporting duplicates with where the first one is.
fn index_ids<'a>(parsed: &'a [Parsed], problems: &mut Vec<Problem>) -> Ids<'a> {
    let records = parsed.iter().map(|f| f.entities.len()).sum();
    let mut ids = Ids::with_capacity_and_hasher(records, Default::default());
    let mut position = 0u32;
    for (fi, file) in parsed.iter().enumerate() {
        let mut at = At {
            file,
            problems,
            fold: Folded::default(),
        };
        for raw in &file.entities {
            let id = raw.id.get_ref().as_str();
            match ids.entry(id) {
                Entry::Occupied(first) => {
                    let first = first.get();
                    let first_file = &parsed[first.file];
                    let msg = format!(
                        "duplicate id {id:?} (first defined at {}:{})",
                        first_file.file,
                        first_file.lines.line(first.offset)
                    );
                    at.report(ProblemKind::DuplicateId, &raw.id, msg);
                }
                Entry::Vacant(slot) => {
                    slot.insert(Id {
                        kind: Kind::from_data(raw.kind.get_ref()),
                        file: fi,
                        offset: raw.id.span().start,
                        position,
                    });
                }
            }
            position = position.saturating_add(1);
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
    let label = raw.label.as_ref().map(|t| check_text("label", t, at));
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
        label: label.flatten().map(Into::into),
        iso: iso.map(Into::into),
        aliases,
        country,
        parent,
        predecessor,
        successor,
        roles: raw.roles.iter().map(|r| r.as_str().into()).collect(),
        titles: titles(raw.roles.iter().map(String::as_str)),
        population: raw.population.as_ref().map(|p| *p.get_ref()),
        cues,
        needs_context: raw.needs_context || raw.person_name,
        person_name: raw.person_name,
        country_index: None,
    })
}

/// The folded words of the titles `roles` name: the leading capitalised
/// words of each ("US Treasury Secretary" of "US Treasury Secretary
/// (1985-1988)", "President" of "President of the United States",
/// "Director" and "General" of "Director-General of the IAEA"), each once.
fn titles<'a>(roles: impl Iterator<Item = &'a str>) -> Box<[Box<str>]> {
    let mut words: Vec<Box<str>> = Vec::new();
    for role in roles {
        let title = role
            .split(|c: char| c.is_whitespace() || c == '-')
            .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
            .map(fold_str)
            .filter(|w| !w.is_empty());
        for w in title {
            if !words.iter().any(|x| **x == *w) {
                words.push(w.into());
            }
        }
    }
    words.into()
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
    match (ids.get(target).map(|i| i.kind), want) {
        (None, _) => {
            let msg = format!("{field} links to unknown id {target:?}");
            at.report(ProblemKind::DanglingLink, link, msg);
            None
        }
        (Some(Some(kind)), Some(want)) if kind != want => {
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
    let name = AliasList {
        field: "name",
        values: std::slice::from_ref(&raw.name),
        case: name_case,
        evidence: Evidence::Name,
        needs_context: false,
    };
    let lists = std::iter::once(name).chain(alias_lists(raw));
    let all = lists.flat_map(|l| l.values.iter().map(move |s| (l, s)));
    let mut out: Vec<AliasForm> = Vec::new();
    for (list, s) in all {
        let Some(form) = check_alias(&list, s, at) else {
            continue;
        };
        if !out.contains(&form) {
            out.push(form);
        }
    }
    if kind == Some(Kind::Person) {
        add_surname(raw.name.get_ref(), &mut out, &mut at.fold);
    }
    out
}

/// One list of aliases of an entity as the data gives it, with what its
/// aliases are.
#[derive(Clone, Copy)]
struct AliasList<'a> {
    /// The field of the data.
    field: &'static str,
    values: &'a [S],
    case: Case,
    evidence: Evidence,
    needs_context: bool,
}

/// The alias lists of an entity besides its name.
fn alias_lists(raw: &RawEntity) -> [AliasList<'_>; 8] {
    let list = |field, values, case, evidence| AliasList {
        field,
        values,
        case,
        evidence,
        needs_context: false,
    };
    [
        list("names", &raw.names, Case::Name, Evidence::Name),
        list("exact", &raw.exact, Case::Exact, Evidence::Name),
        list("phrases", &raw.phrases, Case::Any, Evidence::Name),
        list("demonyms", &raw.demonyms, Case::Name, Evidence::Demonym),
        list("metonyms", &raw.metonyms, Case::Name, Evidence::Metonym),
        list(
            "currencies",
            &raw.currencies,
            Case::Name,
            Evidence::Currency,
        ),
        list("partial", &raw.partial, Case::Name, Evidence::Partial),
        AliasList {
            needs_context: true,
            ..list(
                "context_names",
                &raw.context_names,
                Case::Exact,
                Evidence::Name,
            )
        },
    ]
}

/// The alias form of value `s` of `list`, or `None`, reported, when it is
/// empty or has nothing to match.
fn check_alias(list: &AliasList, s: &S, at: &mut At) -> Option<AliasForm> {
    let (field, text) = (list.field, s.get_ref());
    if text.trim().is_empty() {
        at.report(
            ProblemKind::EmptyAlias,
            s,
            format!("empty alias in {field}"),
        );
        return None;
    }
    at.fold.fold(text);
    if at.fold.text.is_empty() {
        let msg = format!("alias {text:?} in {field} has no letters or digits to match");
        at.report(ProblemKind::EmptyAlias, s, msg);
        return None;
    }
    let words = at.fold.tokens.len();
    if !shape::check_alias(field, s, list.case, words, at) {
        return None;
    }
    Some(AliasForm {
        text: text.as_str().into(),
        case: list.case,
        evidence: list.evidence,
        needs_context: list.needs_context,
    })
}

/// Gives a person the last word of their name as a partial alias
/// ("Calderón" for "Felipe Calderón"), so that later mentions by surname
/// count once the full name has been given. A surname of one letter, or a
/// generational suffix ("Jr."), is left out; so is a surname that is
/// already an alias.
fn add_surname(name: &str, out: &mut Vec<AliasForm>, scratch: &mut Folded) {
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
    let is_alias = |a: &AliasForm| {
        scratch.fold(&a.text);
        scratch.text == folded
    };
    if !out.iter().any(is_alias) {
        out.push(AliasForm {
            text: last.into(),
            case: Case::Name,
            evidence: Evidence::Partial,
            needs_context: false,
        });
    }
}

/// Fills in the index of each entity's country, now that all are known.
/// `ids` gives positions among `entities`, which hold every record since
/// the data has no problems.
fn resolve_indices(entities: &mut [Entity], ids: &Ids) {
    let position = |id: &str| ids.get(id).map(|i| i.position);
    for e in entities.iter_mut() {
        e.country_index = if e.kind == Kind::Country {
            position(&e.id)
        } else {
            e.country.as_deref().and_then(position)
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Files of different sizes, big enough together to be parsed on
    /// several threads, the largest last so that threads take them out of
    /// order; file `f` has `200 * (f + 1)` organisations and, when `bad`,
    /// one record of an unknown kind at the end.
    fn files(bad: bool) -> Vec<(String, String)> {
        (0..4)
            .map(|f| {
                let mut text = String::new();
                for i in 0..200 * (f + 1) {
                    text.push_str(&format!(
                        "[[entity]]\nid = \"org/f{f}-{i}\"\nkind = \"organization\"\nname = \"Trading House {f} {i}\"\n"
                    ));
                }
                if bad {
                    text.push_str(&format!(
                        "[[entity]]\nid = \"org/f{f}-bad\"\nkind = \"firm\"\nname = \"Bad {f}\"\n"
                    ));
                }
                (format!("f{f}.toml"), text)
            })
            .collect()
    }

    #[test]
    fn files_load_in_order_on_any_thread() {
        let files = files(false);
        assert!(files.iter().map(|(_, t)| t.len()).sum::<usize>() > 64 * 1024);
        let loaded = load(&files).ok().unwrap();
        let ids: Vec<&str> = loaded.entities.iter().map(|e| e.id()).collect();
        let want: Vec<String> = (0..4)
            .flat_map(|f| (0..200 * (f + 1)).map(move |i| format!("org/f{f}-{i}")))
            .collect();
        assert_eq!(ids, want);
    }

    #[test]
    fn problems_come_in_file_order_on_any_thread() {
        let problems = load(&files(true)).err().unwrap();
        let got: Vec<(&str, ProblemKind, Option<usize>)> = problems
            .iter()
            .map(|p| (p.file(), p.kind(), p.line()))
            .collect();
        let want: Vec<(String, ProblemKind, Option<usize>)> = (0..4)
            .map(|f| {
                (
                    format!("f{f}.toml"),
                    ProblemKind::UnknownKind,
                    Some(800 * (f + 1) + 3),
                )
            })
            .collect();
        let want: Vec<(&str, ProblemKind, Option<usize>)> =
            want.iter().map(|(f, k, l)| (f.as_str(), *k, *l)).collect();
        assert_eq!(got, want);
    }
}
