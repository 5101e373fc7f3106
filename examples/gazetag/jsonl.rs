//! `gazetag --jsonl`: JSON Lines in, JSON Lines out, one output line per
//! input line, in input order, tagged on every core.
//!
//! The main thread reads the input in batches of lines (as bytes, so that
//! invalid UTF-8 is one bad line rather than the end of the run). Each
//! batch is cut into contiguous chunks of about equal size, one per
//! thread; every thread tags its chunk and serialises its output lines
//! into one buffer, and the buffers are written in chunk order. While the
//! threads work, the main thread writes the previous batch's output and
//! reads the next batch. Memory stays flat: at most two batches of input
//! and two of output are held at once, whatever the input size.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufReader, IsTerminal, Write};
use std::num::NonZeroUsize;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use gazetag::{Category, Mention, OffsetUnit, Tag, Tagged, Tagger};
use serde::Serialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::args::{Args, Fields};
use crate::features::{Candidate, candidates};
use crate::files::io_message;
use crate::pipes::{self, Feed, Source};
use crate::{Failure, warn};

/// Tags every line of the input. Returns whether every input file could
/// be read to the end; lines that cannot be tagged are reported in the
/// output and do not count as failures.
///
/// This is the pipeline's one long function: reading, tagging and writing
/// overlap inside one `thread::scope` per batch, and splitting it would
/// scatter the borrows that make that safe.
pub fn run(args: &Args, tagger: &Tagger, out: &mut impl Write) -> Result<bool, Failure> {
    let threads = args
        .threads
        .or_else(|| thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get)
        .min(crate::args::MAX_THREADS);
    let limits = Limits::for_threads(threads);
    let mut input = Input::new(&args.files);
    input.first_number = args.first_line;
    let mut progress = Progress::new();
    let mut current = Batch::default();
    let mut next = Batch::default();
    // The output of the previous batch, written while the current one is
    // tagged.
    let mut pending: Vec<Vec<u8>> = Vec::new();
    let mut failed = Failed::default();
    input.fill(&mut current, limits, true);
    while !current.lines.is_empty() {
        let chunks = split(&current.lines, threads);
        let (outputs, written) = thread::scope(|s| {
            let work = |lines: &[Line]| tag_lines(&current.data, lines, args, tagger);
            let handles: Vec<_> = chunks
                .iter()
                .map(|&lines| {
                    thread::Builder::new()
                        .spawn_scoped(s, move || work(lines))
                        .map_err(|_| lines)
                })
                .collect();
            // Write the previous batch and read the next one while the
            // workers tag this one.
            let written = write_all(out, &pending);
            if written.is_ok() {
                input.fill(&mut next, limits, false);
            }
            let outputs = handles
                .into_iter()
                .map(|h| match h {
                    Ok(handle) => handle.join().map_err(|_| ()),
                    // No thread to spare: tag the chunk here.
                    Err(lines) => Ok(work(lines)),
                })
                .collect::<Result<Vec<(Vec<u8>, Failed)>, ()>>();
            (outputs, written)
        });
        written?;
        let outputs =
            outputs.map_err(|()| Failure::other("internal error: tagging panicked".into()))?;
        pending = Vec::with_capacity(outputs.len());
        for (buffer, chunk_failed) in outputs {
            pending.push(buffer);
            failed.merge(chunk_failed);
        }
        progress.update(&input);
        std::mem::swap(&mut current, &mut next);
        next.clear();
        if current.lines.is_empty() && !input.ended() {
            // The producer has nothing more for now: write what is tagged
            // before waiting for it.
            write_all(out, &pending)?;
            out.flush()?;
            pending.clear();
            input.fill(&mut current, limits, true);
        }
    }
    write_all(out, &pending)?;
    progress.finish(&input);
    failed.report(input.lines);
    Ok(input.all_ok)
}

/// Writes a batch's output buffers in order.
fn write_all(out: &mut impl Write, buffers: &[Vec<u8>]) -> io::Result<()> {
    buffers.iter().try_for_each(|b| out.write_all(b))
}

/// How much input one batch holds: enough lines for every thread to have
/// a share, few enough bytes to keep memory flat.
#[derive(Clone, Copy, Debug)]
struct Limits {
    bytes: usize,
    lines: usize,
}

impl Limits {
    fn for_threads(threads: usize) -> Limits {
        const MIB: usize = 1 << 20;
        Limits {
            bytes: threads.saturating_mul(MIB).clamp(4 * MIB, 64 * MIB),
            lines: threads.saturating_mul(512).clamp(1024, 64 * 1024),
        }
    }
}

/// Lines read from the input, stored back to back.
#[derive(Debug, Default)]
struct Batch {
    data: Vec<u8>,
    lines: Vec<Line>,
}

/// One input line: its 1-based number in the whole input and where its
/// bytes are in [`Batch::data`], without the line terminator.
#[derive(Clone, Debug)]
struct Line {
    number: u64,
    range: Range<usize>,
}

impl Batch {
    fn clear(&mut self) {
        self.data.clear();
        self.lines.clear();
    }
}

/// The input: standard input, or the FILE arguments one after another.
struct Input<'a> {
    paths: &'a [PathBuf],
    /// The source being read, with its name for error messages.
    current: Option<(String, Box<dyn Source + 'a>)>,
    /// The number of the first line (`--first-line`).
    first_number: u64,
    /// Lines and bytes read so far.
    lines: u64,
    bytes: u64,
    /// False once a file could not be opened or read.
    all_ok: bool,
    /// Whether the next line read is the first of its source.
    source_start: bool,
}

impl<'a> Input<'a> {
    fn new(paths: &'a [PathBuf]) -> Input<'a> {
        let mut input = Input {
            paths,
            current: None,
            lines: 0,
            first_number: 1,
            bytes: 0,
            all_ok: true,
            source_start: true,
        };
        if paths.is_empty() {
            input.current = Some(stdin());
        }
        input
    }

    /// Reads lines into `batch` until it is full, the input ends, or the
    /// producer of a pipe has nothing more for now; `wait` says whether to
    /// wait for the first line. A file that cannot be opened or read is
    /// reported and skipped. A stop signal ends the input.
    fn fill(&mut self, batch: &mut Batch, limits: Limits, wait: bool) {
        while batch.data.len() < limits.bytes && batch.lines.len() < limits.lines {
            if pipes::stopping().is_some() {
                (self.current, self.paths) = (None, &[]);
                return;
            }
            let may_wait = wait && batch.lines.is_empty();
            let Some((name, reader)) = self.source() else {
                return;
            };
            if !may_wait && reader.stalled() {
                return;
            }
            let start = batch.data.len();
            match reader.read_until(b'\n', &mut batch.data) {
                Ok(0) => self.current = None,
                Ok(n) => {
                    self.lines += 1;
                    self.bytes += n as u64;
                    if std::mem::take(&mut self.source_start) {
                        skip_bom(&mut batch.data, start);
                    }
                    let mut end = batch.data.len();
                    for terminator in [b'\n', b'\r'] {
                        if end > start && batch.data.get(end - 1) == Some(&terminator) {
                            end -= 1;
                        }
                    }
                    batch.lines.push(Line {
                        number: self.first_number.saturating_add(self.lines - 1),
                        range: start..end,
                    });
                }
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {
                    batch.data.truncate(start);
                }
                Err(err) => {
                    // The partial line is lost with the rest of the file.
                    warn(&format_args!("{name}: {}", io_message(&err)));
                    batch.data.truncate(start);
                    self.all_ok = false;
                    self.current = None;
                }
            }
        }
    }

    /// Whether every input has been read.
    fn ended(&self) -> bool {
        self.current.is_none() && self.paths.is_empty()
    }

    /// The source to read from, opening the next file when the current
    /// one is done; `None` at the end of the input.
    fn source(&mut self) -> Option<(&str, &mut (dyn Source + 'a))> {
        while self.current.is_none() {
            let (path, rest) = self.paths.split_first()?;
            self.paths = rest;
            match open(path) {
                Ok(source) => {
                    self.current = Some(source);
                    self.source_start = true;
                }
                Err(message) => {
                    warn(&message);
                    self.all_ok = false;
                }
            }
        }
        self.current
            .as_mut()
            .map(|(name, r)| (name.as_str(), &mut **r))
    }
}

/// The UTF-8 byte order mark some editors and Windows tools put at the
/// start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Removes a byte order mark from the start of the line at `start`: it
/// marks the encoding of the whole input, not a character of the record.
fn skip_bom(data: &mut Vec<u8>, start: usize) {
    if data.get(start..).is_some_and(|line| line.starts_with(BOM)) {
        data.drain(start..start + BOM.len());
    }
}

/// Why a line that starts with a byte order mark is not JSON: only the
/// first line of an input may start with one.
fn bom_message(line: &str) -> Option<String> {
    let at = line.find('\u{FEFF}')?;
    line.get(..at)?.trim().is_empty().then(|| {
        "invalid JSON: a byte order mark (U+FEFF) starts the line; only the first line of an input may start with one".to_string()
    })
}

/// Standard input, read on a thread of its own so that a pause of the
/// producer can be seen (see [`pipes::Feed`]).
fn stdin<'a>() -> (String, Box<dyn Source + 'a>) {
    ("<stdin>".to_string(), Box::new(Feed::spawn(io::stdin())))
}

/// Opens one FILE argument (`-` is standard input); a FIFO is read like
/// standard input.
fn open<'a>(path: &Path) -> Result<(String, Box<dyn Source + 'a>), String> {
    if path.as_os_str() == "-" {
        return Ok(stdin());
    }
    let name = path.display().to_string();
    let file = File::open(path).map_err(|err| format!("{name}: {}", io_message(&err)))?;
    let regular = file.metadata().is_ok_and(|m| m.is_file());
    let source: Box<dyn Source + 'a> = if regular {
        Box::new(BufReader::with_capacity(1 << 20, file))
    } else {
        Box::new(Feed::spawn(file))
    };
    Ok((name, source))
}

/// Cuts a batch's lines into at most `n` contiguous chunks of about the
/// same number of bytes (plus one per line, for the fixed cost of each).
fn split(lines: &[Line], n: usize) -> Vec<&[Line]> {
    let cost = |l: &Line| l.range.len() + 1;
    let total: usize = lines.iter().map(cost).sum();
    let target = total.div_ceil(n.max(1)).max(1);
    let mut chunks = Vec::with_capacity(n);
    let mut rest = lines;
    while !rest.is_empty() {
        let mut sum = 0;
        let take = rest
            .iter()
            .position(|l| {
                sum += cost(l);
                sum >= target
            })
            .map_or(rest.len(), |i| i + 1);
        let (chunk, tail) = rest.split_at(take);
        chunks.push(chunk);
        rest = tail;
    }
    chunks
}

/// A writer into a buffer that pushes one-byte writes: serde_json writes
/// each quote, colon, comma and brace on its own, and a call to `memcpy`
/// for one byte costs more than the byte.
struct Sink<'a>(&'a mut Vec<u8>);

impl Write for Sink<'_> {
    #[inline]
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    #[inline]
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match buf {
            [b] => self.0.push(*b),
            _ => self.0.extend_from_slice(buf),
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Tags a chunk of lines and returns their output lines, in order.
fn tag_lines(data: &[u8], lines: &[Line], args: &Args, tagger: &Tagger) -> (Vec<u8>, Failed) {
    let mut failed = Failed::default();
    // Output runs about twice the size of news input: growing the buffer
    // from small would copy it over and over.
    let input: usize = lines.iter().map(|l| l.range.len()).sum();
    let mut out = Vec::with_capacity(2 * input + lines.len() * 64);
    for line in lines {
        let bytes = data.get(line.range.clone()).unwrap_or_default();
        let mark = out.len();
        let written = match tag_line(bytes, &args.fields, args.offsets, tagger) {
            Ok((id, tagged)) if args.features => {
                let line = FeaturesLine {
                    id,
                    candidates: candidates(&tagged),
                };
                serde_json::to_writer(&mut out, &line)
            }
            Ok((id, tagged)) => serde_json::to_writer(Sink(&mut out), &TaggedLine::new(id, tagged)),
            Err(bad) => {
                failed.add(line.number, &bad.error, bytes);
                serde_json::to_writer(&mut out, &bad.at(line.number))
            }
        };
        if let Err(err) = written {
            // Serialising plain data into memory cannot fail, but if it
            // ever did, the line still gets its one output line.
            out.truncate(mark);
            let bad = BadLine {
                id: None,
                error: err.to_string(),
            };
            let _ = serde_json::to_writer(&mut out, &bad.at(line.number));
        }
        out.push(b'\n');
    }
    (out, failed)
}

/// The lines that could not be tagged, for the summary on standard error.
#[derive(Debug, Default)]
struct Failed {
    count: u64,
    /// The first one: its number, its error and, when it is a JSON
    /// object, its field names.
    first: Option<(u64, String, Option<Vec<String>>)>,
}

impl Failed {
    fn add(&mut self, number: u64, error: &str, bytes: &[u8]) {
        self.count += 1;
        if self.first.is_none() {
            let fields = match serde_json::from_slice::<Value>(bytes) {
                Ok(Value::Object(map)) => Some(map.keys().cloned().collect()),
                _ => None,
            };
            self.first = Some((number, error.to_string(), fields));
        }
    }

    /// Adds the failures of a later chunk.
    fn merge(&mut self, later: Failed) {
        self.count += later.count;
        if self.first.is_none() {
            self.first = later.first;
        }
    }

    /// One line on standard error when any line failed: how many, the
    /// first one's error and the fields it has (the usual cause is a
    /// text field of another name).
    fn report(&self, total: u64) {
        let Some((number, error, fields)) = &self.first else {
            return;
        };
        let fields = match fields {
            Some(names) if names.is_empty() => "; it has no fields".to_string(),
            Some(names) => {
                let quoted: Vec<String> = names.iter().map(|n| format!("{n:?}")).collect();
                format!("; its fields: {}", quoted.join(", "))
            }
            None => String::new(),
        };
        warn(&format_args!(
            "{} of {total} lines could not be tagged; the first, line {number}: {error}{fields}",
            self.count
        ));
    }
}

/// A record's id as the JSON text the input gave (`null` when absent):
/// copied, never parsed into a number, so that `12345678901234567890123`
/// or `1e2` comes out as it went in.
type Id = Option<Box<RawValue>>;

/// The output line of a tagged record.
#[derive(Serialize)]
struct TaggedLine {
    id: Id,
    tags: Vec<Tag>,
    /// Only when the tagger explains its scores (`--explain-scores`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    below_min_score: Vec<Tag>,
    mentions: Vec<Mention>,
    categories: Vec<Category>,
}

impl TaggedLine {
    fn new(id: Id, tagged: Tagged) -> TaggedLine {
        TaggedLine {
            id,
            tags: tagged.tags,
            below_min_score: tagged.below_min_score,
            mentions: tagged.mentions,
            categories: tagged.categories,
        }
    }
}

/// The output line of a record with `--features`.
#[derive(Serialize)]
struct FeaturesLine<'a> {
    id: Id,
    candidates: Vec<Candidate<'a>>,
}

/// Why a line could not be tagged, with the id if it was found.
struct BadLine {
    id: Id,
    error: String,
}

/// The output line of a line that could not be tagged.
#[derive(Serialize)]
struct ErrorLine<'a> {
    id: &'a Id,
    line: u64,
    error: &'a str,
}

impl BadLine {
    fn new(id: Id, error: String) -> BadLine {
        BadLine { id, error }
    }

    fn at(&self, line: u64) -> ErrorLine<'_> {
        ErrorLine {
            id: &self.id,
            line,
            error: &self.error,
        }
    }
}

/// Parses and tags one input line.
fn tag_line(
    bytes: &[u8],
    fields: &Fields,
    offsets: OffsetUnit,
    tagger: &Tagger,
) -> Result<(Id, Tagged), BadLine> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(BadLine::new(None, "empty line".into()));
    }
    let text = std::str::from_utf8(bytes).map_err(|err| {
        BadLine::new(
            id_despite_bad_bytes(bytes, fields),
            format!("invalid UTF-8 at byte {} of the line", err.valid_up_to()),
        )
    })?;
    let record = Record::parse(text, fields)
        .map_err(|(id, err)| BadLine::new(id, json_message(&err, text)))?;
    let body = match record.text {
        Some(Text::Str(body)) => body,
        Some(Text::Other(kind)) => {
            let error = format!("field \"{}\" is {kind}, not a string", fields.text);
            return Err(BadLine::new(record.id, error));
        }
        None => {
            let error = format!("no \"{}\" field", fields.text);
            return Err(BadLine::new(record.id, error));
        }
    };
    fn part<'a>(value: &'a Option<Text<'_>>) -> &'a str {
        match value {
            Some(Text::Str(s)) => s,
            _ => "",
        }
    }
    let article = gazetag::Article {
        title: part(&record.title),
        dateline: part(&record.dateline),
        body: &body,
    };
    let mut tagged = tagger.tag_article(&article);
    tagged.convert_offsets(&article, offsets);
    Ok((record.id, tagged))
}

/// The id of a line that is not valid UTF-8, when the bad bytes are
/// elsewhere: so that the error line can still be joined to its record.
fn id_despite_bad_bytes(bytes: &[u8], fields: &Fields) -> Id {
    let lossy = String::from_utf8_lossy(bytes);
    let id = Record::parse(&lossy, fields).ok()?.id?;
    (!id.get().contains('\u{FFFD}')).then_some(id)
}

/// A serde_json error in a few words, without "at line 1", which is
/// always line 1 here.
fn json_message(err: &serde_json::Error, line: &str) -> String {
    if let Some(message) = bom_message(line) {
        return message;
    }
    if err.classify() == serde_json::error::Category::Data {
        // The visitors accept any value inside the object, so the only
        // data error is a line that is valid JSON but not an object.
        let found = match line.trim_start().bytes().next() {
            Some(b'[') => "an array",
            Some(b'"') => "a string",
            Some(b't' | b'f') => "a boolean",
            Some(b'n') => "null",
            _ => "a number",
        };
        return format!("not a JSON object but {found}");
    }
    let text = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    let message = text.strip_suffix(&suffix).unwrap_or(&text);
    format!("invalid JSON: {message} at column {}", err.column())
}

/// The value of a text field: a string, borrowed from the line when it
/// has no escapes, or the JSON type it has instead (for the message).
/// Anything else in it is skipped, never built into a value.
#[derive(Clone, Debug)]
enum Text<'a> {
    Str(Cow<'a, str>),
    Other(&'static str),
}

impl<'de> de::Deserialize<'de> for Text<'de> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Text<'de>, D::Error> {
        deserializer.deserialize_any(TextVisitor)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text<'de>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Text<'de>, E> {
        Ok(Text::Str(Cow::Borrowed(s)))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Text<'de>, E> {
        Ok(Text::Str(Cow::Owned(s.to_string())))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Text<'de>, E> {
        Ok(Text::Str(Cow::Owned(s)))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Text<'de>, E> {
        Ok(Text::Other("a boolean"))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Text<'de>, E> {
        Ok(Text::Other("a number"))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Text<'de>, E> {
        Ok(Text::Other("a number"))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Text<'de>, E> {
        Ok(Text::Other("a number"))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Text<'de>, E> {
        Ok(Text::Other("null"))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Text<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Text::Other("an array"))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text<'de>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Text::Other("an object"))
    }
}

/// The fields of an input record that gazetag uses, borrowing from the
/// line. Other fields are skipped without being built into values.
#[derive(Debug, Default)]
struct Record<'a> {
    /// `None` if absent.
    id: Id,
    text: Option<Text<'a>>,
    title: Option<Text<'a>>,
    dateline: Option<Text<'a>>,
}

impl<'a> Record<'a> {
    /// Parses one line, which must hold exactly one JSON object. The
    /// error comes with the id when the object itself was read (and
    /// something follows it).
    fn parse(line: &'a str, fields: &Fields) -> Result<Record<'a>, (Id, serde_json::Error)> {
        let mut de = serde_json::Deserializer::from_str(line);
        let record = RecordSeed(fields)
            .deserialize(&mut de)
            .map_err(|err| (None, err))?;
        match de.end() {
            Ok(()) => Ok(record),
            Err(err) => Err((record.id, err)),
        }
    }
}

/// Deserialises a [`Record`], with the field names given at run time.
struct RecordSeed<'f>(&'f Fields);

impl<'de> DeserializeSeed<'de> for RecordSeed<'_> {
    type Value = Record<'de>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Record<'de>, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RecordSeed<'_> {
    type Value = Record<'de>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record<'de>, A::Error> {
        let mut record = Record::default();
        // As with serde_json's own maps, the last of duplicate keys wins.
        while let Some(role) = map.next_key_seed(KeySeed(self.0))? {
            if role == Role::default() {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            let Role {
                id,
                text,
                title,
                dateline,
            } = role;
            if id {
                let raw = map.next_value::<Box<RawValue>>()?;
                if text || title || dateline {
                    // The id's field is also a text field: read its text
                    // as a value too (a string, or a type to report). The
                    // raw text is valid JSON, so only a number beyond f64
                    // (1E400) fails, and a number it stays.
                    let value = match serde_json::from_str::<Text>(raw.get()) {
                        Ok(Text::Str(s)) => Text::Str(Cow::Owned(s.into_owned())),
                        Ok(Text::Other(kind)) => Text::Other(kind),
                        Err(_) => Text::Other("a number"),
                    };
                    record.set(Role { id: false, ..role }, value);
                }
                record.id = Some(raw);
                continue;
            }
            record.set(role, map.next_value::<Text>()?);
        }
        Ok(record)
    }
}

impl<'a> Record<'a> {
    /// Gives `value` to each text field `role` names: copied to all but
    /// the last, which takes it (the text is usually the only one, and
    /// the largest).
    fn set(&mut self, role: Role, value: Text<'a>) {
        let mut value = Some(value);
        let mut give = |used: bool, more: bool| match (used, more) {
            (false, _) => None,
            (true, true) => value.clone(),
            (true, false) => value.take(),
        };
        let Role {
            text,
            title,
            dateline,
            ..
        } = role;
        if let Some(v) = give(title, text || dateline) {
            self.title = Some(v);
        }
        if let Some(v) = give(dateline, text) {
            self.dateline = Some(v);
        }
        if let Some(v) = give(text, false) {
            self.text = Some(v);
        }
    }
}

/// Which of the fields gazetag uses a key names (one key may be several,
/// if the flags give the same name twice).
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq)]
struct Role {
    id: bool,
    text: bool,
    title: bool,
    dateline: bool,
}

/// Reads a key and says which field it is, without allocating it.
struct KeySeed<'f>(&'f Fields);

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Role;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Role, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed<'_> {
    type Value = Role;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Role, E> {
        Ok(Role {
            id: key == self.0.id,
            text: key == self.0.text,
            title: self.0.title.as_deref() == Some(key),
            dateline: self.0.dateline.as_deref() == Some(key),
        })
    }
}

/// A progress line on standard error (`\r`, rewritten in place) for long
/// inputs, only when standard error is a terminal.
struct Progress {
    enabled: bool,
    start: Instant,
    last: Option<Instant>,
}

impl Progress {
    /// Inputs shorter than this never show progress.
    const DELAY: Duration = Duration::from_secs(1);
    const EVERY: Duration = Duration::from_millis(250);

    fn new() -> Progress {
        Progress {
            enabled: io::stderr().is_terminal(),
            start: Instant::now(),
            last: None,
        }
    }

    fn update(&mut self, input: &Input<'_>) {
        let now = Instant::now();
        let due = match self.last {
            None => now.duration_since(self.start) >= Self::DELAY,
            Some(last) => now.duration_since(last) >= Self::EVERY,
        };
        if self.enabled && due {
            self.last = Some(now);
            self.show(input, "");
        }
    }

    fn finish(&mut self, input: &Input<'_>) {
        if self.enabled && self.last.is_some() {
            self.show(input, "\n");
        }
    }

    fn show(&self, input: &Input<'_>, end: &str) {
        let secs = self.start.elapsed().as_secs_f64().max(1e-9);
        let mb = input.bytes as f64 / 1e6;
        let _ = write!(
            io::stderr().lock(),
            "\rgazetag: {} lines, {mb:.1} MB, {:.1} MB/s{end}",
            input.lines,
            mb / secs,
        );
    }
}
