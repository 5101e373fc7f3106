//! Whole articles, written for these tests in the style of news reports,
//! tagged with the default data. Each `tests/data/articles/<slug>.txt` has
//! its headline on the first line; `<slug>.expected.json` lists the tags it
//! must suggest at the default minimum score (`tags`, by entity id), the
//! entities it must find though they score lower (`mentioned`), the ones it
//! must not find at all (`absent`), and the entity that must score highest
//! (`top`).

use std::path::Path;

use gazetag::{Tagged, Tagger};
use serde_json::Value;

fn fixture(slug: &str) -> (String, String, Value) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/articles");
    let text = std::fs::read_to_string(dir.join(format!("{slug}.txt"))).unwrap();
    let expected = std::fs::read_to_string(dir.join(format!("{slug}.expected.json"))).unwrap();
    let (title, body) = text.split_once('\n').unwrap();
    (
        title.to_string(),
        body.to_string(),
        serde_json::from_str(&expected).unwrap(),
    )
}

fn ids(v: &Value, key: &str) -> Vec<String> {
    v[key].as_array().map_or(Vec::new(), |a| {
        a.iter().map(|x| x.as_str().unwrap().to_string()).collect()
    })
}

fn check(slug: &str) -> Tagged {
    let (title, body, expected) = fixture(slug);
    let doc = Tagger::default().tag_document(&title, &body);
    let got: Vec<&str> = doc.tags.iter().map(|t| t.entity.as_str()).collect();
    for id in ids(&expected, "tags") {
        assert!(
            got.contains(&id.as_str()),
            "{slug}: missing {id}; got {got:?}"
        );
    }
    let found: Vec<&str> = doc.mentions.iter().map(|m| m.entity.as_str()).collect();
    for id in ids(&expected, "mentioned") {
        assert!(
            found.contains(&id.as_str()),
            "{slug}: {id} not found; got {found:?}"
        );
    }
    for id in ids(&expected, "absent") {
        assert!(
            !found.contains(&id.as_str()),
            "{slug}: unexpected {id}; got {found:?}"
        );
    }
    if let Some(top) = expected["top"].as_str() {
        assert_eq!(got[0], top, "{slug}: wrong top tag; got {got:?}");
    }
    for m in &doc.mentions {
        let text = if m.field == gazetag::Field::Title {
            &title
        } else {
            &body
        };
        assert_eq!(&text[m.span.range()], m.text);
    }
    doc
}

#[test]
fn mexico_dea() {
    let doc = check("mexico-dea");
    // "Calderón" alone counts once he has been named in full, as does
    // "Peña Nieto" (named only after the first sentence, he is found but
    // scores below the default minimum).
    let calderon = doc.tag("person/felipe-calderon").unwrap();
    assert_eq!(calderon.count, 2);
    let pena_nieto = doc
        .mentions
        .iter()
        .filter(|m| m.entity == "person/enrique-pena-nieto")
        .count();
    assert_eq!(pena_nieto, 2);
    // "Mexico City" here is the dateline and a metonym, not a second Mexico.
    assert_eq!(doc.tags.iter().filter(|t| t.label == "Mexico").count(), 1);
}

#[test]
fn russia_spies() {
    let doc = check("russia-spies");
    // Moscow and the Kremlin stand for the Russian government.
    let russia = doc.tag("country/ru").unwrap();
    assert!(russia.count >= 4, "{russia:?}");
}

#[test]
fn snowden_nsa() {
    check("snowden-nsa");
}
