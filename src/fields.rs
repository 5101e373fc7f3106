//! The fields of a document (title, dateline, body) as the stages see
//! them, and where the dateline is: decided once, here, for every stage.

use crate::dateline;
use crate::fold::Folded;
use crate::matcher::Candidate;
use crate::output::Article;
use crate::types::Field;

/// One field of a document as the stages see it: its text, its folding,
/// the candidates the scan finds in it, and where its dateline ends.
pub(crate) struct FieldInput<'a> {
    pub(crate) field: Field,
    pub(crate) text: &'a str,
    pub(crate) folded: &'a Folded,
    pub(crate) cands: Vec<Candidate>,
    /// The bytes of the field's dateline (empty if it has none; the whole
    /// text for a dateline given apart): see
    /// [`in_dateline`](Self::in_dateline).
    dateline: std::ops::Range<usize>,
    /// The end of the headline at the top of a body given without a
    /// title (0 when there is none): see [`in_headline`](Self::in_headline).
    pub(crate) headline: usize,
}

impl FieldInput<'_> {
    /// Whether text of the field that ends at byte `end` (a token, a
    /// mention) lies in its dateline: the whole of a dateline given
    /// apart, or the dateline recognised at the top of the body (perhaps
    /// under a headline).
    pub(crate) fn in_dateline(&self, end: usize) -> bool {
        self.dateline.start < end && end <= self.dateline.end
    }

    /// Whether text of the field that ends at byte `end` lies in a
    /// headline: the title, or the first line of a body given without a
    /// title when it is a headline ([`dateline::headline_in_body`]).
    pub(crate) fn in_headline(&self, end: usize) -> bool {
        self.field == Field::Title || end <= self.headline
    }

    /// The folded text of token `i`.
    pub(crate) fn folded_word(&self, i: usize) -> &str {
        self.folded
            .tokens
            .get(i)
            .and_then(|t| self.folded.text.get(t.fstart..t.fend))
            .unwrap_or_default()
    }

    /// Whether the folded `words` (words separated by single spaces) are
    /// tokens `k..`, all of them at or before token `last`.
    pub(crate) fn words_at(&self, k: usize, last: usize, words: &str) -> bool {
        (k..)
            .zip(words.split(' '))
            .all(|(i, w)| i <= last && self.folded_word(i) == w)
    }

    /// The original text of token `i`.
    pub(crate) fn word(&self, i: usize) -> &str {
        self.folded
            .tokens
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or_default()
    }

    /// The original text between tokens `i` and `i + 1` (or the text's
    /// ends).
    pub(crate) fn gap_after(&self, i: Option<usize>) -> &str {
        let tokens = &self.folded.tokens;
        let start = i.and_then(|i| tokens.get(i)).map_or(0, |t| t.end);
        let next = i.map_or(0, |i| i + 1);
        let end = tokens.get(next).map_or(self.text.len(), |t| t.start);
        self.text.get(start..end).unwrap_or_default()
    }
}

/// The fields of `article`, title first, each with its folding from
/// `folded` (title, dateline, body) and no candidates yet. Without a
/// dateline given apart, a dateline at the top of the body
/// ("TOKYO, March 3 -"), perhaps under a headline, is recognised; without
/// a title, a headline at the top of the body is.
pub(crate) fn fields<'a>(article: &Article<'a>, folded: [&'a Folded; 3]) -> [FieldInput<'a>; 3] {
    let in_body = if article.dateline.trim().is_empty() {
        dateline::detect_in_body(article.body).map(|(start, end)| start..end)
    } else {
        None
    };
    let [title, dateline, body] = folded;
    let input = |field, text, folded, dateline| FieldInput {
        field,
        text,
        folded,
        cands: Vec::new(),
        dateline,
        headline: 0,
    };
    [
        input(Field::Title, article.title, title, 0..0),
        input(
            Field::Dateline,
            article.dateline,
            dateline,
            0..article.dateline.len(),
        ),
        FieldInput {
            headline: if article.title.trim().is_empty() {
                dateline::headline_in_body(article.body)
            } else {
                0
            },
            ..input(Field::Body, article.body, body, in_body.unwrap_or(0..0))
        },
    ]
}
