//! Datelines: where a story was filed ("TOKYO, March 3 -", "MEXICO CITY
//! (Reuters) -", "WASHINGTON —"). Editors tag that place, so mentions in a
//! dateline carry [`Evidence::Dateline`](crate::Evidence::Dateline) and
//! weigh heavily.

use std::sync::LazyLock;

use regex::Regex;

/// A dateline at the very start of a body: a place in capitals, optionally
/// a comma and a region ("ROCHESTER, N.Y."), optionally a comma and a date,
/// optionally an agency in brackets, then a dash. The place and region are
/// captured.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s{0,20}(\p{Lu}[\p{Lu}\p{M}.'’ -]{0,40}\p{Lu}\.?(?:,[ \t]*\p{Lu}[\p{L}.]{0,11}(?:[ \t]\p{Lu}[\p{L}.]{0,11})?)?)(?:,[ \t]*[\p{L}.]{2,12}[ \t]+\d{1,2})?[ \t]*(?:\([^)\n]{1,30}\))?[ \t]*(?:--?|—|–)(?:\s|$)",
    )
    .expect("the dateline pattern is a valid regex")
});

/// The byte range of the place of a dateline at the start of `body`, if
/// there is one.
pub(crate) fn detect(body: &str) -> Option<(usize, usize)> {
    // A dateline is short; never run the pattern over a whole long text.
    let head = body.get(..floor_boundary(body, 120)).unwrap_or_default();
    let place = DATELINE.captures(head)?.get(1)?;
    Some((place.start(), place.end()))
}

/// The largest char boundary of `s` at or below `i`.
fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::detect;

    fn place(body: &str) -> Option<&str> {
        detect(body).and_then(|(s, e)| body.get(s..e))
    }

    #[test]
    fn common_dateline_forms() {
        assert_eq!(place("TOKYO, March 3 - The Bank of Japan"), Some("TOKYO"));
        assert_eq!(
            place("MEXICO CITY (Reuters) - Mexico's"),
            Some("MEXICO CITY")
        );
        assert_eq!(place("WASHINGTON — The Senate"), Some("WASHINGTON"));
        assert_eq!(place("  ST. LOUIS, Mo. -- A"), Some("ST. LOUIS, Mo."));
        assert_eq!(
            place("ROCHESTER, N.Y., March 3 - A"),
            Some("ROCHESTER, N.Y.")
        );
        assert_eq!(
            place("SANTA CRUZ, Calif., Feb 26 -\n"),
            Some("SANTA CRUZ, Calif.")
        );
        assert_eq!(place("SÃO PAULO, Feb 2 – Brazil"), Some("SÃO PAULO"));
        assert_eq!(place("    SALVADOR, Feb 26 - "), Some("SALVADOR"));
    }

    #[test]
    fn ordinary_openings_are_not_datelines() {
        assert_eq!(place("The CIA said - again - that"), None);
        assert_eq!(place("Officials in Tokyo - said"), None);
        assert_eq!(place("US officials — said"), None);
        assert_eq!(place(""), None);
        assert_eq!(
            place("ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ"),
            None
        );
    }
}
