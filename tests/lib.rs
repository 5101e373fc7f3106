//! The integration tests of gazetag, in one binary (see each module).

// Tests slice texts by spans they have checked, and unwrap what must be
// there; the library's lints against both are for library code.
#![allow(clippy::string_slice, clippy::unwrap_used)]

mod api;
mod articles;
mod common;
mod complexity;
mod data;
mod discover;
mod fuzz_replay;
mod learning;
mod limits;
mod loading;
mod matching;
mod naive;
mod oracle;
mod prop;
mod resolve;
mod rules;
mod salience;
