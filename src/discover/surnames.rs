//! The surnames discovery knows: `data/discover/surnames.txt`, embedded
//! in the crate, one folded surname a line in byte order, and searched as
//! it is: no table is built, and nothing is read until a rule asks.

use std::cmp::Ordering;

const SURNAMES: &str = include_str!("../../data/discover/surnames.txt");

/// Whether the folded `word` is a surname of the list.
pub(super) fn known(word: &str) -> bool {
    contains(SURNAMES.as_bytes(), word.as_bytes())
}

/// Whether `word` is a whole line of `list` (lines in byte order): a
/// binary search over byte offsets, each probe widened to its line.
fn contains(list: &[u8], word: &[u8]) -> bool {
    // `lo` is the start of a line, `hi` the end of one (or the end of
    // the list); the word, if there, is on a line between them.
    let (mut lo, mut hi) = (0, list.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let before = list.get(lo..mid).unwrap_or_default();
        let start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(lo, |p| lo + p + 1);
        let after = list.get(start..hi).unwrap_or_default();
        let end = after
            .iter()
            .position(|&b| b == b'\n')
            .map_or(hi, |p| start + p);
        match list.get(start..end).unwrap_or_default().cmp(word) {
            Ordering::Equal => return true,
            Ordering::Less => lo = end + 1,
            Ordering::Greater => hi = start,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_list_is_in_byte_order_one_folded_word_a_line() {
        let lines: Vec<&str> = SURNAMES.lines().collect();
        assert!(lines.len() > 50_000, "{} surnames", lines.len());
        for pair in lines.windows(2) {
            assert!(pair[0] < pair[1], "{pair:?} out of order or repeated");
        }
        for line in lines {
            assert!(
                !line.is_empty() && line == crate::fold::fold_str(line),
                "{line:?}"
            );
        }
    }

    #[test]
    fn every_line_is_found_and_nothing_between_them() {
        let list = b"baker\nkowalski\nnovak\nokafor";
        for word in ["baker", "kowalski", "novak", "okafor"] {
            assert!(contains(list, word.as_bytes()), "{word}");
        }
        for word in [
            "",
            "a",
            "bak",
            "bakers",
            "kowalsk",
            "novak\nokafor",
            "zz",
            "okafo",
        ] {
            assert!(!contains(list, word.as_bytes()), "{word:?}");
        }
        assert!(!contains(b"", b"novak"));
        assert!(contains(b"novak\n", b"novak"));
    }

    #[test]
    fn surnames_from_each_source_are_known_and_company_names_are_not() {
        for name in ["smith", "okafor", "kowalski", "halvorsen", "petrov"] {
            assert!(known(name), "{name}");
        }
        for name in ["interfax", "yukos", "boeing", "smith ", "Smith"] {
            assert!(!known(name), "{name}");
        }
    }
}
