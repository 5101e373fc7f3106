//! Where builders get their text: the embedded files, files and folders on
//! disk, and strings. Shared by the gazetteer and the rule-set builders, so
//! that both read, and report, the same way.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::{Error, Problem};

/// One source given to a builder. Nothing is read until the build.
#[derive(Clone, Debug)]
pub(crate) enum Source {
    /// A file, or a folder whose data files are read in name order.
    Path(PathBuf),
    /// Text given directly, with the name used in problem reports.
    Str { name: String, contents: String },
}

/// The texts of every source, in order, and what went wrong reading them.
pub(crate) struct Read {
    pub(crate) texts: Vec<(String, String)>,
    problems: Vec<Problem>,
    /// The first I/O error, kept as the error's `source()`.
    io_error: Option<io::Error>,
}

impl Read {
    /// Reads `embedded` (when given) and then every source; a folder gives
    /// its files whose extension is one of `extensions`, in name order.
    pub(crate) fn all(
        embedded: Option<&[(&str, &str)]>,
        sources: &[Source],
        extensions: &[&str],
    ) -> Read {
        let mut read = Read {
            texts: Vec::new(),
            problems: Vec::new(),
            io_error: None,
        };
        let files = embedded.unwrap_or_default().iter();
        read.texts
            .extend(files.map(|(n, c)| (n.to_string(), c.to_string())));
        for source in sources {
            match source {
                Source::Str { name, contents } => read.texts.push((name.clone(), contents.clone())),
                Source::Path(path) => read.path(path, extensions),
            }
        }
        read
    }

    /// Reads a file, or every data file of a folder in name order.
    fn path(&mut self, path: &Path, extensions: &[&str]) {
        if !path.is_dir() {
            match read_data_file(path) {
                Ok(text) => self.texts.push((path.display().to_string(), text)),
                Err(err) => self.fail(path, err),
            }
            return;
        }
        let entries = match std::fs::read_dir(path) {
            Ok(entries) => entries,
            Err(err) => return self.fail(path, err),
        };
        // Every entry named like a data file is read, so that one that is
        // not a regular file (a FIFO named a.toml) is reported, not waited
        // on or skipped in silence.
        let is_data = |p: &PathBuf| {
            let ext = p.extension().and_then(|x| x.to_str());
            ext.is_some_and(|x| extensions.contains(&x)) && !p.is_dir()
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(is_data)
            .collect();
        files.sort();
        for file in files {
            self.path(&file, extensions);
        }
    }

    fn fail(&mut self, path: &Path, err: io::Error) {
        self.problems.push(Problem::io_path(path, &err));
        self.io_error.get_or_insert(err);
    }

    /// Ends a build: the value `make` builds from what loaded, or one
    /// error listing every reading and loading problem.
    pub(crate) fn finish<T, U>(
        mut self,
        loaded: Result<T, Vec<Problem>>,
        make: impl FnOnce(T) -> Result<U, Error>,
    ) -> Result<U, Error> {
        match loaded {
            Ok(loaded) if self.problems.is_empty() => make(loaded),
            Ok(_) => Err(Error::data(self.problems).with_source(self.io_error)),
            Err(more) => {
                self.problems.extend(more);
                Err(Error::data(self.problems).with_source(self.io_error))
            }
        }
    }
}

/// The largest data or rule file a builder reads, in bytes: 64 MiB, a
/// hundred times the largest file of the default data. Past it a file is
/// refused rather than read until memory runs out (`/dev/zero`).
pub(crate) const MAX_FILE_BYTES: u64 = 64 << 20;

/// Reads one data file: a regular file (not a FIFO, which could block
/// forever, or a device) of at most [`MAX_FILE_BYTES`], in UTF-8. An
/// encoding error says where: line and byte.
fn read_data_file(path: &Path) -> io::Result<String> {
    use std::io::Read as _;
    // Checked before opening: opening a FIFO waits for a writer.
    if !std::fs::metadata(path)?.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file (a FIFO, device or socket): data files must be regular files",
        ));
    }
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let msg = format!(
            "larger than {} MiB, the most a data file may be",
            MAX_FILE_BYTES >> 20
        );
        return Err(io::Error::new(io::ErrorKind::InvalidData, msg));
    }
    String::from_utf8(bytes).map_err(|err| {
        let at = err.utf8_error().valid_up_to();
        let good = err.as_bytes().get(..at).unwrap_or_default();
        let line = 1 + good.iter().filter(|&&b| b == b'\n').count();
        let column = at - good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1) + 1;
        let msg = format!(
            "invalid UTF-8 at line {line}, byte {column} of the line (offset {at} in the file)"
        );
        io::Error::new(io::ErrorKind::InvalidData, msg)
    })
}

/// Where the lines of a text start, to turn byte offsets into 1-based line
/// numbers for problem reports.
#[derive(Debug)]
pub(crate) struct Lines(Vec<usize>);

impl Lines {
    pub(crate) fn new(text: &str) -> Lines {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines(starts.collect())
    }

    /// The 1-based line of byte `offset`.
    pub(crate) fn line(&self, offset: usize) -> usize {
        match self.0.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
}

/// Below this many bytes of input in all, [`map_in_order`] works on the
/// calling thread alone: starting a thread costs tens of microseconds,
/// about what parsing 10 KB of TOML does.
const PARALLEL_MIN_BYTES: usize = 64 * 1024;

/// `items.iter().map(f).collect()`, spread over the machine's cores when
/// the items are big enough (`size` is an item's size in bytes); the
/// results keep the order of `items` whatever thread made them, so that
/// what loads and the order of problems never depend on timing.
///
/// Each thread takes the next item not yet taken, largest first, so that
/// the last to start is a small one. The calling thread works too; when
/// no thread can be started, it does all the work.
pub(crate) fn map_in_order<T, R, F>(items: &[T], size: impl Fn(&T) -> usize, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores.min(items.len());
    if threads < 2 || items.iter().map(&size).sum::<usize>() < PARALLEL_MIN_BYTES {
        return items.iter().map(f).collect();
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(size(&items[i])));
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
            done.push((i, f(&items[i])));
        }
        done
    };
    let mut done = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads)
            .filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok())
            .collect();
        let mut done = work();
        for helper in helpers {
            match helper.join() {
                Ok(more) => done.extend(more),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        done
    });
    done.sort_unstable_by_key(|&(i, _)| i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// Parses a TOML file into `T`, or gives the syntax problem with its line.
pub(crate) fn parse_toml<T: serde::de::DeserializeOwned>(
    file: &str,
    text: &str,
    lines: &Lines,
) -> Result<T, Problem> {
    toml::from_str::<T>(text).map_err(|err| {
        // toml's parser gives a dotted key of too many parts no span:
        // find the key, so that the report says where it is.
        let span = err.span().or_else(|| deep_key(text));
        let line = span.as_ref().map(|s| lines.line(s.start));
        // toml's parser says only "duplicate key", with the key's span:
        // quote the key, as reports always did.
        let key = span.and_then(|s| text.get(s)).filter(|k| !k.is_empty());
        let msg = match (err.message(), key) {
            ("duplicate key", Some(key)) => format!("duplicate key `{key}`"),
            (msg, _) => msg.trim_end_matches('.').to_string(),
        };
        Problem::new(crate::error::ProblemKind::Syntax, file, line, msg)
    })
}

/// Parts a dotted key may have before toml's parser refuses it (its
/// recursion limit).
const KEY_PARTS: usize = 80;

/// The span of the first key (of a `key = value` line or a table header)
/// with at least [`KEY_PARTS`] dot-separated parts, if any. A line is
/// read as a key only when what precedes its `=` (or lies within its
/// header's brackets) has nothing a key cannot have.
fn deep_key(text: &str) -> Option<std::ops::Range<usize>> {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let at = start;
        start += line.len();
        let trimmed = line.trim_start();
        let lead = line.len() - trimmed.len();
        let key = match trimmed.strip_prefix('[') {
            Some(header) => header.trim_start_matches('[').split(']').next(),
            None => trimmed.split('=').next().filter(|_| trimmed.contains('=')),
        };
        let Some(key) = key else { continue };
        let keyish = key
            .chars()
            .all(|c| c.is_alphanumeric() || " \t._-\"'".contains(c));
        if keyish && key.matches('.').count() + 1 >= KEY_PARTS {
            let from = at + lead;
            return Some(from..from + key.len().max(1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_of_too_many_parts_has_its_line() {
        let deep = vec!["a"; 100_000].join(".");
        for text in [
            format!("x = 1\n\n{deep} = 1\n"),
            format!("x = 1\n\n[{deep}]\n"),
        ] {
            let (line, msg) = syntax(&text);
            assert_eq!(line, Some(3), "{msg}");
        }
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Agency {
        id: String,
        name: String,
    }

    fn syntax(text: &str) -> (Option<usize>, String) {
        let err = parse_toml::<Agency>("t.toml", text, &Lines::new(text)).unwrap_err();
        (err.line(), err.message().to_string())
    }

    #[test]
    fn duplicate_key_is_quoted_with_its_line() {
        let text =
            "id = \"agency/sis\"\nname = \"Secret Intelligence Service\"\nid = \"agency/mi6\"\n";
        assert_eq!(syntax(text), (Some(3), "duplicate key `id`".to_string()));
    }

    #[test]
    fn unclosed_string_has_its_line_and_one_line_message() {
        let (line, msg) = syntax("id = \"agency/sis\"\nname = \"MI6\n");
        assert_eq!(line, Some(2));
        assert!(!msg.is_empty() && !msg.contains('\n'), "{msg:?}");
    }

    #[test]
    fn map_in_order_keeps_the_order_of_items() {
        // Big enough to be spread over threads on a machine with several
        // cores; the order must not depend on which thread finished first.
        let items: Vec<String> = (0..40)
            .map(|i| "x".repeat(1000 + 97 * (i % 7) * 100))
            .collect();
        let got = map_in_order(&items, String::len, |s| s.len());
        let want: Vec<usize> = items.iter().map(String::len).collect();
        assert_eq!(got, want);
        assert!(map_in_order(&[] as &[String], String::len, |s| s.len()).is_empty());
    }

    #[test]
    fn lines_are_one_based() {
        let lines = Lines::new("a\nbc\n\nd");
        let got: Vec<usize> = [0, 1, 2, 4, 5, 6].map(|o| lines.line(o)).to_vec();
        assert_eq!(got, [1, 1, 2, 2, 3, 4]);
    }
}
