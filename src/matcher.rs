//! Scan and verify: the word trie over folded aliases, and the checks that
//! turn its raw matches into candidates.

use std::collections::HashMap;

use crate::error::Error;
use crate::fold::{
    Class, Folded, Token, classify, fold_char, fold_str, fold_str_keep_case, plain_punct,
};
use crate::gazetteer::{AliasForm, Case, Entity, Evidence};
use crate::words::WordTrie;

/// One alias as the matcher needs it.
#[derive(Clone, Debug)]
pub(crate) struct Alias {
    /// Index of the entity.
    pub(crate) entity: u32,
    pub(crate) case: Case,
    pub(crate) evidence: Evidence,
    /// A match counts only with support from context: the alias is marked
    /// so, or its entity's names are all common words.
    pub(crate) needs_context: bool,
    /// The alias folded without lower-casing: what `Exact` compares
    /// against and where `Name` finds the capitals it requires.
    case_form: Box<str>,
    /// Punctuation before the first word of the alias (plain ASCII forms),
    /// which the span takes in when the text has it too.
    lead: Box<[char]>,
    /// Punctuation after the last word: the final dot of "U.S.".
    trail: Box<[char]>,
}

/// A verified match: tokens `first..=last` of the folded text spell an
/// alias whose case policy accepts the original spelling.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub(crate) struct Candidate {
    pub(crate) first: usize,
    pub(crate) last: usize,
    pub(crate) alias: u32,
}

/// The compiled trie and the aliases behind each of its patterns.
#[derive(Clone, Debug)]
pub(crate) struct Matcher {
    /// One pattern per distinct folded alias, over word ids.
    trie: WordTrie,
    /// The aliases of pattern `p` are `aliases[starts[p]..starts[p + 1]]`.
    starts: Vec<u32>,
    aliases: Vec<Alias>,
}

impl Matcher {
    /// Compiles every alias of every entity into one automaton.
    pub(crate) fn new(entities: &[Entity]) -> Result<Matcher, Error> {
        let mut patterns: Vec<String> = Vec::new();
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut keyed: Vec<(u32, Alias)> = Vec::new();
        for (entity, e) in (0u32..).zip(entities) {
            for form in e.aliases() {
                let folded = fold_str(&form.text);
                let next = u32::try_from(patterns.len())
                    .map_err(|_| Error::build("too many aliases".into()))?;
                let pid = *ids.entry(folded).or_insert_with_key(|k| {
                    patterns.push(k.clone());
                    next
                });
                keyed.push((pid, Alias::new(entity, form, e.needs_context())));
            }
        }
        keyed.sort_by_key(|(p, _)| *p);
        let mut starts = Vec::with_capacity(patterns.len() + 1);
        let mut aliases = Vec::with_capacity(keyed.len());
        for (pid, alias) in keyed {
            while starts.len() <= pid as usize {
                starts.push(aliases.len() as u32);
            }
            aliases.push(alias);
        }
        while starts.len() <= patterns.len() {
            starts.push(aliases.len() as u32);
        }
        let trie = WordTrie::new(&patterns);
        Ok(Matcher {
            trie,
            starts,
            aliases,
        })
    }

    pub(crate) fn aliases_len(&self) -> usize {
        self.aliases.len()
    }

    pub(crate) fn alias(&self, i: u32) -> &Alias {
        &self.aliases[i as usize]
    }

    pub(crate) fn memory_usage(&self) -> usize {
        let per_alias: usize = self
            .aliases
            .iter()
            .map(|a| {
                std::mem::size_of::<Alias>()
                    + a.case_form.len()
                    + 4 * (a.lead.len() + a.trail.len())
            })
            .sum();
        self.trie.memory_usage() + per_alias + 4 * self.starts.len()
    }

    /// Appends to `out` every candidate in the folded text: every
    /// occurrence of every alias on whole tokens whose case policy accepts
    /// the original spelling. Overlapping matches are all reported, so a
    /// rejected long match never hides a valid short one. `ids` is scratch
    /// space.
    pub(crate) fn scan(
        &self,
        text: &str,
        folded: &Folded,
        scratch: &mut String,
        ids: &mut Vec<u32>,
        out: &mut Vec<Candidate>,
    ) {
        self.trie.scan(folded, ids, |first, last, pid| {
            let Some(tokens) = folded.tokens.get(first..=last) else {
                return;
            };
            let pid = pid as usize;
            let (lo, hi) = (self.starts[pid], self.starts[pid + 1]);
            for i in lo..hi {
                if self.aliases[i as usize].accepts(text, tokens, scratch) {
                    out.push(Candidate {
                        first,
                        last,
                        alias: i,
                    });
                }
            }
        });
    }
}

impl Alias {
    fn new(entity: u32, form: &AliasForm, entity_needs_context: bool) -> Alias {
        let (text, case, evidence) = (&*form.text, form.case, form.evidence);
        let needs_context = form.needs_context || entity_needs_context;
        let not_word = |c: &char| classify(*c) != Class::Word;
        let lead = text.chars().take_while(not_word).map(plain_punct).collect();
        let mut trail: Vec<char> = text
            .chars()
            .rev()
            .take_while(not_word)
            .map(plain_punct)
            .collect();
        trail.reverse();
        let case_form = match case {
            Case::Any => Box::default(),
            Case::Exact | Case::Name => fold_str_keep_case(text).into(),
        };
        Alias {
            entity,
            case,
            evidence,
            needs_context,
            case_form,
            lead,
            trail: trail.into(),
        }
    }

    /// Whether the original spelling of `tokens` satisfies the case policy.
    fn accepts(&self, text: &str, tokens: &[Token], scratch: &mut String) -> bool {
        match self.case {
            Case::Any => true,
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
            Case::Name => self
                .case_form
                .split(' ')
                .zip(tokens)
                .all(|(alias_word, t)| {
                    let wants_capital = alias_word.chars().next().is_some_and(is_capital);
                    let first = text.get(t.start..t.end).and_then(|w| w.chars().next());
                    !wants_capital || first.is_some_and(is_capital)
                }),
        }
    }

    /// The original byte range of a match of this alias over `tokens`,
    /// taking in the alias's own leading and trailing punctuation ("U.S.")
    /// where the text has it.
    pub(crate) fn span(&self, text: &str, first: &Token, last: &Token) -> (usize, usize) {
        let mut start = first.start;
        let before = text.get(..start).unwrap_or_default();
        for (want, c) in self.lead.iter().rev().zip(before.chars().rev()) {
            if plain_punct(c) != *want {
                break;
            }
            start -= c.len_utf8();
        }
        let mut end = last.end;
        let after = text.get(end..).unwrap_or_default();
        for (want, c) in self.trail.iter().zip(after.chars()) {
            if plain_punct(c) != *want {
                break;
            }
            end += c.len_utf8();
        }
        (start, end)
    }
}

/// An upper-case or title-case letter ("ǅ" is title case, neither upper
/// nor lower).
fn is_capital(c: char) -> bool {
    c.is_uppercase() || (!c.is_lowercase() && c.to_lowercase().next().is_some_and(|l| l != c))
}
