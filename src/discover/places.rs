//! Places: the place of a dateline on a line of its own, which the
//! gazetteer does not list.

use super::view::{Finds, View};
use crate::output::Reason;
use crate::types::Kind;

/// A dateline on a line of its own names where the story was filed, a
/// place, whether or not the gazetteer lists it ("COMMACK, New York
/// 1996-08-24"): a run there that the scan matched nowhere is a place.
pub(super) fn datelines(v: &View, fi: usize, finds: &mut Finds) {
    for &(a, b) in v.runs {
        if v.line_start(a) && (a..=b).all(|i| v.cover(i).is_none()) && v.dated(a, b) {
            finds.add(v, fi, (a, b), Kind::Place, Reason::Dateline);
        }
    }
}
