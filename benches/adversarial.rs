//! The `adversarial` group: each input pattern that was once superlinear
//! (issue 15), tagged at 1, 2, 4 and 8 MB, with the growth exponent of
//! its time printed: log2(t(2n) / t(n)) averaged over the doublings, 1.0
//! for linear time, 2.0 for quadratic. Each size is timed by its
//! thread's CPU time over repeated runs (see `time`).
//!
//! `cargo bench --bench adversarial` measures (`-- WORDS` only the
//! patterns whose name contains WORDS); `cargo test --benches` runs each
//! pattern once at 1 MB.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
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

/// The time to tag `text` once: the least of three measures, each on a
/// thread of its own that tags the text again until it has run for 0.3 s
/// of CPU time, divided by the count. CPU time, where Linux gives it
/// (wall time elsewhere), because on a shared machine a long run is
/// preempted more often than a short one, and its wall time then grows
/// faster than its work; long enough to make the clock's tick (the
/// kernel updates the figure at each tick) negligible. A thread keeps up
/// to 16 MB of scratch buffers between documents: a fresh thread per
/// measure starts every size alike.
fn time(tagger: &Tagger, text: &str) -> Duration {
    const ENOUGH: Duration = Duration::from_millis(300);
    (0..3)
        .map(|_| {
            std::thread::scope(|s| {
                s.spawn(|| {
                    let (cpu, wall) = (thread_cpu(), Instant::now());
                    let spent = || match (cpu, thread_cpu()) {
                        (Some(a), Some(b)) => b.saturating_sub(a),
                        _ => wall.elapsed(),
                    };
                    let mut runs = 0;
                    while runs == 0 || spent() < ENOUGH {
                        black_box(tagger.tag(black_box(text)));
                        runs += 1;
                    }
                    spent() / runs
                })
                .join()
                .unwrap_or_default()
            })
        })
        .min()
        .unwrap_or_default()
}

/// The CPU time the calling thread has run, from the first field of
/// `/proc/thread-self/schedstat` (nanoseconds); `None` off Linux.
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
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
    for (name, make) in PATTERNS {
        let text = make(MB);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| b.iter(|| tagger.tag(black_box(&text))));
        if measuring && filter.as_deref().is_none_or(|f| name.contains(f)) {
            let times: Vec<f64> = [1, 2, 4, 8]
                .iter()
                .map(|&m| time(&tagger, &make(m * MB)).as_secs_f64())
                .collect();
            let exponent = (times[3] / times[0]).log2() / 3.0;
            println!(
                "adversarial/{name}: 1, 2, 4, 8 MB in {:.3}, {:.3}, {:.3}, {:.3} s: exponent {exponent:.2}",
                times[0], times[1], times[2], times[3]
            );
        }
    }
    group.finish();
}

criterion_group!(benches, adversarial);
criterion_main!(benches);
