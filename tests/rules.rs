//! Category rules: every condition type, combinations, scoring, evidence,
//! loading problems with their lines, and the embedded rule sets. The
//! texts are written for these tests in the style of news reports.

use gazetag::{Category, ErrorKind, Field, Hit, ProblemKind, RuleSet, Span, Tagged, Tagger};

/// A tagger over the embedded gazetteer with only `rules`.
fn tagger(rules: &str) -> Tagger {
    let rules = RuleSet::builder()
        .add_str("test.toml", rules)
        .build()
        .unwrap_or_else(|e| panic!("{:?}", e.problems()));
    Tagger::default().with_rules(rules)
}

/// The category named `name`, if the document is filed under it.
fn category<'a>(doc: &'a Tagged, name: &str) -> Option<&'a Category> {
    doc.categories.iter().find(|c| c.name == name)
}

/// One category "c" with threshold 1 and the given condition.
fn one(condition: &str) -> String {
    format!("[[category]]\nname = \"c\"\n\n[[category.when]]\n{condition}\n")
}

/// Whether the one-condition category files the document.
fn files(condition: &str, title: &str, body: &str) -> bool {
    let doc = tagger(&one(condition)).tag_document(title, body);
    category(&doc, "c").is_some()
}

/// Problems of `rules` (as "test.toml") as `(kind, line)`.
fn problems(rules: &str) -> Vec<(ProblemKind, Option<usize>)> {
    let err = RuleSet::builder()
        .add_str("test.toml", rules)
        .build()
        .expect_err("the rules have a problem");
    assert_eq!(err.kind(), ErrorKind::Data);
    err.problems()
        .iter()
        .inspect(|p| assert_eq!(p.file(), "test.toml", "{p}"))
        .map(|p| (p.kind(), p.line()))
        .collect()
}

const PORT_STRIKE: &str = "Dock workers at the port of Santos went on strike on \
    Monday, leaving a dozen vessels waiting to load soybeans, a union \
    leader said. The strike is the second at the port this year.";

// ---------------------------------------------------------------------------
// Phrases

#[test]
fn phrases_match_folded_on_word_boundaries() {
    assert!(files(
        r#"phrases = ["port strike"]"#,
        "",
        "A PORT-STRIKE looms."
    ));
    assert!(files(r#"phrases = ["dock workers"]"#, "", PORT_STRIKE));
    assert!(!files(
        r#"phrases = ["port"]"#,
        "",
        "Exports and imports rose."
    ));
    assert!(files(
        r#"phrases = ["sao paulo"]"#,
        "",
        "In São Paulo, traders..."
    ));
}

#[test]
fn phrase_case_policies() {
    assert!(files(r#"exact = ["OPEC"]"#, "", "OPEC ministers met."));
    assert!(!files(r#"exact = ["OPEC"]"#, "", "opec ministers met."));
    assert!(files(r#"names = ["Santos"]"#, "", "the port of SANTOS"));
    assert!(!files(r#"names = ["Santos"]"#, "", "in santos"));
    assert!(files(r#"phrases = ["Santos"]"#, "", "in santos"));
}

#[test]
fn phrase_min_count_and_distinct() {
    assert!(files(
        "phrases = [\"strike\"]\nmin_count = 2",
        "",
        PORT_STRIKE
    ));
    assert!(!files(
        "phrases = [\"strike\"]\nmin_count = 3",
        "",
        PORT_STRIKE
    ));
    let two = "phrases = [\"strike\", \"port\", \"vessels\"]\ndistinct = 3";
    assert!(files(two, "", PORT_STRIKE));
    let one_word = "phrases = [\"strike\", \"walkout\"]\ndistinct = 2";
    assert!(!files(one_word, "", PORT_STRIKE));
}

// ---------------------------------------------------------------------------
// Regular expressions

#[test]
fn regex_matches_the_original_text() {
    let cond = r"regex = '\b\d+ vessels\b'";
    let doc = tagger(&one(cond)).tag(PORT_STRIKE);
    assert!(category(&doc, "c").is_none(), "'a dozen' is not digits");
    let doc = tagger(&one(cond)).tag("Some 14 vessels were waiting.");
    let c = category(&doc, "c").unwrap();
    assert_eq!(
        c.fired[0].hits,
        [Hit::Text {
            field: Field::Body,
            span: Span { start: 5, end: 15 },
            text: "14 vessels".into()
        }]
    );
}

#[test]
fn regex_min_count() {
    assert!(files(
        "regex = '(?i)strike'\nmin_count = 2",
        "",
        PORT_STRIKE
    ));
    assert!(!files(
        "regex = '(?i)strike'\nmin_count = 3",
        "",
        PORT_STRIKE
    ));
}

// ---------------------------------------------------------------------------
// Where

#[test]
fn where_title_and_body() {
    let title = "Strike shuts Brazil port";
    assert!(files(
        "phrases = [\"brazil\"]\nwhere = \"title\"",
        title,
        PORT_STRIKE
    ));
    assert!(!files(
        "phrases = [\"brazil\"]\nwhere = \"body\"",
        title,
        PORT_STRIKE
    ));
    assert!(files(
        "phrases = [\"santos\"]\nwhere = \"body\"",
        title,
        PORT_STRIKE
    ));
    assert!(!files(
        "phrases = [\"santos\"]\nwhere = \"title\"",
        title,
        PORT_STRIKE
    ));
    assert!(files(
        "regex = 'Santos'\nwhere = \"body\"",
        title,
        PORT_STRIKE
    ));
    assert!(!files(
        "regex = 'Santos'\nwhere = \"title\"",
        title,
        PORT_STRIKE
    ));
}

#[test]
fn where_applies_to_tags() {
    let title = "Mexico hosts talks";
    let body = "Officials from Peru arrived on Monday.";
    assert!(files(
        "entity = \"country/mx\"\nwhere = \"title\"",
        title,
        body
    ));
    assert!(!files(
        "entity = \"country/pe\"\nwhere = \"title\"",
        title,
        body
    ));
    assert!(files(
        "entity = \"country/pe\"\nwhere = \"body\"",
        title,
        body
    ));
    assert!(!files(
        "entity = \"country/mx\"\nwhere = \"body\"",
        title,
        body
    ));
}

#[test]
fn where_is_inherited_inside_combinations() {
    let cond = "where = \"title\"\nany = [{ phrases = [\"santos\"] }, { phrases = [\"peru\"] }]";
    assert!(!files(cond, "Strike shuts Brazil port", PORT_STRIKE));
    assert!(files(cond, "Strike shuts Santos", PORT_STRIKE));
}

// ---------------------------------------------------------------------------
// Tags

#[test]
fn tag_tests_entity_kind_country() {
    let body = "Mexico and Peru signed a trade pact in Lima on Monday.";
    assert!(files("entity = \"country/pe\"", "", body));
    assert!(files(
        "entities = [\"country/xx\", \"country/mx\"]",
        "",
        body
    ));
    assert!(!files("entity = \"country/cl\"", "", body));
    assert!(files("kind = \"country\"", "", body));
    assert!(!files("kind = \"person\"", "", body));
    assert!(files("kind = \"country\"\nat_least = 2", "", body));
    assert!(!files("kind = \"country\"\nat_least = 3", "", body));
    assert!(files("country = \"country/mx\"", "", body));
    assert!(files(
        "countries = [\"country/cl\", \"country/pe\"]",
        "",
        body
    ));
    assert!(!files("country = \"country/cl\"", "", body));
}

#[test]
fn country_test_takes_entities_linked_to_the_country() {
    let data = r#"
[[entity]]
id = "agency/sbn"
kind = "agency"
name = "Servicio de Boletines Nacional"
exact = ["SBN"]
country = "country/pe"
"#;
    let g = gazetag::Gazetteer::builder()
        .with_default_data()
        .add_str("sbn.toml", data)
        .build()
        .unwrap();
    let rules = RuleSet::builder()
        .add_str(
            "test.toml",
            &one("kind = \"agency\"\ncountry = \"country/pe\""),
        )
        .build()
        .unwrap();
    let doc = Tagger::new(g)
        .with_rules(rules)
        .tag("The SBN said on Monday it had moved.");
    let c = category(&doc, "c").expect("an agency of Peru is tagged");
    assert!(c.fired[0].hits.iter().any(|h| matches!(
        h,
        Hit::Tag { entity, .. } if entity == "agency/sbn"
    )));
}

#[test]
fn tag_min_count_and_min_score() {
    let body = "Peru said on Monday that Peru would reply. Chile said nothing.";
    assert!(files("entity = \"country/pe\"\nmin_count = 2", "", body));
    assert!(!files("entity = \"country/cl\"\nmin_count = 2", "", body));
    // Peru, named twice, scores above Chile, named once: a minimum
    // between the two keeps Peru's condition and not Chile's. Rules see
    // every tag, whatever the tagger's own minimum score.
    let all = Tagger::default().with_min_score(0.0).tag(body);
    let (peru, chile) = (
        all.tag("country/pe").unwrap().score,
        all.tag("country/cl").unwrap().score,
    );
    assert!(peru > chile, "{peru} {chile}");
    let between = (peru + chile) / 2.0;
    assert!(files(
        &format!("entity = \"country/pe\"\nmin_score = {between}"),
        "",
        body
    ));
    assert!(!files(
        &format!("entity = \"country/cl\"\nmin_score = {between}"),
        "",
        body
    ));
}

#[test]
fn topic_test_needs_a_topic_tag() {
    let data = r#"
[[entity]]
id = "topic/port-strikes"
kind = "topic"
name = "port strike"
phrases = ["dock strike"]
"#;
    let g = gazetag::Gazetteer::builder()
        .with_default_data()
        .add_str("topics.toml", data)
        .build()
        .unwrap();
    let rules = RuleSet::builder()
        .add_str("test.toml", &one("topic = \"topic/port-strikes\""))
        .build_for(&g)
        .unwrap();
    let tagger = Tagger::new(g).with_rules(rules);
    assert!(category(&tagger.tag("A dock strike began."), "c").is_some());
    assert!(category(&tagger.tag("A dock reopened."), "c").is_none());
}

// ---------------------------------------------------------------------------
// Combinations, weights and thresholds

#[test]
fn all_any_not() {
    let all = "all = [{ phrases = [\"strike\"] }, { phrases = [\"vessels\"] }]";
    assert!(files(all, "", PORT_STRIKE));
    let all_fails = "all = [{ phrases = [\"strike\"] }, { phrases = [\"aircraft\"] }]";
    assert!(!files(all_fails, "", PORT_STRIKE));
    let any = "any = [{ phrases = [\"aircraft\"] }, { phrases = [\"vessels\"] }]";
    assert!(files(any, "", PORT_STRIKE));
    let any_fails = "any = [{ phrases = [\"aircraft\"] }, { exact = [\"PORT\"] }]";
    assert!(!files(any_fails, "", PORT_STRIKE));
    assert!(files("not = { phrases = [\"aircraft\"] }", "", PORT_STRIKE));
    assert!(!files("not = { phrases = [\"vessels\"] }", "", PORT_STRIKE));
    let nested = "all = [{ not = { phrases = [\"aircraft\"] } }, { any = [{ kind = \"person\" }, { regex = 'dozen' }] }]";
    assert!(files(nested, "", PORT_STRIKE));
}

#[test]
fn fired_holds_only_conditions_that_held() {
    // The failed `all` matched "strike" before it failed on "aircraft":
    // that hit must not reach the evidence of the `any` that held on
    // "vessels"; a `not` holds on nothing.
    let any = "any = [{ all = [{ phrases = [\"strike\"] }, { phrases = [\"aircraft\"] }] }, \
               { phrases = [\"vessels\"] }, { not = { phrases = [\"airport\"] } }]";
    let doc = tagger(&one(any)).tag(PORT_STRIKE);
    let c = category(&doc, "c").unwrap();
    let texts: Vec<&str> = c.fired[0]
        .hits
        .iter()
        .map(|h| match h {
            Hit::Text { text, .. } => text.as_str(),
            _ => "",
        })
        .collect();
    assert_eq!(texts, ["vessels"]);
}

const SCORED: &str = r#"
[[category]]
name = "port strikes"
threshold = 2.5

[[category.when]]
label = "strike words"
phrases = ["strike", "walkout"]
weight = 1.5

[[category.when]]
label = "ship words"
phrases = ["vessels", "tanker"]

[[category.when]]
label = "air travel"
phrases = ["airport"]
weight = -2
"#;

#[test]
fn score_is_the_sum_of_weights_against_the_threshold() {
    let t = tagger(SCORED);
    let doc = t.tag(PORT_STRIKE);
    let c = category(&doc, "port strikes").unwrap();
    assert_eq!(c.score, 2.5);
    let doc = t.tag(&format!("{PORT_STRIKE} The airport was open."));
    assert!(category(&doc, "port strikes").is_none(), "2.5 - 2 < 2.5");
    let doc = t.tag("Dock workers went on strike.");
    assert!(category(&doc, "port strikes").is_none(), "1.5 < 2.5");
}

#[test]
fn negative_weights_alone_never_file() {
    let rules = "[[category]]\nname = \"c\"\nthreshold = -5\n[[category.when]]\nphrases = [\"strike\"]\nweight = -1\n";
    assert!(category(&tagger(rules).tag(PORT_STRIKE), "c").is_none());
}

#[test]
fn fired_names_conditions_rules_and_spans() {
    let doc = tagger(SCORED).tag(PORT_STRIKE);
    let c = category(&doc, "port strikes").unwrap();
    let labels: Vec<&str> = c.fired.iter().map(|f| f.condition.as_str()).collect();
    assert_eq!(labels, ["strike words", "ship words"]);
    assert_eq!(c.fired[0].rule, "test.toml:6");
    assert_eq!(c.fired[0].weight, 1.5);
    for fired in &c.fired {
        for hit in &fired.hits {
            let Hit::Text { field, span, text } = hit else {
                panic!("phrases hit text: {hit:?}");
            };
            assert_eq!(*field, Field::Body);
            assert_eq!(&PORT_STRIKE[span.range()], text);
        }
    }
    assert_eq!(c.fired[0].hits.len(), 2, "both strikes");
}

#[test]
fn fired_describes_unlabelled_conditions() {
    let doc = tagger(&one("phrases = [\"strike\"]\nwhere = \"body\"")).tag(PORT_STRIKE);
    let c = category(&doc, "c").unwrap();
    assert_eq!(c.fired[0].condition, "phrases \"strike\", in body");
}

#[test]
fn fired_serialises_to_json() {
    let doc = tagger(&one("entity = \"country/pe\"")).tag("Peru said so.");
    let json = serde_json::to_value(&doc.categories).unwrap();
    assert_eq!(json[0]["name"], "c");
    assert_eq!(json[0]["score"], 1.0);
    let hit = &json[0]["fired"][0]["hits"][0];
    assert_eq!(hit["type"], "tag");
    assert_eq!(hit["entity"], "country/pe");
}

// ---------------------------------------------------------------------------
// Parents

const TREE: &str = r#"
[[category]]
name = "transport"
code = "T"
threshold = 3

[[category.when]]
phrases = ["transport"]

[[category]]
name = "shipping"
parent = "T"

[[category.when]]
phrases = ["vessels"]

[[category]]
name = "port strikes"
parent = "shipping"

[[category.when]]
phrases = ["strike"]
"#;

#[test]
fn a_category_files_the_document_under_its_ancestors() {
    let doc = tagger(TREE).tag(PORT_STRIKE);
    let names: Vec<&str> = doc.categories.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["transport", "shipping", "port strikes"]);
    let transport = category(&doc, "transport").unwrap();
    assert_eq!(transport.code.as_deref(), Some("T"));
    assert!(transport.fired.iter().all(|f| f.weight == 0.0));
    let shipping = [Hit::Category {
        name: "shipping".into(),
    }];
    assert!(transport.fired.iter().any(|f| f.hits == shipping));
    let strikes = category(&doc, "port strikes").unwrap();
    assert_eq!(strikes.parent.as_deref(), Some("shipping"));
}

// ---------------------------------------------------------------------------
// Loading problems, each with its line

#[test]
fn syntax_error_has_its_line() {
    let rules = "[[category]]\nname = \"c\n";
    assert_eq!(problems(rules), [(ProblemKind::Syntax, Some(2))]);
}

#[test]
fn unknown_field_has_its_line() {
    let rules = "[[category]]\nname = \"c\"\n[[category.when]]\nphrase = [\"x\"]\n";
    assert_eq!(problems(rules), [(ProblemKind::Syntax, Some(4))]);
}

#[test]
fn unknown_parent_has_its_line() {
    let rules =
        "[[category]]\nname = \"c\"\nparent = \"nowhere\"\n[[category.when]]\nphrases = [\"x\"]\n";
    assert_eq!(problems(rules), [(ProblemKind::DanglingLink, Some(3))]);
}

#[test]
fn parent_cycle_is_reported_once() {
    let rules = r#"
[[category]]
name = "a"
parent = "b"
[[category.when]]
phrases = ["x"]

[[category]]
name = "b"
parent = "a"
[[category.when]]
phrases = ["y"]
"#;
    let err = RuleSet::builder()
        .add_str("test.toml", rules)
        .build()
        .unwrap_err();
    assert_eq!(err.problems().len(), 1);
    let p = &err.problems()[0];
    assert_eq!((p.kind(), p.line()), (ProblemKind::InvalidValue, Some(4)));
    assert!(p.message().contains("a -> b -> a"), "{p}");
}

#[test]
fn duplicate_category_names_the_first() {
    let rules = format!("{}{}", one("phrases = [\"x\"]"), one("phrases = [\"y\"]"));
    let err = RuleSet::builder()
        .add_str("test.toml", &rules)
        .build()
        .unwrap_err();
    let p = &err.problems()[0];
    assert_eq!((p.kind(), p.line()), (ProblemKind::DuplicateId, Some(7)));
    assert!(p.message().contains("test.toml:2"), "{p}");
}

#[test]
fn bad_regex_has_its_line() {
    let rules = one("regex = 'strike('");
    let got = problems(&rules);
    assert_eq!(got, [(ProblemKind::InvalidValue, Some(5))]);
}

#[test]
fn regex_over_the_size_limit_is_refused() {
    let rules = one(r"regex = '(?:\w{50}){50}'");
    let err = RuleSet::builder()
        .add_str("test.toml", &rules)
        .build()
        .unwrap_err();
    let p = &err.problems()[0];
    assert_eq!((p.kind(), p.line()), (ProblemKind::InvalidValue, Some(5)));
    assert!(p.message().contains("size limit"), "{p}");
}

#[test]
fn regex_matching_the_empty_string_is_refused() {
    assert_eq!(
        problems(&one("regex = 'x*'")),
        [(ProblemKind::InvalidValue, Some(5))]
    );
}

#[test]
fn unknown_kind_and_where() {
    let got = problems(&one("kind = \"planet\""));
    assert_eq!(got, [(ProblemKind::UnknownKind, Some(5))]);
    let got = problems(&one("phrases = [\"x\"]\nwhere = \"footer\""));
    assert_eq!(got, [(ProblemKind::InvalidValue, Some(6))]);
}

#[test]
fn condition_must_test_exactly_one_thing() {
    assert_eq!(
        problems(&one("weight = 2")),
        [(ProblemKind::InvalidValue, Some(4))]
    );
    let mixed = one("phrases = [\"x\"]\nregex = 'y'");
    assert_eq!(problems(&mixed)[0], (ProblemKind::InvalidValue, Some(4)));
}

#[test]
fn empty_phrase_is_reported() {
    let got = problems(&one("phrases = [\"x\", \"--\"]"));
    assert_eq!(got, [(ProblemKind::EmptyAlias, Some(5))]);
}

#[test]
fn unknown_entity_id_is_reported_against_a_gazetteer() {
    let rules = one("any = [\n  { entity = \"country/pe\" },\n  { country = \"country/zz\" },\n]");
    let g = Tagger::default();
    let err = RuleSet::builder()
        .add_str("test.toml", &rules)
        .build_for(g.gazetteer())
        .unwrap_err();
    let got: Vec<_> = err
        .problems()
        .iter()
        .map(|p| (p.kind(), p.line()))
        .collect();
    assert_eq!(got, [(ProblemKind::DanglingLink, Some(7))]);
    assert!(
        RuleSet::builder()
            .add_str("test.toml", &rules)
            .build()
            .is_ok()
    );
}

#[test]
fn every_problem_at_once() {
    let rules = r#"
[[category]]
name = "a"
parent = "nowhere"
[[category.when]]
regex = '('
[[category.when]]
kind = "planet"
"#;
    assert_eq!(problems(rules).len(), 3);
}

#[test]
fn missing_file_is_an_io_error() {
    let err = RuleSet::builder()
        .add_file("no/such/dir/rules.toml")
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Io);
}

// ---------------------------------------------------------------------------
// The embedded rule sets

#[test]
fn default_rules_load() {
    let rules = RuleSet::builder().with_default_rules().build().unwrap();
    let names: Vec<&str> = rules.names().collect();
    assert!(
        names.contains(&"Expert news and commentary on intelligence, espionage, spies and spying")
    );
    assert!(names.contains(&"crime, law and justice"));
    // Intelligence, the IPTC top level (5 learned, 12 written), and 26
    // second-level IPTC topics.
    assert_eq!(names.len(), 20 + 17 + 26);
    assert!(!Tagger::default().rules().is_empty());
}

#[test]
fn iptc_topics_carry_their_codes() {
    let doc = Tagger::default().tag_document(
        "Court jails fraud suspect",
        "A judge sentenced the former banker to six years in prison for \
         fraud on Monday, after a trial in which prosecutors said he had \
         stolen from clients. Police arrested him in 2019.",
    );
    let c = category(&doc, "crime, law and justice").unwrap();
    assert_eq!(c.code.as_deref(), Some("medtop:02000000"));
}

/// The IPTC category with `code` in `doc`, if filed.
fn iptc<'a>(doc: &'a Tagged, code: &str) -> Option<&'a Category> {
    doc.categories
        .iter()
        .find(|c| c.code.as_deref() == Some(code))
}

#[test]
fn iptc_second_level_files_its_parent() {
    let doc = Tagger::default().tag_document(
        "Sprinter banned for two years after failed drugs test",
        "The sprinter tested positive for the anabolic steroid THG in an \
         out-of-competition drug test in June, and the athletics federation \
         banned him for two years. Doping officials said the banned \
         substance was found in two samples. He denies taking \
         performance enhancing drugs and will appeal against the ban \
         before the championships.",
    );
    let drugs = iptc(&doc, "medtop:20001104").expect("drug use in sport");
    assert_eq!(drugs.parent.as_deref(), Some("sport"));
    assert!(iptc(&doc, "medtop:15000000").is_some(), "sport, the parent");
    // A story that merely names a sport is not filed under the second level.
    let doc = Tagger::default().tag_document(
        "Broadcaster wins football rights",
        "The channel paid 1.2 billion euros for three seasons of league \
         football, its chief executive told shareholders, and expects \
         advertising revenue to rise.",
    );
    assert!(
        iptc(&doc, "medtop:20000822").is_none(),
        "{:?}",
        doc.categories
    );
}

#[test]
fn iptc_labour_topic_is_not_the_labour_party() {
    let politics = Tagger::default().tag_document(
        "Labour sets out election pledges",
        "Labour promised to cut hospital waiting lists and hire more \
         teachers as it launched its campaign on Tuesday. The party's \
         leader told supporters that Labour would not raise income tax, \
         and the Conservatives said Labour's sums did not add up. Voters \
         go to the polls in May.",
    );
    assert!(
        iptc(&politics, "medtop:09000000").is_none(),
        "{:?}",
        politics.categories
    );
    let strike = Tagger::default().tag_document(
        "Dock workers strike over wages",
        "Workers at the port walked out on Monday after talks on wages and \
         pensions broke down, the trade union said. The union wants a \
         minimum wage for casual labour and an end to job cuts; the \
         employers say the strike puts jobs at risk.",
    );
    assert!(
        iptc(&strike, "medtop:09000000").is_some(),
        "{:?}",
        strike.categories
    );
}

#[test]
fn iptc_band_named_after_the_weather_is_not_weather() {
    let doc = Tagger::default().tag_document(
        "Snow Patrol and Rain top the charts",
        "The Northern Irish band Snow Patrol went to number one in the \
         album chart on Sunday, a week after Rain, a singer from Seoul, \
         topped the singles chart. Snow Patrol play a sold-out tour in \
         March; their record label said the album had sold 200,000 copies.",
    );
    assert!(
        iptc(&doc, "medtop:17000000").is_none(),
        "{:?}",
        doc.categories
    );
    let arts = iptc(&doc, "medtop:01000000").expect("filed under arts");
    // On one scale: the best category first, and it is arts.
    assert_eq!(doc.categories[0].code, arts.code);
    assert!(
        doc.categories
            .iter()
            .all(|c| (0.0..=1.0).contains(&c.score))
    );
}

const INTEL_TITLE: &str = "Spy chiefs of two allies end a decade of cooperation";
const INTEL_BODY: &str = "Intelligence cooperation between the two \
    neighbours, which grew after 2001, is coming to an end, former \
    intelligence officials say. The countries' intelligence agencies \
    shared intercepts and ran joint operations against trafficking \
    networks, but the new government wants its own security service to \
    set the priorities. The CIA declined to comment.";

#[test]
fn intelligence_article_is_filed_with_what_fired() {
    let doc = Tagger::default().tag_document(INTEL_TITLE, INTEL_BODY);
    let name = "Expert news and commentary on intelligence, espionage, spies and spying";
    let c = category(&doc, name).expect("filed under intelligence");
    assert_eq!(c.code.as_deref(), Some("intelligence"));
    assert!(c.score >= 2.0);
    let texts: Vec<&str> = c
        .fired
        .iter()
        .flat_map(|f| &f.hits)
        .filter_map(|h| match h {
            Hit::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert!(texts.contains(&"Intelligence cooperation"), "{texts:?}");
    assert!(
        texts.contains(&"CIA")
            || c.fired.iter().any(|f| f
                .hits
                .iter()
                .any(|h| matches!(h, Hit::Tag { entity, .. } if entity == "agency/cia")))
    );
    assert!(
        c.fired
            .iter()
            .any(|f| f.rule.starts_with("<default>/rules/intelligence.toml:"))
    );
}

#[test]
fn unrelated_article_is_not_filed_under_intelligence() {
    let doc = Tagger::default().tag(PORT_STRIKE);
    assert!(
        doc.categories
            .iter()
            .all(|c| !c.name.contains("intelligence")),
        "{:?}",
        doc.categories
    );
}

#[test]
fn duplicate_and_empty_codes_and_labels_are_refused() {
    let when = "[[category.when]]\nphrases = [\"strike\"]\n";
    let rules = format!(
        "[[category]]\nname = \"economy\"\ncode = \"04000000\"\n{when}\n\
         [[category]]\nname = \"business\"\ncode = \"04000000\"\n{when}\n\
         [[category]]\nname = \"politics\"\ncode = \" \"\n{when}\n\
         [[category]]\nname = \"strikes\"\nparent = \"04000000\"\n{when}label = \"\"\n"
    );
    assert_eq!(
        problems(&rules),
        [
            (ProblemKind::DuplicateId, Some(9)),
            (ProblemKind::InvalidValue, Some(15)),
            (ProblemKind::InvalidValue, Some(24)),
        ]
    );
}

#[test]
fn a_long_chain_of_parent_categories_loads() {
    // 8,000 categories, each the parent of the next, took 14 s to check
    // for cycles when each walk started afresh; now each is walked once.
    let when = "[[category.when]]\nphrases = [\"strike\"]\n";
    let mut rules = String::new();
    for i in 0..8_000 {
        rules.push_str(&format!("[[category]]\nname = \"c{i}\"\n"));
        if i > 0 {
            rules.push_str(&format!("parent = \"c{}\"\n", i - 1));
        }
        rules.push_str(when);
    }
    let set = RuleSet::builder()
        .add_str("chain.toml", &rules)
        .build()
        .unwrap();
    assert_eq!(set.len(), 8_000);
    // A cycle after the chain is still found, once.
    let line = rules.lines().count() + 3;
    rules.push_str(&format!(
        "[[category]]\nname = \"loop\"\nparent = \"loop\"\n{when}"
    ));
    assert_eq!(problems(&rules), [(ProblemKind::InvalidValue, Some(line))]);
}
