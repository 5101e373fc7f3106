//! Scan and verify: one pass over the words of each field finds every
//! alias of the gazetteer (the candidates of the resolve stage) and every
//! phrase of the category rules. Each word is looked up once, in the
//! vocabulary the two word tries share, and each match counts only when
//! its case policy accepts the original spelling.

use crate::fields::FieldInput;
use crate::matcher::Matcher;
use crate::patterns::Words;
use crate::phrases::{PhraseHits, Phrases};
use crate::types::Field;
use crate::words::JointVocab;

/// The words of a gazetteer's aliases and of a rule set's phrases: one
/// lookup per token serves both tries.
#[derive(Debug)]
pub(crate) struct Scanner {
    vocab: JointVocab,
}

/// Buffers reused from one document to the next.
#[derive(Debug, Default)]
pub(crate) struct ScanBuffers {
    /// Token ids of one field in the aliases' and the phrases' tries.
    alias_ids: Vec<u32>,
    phrase_ids: Vec<u32>,
    /// For the case checks.
    case: String,
}

impl ScanBuffers {
    /// The bytes the buffers hold on to (their capacity, not their use).
    pub(crate) fn bytes(&self) -> usize {
        4 * (self.alias_ids.capacity() + self.phrase_ids.capacity()) + self.case.capacity()
    }
}

impl Scanner {
    /// The scanner of `matcher`'s aliases and `phrases`.
    pub(crate) fn new(matcher: &Matcher, phrases: &Phrases) -> Scanner {
        Scanner {
            vocab: JointVocab::joint(matcher.trie(), phrases.trie()),
        }
    }

    /// Fills the candidates of each field with the aliases of `matcher`
    /// found there, and `hits` with the phrases of `phrases` found in the
    /// title and the body; with `any_case`, whatever their case policies.
    /// `matcher` and `phrases` must be the ones the scanner was made from.
    pub(crate) fn scan(
        &self,
        matcher: &Matcher,
        phrases: &Phrases,
        any_case: bool,
        fields: &mut [FieldInput],
        buffers: &mut ScanBuffers,
        hits: &mut PhraseHits,
    ) {
        let ScanBuffers {
            alias_ids,
            phrase_ids,
            case,
        } = buffers;
        hits.clear();
        for f in fields {
            self.vocab.lookup(f.folded, alias_ids, phrase_ids);
            let words = |ids| Words {
                text: f.text,
                folded: f.folded,
                ids,
                any_case,
            };
            matcher.scan(words(alias_ids), case, &mut f.cands);
            // Rules read the title and the body; a dateline apart is only a
            // place, which tag conditions see.
            if f.field != Field::Dateline {
                phrases.scan(f.field, words(phrase_ids), case, hits);
            }
        }
    }
}
