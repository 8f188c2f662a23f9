//! Partner Center's models, generated at build time from `spec/partner-center.yaml` by
//! `codegen::Builder` in this crate's `build.rs`.
//!
//! It exists to prove the build-script path: the tests check that its files are byte-identical
//! to the committed `partner-models/src/generated/` and run every payload round trip against it.

include!(concat!(env!("OUT_DIR"), "/generated.rs"));

pub use codegen_runtime::{
    DecodeError, Extra, OrderedMap, OtherValue, RawJson, from_slice, from_str,
};
pub use models::*;

/// The directory the build script wrote the generated files into.
pub const GENERATED_DIR: &str = concat!(env!("OUT_DIR"), "/generated");
