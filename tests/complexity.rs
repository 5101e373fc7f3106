//! Inputs that are short to write and were slow to tag: each ran in time
//! that grew with the square (or worse) of its size. Every input here is
//! large enough that the quadratic code would not finish within CI's time
//! (minutes to hours, in debug builds), and small enough that linear code
//! tags it in about a second: the tests guard the complexity without
//! timing anything. `benches/adversarial.rs` measures the growth.

use std::sync::LazyLock;

use gazetag::{DropReason, Gazetteer, Reason, RuleSet, Tagger};

use crate::common;

static TAGGER: LazyLock<Tagger> =
    LazyLock::new(|| common::tagger_without_rules("complexity.toml", common::CIA));

/// The long forms the text defined, as discovered tags' labels.
fn discovered(doc: &gazetag::Tagged) -> Vec<&str> {
    doc.tags
        .iter()
        .filter(|t| t.discovered)
        .map(|t| t.label.as_str())
        .collect()
}

#[test]
fn an_acronym_after_one_long_word() {
    // The letters of "ABC" are looked for right to left through the word
    // before the bracket: 2 MB of one word took 2 minutes in release
    // builds, and hours in debug builds, when each letter was decoded
    // again from the start of the word.
    let word = format!("Z{}", "q".repeat(2_000_000));
    let doc = TAGGER.tag(&format!("{word} (ABC) said the CIA."));
    assert!(discovered(&doc).is_empty());
    assert_eq!(doc.mentions.len(), 1, "the CIA");

    let text = format!(
        "Analysts of B{} Central (ABC) met the CIA.",
        "q".repeat(2_000_000)
    );
    let doc = TAGGER.tag(&text);
    assert_eq!(discovered(&doc).len(), 1);
    assert!(discovered(&doc)[0].starts_with("Analysts of Bqqq"));
}

#[test]
fn an_acronym_after_unspaced_text() {
    // Chinese, Japanese and Thai put no spaces between words: a paragraph
    // is one word to the tagger.
    let text = format!("{} (NBS) 中国国家统计局", "统".repeat(700_000));
    let doc = TAGGER.tag(&text);
    assert!(discovered(&doc).is_empty());
    assert!(doc.mentions.is_empty());
}

#[test]
fn a_surname_repeated_in_a_headline() {
    // "Leyva" is one of Alfredo Beltrán Leyva's title words (his role is
    // "Beltrán-Leyva Organization leader"): each "LEYVA" looked back over
    // every one before it for a title.
    let text = format!("Arturo Beltrán Leyva. {}", "LEYVA ".repeat(200_000));
    let doc = Tagger::default().tag(&text);
    // He is named in full first: each "LEYVA" is him.
    let arturo = doc.tag("person/arturo-beltran-leyva").unwrap();
    assert_eq!(arturo.count, 200_001);
    assert_eq!(doc.tags.len(), 2, "Arturo and Mexico");
}

#[test]
fn a_name_thousands_of_entities_share() {
    // 5,000 companies share "Springfield Holdings", each with a cue of
    // its own ("plant 7"). Each mention compared every option with every
    // other (one alias per entity, capitals, then the cue of each): 1,000
    // mentions took minutes in release builds and hours in debug builds.
    // The document now decides the name once for each set of cues found
    // near a mention, and a mention costs a look at the words around it.
    let mut data = String::new();
    for i in 0..5_000 {
        data.push_str(&format!(
            "[[entity]]\nid = \"org/springfield-{i}\"\nkind = \"organization\"\n\
             name = \"Springfield Unit {i}\"\nnames = [\"Springfield Holdings\"]\n\
             cues = [\"plant {i}\"]\n"
        ));
    }
    let tagger = common::tagger_without_rules("shared.toml", &data).with_dropped(true);
    let mut text = "Springfield Holdings said on Monday that its sales rose. ".repeat(1_000);
    text.push_str(
        "Workers at plant 7 of Springfield Holdings went on strike. \
         Springfield Holdings said plant 7 would stay closed.",
    );
    let doc = tagger.tag(&text);
    // The two mentions beside "plant 7" are that unit's company, by cue;
    // no context decides the others, which are dropped alike.
    let got: Vec<(&str, Reason)> = doc
        .mentions
        .iter()
        .map(|m| (m.entity.as_str(), m.reason))
        .collect();
    assert_eq!(got, [("org/springfield-7", Reason::Cue); 2]);
    assert_eq!(doc.dropped.len(), 1_000);
    assert!(
        doc.dropped
            .iter()
            .all(|d| d.reason == DropReason::Undecided)
    );
    assert!(doc.dropped.iter().all(|d| d.entities.len() == 5_000));
}

#[test]
fn body_tag_tests_over_a_long_document() {
    // A tag test with `where = "body"` looked through every mention for
    // each tag it tried: 20,000 companies named in the title, five of them
    // again in the body, and 40 categories asking for companies in the
    // body cost 40 x 20,000 x 20,005 comparisons. A debug build took 72 s
    // on an eighth of that (10,000 companies, 20 categories).
    let mut data = String::new();
    for i in 0..20_000 {
        data.push_str(&format!(
            "[[entity]]\nid = \"org/co{i}\"\nkind = \"organization\"\n\
             name = \"Company {i}\"\nexact = [\"CO{i}\"]\n"
        ));
    }
    let mut rules = String::new();
    for c in 0..40 {
        rules.push_str(&format!(
            "[[category]]\nname = \"companies {c}\"\n\n[[category.when]]\n\
             kind = \"organization\"\nat_least = {}\nwhere = \"body\"\n\n",
            5 + c % 2
        ));
    }
    let g = Gazetteer::builder()
        .add_str("companies.toml", &data)
        .build();
    let rules = RuleSet::builder()
        .add_str("companies-rules.toml", &rules)
        .build();
    let tagger = Tagger::new(g.expect("valid data")).with_rules(rules.expect("valid rules"));
    let title: Vec<String> = (0..20_000).map(|i| format!("CO{i}")).collect();
    let body = "Shares of CO1, CO2, CO3, CO4 and CO5 rose on Monday.";
    let doc = tagger.tag_document(&title.join(" "), body);
    // Five companies are in the body: categories asking for five file it,
    // those asking for six do not.
    let filed: Vec<&str> = doc.categories.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(filed.len(), 20, "{filed:?}");
    assert!(
        filed
            .iter()
            .all(|c| ["0", "2", "4", "6", "8"].iter().any(|d| c.ends_with(d)))
    );
}

#[test]
fn a_deep_chain_of_categories_over_many_suggested_ones() {
    // 3,000 categories in a chain, and under its last one 3,000 that the
    // CIA suggests: each of these was listed as evidence at every level of
    // the chain, 9 million entries, a gigabyte of JSON for "CIA met".
    let n = 3_000;
    let mut rules = String::new();
    for k in 0..n {
        let parent = match k {
            0 => String::new(),
            _ => format!("parent = \"level {}\"\n", k - 1),
        };
        rules.push_str(&format!(
            "[[category]]\nname = \"level {k}\"\n{parent}\
             [[category.when]]\nphrases = [\"weather forecast\"]\n\n"
        ));
    }
    for k in 0..n {
        rules.push_str(&format!(
            "[[category]]\nname = \"desk {k}\"\nparent = \"level {}\"\n\
             [[category.when]]\nentities = [\"agency/cia\"]\nweight = {}\n\n",
            n - 1,
            1.0 + k as f32 / 1000.0
        ));
    }
    let rules = RuleSet::builder().add_str("chain.toml", &rules).build();
    let tagger = TAGGER.clone().with_rules(rules.expect("valid rules"));
    let doc = tagger.tag("CIA met");
    assert_eq!(doc.categories.len(), 2 * n);
    let levels: Vec<_> = doc
        .categories
        .iter()
        .filter(|c| c.name.starts_with("level "))
        .collect();
    assert_eq!(levels.len(), n);
    // Each level lists the best-scoring desks, the last ones.
    for level in levels {
        let names: Vec<&str> = level.fired.iter().map(|f| f.condition.as_str()).collect();
        assert_eq!(names.len(), gazetag::MAX_SUBCATEGORIES, "{}", level.name);
        assert_eq!(names[0], "subcategory \"desk 2999\"");
        assert_eq!(names[7], "subcategory \"desk 2992\"");
        assert!((level.score - 3.999).abs() < 1e-3);
    }
    let json = serde_json::to_string(&doc).expect("serializes");
    assert!(json.len() < 8 << 20, "{} bytes", json.len());
}
