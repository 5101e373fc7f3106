//! Making load problems easy to act on: in file and line order, and with
//! "did you mean" for a value that nearly names something that exists (a
//! misspelt kind, an id written from a country's common abbreviation).

use crate::error::{Problem, ProblemKind};
use crate::fold::fold_str;

/// Sorts the problems of each file by line, keeping the files in the
/// order they were given (each file's problems are contiguous: the
/// loaders report file by file). Problems without a line stay first in
/// their file, in the order they were found.
pub(crate) fn sort_by_line(problems: &mut [Problem]) {
    for run in problems.chunk_by_mut(|a, b| a.file() == b.file()) {
        run.sort_by_key(|p| p.line().unwrap_or(0));
    }
}

/// The value a problem is reported at, when it is text: what a "did you
/// mean" guess starts from.
pub(crate) fn text_of<T: 'static>(value: &T) -> Option<&str> {
    (value as &dyn std::any::Any)
        .downcast_ref::<String>()
        .map(String::as_str)
}

/// What a misspelt value may have meant: the ids, kinds and names that
/// exist, and the aliases that stand for an id.
#[derive(Debug, Default)]
pub(crate) struct Known<'a> {
    /// Ids, kinds or names a value is compared with by spelling.
    pub(crate) names: Vec<&'a str>,
    /// Folded aliases and the id each stands for: `country/uk` means the
    /// entity one of whose aliases is "UK".
    pub(crate) aliases: Vec<(String, &'a str)>,
}

impl Known<'_> {
    /// The best guess at what `value` meant, if any is close enough: an
    /// entity one of whose aliases the id was made from, else the name
    /// nearest in spelling (an id only among ids of the same kind).
    fn guess(&self, value: &str) -> Option<&str> {
        // "country/uk" -> "uk" -> the entity with the alias "UK" (of the
        // same kind, when the value says which).
        let (prefix, slug) = match value.split_once('/') {
            Some((prefix, slug)) => (Some(prefix), slug),
            None => (None, value),
        };
        let in_kind = |id: &str| {
            prefix.is_none_or(|p| id.strip_prefix(p).is_some_and(|r| r.starts_with('/')))
        };
        let wanted = fold_str(&slug.replace(['-', '_'], " "));
        let by_alias = self
            .aliases
            .iter()
            .find(|(alias, id)| !wanted.is_empty() && *alias == wanted && in_kind(id));
        if let Some(&(_, id)) = by_alias {
            return Some(id);
        }
        let names = self.names.iter().copied().filter(|n| in_kind(n));
        let slugs = names.map(|n| {
            (
                n.split_once('/')
                    .filter(|_| prefix.is_some())
                    .map_or(n, |(_, s)| s),
                n,
            )
        });
        nearest(slug, slugs)
    }
}

/// Adds "did you mean ...?" to each problem of `kind` whose offending
/// value is close to something `known` has.
pub(crate) fn suggest(problems: &mut [Problem], kind: ProblemKind, known: &Known<'_>) {
    for p in problems.iter_mut().filter(|p| p.kind() == kind) {
        let Some(value) = p.value() else { continue };
        if let Some(guess) = known.guess(value).filter(|&g| g != value) {
            let hint = format!("; did you mean {guess:?}?");
            p.append(&hint);
        }
    }
}

/// The candidate closest to `value` in spelling, if close enough to be a
/// typing or spelling slip: at most one edit per four characters (so
/// none for a value of fewer than four), and only when no other candidate
/// is as close. Candidates are compared by their first part and the
/// second is returned.
fn nearest<'a>(
    value: &str,
    candidates: impl Iterator<Item = (&'a str, &'a str)>,
) -> Option<&'a str> {
    let value_chars: Vec<char> = value.chars().collect();
    let budget = value_chars.len() / 4;
    if budget == 0 {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    let mut tied = false;
    for (key, c) in candidates {
        let Some(d) = distance(&value_chars, key, budget) else {
            continue;
        };
        match best {
            Some((b, _)) if d > b => {}
            Some((b, prev)) if d == b => tied |= prev != c,
            _ => {
                best = Some((d, c));
                tied = false;
            }
        }
    }
    best.filter(|_| !tied).map(|(_, c)| c)
}

/// The edit distance (insertions, deletions, substitutions and swaps of
/// two neighbours) between `a` and `b`, if it is at most `budget`.
fn distance(a: &[char], b: &str, budget: usize) -> Option<usize> {
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > budget {
        return None;
    }
    let width = b.len() + 1;
    // Three rows of the dynamic-programming table: two back, one back, now.
    let mut rows = vec![vec![0usize; width]; 3];
    for (j, cell) in rows[1].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows.rotate_left(1);
        let (done, now) = rows.split_at_mut(2);
        let (prev2, prev) = (&done[0], &done[1]);
        let now = &mut now[0];
        now[0] = i;
        for j in 1..width {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(now[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            now[j] = d;
        }
        if now.iter().min().is_some_and(|&m| m > budget) {
            return None;
        }
    }
    rows[2].get(b.len()).copied().filter(|&d| d <= budget)
}

#[cfg(test)]
mod tests {
    use super::{Known, nearest};

    #[test]
    fn nearest_allows_one_slip_per_four_characters() {
        let kinds = [
            "country",
            "agency",
            "person",
            "organization",
            "topic",
            "place",
        ];
        let near = |v: &str| nearest(v, kinds.iter().map(|&k| (k, k)));
        assert_eq!(near("organisation"), Some("organization"));
        assert_eq!(near("agnecy"), Some("agency"));
        assert_eq!(near("contry"), Some("country"));
        assert_eq!(near("planet"), None);
        assert_eq!(near(""), None);
        // Two equally near candidates: no guess.
        assert_eq!(
            nearest("cart", [("bart", "bart"), ("hart", "hart")].into_iter()),
            None
        );
        // Too short to guess from spelling.
        assert_eq!(nearest("uk", [("ua", "ua")].into_iter()), None);
    }

    #[test]
    fn an_id_made_from_an_alias_finds_its_entity() {
        let known = Known {
            names: vec![
                "country/gb",
                "country/us",
                "country/ua",
                "agency/cia",
                "agency/fbi",
            ],
            aliases: vec![
                ("uk".to_string(), "country/gb"),
                ("united kingdom".to_string(), "country/gb"),
                ("cia".to_string(), "agency/cia"),
            ],
        };
        assert_eq!(known.guess("country/uk"), Some("country/gb"));
        assert_eq!(known.guess("country/united-kingdom"), Some("country/gb"));
        assert_eq!(known.guess("agency/ciaa"), Some("agency/cia"));
        assert_eq!(known.guess("agency/mossad"), None);
        assert_eq!(known.guess("country/united-kingdon"), None);
        // The alias must belong to an entity of the kind the id says.
        assert_eq!(known.guess("person/cia"), None);
        assert_eq!(known.guess("country/atlantis"), None);
    }
}
