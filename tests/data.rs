//! Invariants of the embedded default data, beyond what loading checks.

use std::collections::{HashMap, HashSet};

use gazetag::{Case, Gazetteer, Kind};

fn default() -> Gazetteer {
    Gazetteer::builder()
        .with_default_data()
        .build()
        .expect("the embedded data builds")
}

#[test]
fn default_data_builds_and_is_not_trivial() {
    let g = default();
    let count = |k: Kind| g.entities().filter(|e| e.kind() == k).count();
    assert!(count(Kind::Country) >= 250, "every ISO 3166-1 country");
    assert!(count(Kind::Agency) >= 30);
    assert!(count(Kind::Person) >= 30);
    assert!(count(Kind::Organization) >= 20);
    assert!(count(Kind::Topic) >= 10);
    assert!(g.aliases_len() > g.entities_len());
}

#[test]
fn countries_have_unique_iso_codes() {
    let g = default();
    let mut seen = HashMap::new();
    for e in g.entities().filter(|e| e.kind() == Kind::Country) {
        let iso = e
            .iso()
            .unwrap_or_else(|| panic!("{} has no iso code", e.id()));
        if let Some(other) = seen.insert(iso, e.id()) {
            // West Germany shares DE with today's Germany, as news codes it.
            assert!(iso == "DE", "{} and {other} share iso {iso}", e.id());
        }
    }
}

#[test]
fn agencies_and_people_have_a_country() {
    for e in default().entities() {
        if matches!(e.kind(), Kind::Agency | Kind::Person) {
            // Multinational bodies are organisations, not agencies.
            assert!(e.country().is_some(), "{} has no country", e.id());
        }
    }
}

#[test]
fn exact_aliases_have_capitals_or_digits() {
    for e in default().entities() {
        for a in e.aliases().iter().filter(|a| a.case == Case::Exact) {
            assert!(
                a.text
                    .chars()
                    .any(|c| c.is_uppercase() || c.is_ascii_digit()),
                "{}: exact alias {:?} has no capital, so it would match like `any`",
                e.id(),
                a.text
            );
        }
    }
}

#[test]
fn countries_do_not_share_names() {
    // A name shared by two countries could never be decided for either
    // without context; keep each country's names its own.
    let g = default();
    let mut owner: HashMap<String, &str> = HashMap::new();
    for e in g.entities().filter(|e| e.kind() == Kind::Country) {
        let mut mine = HashSet::new();
        for a in e.aliases() {
            let key: String = a
                .text
                .to_lowercase()
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect();
            if mine.insert(key.clone()) {
                if let Some(other) = owner.insert(key, e.id()) {
                    panic!("{} and {other} share the alias {:?}", e.id(), a.text);
                }
            }
        }
    }
}

#[test]
fn every_agency_label_names_its_country() {
    let g = default();
    for e in g.entities().filter(|e| e.kind() == Kind::Agency) {
        let country = g.entity(e.country().unwrap()).unwrap();
        if e.aliases().iter().any(|a| a.case == Case::Exact) {
            assert!(
                e.label().ends_with(&format!("({})", country.name())),
                "{}: label {:?}",
                e.id(),
                e.label()
            );
        }
    }
}
