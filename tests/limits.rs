//! Hostile sizes and shapes: long lines, many mentions, endless words,
//! deeply nested TOML, regexes that would blow up. Each test only checks
//! that the library answers (a result or a clear error) rather than
//! crashing; sizes are a few MB so that the suite stays fast in debug
//! builds. README.md ("Hostile input") gives the release-mode runs on
//! inputs of hundreds of MB with their peak memory.

use std::sync::LazyLock;

use gazetag::{ErrorKind, Gazetteer, ProblemKind, RuleSet, Tagger};

use crate::common;

/// A topic of three words, beside the CIA.
const WAR_ON_DRUGS: &str = r#"
[[entity]]
id = "topic/war-on-drugs"
kind = "topic"
name = "war on drugs"
"#;

static TAGGER: LazyLock<Tagger> = LazyLock::new(|| {
    let data = format!("{}{WAR_ON_DRUGS}", common::CIA);
    common::tagger_without_rules("limits.toml", &data)
});

#[test]
fn a_long_single_line() {
    // 4 MB without a line break, a mention at each end.
    let filler = "lorem ipsum dolor sit amet ".repeat(150_000);
    let text = format!("CIA {filler} war on drugs");
    let doc = TAGGER.tag(&text);
    assert_eq!(doc.mentions.len(), 2);
    assert_eq!(doc.mentions[1].span.end, text.len());
}

#[test]
fn hundreds_of_thousands_of_mentions() {
    let text = "CIA, ".repeat(200_000);
    let doc = TAGGER.tag(&text);
    assert_eq!(doc.mentions.len(), 200_000);
    assert_eq!(doc.tags.len(), 1);
    assert_eq!(doc.tags[0].count, 200_000);
}

#[test]
fn ten_thousand_character_words() {
    let words = [
        "a".repeat(10_000),
        "é".repeat(10_000),
        "e\u{301}".repeat(10_000),
        "\u{301}".repeat(10_000),
        "\u{200d}".repeat(10_000),
        "ﬁ".repeat(10_000),
        "İ".repeat(10_000),
        "CIA".repeat(10_000),
        "🔥".repeat(10_000),
    ];
    for w in &words {
        let text = format!("{w} CIA {w}");
        let doc = TAGGER.tag(&text);
        assert_eq!(doc.mentions.len(), 1, "{:?}…", &w[..8]);
        assert_eq!(&text[doc.mentions[0].span.range()], "CIA");
    }
}

#[test]
fn whitespace_and_punctuation_floods() {
    for piece in [" ", "\n", ".", "\u{a0}", "\u{200b}", "-", "()"] {
        let text = format!("{}CIA{}", piece.repeat(500_000), piece.repeat(500_000));
        let doc = TAGGER.tag(&text);
        assert_eq!(doc.mentions.len(), 1, "{piece:?}");
    }
}

#[test]
fn many_acronym_definitions() {
    // Every bracketed acronym is a definition to check.
    let text = "Some Long Agency Name (SLAN) and ".repeat(20_000);
    let doc = TAGGER.tag(&text);
    assert!(doc.mentions.len() >= 20_000);
}

/// The problems of loading `data` as a data file and as a rule file.
fn load_problems(data: &str) -> (Vec<ProblemKind>, Vec<ProblemKind>) {
    let g = Gazetteer::builder().add_str("deep.toml", data).build();
    let r = RuleSet::builder().add_str("deep.toml", data).build();
    let kinds = |e: gazetag::Error| {
        assert_eq!(e.kind(), ErrorKind::Data);
        e.problems().iter().map(|p| p.kind()).collect()
    };
    (
        g.map_or_else(kinds, |_| Vec::new()),
        r.map_or_else(kinds, |_| Vec::new()),
    )
}

#[test]
fn deeply_nested_toml_is_refused_not_a_stack_overflow() {
    let n = 100_000;
    let deep = [
        format!("a = {}{}", "[".repeat(n), "]".repeat(n)),
        format!("a = {}1{}", "{a = ".repeat(n), "}".repeat(n)),
        format!("{} = 1", vec!["a"; n].join(".")),
        format!("[{}]", vec!["a"; n].join(".")),
        format!("a = {}", "[".repeat(n)),
    ];
    for data in &deep {
        let (g, r) = load_problems(data);
        assert_eq!(g, [ProblemKind::Syntax], "{:?}…", &data[..20]);
        assert_eq!(r, [ProblemKind::Syntax], "{:?}…", &data[..20]);
        // The report says where: each of these is on line 2.
        let data = format!("# nested\n{data}");
        let err = Gazetteer::builder()
            .add_str("deep.toml", &data)
            .build()
            .unwrap_err();
        let lines: Vec<Option<usize>> = err.problems().iter().map(|p| p.line()).collect();
        assert_eq!(lines, [Some(2)], "{err}");
    }
}

#[test]
fn deeply_nested_conditions_are_refused() {
    // TOML itself allows 80 levels of inline tables, and as many again in
    // a dotted table header; conditions nest at most 16 deep, and a rule
    // file nested deeper must be refused before it exhausts the stack.
    let n = 70;
    let inline = format!(
        "{}{{ phrases = [\"y\"] }}{}",
        "{ not = ".repeat(n),
        " }".repeat(n)
    );
    let head = "[[category]]\nname = \"x\"\n[[category.when]]\n";
    let dotted = format!("[category.when{}]\n", ".not".repeat(n));
    let rules = format!("{head}not = {inline}\n");
    let err = RuleSet::builder()
        .add_str("deep.toml", &rules)
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("nest more than 16"), "{err}");
    // Conditions nested through dotted headers are refused too, with
    // whatever message the TOML parser gives for them: refused all the
    // same, which is what matters here.
    for rules in [
        format!("{head}{dotted}phrases = [\"y\"]\n"),
        format!("{head}{dotted}not = {inline}\n"),
    ] {
        assert!(
            RuleSet::builder()
                .add_str("deep.toml", &rules)
                .build()
                .is_err()
        );
    }
}

#[test]
fn a_big_data_file_loads() {
    // 20,000 entities, about 2 MB of TOML.
    let mut data = String::new();
    for i in 0..20_000 {
        data.push_str(&format!(
            "[[entity]]\nid = \"org/{i}\"\nkind = \"organization\"\nname = \"Org Number {i}\"\nexact = [\"ON{i}\"]\n"
        ));
    }
    let g = Gazetteer::builder()
        .add_str("big.toml", &data)
        .build()
        .unwrap();
    assert_eq!(g.entities_len(), 20_000);
    let doc = Tagger::new(g).tag("Org Number 19999 and ON7");
    assert_eq!(doc.mentions.len(), 2);
}

#[test]
fn a_huge_alias_is_refused_and_a_long_one_matches() {
    // Matching costs time in an alias's words at each place it could
    // start: 20,000 words cost 1.45 s per match. 32 is the most.
    let entity = |alias: &str| {
        format!("[[entity]]\nid = \"org/long\"\nkind = \"organization\"\nname = \"{alias}\"\n")
    };
    let huge = "Word ".repeat(1_000);
    let err = Gazetteer::builder()
        .add_str("long.toml", &entity(huge.trim()))
        .build()
        .unwrap_err();
    assert_eq!(err.problems()[0].kind(), ProblemKind::InvalidValue);
    let long = "Word ".repeat(32);
    let g = Gazetteer::builder()
        .add_str("long.toml", &entity(long.trim()))
        .build()
        .unwrap();
    let doc = Tagger::new(g).tag(&long.repeat(2));
    assert_eq!(doc.mentions.len(), 2);
}

/// The first problem message of a rule file with one regex condition.
fn regex_problem(re: &str) -> String {
    let rules = format!("[[category]]\nname = \"x\"\n[[category.when]]\nregex = '{re}'\n");
    let err = RuleSet::builder()
        .add_str("re.toml", &rules)
        .build()
        .unwrap_err();
    assert_eq!(err.problems()[0].kind(), ProblemKind::InvalidValue);
    assert_eq!(err.problems()[0].line(), Some(4));
    err.problems()[0].message().to_string()
}

#[test]
fn regexes_that_would_blow_up_are_refused() {
    for re in [
        r"\w{1000}{1000}",
        r"(?:\w+\s+){500}\w{500}",
        r"[\p{L}\p{N}]{100000}",
    ] {
        let msg = regex_problem(re);
        assert!(msg.contains("size limit"), "{re}: {msg}");
    }
    let msg = regex_problem(&format!("{}a{}", "(".repeat(1000), ")".repeat(1000)));
    assert!(msg.contains("invalid regex"), "{msg}");
}

#[test]
fn too_many_regexes_are_refused() {
    let mut rules = String::from("[[category]]\nname = \"x\"\n");
    for i in 0..600 {
        rules.push_str(&format!("[[category.when]]\nregex = 'w{i}'\n"));
    }
    let err = RuleSet::builder()
        .add_str("re.toml", &rules)
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("more than 512 regexes"), "{err}");
}

#[test]
fn regexes_run_in_linear_time_on_long_texts() {
    // A backtracking engine would take forever on this; regex is linear.
    let rules = "[[category]]\nname = \"x\"\n[[category.when]]\nregex = '(a+)+b'\n";
    let rules = RuleSet::builder()
        .add_str("re.toml", rules)
        .build()
        .unwrap();
    let tagger = TAGGER.clone().with_rules(rules);
    let doc = tagger.tag(&"a".repeat(1_000_000));
    assert!(doc.categories.is_empty());
}
