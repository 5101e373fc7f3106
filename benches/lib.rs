//! Nothing but a home for the benchmarks in `tagging.rs` and the peer
//! harness in `peers.sh`: Cargo needs a library or a binary in every
//! package.
