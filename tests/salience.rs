//! The salience model: features computed from the text, scores that are
//! the model's probabilities, briefs that tag what they are about, and
//! weights files loaded like the rest of the data.

use std::sync::LazyLock;

use gazetag::{ErrorKind, ProblemKind, SalienceModel, Tag, Tagged, Tagger};

static EXPLAINED: LazyLock<Tagger> =
    LazyLock::new(|| Tagger::default().with_explained_scores(true));

/// The value of a feature of a tag (suggested or not).
fn feature(doc: &Tagged, entity: &str, name: &str) -> f32 {
    let tag = find(doc, entity);
    let why = tag.explanation.as_ref().expect("explained");
    why.features
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no feature {name}"))
        .value
}

/// A tag of the document, suggested or below the minimum score.
fn find<'a>(doc: &'a Tagged, entity: &str) -> &'a Tag {
    doc.tags
        .iter()
        .chain(&doc.below_min_score)
        .find(|t| t.entity == entity)
        .unwrap_or_else(|| panic!("no candidate {entity}: {doc:?}"))
}

#[test]
fn a_brief_tags_the_country_it_is_about() {
    // The issue's briefs, then our own of the same kind: one sentence,
    // one country named by a demonym, a city or an agency.
    let briefs = [
        (
            "Kenyan police said on Friday they had arrested two suspects.",
            "country/ke",
        ),
        (
            "A bomb went off outside a bank in central Karachi, killing three people.",
            "country/pk",
        ),
        ("Thai officials denied the report on Tuesday.", "country/th"),
        ("SEDENA troops were sent to the border", "country/mx"),
        (
            "Chilean miners ended their strike on Monday after a pay deal.",
            "country/cl",
        ),
        (
            "An earthquake shook Manila early on Sunday, damaging several buildings.",
            "country/ph",
        ),
        (
            "Floods in Dhaka left thousands homeless, officials said.",
            "country/bd",
        ),
        (
            "Argentine farmers blocked roads for a third day in protest at export taxes.",
            "country/ar",
        ),
        ("The ISI denied any role in the attack.", "country/pk"),
        ("Mossad agents were expelled on Thursday.", "country/il"),
        (
            "Police in Lima arrested a former mayor on corruption charges on Wednesday.",
            "country/pe",
        ),
    ];
    let tagger = Tagger::default();
    for (text, country) in briefs {
        let doc = tagger.tag(text);
        assert!(doc.tag(country).is_some(), "{text:?}: {:?}", doc.tags);
    }
}

#[test]
fn a_person_named_once_in_full_with_a_title_is_tagged() {
    let doc = Tagger::default().tag(
        "West German Finance Minister Gerhard Stoltenberg said on Monday \
         that the mark was stable and that no action was needed.",
    );
    assert!(doc.tag("person/gerhard-stoltenberg").is_some(), "{doc:?}");
    let doc = EXPLAINED.tag(
        "West German Finance Minister Gerhard Stoltenberg said on Monday \
         that the mark was stable.",
    );
    assert_eq!(feature(&doc, "person/gerhard-stoltenberg", "role"), 1.0);
    let untitled = EXPLAINED.tag("Gerhard Stoltenberg said on Monday that the mark was stable.");
    assert_eq!(
        feature(&untitled, "person/gerhard-stoltenberg", "role"),
        0.0
    );
}

#[test]
fn features_count_mentions_by_evidence() {
    let doc = EXPLAINED.tag_document(
        "Mexico tightens rules for foreign agents",
        "Mexican officials said on Monday that Mexico would limit the DEA. \
         Talks in Guadalajara and Monterrey followed.",
    );
    let mx = "country/mx";
    // Two names (title and body), one demonym, two cities.
    assert_eq!(feature(&doc, mx, "name"), 3f32.ln().round_to(3));
    assert_eq!(feature(&doc, mx, "demonym"), 2f32.ln().round_to(3));
    assert_eq!(feature(&doc, mx, "place"), 3f32.ln().round_to(3));
    assert_eq!(feature(&doc, mx, "title"), 1.0);
    assert_eq!(feature(&doc, mx, "lead"), 1.0);
    assert_eq!(feature(&doc, mx, "position"), 0.0);
    // Mexico has 5 of the document's 7 mentions (the DEA is one, and its
    // country, the United States, is only implied).
    assert_eq!(feature(&doc, mx, "share"), (5.0f32 / 7.0).round_to(3));
    assert_eq!(feature(&doc, mx, "relative"), 1.0);
    assert_eq!(feature(&doc, mx, "peers"), 2f32.ln().round_to(3));
    assert_eq!(feature(&doc, mx, "derived"), 0.0);
    assert_eq!(feature(&doc, mx, "dated"), 0.0);
    let us = find(&doc, "country/us");
    assert!(us.derived);
    assert_eq!(us.derived_from.as_deref(), Some("agency/dea"));
    assert_eq!(
        feature(&doc, "country/us", "implied"),
        2f32.ln().round_to(3)
    );
    assert_eq!(feature(&doc, "country/us", "derived"), 1.0);
    // The body has 17 words.
    assert_eq!(feature(&doc, mx, "length"), 18f32.ln().round_to(3));
}

#[test]
fn features_see_the_dateline_and_the_position_of_the_first_mention() {
    let body = "LIMA, May 4 (Reuters) - Output rose 4 pct in April. Exports to \
                Brazil fell.";
    let doc = EXPLAINED.tag(body);
    assert_eq!(feature(&doc, "country/pe", "dateline"), 1.0);
    assert_eq!(feature(&doc, "country/br", "dateline"), 0.0);
    assert_eq!(feature(&doc, "country/br", "dated"), 1.0);
    assert_eq!(feature(&doc, "country/br", "lead"), 0.0);
    let at = body.find("Brazil").unwrap() as f32 / body.len() as f32;
    assert_eq!(feature(&doc, "country/br", "position"), at.round_to(3));
    // The dateline makes the story's country near certain; the one named
    // in passing is less likely.
    assert!(find(&doc, "country/pe").score > find(&doc, "country/br").score);
}

#[test]
fn peers_are_the_listed_candidates_of_the_same_kind() {
    let doc = EXPLAINED.tag(
        "Japanese Finance Minister Kiichi Miyazawa met Mr. Okafor and Mr. Brandvold \
         in Tokyo on Monday to discuss the yen, Okafor said. U.S. Treasury Secretary \
         James Baker was not at the talks.",
    );
    let (miyazawa, okafor) = ("person/kiichi-miyazawa", "person/~okafor");
    assert!(find(&doc, okafor).discovered, "{doc:?}");
    assert!(find(&doc, "person/~brandvold").discovered, "{doc:?}");
    // Four people, two of them listed: Miyazawa's one peer is Baker; the
    // discovered names do not count.
    assert_eq!(feature(&doc, miyazawa, "peers"), 2f32.ln().round_to(3));
    assert_eq!(
        feature(&doc, "person/james-baker", "peers"),
        2f32.ln().round_to(3)
    );
    // A discovered person's peers are both listed people.
    assert_eq!(feature(&doc, okafor, "peers"), 3f32.ln().round_to(3));
    // The story's other kinds are not peers: Japan's peer is the United
    // States alone.
    assert_eq!(feature(&doc, "country/jp", "peers"), 2f32.ln().round_to(3));
}

#[test]
fn the_score_is_the_models_probability_of_its_explanation() {
    let doc = EXPLAINED.tag_document(
        "Thai army reshuffle",
        "Thailand's army chief named new commanders in Bangkok on Friday, \
         the army said. Officials in Laos and Cambodia did not comment.",
    );
    for tag in doc.tags.iter().chain(&doc.below_min_score) {
        let why = tag.explanation.as_ref().unwrap();
        let z = why.intercept + why.features.iter().map(|f| f.contribution).sum::<f32>();
        let p = 1.0 / (1.0 + (-z).exp());
        assert!(
            (p - tag.score).abs() < 0.01,
            "{}: {p} vs {}",
            tag.entity,
            tag.score
        );
        for f in &why.features {
            assert!((f.value * f.weight - f.contribution).abs() < 0.01, "{f:?}");
        }
    }
    assert!(doc.below_min_score.iter().all(|t| t.score < 0.5));
    assert!(doc.tags.iter().all(|t| t.score >= 0.5));
    // Without explanations, nothing below the minimum is kept.
    let plain = Tagger::default().tag("Officials in Laos did not comment on Thailand.");
    assert!(plain.below_min_score.is_empty());
    assert!(plain.tags.iter().all(|t| t.explanation.is_none()));
}

#[test]
fn a_weights_file_replaces_the_model() {
    let flat = SalienceModel::from_toml("flat.toml", "[default]\nintercept = 2.0\n").unwrap();
    let tagger = Tagger::default().with_salience(flat);
    let doc = tagger.tag("Officials in Laos did not comment.");
    // sigmoid(2) for every tag, whatever its evidence.
    assert_eq!(doc.tag("country/la").unwrap().score, 0.881);
    // A table per kind wins over the default.
    let weights = "[default]\nintercept = 2.0\n\n[country]\nintercept = -2.0\n";
    let model = SalienceModel::from_toml("w.toml", weights).unwrap();
    let doc = Tagger::default()
        .with_salience(model)
        .with_min_score(0.0)
        .tag("The IMF met officials from Laos.");
    assert_eq!(doc.tag("country/la").unwrap().score, 0.119);
    assert_eq!(doc.tag("org/imf").unwrap().score, 0.881);
}

#[test]
fn the_embedded_weights_load_and_are_the_default() {
    let model = SalienceModel::default();
    assert_eq!(&model, Tagger::default().salience());
}

#[test]
fn weights_file_problems_have_their_line() {
    let cases: [(&str, ProblemKind, usize); 5] = [
        (
            "[default]\nname = 1.0\nheadline = 2.0\n",
            ProblemKind::InvalidValue,
            3,
        ),
        (
            "[default]\n\n[planet]\nname = 1.0\n",
            ProblemKind::UnknownKind,
            3,
        ),
        ("[default]\nname = nan\n", ProblemKind::InvalidValue, 2),
        ("[default]\nname = \"high\"\n", ProblemKind::Syntax, 2),
        (
            "[default]\nname = 1.0\nname = 2.0\n",
            ProblemKind::Syntax,
            3,
        ),
    ];
    for (text, kind, line) in cases {
        let err = SalienceModel::from_toml("w.toml", text).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Data, "{text:?}");
        let p = &err.problems()[0];
        assert_eq!((p.kind(), p.line()), (kind, Some(line)), "{text:?}: {p}");
        assert!(
            p.to_string().starts_with(&format!("w.toml:{line}: ")),
            "{p}"
        );
    }
    let err = SalienceModel::from_toml("w.toml", "[country]\nname = 1.0\n").unwrap_err();
    assert!(err.to_string().contains("no [default] table"), "{err}");
    // Every problem is reported, not just the first.
    let err = SalienceModel::from_toml("w.toml", "[default]\na = 1.0\nb = 2.0\n").unwrap_err();
    assert_eq!(err.problems().len(), 2);
}

#[test]
fn a_weights_file_that_cannot_be_read_is_an_io_error() {
    let err = SalienceModel::from_file("/no/such/dir/salience.toml").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Io);
    assert!(
        err.to_string().starts_with("/no/such/dir/salience.toml: "),
        "{err}"
    );
}

/// Rounding as the explanations round.
trait Round3 {
    fn round_to(self, digits: i32) -> f32;
}

impl Round3 for f32 {
    fn round_to(self, digits: i32) -> f32 {
        let scale = 10f32.powi(digits);
        (self * scale).round() / scale
    }
}

#[test]
fn a_headline_atop_a_body_given_without_a_title_is_the_title() {
    // A plain-text story: a short first line, not ended by a full stop,
    // and a blank line. Its surname is the person the body names in full,
    // and its names count as the title's, not the lead's.
    let story = "Starmer pledges shorter hospital waits\n\n\
                 LONDON, Jan 6 (Reuters) - British Prime Minister Keir Starmer on \
                 Monday promised to cut hospital waiting lists in England by 2029. \
                 Health officials said the plan would be paid for by tax rises.";
    let doc = EXPLAINED.tag(story);
    let headline = doc
        .mentions
        .iter()
        .find(|m| m.span.start == 0)
        .expect("the headline's surname is a mention");
    assert_eq!(headline.entity, "person/keir-starmer");
    let starmer = find(&doc, "person/keir-starmer");
    assert!(starmer.in_title, "{starmer:?}");
    assert_eq!(starmer.count, 2);
    assert_eq!(feature(&doc, "person/keir-starmer", "title"), 1.0);
    assert!(starmer.score >= 0.5, "{starmer:?}");
    // A title given apart makes the body's first line no headline.
    let doc = EXPLAINED.tag_document("Waiting lists", story);
    assert!(doc.mentions.iter().all(|m| m.text != "Starmer"));
    assert!(!find(&doc, "person/keir-starmer").in_title);
    // Nor is a first line without a blank line after it.
    let doc = EXPLAINED.tag(&story.replacen("\n\n", "\n", 1));
    assert!(doc.mentions.iter().all(|m| m.text != "Starmer"));
}

#[test]
fn a_country_named_in_a_plain_text_headline_is_in_the_title() {
    let story = "Floods hit southern Brazil\n\nTorrential rains have killed at least 56 \
                 people, the civil defence agency said on Sunday.";
    let doc = EXPLAINED.tag(story);
    assert!(find(&doc, "country/br").in_title);
    assert_eq!(feature(&doc, "country/br", "lead"), 0.0);
}
