//! Partner Center's models and client, generated at build time from `spec/partner-center.yaml`
//! by `codegen::Builder` in this crate's `build.rs`.
//!
//! It exists to prove the build-script path: the tests check that its files are byte-identical
//! to the committed `partner-models/src/generated/`, run every payload round trip against it,
//! and call its client against a loopback server. Its crate root mirrors `partner-models`', so
//! switching between committed and build-time code changes nothing else.

/// The files the build script wrote, declared by the file it writes for `include!`; the crate
/// root re-exports what is public, as `partner-models` does with its committed files.
#[allow(unreachable_pub)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/generated.rs"));
}

#[cfg(feature = "client")]
pub mod client;

#[cfg(feature = "client")]
pub use client::Client;
pub use codegen_runtime::{
    DecodeError, Extra, OrderedMap, OtherValue, RawJson, from_slice, from_str,
};
pub use generated::models::*;

/// The directory the build script wrote the generated files into.
pub const GENERATED_DIR: &str = concat!(env!("OUT_DIR"), "/generated");
