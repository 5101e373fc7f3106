//! The phrase trie of a rule set: every phrase of every phrase condition,
//! folded like gazetteer aliases and compiled into one word trie (its own
//! vocabulary), scanned once per field of a document.
//!
//! The verification repeats the checks of `crate::matcher` (whole tokens,
//! then the case policy against the original spelling). It is not shared
//! because the matcher's aliases belong to entities, and a phrase belongs
//! to a condition.

use std::collections::HashMap;

use crate::error::Error;
use crate::fold::{Class, Folded, Token, classify, fold_char, fold_str, fold_str_keep_case};
use crate::gazetteer::Case;
use crate::output::{Field, Span};
use crate::words::WordTrie;

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
        if self.patterns.is_empty() {
            return Ok(Phrases::empty());
        }
        Ok(Phrases {
            trie: Some(WordTrie::new(&self.patterns)),
            starts,
            phrases,
        })
    }
}

/// The compiled phrases of a rule set.
#[derive(Clone, Debug)]
pub(crate) struct Phrases {
    /// `None` when the rule set has no phrases.
    trie: Option<WordTrie>,
    /// The phrases of pattern `p` are `phrases[starts[p]..starts[p + 1]]`.
    starts: Vec<u32>,
    phrases: Vec<Phrase>,
}

impl Phrases {
    /// No phrases at all.
    pub(crate) fn empty() -> Phrases {
        Phrases {
            trie: None,
            starts: vec![0],
            phrases: Vec::new(),
        }
    }

    /// Appends every verified phrase match of one field to `out`. All
    /// overlapping matches count: "spy agency" and "agency" both hit.
    /// `ids` is scratch space.
    pub(crate) fn scan(
        &self,
        field: Field,
        text: &str,
        folded: &Folded,
        scratch: &mut String,
        ids: &mut Vec<u32>,
        out: &mut Vec<PhraseHit>,
    ) {
        let Some(trie) = &self.trie else {
            return;
        };
        trie.scan(folded, ids, |first, last, pid| {
            let Some(tokens) = folded.tokens.get(first..=last) else {
                return;
            };
            let (Some(a), Some(b)) = (tokens.first(), tokens.last()) else {
                return;
            };
            let span = Span {
                start: a.start,
                end: b.end,
            };
            let pid = pid as usize;
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
        });
    }

    /// Approximate heap memory held, in bytes.
    pub(crate) fn memory_usage(&self) -> usize {
        let phrases: usize = self
            .phrases
            .iter()
            .map(|p| std::mem::size_of::<Phrase>() + p.case_form.len())
            .sum();
        self.trie.as_ref().map_or(0, WordTrie::memory_usage) + phrases + 4 * self.starts.len()
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
