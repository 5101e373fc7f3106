//! The integration tests of gazetag, in one binary (see each module).

mod api;
mod articles;
mod data;
mod loading;
mod matching;
mod prop;
mod resolve;
