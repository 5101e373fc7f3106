//! `gazetag`: the command-line face of the gazetag library.
//!
//! A thin layer of argument parsing and I/O over [`gazetag::Tagger`]: a
//! readable summary or JSON per article file, a parallel JSON Lines
//! pipeline for batch work, and a listing of the gazetteer. Run
//! `gazetag --help` for the flags.
//!
//! Errors never panic: each one becomes a one-line `gazetag: ...` message
//! on standard error and a non-zero exit status (2 for usage errors, 1
//! otherwise; 141 when standard output is closed early).

mod args;
mod features;
mod files;
mod jsonl;
mod pipes;

use std::fmt;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use gazetag::{Gazetteer, RuleSet, SalienceModel, Tagger};

use crate::args::{Args, Mode};

fn main() -> ExitCode {
    match try_main() {
        Ok(code) => code,
        Err(failure) => failure.report(),
    }
}

fn try_main() -> Result<ExitCode, Failure> {
    let args = Args::parse()?;
    if matches!(args.mode, Mode::Summary | Mode::Json | Mode::Jsonl) {
        // Tagging output must go somewhere; `--check` and `--list` may be
        // run for their exit status alone.
        pipes::check_stdout()?;
    }
    let mut out = BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    // Whether every input could be read; a bad one is reported and skipped.
    let all_ok = match args.mode {
        Mode::Help => {
            out.write_all(args::USAGE.as_bytes())?;
            true
        }
        Mode::Version => {
            writeln!(out, "gazetag {}", env!("CARGO_PKG_VERSION"))?;
            true
        }
        Mode::List => {
            list(&tagger(&args)?, &mut out)?;
            true
        }
        Mode::Check => {
            check(&tagger(&args)?, &mut out)?;
            true
        }
        Mode::Summary | Mode::Json => {
            let inputs = file_inputs(&args)?;
            files::run(&args, &inputs, &tagger(&args)?, &mut out)?
        }
        Mode::Jsonl => {
            if args.files.is_empty() && io::stdin().is_terminal() {
                return Err(no_input());
            }
            let tagger = tagger(&args)?;
            pipes::watch_signals();
            jsonl::run(&args, &tagger, &mut pipes::LineOut::stdout()?)?
        }
    };
    out.flush()?;
    if let Some(signal) = pipes::stopping() {
        // Every line read was tagged and written whole.
        return Ok(ExitCode::from(128 + signal));
    }
    Ok(if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The article files to read: those given, else standard input unless it
/// is a terminal (where waiting for typed input would look like a hang).
fn file_inputs(args: &Args) -> Result<Vec<PathBuf>, Failure> {
    if !args.files.is_empty() {
        return Ok(args.files.clone());
    }
    if io::stdin().is_terminal() {
        return Err(no_input());
    }
    Ok(vec!["-".into()])
}

/// Standard input is a terminal and no FILE was given: waiting for typed
/// input would look like a hang.
fn no_input() -> Failure {
    Failure::usage("no input: give FILE... or '-' for standard input (see --help)".to_string())
}

/// The tagger the flags ask for: the shared default one when no data is
/// added, else one built from the default data (unless
/// `--no-default-data`) and every `--gazetteer` path.
fn tagger(args: &Args) -> Result<Tagger, Failure> {
    let tagger = if args.gazetteers.is_empty() {
        Tagger::default()
    } else {
        let mut builder = Gazetteer::builder();
        if !args.no_default_data {
            builder.with_default_data();
        }
        for path in &args.gazetteers {
            builder.add_file(path);
        }
        let gazetteer = builder.build().map_err(Failure::data)?;
        for warning in gazetteer.warnings() {
            warn(warning);
        }
        Tagger::new(gazetteer)
    };
    let tagger = tagger
        .with_any_case(args.ignore_case)
        .with_dropped(args.explain);
    let tagger = match args.min_score {
        Some(min) => tagger.with_min_score(min),
        None => tagger,
    };
    let tagger = if args.no_discover {
        tagger.with_discovery(false)
    } else {
        tagger
    };
    let tagger = match &args.salience {
        Some(path) => {
            let model =
                SalienceModel::from_file(path).map_err(|e| Failure::other(e.to_string()))?;
            tagger.with_salience(model)
        }
        None => tagger,
    };
    let tagger = tagger.with_explained_scores(args.explain || args.explain_scores || args.features);
    with_rules(args, tagger)
}

/// Replaces the default category rules when `--rules` or
/// `--no-default-rules` asks for it; ids in the rules must be in the
/// tagger's gazetteer.
fn with_rules(args: &Args, tagger: Tagger) -> Result<Tagger, Failure> {
    if args.rules.is_empty() && !args.no_default_rules {
        return Ok(tagger);
    }
    let mut builder = RuleSet::builder();
    if !args.no_default_rules {
        builder.with_default_rules();
    }
    for path in &args.rules {
        builder.add_file(path);
    }
    let rules = builder
        .build_for(tagger.gazetteer())
        .map_err(Failure::data)?;
    Ok(tagger.with_rules(rules))
}

/// `--list`: every entity, one JSON object per line, in load order.
fn list(tagger: &Tagger, out: &mut impl Write) -> Result<(), Failure> {
    for entity in tagger.gazetteer().entities() {
        serde_json::to_writer(&mut *out, entity).map_err(io::Error::from)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// `--check`: the data and rules loaded without a problem; say what they
/// hold.
fn check(tagger: &Tagger, out: &mut impl Write) -> Result<(), Failure> {
    let g = tagger.gazetteer();
    writeln!(
        out,
        "ok: {} entities, {} aliases, {} categories",
        g.entities_len(),
        g.aliases_len(),
        tagger.rules().len()
    )?;
    Ok(())
}

/// Why the program stops early, and with which exit status.
#[derive(Debug)]
pub(crate) enum Failure {
    /// The command line is wrong: exit status 2.
    Usage(String),
    /// Anything else that stops the whole run: exit status 1.
    Other(String),
    /// The data or rules have problems: one line each, in file and line
    /// order; exit status 1.
    Data(Vec<String>),
    /// Standard output or input failed; a closed output pipe ends the
    /// program quietly.
    Io(io::Error),
}

impl Failure {
    /// A usage error (exit status 2).
    pub(crate) fn usage(message: String) -> Failure {
        Failure::Usage(message)
    }

    /// Any other error that stops the run (exit status 1).
    pub(crate) fn other(message: String) -> Failure {
        Failure::Other(message)
    }

    /// Every problem of a data or rule load, one line each.
    pub(crate) fn data(err: gazetag::Error) -> Failure {
        let mut lines: Vec<String> = err.problems().iter().map(|p| p.to_string()).collect();
        if lines.is_empty() {
            lines.push(err.to_string());
        }
        Failure::Data(lines)
    }

    /// Prints the message, if any, and gives the exit status.
    fn report(self) -> ExitCode {
        let code = match &self {
            Failure::Usage(_) => 2,
            Failure::Io(err) if err.kind() == io::ErrorKind::BrokenPipe => {
                // Like a process killed by SIGPIPE (128 + 13), which is
                // what `head` expects of the program before it.
                return ExitCode::from(141);
            }
            Failure::Other(_) | Failure::Io(_) | Failure::Data(_) => 1,
        };
        if let Failure::Data(lines) = &self {
            let count = lines.len();
            for line in lines {
                warn(line);
            }
            if count > 1 {
                warn(&format_args!("{count} problems"));
            }
            return ExitCode::from(code);
        }
        warn(&self);
        ExitCode::from(code)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Usage(m) | Failure::Other(m) => f.write_str(m),
            Failure::Data(lines) => f.write_str(&lines.join("\n")),
            Failure::Io(err) => write!(f, "{err}"),
        }
    }
}

impl From<io::Error> for Failure {
    fn from(err: io::Error) -> Failure {
        Failure::Io(err)
    }
}

/// Prints `gazetag: MESSAGE` on standard error. A failure to write there
/// is ignored: there is nowhere left to report it, and it must not panic
/// as `eprintln!` would.
pub(crate) fn warn(message: &dyn fmt::Display) {
    let _ = writeln!(io::stderr().lock(), "gazetag: {message}");
}
