//! A petstore client generated at build time by `codegen::Builder`, as any user's crate would
//! get one: models, a client of every operation, and the runtime's standard policy.
//!
//! The tests call it against a loopback server. [`SPEC`] says which description it came from:
//! the corpus's expanded petstore, or this crate's own `spec.yaml` when the shared material is
//! absent (the same operations and schemas).

include!(concat!(env!("OUT_DIR"), "/generated.rs"));

pub use client::Client;
pub use models::*;

/// How the client calls the petstore: the runtime's standard conventions.
pub type ApiPolicy = codegen_runtime::client::StandardPolicy;

/// The description the build script generated from.
pub const SPEC: &str = env!("PETSTORE_SPEC");
