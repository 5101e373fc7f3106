//! The `adversarial` group: each input pattern that was once superlinear
//! (issue 15), tagged at 1, 2, 4 and 8 MB, with the growth exponent of
//! its cost printed: log2(c(8n) / c(n)) / 3, 1.0 for linear, 2.0 for
//! quadratic.
//!
//! `cargo bench --bench adversarial` measures CPU time (`-- WORDS` only
//! the patterns whose name contains WORDS); `cargo test --benches` runs
//! each pattern once at 1 MB.
//!
//! How the time is made a robust witness, on a machine shared with other
//! jobs:
//!
//! - Every run is a fresh process (this bench run again with
//!   `ADVERSARIAL_ONCE` set) that tags the text once, as one command-line
//!   run does. In one process, memory freed by a small document is reused
//!   by the next without the kernel's page faults, while a large one's
//!   is returned to the system and faulted in again each time (as are
//!   the tagger's scratch buffers over 16 MB): the small sizes would run
//!   warm and the large ones cold, and the exponent would be bent upwards
//!   (by 0.2 on `one mention per word`) with no algorithm to blame.
//! - The child measures its own thread's CPU time around the one call,
//!   so that preemption by other jobs does not count.
//! - Each size takes the least of five runs or more (up to 40, until
//!   they add up to half a second): other jobs only ever add to a run's
//!   time (through the caches and the memory bus).
//!
//! The time's line also gives the page faults per MB of text of the runs
//! it kept (the thread's minor faults during the call): memory the call
//! touched for the first time, 256 faults for each MB of it. Memory the
//! process freed before the call (building the tagger and the text)
//! serves a few MB of any text's buffers without a fault, a larger share
//! of a small text's: where the faults per MB grow with the size, the
//! time's exponent holds that much memory and no algorithm.
//!
//! With `ADVERSARIAL_INSTRUCTIONS=1` the bench also runs each child once
//! under `valgrind --tool=callgrind` and prints the exponent of the
//! instructions of the one `tag` call, which no load disturbs.
//! Superlinear instructions mean an algorithmic cause; linear
//! instructions with superlinear time mean memory (cache misses, page
//! faults).

use std::hint::black_box;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group};
use gazetag::Tagger;

const MB: usize = 1 << 20;

/// A pattern: its name and a text of about `n` bytes.
type Pattern = (&'static str, fn(usize) -> String);

const PATTERNS: [Pattern; 5] = [
    ("acronym after one long word", |n| {
        format!("Z{} (ABC)", "q".repeat(n))
    }),
    ("acronym after unspaced CJK", |n| {
        format!("{} (NBS)", "统".repeat(n / 3))
    }),
    ("surname repeated in a headline", |n| {
        format!("Arturo Beltrán Leyva. {}", "LEYVA ".repeat(n / 6))
    }),
    ("acronym definitions", |n| {
        "Some Long Agency Name (SLAN) and ".repeat(n / 33)
    }),
    ("one mention per word", |n| "CIA, ".repeat(n / 5)),
];

/// The CPU time to tag pattern `index` at `mb` MB once: the least of
/// several fresh processes' (see the module's documentation), at least
/// five and more while they add up to less than half a second, so that a
/// pattern tagged in a millisecond is not judged on five noisy runs;
/// `None` when a child fails. With it, the page faults of that run.
fn time(index: usize, mb: usize) -> Option<(f64, u64)> {
    const RUNS: usize = 5;
    const MAX_RUNS: usize = 40;
    const ENOUGH: f64 = 0.5;
    let (mut best, mut faults, mut total) = (f64::MAX, 0, 0.0);
    for run in 0..MAX_RUNS {
        if run >= RUNS && total >= ENOUGH {
            break;
        }
        let out = child(index, mb).stderr(Stdio::inherit()).output().ok()?;
        let out = String::from_utf8_lossy(&out.stdout);
        let mut fields = out.split_whitespace();
        let seconds: f64 = fields.next()?.parse().ok()?;
        if seconds < best {
            best = seconds;
            faults = fields.next()?.parse().ok()?;
        }
        total += seconds;
    }
    Some((best, faults))
}

/// This bench as a child that tags pattern `index` at `mb` MB once and
/// prints the CPU seconds it took and the page faults it made.
fn child(index: usize, mb: usize) -> Command {
    let exe = std::env::current_exe().unwrap_or_else(|_| "adversarial".into());
    let mut c = Command::new(exe);
    c.env(ONCE, format!("{index} {mb}"));
    c
}

/// The CPU time the calling thread has run, from the first field of
/// `/proc/thread-self/schedstat` (nanoseconds); `None` off Linux. The
/// kernel brings that figure up to date at each clock tick and each
/// scheduling event: yielding first makes one, so that a run shorter than
/// a tick is not read as 0.
fn thread_cpu() -> Option<Duration> {
    std::thread::yield_now();
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// The minor page faults of the calling thread so far, from the tenth
/// field of `/proc/thread-self/stat`; 0 off Linux.
fn thread_faults() -> u64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    // The second field, the command, is in brackets and may hold spaces.
    let after_command = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    after_command
        .split_whitespace()
        .nth(7)
        .and_then(|f| f.parse().ok())
        .unwrap_or(0)
}

/// The variable that names the pattern and size a child run tags once
/// ("INDEX MB").
const ONCE: &str = "ADVERSARIAL_ONCE";

/// Tags `text` once: the one call that callgrind counts
/// (`--toggle-collect`), apart from building the text and the tagger.
#[inline(never)]
fn tag_once(tagger: &Tagger, text: &str) -> usize {
    tagger.tag(black_box(text)).mentions.len()
}

/// The instructions of one `tag` call on pattern `index` at `mb` MB: this
/// bench run again under callgrind with [`ONCE`] set; `None` when
/// valgrind is missing or fails.
fn instructions(index: usize, mb: usize) -> Option<u64> {
    let out = std::env::temp_dir().join(format!(
        "gazetag-adversarial-{}-{index}-{mb}.callgrind",
        std::process::id()
    ));
    let run = child(index, mb);
    let status = Command::new("valgrind")
        .args(["--tool=callgrind", "--toggle-collect=*tag_once*"])
        .arg(format!("--callgrind-out-file={}", out.display()))
        .arg(run.get_program())
        .envs(run.get_envs().filter_map(|(k, v)| Some((k, v?))))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .ok()?;
    let profile = std::fs::read_to_string(&out).ok();
    let _ = std::fs::remove_file(&out);
    if !status.success() {
        return None;
    }
    // "summary: N" (or "totals: N") is the count of the collected calls.
    profile?.lines().find_map(|line| {
        let count = line
            .strip_prefix("summary:")
            .or_else(|| line.strip_prefix("totals:"))?;
        count.trim().parse().ok()
    })
}

/// The growth exponent over 1, 2, 4 and 8 MB of costs `c`.
fn exponent(c: &[f64; 4]) -> f64 {
    (c[3] / c[0]).log2() / 3.0
}

fn adversarial(c: &mut Criterion) {
    let tagger = Tagger::default();
    // Criterion's test mode (`cargo test --benches`) runs each once.
    let measuring = std::env::args().any(|a| a == "--bench");
    // `cargo bench --bench adversarial -- WORDS` measures the patterns
    // whose name contains WORDS, as criterion filters its own.
    let filter = std::env::args().skip(1).rfind(|a| !a.starts_with('-'));
    let mut group = c.benchmark_group("adversarial");
    group.sample_size(10);
    let count = std::env::var_os("ADVERSARIAL_INSTRUCTIONS").is_some();
    for (index, (name, make)) in PATTERNS.into_iter().enumerate() {
        let text = make(MB);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| b.iter(|| tagger.tag(black_box(&text))));
        if measuring && filter.as_deref().is_none_or(|f| name.contains(f)) {
            if let [Some(a), Some(b), Some(c), Some(d)] = SIZES.map(|m| time(index, m)) {
                let exp = exponent(&[a.0, b.0, c.0, d.0]);
                let per_mb: Vec<String> = [a, b, c, d]
                    .iter()
                    .zip(SIZES)
                    .map(|((_, faults), mb)| (faults / mb as u64).to_string())
                    .collect();
                println!(
                    "adversarial/{name}: 1, 2, 4, 8 MB in {:.3}, {:.3}, {:.3}, {:.3} s CPU: exponent {exp:.2} \
                     ({} page faults per MB)",
                    a.0,
                    b.0,
                    c.0,
                    d.0,
                    per_mb.join(", ")
                );
            } else {
                println!("adversarial/{name}: a timing run failed");
            }
            if count {
                let counts = SIZES.map(|m| instructions(index, m));
                if let [Some(a), Some(b), Some(c), Some(d)] = counts {
                    let exp = exponent(&[a, b, c, d].map(|n| n as f64));
                    println!(
                        "adversarial/{name}: 1, 2, 4, 8 MB in {a}, {b}, {c}, {d} instructions: exponent {exp:.2}"
                    );
                } else {
                    println!(
                        "adversarial/{name}: instructions not counted (is valgrind installed?)"
                    );
                }
            }
        }
    }
    group.finish();
}

/// The sizes measured, in MB.
const SIZES: [usize; 4] = [1, 2, 4, 8];

criterion_group!(benches, adversarial);

/// Criterion's main, unless [`ONCE`] asks for one run.
fn main() {
    if let Some(once) = std::env::var_os(ONCE) {
        let once = once.to_string_lossy().into_owned();
        let mut fields = once.split(' ').map(|f| f.parse::<usize>().ok());
        if let (Some(Some(index)), Some(Some(mb))) = (fields.next(), fields.next()) {
            if let Some((_, make)) = PATTERNS.get(index) {
                let tagger = Tagger::default();
                let text = make(mb * MB);
                // Build the tagger's lazily built data outside the count.
                black_box(tagger.tag("CIA"));
                let faults = thread_faults();
                let (cpu, wall) = (thread_cpu(), Instant::now());
                black_box(tag_once(&tagger, &text));
                let spent = match (cpu, thread_cpu()) {
                    (Some(a), Some(b)) => b.saturating_sub(a),
                    _ => wall.elapsed(),
                };
                let faults = thread_faults().saturating_sub(faults);
                println!("{} {faults}", spent.as_secs_f64());
                return;
            }
        }
        eprintln!("{ONCE} must be \"PATTERN-INDEX MB\", got {once:?}");
        std::process::exit(2);
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
