//! The trigger index: which categories a document can possibly be filed
//! under, from the phrase lists it has hits of and the kinds of its tags,
//! before any condition is tested.
//!
//! A category reaches its threshold only on evidence: on the sum scale
//! some condition of positive weight must hold, and on the logistic scale
//! too unless its bias alone reaches the threshold. Each condition that
//! can add to the score is reduced to the things one of which a document
//! must have for it to hold (its triggers: a phrase list, a kind of tag,
//! any tag at all), and each trigger lists the categories it wakes. A
//! document wakes the categories of the triggers it has; the others are
//! not looked at. A condition with no such thing (a regular expression, a
//! `not`) keeps its category awake for every document.

use super::cond::{Cond, Rule, TagTest};
use crate::types::Kind;

/// Room for one list of categories per [`Kind`] (`Kind as usize`).
const KINDS: usize = 8;

/// Something a document has that a condition may need.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
enum Trigger {
    /// A hit of phrase list `n`.
    List(u32),
    /// A tag of this kind.
    Kind(Kind),
    /// A tag.
    AnyTag,
}

/// For each trigger, the categories it wakes (by index, ascending).
#[derive(Clone, Debug, Default)]
pub(crate) struct Triggers {
    /// Categories that may be filed whatever the document has.
    always: Vec<u32>,
    /// The categories phrase list `l` wakes are
    /// `list_rules[list_starts[l]..list_starts[l + 1]]`.
    list_starts: Vec<u32>,
    list_rules: Vec<u32>,
    by_kind: [Vec<u32>; KINDS],
    any_tag: Vec<u32>,
}

impl Triggers {
    /// The index of `rules`, whose phrase conditions use `lists` lists.
    pub(crate) fn new(rules: &[Rule], lists: u32) -> Triggers {
        let mut by_list: Vec<Vec<u32>> = vec![Vec::new(); lists as usize];
        let mut t = Triggers::default();
        let mut found = Vec::new();
        for (r, rule) in rules.iter().enumerate() {
            let r = r as u32;
            found.clear();
            if !rule_triggers(rule, &mut found) {
                t.always.push(r);
                continue;
            }
            for trigger in &found {
                let wakes = match *trigger {
                    Trigger::List(l) => by_list.get_mut(l as usize),
                    Trigger::Kind(k) => t.by_kind.get_mut(k as usize),
                    Trigger::AnyTag => Some(&mut t.any_tag),
                };
                // A list past the last or a kind past the room (neither
                // can be) keeps the category awake instead.
                match wakes {
                    Some(rules) if rules.last() != Some(&r) => rules.push(r),
                    Some(_) => {}
                    None => t.always.push(r),
                }
            }
        }
        t.always.dedup();
        t.list_starts.push(0);
        for rules in by_list {
            t.list_rules.extend(rules);
            t.list_starts.push(t.list_rules.len() as u32);
        }
        t
    }

    /// Marks in `awake` (one flag per category, all false on entry) the
    /// categories a document may be filed under: those of the triggers it
    /// has. `lists` are the phrase lists it has hits of, `kinds` the
    /// kinds of its tags.
    pub(crate) fn wake(
        &self,
        lists: impl Iterator<Item = u32>,
        kinds: impl Iterator<Item = Kind>,
        awake: &mut [bool],
    ) {
        let mut mark = |rules: &[u32]| {
            for &r in rules {
                if let Some(a) = awake.get_mut(r as usize) {
                    *a = true;
                }
            }
        };
        mark(&self.always);
        for l in lists {
            let l = l as usize;
            if let (Some(&a), Some(&b)) = (self.list_starts.get(l), self.list_starts.get(l + 1)) {
                mark(
                    self.list_rules
                        .get(a as usize..b as usize)
                        .unwrap_or_default(),
                );
            }
        }
        let mut seen = [false; KINDS];
        let mut any = false;
        for k in kinds {
            any = true;
            if let Some(s) = seen.get_mut(k as usize).filter(|s| !**s) {
                *s = true;
                mark(self.by_kind.get(k as usize).map_or(&[], Vec::as_slice));
            }
        }
        if any {
            mark(&self.any_tag);
        }
    }

    /// Approximate heap memory held, in bytes.
    pub(crate) fn memory_usage(&self) -> usize {
        let kinds: usize = self.by_kind.iter().map(Vec::capacity).sum();
        (self.always.capacity()
            + self.list_starts.capacity()
            + self.list_rules.capacity()
            + kinds
            + self.any_tag.capacity())
            * size_of::<u32>()
    }
}

/// Appends to `out` the triggers one of which a document must have for
/// `rule` to be filed; false when it may be filed without any (its bias
/// alone reaches its threshold, or a condition that may add to its score
/// needs none of them).
fn rule_triggers(rule: &Rule, out: &mut Vec<Trigger>) -> bool {
    if rule.bias.is_some() && rule.needs <= 0.0 {
        return false;
    }
    // Only a condition that can add to the score can take it up to the
    // threshold.
    rule.conditions
        .iter()
        .filter(|w| w.gain > 0.0)
        .all(|w| cond_triggers(&w.cond, out))
}

/// Appends to `out` the triggers one of which a document must have for
/// `cond` to hold; false when it may hold without any.
fn cond_triggers(cond: &Cond, out: &mut Vec<Trigger>) -> bool {
    match cond {
        Cond::Tags(t) => {
            out.push(tag_trigger(t));
            true
        }
        Cond::Phrases { list, .. } | Cond::Table { list, .. } => {
            out.push(Trigger::List(*list));
            true
        }
        Cond::Regex { .. } | Cond::Not(_) => false,
        // Holds only when every part does: the triggers of the part
        // that needs the fewest.
        Cond::All(conds) => {
            let mut best: Option<Vec<Trigger>> = None;
            for c in conds {
                let mut mine = Vec::new();
                if cond_triggers(c, &mut mine) && best.as_ref().is_none_or(|b| mine.len() < b.len())
                {
                    best = Some(mine);
                }
            }
            best.map(|b| out.extend(b)).is_some()
        }
        Cond::Any(conds) => conds.iter().all(|c| cond_triggers(c, out)),
    }
}

/// What a tag test needs: a tag of its kind, a topic, or any tag.
fn tag_trigger(t: &TagTest) -> Trigger {
    match (t.kind, &t.topic) {
        (Some(kind), _) => Trigger::Kind(kind),
        (None, Some(_)) => Trigger::Kind(Kind::Topic),
        (None, None) => Trigger::AnyTag,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{RuleSet, Tagger};

    /// Categories each of which only one kind of thing can wake, in
    /// this order: a phrase, a kind of tag, a topic, any tag, a regular
    /// expression, a bias that reaches the threshold alone, a `not`, an
    /// `all` whose phrase part must hold, and a category whose only
    /// positive condition is a phrase (its tag test only takes away).
    const RULES: &str = r#"
[[category]]
name = "ports"
[[category.when]]
phrases = ["harbour", "container ship"]

[[category]]
name = "agencies"
[[category.when]]
kind = "agency"

[[category]]
name = "drugs"
[[category.when]]
topic = "topic/war-on-drugs"

[[category]]
name = "anything tagged"
[[category.when]]
countries = ["country/fr"]

[[category]]
name = "strikes"
[[category.when]]
regex = '(?i)\bstrike\b'

[[category]]
name = "likely anyway"
scale = "logistic"
bias = 1.0
threshold = 0.5
[[category.when]]
phrases = ["weather"]

[[category]]
name = "not about weather"
[[category.when]]
not = { phrases = ["weather"] }

[[category]]
name = "ports in France"
[[category.when]]
all = [{ regex = 'port' }, { phrases = ["quay"] }]

[[category]]
name = "harbours without people"
threshold = 1
[[category.when]]
phrases = ["harbour"]
[[category.when]]
kind = "person"
weight = -1.0
"#;

    fn awake(rules: &RuleSet, lists: &[u32], kinds: &[Kind]) -> Vec<&'static str> {
        let mut awake = vec![false; rules.len()];
        let names: Vec<&str> = rules.names().collect();
        rules
            .triggers
            .wake(lists.iter().copied(), kinds.iter().copied(), &mut awake);
        let all = [
            "ports",
            "agencies",
            "drugs",
            "anything tagged",
            "strikes",
            "likely anyway",
            "not about weather",
            "ports in France",
            "harbours without people",
        ];
        assert_eq!(names, all);
        all.into_iter()
            .zip(awake)
            .filter(|(_, a)| *a)
            .map(|(n, _)| n)
            .collect()
    }

    #[test]
    fn wakes_only_the_categories_whose_triggers_the_document_has() {
        let rules = RuleSet::builder().add_str("t.toml", RULES).build().unwrap();
        let always = ["strikes", "likely anyway", "not about weather"];
        assert_eq!(awake(&rules, &[], &[]), always);
        // Phrase lists in load order: "ports" 0, "likely anyway" 1, the
        // `not` 2, the `all` 3, "harbours without people" 4.
        assert_eq!(
            awake(&rules, &[0], &[]),
            ["ports", "strikes", "likely anyway", "not about weather"]
        );
        assert_eq!(
            awake(&rules, &[3, 4], &[]),
            [
                "strikes",
                "likely anyway",
                "not about weather",
                "ports in France",
                "harbours without people"
            ]
        );
        // A person wakes only what any tag wakes: its test takes away.
        assert_eq!(
            awake(&rules, &[], &[Kind::Person]),
            [
                "anything tagged",
                "strikes",
                "likely anyway",
                "not about weather"
            ]
        );
        assert_eq!(
            awake(&rules, &[], &[Kind::Agency, Kind::Topic]),
            [
                "agencies",
                "drugs",
                "anything tagged",
                "strikes",
                "likely anyway",
                "not about weather"
            ]
        );
    }

    /// The default rules with every category awake for every document.
    fn without_index() -> RuleSet {
        let mut rules = RuleSet::builder().with_default_rules().build().unwrap();
        rules.triggers.always = (0..rules.len() as u32).collect();
        rules
    }

    #[test]
    fn files_every_document_as_testing_every_category_would() {
        let texts = [
            include_str!("../../tests/data/articles/mexico-dea.txt"),
            include_str!("../../tests/data/articles/russia-spies.txt"),
            include_str!("../../tests/data/articles/snowden-nsa.txt"),
            "Striker scores twice as United win the cup final\n\
             The club's top scorer came back from a knee injury to settle the \
             match in extra time; the manager said the title race was open.",
            "Band tops the singles chart\nThe group's new album sold 80,000 \
             copies in its first week, and their tour of Europe sold out.",
            "Central bank raises rates\nThe Bundesbank raised its discount \
             rate by half a point to curb inflation, and the mark rose against \
             the dollar on foreign exchange markets in Frankfurt.",
            "Storm closes ports\nHeavy rain and gales shut the harbour at \
             Dover; ferries were cancelled and lorries queued for miles.",
            "",
        ];
        let indexed = Tagger::default();
        let every = Tagger::default().with_rules(without_index());
        let mut filed = 0;
        for text in texts {
            let (a, b) = (indexed.tag(text), every.tag(text));
            assert_eq!(a.categories, b.categories, "{text}");
            filed += a.categories.len();
        }
        assert!(filed >= 8, "the texts are filed under something: {filed}");
    }
}
