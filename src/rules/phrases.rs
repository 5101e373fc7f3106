//! The phrase automaton of a rule set: every phrase of every phrase
//! condition, folded like gazetteer aliases and compiled into one
//! Aho-Corasick automaton, scanned once per field of a document.
//!
//! The verification repeats the checks of `crate::matcher` (whole tokens,
//! then the case policy against the original spelling). It is not shared
//! because the matcher's aliases belong to entities, and a phrase belongs
//! to a condition.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::error::Error;
use crate::fold::{Class, Folded, Token, classify, fold_char, fold_str, fold_str_keep_case};
use crate::gazetteer::Case;
use crate::output::{Field, Span};

/// One phrase as the scan needs it.
#[derive(Clone, Debug)]
struct Phrase {
    /// The phrase list (one per phrase condition) it belongs to.
    list: u32,
    case: Case,
    /// The phrase folded without lower-casing, for `Exact` and `Name`.
    case_form: Box<str>,
}

/// A verified phrase match.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub(crate) struct PhraseHit {
    pub(crate) list: u32,
    pub(crate) field: Field,
    pub(crate) span: Span,
}

/// Collects phrases while a rule set is loaded.
#[derive(Debug, Default)]
pub(crate) struct PhrasesBuilder {
    patterns: Vec<String>,
    ids: HashMap<String, u32>,
    keyed: Vec<(u32, Phrase)>,
    lists: u32,
}

impl PhrasesBuilder {
    /// Starts a new phrase list and returns its number.
    pub(crate) fn new_list(&mut self) -> u32 {
        self.lists += 1;
        self.lists - 1
    }

    /// Adds a phrase (which must fold to something) to list `list`.
    pub(crate) fn add(&mut self, list: u32, text: &str, case: Case) {
        let folded = fold_str(text);
        let next = self.patterns.len() as u32;
        let pid = *self.ids.entry(folded).or_insert_with_key(|k| {
            self.patterns.push(k.clone());
            next
        });
        let case_form = match case {
            Case::Any => Box::default(),
            _ => fold_str_keep_case(text).into(),
        };
        self.keyed.push((
            pid,
            Phrase {
                list,
                case,
                case_form,
            },
        ));
    }

    /// Compiles the automaton.
    pub(crate) fn build(mut self) -> Result<Phrases, Error> {
        self.keyed.sort_by_key(|(p, _)| *p);
        let mut starts = Vec::with_capacity(self.patterns.len() + 1);
        let mut phrases = Vec::with_capacity(self.keyed.len());
        for (pid, phrase) in self.keyed {
            while starts.len() <= pid as usize {
                starts.push(phrases.len() as u32);
            }
            phrases.push(phrase);
        }
        while starts.len() <= self.patterns.len() {
            starts.push(phrases.len() as u32);
        }
        let extra_tokens = self
            .patterns
            .iter()
            .map(|p| p.bytes().filter(|&b| b == b' ').count() as u32)
            .collect();
        if self.patterns.is_empty() {
            return Ok(Phrases::empty());
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&self.patterns)
            .map_err(|e| Error::build(format!("cannot build the phrase automaton: {e}")))?;
        let ac = Some(ac);
        Ok(Phrases {
            ac,
            extra_tokens,
            starts,
            phrases,
        })
    }
}

/// The compiled phrases of a rule set.
#[derive(Clone, Debug)]
pub(crate) struct Phrases {
    /// `None` when the rule set has no phrases.
    ac: Option<AhoCorasick>,
    /// How many tokens each pattern spans, minus one.
    extra_tokens: Vec<u32>,
    /// The phrases of pattern `p` are `phrases[starts[p]..starts[p + 1]]`.
    starts: Vec<u32>,
    phrases: Vec<Phrase>,
}

impl Phrases {
    /// No phrases at all.
    pub(crate) fn empty() -> Phrases {
        Phrases {
            ac: None,
            extra_tokens: Vec::new(),
            starts: vec![0],
            phrases: Vec::new(),
        }
    }

    /// Appends every verified phrase match of one field to `out`. All
    /// overlapping matches count: "spy agency" and "agency" both hit.
    pub(crate) fn scan(
        &self,
        field: Field,
        text: &str,
        folded: &Folded,
        scratch: &mut String,
        out: &mut Vec<PhraseHit>,
    ) {
        let Some(ac) = &self.ac else {
            return;
        };
        let bytes = folded.text.as_bytes();
        for m in ac.find_overlapping_iter(&folded.text) {
            let (s, e) = (m.start(), m.end());
            let starts_word = s == 0 || bytes.get(s - 1) == Some(&b' ');
            let ends_word = bytes.get(e).is_none_or(|&b| b == b' ');
            if !starts_word || !ends_word {
                continue;
            }
            let Some(first) = folded.token_starting_at(s) else {
                continue;
            };
            let pid = m.pattern().as_usize();
            let last = first + self.extra_tokens[pid] as usize;
            let Some(tokens) = folded.tokens.get(first..=last) else {
                continue;
            };
            let (Some(a), Some(b)) = (tokens.first(), tokens.last()) else {
                continue;
            };
            let span = Span {
                start: a.start,
                end: b.end,
            };
            let (lo, hi) = (self.starts[pid] as usize, self.starts[pid + 1] as usize);
            for p in &self.phrases[lo..hi] {
                if p.accepts(text, tokens, scratch) {
                    out.push(PhraseHit {
                        list: p.list,
                        field,
                        span,
                    });
                }
            }
        }
    }

    /// Approximate heap memory held, in bytes.
    pub(crate) fn memory_usage(&self) -> usize {
        let phrases: usize = self
            .phrases
            .iter()
            .map(|p| std::mem::size_of::<Phrase>() + p.case_form.len())
            .sum();
        self.ac.as_ref().map_or(0, AhoCorasick::memory_usage)
            + phrases
            + 4 * (self.starts.len() + self.extra_tokens.len())
    }
}

impl Phrase {
    /// Whether the original spelling of `tokens` satisfies the case policy
    /// (the same rules as gazetteer aliases).
    fn accepts(&self, text: &str, tokens: &[Token], scratch: &mut String) -> bool {
        match self.case {
            Case::Exact => {
                scratch.clear();
                for (i, t) in tokens.iter().enumerate() {
                    if i > 0 {
                        scratch.push(' ');
                    }
                    let word = text.get(t.start..t.end).unwrap_or_default();
                    for c in word.chars().filter(|&c| classify(c) == Class::Word) {
                        fold_char(c, false, scratch);
                    }
                }
                *scratch == *self.case_form
            }
            Case::Name => self.case_form.split(' ').zip(tokens).all(|(word, t)| {
                let wants_capital = word.chars().next().is_some_and(is_capital);
                let first = text.get(t.start..t.end).and_then(|w| w.chars().next());
                !wants_capital || first.is_some_and(is_capital)
            }),
            _ => true,
        }
    }
}

/// An upper-case or title-case letter.
fn is_capital(c: char) -> bool {
    c.is_uppercase() || (!c.is_lowercase() && c.to_lowercase().next().is_some_and(|l| l != c))
}
