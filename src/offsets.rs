//! Offsets in other units than bytes: characters (Python's `str`
//! indices) and UTF-16 code units (JavaScript's, Java's and .NET's).

use std::fmt;
use std::str::FromStr;

use crate::output::{Article, Hit, Tagged};
use crate::types::{Field, Span};

/// The unit of a text offset.
///
/// The tagger always gives byte offsets, which slice a Rust `&str`;
/// [`Tagged::convert_offsets`] and [`Span::to_unit`] turn them into
/// offsets that slice the same text in other languages:
///
/// | unit | counts | slices |
/// |---|---|---|
/// | [`Bytes`](Self::Bytes) | UTF-8 bytes | Rust `&str`, Go `string`, C `char *` |
/// | [`Chars`](Self::Chars) | Unicode scalar values | Python `str`, Rust `chars()` |
/// | [`Utf16`](Self::Utf16) | UTF-16 code units | JavaScript, Java, C#, Swift `NSString` |
///
/// Parses from `"bytes"`, `"chars"` and `"utf16"` (as `--offsets` takes).
///
/// # Example
///
/// ```
/// use gazetag::OffsetUnit;
///
/// assert_eq!("chars".parse::<OffsetUnit>(), Ok(OffsetUnit::Chars));
/// assert_eq!(OffsetUnit::Utf16.to_string(), "utf16");
/// assert!("runes".parse::<OffsetUnit>().is_err());
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq, Hash)]
pub enum OffsetUnit {
    /// UTF-8 bytes: what the tagger gives.
    #[default]
    Bytes,
    /// Unicode scalar values (`char`s).
    Chars,
    /// UTF-16 code units: a character outside the Basic Multilingual
    /// Plane (most emoji, for one) counts two.
    Utf16,
}

impl OffsetUnit {
    /// Every unit, in the order `--help` lists them.
    pub const ALL: [OffsetUnit; 3] = [OffsetUnit::Bytes, OffsetUnit::Chars, OffsetUnit::Utf16];

    /// The unit's name: `bytes`, `chars` or `utf16`.
    pub fn as_str(self) -> &'static str {
        match self {
            OffsetUnit::Bytes => "bytes",
            OffsetUnit::Chars => "chars",
            OffsetUnit::Utf16 => "utf16",
        }
    }

    /// How many units the UTF-8 byte `b` adds: one per character (counted
    /// at its first byte), two for a character that UTF-16 writes as a
    /// surrogate pair (a four-byte UTF-8 sequence).
    fn weight(self, b: u8) -> usize {
        let starts_char = usize::from(b & 0xC0 != 0x80);
        match self {
            OffsetUnit::Bytes => 1,
            OffsetUnit::Chars => starts_char,
            OffsetUnit::Utf16 => starts_char + usize::from(b >= 0xF0),
        }
    }
}

impl fmt::Display for OffsetUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of parsing an [`OffsetUnit`] from a string that names none.
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct ParseOffsetUnitError(String);

impl fmt::Display for ParseOffsetUnitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown offset unit {:?} (expected bytes, chars or utf16)",
            self.0
        )
    }
}

impl std::error::Error for ParseOffsetUnitError {}

impl FromStr for OffsetUnit {
    type Err = ParseOffsetUnitError;

    fn from_str(s: &str) -> Result<OffsetUnit, ParseOffsetUnitError> {
        OffsetUnit::ALL
            .into_iter()
            .find(|u| u.as_str() == s)
            .ok_or_else(|| ParseOffsetUnitError(s.to_string()))
    }
}

/// The offset `byte` of `text` in `unit`. A byte offset inside a
/// character counts the characters that start before it; one past the end
/// counts as the end.
fn convert_one(text: &str, byte: usize, unit: OffsetUnit) -> usize {
    let bytes = text.as_bytes();
    let prefix = bytes.get(..byte).unwrap_or(bytes);
    match unit {
        OffsetUnit::Bytes => prefix.len(),
        _ => prefix.iter().map(|&b| unit.weight(b)).sum(),
    }
}

impl Span {
    /// The span in another unit, for a caller whose language indexes
    /// strings by characters or UTF-16 code units. `text` is the text the
    /// span is a byte range of (the field of the mention).
    ///
    /// Free on ASCII text (bytes, characters and code units are the same
    /// there); otherwise it reads the text up to the span's end. To
    /// convert every span of a document, [`Tagged::convert_offsets`]
    /// reads each field once.
    ///
    /// # Example
    ///
    /// ```
    /// use gazetag::OffsetUnit;
    ///
    /// let text = "🇲🇽 Le président Felipe Calderón a reçu la DEA à Los Pinos.";
    /// let doc = gazetag::Tagger::default().tag(text);
    /// let dea = doc.tag("agency/dea").unwrap().first;
    /// assert_eq!(&text[dea.range()], "DEA");
    /// assert_eq!((dea.start, dea.end), (51, 54)); // bytes
    /// let chars = dea.to_unit(text, OffsetUnit::Chars);
    /// assert_eq!((chars.start, chars.end), (42, 45)); // Python's text[42:45]
    /// let utf16 = dea.to_unit(text, OffsetUnit::Utf16);
    /// assert_eq!((utf16.start, utf16.end), (44, 47)); // the flag's two letters count 2 each
    /// ```
    pub fn to_unit(self, text: &str, unit: OffsetUnit) -> Span {
        if unit == OffsetUnit::Bytes || text.is_ascii() {
            return self;
        }
        Span {
            start: convert_one(text, self.start, unit),
            end: convert_one(text, self.end, unit),
        }
    }
}

impl Tagged {
    /// Turns every offset of the result (tags' first mentions, mentions,
    /// categories' text hits, dropped names) from bytes into `unit`, each in the text
    /// of its field of `article`, the article this result was tagged from.
    ///
    /// Call it once, on a result whose offsets are still bytes, as the
    /// tagger returns it: after it, the spans no longer slice a Rust
    /// `&str`. Fields that are all ASCII cost nothing; any other field is
    /// read once, whatever the number of spans in it.
    ///
    /// # Example
    ///
    /// ```
    /// use gazetag::{Article, OffsetUnit};
    ///
    /// let article = Article {
    ///     title: "México y EE.UU. revisan el pacto",
    ///     dateline: "",
    ///     body: "Peña Nieto met CIA officials.",
    /// };
    /// let mut doc = gazetag::Tagger::default().tag_article(&article);
    /// doc.convert_offsets(&article, OffsetUnit::Chars);
    /// let cia = doc.mentions.iter().find(|m| m.entity == "agency/cia").unwrap();
    /// // "Peña Nieto met " is 15 characters (16 bytes).
    /// assert_eq!((cia.span.start, cia.span.end), (15, 18));
    /// let chars: Vec<char> = article.body.chars().collect();
    /// let sliced: String = chars[cia.span.start..cia.span.end].iter().collect();
    /// assert_eq!(sliced, "CIA");
    /// ```
    pub fn convert_offsets(&mut self, article: &Article<'_>, unit: OffsetUnit) {
        if unit == OffsetUnit::Bytes {
            return;
        }
        for (field, text) in [
            (Field::Title, article.title),
            (Field::Dateline, article.dateline),
            (Field::Body, article.body),
        ] {
            if !text.is_ascii() {
                convert_field(self, field, text, unit);
            }
        }
    }
}

/// Converts every offset of `doc` into `field`, in one pass over `text`.
fn convert_field(doc: &mut Tagged, field: Field, text: &str, unit: OffsetUnit) {
    let mut offsets: Vec<&mut usize> = Vec::new();
    let tags = doc.tags.iter_mut().chain(doc.below_min_score.iter_mut());
    for tag in tags.filter(|t| t.first_field == field) {
        offsets.extend([&mut tag.first.start, &mut tag.first.end]);
    }
    for m in doc.mentions.iter_mut().filter(|m| m.field == field) {
        offsets.extend([&mut m.span.start, &mut m.span.end]);
    }
    for d in doc.dropped.iter_mut().filter(|d| d.field == field) {
        offsets.extend([&mut d.span.start, &mut d.span.end]);
    }
    let hits = doc
        .categories
        .iter_mut()
        .flat_map(|c| c.fired.iter_mut())
        .flat_map(|f| f.hits.iter_mut());
    for hit in hits {
        if let Hit::Text { field: f, span, .. } = hit {
            if *f == field {
                offsets.extend([&mut span.start, &mut span.end]);
            }
        }
    }
    offsets.sort_unstable_by_key(|o| **o);
    let bytes = text.as_bytes();
    // Walk the text once: `units` counts the units of bytes[..byte].
    let (mut byte, mut units) = (0, 0);
    for offset in offsets {
        let target = (*offset).min(bytes.len());
        if let Some(between) = bytes.get(byte..target) {
            units += between.iter().map(|&b| unit.weight(b)).sum::<usize>();
            byte = target;
        }
        *offset = units;
    }
}

#[cfg(test)]
mod tests {
    use super::{OffsetUnit, convert_one};

    #[test]
    fn counts_characters_and_code_units() {
        let text = "aé€😀b";
        // a:1 byte, é:2, €:3, 😀:4, b:1
        let cases = [
            (0, 0, 0),
            (1, 1, 1),
            (3, 2, 2),
            (6, 3, 3),
            (10, 4, 5),
            (11, 5, 6),
        ];
        for (byte, chars, utf16) in cases {
            assert_eq!(convert_one(text, byte, OffsetUnit::Chars), chars, "{byte}");
            assert_eq!(convert_one(text, byte, OffsetUnit::Utf16), utf16, "{byte}");
            assert_eq!(convert_one(text, byte, OffsetUnit::Bytes), byte);
        }
        // Past the end counts as the end; inside a character, the
        // characters that start before it.
        assert_eq!(convert_one(text, 99, OffsetUnit::Chars), 5);
        assert_eq!(convert_one(text, 2, OffsetUnit::Chars), 2);
    }
}
