//! What a user's data does to the data loaded with it: `[[remove]]`
//! tables take entities or aliases out (of the default data, usually),
//! and an alias the user gives that the default data already uses is
//! reported as a warning, since it makes both entities ambiguous.

use std::ops::Range;

use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::{Parsed, RawEntity, S};
use crate::error::{Problem, ProblemKind};
use crate::fold::fold_str;

/// A `[[remove]]` table: the entity `entity`, or only its alias `alias`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRemove {
    entity: S,
    alias: Option<S>,
}

/// The names of the embedded data's files start with this.
const DEFAULT_PREFIX: &str = "<default>/";

/// Every alias list of a record, the display name first.
fn alias_lists(raw: &RawEntity) -> impl Iterator<Item = &S> {
    let lists = [
        &raw.names,
        &raw.exact,
        &raw.phrases,
        &raw.demonyms,
        &raw.metonyms,
        &raw.currencies,
        &raw.context_names,
        &raw.partial,
    ];
    std::iter::once(&raw.name).chain(lists.into_iter().flatten())
}

/// Applies the `[[remove]]` tables of every file, whatever file the
/// entity is in, and reports each one that names nothing. Links to a
/// removed entity are dropped with it.
pub(super) fn apply_removes(parsed: &mut [Parsed], problems: &mut Vec<Problem>) {
    let removes: Vec<(usize, RawRemove)> = parsed
        .iter_mut()
        .enumerate()
        .flat_map(|(i, f)| {
            std::mem::take(&mut f.removes)
                .into_iter()
                .map(move |r| (i, r))
        })
        .collect();
    if removes.is_empty() {
        return;
    }
    let mut at: FxHashMap<String, (usize, usize)> = FxHashMap::default();
    for (fi, file) in parsed.iter().enumerate() {
        for (ei, raw) in file.entities.iter().enumerate() {
            at.entry(raw.id.get_ref().clone()).or_insert((fi, ei));
        }
    }
    let mut removed: FxHashMap<String, ()> = FxHashMap::default();
    for (fi, remove) in removes {
        let report = |parsed: &[Parsed], kind, span: Range<usize>, msg: String, value: &str| {
            let file = &parsed[fi];
            Problem::new(kind, &file.file, Some(file.line(span)), msg).with_value(value)
        };
        let id = remove.entity.get_ref();
        let Some(&(ef, ei)) = at.get(id) else {
            let msg = format!("remove names unknown id {id:?}");
            let span = remove.entity.span();
            problems.push(report(parsed, ProblemKind::DanglingLink, span, msg, id));
            continue;
        };
        let Some(alias) = &remove.alias else {
            removed.insert(id.clone(), ());
            continue;
        };
        let raw = &mut parsed[ef].entities[ei];
        if let Some(msg) = remove_alias(raw, alias.get_ref()) {
            let value = alias.get_ref();
            problems.push(report(
                parsed,
                ProblemKind::InvalidValue,
                alias.span(),
                msg,
                value,
            ));
        }
    }
    if removed.is_empty() {
        return;
    }
    for file in parsed.iter_mut() {
        file.entities
            .retain(|raw| !removed.contains_key(raw.id.get_ref()));
        for raw in &mut file.entities {
            for link in [
                &mut raw.country,
                &mut raw.parent,
                &mut raw.predecessor,
                &mut raw.successor,
            ] {
                if link
                    .as_ref()
                    .is_some_and(|l| removed.contains_key(l.get_ref()))
                {
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
    let id = raw.id.get_ref();
    if fold_str(raw.name.get_ref()) == folded {
        return Some(format!(
            "{alias:?} is the name of {id:?}: remove the entity, or replace it with one of \
             another name"
        ));
    }
    let mut found = false;
    for list in [
        &mut raw.names,
        &mut raw.exact,
        &mut raw.phrases,
        &mut raw.demonyms,
        &mut raw.metonyms,
        &mut raw.currencies,
        &mut raw.context_names,
        &mut raw.partial,
    ] {
        let before = list.len();
        list.retain(|a| fold_str(a.get_ref()) != folded);
        found |= list.len() != before;
    }
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
        for alias in alias_lists(raw).filter(|a| !raw.partial.contains(a)) {
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
            for alias in alias_lists(raw).filter(|a| !raw.partial.contains(a)) {
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
