//! Structure-aware generators: the fuzzer's bytes read as choices that
//! build a data file, a rule file or an article with the shapes byte
//! fuzzing rarely reaches (long words, unspaced script, names of the
//! default data repeated, acronym definitions, deep category trees,
//! parent chains and cycles, aliases shared by many entities, deep
//! condition nesting). Plain Rust on gazetag alone, like `cases.rs`,
//! which includes this file: `tests/fuzz_replay.rs` replays what the
//! `gen_*` targets find.

use std::sync::LazyLock;

use gazetag::{Article, Gazetteer, RuleSet, Tagger};

/// The fuzzer's bytes, read as choices; past the end every choice is 0.
pub struct Choices<'a> {
    data: &'a [u8],
}

impl<'a> Choices<'a> {
    pub fn new(data: &'a [u8]) -> Choices<'a> {
        Choices { data }
    }

    fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((b, rest)) => {
                self.data = rest;
                *b
            }
            None => 0,
        }
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        let v = usize::from(self.byte()) << 8 | usize::from(self.byte());
        v.checked_rem(n).unwrap_or(0)
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    fn done(&self) -> bool {
        self.data.is_empty()
    }
}

/// The default tagger, built once per process.
static DEFAULT: LazyLock<Tagger> = LazyLock::new(Tagger::default);

/// Names of the default data, to be repeated in texts.
static NAMES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let g = DEFAULT.gazetteer();
    g.entities().map(|e| e.name().to_string()).collect()
});

/// Words that steer the stages: titles, speech verbs, place cues,
/// articles, acronym brackets, datelines, sports results.
const GLUE: &[&str] = &[
    " ",
    ", ",
    ". ",
    " (",
    ") ",
    " the ",
    " of ",
    " and ",
    " said ",
    " says ",
    "President ",
    "Minister ",
    " in ",
    " near ",
    "\n\n",
    " - ",
    " 2 ",
    " 1 ",
    "WASHINGTON, March 3 - ",
    "(Reuters) - ",
    "'s ",
    " SAYS ",
    "\u{00a0}",
    " \u{201c}",
    "\u{201d} ",
    "-",
    " U.S. ",
    "Mr. ",
    " Bank",
    " Party",
    " Ministry of ",
];

/// A word from one of the shapes that were once slow or fragile.
fn word(c: &mut Choices, names: &[String]) -> String {
    match c.below(12) {
        0 => "q".repeat(c.below(20_000)),
        1 => "统".repeat(c.below(5_000)),
        2 => {
            let n = 2 + c.below(9);
            (0..n).map(|_| char::from(b'A' + (c.byte() % 26))).collect()
        }
        3 => names
            .get(c.below(names.len().max(1)))
            .cloned()
            .unwrap_or_default(),
        4 => names
            .get(c.below(names.len().max(1)))
            .map(|n| n.to_uppercase())
            .unwrap_or_default(),
        5 => "LEYVA ".repeat(c.below(2_000)),
        6 => " ".repeat(c.below(5_000)),
        7 => "(".repeat(c.below(500)),
        8 => "é\u{301}ß\u{130}ﬁ".repeat(c.below(200)),
        9 => c
            .pick(&[
                "Peña Nieto",
                "Calderón",
                "Georgia",
                "Moscow",
                "CIA",
                "Jordan",
            ])
            .to_string(),
        10 => c.pick(GLUE).repeat(1 + c.below(50)),
        _ => {
            let n = 1 + c.below(12);
            let capital = c.byte() % 2 == 0;
            (0..n)
                .map(|i| {
                    let letter = char::from(b'a' + (c.byte() % 26));
                    if i == 0 && capital {
                        letter.to_ascii_uppercase()
                    } else {
                        letter
                    }
                })
                .collect()
        }
    }
}

/// A text of about at most `limit` bytes from words and glue.
fn text(c: &mut Choices, names: &[String], limit: usize) -> String {
    let mut t = String::new();
    while !c.done() && t.len() < limit {
        t.push_str(&word(c, names));
        t.push_str(c.pick(GLUE));
    }
    t
}

/// An article of names of the default data in the shapes above, tagged
/// by the default tagger; every guarantee checked.
pub fn gen_text(data: &[u8]) {
    let mut c = Choices::new(data);
    let title = text(&mut c, &NAMES, 300);
    let body = text(&mut c, &NAMES, 200_000);
    let article = Article {
        title: &title,
        body: &body,
        dateline: "",
    };
    let doc = DEFAULT.tag_article(&article);
    super::check(&title, "", &body, &doc);
}

/// A data file: entities of every kind whose names share a small pool
/// (so that many entities share an alias), parents and countries linked
/// anywhere (cycles, self-links, dangling ids), long aliases, cues, and
/// sometimes a deeply nested value; then, if it loads, a text of its
/// aliases tagged.
pub fn gen_data(data: &[u8]) {
    const KINDS: &[&str] = &[
        "organization",
        "topic",
        "person",
        "place",
        "country",
        "agency",
        "party",
        "bogus",
    ];
    const LISTS: &[&str] = &[
        "names",
        "exact",
        "phrases",
        "demonyms",
        "metonyms",
        "partial",
        "cues",
        "context_names",
        "roles",
    ];
    let mut c = Choices::new(data);
    let pool: Vec<String> = (0..1 + c.below(6)).map(|_| word(&mut c, &[])).collect();
    let n = 1 + c.below(200);
    let mut toml = String::new();
    for i in 0..n {
        let kind = c.pick(KINDS);
        let name = pool[c.below(pool.len())].clone();
        toml.push_str(&format!(
            "[[entity]]\nid = \"e/{i}\"\nkind = \"{kind}\"\nname = {}\n",
            super::quote(&name)
        ));
        match c.below(6) {
            0 => toml.push_str(&format!("parent = \"e/{}\"\n", c.below(n + 2))),
            1 => toml.push_str(&format!("country = \"e/{}\"\n", c.below(n + 2))),
            2 => toml.push_str(&format!("iso = \"{}\"\n", c.pick(&["XX", "MX", "", "xx"]))),
            3 => toml.push_str(&format!("population = {}\n", c.below(1 << 16) * 1000)),
            _ => {}
        }
        for _ in 0..c.below(4) {
            let list = c.pick(LISTS);
            let alias = match c.below(4) {
                0 => word(&mut c, &[]),
                1 => vec!["w"; 1 + c.below(40)].join(" "),
                _ => pool[c.below(pool.len())].clone(),
            };
            toml.push_str(&format!("{list} = [{}]\n", super::quote(&alias)));
        }
        if c.below(50) == 0 {
            let d = c.below(300);
            toml.push_str(&format!("x = {}{}\n", "[".repeat(d), "]".repeat(d)));
        }
    }
    let Ok(g) = Gazetteer::builder().add_str("gen.toml", &toml).build() else {
        return;
    };
    let tagger = Tagger::new(g).with_rules(RuleSet::empty());
    let body = text(&mut c, &pool, 50_000);
    let doc = tagger.tag(&body);
    super::check("", "", &body, &doc);
}

/// A rule file: categories in chains, trees and cycles of `parent`,
/// conditions nested with `all`, `any` and `not`, `where`, weights,
/// thresholds, regexes and tag tests on the default data; then, if it
/// loads, an article tagged with it over the default data.
pub fn gen_rules(data: &[u8]) {
    let mut c = Choices::new(data);
    let n = 1 + c.below(400);
    let mut rules = String::new();
    for i in 0..n {
        rules.push_str(&format!("[[category]]\nname = \"c{i}\"\n"));
        match c.below(5) {
            0 => {}
            1 => rules.push_str(&format!("parent = \"c{}\"\n", c.below(n + 1))),
            _ if i > 0 => rules.push_str(&format!("parent = \"c{}\"\n", i - 1)),
            _ => {}
        }
        if c.below(4) == 0 {
            rules.push_str(&format!("code = \"k{}\"\n", c.below(n)));
        }
        if c.below(3) == 0 {
            rules.push_str(&format!("threshold = {}\n", c.below(5) as f32 - 1.0));
        }
        for _ in 0..1 + c.below(3) {
            rules.push_str("[[category.when]]\n");
            rules.push_str(&format!("label = \"l{}\"\n", c.below(9)));
            rules.push_str(&format!("weight = {}\n", c.below(7) as f32 - 2.0));
            let depth = c.below(24);
            rules.push_str(&format!("{}\n", condition(&mut c, depth)));
        }
    }
    let Ok(r) = RuleSet::builder().add_str("gen-rules.toml", &rules).build() else {
        return;
    };
    let tagger = DEFAULT.clone().with_rules(r);
    let title = text(&mut c, &NAMES, 200);
    let body = text(&mut c, &NAMES, 20_000);
    let doc = tagger.tag_document(&title, &body);
    super::check(&title, "", &body, &doc);
}

/// A condition as `key = value` lines, nested `depth` deep.
fn condition(c: &mut Choices, depth: usize) -> String {
    if depth > 0 {
        let inner = condition(c, depth - 1).replace('\n', ", ");
        return match c.below(3) {
            0 => format!("not = {{ {inner} }}"),
            1 => format!("all = [{{ {inner} }}, {{ phrases = [\"spy\"] }}]"),
            _ => format!("any = [{{ {inner} }}]"),
        };
    }
    let place = c.pick(&[
        "",
        "\nwhere = \"body\"",
        "\nwhere = \"title\"",
        "\nwhere = \"x\"",
    ]);
    let test = match c.below(7) {
        0 => format!("phrases = [{}]", super::quote(&word(c, &NAMES))),
        1 => format!(
            "regex = {}",
            super::quote(c.pick(&["\\bspy\\b", "(a+)+$", "[", "\\d{2,}", "."]))
        ),
        2 => format!(
            "kind = \"{}\"",
            c.pick(&["country", "person", "agency", "x"])
        ),
        3 => format!(
            "countries = [\"country/{}\"]",
            c.pick(&["us", "mx", "ru", "zz"])
        ),
        4 => format!(
            "entities = [\"{}\"]",
            c.pick(&["agency/cia", "country/us", "nope"])
        ),
        5 => format!("kind = \"country\"\nat_least = {}", c.below(4)),
        _ => format!(
            "phrases = [\"spy\"]\nmin_count = {}\ndistinct = {}",
            c.below(4),
            c.below(3)
        ),
    };
    format!("{test}{place}")
}
