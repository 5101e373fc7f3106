//! The formats of the data and rule files, as `data/README.md` in the
//! repository gives them (this page is built from that file).
//!
//! The category rule language is documented in [`RuleSet`](crate::RuleSet)
//! and in README.md, section "Categories".
#![doc = include_str!("../data/README.md")]
