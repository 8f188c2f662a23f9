//! Code shared by the benchmark targets: the inputs and the hand-written baseline models.
//!
//! This directory has no `main.rs`, so Cargo does not take it for a benchmark target of its own;
//! `offers.rs` and `peak_memory.rs` include it with `mod support;`.

pub(crate) mod baseline;
pub(crate) mod input;
