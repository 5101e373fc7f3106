//! What a user's data does to the data loaded with it: `[[remove]]`
//! tables take entities or aliases out (of the default data, usually),
//! and an alias the user gives that the default data already uses is
//! reported as a warning, since it makes both entities ambiguous.

use rustc_hash::{FxHashMap, FxHashSet};

use super::raw::{Parsed, RawEntity, RawRemove, S};
use crate::error::{Problem, ProblemKind};
use crate::fold::fold_str;

/// The names of the embedded data's files start with this.
const DEFAULT_PREFIX: &str = "<default>/";

/// Every alias of a record, the display name first.
fn aliases(raw: &RawEntity) -> impl Iterator<Item = &S> {
    std::iter::once(&raw.name).chain(raw.alias_lists().into_iter().flatten())
}

/// Applies the `[[remove]]` tables of every file, whatever file the
/// entity is in, and reports each one that names nothing. Links to a
/// removed entity are dropped with it.
pub(super) fn apply_removes(parsed: &mut [Parsed], problems: &mut Vec<Problem>) {
    let removes = take_removes(parsed);
    if removes.is_empty() {
        return;
    }
    let records = index_records(parsed);
    let mut removed: FxHashSet<String> = FxHashSet::default();
    for (file, remove) in removes {
        let id = remove.entity.get_ref();
        let Some(&(ef, ei)) = records.get(id) else {
            let msg = format!("remove names unknown id {id:?}");
            let at = (file, &remove.entity);
            problems.push(remove_problem(parsed, at, ProblemKind::DanglingLink, msg));
            continue;
        };
        let Some(alias) = &remove.alias else {
            removed.insert(id.clone());
            continue;
        };
        if let Some(msg) = remove_alias(&mut parsed[ef].entities[ei], alias.get_ref()) {
            let at = (file, alias);
            problems.push(remove_problem(parsed, at, ProblemKind::InvalidValue, msg));
        }
    }
    if !removed.is_empty() {
        drop_removed(parsed, &removed);
    }
}

/// The `[[remove]]` tables of every file, each with the index of its file,
/// in file order.
fn take_removes(parsed: &mut [Parsed]) -> Vec<(usize, RawRemove)> {
    parsed
        .iter_mut()
        .enumerate()
        .flat_map(|(i, f)| {
            std::mem::take(&mut f.removes)
                .into_iter()
                .map(move |r| (i, r))
        })
        .collect()
}

/// Where each id is first defined: the index of its file and of its
/// record in the file.
fn index_records(parsed: &[Parsed]) -> FxHashMap<String, (usize, usize)> {
    let mut records: FxHashMap<String, (usize, usize)> = FxHashMap::default();
    for (fi, file) in parsed.iter().enumerate() {
        for (ei, raw) in file.entities.iter().enumerate() {
            records.entry(raw.id.get_ref().clone()).or_insert((fi, ei));
        }
    }
    records
}

/// The problem `msg` of a `[[remove]]` table, at value `s` of file
/// number `file`.
fn remove_problem(
    parsed: &[Parsed],
    (file, s): (usize, &S),
    kind: ProblemKind,
    msg: String,
) -> Problem {
    let file = &parsed[file];
    Problem::new(kind, &file.file, Some(file.line(s.span())), msg).with_value(s.get_ref())
}

/// Takes the `removed` entities out of every file, and the links to them
/// out of the entities that stay.
fn drop_removed(parsed: &mut [Parsed], removed: &FxHashSet<String>) {
    for file in parsed.iter_mut() {
        file.entities
            .retain(|raw| !removed.contains(raw.id.get_ref()));
        for raw in &mut file.entities {
            for link in raw.links_mut() {
                if link.as_ref().is_some_and(|l| removed.contains(l.get_ref())) {
                    *link = None;
                }
            }
        }
    }
}

/// Takes the alias out of every list of `raw` that has it (compared
/// folded, as matching does); what is wrong if it cannot.
fn remove_alias(raw: &mut RawEntity, alias: &str) -> Option<String> {
    let folded = fold_str(alias);
    if fold_str(raw.name.get_ref()) == folded {
        let id = raw.id.get_ref();
        return Some(format!(
            "{alias:?} is the name of {id:?}: remove the entity, or replace it with one of \
             another name"
        ));
    }
    let mut found = false;
    for list in raw.alias_lists_mut() {
        let before = list.len();
        list.retain(|a| fold_str(a.get_ref()) != folded);
        found |= list.len() != before;
    }
    let id = raw.id.get_ref();
    (!found).then(|| format!("{id:?} has no alias {alias:?}"))
}

/// A warning for each alias of a user's entity that an entity of the
/// default data also has: the two are then ambiguous, and a mention of
/// the alias is tagged only where the context decides between them.
pub(super) fn shared_aliases(parsed: &[Parsed]) -> Vec<Problem> {
    let is_default = |f: &&Parsed| f.file.starts_with(DEFAULT_PREFIX);
    let (defaults, users): (Vec<&Parsed>, Vec<&Parsed>) = parsed.iter().partition(is_default);
    if defaults.is_empty() || users.iter().all(|f| f.entities.is_empty()) {
        return Vec::new();
    }
    let mut owners: FxHashMap<String, &str> = FxHashMap::default();
    for raw in defaults.iter().flat_map(|f| &f.entities) {
        for alias in aliases(raw).filter(|a| !raw.partial.contains(a)) {
            owners
                .entry(fold_str(alias.get_ref()))
                .or_insert(raw.id.get_ref());
        }
    }
    let mut warnings = Vec::new();
    for file in users {
        for raw in &file.entities {
            let id = raw.id.get_ref();
            let mut seen: Vec<&str> = Vec::new();
            for alias in aliases(raw).filter(|a| !raw.partial.contains(a)) {
                let Some(&owner) = owners.get(&fold_str(alias.get_ref())) else {
                    continue;
                };
                if owner == id || seen.contains(&owner) {
                    continue;
                }
                seen.push(owner);
                let text = alias.get_ref();
                let msg = format!(
                    "warning: alias {text:?} of {id:?} is also an alias of {owner:?} in the \
                     default data: both are now ambiguous, and a mention is tagged only where \
                     the context decides; to give it to {id:?} alone, add [[remove]] with \
                     entity = {owner:?} and alias = {text:?} (or no alias, to remove {owner:?})"
                );
                let line = file.line(alias.span());
                let problem = Problem::new(ProblemKind::SharedAlias, &file.file, Some(line), msg);
                warnings.push(problem.with_value(text));
            }
        }
    }
    warnings
}
