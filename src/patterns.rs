//! Pattern sets: folded texts compiled into one word trie, each with the
//! items behind it (the aliases of the gazetteer, the phrases of a rule
//! set), and the case policy that verifies a match against the original
//! spelling. The gazetteer's matcher and a rule set's phrases are both
//! pattern sets, so a word trie, its grouping of items and its
//! verification exist once.

use rustc_hash::FxHashMap;

use crate::error::Error;
use crate::fold::{Class, Folded, Token, classify, fold_char, fold_str_keep_case, is_capital};
use crate::types::Case;
use crate::words::WordTrie;

/// How a match must be spelled in the original text: any case, exactly
/// as the pattern, or with capitals where the pattern has them.
#[derive(Clone, Debug)]
pub(crate) struct CasePolicy {
    case: Case,
    /// The pattern folded without lower-casing: what `Exact` compares
    /// against and where `Name` finds the capitals it requires (empty for
    /// `Any`).
    form: Box<str>,
    /// For `Name`: bit `i` is set when word `i` (of the first 64) starts
    /// with a capital, so must the text's.
    capitals: u64,
}

impl CasePolicy {
    /// The policy `case` for the pattern written `text`.
    pub(crate) fn new(text: &str, case: Case) -> CasePolicy {
        let form: Box<str> = match case {
            Case::Any | Case::Word => Box::default(),
            Case::Exact | Case::Name => fold_str_keep_case(text).into(),
        };
        let capitals = form
            .split(' ')
            .take(64)
            .enumerate()
            .filter(|(_, w)| w.chars().next().is_some_and(is_capital))
            .fold(0u64, |bits, (i, _)| bits | 1 << i);
        CasePolicy {
            case,
            form,
            capitals,
        }
    }

    /// Whether the original spelling of `tokens` in `text` satisfies the
    /// policy. `scratch` is reused between calls.
    pub(crate) fn accepts(&self, text: &str, tokens: &[Token], scratch: &mut String) -> bool {
        match self.case {
            Case::Any => true,
            Case::Word => crate::common_words::accepts(text, tokens),
            Case::Exact => {
                let mut want = self.form.split(' ');
                let same = tokens.iter().all(|t| {
                    let word = text.get(t.start..t.end).unwrap_or_default();
                    want.next().is_some_and(|w| same_word(word, w, scratch))
                });
                same && want.next().is_none()
            }
            Case::Name => tokens.iter().enumerate().all(|(i, t)| {
                let wants_capital = match i {
                    0..64 => self.capitals & 1 << i != 0,
                    _ => self
                        .form
                        .split(' ')
                        .nth(i)
                        .and_then(|w| w.chars().next())
                        .is_some_and(is_capital),
                };
                let first = text.get(t.start..t.end).and_then(|w| w.chars().next());
                !wants_capital || first.is_some_and(is_capital)
            }),
        }
    }

    /// Heap bytes held.
    pub(crate) fn memory_usage(&self) -> usize {
        self.form.len()
    }
}

/// Whether the original `word` of a token folds, keeping case, to `want`.
/// An ASCII token is letters and digits only (anything else would have
/// ended it), so it is compared as it stands.
fn same_word(word: &str, want: &str, scratch: &mut String) -> bool {
    if word.is_ascii() {
        return word == want;
    }
    scratch.clear();
    for c in word.chars().filter(|&c| classify(c) == Class::Word) {
        fold_char(c, false, scratch);
    }
    *scratch == *want
}

/// A text as a pattern set scans it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Words<'a> {
    /// The text as written.
    pub(crate) text: &'a str,
    /// Its folding.
    pub(crate) folded: &'a Folded,
    /// The ids of its tokens in the set's trie (from a
    /// [`JointVocab`](crate::words::JointVocab)).
    pub(crate) ids: &'a [u32],
    /// Whether every case policy is waived (a lower-cased corpus).
    pub(crate) any_case: bool,
}

/// An item a pattern set holds: it knows its case policy.
pub(crate) trait Item {
    /// The policy a match of this item must satisfy.
    fn policy(&self) -> &CasePolicy;
}

/// Collects `(text, item)` pairs; texts that fold alike share a pattern.
#[derive(Debug)]
pub(crate) struct PatternSetBuilder<T> {
    patterns: Vec<String>,
    ids: FxHashMap<String, u32>,
    keyed: Vec<(u32, T)>,
    /// More distinct patterns were added than ids can number.
    overflow: bool,
    /// Reused for folding each text.
    folded: Folded,
}

impl<T> Default for PatternSetBuilder<T> {
    fn default() -> Self {
        PatternSetBuilder {
            patterns: Vec::new(),
            ids: FxHashMap::default(),
            keyed: Vec::new(),
            overflow: false,
            folded: Folded::default(),
        }
    }
}

impl<T: Item> PatternSetBuilder<T> {
    /// Adds `item`, matched where the text spells `text` (folded).
    pub(crate) fn add(&mut self, text: &str, item: T) {
        let Ok(next) = u32::try_from(self.patterns.len()) else {
            self.overflow = true;
            return;
        };
        self.folded.fold(text);
        let folded = self.folded.text.as_str();
        let pid = match self.ids.get(folded) {
            Some(&pid) => pid,
            None => {
                self.ids.insert(folded.to_string(), next);
                self.patterns.push(folded.to_string());
                next
            }
        };
        self.keyed.push((pid, item));
    }

    /// Compiles the trie; items keep the order they were added in within
    /// each pattern.
    ///
    /// # Errors
    ///
    /// Fails when more than `u32::MAX` distinct patterns were added.
    pub(crate) fn build(self) -> Result<PatternSet<T>, Error> {
        if self.overflow || u32::try_from(self.keyed.len()).is_err() {
            return Err(Error::build("too many aliases or phrases".into()));
        }
        // A counting sort by pattern, stable: items are large, and their
        // patterns are dense small numbers.
        let mut starts = vec![0u32; self.patterns.len() + 1];
        for (pid, _) in &self.keyed {
            starts[*pid as usize + 1] += 1;
        }
        for p in 1..starts.len() {
            starts[p] += starts[p - 1];
        }
        let mut next = starts.clone();
        let mut slots: Vec<Option<T>> = std::iter::repeat_with(|| None)
            .take(self.keyed.len())
            .collect();
        for (pid, item) in self.keyed {
            let at = &mut next[pid as usize];
            slots[*at as usize] = Some(item);
            *at += 1;
        }
        let items: Vec<T> = slots.into_iter().flatten().collect();
        Ok(PatternSet {
            trie: WordTrie::new(&self.patterns),
            starts,
            items,
        })
    }
}

/// Compiled patterns and the items behind each.
#[derive(Clone, Debug)]
pub(crate) struct PatternSet<T> {
    /// One pattern per distinct folded text, over word ids.
    trie: WordTrie,
    /// The items of pattern `p` are `items[starts[p]..starts[p + 1]]`.
    starts: Vec<u32>,
    items: Vec<T>,
}

impl<T> Default for PatternSet<T> {
    fn default() -> Self {
        PatternSet {
            trie: WordTrie::default(),
            starts: vec![0],
            items: Vec::new(),
        }
    }
}

impl<T: Item> PatternSet<T> {
    /// The word trie (its vocabulary joins others').
    pub(crate) fn trie(&self) -> &WordTrie {
        &self.trie
    }

    /// Every item, indexed as [`scan`](Self::scan) reports them.
    pub(crate) fn items(&self) -> &[T] {
        &self.items
    }

    /// Calls `f(first, last, item, pattern)` for every occurrence of every
    /// item on whole tokens `first..=last` of `words` whose case policy
    /// accepts the original spelling. Overlapping matches are all
    /// reported, so a rejected long match never hides a valid short one.
    pub(crate) fn scan(
        &self,
        words: Words,
        scratch: &mut String,
        mut f: impl FnMut(usize, usize, u32, u32),
    ) {
        let Words { text, folded, .. } = words;
        self.trie.scan(words.ids, |first, last, pattern| {
            let Some(tokens) = folded.tokens.get(first..=last) else {
                return;
            };
            let p = pattern as usize;
            let (Some(&lo), Some(&hi)) = (self.starts.get(p), self.starts.get(p + 1)) else {
                return;
            };
            // The common-word policy looks at the text around the match
            // only, not at the item: one verdict serves every item of the
            // pattern that has it (a word in several rule tables).
            let mut as_word = None;
            for i in lo..hi {
                let Some(item) = self.items.get(i as usize) else {
                    return;
                };
                let policy = item.policy();
                let ok = words.any_case
                    || match policy.case {
                        Case::Word => {
                            *as_word.get_or_insert_with(|| policy.accepts(text, tokens, scratch))
                        }
                        _ => policy.accepts(text, tokens, scratch),
                    };
                if ok {
                    f(first, last, i, pattern);
                }
            }
        });
    }

    /// Approximate heap memory held, in bytes, with `item` the heap bytes
    /// of one item beyond its size.
    pub(crate) fn memory_usage(&self, item: impl Fn(&T) -> usize) -> usize {
        let items: usize = self
            .items
            .iter()
            .map(|t| std::mem::size_of::<T>() + item(t))
            .sum();
        self.trie.memory_usage() + items + 4 * self.starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepts(pattern: &str, case: Case, text: &str) -> bool {
        let mut f = Folded::default();
        f.fold(text);
        CasePolicy::new(pattern, case).accepts(text, &f.tokens, &mut String::new())
    }

    #[test]
    fn name_policy_wants_capitals_where_the_pattern_has_them() {
        assert!(accepts("Bank of England", Case::Name, "BANK OF ENGLAND"));
        assert!(accepts("Bank of England", Case::Name, "Bank Of England"));
        assert!(!accepts("Bank of England", Case::Name, "bank of England"));
        assert!(!accepts("Bank of England", Case::Name, "Bank of england"));
        // Past the 64 words the bit mask holds, the pattern is read again.
        let long: Vec<String> = (0..70).map(|i| format!("w{i}")).collect();
        let mut pattern = long.clone();
        pattern[66] = "Capital".into();
        let mut text = long;
        text[66] = "capital".into();
        assert!(!accepts(&pattern.join(" "), Case::Name, &text.join(" ")));
        text[66] = "CAPITAL".into();
        assert!(accepts(&pattern.join(" "), Case::Name, &text.join(" ")));
    }

    #[test]
    fn exact_policy_compares_the_case_kept_fold() {
        assert!(accepts("U.S.", Case::Exact, "U.S"));
        assert!(!accepts("US", Case::Exact, "us"));
        assert!(accepts("Peña", Case::Exact, "Pena"));
        assert!(accepts("Pena", Case::Exact, "Peña"));
        assert!(!accepts("PEÑA", Case::Exact, "Peña"));
        assert!(accepts("any", Case::Any, "ANY"));
    }
}
