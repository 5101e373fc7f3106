//! The rule learner, and the parts of the rule language it writes:
//! `weights` tables, the logistic scale and the common-word case policy.

use gazetag::learn::{Example, Learner};
use gazetag::{ErrorKind, RuleSet, Tagger};

fn tagger(rules: &str) -> Tagger {
    let rules = RuleSet::builder().add_str("t.toml", rules).build().unwrap();
    Tagger::default().with_rules(rules)
}

const LABOUR: &str = r#"
[[category]]
name = "labour"
scale = "logistic"
bias = -2.0
threshold = 0.5

[[category.when]]
label = "labour vocabulary"
[category.when.weights]
"labour" = 1.5
"trade union" = 1.5
"strike" = 1.0
"Labour" = -3.0
"#;

#[test]
fn a_weights_table_adds_each_phrase_once_on_the_logistic_scale() {
    let t = tagger(LABOUR);
    let doc =
        t.tag("The trade union said labour was scarce; labour costs and labour shortages rose.");
    let c = &doc.categories[0];
    assert_eq!(c.name, "labour");
    // bias -2 + 1.5 + 1.5 = 1: sigmoid(1) = 0.731; "labour" counts once.
    assert!((c.score - 0.731).abs() < 1e-3, "{}", c.score);
    let fired = &c.fired[0];
    assert!((fired.weight - 3.0).abs() < 1e-6);
    assert!(
        fired.condition.starts_with("labour vocabulary: "),
        "{}",
        fired.condition
    );
    assert!(
        fired.condition.contains("\"trade union\" +1.50"),
        "{}",
        fired.condition
    );
}

#[test]
fn a_log_counts_table_weighs_each_phrase_by_its_count() {
    let t = tagger(&LABOUR.replace(
        "[category.when.weights]",
        "counts = \"log\"\n[category.when.weights]",
    ));
    let doc =
        t.tag("The trade union said labour was scarce; labour costs and labour shortages rose.");
    let c = &doc.categories[0];
    // "labour" three times: 1.5 ln 4; "trade union" once: 1.5 ln 2.
    let sum = 1.5 * 4f32.ln() + 1.5 * 2f32.ln();
    assert!((c.fired[0].weight - sum).abs() < 1e-4, "{:?}", c.fired);
    let p = 1.0 / (1.0 + (-(sum - 2.0)).exp());
    assert!((c.score - p).abs() < 1e-3, "{} {p}", c.score);
    assert!(
        c.fired[0].condition.contains("\"labour\" x3 +2.08"),
        "{}",
        c.fired[0].condition
    );
    // Once is the default, and may be said.
    let once = tagger(&LABOUR.replace(
        "[category.when.weights]",
        "counts = \"once\"\n[category.when.weights]",
    ));
    let doc = once.tag("The trade union said labour was scarce; labour costs rose.");
    assert!((doc.categories[0].fired[0].weight - 3.0).abs() < 1e-6);
}

#[test]
fn below_the_probability_threshold_nothing_is_filed() {
    let t = tagger(LABOUR);
    // bias -2 + 1.0 = -1: sigmoid(-1) = 0.27 < 0.5.
    assert!(t.tag("Dockers went on strike.").categories.is_empty());
}

#[test]
fn the_party_is_not_the_common_word() {
    let t = tagger(LABOUR);
    // "Labour" mid-sentence is a name: not "labour" (+1.5) but "Labour" (-3).
    let doc = t.tag("Voters in the north turned to Labour, and the trade union backed the strike.");
    assert!(doc.categories.is_empty(), "{:?}", doc.categories);
    // At the start of a sentence the capital says nothing: both count.
    let doc = t.tag("Labour shortages worried the trade union and the strike went on.");
    assert!(doc.categories.is_empty());
    let doc = t.tag("Farms lack labour. The trade union called a strike.");
    assert!(doc.categories[0].score > 0.8);
}

#[test]
fn words_lists_match_common_words_only() {
    let rules = "[[category]]\nname = \"weather\"\n[[category.when]]\nwords = [\"snow\"]\n";
    let t = tagger(rules);
    assert_eq!(t.tag("Heavy snow closed the roads.").categories.len(), 1);
    assert_eq!(t.tag("Snow closed the roads.").categories.len(), 1);
    assert!(
        t.tag("The new single by Snow Patrol tops the chart.")
            .categories
            .is_empty()
    );
}

#[test]
fn rule_language_mistakes_are_reported_with_their_line() {
    let cases = [
        (
            "[[category]]\nname = \"x\"\nthreshold = 2\nscale = \"logistic\"\n[[category.when]]\nphrases = [\"a\"]\n",
            3,
        ),
        (
            "[[category]]\nname = \"x\"\nbias = 1\n[[category.when]]\nphrases = [\"a\"]\n",
            3,
        ),
        (
            "[[category]]\nname = \"x\"\nscale = \"odds\"\n[[category.when]]\nphrases = [\"a\"]\n",
            3,
        ),
        (
            "[[category]]\nname = \"x\"\n[[category.when]]\nwords = [\"Snow\"]\n",
            4,
        ),
        (
            "[[category]]\nname = \"x\"\n[[category.when]]\nweight = 2\n[category.when.weights]\nsnow = 1\n",
            3,
        ),
        (
            "[[category]]\nname = \"x\"\n[[category.when]]\nmin_count = 2\n[category.when.weights]\nsnow = 1\n",
            3,
        ),
        (
            "[[category]]\nname = \"x\"\n[[category.when]]\n[category.when.weights]\n\"--\" = 1\n",
            5,
        ),
        (
            "[[category]]\nname = \"x\"\n[[category.when]]\nany = [{ weights = { snow = 1.0 } }]\n",
            4,
        ),
        (
            "[[category]]\nname = \"x\"\n[[category.when]]\ncounts = \"sqrt\"\n[category.when.weights]\nsnow = 1\n",
            4,
        ),
        (
            "[[category]]\nname = \"x\"\n[[category.when]]\ncounts = \"log\"\nwords = [\"snow\"]\n",
            3,
        ),
    ];
    for (rules, line) in cases {
        let err = RuleSet::builder()
            .add_str("bad.toml", rules)
            .build()
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Data, "{rules}");
        assert_eq!(err.problems()[0].line(), Some(line), "{rules}: {err}");
    }
}

/// A small archive written for the test: sport, business and arts
/// stories in the style of news reports.
fn archive() -> Vec<Example> {
    let sport = [
        (
            "United beat City in cup final",
            "United won the cup final 2-1 as their striker scored twice; the coach praised the team.",
        ),
        (
            "Rovers sack coach",
            "Rovers sacked their coach after the team lost a fifth match; the club said the season was not over.",
        ),
        (
            "Injury rules striker out",
            "The striker will miss the match with a knee injury, the club said, a blow to the team before the final.",
        ),
        (
            "Champion retains title",
            "The champion retained her title, winning the final in straight sets as the crowd cheered the team.",
        ),
        (
            "Club signs defender",
            "The club signed a defender for the rest of the season; the coach said the team needed him for the cup.",
        ),
        (
            "Late goal wins match",
            "A late goal won the match for the visitors, whose coach said the team had earned the points this season.",
        ),
    ];
    let business = [
        (
            "Bank profits rise",
            "The bank said quarterly profit rose 12%, and its shares climbed as investors welcomed the results.",
        ),
        (
            "Carmaker cuts jobs",
            "The carmaker will cut 2,000 jobs to save costs after sales fell; its shares rose on the news, investors said.",
        ),
        (
            "Retailer warns on sales",
            "The retailer warned that profit would fall as sales slowed; shares dropped 8% and analysts cut forecasts.",
        ),
        (
            "Oil firm buys rival",
            "The oil firm agreed to buy its rival for $2bn in shares, saying the deal would lift profit next year.",
        ),
        (
            "Airline results beat forecasts",
            "The airline's results beat forecasts as sales grew, and its shares rose; investors expect higher profit.",
        ),
        (
            "Brewer's shares slide",
            "Shares in the brewer slid after it said profit fell and sales of beer were weak, disappointing investors.",
        ),
    ];
    let arts = [
        (
            "Band tops the chart",
            "The band's new single went straight to the top of the chart, and their album is out next month.",
        ),
        (
            "Film wins award",
            "The film won the top award at the festival; its director thanked the actors and the audience.",
        ),
        (
            "Singer announces tour",
            "The singer will tour next year to promote her album, with concerts in twelve cities, her label said.",
        ),
        (
            "Actor joins series",
            "The actor will join the television series in its new season, the broadcaster said of the drama.",
        ),
        (
            "Festival line-up revealed",
            "The festival revealed its line-up: the band headlines, and a film programme and an award follow.",
        ),
        (
            "Album sales soar",
            "Sales of the singer's album soared after the award, and the single climbed the chart again.",
        ),
    ];
    let mut out = Vec::new();
    for (set, label) in [(&sport, "sport"), (&business, "business"), (&arts, "arts")] {
        for (title, body) in set {
            out.push(Example::new(title, body, [label]));
        }
    }
    out
}

#[test]
fn the_learner_writes_rules_that_load_file_new_stories_and_stay_short() {
    let learned = Learner::new()
        .min_docs(2)
        .max_terms(12)
        .learn(&archive())
        .unwrap();
    let names: Vec<&str> = learned.categories().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["arts", "business", "sport"]);
    assert!(
        learned
            .categories()
            .all(|c| c.conditions() >= 1 && c.conditions() <= 12)
    );
    let toml = learned.to_toml();
    assert!(toml.contains("scale = \"logistic\""), "{toml}");
    // What the learner writes is what a person would load and edit.
    let t = tagger(&toml);
    let cases = [
        (
            "Coach hails team",
            "The coach said the team played its best match of the season.",
            "sport",
        ),
        (
            "Shares fall",
            "Shares fell as investors judged the quarterly profit too low.",
            "business",
        ),
        (
            "New single",
            "The band's single and album climbed the chart after the festival.",
            "arts",
        ),
    ];
    for (title, body, want) in cases {
        let doc = t.tag_document(title, body);
        let best = doc
            .categories
            .first()
            .unwrap_or_else(|| panic!("{title}: nothing filed"));
        assert_eq!(best.name, want, "{title}: {:?}", doc.categories);
        assert!(best.score > 0.5 && best.score < 1.0);
        assert!(!best.fired.is_empty());
    }
    // Categories are sorted by score.
    let doc = t.tag("The club's shares fell after the team lost the final.");
    let scores: Vec<f32> = doc.categories.iter().map(|c| c.score).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

/// The capitalised keys (names) of the weights tables of `toml`.
fn name_keys(toml: &str) -> Vec<&str> {
    toml.lines()
        .filter_map(|l| l.strip_prefix('"')?.split('"').next())
        .filter(|k| k.chars().any(char::is_uppercase))
        .collect()
}

#[test]
fn the_learner_leaves_names_out_when_asked() {
    // Only the party's name tells politics from business here: both
    // kinds of story have "labour", but only politics has "Labour".
    let politics = [
        "On Monday Labour said it would cut the cost of rail fares.",
        "Voters heard Labour promise lower costs for families on Monday.",
        "In the debate Labour said costs had risen under the government.",
        "After the vote Labour said the cost of housing was too high.",
    ];
    let business = [
        "The firm said on Monday that labour costs had risen this year.",
        "Higher labour costs cut the carmaker's profit, it said on Monday.",
        "The retailer said labour and energy costs would rise this year.",
        "Cheaper labour drew the factory abroad, the firm said on Monday.",
    ];
    let mut examples = Vec::new();
    for (set, label) in [(&politics, "politics"), (&business, "business")] {
        examples.extend(set.iter().map(|body| Example::new("", body, [label])));
    }
    let learner = Learner::new().min_docs(2).tags(false).pairs(false);
    let with = learner.clone().learn(&examples).unwrap().to_toml();
    assert!(name_keys(&with).contains(&"Labour"), "{with}");
    let without = learner.names(false).learn(&examples).unwrap().to_toml();
    assert_eq!(name_keys(&without), Vec::<&str>::new(), "{without}");
    assert!(without.contains("\"labour\" = "), "{without}");
}

#[test]
fn the_learner_weighs_counts_when_asked() {
    // The stories of each kind repeat their words: counts tell more than
    // presence, and the rules say how they count.
    let learned = Learner::new()
        .min_docs(2)
        .max_terms(12)
        .log_counts(true)
        .learn(&archive())
        .unwrap();
    let toml = learned.to_toml();
    assert!(toml.contains("counts = \"log\""), "{toml}");
    let t = tagger(&toml);
    let doc = t.tag_document(
        "Team wins",
        "The team won the match; the coach said the team deserved the match.",
    );
    assert_eq!(doc.categories[0].name, "sport", "{:?}", doc.categories);
    let plain = Learner::new().min_docs(2).learn(&archive()).unwrap();
    assert!(!plain.to_toml().contains("counts ="));
}

#[test]
fn the_learner_renames_labels_and_refuses_bad_settings() {
    let learned = Learner::new()
        .min_docs(2)
        .only(["sport"])
        .name("sport", "Sport news")
        .learn(&archive())
        .unwrap();
    let toml = learned.to_toml();
    assert!(
        toml.contains("name = \"Sport news\"\ncode = \"sport\""),
        "{toml}"
    );
    assert!(!toml.contains("business"));
    for learner in [
        Learner::new().l1_ratio(0.0),
        Learner::new().threshold(1.0),
        Learner::new().ridge(-1.0),
        Learner::new().only(["weather"]),
    ] {
        let err = learner.learn(&archive()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Data);
    }
}
