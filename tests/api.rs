//! Public API guarantees: thread safety, cheap sharing, JSON field names.

use gazetag::{Gazetteer, Tagged, Tagger};

#[test]
fn public_types_are_send_sync_and_unwind_safe() {
    fn check<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
    check::<Tagger>();
    check::<Gazetteer>();
    check::<Tagged>();
    // Errors go into `Box<dyn Error + Send + Sync>`.
    fn send_sync<T: Send + Sync + 'static>() {}
    send_sync::<gazetag::Error>();
}

#[test]
fn default_tagger_is_shared_not_rebuilt() {
    let a = Tagger::default();
    let b = Tagger::default();
    assert!(std::ptr::eq(a.gazetteer(), b.gazetteer()));
}

#[test]
fn empty_and_blank_texts_give_empty_results() {
    let tagger = Tagger::default();
    for text in ["", " ", "\n\n\t", "—", "...", "\u{200B}\u{FEFF}"] {
        let doc = tagger.tag(text);
        assert!(doc.tags.is_empty() && doc.mentions.is_empty(), "{text:?}");
    }
}

#[test]
fn json_field_names_are_stable() {
    let doc = Tagger::default().tag_document(
        "Mexico",
        "The Mexican army and the U.S. Drug Enforcement Administration.",
    );
    let json = serde_json::to_value(&doc).unwrap();
    let tag = &json["tags"][0];
    for field in [
        "entity",
        "kind",
        "label",
        "count",
        "supporting",
        "score",
        "first",
        "in_title",
        "derived",
    ] {
        assert!(tag.get(field).is_some(), "tag lacks {field}: {tag}");
    }
    assert!(tag["first"].get("start").is_some() && tag["first"].get("end").is_some());
    let mexico = json["tags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["entity"] == "country/mx");
    assert_eq!(mexico.unwrap()["iso"], "MX");
    assert_eq!(mexico.unwrap()["kind"], "country");
    let mention = &json["mentions"][0];
    for field in ["entity", "field", "start", "end", "text", "evidence"] {
        assert!(
            mention.get(field).is_some(),
            "mention lacks {field}: {mention}"
        );
    }
    // A span is the keys `start` and `end`: at the top level of a mention,
    // in an object named for what it is on a tag (`first`).
    assert!(mention.get("span").is_none(), "{mention}");
    let first = &json["tags"][0]["first"];
    assert!(first.get("start").is_some() && first.get("end").is_some());
    assert_eq!(mention["field"], "title");
    let dea = json["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["entity"] == "agency/dea");
    assert_eq!(dea.unwrap()["text"], "Drug Enforcement Administration");
}

#[test]
fn many_threads_agree_with_one() {
    let tagger = Tagger::default();
    let texts: Vec<String> = (0..64)
        .map(|i| {
            format!(
                "Report {i}: the CIA, the FBI and Mexico’s CISEN met in Mexico City; \
                 {} officials said the DEA would {}.",
                ["Mexican", "American", "British", "French"][i % 4],
                ["withdraw", "stay", "expand its work in Colombia", "wait"][i % 4]
            )
        })
        .collect();
    let expected: Vec<Tagged> = texts.iter().map(|t| tagger.tag(t)).collect();
    std::thread::scope(|s| {
        for _ in 0..8 {
            s.spawn(|| {
                for (t, want) in texts.iter().zip(&expected) {
                    assert_eq!(&tagger.tag(t), want);
                }
            });
        }
    });
}

#[test]
fn min_score_filters_tags_but_keeps_mentions() {
    let text = "Chile. Argentina said the talks with Argentina and Argentina's \
                neighbours would go on.";
    let all = Tagger::default().with_min_score(0.0).tag(text);
    let strict = Tagger::default().with_min_score(0.5).tag(text);
    assert!(all.tag("country/cl").is_some());
    let chile = all.tag("country/cl").unwrap().score;
    let argentina = all.tag("country/ar").unwrap().score;
    assert!(argentina >= 0.5 && chile < argentina);
    assert!(strict.tag("country/ar").is_some());
    assert_eq!(strict.tag("country/cl").is_some(), chile >= 0.5);
    assert_eq!(all.mentions, strict.mentions);
    assert_eq!(Tagger::default().with_min_score(f32::NAN).min_score(), 0.0);
}

#[test]
fn tags_are_sorted_by_score() {
    let doc = Tagger::default().tag_document(
        "Russia expels diplomats",
        "Moscow said on Friday that it would expel 20 British diplomats, after Britain \
         accused the GRU of the attack. France and Germany backed London.",
    );
    assert!(doc.tags.windows(2).all(|w| w[0].score >= w[1].score));
    let ids: Vec<&str> = doc.tags.iter().map(|t| t.entity.as_str()).collect();
    assert_eq!(
        ids[..2]
            .iter()
            .filter(|id| id.starts_with("country/"))
            .count(),
        2
    );
    assert!(ids[..2].contains(&"country/ru"), "{ids:?}");
}

#[test]
fn many_threads_agree_with_one_on_varied_articles_with_categories() {
    // Articles of every shape (titles, datelines, acronym definitions,
    // awkward Unicode, empty fields) with the default rules filing them
    // under categories: 16 threads, each in its own order, must give what
    // one thread gives.
    let tagger = Tagger::default();
    let bodies = [
        "MOSCOW (Reuters) - The FSB said a cyberattack hit Russian banks.",
        "The Center for Research and National Security (CISEN) and the CIA met.",
        "Cartel violence: the DEA and Mexican police seized cocaine in Sinaloa.",
        "Peña Nieto met Obama; Nieto said the U.S. would help. ＣＩＡ, ǅemal, İstanbul.",
        "Central bank raises interest rates as inflation climbs; the IMF warned.",
        "",
        "\u{200d}\u{202e}🇺🇸👩\u{200d}👩\u{200d}👧 e\u{301} ﬁ ẞ",
        "Terrorists attacked an embassy in Nairobi; al-Shabaab claimed it.",
    ];
    let titles = ["", "Spy chiefs meet", "Drug war", "GCHQ warns of hacking"];
    let articles: Vec<(String, String)> = (0..96)
        .map(|i| {
            let body = format!(
                "{} {}",
                bodies[i % bodies.len()],
                bodies[(i / 3) % bodies.len()]
            );
            (titles[i % titles.len()].to_string(), body)
        })
        .collect();
    let expected: Vec<Tagged> = articles
        .iter()
        .map(|(t, b)| tagger.tag_document(t, b))
        .collect();
    assert!(expected.iter().any(|d| !d.categories.is_empty()));
    std::thread::scope(|s| {
        for k in 0..16 {
            let (tagger, articles, expected) = (&tagger, &articles, &expected);
            s.spawn(move || {
                for n in 0..articles.len() {
                    let i = (n * 7 + k * 13) % articles.len();
                    let (t, b) = &articles[i];
                    assert_eq!(&tagger.tag_document(t, b), &expected[i]);
                }
            });
        }
    });
}

#[test]
fn a_country_counts_its_own_mentions_apart_from_its_places() {
    let body = "Stocks fell in New York on Tuesday, and traders in Chicago and \
                Boston sold bank shares. U.S. regulators said they were watching \
                markets, and U.S. officials met bankers in Boston.";
    let doc = Tagger::default().with_min_score(0.0).tag(body);
    let us = doc.tag("country/us").unwrap();
    assert!(!us.derived);
    // Two "U.S.": its own mentions, the first of which is `first`.
    assert_eq!(us.count, 2);
    assert_eq!(&body[us.first.range()], "U.S.");
    assert!(!us.in_title);
    // The places in it count for it, apart: one per mention of a place
    // whose tag the same document gives.
    let places: u32 = doc
        .tags
        .iter()
        .filter(|t| t.kind == gazetag::Kind::Place)
        .map(|t| t.count)
        .sum();
    assert_eq!(places, 4, "{:?}", doc.tags);
    assert_eq!(us.supporting, places);
}

#[test]
fn a_country_only_its_places_name_has_no_mention_of_its_own() {
    let title = "Floods close roads near Lyon";
    let doc = Tagger::default()
        .with_min_score(0.0)
        .tag_document(title, "Rain fell for a third day around Lyon and Grenoble.");
    let france = doc.tag("country/fr").unwrap();
    assert_eq!((france.count, france.supporting), (0, 3));
    assert!(!france.derived);
    // With no mention of its own, `first` is the first that supports it.
    assert_eq!(france.first_field, gazetag::Field::Title);
    assert_eq!(&title[france.first.range()], "Lyon");
    assert!(france.in_title);
}

#[test]
fn a_derived_country_is_supported_by_what_implies_it() {
    let text = "The FBI arrested two men on Friday; the FBI said more arrests \
                would follow.";
    let doc = Tagger::default().with_min_score(0.0).tag(text);
    let us = doc.tag("country/us").unwrap();
    assert!(us.derived);
    assert_eq!(us.derived_from.as_deref(), Some("agency/fbi"));
    assert_eq!((us.count, us.supporting), (0, 2));
    assert_eq!(&text[us.first.range()], "FBI");
}
