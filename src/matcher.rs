//! Scan and verify: the word trie over folded aliases, and the checks that
//! turn its raw matches into candidates.

use crate::error::Error;
use crate::fold::{Class, Token, classify, plain_punct};
use crate::patterns::{CasePolicy, Item, PatternSet, PatternSetBuilder, Words};
use crate::types::{AliasForm, Evidence};
use crate::words::WordTrie;

/// One alias as the matcher needs it.
#[derive(Clone, Debug)]
pub(crate) struct Alias {
    /// Index of the entity.
    pub(crate) entity: u32,
    pub(crate) evidence: Evidence,
    /// A match counts only with support from context: the alias is marked
    /// so, or its entity's names are all common words or people's names.
    pub(crate) needs_context: bool,
    /// The context it needs is only that the name is a place's and not a
    /// person's: a word that takes a place right before it gives it ("in
    /// Lagos").
    pub(crate) place_word_enough: bool,
    /// How a match must be spelled.
    policy: CasePolicy,
    /// Punctuation before the first word of the alias (plain ASCII forms),
    /// which the span takes in when the text has it too.
    lead: Box<[char]>,
    /// Punctuation after the last word: the final dot of "U.S.".
    trail: Box<[char]>,
}

/// Whether the matches of an entity's aliases need support from context.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct EntityContext {
    /// All its names are common words or people's names.
    pub(crate) needs: bool,
    /// Its name is also a person's name, and no common word.
    pub(crate) person_name: bool,
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
#[derive(Clone, Debug, Default)]
pub(crate) struct Matcher {
    set: PatternSet<Alias>,
}

impl Item for Alias {
    fn policy(&self) -> &CasePolicy {
        &self.policy
    }
}

impl Matcher {
    /// Compiles the aliases of every entity into one trie. Entity `i` is
    /// the `i`-th item of `entities`: its alias forms, and whether all of
    /// them need support from context (its names are common words or
    /// people's names).
    ///
    /// # Errors
    ///
    /// Fails when there are more aliases than ids can number.
    pub(crate) fn new<'a>(
        entities: impl IntoIterator<Item = (&'a [AliasForm], EntityContext)>,
    ) -> Result<Matcher, Error> {
        let mut set = PatternSetBuilder::default();
        for (entity, (forms, context)) in (0u32..).zip(entities) {
            for form in forms {
                set.add(&form.text, Alias::new(entity, form, context));
            }
        }
        Ok(Matcher { set: set.build()? })
    }

    pub(crate) fn aliases_len(&self) -> usize {
        self.set.items().len()
    }

    pub(crate) fn alias(&self, i: u32) -> &Alias {
        &self.set.items()[i as usize]
    }

    /// The word trie of the aliases.
    pub(crate) fn trie(&self) -> &WordTrie {
        self.set.trie()
    }

    pub(crate) fn memory_usage(&self) -> usize {
        self.set
            .memory_usage(|a| a.policy.memory_usage() + 4 * (a.lead.len() + a.trail.len()))
    }

    /// Appends to `out` every candidate in `words` (token ids from
    /// [`trie`](Self::trie)): every occurrence of every alias on whole
    /// tokens whose case policy accepts the original spelling.
    pub(crate) fn scan(&self, words: Words, scratch: &mut String, out: &mut Vec<Candidate>) {
        self.set.scan(words, scratch, |first, last, alias, _| {
            out.push(Candidate { first, last, alias });
        });
    }
}

impl Alias {
    fn new(entity: u32, form: &AliasForm, context: EntityContext) -> Alias {
        let (text, case, evidence) = (&*form.text, form.case, form.evidence);
        let needs_context = form.needs_context || context.needs;
        // An abbreviation that is a word ("Ind.") needs more.
        let place_word_enough = context.person_name && !form.needs_context;
        let not_word = |c: &char| classify(*c) != Class::Word;
        let lead = text.chars().take_while(not_word).map(plain_punct).collect();
        let mut trail: Vec<char> = text
            .chars()
            .rev()
            .take_while(not_word)
            .map(plain_punct)
            .collect();
        trail.reverse();
        Alias {
            entity,
            evidence,
            needs_context,
            place_word_enough,
            policy: CasePolicy::new(text, case),
            lead,
            trail: trail.into(),
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
