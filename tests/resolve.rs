//! The resolve stage: partial names, shared aliases decided by context,
//! acronyms defined in the text, metonyms and places, derived tags. Each
//! rule has its traps. The gazetteer is written here.

use std::sync::LazyLock;

use gazetag::{
    Article, DropReason, Evidence, Field, Gazetteer, Kind, OffsetUnit, Reason, Tagged, Tagger,
};

const DATA: &str = r#"
[cues]
place_before = ["in", "at", "near", "outside"]

[[entity]]
id = "country/ru"
kind = "country"
name = "Russia"
iso = "RU"
demonyms = ["Russian"]
metonyms = ["Moscow", "Kremlin"]

[[entity]]
id = "country/us"
kind = "country"
name = "United States"
iso = "US"
exact = ["U.S."]
metonyms = ["Washington"]

[[entity]]
id = "country/ge"
kind = "country"
name = "Georgia"
iso = "GE"
cues = ["Caucasus", "Tbilisi", "Abkhazia"]

[[entity]]
id = "country/jo"
kind = "country"
name = "Jordan"
iso = "JO"
metonyms = ["Amman"]

[[entity]]
id = "country/mx"
kind = "country"
name = "Mexico"
iso = "MX"

[[entity]]
id = "place/georgia-us"
kind = "place"
name = "Georgia"
country = "country/us"
cues = ["Atlanta", "state", "governor"]

[[entity]]
id = "place/moscow"
kind = "place"
name = "Moscow"
country = "country/ru"
population = 10381222

[[entity]]
id = "country/fr"
kind = "country"
name = "France"
iso = "FR"

[[entity]]
id = "place/paris"
kind = "place"
name = "Paris"
country = "country/fr"
population = 2138551

[[entity]]
id = "place/paris-tx"
kind = "place"
name = "Paris"
country = "country/us"
population = 24171

[[entity]]
id = "place/valencia-es"
kind = "place"
name = "Valencia"
country = "country/es"
population = 792492

[[entity]]
id = "place/valencia-ve"
kind = "place"
name = "Valencia"
country = "country/ve"
population = 1385223

[[entity]]
id = "country/ve"
kind = "country"
name = "Venezuela"
iso = "VE"

[[entity]]
id = "place/valencia-ph"
kind = "place"
name = "Valencia"
country = "country/ph"
population = 216546

[[entity]]
id = "country/ph"
kind = "country"
name = "Philippines"
iso = "PH"

[[entity]]
id = "country/gb"
kind = "country"
name = "United Kingdom"
iso = "GB"
metonyms = ["London"]

[[entity]]
id = "place/london"
kind = "place"
name = "London"
country = "country/gb"
population = 8961989

[[entity]]
id = "place/london-on"
kind = "place"
name = "London"
country = "country/ca"
population = 383822

[[entity]]
id = "country/ca"
kind = "country"
name = "Canada"
iso = "CA"

[[entity]]
id = "place/kansas-city-mo"
kind = "place"
name = "Kansas City"
country = "country/us"
population = 508090

[[entity]]
id = "place/kansas-city-ks"
kind = "place"
name = "Kansas City"
country = "country/us"
population = 156607

[[entity]]
id = "org/bank-of-spain"
kind = "organization"
name = "Bank of Spain"
country = "country/es"

[[entity]]
id = "place/us-in"
kind = "place"
name = "Indiana"
country = "country/us"
context_names = ["Ind.", "IND."]

# Two places that share a name which is also a word: a city of 240,000
# and a province whose abbreviation is that word with a full stop.
[[entity]]
id = "place/hull-ca"
kind = "place"
name = "Hull Province"
country = "country/ca"
context_names = ["Hull."]

[[entity]]
id = "place/hull-gb"
kind = "place"
name = "Kingston upon Hull"
country = "country/gb"
population = 240000
context_names = ["Hull"]

[[entity]]
id = "place/atlanta"
kind = "place"
name = "Atlanta"
country = "country/us"

[[entity]]
id = "person/michael-jordan"
kind = "person"
name = "Michael Jordan"
country = "country/us"

[[entity]]
id = "person/vladimir-putin"
kind = "person"
name = "Vladimir Putin"
country = "country/ru"

[[entity]]
id = "person/felipe-calderon"
kind = "person"
name = "Felipe Calderón"
country = "country/mx"

[[entity]]
id = "person/armando-calderon"
kind = "person"
name = "Armando Calderón Sol"
partial = ["Calderón"]

[[entity]]
id = "agency/cisen"
kind = "agency"
name = "Center for Research and National Security"
exact = ["CISEN"]
country = "country/mx"

[[entity]]
id = "agency/cni-es"
kind = "agency"
name = "National Intelligence Centre"
exact = ["CNI"]
country = "country/es"

[[entity]]
id = "country/es"
kind = "country"
name = "Spain"
iso = "ES"

[[entity]]
id = "agency/cni-mx"
kind = "agency"
name = "National Intelligence Center"
names = ["Centro Nacional de Inteligencia"]
country = "country/mx"
"#;

static TAGGER: LazyLock<Tagger> = LazyLock::new(|| {
    let g = Gazetteer::builder().add_str("resolve.toml", DATA).build();
    // Every tag, whatever its score: these tests are about resolution.
    Tagger::new(g.expect("the test data is valid")).with_min_score(0.0)
});

fn mentions(doc: &Tagged) -> Vec<(&str, &str, Evidence, Reason)> {
    doc.mentions
        .iter()
        .map(|m| (m.entity.as_str(), m.text.as_str(), m.evidence, m.reason))
        .collect()
}

#[test]
fn surname_counts_after_the_full_name() {
    let doc = TAGGER.tag("Vladimir Putin spoke for an hour. Mr Putin then left.");
    assert_eq!(
        mentions(&doc),
        [
            (
                "person/vladimir-putin",
                "Vladimir Putin",
                Evidence::Name,
                Reason::Unique
            ),
            (
                "person/vladimir-putin",
                "Putin",
                Evidence::Partial,
                Reason::Partial
            ),
        ]
    );
}

#[test]
fn surname_alone_creates_no_person() {
    let doc = TAGGER.tag("Putin spoke for an hour.");
    assert!(doc.mentions.is_empty());
}

#[test]
fn two_people_with_one_surname_leave_it_unresolved() {
    let text = "Felipe Calderón met Armando Calderón Sol in Mexico. Calderón said little.";
    let doc = TAGGER.tag(text);
    let calderons: Vec<&str> = doc
        .mentions
        .iter()
        .filter(|m| m.kind == Kind::Person)
        .map(|m| m.text.as_str())
        .collect();
    assert_eq!(calderons, ["Felipe Calderón", "Armando Calderón Sol"]);
}

#[test]
fn shared_name_decided_by_a_cue_word() {
    let doc = TAGGER.tag("The governor of Georgia signed the bill.");
    assert_eq!(
        mentions(&doc),
        [("place/georgia-us", "Georgia", Evidence::Name, Reason::Cue)]
    );
    let doc = TAGGER.tag("Georgia, in the Caucasus, held elections.");
    assert_eq!(
        mentions(&doc),
        [("country/ge", "Georgia", Evidence::Name, Reason::Cue)]
    );
}

#[test]
fn shared_name_decided_by_another_mention() {
    // A cue word nearby ("Atlanta") decides first ...
    let doc = TAGGER.tag("Police in Atlanta, Georgia, made arrests.");
    assert_eq!(
        mentions(&doc)[1],
        ("place/georgia-us", "Georgia", Evidence::Name, Reason::Cue)
    );
    // ... and without one, the country the document names.
    let doc = TAGGER.tag("U.S. officials said Georgia would vote again.");
    assert_eq!(
        mentions(&doc)[1],
        (
            "place/georgia-us",
            "Georgia",
            Evidence::Name,
            Reason::Country
        )
    );
}

#[test]
fn a_choice_made_by_context_does_not_anchor_the_next_mention() {
    // The first "Georgia" is the country by its cue; the second, far from
    // any cue in a story that names the U.S., is the state: the first
    // choice must not decide it.
    let doc = TAGGER.tag(
        "Georgia, in the Caucasus, voted on Sunday. Separately, U.S. officials \
         in the capital of the southern state said Georgia would hold its own \
         vote next year, with turnout expected to be high across the region.",
    );
    let got: Vec<&str> = doc
        .mentions
        .iter()
        .filter(|m| m.text == "Georgia")
        .map(|m| m.entity.as_str())
        .collect();
    assert_eq!(got, ["country/ge", "place/georgia-us"]);
}

#[test]
fn shared_name_without_context_is_dropped() {
    assert!(TAGGER.tag("Georgia voted on Sunday.").mentions.is_empty());
}

#[test]
fn person_sharing_a_country_name_needs_the_full_name() {
    let doc = TAGGER.tag("Michael Jordan visited Amman. Jordan was welcomed.");
    let got = mentions(&doc);
    // "Jordan" is the country's name and the person's surname: once the
    // person is named in full, the short form is his.
    assert_eq!(got.len(), 3);
    assert_eq!(
        got[1],
        ("country/jo", "Amman", Evidence::Metonym, Reason::Unique)
    );
    assert_eq!(
        got[2],
        (
            "person/michael-jordan",
            "Jordan",
            Evidence::Partial,
            Reason::Partial
        )
    );
}

#[test]
fn lower_case_common_word_is_not_the_name() {
    let doc = TAGGER.tag("They will jordan nothing; the georgia peach is sweet.");
    assert!(doc.mentions.is_empty());
}

#[test]
fn defined_acronym_links_to_the_known_long_form() {
    let doc = TAGGER.tag(
        "Mexico's National Intelligence Center (CNI) replaced the old agency. \
         The CNI will report to the president.",
    );
    let cni: Vec<(&str, Reason)> = doc
        .mentions
        .iter()
        .filter(|m| m.text == "CNI")
        .map(|m| (m.entity.as_str(), m.reason))
        .collect();
    assert_eq!(
        cni,
        [
            ("agency/cni-mx", Reason::Definition),
            ("agency/cni-mx", Reason::Definition)
        ]
    );
    assert!(doc.tag("agency/cni-es").is_none());
}

#[test]
fn acronym_then_long_form_in_brackets() {
    let doc =
        TAGGER.tag("CNI (the National Intelligence Center) said on Monday the CNI had no comment.");
    assert_eq!(doc.tag("agency/cni-mx").unwrap().count, 3);
    assert!(doc.tag("agency/cni-es").is_none());
}

#[test]
fn defined_acronym_already_known_keeps_its_entity() {
    let doc =
        TAGGER.tag("The Center for Research and National Security (CISEN) said CISEN agents left.");
    let tag = doc.tag("agency/cisen").unwrap();
    assert_eq!(tag.count, 3);
    assert_eq!(doc.tags.iter().filter(|t| t.discovered).count(), 0);
}

#[test]
fn undefined_long_form_is_discovered() {
    let text = "The Financial Intelligence Unit (FIU) froze the accounts. \
                An FIU spokesman said more would follow.";
    let doc = TAGGER.tag(text);
    let tag = doc.tag("unknown/fiu").expect("a discovered entity");
    assert!(tag.discovered);
    assert_eq!(tag.kind, Kind::Unknown);
    assert_eq!(tag.label, "Financial Intelligence Unit (FIU)");
    assert_eq!(tag.count, 3);
    assert_eq!(&text[tag.first.range()], "Financial Intelligence Unit");
}

#[test]
fn a_defined_acronym_in_title_and_body_and_the_names_its_long_form_holds() {
    // The long form takes the place of the demonym inside it; the acronym
    // alone, which no alias matches, is the long form's entity wherever
    // the document spells it, the headline included.
    let doc = TAGGER.tag_document(
        "RGEU CUTS WHEAT QUOTA",
        "The Russian Grain Export Unit (RGEU) cut its quota on Monday. \
         An RGEU official said Russian farmers would sell more at home.",
    );
    let tag = doc.tag("unknown/rgeu").expect("a discovered entity");
    assert_eq!(tag.label, "Russian Grain Export Unit (RGEU)");
    assert_eq!(tag.count, 4);
    let got: Vec<(&str, Field, &str)> = doc
        .mentions
        .iter()
        .map(|m| (m.entity.as_str(), m.field, m.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("unknown/rgeu", Field::Title, "RGEU"),
            ("unknown/rgeu", Field::Body, "Russian Grain Export Unit"),
            ("unknown/rgeu", Field::Body, "RGEU"),
            ("unknown/rgeu", Field::Body, "RGEU"),
            ("country/ru", Field::Body, "Russian"),
        ]
    );
}

#[test]
fn bracketed_word_that_does_not_spell_is_not_an_acronym() {
    let doc = TAGGER.tag("The new security unit (BETA) will start in May.");
    assert!(doc.tags.iter().all(|t| !t.discovered), "{:?}", doc.tags);
}

#[test]
fn capital_as_government_and_as_place() {
    let doc = TAGGER.tag("Moscow denied the report. Later a bomb exploded in Moscow.");
    let got = mentions(&doc);
    assert_eq!(got[0].2, Evidence::Metonym);
    assert_eq!(got[1].2, Evidence::Place);
    assert_eq!(doc.tag("country/ru").unwrap().count, 2);
}

#[test]
fn demonym_counts_for_its_country_with_less_weight() {
    let named = TAGGER.tag("Russia said the talks were over.");
    let adjective = TAGGER.tag("Russian officials said the talks were over.");
    let by_name = named.tag("country/ru").unwrap();
    let by_demonym = adjective.tag("country/ru").unwrap();
    assert_eq!(adjective.mentions[0].evidence, Evidence::Demonym);
    assert!(by_demonym.score < by_name.score);
}

#[test]
fn entities_imply_their_country_once() {
    let doc =
        TAGGER.tag("Felipe Calderón spoke, and Calderón spoke again. The CISEN chief agreed.");
    let mexico = doc.tag("country/mx").unwrap();
    assert!(mexico.derived);
    assert_eq!(mexico.count, 0);
    assert_eq!(
        mexico.derived_from.as_deref(),
        Some("person/felipe-calderon")
    );
    let source = doc.tag("person/felipe-calderon").unwrap();
    assert!(mexico.score < source.score);
    assert_eq!(
        doc.tags.iter().filter(|t| t.entity == "country/mx").count(),
        1
    );
}

#[test]
fn a_country_mentioned_directly_is_not_derived() {
    let doc = TAGGER.tag("The CISEN chief flew to Mexico.");
    let mexico = doc.tag("country/mx").unwrap();
    assert!(!mexico.derived);
    assert_eq!(mexico.count, 1);
    assert_eq!(
        doc.tags.iter().filter(|t| t.entity == "country/mx").count(),
        1
    );
}

#[test]
fn derived_fields_in_json() {
    let doc = TAGGER.tag("Felipe Calderón spoke.");
    let json = serde_json::to_value(&doc).unwrap();
    let mexico = json["tags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["entity"] == "country/mx");
    let mexico = mexico.unwrap();
    assert_eq!(mexico["derived"], true);
    assert_eq!(mexico["derived_from"], "person/felipe-calderon");
    assert_eq!(mexico["discovered"], false);
    assert_eq!(json["mentions"][0]["evidence"], "name");
    assert_eq!(json["mentions"][0]["reason"], "unique");
}

#[test]
fn dateline_at_the_start_of_the_body() {
    let doc = TAGGER.tag("MOSCOW, March 3 (Reuters) - Police said the Russian army would help.");
    let got = mentions(&doc);
    assert_eq!(
        got[0],
        ("country/ru", "MOSCOW", Evidence::Dateline, Reason::Unique)
    );
    assert_eq!(got[1].2, Evidence::Demonym);
    assert_eq!(doc.mentions[0].field, gazetag::Field::Body);
}

#[test]
fn dateline_given_apart_outweighs_a_passing_mention() {
    let article = gazetag::Article {
        title: "Police detain suspects",
        dateline: "MOSCOW, March 3",
        body: "Police detained four men, officials said. One had lived in Mexico.",
    };
    let doc = TAGGER.tag_article(&article);
    assert_eq!(doc.mentions[0].field, gazetag::Field::Dateline);
    assert_eq!(doc.mentions[0].evidence, Evidence::Dateline);
    assert_eq!(doc.tags[0].entity, "country/ru");
    assert!(doc.tag("country/mx").unwrap().score < doc.tags[0].score);
}

#[test]
fn a_capitalised_opening_without_a_dash_is_no_dateline() {
    let doc = TAGGER.tag("MOSCOW DENIES REPORT on election hacking");
    assert_eq!(doc.mentions[0].evidence, Evidence::Metonym);
}

#[test]
fn capital_shared_with_the_country_is_the_country() {
    let doc = TAGGER.tag("Moscow said it would respond.");
    assert_eq!(
        mentions(&doc),
        [("country/ru", "Moscow", Evidence::Metonym, Reason::Unique)]
    );
}

#[test]
fn population_prior_decides_places_without_context() {
    let doc = TAGGER.tag("Talks opened in Paris on Monday.");
    assert_eq!(
        mentions(&doc),
        [("place/paris", "Paris", Evidence::Name, Reason::Prior)]
    );
    // Near in size, neither Valencia wins without context ...
    assert!(
        TAGGER
            .tag("Protests spread to Valencia.")
            .mentions
            .is_empty()
    );
    // ... and context beats the prior.
    let doc = TAGGER.tag("Protests spread from Caracas, Venezuela to Valencia.");
    assert!(doc.mentions.iter().any(|m| m.entity == "place/valencia-ve"));
}

#[test]
fn the_population_prior_does_not_decide_a_name_that_needs_context() {
    // Both readings of "Hull" need context: the larger one does not win
    // by its size alone ...
    let doc = EXPLAINING.tag("Hull was the name of the boat's frame.");
    assert!(doc.mentions.is_empty(), "{:?}", mentions(&doc));
    assert_eq!(doc.dropped[0].reason, DropReason::NeedsContext);
    // ... but context still decides: the country named in the story.
    let doc = TAGGER.tag("The United Kingdom port of Hull reopened.");
    assert!(doc.mentions.iter().any(|m| m.entity == "place/hull-gb"));
}

#[test]
fn a_place_counts_for_its_country() {
    let doc = TAGGER.tag("Talks opened in Paris on Monday.");
    let france = doc.tag("country/fr").unwrap();
    assert!(!france.derived);
    // Not a mention of France itself, but one that counts for it.
    assert_eq!((france.count, france.supporting), (0, 1));
    assert!(france.score < doc.tag("place/paris").unwrap().score);
}

#[test]
fn a_capital_outweighs_its_small_foreign_namesake() {
    let doc = TAGGER.tag("Talks resumed in London on Monday.");
    assert_eq!(
        mentions(&doc),
        [("country/gb", "London", Evidence::Place, Reason::Prior)]
    );
    let doc = TAGGER.tag("Officials in London, Canada said the plant would close.");
    assert_eq!(doc.mentions[0].entity, "place/london-on");
}

#[test]
fn namesakes_in_one_country_still_count_for_it() {
    let doc = TAGGER.tag("The U.S. plant in Kansas City will close.");
    let got = mentions(&doc);
    assert_eq!(
        got[1],
        (
            "place/kansas-city-mo",
            "Kansas City",
            Evidence::Name,
            Reason::Prior
        )
    );
    let us = doc.tag("country/us").unwrap();
    // "U.S." is its own mention; "Kansas City" supports it.
    assert_eq!((us.count, us.supporting), (1, 1));
    assert_eq!(
        &"The U.S. plant in Kansas City will close."[us.first.range()],
        "U.S."
    );
}

#[test]
fn a_known_acronym_survives_a_misspelt_definition() {
    let doc =
        TAGGER.tag("The Centre for Reserch and Nacional Security (CISEN) said CISEN would close.");
    assert_eq!(
        doc.tags.iter().filter(|t| t.discovered).count(),
        0,
        "{:?}",
        doc.tags
    );
    assert_eq!(doc.tag("agency/cisen").unwrap().count, 2);
}

#[test]
fn a_national_body_counts_for_its_country() {
    let doc = TAGGER.tag("The Bank of Spain raised rates; the Bank of Spain said more may follow.");
    let spain = doc.tag("country/es").unwrap();
    assert!(!spain.derived);
    assert_eq!((spain.count, spain.supporting), (0, 2));
    assert!(spain.score < doc.tag("org/bank-of-spain").unwrap().score);
}

#[test]
fn an_abbreviation_that_is_a_word_needs_context() {
    // In a dateline, "Ind." is the state ...
    let doc = TAGGER.tag("KOKOMO, Ind., March 3 - The company said profits rose.");
    assert_eq!(
        mentions(&doc),
        [("place/us-in", "Ind.", Evidence::Dateline, Reason::Dateline)]
    );
    // ... in a story that names the country, too ...
    let doc = TAGGER.tag("U.S. officials said the plant in Ind. would close.");
    assert_eq!(
        mentions(&doc)[1],
        ("place/us-in", "Ind.", Evidence::Name, Reason::Country)
    );
    // ... but not on its own, where it is likely a company's "Ind.".
    assert!(TAGGER.tag("Shares of Acme Ind. rose.").mentions.is_empty());
}

/// People with the roles that tell them apart, for the tests of titles,
/// headlines and people's salience.
const PEOPLE: &str = r#"
[cues]
speech_after = ["says", "tells"]

[[entity]]
id = "country/us"
kind = "country"
name = "United States"
iso = "US"
exact = ["U.S."]

[[entity]]
id = "country/gb"
kind = "country"
name = "United Kingdom"
iso = "GB"
exact = ["U.K."]
currencies = ["sterling"]

[[entity]]
id = "country/jp"
kind = "country"
name = "Japan"
iso = "JP"

[[entity]]
id = "country/za"
kind = "country"
name = "South Africa"
iso = "ZA"

[[entity]]
id = "org/bank-of-japan"
kind = "organization"
name = "Bank of Japan"
country = "country/jp"

[[entity]]
id = "person/nigel-lawson"
kind = "person"
name = "Nigel Lawson"
country = "country/gb"
roles = ["Chancellor of the Exchequer (1983-1989)"]

[[entity]]
id = "person/james-baker"
kind = "person"
name = "James Baker"
country = "country/us"
roles = ["US Treasury Secretary (1985-1988)", "Secretary of State (1989-1992)"]

[[entity]]
id = "person/howard-baker"
kind = "person"
name = "Howard Baker"
country = "country/us"
roles = ["White House Chief of Staff (1987-1988)"]

[[entity]]
id = "person/kenneth-baker"
kind = "person"
name = "Kenneth Baker"
country = "country/gb"
roles = ["Home Secretary (1990-1992)"]

[[entity]]
id = "person/satoshi-sumita"
kind = "person"
name = "Satoshi Sumita"
country = "country/jp"
roles = ["Governor of the Bank of Japan (1984-1989)"]

[[entity]]
id = "person/trevor-manuel"
kind = "person"
name = "Trevor Manuel"
country = "country/za"
roles = ["Minister of Finance of South Africa (1996-2009)"]
"#;

static PEOPLE_TAGGER: LazyLock<Tagger> = LazyLock::new(|| {
    let g = Gazetteer::builder().add_str("people.toml", PEOPLE).build();
    Tagger::new(g.expect("the test data is valid")).with_min_score(0.0)
});

/// The mentions of people in a document.
fn people(doc: &Tagged) -> Vec<(&str, &str, Evidence, Reason)> {
    mentions(doc)
        .into_iter()
        .filter(|m| m.0.starts_with("person/"))
        .collect()
}

#[test]
fn a_title_before_a_surname_names_the_person() {
    let doc = PEOPLE_TAGGER.tag(
        "Chancellor Lawson told parliament on Tuesday that income tax would be cut. \
         Lawson said borrowing would fall.",
    );
    assert_eq!(
        people(&doc),
        [
            (
                "person/nigel-lawson",
                "Lawson",
                Evidence::Name,
                Reason::Role
            ),
            (
                "person/nigel-lawson",
                "Lawson",
                Evidence::Partial,
                Reason::Partial
            ),
        ]
    );
}

#[test]
fn the_longest_title_decides_between_namesakes() {
    // "Home Secretary" is Kenneth Baker's title; "Secretary" alone is also
    // James Baker's, so it decides nothing.
    let doc = PEOPLE_TAGGER.tag("Home Secretary Baker defended the police bill.");
    assert_eq!(people(&doc)[0].0, "person/kenneth-baker");
    let doc = PEOPLE_TAGGER.tag("Secretary Baker defended the bill.");
    assert!(people(&doc).is_empty(), "{:?}", people(&doc));
    // A possessive title: the Treasury's Baker.
    let doc = PEOPLE_TAGGER.tag("U.S. Treasury's Baker said the dollar was stable.");
    assert_eq!(
        people(&doc),
        [("person/james-baker", "Baker", Evidence::Name, Reason::Role)]
    );
}

#[test]
fn a_title_before_a_first_name_names_nobody() {
    // "Manuel" is a surname in the data, but here a first name: the
    // person is one the data does not list, whom discovery finds.
    let doc = PEOPLE_TAGGER.tag("Finance Minister Manuel Azpurua said the budget would balance.");
    assert_eq!(
        people(&doc),
        [(
            "person/~manuel-azpurua",
            "Manuel Azpurua",
            Evidence::Name,
            Reason::Role
        )]
    );
}

#[test]
fn a_surname_in_the_headline_is_the_person_the_body_names() {
    let doc = PEOPLE_TAGGER.tag_document(
        "LAWSON PROMISES LOWER TAXES",
        "Chancellor of the Exchequer Nigel Lawson promised on Tuesday to cut \
         the basic rate of income tax.",
    );
    assert_eq!(
        people(&doc),
        [
            (
                "person/nigel-lawson",
                "LAWSON",
                Evidence::Partial,
                Reason::Partial
            ),
            (
                "person/nigel-lawson",
                "Nigel Lawson",
                Evidence::Name,
                Reason::Unique
            ),
        ]
    );
}

#[test]
fn a_headline_speaker_is_the_one_person_known_by_the_surname() {
    let brief = |title: &str| PEOPLE_TAGGER.tag_document(title, "");
    let doc = brief("LAWSON SAYS U.K. INTEREST RATES CAN FALL");
    assert_eq!(
        people(&doc),
        [(
            "person/nigel-lawson",
            "LAWSON",
            Evidence::Partial,
            Reason::Headline
        )]
    );
    let doc = brief("Sumita says Bank of Japan will keep its discount rate");
    assert_eq!(people(&doc)[0].0, "person/satoshi-sumita");
    let doc = brief("A further rise of the yen would hurt Japan - Sumita");
    assert_eq!(people(&doc)[0].3, Reason::Headline);
    // Without the person's country named, or without a word of speech, a
    // surname alone stays a surname ...
    assert!(people(&brief("LAWSON SAYS INTEREST RATES CAN FALL")).is_empty());
    assert!(people(&brief("LAWSON DEPARTMENT STORES RAISE U.K. SALES")).is_empty());
    // ... and a surname several people share stays unresolved.
    assert!(people(&brief("BAKER SAYS U.S. DOLLAR IS STABLE")).is_empty());
}

#[test]
fn a_person_named_first_in_the_first_sentence_is_what_the_story_is_about() {
    let lead = PEOPLE_TAGGER.tag(
        "Nigel Lawson said on Tuesday that income tax would be cut. \
         The Treasury gave no further details.",
    );
    let later = PEOPLE_TAGGER.tag(
        "Income tax will be cut, the Treasury said on Tuesday. Bankers \
         welcomed the news. They met Nigel Lawson later, and Lawson \
         repeated the pledge.",
    );
    let score = |doc: &Tagged| doc.tag("person/nigel-lawson").unwrap().score;
    assert!(score(&lead) >= 0.5, "{}", score(&lead));
    assert!(score(&later) < score(&lead), "{}", score(&later));
    // "U.S." does not end the first sentence: Baker is in the lead.
    let explained = PEOPLE_TAGGER.clone().with_explained_scores(true);
    let doc = explained.tag(
        "The U.S. Treasury said on Monday that Secretary of State James Baker \
         would lead the talks. Others will attend.",
    );
    let baker = doc.tag("person/james-baker").unwrap();
    let why = baker.explanation.as_ref().unwrap();
    let lead = why.features.iter().find(|f| f.name == "lead").unwrap();
    assert_eq!(lead.value, 1.0);
}

/// The names resolution found and dropped, as (text, reason, entities).
fn dropped(doc: &Tagged) -> Vec<(&str, DropReason, Vec<&str>)> {
    doc.dropped
        .iter()
        .map(|d| {
            let mut entities: Vec<&str> = d.entities.iter().map(String::as_str).collect();
            entities.sort_unstable();
            (d.text.as_str(), d.reason, entities)
        })
        .collect()
}

static EXPLAINING: LazyLock<Tagger> = LazyLock::new(|| TAGGER.clone().with_dropped(true));

#[test]
fn a_shared_name_no_context_decides_is_dropped_as_undecided() {
    let text = "Georgia voted on Sunday in an election observers called calm.";
    let doc = EXPLAINING.tag(text);
    assert!(doc.mentions.is_empty());
    assert_eq!(
        dropped(&doc),
        [(
            "Georgia",
            DropReason::Undecided,
            vec!["country/ge", "place/georgia-us"]
        )]
    );
    let d = &doc.dropped[0];
    assert_eq!((d.field, &text[d.span.range()]), (Field::Body, "Georgia"));
    // A cue decides it, and nothing is dropped.
    let doc = EXPLAINING.tag("Georgia, in the Caucasus, voted on Sunday.");
    assert_eq!(doc.mentions[0].entity, "country/ge");
    assert!(doc.dropped.is_empty());
}

#[test]
fn an_undecided_name_keeps_the_options_the_last_narrowing_left() {
    // Three cities named Valencia, none far more populous than the
    // others: the countries the story names rule the Philippine one out,
    // and nothing decides between the other two.
    let doc = EXPLAINING.tag("Protests spread to Valencia on Friday.");
    assert_eq!(doc.dropped[0].entities.len(), 3);
    let text = "Venezuelan and Spanish officials met in Madrid. Spain and Venezuela \
                said Valencia would host the next round.";
    let doc = EXPLAINING.tag(text);
    let valencia: Vec<_> = dropped(&doc)
        .into_iter()
        .filter(|d| d.0 == "Valencia")
        .collect();
    assert_eq!(
        valencia,
        [(
            "Valencia",
            DropReason::Undecided,
            vec!["place/valencia-es", "place/valencia-ve"]
        )]
    );
}

#[test]
fn a_lone_surname_is_dropped_as_not_named() {
    let doc = EXPLAINING.tag("Putin spoke for an hour, aides said.");
    assert!(doc.mentions.is_empty());
    assert_eq!(
        dropped(&doc),
        [("Putin", DropReason::NotNamed, vec!["person/vladimir-putin"])]
    );
    // After the full name it is a mention, not a drop.
    let doc = EXPLAINING.tag("Vladimir Putin spoke for an hour. Putin then left.");
    assert_eq!(doc.mentions.len(), 2);
    assert!(doc.dropped.is_empty());
}

#[test]
fn a_surname_of_two_people_named_in_full_is_dropped_as_several_people() {
    let text = "Felipe Calderón met Armando Calderón Sol in Mexico. Calderón said little.";
    let doc = EXPLAINING.tag(text);
    assert_eq!(
        dropped(&doc),
        [(
            "Calderón",
            DropReason::SeveralPeople,
            vec!["person/armando-calderon", "person/felipe-calderon"]
        )]
    );
    // The span is the last "Calderón", in bytes of the text.
    assert_eq!(doc.dropped[0].span.start, text.rfind("Calderón").unwrap());
}

#[test]
fn a_name_that_needs_context_without_it_is_dropped_as_such() {
    let text = "Shares of Acme Ind. rose on Tuesday.";
    let doc = EXPLAINING.tag(text);
    assert!(doc.mentions.is_empty());
    assert_eq!(
        dropped(&doc),
        [("Ind.", DropReason::NeedsContext, vec!["place/us-in"])]
    );
    // The alias's own full stop is part of the span, as in a mention.
    assert_eq!(&text[doc.dropped[0].span.range()], "Ind.");
}

#[test]
fn a_dropped_name_in_the_title_has_its_span_in_the_title() {
    let title = "Georgia vote delayed";
    let doc = EXPLAINING.tag_document(title, "Officials gave no reason on Monday.");
    let d = &doc.dropped[0];
    assert_eq!(d.field, Field::Title);
    assert_eq!(&title[d.span.range()], "Georgia");
}

#[test]
fn the_title_comes_first_among_mentions_and_dropped_names() {
    // The title's surnames are decided on a second look, once the body
    // has named the people in full, and "Moscow" on the first: the
    // title's mentions keep their order, and they and the title's dropped
    // names come before the body's.
    let doc = EXPLAINING.tag_document(
        "Putin, in Moscow, calls Calderón on Georgia",
        "Vladimir Putin said on Monday that Felipe Calderón had called him. \
         Georgia was not discussed, Calderón said.",
    );
    let got: Vec<(Field, &str, &str)> = doc
        .mentions
        .iter()
        .map(|m| (m.field, m.entity.as_str(), m.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (Field::Title, "person/vladimir-putin", "Putin"),
            (Field::Title, "country/ru", "Moscow"),
            (Field::Title, "person/felipe-calderon", "Calderón"),
            (Field::Body, "person/vladimir-putin", "Vladimir Putin"),
            (Field::Body, "person/felipe-calderon", "Felipe Calderón"),
            (Field::Body, "person/felipe-calderon", "Calderón"),
        ]
    );
    let dropped: Vec<(Field, &str)> = doc
        .dropped
        .iter()
        .map(|d| (d.field, d.text.as_str()))
        .collect();
    assert_eq!(
        dropped,
        [(Field::Title, "Georgia"), (Field::Body, "Georgia")]
    );
}

#[test]
fn keeping_dropped_names_changes_nothing_else() {
    let texts = [
        "Georgia voted on Sunday. Putin spoke for an hour, aides said.",
        "Felipe Calderón met Armando Calderón Sol in Mexico. Calderón said little.",
        "Shares of Acme Ind. rose on Tuesday. Moscow denied any role.",
    ];
    for text in texts {
        let mut with = EXPLAINING.tag_document("Georgia talks", text);
        assert!(!with.dropped.is_empty(), "{text}");
        with.dropped.clear();
        assert_eq!(with, TAGGER.tag_document("Georgia talks", text), "{text}");
    }
}

#[test]
fn dropped_names_convert_offsets_and_read_back_from_json() {
    let article = Article {
        title: "",
        dateline: "",
        body: "Según fuentes, Calderón y Calderón Sol... Felipe Calderón met \
               Armando Calderón Sol. Calderón said little.",
    };
    let mut doc = EXPLAINING.tag_article(&article);
    let d = doc.dropped.last().unwrap().clone();
    assert_eq!(d.reason, DropReason::SeveralPeople);
    doc.convert_offsets(&article, OffsetUnit::Chars);
    let chars: Vec<char> = article.body.chars().collect();
    let d2 = doc.dropped.last().unwrap();
    let sliced: String = chars[d2.span.start..d2.span.end].iter().collect();
    assert_eq!(sliced, d.text);
    let json = serde_json::to_string(&doc).unwrap();
    assert!(json.contains(r#""reason":"several-people""#), "{json}");
    let back: Tagged = serde_json::from_str(&json).unwrap();
    assert_eq!(back, doc);
}

/// A story from a blog, with its date, two bylines and the writer's name
/// again at its foot.
const BYLINED: &str = "April 30, 2013\n\
    by Anna Kowalczyk\n\
    By ANNA KOWALCZYK | Baltic Desk |\n\
    Estonian Defence Minister Hanno Pevkur said on Tuesday that the army \
    would double its reserve. Anna Kowalczyk is our correspondent in Tallinn.\n\
    April 30, 2013 by Anna Kowalczyk 2 Comments";

#[test]
fn the_writer_in_a_byline_is_no_tag_and_is_dropped_as_writer() {
    let doc = Tagger::default()
        .with_min_score(0.0)
        .with_dropped(true)
        .tag(BYLINED);
    assert!(
        doc.mentions.iter().all(
            |m| !m.text.contains("Kowalczyk") && !m.text.eq_ignore_ascii_case("anna kowalczyk")
        ),
        "{:?}",
        doc.mentions
    );
    let writer: Vec<(&str, DropReason)> = doc
        .dropped
        .iter()
        .filter(|d| d.reason == DropReason::Writer)
        .map(|d| (&BYLINED[d.span.range()], d.reason))
        .collect();
    assert_eq!(writer.len(), 4, "{:?}", doc.dropped);
    assert!(
        writer
            .iter()
            .all(|(t, _)| t.eq_ignore_ascii_case("anna kowalczyk"))
    );
    // What the story is about is still read, at the same offsets.
    let estonia = doc.tag("country/ee").unwrap();
    assert_eq!(&BYLINED[estonia.first.range()], "Estonian");
    assert!(doc.mentions.iter().any(|m| m.text == "Tallinn"));
}

#[test]
fn the_credits_at_the_foot_are_no_tags_and_their_places_stay() {
    let story = "LAGOS, Dec 5 (Reuters) - Nigeria's central bank raised its main \
                 interest rate on Friday, Governor Olayemi Cardoso said.\n\n\
                 (Reporting by Chinedu Okafor in Abuja; Editing by Hugh Lawson and Maria Bell)\n";
    let doc = Tagger::default()
        .with_min_score(0.0)
        .with_dropped(true)
        .tag(story);
    let writers: Vec<&str> = doc
        .dropped
        .iter()
        .filter(|d| d.reason == DropReason::Writer)
        .map(|d| &story[d.span.range()])
        .collect();
    assert_eq!(writers, ["Chinedu Okafor", "Hugh Lawson", "Maria Bell"]);
    assert!(
        doc.mentions.iter().all(|m| !["Okafor", "Lawson", "Bell"]
            .iter()
            .any(|w| m.text.contains(w))),
        "{:?}",
        doc.mentions
    );
    // The place the reporter filed from is still a place.
    assert!(
        doc.mentions.iter().any(|m| m.text == "Abuja"),
        "{:?}",
        doc.mentions
    );
}

#[test]
fn a_dateline_under_the_headline_of_a_plain_text_story() {
    let story = "Carmaker raises profit forecast as weak yen lifts exports\n\n\
                 TOKYO, Nov 6 (Reuters) - The carmaker raised its full-year forecast \
                 on Wednesday as a weaker yen lifted the value of its exports.";
    let doc = Tagger::default().tag(story);
    let tokyo = doc.mentions.iter().find(|m| m.text == "TOKYO").unwrap();
    assert_eq!(tokyo.evidence, Evidence::Dateline);
    assert!(doc.tag("country/jp").is_some(), "{:?}", doc.tags);
    // The headline above it is no part of the dateline.
    assert!(
        doc.mentions
            .iter()
            .filter(|m| m.span.start < tokyo.span.start)
            .all(|m| m.evidence != Evidence::Dateline),
        "{:?}",
        doc.mentions
    );
}

#[test]
fn a_listed_person_who_writes_the_story_is_not_its_subject() {
    // A column by a listed person: the byline is the writer, but the same
    // person named in a story written by someone else is a mention.
    let column = "By Vladimir Putin\nRussia is ready to talk to Europe about gas, \
                  the Russian president writes.";
    let doc = TAGGER.tag(column);
    assert!(doc.tag("person/vladimir-putin").is_none(), "{:?}", doc.tags);
    assert!(doc.tag("country/ru").is_some());
    let story = "By Anna Kowalczyk\nVladimir Putin said Russia was ready to talk.";
    let doc = TAGGER.tag(story);
    assert!(doc.tag("person/vladimir-putin").is_some(), "{:?}", doc.tags);
}

#[test]
fn prose_that_opens_with_by_keeps_its_names() {
    for text in [
        "By Friday Gazprom had cut supplies to Ukraine.",
        "By Monday, Vladimir Putin had signed the decree.",
    ] {
        let doc = EXPLAINING.tag(text);
        assert!(
            doc.dropped.iter().all(|d| d.reason != DropReason::Writer),
            "{text}"
        );
    }
    let doc = TAGGER.tag("By Monday, Vladimir Putin had signed the decree.");
    assert!(doc.tag("person/vladimir-putin").is_some());
}

#[test]
fn an_agency_credit_in_brackets_defines_nothing() {
    let default = Tagger::default().with_min_score(0.0);
    // "(AP)" after a dateline credits the agency that filed the story;
    // no word of "Kenya" begins with its letter.
    let doc = default
        .tag("NAIROBI, Kenya (AP) — Kenyan police said on Friday they had arrested two suspects.");
    assert!(
        doc.mentions.iter().all(|m| m.text != "AP"),
        "{:?}",
        doc.mentions
    );
    let kenya = doc.tag("country/ke").unwrap();
    assert!(kenya.count >= 2, "{kenya:?}");
    // Nor is a dateline's city whose initial happens to fit.
    let doc = default.tag("ATLANTA (AP) — The company said on Monday it would cut 300 jobs.");
    assert!(
        doc.mentions.iter().all(|m| m.text != "AP"),
        "{:?}",
        doc.mentions
    );
    // A long form whose words begin the acronym still defines it.
    let doc = default.tag(
        "Russia's Federal Security Service (FSB) said on Monday that the FSB had detained a man.",
    );
    let fsb: Vec<&str> = doc
        .mentions
        .iter()
        .filter(|m| m.text == "FSB")
        .map(|m| m.entity.as_str())
        .collect();
    assert_eq!(fsb.len(), 2, "{:?}", doc.mentions);
    assert!(
        fsb.iter()
            .all(|e| *e == fsb[0] && !e.starts_with("country/"))
    );
}

/// Whether `doc` mentions a place or country of the default data.
fn mentions_a_place(doc: &Tagged) -> bool {
    doc.mentions
        .iter()
        .any(|m| m.entity.starts_with("place/") || m.entity.starts_with("country/"))
}

#[test]
fn a_place_named_like_a_person_counts_after_a_word_that_takes_a_place() {
    // Lagos, Darwin, Preston and Florence are also people's names
    // (places.tsv flags them `person`): alone they need context, and a
    // word that takes a place right before them gives it.
    let default = Tagger::default();
    let briefs = [
        (
            "Police in Lagos detained four traders after a market fire on Monday.",
            "place/lagos-ng",
            "country/ng",
        ),
        (
            "In Lagos, fuel queues stretched for miles on Thursday.",
            "place/lagos-ng",
            "country/ng",
        ),
        (
            "A tanker exploded in central Lagos, killing two drivers.",
            "place/lagos-ng",
            "country/ng",
        ),
        (
            "Floodwaters cut the main highway near Darwin on Sunday.",
            "place/darwin-au",
            "country/au",
        ),
        (
            "Police in Preston charged two men after a raid on Saturday.",
            "place/preston-gb",
            "country/gb",
        ),
        (
            "Museums in Florence reopened on Monday after a two-day strike.",
            "place/florence-it",
            "country/it",
        ),
    ];
    for (text, place, country) in briefs {
        let doc = default.tag(text);
        assert!(
            doc.mentions.iter().any(|m| m.entity == place),
            "{text:?}: {:?}",
            doc.mentions
        );
        assert!(doc.tag(country).is_some(), "{text:?}: {:?}", doc.tags);
    }
}

#[test]
fn a_place_named_like_a_person_needs_a_word_that_only_a_place_takes() {
    let default = Tagger::default().with_min_score(0.0);
    let texts = [
        // The person, not the city.
        "Lagos said on Monday that he would not stand again.",
        // "to", "of", "from" take people as often as places.
        "The minister sent a letter to Preston on Friday.",
        "Supporters of Darwin gathered outside the court.",
        // Part of a longer name.
        "Fans queued overnight in Madison Square Garden.",
    ];
    for text in texts {
        let doc = default.tag(text);
        assert!(!mentions_a_place(&doc), "{text:?}: {:?}", doc.mentions);
    }
    // Another place of the name, which a comma and its state qualify:
    // not the Canadian city of the data.
    let doc = default.tag("A grain elevator in Burlington, Iowa, exploded on Tuesday.");
    assert!(doc.tag("country/ca").is_none(), "{:?}", doc.tags);
    assert!(
        doc.mentions
            .iter()
            .all(|m| m.entity != "place/burlington-ca"),
        "{:?}",
        doc.mentions
    );
}

#[test]
fn a_place_named_like_a_common_word_needs_more_than_a_preposition() {
    // Months, and places whose name is an everyday word (Reading, Bath,
    // Nice: flag `context`), are not made places by "in": "in May", "In
    // Reading The Report". Their country named, or a dateline, still
    // decides for them.
    let default = Tagger::default().with_min_score(0.0);
    let texts = [
        "The ministers met in May and again in March.",
        "Errors In Reading The Report Delayed The Vote",
        "Star Slips In Bath At Home",
        "It was nice in Nice, and we said so.",
    ];
    for text in texts {
        let doc = default.tag(text);
        assert!(!mentions_a_place(&doc), "{text:?}: {:?}", doc.mentions);
    }
    let doc = default.tag("Tourists in Nice were evacuated as fires spread across France.");
    assert!(
        doc.mentions.iter().any(|m| m.entity == "place/nice-fr"),
        "{:?}",
        doc.mentions
    );
}

#[test]
fn a_us_legislator_or_governor_of_georgia_is_of_the_state() {
    // Georgia the country has no senators, representatives or governors:
    // their titles near "Georgia" are cues of the US state.
    let default = Tagger::default().with_min_score(0.0);
    let texts = [
        "Rep. Dana Whitfield of Georgia said on Tuesday she would vote against the bill.",
        "Sen. Paul Okafor of Georgia called the vote a disgrace.",
        "Congressman Tom Reyes, a Republican from Georgia, backed the tariff.",
        "Gov. Helen Marsh of Georgia declared a state of emergency after the storm.",
    ];
    for text in texts {
        let doc = default.tag(text);
        assert!(
            doc.mentions.iter().any(|m| m.entity == "place/us-ga"),
            "{text:?}: {:?}",
            doc.mentions
        );
        assert!(doc.tag("country/ge").is_none(), "{text:?}: {:?}", doc.tags);
    }
    // The country keeps its own cues.
    let doc = default.tag("Georgia's parliament met in Tbilisi to debate the budget.");
    assert!(doc.tag("country/ge").is_some(), "{:?}", doc.tags);
    assert!(
        doc.mentions.iter().all(|m| m.entity != "place/us-ga"),
        "{:?}",
        doc.mentions
    );
}

#[test]
fn new_york_is_the_city_unless_a_cue_of_the_state_says_so() {
    let default = Tagger::default().with_min_score(0.0);
    let state = [
        "Senator Dana Whitfield of New York said the bill would pass.",
        "Sen. Paul Okafor of New York voted against the budget.",
        "The Governor of New York ordered the schools closed.",
        "Property taxes rose across New York state last year.",
    ];
    for text in state {
        let doc = default.tag(text);
        assert!(doc.tag("place/us-ny").is_some(), "{text:?}: {:?}", doc.tags);
        assert!(
            doc.tag("place/new-york-city-us").is_none(),
            "{text:?}: {:?}",
            doc.tags
        );
    }
    let city = [
        "Stocks fell in New York on Monday as oil prices rose.",
        // A senator near the name, but not its title: the city.
        "Senator Dana Whitfield flew to New York on Monday to meet bankers.",
        "The Mayor of New York ordered the subway closed.",
    ];
    for text in city {
        let doc = default.tag(text);
        assert!(
            doc.tag("place/new-york-city-us").is_some(),
            "{text:?}: {:?}",
            doc.tags
        );
        assert!(doc.tag("place/us-ny").is_none(), "{text:?}: {:?}", doc.tags);
    }
}

#[test]
fn a_company_named_by_a_common_word_needs_a_cue_of_the_company() {
    let default = Tagger::default().with_min_score(0.0);
    let doc = default.tag("Apple unveiled a thinner iPhone on Tuesday, and its shares fell.");
    assert!(doc.tag("org/apple").is_some(), "{:?}", doc.mentions);
    for text in [
        "Apple exports from Chile rose as growers shipped more fruit.",
        "Deforestation in the Amazon rose sharply last year.",
        "Intel gathered by the agency pointed to a second cell.",
    ] {
        let doc = default.tag(text);
        assert!(
            doc.mentions.iter().all(|m| !m.entity.starts_with("org/")),
            "{text:?}: {:?}",
            doc.mentions
        );
    }
}
