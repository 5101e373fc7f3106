//! What each fuzz target does with its input, in plain Rust that depends
//! on gazetag alone: the fuzz targets call these functions, and
//! `tests/fuzz_replay.rs` includes this file to replay every committed
//! crash input through the same code in `cargo test`.
//!
//! Every function must return normally for every input: a panic, an
//! abort, a stack overflow or a time-out is a bug.

#![allow(dead_code)] // each target uses one function of this file

#[path = "gen.rs"]
mod generate;

use gazetag::{Article, Field, Gazetteer, RuleSet, Tagged, Tagger};

// Each fuzz target uses one of them.
#[allow(unused_imports)]
pub use generate::{gen_data, gen_rules, gen_text};

/// At most this many entity and rule specs in one `tag` input, so that
/// one run stays fast.
const MAX_SPECS: usize = 48;

/// Bytes as a data file: the loader must return `Ok` or `Err`.
pub fn load_toml(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = Gazetteer::builder().add_str("fuzz.toml", &text).build();
}

/// Bytes as a TSV data file.
pub fn load_tsv(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = Gazetteer::builder().add_str("fuzz.tsv", &text).build();
}

/// Bytes as a rule file, checked alone and against a small gazetteer.
pub fn load_rules(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut b = RuleSet::builder();
    b.add_str("fuzz.toml", &text);
    if let Ok(rules) = b.build() {
        let doc = Tagger::new(small_gazetteer()).with_rules(rules);
        let doc = doc.tag_document(&text, &text);
        check(&text, "", &text, &doc);
    }
}

fn small_gazetteer() -> Gazetteer {
    let data =
        "[[entity]]\nid = \"country/mx\"\nkind = \"country\"\nname = \"Mexico\"\niso = \"MX\"\n";
    Gazetteer::builder()
        .add_str("small.toml", data)
        .build()
        .expect("the small gazetteer is valid")
}

/// A gazetteer, a rule set and an article, all from one input.
///
/// The input is cut at NUL bytes into fields, read as UTF-8 (lossily):
/// title, body, dateline, then specs. The first byte of a spec says what
/// it is (see [`Spec`]), the rest is its text. Entities are written into
/// TOML with the texts quoted, so that most inputs build and the tagger,
/// not the TOML parser, gets exercised.
pub fn tag(data: &[u8]) {
    let mut fields = data.split(|&b| b == 0);
    let mut next = || String::from_utf8_lossy(fields.next().unwrap_or_default()).into_owned();
    let (title, body, dateline) = (next(), next(), next());
    let mut toml = String::new();
    let mut rules = String::new();
    let mut entities = 0;
    let mut categories = 0;
    for _ in 0..MAX_SPECS {
        let spec = next();
        let Some(kind) = spec.bytes().next() else {
            break;
        };
        let text = spec.get(1..).unwrap_or_default();
        match Spec::from(kind) {
            Spec::Entity(kind) => {
                entities += 1;
                toml.push_str(&entity(entities, kind, text));
            }
            Spec::Alias(list) if entities > 0 => {
                toml.push_str(&format!("{list} = [{}]\n", quote(text)));
            }
            Spec::Alias(_) => {}
            Spec::Rule(test) => {
                categories += 1;
                rules.push_str(&rule(categories, test, text, entities));
            }
        }
    }
    let Ok(g) = Gazetteer::builder().add_str("fuzz.toml", &toml).build() else {
        return;
    };
    let mut tagger = Tagger::new(g);
    if categories > 0 {
        match RuleSet::builder().add_str("rules.toml", &rules).build() {
            Ok(r) => tagger = tagger.with_rules(r),
            Err(_) => return,
        }
    }
    let article = Article {
        title: &title,
        body: &body,
        dateline: &dateline,
    };
    let doc = tagger.tag_article(&article);
    check(&title, &dateline, &body, &doc);
    assert_eq!(doc, tagger.tag_article(&article), "same input, same output");
}

/// What a spec adds.
enum Spec {
    /// A new entity of this kind, named by the spec's text.
    Entity(&'static str),
    /// An alias of the last entity, in this list.
    Alias(&'static str),
    /// A category whose one condition is this test of the spec's text.
    Rule(&'static str),
}

impl From<u8> for Spec {
    fn from(b: u8) -> Spec {
        const KINDS: [&str; 6] = [
            "organization",
            "topic",
            "person",
            "place",
            "country",
            "agency",
        ];
        const LISTS: [&str; 7] = [
            "names", "exact", "phrases", "demonyms", "metonyms", "partial", "cues",
        ];
        const TESTS: [&str; 5] = ["phrases", "names", "exact", "regex", "entity"];
        match b % 18 {
            k @ 0..6 => Spec::Entity(KINDS[usize::from(k)]),
            l @ 6..13 => Spec::Alias(LISTS[usize::from(l - 6)]),
            t => Spec::Rule(TESTS[usize::from(t - 13)]),
        }
    }
}

/// An `[[entity]]` table; the entity's own lists follow it.
fn entity(n: usize, kind: &str, name: &str) -> String {
    let mut t = format!(
        "\n[[entity]]\nid = \"e/{n}\"\nkind = \"{kind}\"\nname = {}\n",
        quote(name)
    );
    match kind {
        "country" => t.push_str("iso = \"XX\"\n"),
        "place" => t.push_str(&format!("population = {}\n", name.len() * 1000)),
        _ => {}
    }
    if kind != "country" && n > 1 {
        // Links to an earlier entity exercise derived tags; a link to a
        // non-country is a load error, which is fine too.
        t.push_str(&format!("parent = \"e/{}\"\n", n - 1));
    }
    t
}

/// A `[[category]]` with one condition.
fn rule(n: usize, test: &str, text: &str, entities: usize) -> String {
    let value = match test {
        "regex" => quote(text),
        "entity" => quote(&format!("e/{}", text.len() % (entities + 1))),
        _ => format!("[{}]", quote(text)),
    };
    format!("\n[[category]]\nname = \"c{n}\"\n[[category.when]]\n{test} = {value}\n")
}

/// A TOML basic string holding `s` exactly.
fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The guarantees of every result: spans within their field and on char
/// boundaries, the text what the span says, mentions of a field in order
/// and apart, tags scored within [0, 1] (a probability; one the model is
/// sure of rounds to 1 in `f32`).
pub fn check(title: &str, dateline: &str, body: &str, doc: &Tagged) {
    let mut last_end = [0usize; 3];
    for m in &doc.mentions {
        let (text, i) = match m.field {
            Field::Title => (title, 0),
            Field::Dateline => (dateline, 1),
            _ => (body, 2),
        };
        let r = m.span.range();
        assert!(r.start < r.end && r.end <= text.len(), "{m:?}");
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        assert_eq!(text.get(r.clone()), Some(m.text.as_str()));
        assert!(r.start >= last_end[i], "mentions overlap: {m:?}");
        last_end[i] = r.end;
    }
    for t in &doc.tags {
        assert!((0.0..=1.0).contains(&t.score), "{t:?}");
    }
}
