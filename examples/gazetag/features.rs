//! `--features`: every candidate tag of an article with the features the
//! salience model scores, the input of `scripts/train_salience.py`.

use gazetag::{FeatureScore, Kind, Tag, Tagged};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

/// One candidate tag and its features.
#[derive(Serialize)]
pub struct Candidate<'a> {
    entity: &'a str,
    kind: Kind,
    label: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    iso: Option<&'a str>,
    derived: bool,
    score: f32,
    features: Features<'a>,
}

/// The features as an object, name -> value, in the model's order.
pub struct Features<'a>(&'a [FeatureScore]);

impl Serialize for Features<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for f in self.0 {
            map.serialize_entry(&f.name, &f.value)?;
        }
        map.end()
    }
}

/// Every candidate of a document, suggested or not, most salient first.
/// The tagger must explain its scores.
pub fn candidates(tagged: &Tagged) -> Vec<Candidate<'_>> {
    let all = tagged.tags.iter().chain(&tagged.below_min_score);
    all.map(candidate).collect()
}

fn candidate(tag: &Tag) -> Candidate<'_> {
    let features = tag.explanation.as_ref().map_or(&[][..], |e| &e.features);
    Candidate {
        entity: &tag.entity,
        kind: tag.kind,
        label: &tag.label,
        iso: tag.iso.as_deref(),
        derived: tag.derived,
        score: tag.score,
        features: Features(features),
    }
}
