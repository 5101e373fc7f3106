//! Checks of the data's shape that keep tagging cheap and the links
//! meaningful: an alias's length in words, the case of `exact` aliases,
//! and `parent` links that end (no entity is its own ancestor).

use rustc_hash::FxHashMap;

use super::raw::{At, Ids, Parsed, RawEntity};
use crate::error::{Problem, ProblemKind};
use crate::fold::Folded;
use crate::types::Case;

/// The most words an alias may have. Matching an alias costs time in its
/// number of words at each place it could start, so an alias of 20,000
/// words cost 1.45 s per match; the longest name in the default data has
/// 12 ("International Stock Exchange of the United Kingdom and the
/// Republic of Ireland").
pub(crate) const MAX_ALIAS_WORDS: usize = 32;

/// Reports an alias that is too long, or an `exact` (or `context_names`)
/// alias with no capital letter or digit, which data/README.md refuses:
/// such an alias is a lower-case word and would match everyday text.
pub(super) fn check_alias(
    field: &str,
    s: &toml::Spanned<String>,
    case: Case,
    words: usize,
    at: &mut At,
) -> bool {
    let text = s.get_ref();
    if words > MAX_ALIAS_WORDS {
        let msg = format!(
            "alias in {field} has {words} words, more than {MAX_ALIAS_WORDS}: {:?}...",
            text.chars().take(40).collect::<String>()
        );
        at.report(ProblemKind::InvalidValue, s, msg);
        return false;
    }
    let marked = text.chars().any(|c| c.is_uppercase() || c.is_numeric());
    if case == Case::Exact && !marked {
        let msg = format!(
            "{field} alias {text:?} has no capital letter or digit: a lower-case form belongs in names or phrases"
        );
        at.report(ProblemKind::InvalidValue, s, msg);
        return false;
    }
    true
}

/// Reports every entity whose `parent` links lead back to itself, itself
/// included ("a" parent of "a", or "a" -> "b" -> "a"). Each entity is
/// visited once: linear in the number of entities.
pub(super) fn parent_cycles(parsed: &[Parsed], ids: &Ids, problems: &mut Vec<Problem>) {
    let parent_of: FxHashMap<&str, (usize, &RawEntity)> = parsed
        .iter()
        .enumerate()
        .flat_map(|(fi, f)| f.entities.iter().map(move |e| (fi, e)))
        .filter(|(_, e)| e.parent.is_some())
        .map(|(fi, e)| (e.id.get_ref().as_str(), (fi, e)))
        .collect();
    // 1: on the chain being walked; 2: known to end, or reported.
    let mut state: FxHashMap<&str, u8> = FxHashMap::default();
    let mut on_cycle: Vec<(usize, &RawEntity)> = Vec::new();
    for &start in parent_of.keys() {
        let mut chain: Vec<&str> = Vec::new();
        let mut id = start;
        loop {
            match state.get(id) {
                Some(2) => break,
                Some(_) => {
                    // Back to an entity of this chain: the cycle is the
                    // chain from there on.
                    let from = chain.iter().position(|c| *c == id).unwrap_or(0);
                    on_cycle.extend(chain.iter().skip(from).filter_map(|c| parent_of.get(c)));
                    break;
                }
                None => {}
            }
            let Some((_, raw)) = parent_of.get(id) else {
                break;
            };
            state.insert(id, 1);
            chain.push(id);
            match raw.parent.as_ref().map(|p| p.get_ref().as_str()) {
                Some(p) if ids.contains_key(p) => id = p,
                _ => break,
            }
        }
        for c in chain {
            state.insert(c, 2);
        }
    }
    on_cycle.sort_by_key(|(fi, e)| (*fi, e.id.span().start));
    for (fi, raw) in on_cycle {
        let Some(parent) = &raw.parent else { continue };
        let mut at = At {
            file: &parsed[fi],
            problems,
            fold: Folded::default(),
        };
        let id = raw.id.get_ref();
        let msg = if parent.get_ref() == id {
            format!("{id:?} is its own parent")
        } else {
            format!(
                "parent {:?} of {id:?} leads back to {id:?}: parents must not form a cycle",
                parent.get_ref()
            )
        };
        at.report(ProblemKind::InvalidValue, parent, msg);
    }
}
