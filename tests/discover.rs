//! Discovery: people and organisations the gazetteer does not list, and
//! what a name is not (a place inside a person's name, a club in a sports
//! result). Every text here is written for these tests.

use std::sync::LazyLock;

use gazetag::{Evidence, Kind, Reason, Tagged, Tagger};

static TAGGER: LazyLock<Tagger> = LazyLock::new(|| Tagger::default().with_min_score(0.0));

/// The discovered mentions of a document: (entity, text, reason).
fn found(doc: &Tagged) -> Vec<(&str, &str, Reason)> {
    doc.mentions
        .iter()
        .filter(|m| m.entity.contains("/~"))
        .map(|m| (m.entity.as_str(), m.text.as_str(), m.reason))
        .collect()
}

fn entities(doc: &Tagged) -> Vec<&str> {
    doc.mentions.iter().map(|m| m.entity.as_str()).collect()
}

#[test]
fn a_title_before_a_name_makes_a_person_and_the_surname_follows() {
    let doc = TAGGER.tag(
        "Finance Minister Halvard Stoltenberg presented the budget on Tuesday. \
         Stoltenberg said spending would fall.",
    );
    assert_eq!(
        found(&doc),
        [
            (
                "person/~halvard-stoltenberg",
                "Halvard Stoltenberg",
                Reason::Role
            ),
            (
                "person/~halvard-stoltenberg",
                "Stoltenberg",
                Reason::Partial
            ),
        ]
    );
    let tag = doc.tag("person/~halvard-stoltenberg").unwrap();
    assert_eq!(
        (tag.kind, tag.discovered, tag.count),
        (Kind::Person, true, 2)
    );
    assert_eq!(tag.label, "Halvard Stoltenberg");
    let partial = doc
        .mentions
        .iter()
        .find(|m| m.text == "Stoltenberg")
        .unwrap();
    assert_eq!(partial.evidence, Evidence::Partial);
}

#[test]
fn an_honorific_or_a_lower_case_role_makes_a_person() {
    let doc = TAGGER.tag("Mr. Okafor denied the report, and striker Tomasz Wielgus agreed.");
    assert_eq!(
        found(&doc),
        [
            ("person/~okafor", "Okafor", Reason::Role),
            ("person/~tomasz-wielgus", "Tomasz Wielgus", Reason::Role),
        ]
    );
}

#[test]
fn one_word_after_a_role_is_a_person_only_by_a_known_name_or_an_honorific() {
    // "market leader Vantrix": a company (no surname of the lists);
    // "striker Okafor": a person (a surname); "Mr Tarnex": a person (an
    // honorific says so, whatever the name).
    let doc = TAGGER.tag(
        "Market leader Vantrix cut its prices. Striker Okafor scored twice, \
         and Mr Tarnex watched from the stand.",
    );
    assert_eq!(
        found(&doc),
        [
            ("person/~okafor", "Okafor", Reason::Role),
            ("person/~tarnex", "Tarnex", Reason::Role),
        ]
    );
}

#[test]
fn a_person_named_by_title_and_surname_is_the_person_named_in_full() {
    // "Mr Templeton" is "Rich Templeton", before or after the full name;
    // one tag, with two mentions.
    for text in [
        "Rich Templeton, the head of the chip maker, backed the plan. \
         Mr Templeton said prices would fall.",
        "Mr Templeton said prices would fall. Rich Templeton, the head of \
         the chip maker, backed the plan in March.",
    ] {
        let doc = TAGGER.tag(text);
        let people: Vec<_> = found(&doc).into_iter().map(|(id, _, _)| id).collect();
        assert_eq!(people, ["person/~rich-templeton"; 2], "{text}");
        let tag = doc.tag("person/~rich-templeton").unwrap();
        assert_eq!(tag.count, 2);
        assert!(doc.tag("person/~templeton").is_none());
    }
}

#[test]
fn a_given_name_before_a_surname_makes_a_person() {
    let doc =
        TAGGER.tag("Crowds cheered as Francisco Arias Cárdenas led the march on the capital.");
    assert_eq!(
        found(&doc),
        [(
            "person/~francisco-arias-cardenas",
            "Francisco Arias Cárdenas",
            Reason::GivenName
        )]
    );
}

#[test]
fn particles_and_hyphenated_parts_do_not_count_towards_a_names_length() {
    // Five words, four of them capitalised: the whole name.
    let doc = TAGGER.tag(
        "Oman's Foreign Minister Sayyid Badr bin Hamad Albusaidi told reporters the talks would resume.",
    );
    let names: Vec<&str> = found(&doc).iter().map(|f| f.1).collect();
    assert_eq!(names, ["Sayyid Badr bin Hamad Albusaidi"]);
    let doc = TAGGER.tag("Coach Kang Young-hoon said the team had trained hard.");
    let names: Vec<&str> = found(&doc).iter().map(|f| f.1).collect();
    assert_eq!(names, ["Kang Young-hoon"]);
    // Past four capitalised words the name stops, and a particle left
    // without its surname goes with it.
    let doc = TAGGER.tag(
        "Minister Tariq Aziz Abdel Rahim al Tikriti Bakr said on Monday the border was closed.",
    );
    let names: Vec<&str> = found(&doc).iter().map(|f| f.1).collect();
    assert_eq!(names, ["Tariq Aziz Abdel Rahim"]);
}

#[test]
fn a_verb_of_speech_makes_a_person() {
    let doc = TAGGER.tag(
        "The harbour will close for a week, said Tarbek Ozolinsh. \
         Qarlo Venturi said the port would lose money.",
    );
    assert_eq!(
        found(&doc),
        [
            ("person/~tarbek-ozolinsh", "Tarbek Ozolinsh", Reason::Speech),
            ("person/~qarlo-venturi", "Qarlo Venturi", Reason::Speech),
        ]
    );
}

#[test]
fn an_apposition_makes_a_person() {
    let doc = TAGGER.tag(
        "Tarbek Ozolinsh, the head of the port authority, resigned. \
         Vardo Kessel, 54, was named in his place.",
    );
    assert_eq!(
        found(&doc),
        [
            (
                "person/~tarbek-ozolinsh",
                "Tarbek Ozolinsh",
                Reason::Apposition
            ),
            ("person/~vardo-kessel", "Vardo Kessel", Reason::Apposition),
        ]
    );
}

#[test]
fn a_capitalised_name_without_evidence_is_nobody() {
    let doc = TAGGER.tag("Tarbek Ozolinsh resigned and Quarry Lane was closed.");
    assert_eq!(found(&doc), []);
}

#[test]
fn a_listed_person_is_not_rediscovered() {
    let doc = TAGGER.tag("President Felipe Calderón said the army would stay.");
    assert_eq!(found(&doc), []);
    assert!(entities(&doc).contains(&"person/felipe-calderon"));
}

#[test]
fn an_organisation_word_ends_an_organisation() {
    let doc = TAGGER.tag(
        "Shares of Kawamura Trust Bank fell after the Ministry of Fisheries \
         cut the quota of the Baltic Trawlers Association.",
    );
    assert_eq!(
        found(&doc),
        [
            (
                "org/~kawamura-trust-bank",
                "Kawamura Trust Bank",
                Reason::Suffix
            ),
            (
                "org/~ministry-of-fisheries",
                "Ministry of Fisheries",
                Reason::Suffix
            ),
            (
                "org/~baltic-trawlers-association",
                "Baltic Trawlers Association",
                Reason::Suffix
            ),
        ]
    );
    let bank = doc.tag("org/~kawamura-trust-bank").unwrap();
    assert_eq!((bank.kind, bank.discovered), (Kind::Organization, true));
}

#[test]
fn a_company_named_again_without_its_legal_form_is_the_same_company() {
    let doc = TAGGER.tag(
        "Halvorsen Robotics Inc said on Monday it would buy a rival. \
         Shares of Halvorsen Robotics rose 4 percent, said Anna Berg, \
         chief executive of Halvorsen Robotics.",
    );
    let company: Vec<(&str, Reason)> = found(&doc)
        .into_iter()
        .filter(|f| f.0 == "org/~halvorsen-robotics-inc")
        .map(|f| (f.1, f.2))
        .collect();
    assert_eq!(
        company,
        [
            ("Halvorsen Robotics Inc", Reason::Suffix),
            ("Halvorsen Robotics", Reason::Partial),
            ("Halvorsen Robotics", Reason::Partial)
        ]
    );
}

#[test]
fn a_company_is_its_first_word_alone_unless_two_companies_share_it() {
    let doc = TAGGER.tag(
        "Vantrix Systems Inc cut its forecast on Tuesday. Vantrix said orders \
         from carmakers had slowed.",
    );
    let company: Vec<(&str, Reason)> = found(&doc)
        .into_iter()
        .filter(|f| f.0 == "org/~vantrix-systems-inc")
        .map(|f| (f.1, f.2))
        .collect();
    assert_eq!(
        company,
        [
            ("Vantrix Systems Inc", Reason::Suffix),
            ("Vantrix", Reason::Partial)
        ]
    );
    // "Vantrix" alone could be either company: it names neither.
    let doc = TAGGER.tag(
        "Vantrix Systems Inc and Vantrix Mining Ltd both reported losses. \
         Vantrix said more cuts would follow.",
    );
    assert!(
        found(&doc).iter().all(|f| f.1 != "Vantrix"),
        "{:?}",
        found(&doc)
    );
}

#[test]
fn a_short_form_that_is_a_known_word_or_shared_is_left_alone() {
    // One word that is a given name is no short form of "Morgan Ltd".
    let doc = TAGGER.tag("Morgan Ltd said profits fell, and Morgan shares slid in early trading.");
    assert!(
        found(&doc).iter().all(|f| f.1 != "Morgan"),
        "{:?}",
        found(&doc)
    );
    // Two companies share the short form: it names neither.
    let doc = TAGGER
        .tag("Tarvin Holdings Ltd and Tarvin Holdings Inc both said Tarvin Holdings would appeal.");
    let short: Vec<&str> = found(&doc)
        .iter()
        .filter(|f| f.2 == Reason::Partial)
        .map(|f| f.1)
        .collect();
    assert!(short.is_empty(), "{:?}", found(&doc));
}

#[test]
fn an_acronym_defined_after_a_discovered_organisation_is_that_organisation() {
    let doc =
        TAGGER.tag("The Andean Fisheries Council (AFC) met in Lima. The AFC will vote on quotas.");
    let tag = doc.tag("org/~andean-fisheries-council").unwrap();
    assert_eq!(tag.count, 3);
    assert_eq!(tag.label, "Andean Fisheries Council (AFC)");
    assert!(doc.tags.iter().all(|t| !t.entity.starts_with("unknown/")));
}

#[test]
fn an_organisation_matching_a_listed_one_by_its_core_name_is_the_listed_one() {
    let doc = TAGGER.tag("Agents of the Chinese Ministry of State Security were expelled.");
    assert_eq!(found(&doc), []);
    assert!(entities(&doc).contains(&"agency/mss"));
}

#[test]
fn a_place_inside_a_persons_name_is_not_a_place() {
    let doc = TAGGER.tag("Sydney Sweeney starred in the new film.");
    assert_eq!(entities(&doc), ["person/~sydney-sweeney"]);
    let doc = TAGGER.tag("Kenya Barris wrote the new series.");
    assert_eq!(entities(&doc), ["person/~kenya-barris"]);
    assert!(doc.tag("country/ke").is_none());
    // Without the person, the places are places.
    let doc = TAGGER.tag("Floods closed roads in Sydney and across Kenya.");
    assert!(doc.tag("place/sydney-au").is_some());
    assert!(doc.tag("country/ke").is_some());
}

#[test]
fn a_place_named_like_a_common_given_name_needs_place_context() {
    // "Michael" is a parish of the Isle of Man.
    let doc = TAGGER.tag("Michael scored twice before half-time.");
    assert_eq!(entities(&doc), [] as [&str; 0]);
    let doc = TAGGER.tag("A ferry ran aground near Michael on Tuesday.");
    assert!(entities(&doc).contains(&"place/im-9782185"));
}

#[test]
fn a_city_in_a_sports_result_is_a_team() {
    let doc = TAGGER.tag("English premier league results on Saturday:\nLiverpool 2 Everton 1\n");
    assert_eq!(
        found(&doc),
        [
            ("org/~liverpool", "Liverpool", Reason::Team),
            ("org/~everton", "Everton", Reason::Team),
        ]
    );
    // Not a place, and not evidence for its country.
    assert!(doc.tags.iter().all(|t| t.kind != Kind::Place));
    assert!(doc.tag("country/gb").is_none());
}

#[test]
fn a_fixture_names_the_visitors_as_a_team_and_the_venue_as_a_place() {
    // "at Detroit" is where the game is played: the city, not its club.
    let doc = TAGGER.tag("Baseball games on Friday:\nCHICAGO AT DETROIT\nBOSTON AT TORONTO\n");
    let teams: Vec<&str> = found(&doc).iter().map(|f| f.1).collect();
    assert_eq!(teams, ["CHICAGO", "BOSTON"]);
    let venue = doc.mentions.iter().find(|m| m.text == "TORONTO").unwrap();
    assert!(venue.entity.starts_with("place/"), "{}", venue.entity);
    assert!(doc.tag("country/ca").is_some());
    let doc = TAGGER.tag("Fixtures for Sunday:\nLeeds at Liverpool\n");
    let teams: Vec<&str> = found(&doc).iter().map(|f| f.1).collect();
    assert_eq!(teams, ["Leeds"]);
}

#[test]
fn a_fixture_with_versus_names_two_teams_and_no_venue() {
    let doc = TAGGER.tag("Cup draw:\nLiverpool v Leeds\nCHICAGO VS DETROIT\n");
    let teams: Vec<&str> = found(&doc).iter().map(|f| f.1).collect();
    assert_eq!(teams, ["Liverpool", "Leeds", "CHICAGO", "DETROIT"]);
    assert!(doc.tag("country/gb").is_none());
    assert!(doc.tag("country/us").is_none());
}

#[test]
fn a_city_before_a_verb_of_winning_is_a_team() {
    let doc = TAGGER.tag("Liverpool beat Leeds in the cup on Saturday.");
    assert_eq!(
        found(&doc)[0],
        ("org/~liverpool", "Liverpool", Reason::Team)
    );
    assert!(doc.tag("country/gb").is_none());
}

#[test]
fn a_country_in_a_sports_result_stays_the_country() {
    // National teams are their countries.
    let doc = TAGGER.tag("World Cup qualifier:\nGermany 2 Armenia 0\n");
    assert!(doc.tag("country/de").is_some());
    assert!(doc.tag("country/am").is_some());
}

#[test]
fn a_table_of_standings_names_teams() {
    let doc = TAGGER.tag("Standings:\nLiverpool 4 3 1 0 9 3 10\nLeeds 4 2 1 1 6 4 7\n");
    let teams: Vec<&str> = found(&doc).iter().map(|f| f.1).collect();
    assert_eq!(teams, ["Liverpool", "Leeds"]);
}

#[test]
fn discovery_can_be_turned_off() {
    let text = "Finance Minister Halvard Stoltenberg met officials of Kawamura Trust Bank.";
    assert!(TAGGER.discovery());
    assert_eq!(found(&TAGGER.tag(text)).len(), 2);
    let off = TAGGER.clone().with_discovery(false);
    assert!(!off.discovery());
    assert_eq!(found(&off.tag(text)), []);
    // And back on.
    assert_eq!(found(&off.with_discovery(true).tag(text)).len(), 2);
}

#[test]
fn discovered_ids_are_the_same_whatever_the_spelling_of_accents() {
    let a = TAGGER.tag("Finance Minister José Pérez spoke.");
    let b = TAGGER.tag("Finance Minister Jose Perez spoke.");
    assert_eq!(found(&a)[0].0, "person/~jose-perez");
    assert_eq!(found(&a)[0].0, found(&b)[0].0);
}

#[test]
fn discovery_never_panics_on_odd_text() {
    for text in [
        "",
        "Mr.",
        "said",
        ", said A",
        "Ministry of",
        "Liverpool 2",
        "X AT",
        "O'",
        "Dr. -",
        "Bank Bank Bank Bank",
        "1. Ajax 1 2 3",
        "Anna, the",
        "\u{feff}Mr Ñandú said",
    ] {
        let _ = TAGGER.tag(text);
        let _ = TAGGER.tag_document(text, text);
    }
}

#[test]
fn a_country_in_brackets_after_a_name_makes_a_person() {
    let doc = TAGGER.tag("Results of the 400 metres:\n1. Osagie Mbeki (Nigeria) 44.91\n");
    assert_eq!(
        found(&doc),
        [("person/~osagie-mbeki", "Osagie Mbeki", Reason::Apposition)]
    );
}

#[test]
fn an_initial_before_a_surname_makes_a_person_but_an_abbreviation_does_not() {
    let doc = TAGGER.tag("Bowling: T. Okonjo 4-56, R. Vantall 2-40.");
    assert_eq!(
        found(&doc),
        [
            ("person/~t-okonjo", "T. Okonjo", Reason::GivenName),
            ("person/~r-vantall", "R. Vantall", Reason::GivenName),
        ]
    );
    let doc = TAGGER.tag("The U.S. Trade Representative met U.K. officials.");
    assert!(found(&doc).iter().all(|f| f.2 != Reason::GivenName));
}

#[test]
fn a_table_row_with_a_percentage_names_a_place_as_a_team() {
    // Won, lost, percentage, games behind: whole numbers and decimals. A
    // place named like a given name ("Denver") or starting with a word
    // that is never a name ("New York") is a team here all the same.
    let doc = TAGGER.tag(
        "Standings after Sunday's games:\nW L PCT GB\nNEW YORK 81 62 .566 -\n\
         DENVER 78 65 .545 3\nSEATTLE 70 73 .490 11 1/2\n",
    );
    let teams: Vec<(&str, Reason)> = found(&doc).iter().map(|f| (f.1, f.2)).collect();
    assert_eq!(
        teams,
        [
            ("NEW YORK", Reason::Team),
            ("DENVER", Reason::Team),
            ("SEATTLE", Reason::Team)
        ]
    );
    assert!(!entities(&doc).iter().any(|e| e.starts_with("place/")));
}

#[test]
fn a_dateline_or_a_golfers_scores_are_no_table_row() {
    // A date after a place is no row of figures; a golfer's card after
    // his given name is no team.
    let doc =
        TAGGER.tag("NEW YORK 1997-03-04\nScores after the third round:\nTom Lehman 67 68 70\n");
    assert!(entities(&doc).contains(&"place/new-york-city-us"));
    assert!(!found(&doc).iter().any(|f| f.2 == Reason::Team));
}

#[test]
fn a_listed_place_ending_in_an_organisation_word_stays_the_place() {
    // "Bank" ends organisations' names, but the gazetteer lists the West
    // Bank as a place.
    let doc = TAGGER.tag("Troops entered two villages in the West Bank overnight, witnesses said.");
    assert!(found(&doc).is_empty(), "{:?}", found(&doc));
    assert!(
        entities(&doc).iter().any(|e| e.starts_with("place/")),
        "{:?}",
        entities(&doc)
    );
}

#[test]
fn a_team_named_for_its_city_leaves_the_dateline_a_place() {
    let doc = TAGGER.tag(
        "DENVER, Sept 14 - Standings after Saturday's games:\n\
         DENVER 78 65 .545 -\nSEATTLE 70 73 .490 8\n",
    );
    let dateline = doc.mentions.first().unwrap();
    assert_eq!(dateline.text, "DENVER");
    assert_eq!(dateline.evidence, Evidence::Dateline);
    assert!(dateline.entity.starts_with("place/"), "{}", dateline.entity);
    let teams: Vec<&str> = found(&doc).iter().map(|f| f.1).collect();
    assert_eq!(teams, ["DENVER", "SEATTLE"]);
}

#[test]
fn a_weekday_after_a_name_is_not_part_of_it() {
    let doc =
        TAGGER.tag("Albright will meet Foreign Minister Jose Miguel Insulza Monday for talks.");
    assert_eq!(
        found(&doc),
        [(
            "person/~jose-miguel-insulza",
            "Jose Miguel Insulza",
            Reason::Role
        )]
    );
}

#[test]
fn spaces_around_an_appositions_comma_change_nothing() {
    let doc = TAGGER.tag("Jeerasak Densakul , 24 , was arrested in Bangkok on Friday.");
    assert_eq!(
        found(&doc),
        [(
            "person/~jeerasak-densakul",
            "Jeerasak Densakul",
            Reason::Apposition
        )]
    );
}

#[test]
fn a_lone_surname_before_a_verb_of_speech_is_a_person_and_its_later_mentions_follow() {
    let doc = TAGGER.tag(
        "The strike closed the port for a third day. Okafor said talks would \
         resume on Monday. Employers met Okafor late on Sunday.",
    );
    assert_eq!(
        found(&doc),
        [
            ("person/~okafor", "Okafor", Reason::Speech),
            ("person/~okafor", "Okafor", Reason::Partial),
        ]
    );
}

#[test]
fn a_lone_surname_after_a_quotation_and_a_verb_of_speech_is_a_person() {
    let doc = TAGGER.tag("\"We are ready to talk,\" said Okafor.");
    assert_eq!(found(&doc), [("person/~okafor", "Okafor", Reason::Speech)]);
}

#[test]
fn a_lone_word_before_a_verb_of_speech_that_is_no_surname_is_no_person() {
    // Companies and news agencies speak alone too: a person named by one
    // word has a surname of the lists (Okafor has; Vantrix and Tarnex,
    // made-up names, have not).
    let doc = TAGGER.tag(
        "Vantrix said on Tuesday it would cut 400 jobs. \"The market has \
         turned,\" said Tarnex, which makes the chips. Okafor said the union \
         would fight the cuts.",
    );
    assert_eq!(found(&doc), [("person/~okafor", "Okafor", Reason::Speech)]);
}

#[test]
fn a_lone_word_that_a_verb_of_speech_has_as_its_object_or_a_group_is_no_person() {
    // "told Halvorsen": the listener; "Officials said": a group; "Kestrel
    // said" after "Kestrel Mining Holdings": the company.
    let doc = TAGGER.tag(
        "A miner told Halvorsen that the shaft was flooded. Officials said \
         the pumps had failed. Kestrel Mining Holdings owns the site, and \
         Kestrel said it would pay for repairs.",
    );
    let people: Vec<_> = found(&doc)
        .into_iter()
        .filter(|(id, _, _)| id.starts_with("person/"))
        .collect();
    assert!(people.is_empty(), "{people:?}");
}

#[test]
fn a_name_before_the_minute_of_a_goal_is_a_scorer() {
    let doc =
        TAGGER.tag("Rovers 2 ( Okonedo 12th , Vasquez 80th 86th ) United 1 ( Tremlett 44th )");
    let scorers: Vec<_> = found(&doc)
        .into_iter()
        .filter(|(_, _, r)| *r == Reason::Scorer)
        .map(|(id, text, _)| (id, text))
        .collect();
    assert_eq!(
        scorers,
        [
            ("person/~okonedo", "Okonedo"),
            ("person/~vasquez", "Vasquez"),
            ("person/~tremlett", "Tremlett"),
        ]
    );
    // An ordinal that is no minute of a goal names no scorer.
    let doc = TAGGER.tag("Valdano finished 12th in the race.");
    assert!(found(&doc).iter().all(|(_, _, r)| *r != Reason::Scorer));
}

/// The discovered organisations of a text: (id, text).
fn orgs(text: &str) -> Vec<(String, String)> {
    let doc = TAGGER.tag(text);
    doc.mentions
        .iter()
        .filter(|m| m.entity.starts_with("org/~"))
        .map(|m| (m.entity.clone(), m.text.clone()))
        .collect()
}

#[test]
fn an_organisation_name_joined_by_and_or_an_ampersand_is_one_name() {
    assert_eq!(
        orgs("Brokers at Harlan & Voss Securities Ltd cut their forecasts."),
        [(
            "org/~harlan-voss-securities-ltd".to_string(),
            "Harlan & Voss Securities Ltd".to_string()
        )]
    );
    assert_eq!(
        orgs("The Truth and Redress Commission heard its first witness."),
        [(
            "org/~truth-and-redress-commission".to_string(),
            "Truth and Redress Commission".to_string()
        )]
    );
}

#[test]
fn where_a_company_is_based_is_not_part_of_its_name_but_an_abbreviation_is() {
    assert_eq!(
        orgs("Last year Norway-based Skarvik Shipping Co bought two tankers."),
        [(
            "org/~skarvik-shipping-co".to_string(),
            "Skarvik Shipping Co".to_string()
        )]
    );
    assert_eq!(
        orgs("He sued the firm in U.K. High Tribunal on Monday."),
        [(
            "org/~u-k-high-tribunal".to_string(),
            "U.K. High Tribunal".to_string()
        )]
    );
}

#[test]
fn a_place_named_like_a_common_given_name_before_a_plural_starts_a_person_not_a_team() {
    // "Paul" is a place too; "Goydos" a surname ending in s, not a club's
    // nickname.
    let doc = TAGGER.tag("68 Paul Goydos , Billy Mayfair , Tom Lehman");
    let ids = entities(&doc);
    assert!(ids.contains(&"person/~paul-goydos"), "{ids:?}");
    assert!(!ids.iter().any(|id| id.starts_with("org/")), "{ids:?}");
}

#[test]
fn a_dateline_on_a_line_of_its_own_is_a_place_not_a_team() {
    let doc = TAGGER.tag(
        "Soccer - Everton held at home.\nLIVERPOOL 1996-08-24\n\
         Results on Saturday:\nLIVERPOOL 2 EVERTON 1\n",
    );
    let teams: Vec<&str> = found(&doc).iter().map(|f| f.1).collect();
    assert_eq!(teams, ["Everton", "LIVERPOOL", "EVERTON"]);
    let dateline = doc.mentions.iter().find(|m| m.text == "LIVERPOOL").unwrap();
    assert!(dateline.entity.starts_with("place/"), "{}", dateline.entity);
    // A place named like a given name is a place there too.
    let doc = TAGGER.tag("Ferry aground.\nMICHAEL, Isle of Man 1996-08-24\nA ferry ran aground.");
    assert!(entities(&doc).contains(&"place/im-9782185"));
    let doc = TAGGER.tag("Ferry aground.\nMICHAEL 1996-08-24\nA ferry ran aground.");
    assert!(entities(&doc).contains(&"place/im-9782185"));
    // A date that does not end the line makes no dateline.
    let doc = TAGGER.tag("Michael 1996-08-24 was the day he scored twice.");
    assert!(!entities(&doc).contains(&"place/im-9782185"));
}

#[test]
fn fixtures_listed_in_a_line_that_wraps_are_teams_but_countries_stay_countries() {
    let doc = TAGGER.tag(
        "Second division fixtures on Saturday: Blackpool v Wycombe, Bournemouth v\n\
         Crewe, Luton v Rotherham.\nMauritania v Benin was postponed.\n",
    );
    let teams: Vec<&str> = found(&doc).iter().map(|f| f.1).collect();
    assert_eq!(
        teams,
        [
            "Blackpool",
            "Wycombe",
            "Bournemouth",
            "Crewe",
            "Luton",
            "Rotherham"
        ]
    );
    assert!(doc.tag("country/gb").is_none());
    // National teams are their countries.
    assert!(doc.tag("country/mr").is_some());
    assert!(doc.tag("country/bj").is_some());
}

#[test]
fn a_capital_in_a_table_of_standings_is_a_team_but_stays_a_place_elsewhere() {
    let doc = TAGGER
        .tag("Rugby league standings:\nLONDON 22 12 1 9 611 462 25\nPARIS 22 3 1 18 398 795 7\n");
    let teams: Vec<&str> = found(&doc).iter().map(|f| f.1).collect();
    assert_eq!(teams, ["LONDON", "PARIS"]);
    assert!(doc.tag("country/gb").is_none());
    assert!(doc.tag("country/fr").is_none());
    let doc = TAGGER.tag("A bomb exploded in London on Tuesday, 22 people were hurt.");
    assert!(doc.tag("country/gb").is_some());
    assert_eq!(found(&doc), []);
}

#[test]
fn a_newsroom_is_an_organisation_not_its_city() {
    let doc = TAGGER.tag(
        "Shares in the shipping line fell 3 percent on Monday.\n\
         -- Oslo Newsroom +47 22 93 69 00\n",
    );
    assert_eq!(
        found(&doc),
        [("org/~oslo-newsroom", "Oslo Newsroom", Reason::Suffix)]
    );
    assert!(doc.tag("country/no").is_none());
    // The word in lower case names no organisation: Oslo is the city.
    let doc = TAGGER.tag("The Oslo newsroom of the agency closed on Monday.");
    assert_eq!(found(&doc), []);
    assert!(doc.tag("country/no").is_some());
}

#[test]
fn months_compared_with_versus_are_no_teams() {
    let doc = TAGGER.tag("Money supply, Nov vs Dec: 737.6 billion vs 730.5 billion.");
    assert_eq!(found(&doc), []);
}

#[test]
fn scorers_in_brackets_between_two_scores_leave_both_sides_teams() {
    let doc = TAGGER.tag(
        "Results of English premier league matches on Saturday:\n\
         Leeds 1 (Brannigan 58th) Wimbledon 0.\n\
         Coventry 2 (Halloran 12th, Okafor 80th) Southampton 1 (Dreyer 44th).\n",
    );
    let teams: Vec<&str> = found(&doc)
        .iter()
        .filter(|f| f.2 == Reason::Team)
        .map(|f| f.1)
        .collect();
    assert_eq!(teams, ["Leeds", "Wimbledon", "Coventry", "Southampton"]);
    assert!(doc.tag("country/gb").is_none());
    // A name on the next line after the brackets is no side of the result.
    let doc = TAGGER.tag("Final score:\nBarcelona 2 (Figo 10th, 77th)\nHalftime 1-0.\n");
    let names: Vec<&str> = found(&doc).iter().map(|f| f.1).collect();
    assert!(!names.contains(&"Halftime"), "{names:?}");
}

#[test]
fn a_year_or_a_figure_after_a_name_is_no_score() {
    // Prices by market town: the number is a quantity, "12,750" a price.
    let doc = TAGGER.tag(
        "Soybean prices in rupees per tonne:\nIndore 25 Yellow 12,750-12,950\n\
         Ujjain 8 Yellow 12,750-12,900\n",
    );
    assert_eq!(found(&doc), []);
    assert!(doc.tag("country/in").is_some());
    // Half-years compared.
    let doc = TAGGER.tag("Net profit, in millions:\nH1 1996 H1 1995\n");
    assert_eq!(found(&doc), []);
    // A score of three digits is still a score.
    let doc = TAGGER.tag("Basketball results:\nBoston 104 Chicago 99\n");
    let teams: Vec<&str> = found(&doc).iter().map(|f| f.1).collect();
    assert_eq!(teams, ["Boston", "Chicago"]);
}

#[test]
fn a_place_whose_whole_name_starts_like_a_given_name_is_no_person() {
    let doc = TAGGER.tag("In San Diego, delegates gathered for the convention on Monday.");
    assert_eq!(found(&doc), []);
    assert!(
        entities(&doc)
            .iter()
            .any(|e| e.starts_with("place/san-diego"))
    );
    // A person whose name only starts with a place is a person.
    let doc = TAGGER.tag("Sydney Marlowe said the convention would open on Monday.");
    assert_eq!(
        found(&doc),
        [(
            "person/~sydney-marlowe",
            "Sydney Marlowe",
            Reason::GivenName
        )]
    );
}

#[test]
fn a_function_word_before_an_organisation_is_not_part_of_it() {
    let doc = TAGGER.tag(
        "A Kawamura Trust Bank spokesman declined to comment. \
         And Halvorsen Shipping Co said it had repaid its loan.",
    );
    let names: Vec<&str> = found(&doc).iter().map(|f| f.1).collect();
    assert_eq!(names, ["Kawamura Trust Bank", "Halvorsen Shipping Co"]);
    // A weekday may start a name ("Sunday Herald").
    let doc = TAGGER.tag("The Sunday Herald reported the sale on Monday.");
    assert_eq!(
        found(&doc),
        [("org/~sunday-herald", "Sunday Herald", Reason::Suffix)]
    );
    // "New" is a word of the name, not a function word.
    let doc = TAGGER.tag("New Harbour Bank opened two branches.");
    assert_eq!(
        found(&doc),
        [("org/~new-harbour-bank", "New Harbour Bank", Reason::Suffix)]
    );
}

#[test]
fn a_headline_clause_in_capitals_is_no_organisation() {
    let doc = TAGGER.tag("HALVORSEN SHIPPING TO START NEW SERVICE\nThe line said on Monday.");
    assert_eq!(found(&doc), []);
    let doc = TAGGER.tag("KAWAMURA IN TALKS WITH NORDVIK ELECTRONICS\nTalks began on Monday.");
    assert_eq!(found(&doc), []);
    // A name in capitals alone is still a name.
    let doc = TAGGER.tag("KAWAMURA TRUST BANK\nRates were left unchanged.");
    assert_eq!(
        found(&doc),
        [(
            "org/~kawamura-trust-bank",
            "KAWAMURA TRUST BANK",
            Reason::Suffix
        )]
    );
    // A letter "I" inside it is no function word.
    let doc = TAGGER.tag("H-K-I LTD\nThe resort operator sold two hotels.");
    assert_eq!(
        found(&doc),
        [("org/~h-k-i-ltd", "H-K-I LTD", Reason::Suffix)]
    );
    let doc = TAGGER.tag("A. MARSTEN AND CO\nThe meat packer raised its dividend.");
    assert_eq!(found(&doc).len(), 1);
    let doc = TAGGER.tag("KORFEZ DENIZCILIK AS\nThe shipper raised its dividend.");
    assert_eq!(found(&doc).len(), 1);
}

#[test]
fn the_place_of_a_dateline_on_a_line_of_its_own_is_a_place_though_unlisted() {
    let doc = TAGGER.tag(
        "Fire destroys warehouse.\nKELDERWICK, Ontario 1996-08-24\n\
         A fire destroyed a warehouse on Saturday, police said.",
    );
    assert_eq!(
        found(&doc),
        [("place/~kelderwick", "KELDERWICK", Reason::Dateline)]
    );
    let tag = doc.tag("place/~kelderwick").unwrap();
    assert_eq!(tag.kind, Kind::Place);
    assert!(tag.discovered);
    // Not a name before a date inside a line, nor one the gazetteer lists.
    let doc = TAGGER.tag("Kelderwick Mills 1996-08-24 results were late.");
    assert_eq!(found(&doc), []);
    let doc = TAGGER.tag("Fire destroys warehouse.\nTORONTO 1996-08-24\nA fire broke out.");
    assert_eq!(found(&doc), []);
    assert!(doc.tag("country/ca").is_some());
}

#[test]
fn a_hospital_or_a_museum_is_a_place_but_its_school_an_organisation() {
    let doc = TAGGER.tag(
        "The minister was taken to Hallworth Memorial Hospital on Monday. \
         The jars went to the Kessington Museum.",
    );
    assert_eq!(
        found(&doc),
        [
            (
                "place/~hallworth-memorial-hospital",
                "Hallworth Memorial Hospital",
                Reason::Suffix
            ),
            (
                "place/~kessington-museum",
                "Kessington Museum",
                Reason::Suffix
            ),
        ]
    );
    let doc = TAGGER.tag("She studied at the Hallworth Hospital School of Nursing.");
    assert_eq!(
        found(&doc),
        [(
            "org/~hallworth-hospital-school-of-nursing",
            "Hallworth Hospital School of Nursing",
            Reason::Suffix
        )]
    );
}

#[test]
fn a_league_in_a_story_of_sports_results_is_a_competition_not_an_organisation() {
    let doc = TAGGER.tag("Results of Coastal League matches on Saturday:\nHarbour 2 Millbrook 1\n");
    let names: Vec<&str> = found(&doc).iter().map(|f| f.1).collect();
    assert_eq!(names, ["Harbour", "Millbrook"]);
    // Without results it names an organisation, such as a party.
    let doc = TAGGER.tag("The Coastal League party won 12 seats in the election.");
    assert_eq!(
        found(&doc),
        [("org/~coastal-league", "Coastal League", Reason::Suffix)]
    );
}

#[test]
fn a_nationality_or_a_religious_title_before_a_name_is_not_part_of_it() {
    let doc = TAGGER.tag(
        "Advancing on Monday was German Tobias Wendtland, the runner-up. \
         Italian Brother Raniero Vasconi, 28, was released.",
    );
    let names: Vec<&str> = found(&doc).iter().map(|f| f.1).collect();
    assert_eq!(names, ["Tobias Wendtland", "Raniero Vasconi"]);
    assert!(doc.tag("country/de").is_some());
    // A nationality alone, or before a plural, names nobody.
    let doc = TAGGER.tag("Sri Lankan officials said the German team would arrive.");
    assert_eq!(found(&doc), []);
}
