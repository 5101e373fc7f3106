//! Throughput of the tagger against the raw Aho-Corasick scan, build time
//! of the default tagger, and the time to tag one short article.
//!
//! ```text
//! cargo bench --bench tagging                # all of it
//! cargo bench --bench tagging -- tag/        # one group
//! cargo test --benches                       # each bench once, as a test
//! ```
//!
//! The corpus is real news when it is there: the titles and bodies of
//! Reuters-21578 (`../shared/data/reuters21578/train.jsonl`, or the file
//! named by `GAZETAG_BENCH_CORPUS`; research use only, so it is read at
//! bench time and never committed), the first `GAZETAG_BENCH_MB` megabytes
//! of it (default 4). Without it, the articles of `tests/data/articles`
//! are repeated. The first line of output says which.
//!
//! Every bench counts what it finds and checks that the count is non-zero
//! and the same at every iteration, so that a broken build cannot win.

#![allow(missing_docs)]

use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gazetag::bench_support::{WordScan, fold};
use gazetag::{Gazetteer, Tagger};

/// One document: title and body.
struct Doc {
    title: String,
    body: String,
}

struct Corpus {
    docs: Vec<Doc>,
    bytes: u64,
    source: String,
}

/// True under `cargo bench`, false under `cargo test --benches`, where each
/// bench runs once (unoptimised): the corpus is then kept small.
fn benchmarking() -> bool {
    std::env::args().any(|a| a == "--bench")
}

fn corpus() -> Corpus {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mb: f64 = std::env::var("GAZETAG_BENCH_MB")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(4.0);
    let limit = if benchmarking() {
        (mb * 1e6) as u64
    } else {
        200_000
    };
    let reuters = std::env::var_os("GAZETAG_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/data/reuters21578/train.jsonl"));
    let mut docs = Vec::new();
    let mut bytes = 0u64;
    let source = if let Ok(text) = fs::read_to_string(&reuters) {
        for line in text.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let field = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
            let doc = Doc {
                title: field("title"),
                body: field("body"),
            };
            bytes += (doc.title.len() + doc.body.len()) as u64;
            docs.push(doc);
            if bytes >= limit {
                break;
            }
        }
        format!("Reuters-21578 titles and bodies from {}", reuters.display())
    } else {
        let dir = root.join("tests/data/articles");
        let mut texts: Vec<String> = fs::read_dir(&dir)
            .expect("tests/data/articles")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .filter_map(|p| fs::read_to_string(p).ok())
            .collect();
        texts.sort();
        assert!(!texts.is_empty(), "no articles in {}", dir.display());
        while bytes < limit {
            for t in &texts {
                bytes += t.len() as u64;
                docs.push(Doc {
                    title: String::new(),
                    body: t.clone(),
                });
            }
        }
        format!(
            "the articles of {} repeated ({} not found)",
            dir.display(),
            reuters.display()
        )
    };
    eprintln!(
        "corpus: {} documents, {:.2} MB: {source}",
        docs.len(),
        bytes as f64 / 1e6
    );
    Corpus {
        docs,
        bytes,
        source,
    }
}

/// Runs `f` once and returns a checker that asserts later runs give the
/// same, non-zero count.
fn checked<F: FnMut() -> usize>(what: &str, mut f: F) -> impl FnMut() -> usize + use<F> {
    let expected = f();
    assert!(expected > 0, "{what}: nothing found");
    eprintln!("{what}: {expected} matches");
    let what = what.to_string();
    move || {
        let n = f();
        assert_eq!(n, expected, "{what}: the count changed");
        n
    }
}

/// The raw scan: one aho-corasick automaton (default kind) over the same
/// folded aliases, run over the folded text, keeping matches that start
/// and end on word edges. Folding is done before timing, so this is the
/// ceiling for a byte-level automaton, not a whole tagger.
struct RawScan {
    ac: AhoCorasick,
    overlapping: bool,
}

impl RawScan {
    fn new(g: &Gazetteer, kind: MatchKind) -> RawScan {
        let patterns = folded_aliases(g);
        let ac = AhoCorasick::builder()
            .match_kind(kind)
            .build(&patterns)
            .expect("the automaton builds");
        RawScan {
            ac,
            overlapping: kind == MatchKind::Standard,
        }
    }

    fn count(&self, folded: &str) -> usize {
        let b = folded.as_bytes();
        let edge = |s: usize, e: usize| {
            (s == 0 || b[s - 1] == b' ') && b.get(e).is_none_or(|&c| c == b' ')
        };
        if self.overlapping {
            self.ac
                .find_overlapping_iter(folded)
                .filter(|m| edge(m.start(), m.end()))
                .count()
        } else {
            self.ac
                .find_iter(folded)
                .filter(|m| edge(m.start(), m.end()))
                .count()
        }
    }
}

/// The folded aliases of `g`, distinct and sorted.
fn folded_aliases(g: &Gazetteer) -> Vec<String> {
    let mut patterns: Vec<String> = g
        .entities()
        .flat_map(|e| e.aliases().iter().map(|a| fold(&a.text)))
        .filter(|p| !p.is_empty())
        .collect();
    patterns.sort_unstable();
    patterns.dedup();
    patterns
}

/// The `aho-corasick` crate's DFA over word ids: each word id written as
/// four bytes, the patterns and the text alike, every occurrence found
/// (overlapping, as the tagger needs them) and kept when it starts on a
/// word. The alternative to the word trie that the design card named.
struct DfaOverIds {
    ac: AhoCorasick,
}

impl DfaOverIds {
    fn new(words: &WordScan, patterns: &[String]) -> DfaOverIds {
        let coded: Vec<Vec<u8>> = patterns
            .iter()
            .map(|p| bytes(&words.pattern_ids(p)))
            .collect();
        let ac = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::Standard)
            .build(&coded)
            .expect("the DFA builds");
        DfaOverIds { ac }
    }

    fn count(&self, ids: &[u8]) -> usize {
        self.ac
            .find_overlapping_iter(ids)
            .filter(|m| m.start() % 4 == 0)
            .count()
    }
}

/// Word ids as bytes, four a word.
fn bytes(ids: &[u32]) -> Vec<u8> {
    ids.iter().flat_map(|id| id.to_le_bytes()).collect()
}

fn benches(c: &mut Criterion) {
    let corpus = corpus();
    let tagger = Tagger::default();
    eprintln!(
        "default gazetteer: {} entities, {} aliases, memory_usage {:.1} MB",
        tagger.gazetteer().entities_len(),
        tagger.gazetteer().aliases_len(),
        tagger.gazetteer().memory_usage() as f64 / 1e6
    );

    let mut g = c.benchmark_group("tag");
    g.throughput(Throughput::Bytes(corpus.bytes));
    let mut tag_all = checked("tag (mentions)", || {
        corpus
            .docs
            .iter()
            .map(|d| tagger.tag_document(&d.title, &d.body).mentions.len())
            .sum()
    });
    g.bench_function("documents", |b| b.iter(|| black_box(tag_all())));
    g.finish();

    let mut g = c.benchmark_group("fold");
    g.throughput(Throughput::Bytes(corpus.bytes));
    let mut fold_all = checked("fold (bytes)", || {
        corpus
            .docs
            .iter()
            .map(|d| fold(&d.title).len() + fold(&d.body).len())
            .sum()
    });
    g.bench_function("documents", |b| b.iter(|| black_box(fold_all())));
    g.finish();

    let folded: Vec<String> = corpus
        .docs
        .iter()
        .flat_map(|d| [fold(&d.title), fold(&d.body)])
        .collect();
    let mut g = c.benchmark_group("raw_ac");
    g.throughput(Throughput::Bytes(corpus.bytes));
    for (name, kind) in [
        ("overlapping", MatchKind::Standard),
        ("leftmost_longest", MatchKind::LeftmostLongest),
    ] {
        let scan = RawScan::new(tagger.gazetteer(), kind);
        let mut run = checked(&format!("raw_ac/{name}"), || {
            folded.iter().map(|t| scan.count(t)).sum()
        });
        g.bench_function(name, |b| b.iter(|| black_box(run())));
    }
    g.finish();

    // The automaton over words: the tagger's word trie against the
    // aho-corasick DFA over the same word ids, both over the ids of the
    // whole corpus, looked up before timing.
    let patterns = folded_aliases(tagger.gazetteer());
    let words = WordScan::new(&patterns);
    let ids: Vec<Vec<u32>> = corpus
        .docs
        .iter()
        .flat_map(|d| [words.ids(&d.title), words.ids(&d.body)])
        .collect();
    let coded: Vec<Vec<u8>> = ids.iter().map(|i| bytes(i)).collect();
    let dfa = DfaOverIds::new(&words, &patterns);
    let mut g = c.benchmark_group("word_automaton");
    g.throughput(Throughput::Bytes(corpus.bytes));
    let mut trie = checked("word_automaton/word_trie", || {
        ids.iter().map(|i| words.count(i)).sum()
    });
    let mut ac = checked("word_automaton/ac_dfa", || {
        coded.iter().map(|i| dfa.count(i)).sum()
    });
    assert_eq!(trie(), ac(), "both automata find the same occurrences");
    g.bench_function("word_trie", |b| b.iter(|| black_box(trie())));
    g.bench_function("ac_dfa", |b| b.iter(|| black_box(ac())));
    g.finish();

    let mut g = c.benchmark_group("startup");
    let mut build = checked("build (entities)", || {
        Gazetteer::builder()
            .with_default_data()
            .build()
            .expect("the default data builds")
            .entities_len()
    });
    g.bench_function("build_default_gazetteer", |b| b.iter(|| black_box(build())));
    let short = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/articles/mexico-dea.txt"),
    )
    .expect("the short article");
    let mut one = checked("tag_short_article (mentions)", || {
        tagger.tag(&short).mentions.len()
    });
    g.bench_function("tag_short_article", |b| b.iter(|| black_box(one())));
    g.finish();
    let _ = corpus.source;
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(6))
}

criterion_group! {
    name = tagging;
    config = config();
    targets = benches
}
criterion_main!(tagging);
