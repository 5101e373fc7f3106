//! `learn_rules`: learns "Filed under" rules from a JSON Lines archive of
//! labelled stories, and writes them as a gazetag rule file; or
//! cross-validates the learner on the archive.
//!
//! ```sh
//! learn_rules archive.jsonl > my-categories.toml
//! gazetag --rules my-categories.toml --explain story.txt
//! learn_rules --folds 5 archive.jsonl        # how well would it do?
//! ```
//!
//! Each line is a JSON object with a title, a text and a list of
//! categories (`{"title", "body", "categories": [...]}`; the field names
//! are options). Run `learn_rules --help` for the flags. Errors print one
//! line, `learn_rules: ...`, and exit with status 2 (usage) or 1.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::process::ExitCode;

use gazetag::learn::{Example, Learner};
use gazetag::{RuleSet, Tagger};
use serde_json::Value;

const USAGE: &str = "\
Usage: learn_rules [OPTIONS] [FILE]

Learns category rules from labelled stories, one JSON object a line
(FILE, or standard input), and writes a gazetag rule file to standard
output (or --out). Each category gets a logistic score (a probability),
a table of weighted words and word pairs, one of headline words, and a
few tag conditions.

Input:
  --title-field NAME       the headline field (default title; may be absent)
  --text-field NAME        the text field (default body)
  --categories-field NAME  the categories field: a list of strings, or one
                           string (default categories)
  --id-field NAME          the id field, copied into --predictions (default id)
  --filter FIELD=VALUE     only lines whose FIELD is VALUE (a string)

Learning:
  --only A,B,...           learn only these categories (default: every one
                           with at least --min-docs examples)
  --name LABEL=NAME        write category LABEL as NAME, with LABEL as its
                           code (repeatable)
  --max-terms N            conditions per category, at most (default 80)
  --min-docs N             examples a phrase or tag must occur in (default 3)
  --l1-ratio X             L1 share of the elastic-net penalty (default 0.95)
  --ridge X                ridge penalty of the refit (default 1)
  --threshold P            probability at which a category is suggested
                           (default 0.5)
  --no-pairs               words only, no word pairs
  --log-counts             a phrase weighs its weight times ln(1 + its count)
                           in the story, not its weight once
  --no-names               common words only, not capitalised phrases as names
  --no-tags                no tag conditions
  --out FILE               write the rules here instead of standard output

Cross-validation (instead of writing rules):
  --folds K                learn on K-1 folds, file the stories of the
                           other, K times; print precision, recall and F1
  --with-rules FILE        rules loaded beside each fold's learned rules
                           (hand-written categories; repeatable)
  --predictions FILE       write each held-out story's categories as
                           gazetag --jsonl does ({\"id\", \"categories\"})

  -h, --help               this help
";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(m)) => {
            eprintln!("learn_rules: {m} (see --help)");
            ExitCode::from(2)
        }
        Err(Failure::Other(m)) => {
            eprintln!("learn_rules: {m}");
            ExitCode::FAILURE
        }
    }
}

enum Failure {
    Usage(String),
    Other(String),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        Failure::Other(e.to_string())
    }
}

impl From<gazetag::Error> for Failure {
    fn from(e: gazetag::Error) -> Failure {
        Failure::Other(e.to_string().lines().next().unwrap_or_default().to_string())
    }
}

#[derive(Default)]
struct Opts {
    input: Option<String>,
    title: String,
    text: String,
    categories: String,
    id: String,
    filter: Option<(String, String)>,
    only: Option<Vec<String>>,
    names: Vec<(String, String)>,
    max_terms: Option<usize>,
    min_docs: Option<u32>,
    l1_ratio: Option<f64>,
    ridge: Option<f64>,
    threshold: Option<f64>,
    no_pairs: bool,
    no_names: bool,
    log_counts: bool,
    no_tags: bool,
    out: Option<String>,
    folds: Option<usize>,
    with_rules: Vec<String>,
    predictions: Option<String>,
}

fn number<T: std::str::FromStr>(flag: &str, v: String) -> Result<T, Failure> {
    v.parse()
        .map_err(|_| Failure::Usage(format!("{flag}: {v:?} is not a valid number")))
}

fn pair(flag: &str, v: &str) -> Result<(String, String), Failure> {
    match v.split_once('=') {
        Some((a, b)) if !a.is_empty() => Ok((a.to_string(), b.to_string())),
        _ => Err(Failure::Usage(format!("{flag} wants A=B, not {v:?}"))),
    }
}

fn parse_args() -> Result<Option<Opts>, Failure> {
    let mut o = Opts {
        title: "title".into(),
        text: "body".into(),
        categories: "categories".into(),
        id: "id".into(),
        ..Opts::default()
    };
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        let arg = arg
            .into_string()
            .map_err(|a| Failure::Usage(format!("argument {a:?} is not UTF-8")))?;
        if arg == "-h" || arg == "--help" {
            return Ok(None);
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let switch = matches!(
            flag.as_str(),
            "--no-pairs" | "--no-names" | "--no-tags" | "--log-counts"
        );
        if !flag.starts_with("--") || switch {
            match flag.as_str() {
                "--no-pairs" => o.no_pairs = true,
                "--no-names" => o.no_names = true,
                "--log-counts" => o.log_counts = true,
                "--no-tags" => o.no_tags = true,
                f if f.starts_with('-') && f != "-" => {
                    return Err(Failure::Usage(format!("unknown option {f}")));
                }
                _ if o.input.is_some() => {
                    return Err(Failure::Usage("more than one input file".into()));
                }
                _ => o.input = Some(arg.clone()),
            }
            continue;
        }
        let mut value = || -> Result<String, Failure> {
            match inline.clone() {
                Some(v) => Ok(v),
                None => args
                    .next()
                    .and_then(|v| v.into_string().ok())
                    .ok_or_else(|| Failure::Usage(format!("{flag} needs a value"))),
            }
        };
        match flag.as_str() {
            "--title-field" => o.title = value()?,
            "--text-field" => o.text = value()?,
            "--categories-field" => o.categories = value()?,
            "--id-field" => o.id = value()?,
            "--filter" => o.filter = Some(pair("--filter", &value()?)?),
            "--only" => o.only = Some(value()?.split(',').map(str::to_string).collect()),
            "--name" => o.names.push(pair("--name", &value()?)?),
            "--max-terms" => o.max_terms = Some(number(&flag, value()?)?),
            "--min-docs" => o.min_docs = Some(number(&flag, value()?)?),
            "--l1-ratio" => o.l1_ratio = Some(number(&flag, value()?)?),
            "--ridge" => o.ridge = Some(number(&flag, value()?)?),
            "--threshold" => o.threshold = Some(number(&flag, value()?)?),
            "--out" => o.out = Some(value()?),
            "--folds" => {
                let k: usize = number(&flag, value()?)?;
                if k < 2 {
                    return Err(Failure::Usage("--folds needs 2 or more".into()));
                }
                o.folds = Some(k);
            }
            "--with-rules" => o.with_rules.push(value()?),
            "--predictions" => o.predictions = Some(value()?),
            f => return Err(Failure::Usage(format!("unknown option {f}"))),
        }
    }
    Ok(Some(o))
}

/// One story read: its id and the example.
struct Story {
    id: Value,
    example: Example,
}

fn read(o: &Opts) -> Result<Vec<Story>, Failure> {
    let (name, reader): (String, Box<dyn Read>) = match o.input.as_deref() {
        None | Some("-") => ("<stdin>".into(), Box::new(io::stdin())),
        Some(path) => {
            let f = File::open(path).map_err(|e| Failure::Other(format!("{path}: {e}")))?;
            (path.to_string(), Box::new(f))
        }
    };
    let mut stories = Vec::new();
    for (n, line) in BufReader::new(reader).lines().enumerate() {
        let line = line.map_err(|e| Failure::Other(format!("{name}:{}: {e}", n + 1)))?;
        if line.trim().is_empty() {
            continue;
        }
        let at = |m: &str| Failure::Other(format!("{name}:{}: {m}", n + 1));
        let v: Value = serde_json::from_str(&line).map_err(|e| at(&format!("not JSON: {e}")))?;
        if let Some((field, want)) = &o.filter {
            if v.get(field).and_then(Value::as_str) != Some(want.as_str()) {
                continue;
            }
        }
        let text = |field: &str, required: bool| match v.get(field) {
            Some(Value::String(s)) => Ok(s.clone()),
            None | Some(Value::Null) if !required => Ok(String::new()),
            _ => Err(at(&format!("field {field:?} is not a string"))),
        };
        let categories = match v.get(&o.categories) {
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(a)) => a
                .iter()
                .map(|c| c.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| at(&format!("field {:?} holds a non-string", o.categories)))?,
            None | Some(Value::Null) => Vec::new(),
            _ => {
                return Err(at(&format!(
                    "field {:?} is not a list of strings",
                    o.categories
                )));
            }
        };
        let example = Example::new(&text(&o.title, false)?, &text(&o.text, true)?, categories);
        let id = v.get(&o.id).cloned().unwrap_or(Value::from(n + 1));
        stories.push(Story { id, example });
    }
    if stories.is_empty() {
        return Err(Failure::Other(format!("{name}: no stories")));
    }
    Ok(stories)
}

fn learner(o: &Opts) -> Learner {
    let mut l = Learner::new()
        .pairs(!o.no_pairs)
        .names(!o.no_names)
        .log_counts(o.log_counts)
        .tags(!o.no_tags);
    if let Some(n) = o.max_terms {
        l = l.max_terms(n);
    }
    if let Some(n) = o.min_docs {
        l = l.min_docs(n);
    }
    if let Some(x) = o.l1_ratio {
        l = l.l1_ratio(x);
    }
    if let Some(x) = o.ridge {
        l = l.ridge(x);
    }
    if let Some(x) = o.threshold {
        l = l.threshold(x);
    }
    if let Some(only) = &o.only {
        l = l.only(only.iter().cloned());
    }
    for (label, name) in &o.names {
        l = l.name(label, name);
    }
    l
}

fn run() -> Result<(), Failure> {
    let Some(o) = parse_args()? else {
        io::stdout().write_all(USAGE.as_bytes())?;
        return Ok(());
    };
    let stories = read(&o)?;
    if let Some(k) = o.folds {
        return cross_validate(&o, &stories, k);
    }
    let examples: Vec<Example> = stories.into_iter().map(|s| s.example).collect();
    let learned = learner(&o).learn(&examples)?;
    let toml = learned.to_toml();
    match &o.out {
        Some(path) => {
            std::fs::write(path, toml).map_err(|e| Failure::Other(format!("{path}: {e}")))?
        }
        None => io::stdout().write_all(toml.as_bytes())?,
    }
    for c in learned.categories() {
        eprintln!(
            "learn_rules: {}: {} examples, {} conditions",
            c.name,
            c.examples,
            c.conditions()
        );
    }
    Ok(())
}

/// The fold of a story: a hash of its id (FNV-1a), so that folds do not
/// follow the order of the file and stay the same from run to run.
fn fold_of(id: &Value, k: usize) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.to_string().bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    (h % k as u64) as usize
}

/// Counts per category label.
#[derive(Default)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

fn prf(c: &Counts) -> (f64, f64, f64) {
    let p = if c.tp + c.fp > 0 {
        c.tp as f64 / (c.tp + c.fp) as f64
    } else {
        0.0
    };
    let r = if c.tp + c.fn_ > 0 {
        c.tp as f64 / (c.tp + c.fn_) as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

fn cross_validate(o: &Opts, stories: &[Story], k: usize) -> Result<(), Failure> {
    let learner = learner(o);
    let mut per: BTreeMap<String, Counts> = BTreeMap::new();
    let (mut best_right, mut labelled) = (0usize, 0usize);
    let mut predictions = String::new();
    let folds: Vec<usize> = stories.iter().map(|s| fold_of(&s.id, k)).collect();
    let mut out_rows: Vec<(usize, String)> = Vec::new();
    for fold in 0..k {
        let train: Vec<Example> = stories
            .iter()
            .zip(&folds)
            .filter(|(_, f)| **f != fold)
            .map(|(s, _)| s.example.clone())
            .collect();
        let learned = learner.learn(&train)?;
        let mut rules = RuleSet::builder();
        rules.add_str(&format!("<fold {}>", fold + 1), &learned.to_toml());
        for path in &o.with_rules {
            rules.add_file(path);
        }
        let tagger = Tagger::default().with_rules(rules.build()?);
        // The labels scored: those learned in this fold.
        let label_of = |name: &str, code: Option<&str>| code.unwrap_or(name).to_string();
        let labels: Vec<String> = learned
            .categories()
            .map(|c| label_of(&c.name, c.code.as_deref()))
            .collect();
        for (i, s) in stories
            .iter()
            .enumerate()
            .filter(|(i, _)| folds[*i] == fold)
        {
            let doc = tagger.tag_document(&s.example.title, &s.example.body);
            let filed: Vec<(String, f32)> = doc
                .categories
                .iter()
                .map(|c| (label_of(&c.name, c.code.as_deref()), c.score))
                .collect();
            let gold: Vec<&String> = s
                .example
                .categories
                .iter()
                .filter(|c| labels.contains(c))
                .collect();
            for l in &labels {
                let (g, p) = (gold.contains(&l), filed.iter().any(|(f, _)| f == l));
                let c = per.entry(l.clone()).or_default();
                match (g, p) {
                    (true, true) => c.tp += 1,
                    (false, true) => c.fp += 1,
                    (true, false) => c.fn_ += 1,
                    (false, false) => {}
                }
            }
            if !gold.is_empty() {
                labelled += 1;
                let best = filed
                    .iter()
                    .filter(|(f, _)| labels.contains(f))
                    .max_by(|a, b| a.1.total_cmp(&b.1));
                if best.is_some_and(|(f, _)| gold.contains(&f)) {
                    best_right += 1;
                }
            }
            if o.predictions.is_some() {
                let cats: Vec<Value> = doc
                    .categories
                    .iter()
                    .map(|c| serde_json::json!({"name": c.name, "code": c.code, "score": c.score}))
                    .collect();
                let line = serde_json::json!({"id": s.id, "categories": cats});
                out_rows.push((i, line.to_string()));
            }
        }
        eprintln!("learn_rules: fold {} of {k} done", fold + 1);
    }
    if let Some(path) = &o.predictions {
        out_rows.sort_by_key(|r| r.0);
        for (_, line) in out_rows {
            let _ = writeln!(predictions, "{line}");
        }
        std::fs::write(path, predictions).map_err(|e| Failure::Other(format!("{path}: {e}")))?;
    }
    let mut out = BufWriter::new(io::stdout().lock());
    writeln!(out, "{k}-fold cross-validation, {} stories", stories.len())?;
    writeln!(
        out,
        "{:<40} {:>6} {:>6} {:>6} {:>6}",
        "category", "P", "R", "F1", "gold"
    )?;
    let mut all = Counts::default();
    for (l, c) in &per {
        let (p, r, f) = prf(c);
        writeln!(out, "{l:<40} {p:6.3} {r:6.3} {f:6.3} {:6}", c.tp + c.fn_)?;
        all.tp += c.tp;
        all.fp += c.fp;
        all.fn_ += c.fn_;
    }
    let (p, r, f) = prf(&all);
    writeln!(out, "micro: precision {p:.3} recall {r:.3} F1 {f:.3}")?;
    if labelled > 0 {
        writeln!(
            out,
            "best-scoring category is a gold one: {:.3} of {labelled} labelled stories",
            best_right as f64 / labelled as f64
        )?;
    }
    out.flush()?;
    Ok(())
}
