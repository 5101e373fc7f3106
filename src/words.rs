//! Word-level matching: a trie over sequences of word ids.
//!
//! Folded patterns (aliases, rule phrases) are sequences of words separated
//! by single spaces, and so is a folded text. Every word of the patterns
//! gets an id in a [`Vocab`]; the patterns become a trie over word ids. To
//! scan a text, each token is looked up once (a word no pattern has ends
//! every match), then from each token the trie is walked as far as the
//! text follows it, reporting every pattern that ends on the way: every
//! occurrence of every pattern on token edges, exactly what an
//! Aho-Corasick automaton over the folded bytes reports once the matches
//! that do not start and end on token edges are dropped, in one step per
//! word instead of one per byte.

use std::hash::BuildHasherDefault;

use rustc_hash::{FxHashMap, FxHasher};

use crate::fold::Folded;

/// No id: a word no pattern has, or no node.
pub(crate) const NONE: u32 = u32::MAX;

/// A map with a fast, non-cryptographic hasher: its keys are the data's
/// words and word ids, not attacker-chosen in any way that matters here
/// (a slow lookup is the worst a crafted text can cause).
type FastMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Words of up to this many bytes live in the open-addressing table.
const SHORT: usize = 16;

/// One slot of the short-word table: the word's bytes, zero-padded, as two
/// integers (folded words never contain a zero byte, so the pair is the
/// word), and its `N` ids (one per pattern set the vocabulary serves).
#[derive(Clone, Copy, Debug)]
struct Slot<const N: usize> {
    k0: u64,
    k1: u64,
    ids: [u32; N],
}

impl<const N: usize> Default for Slot<N> {
    fn default() -> Slot<N> {
        Slot {
            k0: 0,
            k1: 0,
            ids: [NONE; N],
        }
    }
}

/// The words of one or more sets of patterns: each word has `N` ids, one
/// in each set ([`NONE`] where a set lacks the word). A word trie has its
/// own vocabulary (`N = 1`); a [`JointVocab`] answers for two tries with
/// one lookup.
#[derive(Clone, Debug)]
pub(crate) struct Vocab<const N: usize> {
    /// Open addressing, linear probing, at most two-thirds full; empty
    /// slots have `k0 == 0`.
    slots: Vec<Slot<N>>,
    /// One byte per slot: 0 when empty, else eight bits of the word's
    /// hash with the top bit set. A lookup probes this small array first
    /// and reads a slot only when its byte agrees, so a word that is not
    /// there (half the words of news) rarely touches the big table.
    tags: Vec<u8>,
    mask: usize,
    shift: u32,
    /// Short words in `slots`.
    len: usize,
    /// Words longer than [`SHORT`] bytes.
    long: FxHashMap<Box<str>, [u32; N]>,
}

/// The vocabularies of two word tries merged: one lookup gives a word's id
/// in both.
pub(crate) type JointVocab = Vocab<2>;

impl<const N: usize> Default for Vocab<N> {
    fn default() -> Vocab<N> {
        Vocab::new(std::iter::empty(), 0)
    }
}

/// The key of a short word (1..=16 bytes): its bytes, zero-padded.
#[inline]
fn key(word: &[u8]) -> (u64, u64) {
    let mut buf = [0u8; SHORT];
    let n = word.len().min(SHORT);
    buf[..n].copy_from_slice(&word[..n]);
    let (a, b) = buf.split_at(8);
    let k0 = u64::from_le_bytes(a.try_into().unwrap_or_default());
    let k1 = u64::from_le_bytes(b.try_into().unwrap_or_default());
    (k0, k1)
}

/// The bytes below `n` of a little-endian word: `LOW[n]` keeps `n` bytes.
const LOW: [u64; 9] = [
    0,
    0xFF,
    0xFFFF,
    0xFF_FFFF,
    0xFFFF_FFFF,
    0xFF_FFFF_FFFF,
    0xFFFF_FFFF_FFFF,
    0xFF_FFFF_FFFF_FFFF,
    u64::MAX,
];

/// The key of the short word `text[s..e]`, reading 16 bytes at once when
/// the text has them (the bytes past `e` are masked off).
#[inline]
fn key_at(text: &[u8], s: usize, e: usize) -> (u64, u64) {
    let n = e - s;
    match text.get(s..s + SHORT) {
        Some(w) => {
            let (a, b) = w.split_at(8);
            let k0 = u64::from_le_bytes(a.try_into().unwrap_or_default());
            let k1 = u64::from_le_bytes(b.try_into().unwrap_or_default());
            (k0 & LOW[n.min(8)], k1 & LOW[n.saturating_sub(8)])
        }
        None => key(text.get(s..e).unwrap_or_default()),
    }
}

#[inline]
fn hash(k0: u64, k1: u64) -> u64 {
    (k0 ^ k1.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(31))
        .wrapping_mul(0xD6E8_FEB8_6659_FD93)
}

/// The tag byte of a hash: bits the slot index does not use, top bit set.
#[inline]
fn tag(h: u64) -> u8 {
    (h >> 24) as u8 | 0x80
}

impl<const N: usize> Vocab<N> {
    /// A vocabulary of `words` (distinct, non-empty, about `count` of
    /// them), each with its ids.
    fn new<'a>(words: impl Iterator<Item = (&'a str, [u32; N])>, count: usize) -> Vocab<N> {
        let cap = (count + count / 2 + 1).next_power_of_two().max(16);
        let mut v = Vocab {
            slots: vec![Slot::default(); cap],
            tags: vec![0; cap],
            mask: cap - 1,
            shift: 64 - cap.trailing_zeros(),
            len: 0,
            long: FxHashMap::default(),
        };
        for (w, ids) in words {
            v.insert(w, ids);
        }
        v
    }

    fn insert(&mut self, word: &str, ids: [u32; N]) {
        if word.len() > SHORT {
            self.long.insert(word.into(), ids);
            return;
        }
        let (k0, k1) = key(word.as_bytes());
        *self.entry(k0, k1) = ids;
    }

    /// The ids of the short word keyed `(k0, k1)`, added with no ids if it
    /// is not there yet.
    fn entry(&mut self, k0: u64, k1: u64) -> &mut [u32; N] {
        if 3 * (self.len + 1) > 2 * self.slots.len() {
            self.grow();
        }
        let h = hash(k0, k1);
        let mut i = (h >> self.shift) as usize;
        while self.slots[i].k0 != 0 && (self.slots[i].k0, self.slots[i].k1) != (k0, k1) {
            i = (i + 1) & self.mask;
        }
        if self.slots[i].k0 == 0 {
            self.len += 1;
            self.slots[i] = Slot {
                k0,
                k1,
                ids: [NONE; N],
            };
            self.tags[i] = tag(h);
        }
        &mut self.slots[i].ids
    }

    /// Doubles the table (only when a caller under-counted its words).
    #[cold]
    fn grow(&mut self) {
        let mut bigger = Vocab::new(std::iter::empty(), self.slots.len());
        bigger.long = std::mem::take(&mut self.long);
        for s in self.slots.iter().filter(|s| s.k0 != 0) {
            *bigger.entry(s.k0, s.k1) = s.ids;
        }
        *self = bigger;
    }

    /// Every word with its ids, in no particular order.
    #[cfg(test)]
    fn words(&self) -> impl Iterator<Item = (String, [u32; N])> + '_ {
        let short = self.slots.iter().filter(|s| s.k0 != 0).map(|s| {
            let mut bytes = [0u8; SHORT];
            bytes[..8].copy_from_slice(&s.k0.to_le_bytes());
            bytes[8..].copy_from_slice(&s.k1.to_le_bytes());
            let n = bytes.iter().position(|&b| b == 0).unwrap_or(SHORT);
            (String::from_utf8_lossy(&bytes[..n]).into_owned(), s.ids)
        });
        let long = self.long.iter().map(|(w, ids)| (w.to_string(), *ids));
        short.chain(long)
    }

    /// The ids of the word `text[s..e]`, or [`NONE`]s.
    #[inline]
    pub(crate) fn get(&self, text: &[u8], s: usize, e: usize) -> [u32; N] {
        if e <= s || e - s > SHORT {
            return self.get_long(text.get(s..e).unwrap_or_default());
        }
        let (k0, k1) = key_at(text, s, e);
        let h = hash(k0, k1);
        let want = tag(h);
        let mut i = (h >> self.shift) as usize;
        loop {
            match self.tags.get(i) {
                None | Some(0) => return [NONE; N],
                Some(&t) if t == want => {
                    if let Some(s) = self.slots.get(i).filter(|s| s.k0 == k0 && s.k1 == k1) {
                        return s.ids;
                    }
                }
                Some(_) => {}
            }
            i = (i + 1) & self.mask;
        }
    }

    #[cold]
    fn get_long(&self, word: &[u8]) -> [u32; N] {
        if self.long.is_empty() {
            return [NONE; N];
        }
        std::str::from_utf8(word)
            .ok()
            .and_then(|w| self.long.get(w))
            .copied()
            .unwrap_or([NONE; N])
    }

    /// Approximate heap memory held, in bytes.
    pub(crate) fn memory_usage(&self) -> usize {
        let long: usize = self.long.keys().map(|k| k.len() + 24 + 4 * N).sum();
        self.slots.len() * (std::mem::size_of::<Slot<N>>() + 1) + long
    }
}

impl Vocab<1> {
    /// A table from folded words (distinct, non-empty) to one value each,
    /// with the lookup of a word trie's vocabulary: for word lists read at
    /// every token, where a general hash map costs more. A value of
    /// [`NONE`] reads as absent. The table is kept at most a third full:
    /// most words looked up are in no list, and a miss probes until an
    /// empty slot.
    pub(crate) fn table<'a>(words: impl ExactSizeIterator<Item = (&'a str, u32)>) -> Vocab<1> {
        let count = words.len();
        Vocab::new(words.map(|(w, v)| (w, [v])), count.saturating_mul(2))
    }
}

impl JointVocab {
    /// The words of two tries, each with its id in both.
    pub(crate) fn joint(a: &WordTrie, b: &WordTrie) -> JointVocab {
        let (a, b) = (&a.vocab, &b.vocab);
        let count = a.len + b.len;
        let mut v = Vocab::new(std::iter::empty(), count);
        for (which, from) in [(0, a), (1, b)] {
            for s in from.slots.iter().filter(|s| s.k0 != 0) {
                v.entry(s.k0, s.k1)[which] = s.ids[0];
            }
            for (w, [id]) in &from.long {
                v.long.entry(w.clone()).or_insert([NONE; 2])[which] = *id;
            }
        }
        v
    }

    /// Looks up every token of `folded` once: `a` and `b` receive the
    /// token ids of the two tries, ready for [`WordTrie::scan`].
    pub(crate) fn lookup(&self, folded: &Folded, a: &mut Vec<u32>, b: &mut Vec<u32>) {
        let text = folded.text.as_bytes();
        a.clear();
        b.clear();
        for t in &folded.tokens {
            let [x, y] = self.get(text, t.fstart, t.fend);
            a.push(x);
            b.push(y);
        }
    }
}

/// A trie over the word ids of folded patterns.
#[derive(Clone, Debug, Default)]
pub(crate) struct WordTrie {
    vocab: Vocab<1>,
    /// The node reached from the root by each word id ([`NONE`]: no
    /// pattern starts with that word).
    root: Vec<u32>,
    /// `(node << 32) | word id` to the child, below the root.
    edges: FastMap<u64, u32>,
    /// The pattern ending at each node, or [`NONE`].
    term: Vec<u32>,
    /// Patterns that fold to nothing: they match every token.
    empty: Vec<u32>,
}

impl WordTrie {
    /// The trie of `patterns`: distinct folded texts (words separated by
    /// single spaces), pattern `i` reported as `i`.
    pub(crate) fn new(patterns: &[String]) -> WordTrie {
        let mut ids: FastMap<&str, u32> = FastMap::default();
        let mut words: Vec<&str> = Vec::new();
        // Every pattern's word ids, one after another: pattern `p` is
        // `seq[ends[p - 1]..ends[p]]`.
        let mut seq: Vec<u32> = Vec::with_capacity(patterns.len() * 2);
        let mut ends: Vec<usize> = Vec::with_capacity(patterns.len());
        for p in patterns {
            for w in p.split(' ').filter(|w| !w.is_empty()) {
                let id = *ids.entry(w).or_insert_with(|| {
                    words.push(w);
                    (words.len() - 1) as u32
                });
                seq.push(id);
            }
            ends.push(seq.len());
        }
        let seqs = ends
            .iter()
            .scan(0, |start, &end| {
                Some(seq.get(std::mem::replace(start, end)..end))
            })
            .map(Option::unwrap_or_default);
        let mut t = WordTrie {
            vocab: Vocab::new(words.iter().copied().zip((0..).map(|id| [id])), words.len()),
            root: vec![NONE; words.len()],
            ..WordTrie::default()
        };
        for (pid, seq) in (0u32..).zip(seqs) {
            let Some((&first, rest)) = seq.split_first() else {
                t.empty.push(pid);
                continue;
            };
            let mut node = t.root[first as usize];
            if node == NONE {
                node = t.new_node();
                t.root[first as usize] = node;
            }
            for &w in rest {
                let k = (u64::from(node) << 32) | u64::from(w);
                node = match t.edges.get(&k) {
                    Some(&c) => c,
                    None => {
                        let c = t.new_node();
                        t.edges.insert(k, c);
                        c
                    }
                };
            }
            // Patterns are distinct, so no node ends two of them.
            t.term[node as usize] = pid;
        }
        t
    }

    fn new_node(&mut self) -> u32 {
        self.term.push(NONE);
        (self.term.len() - 1) as u32
    }

    /// Fills `ids` with the id of each token of `folded` in this trie's
    /// own vocabulary.
    pub(crate) fn lookup(&self, folded: &Folded, ids: &mut Vec<u32>) {
        let text = folded.text.as_bytes();
        ids.clear();
        ids.extend(
            folded
                .tokens
                .iter()
                .map(|t| self.vocab.get(text, t.fstart, t.fend)[0]),
        );
    }

    /// Calls `f(first, last, pattern)` for every occurrence of a pattern
    /// spelled by tokens `first..=last` of a text whose token ids (from
    /// a [`JointVocab`]) are `ids`, ordered by
    /// `first`, then `last`.
    #[inline]
    pub(crate) fn scan(&self, ids: &[u32], mut f: impl FnMut(usize, usize, u32)) {
        if self.term.is_empty() && self.empty.is_empty() {
            return;
        }
        for (i, &id) in ids.iter().enumerate() {
            for &p in &self.empty {
                f(i, i, p);
            }
            let Some(&start) = self.root.get(id as usize) else {
                continue;
            };
            if start == NONE {
                continue;
            }
            let mut node = start;
            let mut j = i;
            loop {
                let p = self.term[node as usize];
                if p != NONE {
                    f(i, j, p);
                }
                j += 1;
                let Some(&next) = ids.get(j) else { break };
                if next == NONE {
                    break;
                }
                match self.edges.get(&((u64::from(node) << 32) | u64::from(next))) {
                    Some(&c) => node = c,
                    None => break,
                }
            }
        }
    }

    /// Approximate heap memory held, in bytes.
    pub(crate) fn memory_usage(&self) -> usize {
        self.vocab.memory_usage()
            + 4 * (self.root.len() + self.term.len() + self.empty.len())
            + 16 * self.edges.capacity()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(patterns: &[&str], text: &str) -> Vec<(usize, usize, u32)> {
        let patterns: Vec<String> = patterns.iter().map(|p| p.to_string()).collect();
        let trie = WordTrie::new(&patterns);
        let mut f = Folded::default();
        f.fold(text);
        let mut ids = Vec::new();
        trie.lookup(&f, &mut ids);
        let mut out = Vec::new();
        trie.scan(&ids, |a, b, p| out.push((a, b, p)));
        // One lookup in a vocabulary joint with another trie's gives the
        // same ids.
        let other = WordTrie::new(&["york minster".to_string(), "of".to_string()]);
        let joint = JointVocab::joint(&trie, &other);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        joint.lookup(&f, &mut a, &mut b);
        assert_eq!(a, ids);
        let mut theirs = Vec::new();
        other.lookup(&f, &mut theirs);
        assert_eq!(b, theirs);
        out
    }

    #[test]
    fn every_occurrence_of_every_pattern() {
        let p = ["new york", "new york city", "york", "city hall"];
        assert_eq!(
            hits(&p, "New York City Hall, York"),
            [(0, 1, 0), (0, 2, 1), (1, 1, 2), (2, 3, 3), (4, 4, 2)]
        );
        assert_eq!(hits(&p, "newyork new"), []);
    }

    #[test]
    fn long_words_and_unknown_words() {
        let p = ["internationalisation of trade", "trade"];
        assert_eq!(
            hits(
                &p,
                "Internationalisation of trade; internationalisations of trade"
            ),
            [(0, 2, 0), (2, 2, 1), (5, 5, 1)]
        );
    }

    #[test]
    fn vocabulary_grows_and_finds_every_word_and_no_other() {
        let words: Vec<String> = (0..5000).map(|i| format!("w{i}x")).collect();
        let long = "a".repeat(SHORT + 3);
        // Told there are none: the table must grow as words arrive.
        let mut v: Vocab<1> = Vocab::new(std::iter::empty(), 0);
        for (i, w) in (0u32..).zip(words.iter().chain([&long])) {
            v.insert(w, [i]);
        }
        for (i, w) in (0u32..).zip(words.iter().chain([&long])) {
            assert_eq!(v.get(w.as_bytes(), 0, w.len()), [i], "{w}");
        }
        let shorter = "a".repeat(SHORT + 2);
        for w in ["w5000x", "w1", "x", "aaaa", &shorter] {
            assert_eq!(v.get(w.as_bytes(), 0, w.len()), [NONE], "{w}");
        }
        assert_eq!(v.words().count(), words.len() + 1);
    }
}
