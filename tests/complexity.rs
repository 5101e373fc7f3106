//! Inputs that are short to write and were slow to tag: each ran in time
//! that grew with the square (or worse) of its size. Every input here is
//! large enough that the quadratic code would not finish within CI's time
//! (minutes to hours, in debug builds), and small enough that linear code
//! tags it in about a second: the tests guard the complexity without
//! timing anything. `benches/adversarial.rs` measures the growth.

use gazetag::Tagger;

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
