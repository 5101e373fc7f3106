//! Writing learned categories as a rule file.

use std::fmt::Write;

use super::types::{Feature, LearnedCategory};

/// A TOML basic string.
pub(crate) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A weight as written: three decimals.
fn round(w: f64) -> f64 {
    (w * 1000.0).round() / 1000.0
}

/// The rule file of `categories`, learned from `examples` examples.
pub(crate) fn toml(examples: usize, log_counts: bool, categories: &[LearnedCategory]) -> String {
    let mut out = String::new();
    let adds = if log_counts {
        "# weights table adds the weight of each different phrase it finds\n\
         # times ln(1 + how often it occurs) (counts = \"log\")."
    } else {
        "# weights table adds the weights of the different phrases it finds."
    };
    let _ = writeln!(
        out,
        "# Learned by gazetag's rule learner from {examples} labelled examples.\n\
         # Each category is on the logistic scale: its score is the probability\n\
         # 1 / (1 + e^-(bias + the weights of its conditions that hold)), and a\n\
         {adds}\n\
         # A lower-case phrase is a common word; a capitalised one a name. Edit\n\
         # freely: the format is in README.md (\"Categories\")."
    );
    for c in categories {
        category(&mut out, c, log_counts);
    }
    out
}

/// The conditions of a category as written: weights of phrases anywhere,
/// of phrases of the headline, and of tags; rounded, zeros left out.
struct Terms<'a> {
    words: Vec<(&'a str, f64)>,
    title: Vec<(&'a str, f64)>,
    tags: Vec<(&'a Feature, f64)>,
}

impl<'a> Terms<'a> {
    fn of(c: &'a LearnedCategory) -> Terms<'a> {
        let mut terms = Terms {
            words: Vec::new(),
            title: Vec::new(),
            tags: Vec::new(),
        };
        for (f, w) in &c.terms {
            let w = round(*w);
            if w == 0.0 {
                continue;
            }
            match f {
                Feature::Phrase { key, title: false } => terms.words.push((key, w)),
                Feature::Phrase { key, title: true } => terms.title.push((key, w)),
                other => terms.tags.push((other, w)),
            }
        }
        terms
    }

    fn is_empty(&self) -> bool {
        self.words.is_empty() && self.title.is_empty() && self.tags.is_empty()
    }
}

/// Writes category `c`: a comment instead when no condition is left.
fn category(out: &mut String, c: &LearnedCategory, log_counts: bool) {
    let mut terms = Terms::of(c);
    let _ = writeln!(out);
    if terms.is_empty() {
        let _ = writeln!(
            out,
            "# {}: no condition tells its {} examples from the others; not written.",
            quote(&c.name),
            c.examples
        );
        return;
    }
    header(out, c);
    let words = format!("words of {}", c.name);
    weights(out, &words, None, log_counts, &mut terms.words);
    let label = format!("headline words of {}", c.name);
    weights(out, &label, Some("title"), log_counts, &mut terms.title);
    tag_conditions(out, &mut terms.tags);
}

/// The `[[category]]` table of `c`, up to its conditions.
fn header(out: &mut String, c: &LearnedCategory) {
    let _ = writeln!(out, "[[category]]\nname = {}", quote(&c.name));
    if let Some(code) = &c.code {
        let _ = writeln!(out, "code = {}", quote(code));
    }
    let _ = writeln!(
        out,
        "# {} examples filed here.\nscale = \"logistic\"\nbias = {}\nthreshold = {}",
        c.examples,
        round(c.bias),
        c.threshold
    );
}

/// A condition with a weights table of `list`, heaviest first, labelled
/// `label` and looking in field `place` (everywhere when `None`), its
/// phrases by their log count with `log_counts`; nothing when `list` is
/// empty.
fn weights(
    out: &mut String,
    label: &str,
    place: Option<&str>,
    log_counts: bool,
    list: &mut [(&str, f64)],
) {
    if list.is_empty() {
        return;
    }
    list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
    let _ = writeln!(out, "\n[[category.when]]\nlabel = {}", quote(label));
    if let Some(p) = place {
        let _ = writeln!(out, "where = {}", quote(p));
    }
    if log_counts {
        let _ = writeln!(out, "counts = \"log\"");
    }
    let _ = writeln!(out, "[category.when.weights]");
    for (key, w) in list.iter() {
        let _ = writeln!(out, "{} = {w}", quote(key));
    }
}

/// A weighted condition for each tag of `tags`, heaviest first.
fn tag_conditions(out: &mut String, tags: &mut [(&Feature, f64)]) {
    tags.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (f, w) in tags.iter() {
        let _ = writeln!(out, "\n[[category.when]]");
        match f {
            Feature::Entity(id) => {
                let _ = writeln!(out, "entity = {}", quote(id));
            }
            Feature::Kind(k) => {
                let _ = writeln!(out, "kind = {}", quote(k));
            }
            Feature::Phrase { .. } => {}
        }
        let _ = writeln!(out, "weight = {w}");
    }
}
