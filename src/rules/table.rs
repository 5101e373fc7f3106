//! `weights` tables: one condition holding many phrases, each with its
//! weight. The condition adds the sum of the weights of the different
//! phrases of the table found in the document (each phrase once, however
//! often it occurs), so a table reads as a linear model over the presence
//! of its phrases: the form the rule learner writes.

use std::fmt::Write;

use super::cond::{Cond, Doc, MAX_HITS, Rule, Weighted, Where, text_hit};
use crate::output::{Fired, Hit};
use crate::phrases::{PhraseHit, count_factor};

/// At most this many phrases are named where a table fired.
const SHOWN: usize = 8;

/// The different phrases of table `list` found where `place` looks:
/// the first hit of each, with the number of its hits.
fn found<'a>(doc: &'a Doc, list: u32, place: Where) -> Vec<(&'a PhraseHit, usize)> {
    let mut hits: Vec<&PhraseHit> = doc
        .phrase_hits
        .of_list(list)
        .iter()
        .filter(|h| place.admits(h.field))
        .collect();
    // By phrase, then field and position: the first of each run is the
    // phrase's first hit.
    hits.sort_unstable_by_key(|h| (h.item, h.field, h.span.start));
    hits.chunk_by(|a, b| a.item == b.item)
        .filter_map(|run| Some((*run.first()?, run.len())))
        .collect()
}

/// `text` quoted as `{:?}` quotes it; plain ASCII (the usual phrase)
/// without the escaping machinery.
fn write_quoted(out: &mut String, text: &str) {
    let plain = text
        .bytes()
        .all(|b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\');
    if plain {
        out.push('"');
        out.push_str(text);
        out.push('"');
    } else {
        let _ = write!(out, "{text:?}");
    }
}

/// A weight as a fired table shows it: signed, two decimals ("+1.25",
/// "-0.50"), written without float formatting, which costs more than the
/// rest of what a table shows where it fired.
fn write_weight(out: &mut String, w: f32) {
    let hundredths = (f64::from(w) * 100.0).round();
    let sign = if hundredths < 0.0 { '-' } else { '+' };
    // Weights are small; the cast saturates on anything absurd.
    let h = hundredths.abs() as u64;
    out.push(sign);
    push_number(out, h / 100);
    out.push('.');
    out.push(char::from(b'0' + (h % 100 / 10) as u8));
    out.push(char::from(b'0' + (h % 10) as u8));
}

/// Writes `n` in decimal, without the formatting machinery.
fn push_number(out: &mut String, n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 || at == 0 {
            break;
        }
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
}

/// What table `list` adds to its category's score: the sum of the
/// weights of its phrases found (each once, or with `log` times ln(1 +
/// its count)), or `None` when none is.
pub(crate) fn value(doc: &Doc, list: u32, place: Where, log: bool) -> Option<f32> {
    let hits = doc.phrase_hits.of_list(list).iter();
    doc.phrase_hits
        .distinct_weight(hits.filter(|h| place.admits(h.field)), log)
}

/// What table `list` shows where it fired: its value, the phrases found
/// as written with what each adds (and, with `log`, how often it occurs),
/// strongest first (for the condition's description), and their first
/// spans.
pub(crate) fn fired(
    doc: &Doc,
    list: u32,
    place: Where,
    log: bool,
    label: &str,
) -> (f32, String, Vec<Hit>) {
    let mut found: Vec<(&PhraseHit, usize, f32)> = found(doc, list, place)
        .into_iter()
        .map(|(h, n)| (h, n, h.weight * count_factor(n, log)))
        .collect();
    let value = found.iter().map(|f| f.2).sum();
    // Strongest first; equal weights in text order.
    found.sort_unstable_by(|(a, _, wa), (b, _, wb)| {
        wb.abs()
            .total_cmp(&wa.abs())
            .then((a.field, a.span.start).cmp(&(b.field, b.span.start)))
    });
    let mut described = String::with_capacity(label.len() + 24 * SHOWN.min(found.len()) + 16);
    described.push_str(label);
    described.push(':');
    for (i, (h, n, adds)) in found.iter().take(SHOWN).enumerate() {
        let text = doc.text(h.field).get(h.span.range()).unwrap_or_default();
        let sep = if i == 0 { " " } else { ", " };
        described.push_str(sep);
        write_quoted(&mut described, text);
        if log {
            described.push_str(" x");
            push_number(&mut described, *n as u64);
        }
        described.push(' ');
        write_weight(&mut described, *adds);
    }
    if found.len() > SHOWN {
        let _ = write!(described, " (+{} more)", found.len() - SHOWN);
    }
    let hits = found
        .iter()
        .take(MAX_HITS)
        .map(|(h, _, _)| {
            let text = doc.text(h.field).get(h.span.range()).unwrap_or_default();
            text_hit(h.field, h.span, text)
        })
        .collect();
    (value, described, hits)
}

impl Rule {
    /// The sum of weights the category needs: its threshold, or on the
    /// logistic scale the log-odds of its threshold less its bias.
    pub(crate) fn needs(threshold: f32, bias: Option<f32>) -> f32 {
        match bias {
            None => threshold,
            Some(bias) => {
                let p = threshold.clamp(1e-6, 1.0 - 1e-6);
                (p / (1.0 - p)).ln() - bias
            }
        }
    }

    /// The category's score for a sum of weights.
    pub(crate) fn score_of(&self, sum: f32) -> f32 {
        match self.bias {
            None => sum,
            Some(bias) => 1.0 / (1.0 + (-(bias + sum)).exp()),
        }
    }
}

impl Weighted {
    /// What the condition adds to its category's sum when it holds.
    pub(crate) fn value(&self, doc: &Doc) -> Option<f32> {
        match &self.cond {
            Cond::Table { list, place, log } => value(doc, *list, *place, *log),
            cond => cond.holds(doc, None).then_some(self.weight),
        }
    }

    /// The condition as it fired, if it holds.
    pub(crate) fn fired(&self, doc: &Doc) -> Option<Fired> {
        let (weight, condition, hits) = match &self.cond {
            Cond::Table { list, place, log } => {
                let (value, described, hits) = fired(doc, *list, *place, *log, &self.label);
                if hits.is_empty() {
                    return None;
                }
                (value, described, hits)
            }
            cond => {
                let mut hits = Vec::new();
                if !cond.holds(doc, Some(&mut hits)) {
                    return None;
                }
                (self.weight, self.label.to_string(), hits)
            }
        };
        Some(Fired {
            rule: self.rule.to_string(),
            condition,
            weight,
            hits,
        })
    }
}
