//! The command line, parsed by hand into [`Args`] (no dependency needed
//! for a dozen flags).

use std::ffi::{OsStr, OsString};
use std::num::NonZeroUsize;
use std::path::PathBuf;

use gazetag::OffsetUnit;

use crate::Failure;

/// The usage text printed by `--help`.
pub const USAGE: &str = "\
gazetag: tag news articles with the entities they mention

USAGE:
    gazetag [OPTIONS] FILE...          a readable summary of each article
    gazetag [OPTIONS] --json FILE...   one JSON object per article
    gazetag [OPTIONS] --jsonl [FILE...] < in.jsonl > out.jsonl
    gazetag [OPTIONS] --list           every entity of the gazetteer
    gazetag [OPTIONS] --check          check the data and rules, and exit

Each FILE is the body of one article; '-' (or no FILE, with standard input
not a terminal) reads standard input.

OPTIONS:
    --json               one line of JSON per FILE:
                         {\"file\", \"tags\", \"mentions\", \"categories\"}
    --explain            in the summary, list each tag's mentions with their
                         evidence (name, demonym, ...) and why they were
                         attributed to it, the features that made its score
                         and what each added, the names left below the
                         minimum score with their probability, the names
                         found but dropped (a shared name nothing decided,
                         a surname of a person not named in full, the
                         writer's name in a byline, ...) with why, and the conditions that filed each category
                         (JSON output always has them, in \"fired\")
    --explain-scores     with --json or --jsonl, give each tag an
                         \"explanation\" (the model and each feature's value,
                         weight and contribution) and list the tags below
                         the minimum score in \"below_min_score\"
    --features           with --json or --jsonl, write instead one line per
                         article: {\"id\" (or \"file\"), \"candidates\"}, every
                         candidate tag whatever its score, with its entity,
                         kind, label, iso, derived, score and \"features\"
                         (name -> value): the input of
                         scripts/train_salience.py
    --salience PATH      score tags with this weights file instead of the
                         embedded data/salience.toml (see data/README.md)
    --jsonl              read JSON Lines (from FILEs, concatenated, or
                         standard input) and write one line per input line,
                         in order: {\"id\", \"tags\", \"mentions\",
                         \"categories\"}, or
                         {\"id\", \"line\", \"error\"} for a line that cannot
                         be tagged (the others still come out; lines are
                         numbered from 1 across all the inputs); when any
                         line fails, one line on standard error says how
                         many, the first one's error and its fields
    --text-field NAME    the field holding the article text [default: text]
    --title-field NAME   the field holding the headline [default: none];
                         missing or not a string means no headline
    --dateline-field NAME  the field holding the dateline (\"TOKYO, March 3\")
                         [default: none; a dateline at the start of the
                         text is recognised]
    --id-field NAME      the field copied to \"id\" [default: id]
    --offsets UNIT       the unit of \"start\" and \"end\" in the output:
                         bytes (UTF-8, for Rust, Go, C), chars (Unicode
                         characters, for Python) or utf16 (code units, for
                         JavaScript, Java, C#) [default: bytes]
    --first-line N       the number of the first input line, for a part of a
                         larger input (after 'split -l'): \"line\" in error
                         lines counts from it [default: 1]
    --threads N          threads for --jsonl, 1 to 1024 [default: all
                         cores]
    --gazetteer PATH     add a data file, or a folder of *.toml files, to the
                         gazetteer (repeatable)
    --no-default-data    use only the --gazetteer data
    --rules PATH         add a category rule file, or a folder of *.toml
                         files (repeatable); entity ids in it are checked
                         against the gazetteer
    --no-default-rules   use only the --rules categories (none without it)
    --ignore-case        match every name and phrase in any case, for text
                         that is lower-cased (or in capitals) throughout;
                         costs precision on ordinary text (README.md,
                         \"Lower-cased text\")
    --min-score X        keep only tags scoring at least X, the estimated
                         probability that an editor would give the tag
                         [default: 0.5, more likely than not]
    --no-discover        find only the gazetteer's names: no people or
                         organisations discovered from titles, given
                         names, speech, appositions, organisation words
                         or sports results
    --list               print every entity as JSON Lines and exit
    --check              load the data and rules (with --gazetteer, --rules,
                         ...), print every problem in file and line order
                         on standard error, and exit non-zero if there is
                         any; else print what they hold
    -h, --help           print this help and exit
    --version            print the version and exit

Options taking a value accept '--flag value' and '--flag=value'.

EXIT STATUS:
    0 success (bad --jsonl lines are reported in the output, not here);
    1 an input or data file could not be read (the other inputs are still
    processed), or the data or rules have problems (each is printed, with
    its file and line); 2 a usage error; 141 standard output was closed
    early (as by 'gazetag --jsonl ... | head').

EXAMPLES:
    gazetag article.txt
    gazetag --jsonl --text-field body --title-field title < news.jsonl
";

/// What to do, as the command line says.
#[derive(Debug)]
pub struct Args {
    pub mode: Mode,
    /// The inputs; `-` is standard input.
    pub files: Vec<PathBuf>,
    pub explain: bool,
    /// `--explain-scores`: explanations in JSON.
    pub explain_scores: bool,
    /// `--features`: candidates and their features instead of tags.
    pub features: bool,
    /// `--salience PATH`: a weights file.
    pub salience: Option<PathBuf>,
    pub fields: Fields,
    pub threads: Option<NonZeroUsize>,
    pub gazetteers: Vec<PathBuf>,
    pub no_default_data: bool,
    /// `--rules` paths: category rule files or folders.
    pub rules: Vec<PathBuf>,
    pub no_default_rules: bool,
    pub min_score: Option<f32>,
    /// `--ignore-case`: waive the aliases' case policies.
    pub ignore_case: bool,
    /// `--first-line`: the number of the first `--jsonl` input line.
    pub first_line: u64,
    /// `--offsets`: the unit of the spans in the output.
    pub offsets: OffsetUnit,
    /// `--no-discover`: only the gazetteer's names.
    pub no_discover: bool,
}

/// The main modes, mutually exclusive.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum Mode {
    /// A readable summary per FILE.
    Summary,
    /// One JSON object per FILE.
    Json,
    /// JSON Lines in, JSON Lines out.
    Jsonl,
    /// Every entity of the gazetteer.
    List,
    /// Load the data and rules, report every problem.
    Check,
    Help,
    Version,
}

/// The field names of `--jsonl` records.
#[derive(Clone, Debug)]
pub struct Fields {
    pub text: String,
    pub title: Option<String>,
    pub dateline: Option<String>,
    pub id: String,
}

/// Options that take a value.
const VALUE_FLAGS: [&str; 11] = [
    "--first-line",
    "--offsets",
    "--dateline-field",
    "--salience",
    "--gazetteer",
    "--rules",
    "--min-score",
    "--text-field",
    "--title-field",
    "--id-field",
    "--threads",
];

/// Options that only make sense with `--jsonl`, to reject them elsewhere.
const JSONL_ONLY: [&str; 6] = [
    "--first-line",
    "--text-field",
    "--title-field",
    "--dateline-field",
    "--id-field",
    "--threads",
];

impl Args {
    /// Parses the process's arguments.
    pub fn parse() -> Result<Args, Failure> {
        Args::parse_from(std::env::args_os().skip(1))
    }

    fn parse_from(argv: impl IntoIterator<Item = OsString>) -> Result<Args, Failure> {
        let mut args = Args {
            mode: Mode::Summary,
            files: Vec::new(),
            explain: false,
            explain_scores: false,
            features: false,
            salience: None,
            fields: Fields {
                text: "text".to_string(),
                title: None,
                dateline: None,
                id: "id".to_string(),
            },
            threads: None,
            gazetteers: Vec::new(),
            no_default_data: false,
            rules: Vec::new(),
            no_default_rules: false,
            min_score: None,
            offsets: OffsetUnit::Bytes,
            first_line: 1,
            ignore_case: false,
            no_discover: false,
        };
        let mut modes: Vec<&'static str> = Vec::new();
        let mut jsonl_only: Vec<&'static str> = Vec::new();
        let mut argv = argv.into_iter();
        while let Some(arg) = argv.next() {
            let Some(flag) = Flag::split(&arg)? else {
                args.files.push(PathBuf::from(arg));
                continue;
            };
            if flag.name == "--" {
                args.files.extend(argv.by_ref().map(PathBuf::from));
                break;
            }
            let mut value = ValueSource {
                flag: &flag,
                argv: &mut argv,
            };
            match flag.name.as_str() {
                "-h" | "--help" => modes.push(set(&mut args, Mode::Help)),
                "--version" => modes.push(set(&mut args, Mode::Version)),
                "--json" => modes.push(set(&mut args, Mode::Json)),
                "--jsonl" => modes.push(set(&mut args, Mode::Jsonl)),
                "--list" => modes.push(set(&mut args, Mode::List)),
                "--check" => modes.push(set(&mut args, Mode::Check)),
                "--explain" => args.explain = true,
                "--explain-scores" => args.explain_scores = true,
                "--features" => args.features = true,
                "--salience" => args.salience = Some(value.path()?),
                "--ignore-case" => args.ignore_case = true,
                "--no-default-data" => args.no_default_data = true,
                "--gazetteer" => args.gazetteers.push(value.path()?),
                "--rules" => args.rules.push(value.path()?),
                "--no-default-rules" => args.no_default_rules = true,
                "--no-discover" => args.no_discover = true,
                "--min-score" => args.min_score = Some(value.min_score()?),
                "--text-field" => args.fields.text = value.string()?,
                "--title-field" => args.fields.title = Some(value.string()?),
                "--dateline-field" => args.fields.dateline = Some(value.string()?),
                "--id-field" => args.fields.id = value.string()?,
                "--threads" => args.threads = Some(value.threads()?),
                "--offsets" => args.offsets = value.offsets()?,
                "--first-line" => args.first_line = value.first_line()?,
                other => {
                    return Err(Failure::usage(format!(
                        "unknown option '{other}' (see --help)"
                    )));
                }
            }
            if flag.value.is_some() && !VALUE_FLAGS.contains(&&*flag.name) {
                return Err(Failure::usage(format!(
                    "option '{}' takes no value",
                    flag.name
                )));
            }
            if let Some(&name) = JSONL_ONLY.iter().find(|&&f| f == flag.name) {
                jsonl_only.push(name);
            }
        }
        args.check(&modes, &jsonl_only)?;
        Ok(args)
    }

    /// Rejects combinations that say two things at once.
    fn check(&self, modes: &[&'static str], jsonl_only: &[&'static str]) -> Result<(), Failure> {
        if matches!(self.mode, Mode::Help | Mode::Version) {
            return Ok(());
        }
        let mut distinct = modes.to_vec();
        distinct.dedup();
        if let [first, second, ..] = distinct[..] {
            return Err(Failure::usage(format!(
                "'{first}' and '{second}' cannot be combined"
            )));
        }
        if self.mode != Mode::Jsonl {
            if let Some(flag) = jsonl_only.first() {
                return Err(Failure::usage(format!(
                    "'{flag}' only applies with --jsonl"
                )));
            }
        }
        if self.explain && self.mode != Mode::Summary {
            return Err(Failure::usage(
                "'--explain' only applies to the readable summary (use \
                 --json for every mention)"
                    .to_string(),
            ));
        }
        let json = matches!(self.mode, Mode::Json | Mode::Jsonl);
        for (set, flag) in [
            (self.explain_scores, "--explain-scores"),
            (self.features, "--features"),
        ] {
            if set && !json {
                return Err(Failure::usage(format!(
                    "'{flag}' only applies with --json or --jsonl"
                )));
            }
        }
        if self.no_default_data && self.gazetteers.is_empty() {
            return Err(Failure::usage(
                "'--no-default-data' needs at least one --gazetteer PATH".to_string(),
            ));
        }
        Ok(())
    }
}

/// Sets the mode and returns the flag that set it, for error messages.
fn set(args: &mut Args, mode: Mode) -> &'static str {
    // Help and version win over everything, whatever the order.
    if !matches!(args.mode, Mode::Help | Mode::Version) {
        args.mode = mode;
    }
    match mode {
        Mode::Summary => "",
        Mode::Json => "--json",
        Mode::Jsonl => "--jsonl",
        Mode::List => "--list",
        Mode::Check => "--check",
        Mode::Help => "--help",
        Mode::Version => "--version",
    }
}

/// One option: its name and, for `--flag=value`, its value.
#[derive(Debug)]
struct Flag {
    name: String,
    value: Option<OsString>,
}

impl Flag {
    /// Splits an argument that is an option; `None` for a file (`-` is
    /// standard input, not an option).
    fn split(arg: &OsStr) -> Result<Option<Flag>, Failure> {
        let Some(text) = arg.to_str() else {
            // Only options need to be text; a non-UTF-8 path is a file
            // name, or the value after a `--flag` given separately.
            if arg.as_encoded_bytes().starts_with(b"-") && arg.as_encoded_bytes().len() > 1 {
                return Err(Failure::usage(format!(
                    "option '{}' is not valid UTF-8 (give a non-UTF-8 \
                     value as '--flag VALUE')",
                    arg.to_string_lossy()
                )));
            }
            return Ok(None);
        };
        if text == "-" || !text.starts_with('-') {
            return Ok(None);
        }
        let flag = match text.split_once('=') {
            Some((name, value)) if name.starts_with("--") => Flag {
                name: name.to_string(),
                value: Some(OsString::from(value)),
            },
            _ => Flag {
                name: text.to_string(),
                value: None,
            },
        };
        Ok(Some(flag))
    }
}

/// Where an option's value comes from: after `=`, or the next argument.
struct ValueSource<'a, I> {
    flag: &'a Flag,
    argv: &'a mut I,
}

impl<I: Iterator<Item = OsString>> ValueSource<'_, I> {
    fn raw(&mut self) -> Result<OsString, Failure> {
        if let Some(value) = &self.flag.value {
            return Ok(value.clone());
        }
        self.argv
            .next()
            .ok_or_else(|| Failure::usage(format!("option '{}' needs a value", self.flag.name)))
    }

    fn path(&mut self) -> Result<PathBuf, Failure> {
        Ok(PathBuf::from(self.raw()?))
    }

    fn string(&mut self) -> Result<String, Failure> {
        let raw = self.raw()?;
        raw.into_string().map_err(|raw| {
            Failure::usage(format!(
                "the value of '{}' is not valid UTF-8: '{}'",
                self.flag.name,
                raw.to_string_lossy()
            ))
        })
    }

    fn min_score(&mut self) -> Result<f32, Failure> {
        let text = self.string()?;
        match text.trim().parse::<f32>() {
            Ok(x) if x.is_finite() => Ok(x),
            _ => Err(Failure::usage(format!(
                "'--min-score' needs a number, not '{text}'"
            ))),
        }
    }

    fn first_line(&mut self) -> Result<u64, Failure> {
        let text = self.string()?;
        match text.trim().parse::<u64>() {
            Ok(n) if n >= 1 => Ok(n),
            _ => Err(Failure::usage(format!(
                "'--first-line' needs a whole number of at least 1, not '{text}'"
            ))),
        }
    }

    fn offsets(&mut self) -> Result<OffsetUnit, Failure> {
        let text = self.string()?;
        text.parse()
            .map_err(|err| Failure::usage(format!("'--offsets': {err}")))
    }

    fn threads(&mut self) -> Result<NonZeroUsize, Failure> {
        let text = self.string()?;
        parse_threads(&text).ok_or_else(|| {
            Failure::usage(format!(
                "'--threads' needs a whole number from 1 to {MAX_THREADS}, not '{text}'"
            ))
        })
    }
}

/// The most `--threads` may ask for. Each thread gets a share of every
/// batch of input and a stack, so a number beyond any machine's cores only
/// costs memory: 100,000 threads aborted the run before, and larger
/// numbers overflowed the batch's arithmetic.
pub const MAX_THREADS: usize = 1024;

/// A `--threads` value: a whole number from 1 to [`MAX_THREADS`].
fn parse_threads(text: &str) -> Option<NonZeroUsize> {
    let n = text.trim().parse::<NonZeroUsize>().ok()?;
    (n.get() <= MAX_THREADS).then_some(n)
}
