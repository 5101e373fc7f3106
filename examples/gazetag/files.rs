//! `gazetag FILE...`: each file is the body of one article, reported as a
//! readable summary or, with `--json`, as one line of JSON.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use gazetag::{Category, Dropped, Field, Hit, Mention, OffsetUnit, Span, Tag, Tagged, Tagger};
use serde::Serialize;

use crate::args::{Args, Mode};
use crate::features::{Candidate, candidates};
use crate::{Failure, warn};

/// Tags every file in turn. A file that cannot be read is reported on
/// standard error and skipped; returns whether every file was tagged.
///
/// Each file's output is written (and flushed) only once it is complete,
/// so a bad file leaves nothing of itself on standard output.
pub fn run(
    args: &Args,
    inputs: &[PathBuf],
    tagger: &Tagger,
    out: &mut impl Write,
) -> Result<bool, Failure> {
    let mut all_ok = true;
    let mut first = true;
    for path in inputs {
        let name = display_name(path);
        let text = match read_text(path) {
            Ok(text) => text,
            Err(message) => {
                warn(&format_args!("{name}: {message}"));
                all_ok = false;
                continue;
            }
        };
        let article = gazetag::Article {
            body: &text,
            ..Default::default()
        };
        let mut tagged = tagger.tag_article(&article);
        if args.mode == Mode::Json {
            tagged.convert_offsets(&article, args.offsets);
            write_json(out, &name, &tagged, args.features)?;
        } else {
            if !first {
                out.write_all(b"\n")?;
            }
            let explain = args.explain.then_some((&*text, args.offsets));
            write_summary(out, &name, &tagged, explain)?;
        }
        first = false;
        out.flush()?;
    }
    Ok(all_ok)
}

/// How a file is named in the output: as given, standard input as
/// `<stdin>`.
fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// Reads a whole file (or standard input for `-`) as UTF-8.
fn read_text(path: &Path) -> Result<String, String> {
    let mut bytes = Vec::new();
    let read = if path == Path::new("-") {
        io::stdin().lock().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes).map(|_| ()))
    };
    read.map_err(|err| io_message(&err))?;
    String::from_utf8(bytes).map_err(|err| {
        format!(
            "invalid UTF-8 at byte {} (gazetag reads UTF-8 text only)",
            err.utf8_error().valid_up_to()
        )
    })
}

/// An I/O error as a short message, without Rust's "(os error N)".
pub fn io_message(err: &io::Error) -> String {
    let text = err.to_string();
    match text.find(" (os error") {
        Some(cut) => text.get(..cut).unwrap_or(&text).to_string(),
        None => text,
    }
}

/// `--json`: the library's `Tagged` plus the file name, on one line; with
/// `--features`, the file name and every candidate tag's features.
fn write_json(out: &mut impl Write, name: &str, tagged: &Tagged, features: bool) -> io::Result<()> {
    #[derive(Serialize)]
    struct FileTags<'a> {
        file: &'a str,
        tags: &'a [Tag],
        #[serde(skip_serializing_if = "<[Tag]>::is_empty")]
        below_min_score: &'a [Tag],
        mentions: &'a [Mention],
        categories: &'a [Category],
    }
    #[derive(Serialize)]
    struct FileFeatures<'a> {
        file: &'a str,
        candidates: Vec<Candidate<'a>>,
    }
    if features {
        let record = FileFeatures {
            file: name,
            candidates: candidates(tagged),
        };
        serde_json::to_writer(&mut *out, &record)?;
    } else {
        let record = FileTags {
            file: name,
            tags: &tagged.tags,
            below_min_score: &tagged.below_min_score,
            mentions: &tagged.mentions,
            categories: &tagged.categories,
        };
        serde_json::to_writer(&mut *out, &record)?;
    }
    out.write_all(b"\n")
}

/// The readable summary: a header, then one aligned line per tag, most
/// salient first:
///
/// ```text
/// == article.txt ==
///   0.750  Mexico               country  3  title
///   0.333  CIA (United States)  agency   1
/// ```
///
/// With `explain` (the text, for `--explain`), each tag is followed by
/// its mentions and the features that made its score, and the tags left
/// below the minimum score follow, with theirs, then the names found but
/// dropped. The categories come last ("filed under").
fn write_summary(
    out: &mut impl Write,
    name: &str,
    tagged: &Tagged,
    explain: Option<(&str, OffsetUnit)>,
) -> io::Result<()> {
    writeln!(out, "== {name} ==")?;
    if tagged.tags.is_empty() {
        writeln!(out, "  (no tags)")?;
    }
    write_tags(out, tagged, &tagged.tags, explain)?;
    if explain.is_some() && !tagged.below_min_score.is_empty() {
        writeln!(out, "  below the minimum score:")?;
        write_tags(out, tagged, &tagged.below_min_score, explain)?;
    }
    if let Some((text, unit)) = explain {
        write_dropped(out, &tagged.dropped, text, unit)?;
    }
    write_categories(out, &tagged.categories, explain)
}

/// One aligned line per tag; with `explain`, its mentions and score.
fn write_tags(
    out: &mut impl Write,
    tagged: &Tagged,
    tags: &[Tag],
    explain: Option<(&str, OffsetUnit)>,
) -> io::Result<()> {
    let width = |f: fn(&Tag) -> usize| tags.iter().map(f).max().unwrap_or(0);
    let label_w = width(|t| t.label.chars().count());
    let kind_w = width(|t| t.kind.as_str().len());
    let count_w = width(|t| t.count.to_string().len());
    for tag in tags {
        let mut markers = Vec::new();
        if tag.in_title {
            markers.push("title".to_string());
        }
        match (&tag.derived_from, tag.derived) {
            (Some(from), _) => markers.push(format!("derived from {from}")),
            (None, true) => markers.push("derived".to_string()),
            (None, false) => {}
        }
        if tag.supporting > 0 {
            markers.push(format!("+{} supporting", tag.supporting));
        }
        if tag.discovered {
            markers.push("discovered".to_string());
        }
        let line = format!(
            "  {:.3}  {:label_w$}  {:kind_w$}  {:>count_w$}  {}",
            tag.score,
            tag.label,
            tag.kind.as_str(),
            tag.count,
            markers.join(" "),
        );
        writeln!(out, "{}", line.trim_end())?;
        if let Some((text, unit)) = explain {
            write_mentions(out, tagged, tag, text, unit)?;
            write_score(out, tag)?;
        }
    }
    Ok(())
}

/// `--explain`: the model that scored a tag and what each feature added
/// to its log-odds (features that add nothing are left out):
///
/// ```text
///            score: country model, intercept -3.214; name 0.693 (+1.187), lead 1 (+0.842)
/// ```
fn write_score(out: &mut impl Write, tag: &Tag) -> io::Result<()> {
    let Some(why) = &tag.explanation else {
        return Ok(());
    };
    let parts: Vec<String> = why
        .features
        .iter()
        .filter(|f| f.contribution != 0.0)
        .map(|f| format!("{} {} ({:+.3})", f.name, f.value, f.contribution))
        .collect();
    writeln!(
        out,
        "           score: {} model, intercept {:.3}; {}",
        why.model,
        why.intercept,
        parts.join(", ")
    )
}

/// `--explain`: the names found and then dropped, each with why and what
/// it could have named:
///
/// ```text
///   dropped:
///   "Georgia" (undecided: country/ge, place/georgia-us), line 1, bytes 9..16
///   "Jane Doe" (writer), line 1, bytes 3..11
/// ```
fn write_dropped(
    out: &mut impl Write,
    dropped: &[Dropped],
    body: &str,
    unit: OffsetUnit,
) -> io::Result<()> {
    if dropped.is_empty() {
        return Ok(());
    }
    writeln!(out, "  dropped:")?;
    for d in dropped {
        let at = place(d.field, d.span, body, unit);
        let reason = serde_name(&d.reason);
        let why = match d.entities.as_slice() {
            [] => reason,
            entities => format!("{reason}: {}", entities.join(", ")),
        };
        writeln!(out, "  {:?} ({why}), {at}", d.text)?;
    }
    Ok(())
}

/// "Filed under": one line per category, best first; with `explain`,
/// each followed by the conditions that held and what they held on:
///
/// ```text
///   filed under:
///   2.000  Counterintelligence
///            +1 phrases "mole", "double agent" (rules.toml:12): "mole", line 3, bytes 120..124
/// ```
fn write_categories(
    out: &mut impl Write,
    categories: &[Category],
    explain: Option<(&str, OffsetUnit)>,
) -> io::Result<()> {
    if categories.is_empty() {
        return Ok(());
    }
    writeln!(out, "  filed under:")?;
    for c in categories {
        let code = c
            .code
            .as_ref()
            .map(|c| format!(" [{c}]"))
            .unwrap_or_default();
        writeln!(out, "  {:.3}  {}{code}", c.score, c.name)?;
        let Some((body, unit)) = explain else {
            continue;
        };
        for fired in &c.fired {
            let hits: Vec<String> = fired.hits.iter().map(|h| hit_text(h, body, unit)).collect();
            let at = if fired.rule.is_empty() {
                String::new()
            } else {
                format!(" ({})", fired.rule)
            };
            writeln!(
                out,
                "           {:+} {}{at}: {}",
                fired.weight,
                fired.condition,
                hits.join(", ")
            )?;
        }
    }
    Ok(())
}

/// What a condition that fired held on, shortly; text with where it is,
/// as for mentions ("line 3, bytes 120..125").
fn hit_text(hit: &Hit, body: &str, unit: OffsetUnit) -> String {
    match hit {
        Hit::Tag { label, .. } => format!("tag {label}"),
        Hit::Text {
            field: Field::Title,
            text,
            ..
        } => format!("{text:?} in the title"),
        Hit::Text {
            field, span, text, ..
        } => format!("{text:?}, {}", place(*field, *span, body, unit)),
        Hit::Category { name } => format!("subcategory {name:?}"),
        _ => "?".to_string(),
    }
}

/// `--explain`: where and how the text names a tag's entity.
fn write_mentions(
    out: &mut impl Write,
    tagged: &Tagged,
    tag: &Tag,
    body: &str,
    unit: OffsetUnit,
) -> io::Result<()> {
    for m in tagged.mentions.iter().filter(|m| m.entity == tag.entity) {
        writeln!(
            out,
            "           {:?} {} ({}), {}",
            m.text,
            serde_name(&m.evidence),
            serde_name(&m.reason),
            place(m.field, m.span, body, unit)
        )?;
    }
    Ok(())
}

/// Where a span of a file's text is: its line and its offsets in `unit`
/// ("line 3, bytes 120..125").
fn place(field: Field, span: Span, body: &str, unit: OffsetUnit) -> String {
    // Files are bodies only, but say so if a title ever shows up.
    let line = match field {
        Field::Title => "in the title".to_string(),
        _ => format!("line {}", line_of(body, span.start)),
    };
    let span = span.to_unit(body, unit);
    format!("{line}, {unit} {}..{}", span.start, span.end)
}

/// The name a unit enum variant serialises to ("demonym"): the library's
/// `Evidence` and `Reason` have no `Display`.
fn serde_name(value: &impl Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => "?".to_string(),
    }
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    let before = text.as_bytes().get(..offset).unwrap_or(text.as_bytes());
    before.iter().filter(|&&b| b == b'\n').count() + 1
}
