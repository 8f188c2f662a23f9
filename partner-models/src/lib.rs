//! Typed, lossless models of the Microsoft Partner Center catalog API, generated from `spec/`.
//!
//! The models derive `Lossless` from the toolkit's runtime (`codegen-runtime`), whose nouns
//! ([`Extra`], [`RawJson`], [`OrderedMap`], [`OtherValue`], [`from_slice`]) are re-exported here.
//! Every model keeps what it did not understand: unknown fields, enum values the spec does not
//! list, key spellings, and explicit `null`s all survive a deserialize → serialize round trip.
//! Decode bodies with [`from_slice`] to get errors that name the failing field path.
//!
//! With the default `client` feature, [`Client`] calls the API: one method per operation, each
//! returning a request builder (`send`, `send_with_response` for status and headers too, and
//! `into_stream` for collections, which follows `links.next` across pages), with retries, request
//! context headers and typed errors. The HTTP machinery is the toolkit's
//! `codegen_runtime::client`; Partner Center's conventions are [`client::PartnerCenter`].

#![deny(missing_docs)]

extern crate self as partner_models;

#[cfg(feature = "client")]
pub mod client;
#[rustfmt::skip]
mod generated;

#[cfg(feature = "client")]
pub use client::Client;
pub use codegen_runtime::{
    DecodeError, Extra, OrderedMap, OtherValue, RawJson, from_slice, from_str,
};
pub use generated::models::*;
