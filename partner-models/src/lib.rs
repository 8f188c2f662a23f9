//! Typed, lossless models of the Microsoft Partner Center catalog API, generated from `spec/`.
//!
//! Every model keeps what it did not understand: unknown fields, enum values the spec does not
//! list, key spellings, and explicit `null`s all survive a deserialize → serialize round trip.
//! Decode bodies with [`from_slice`] to get errors that name the failing field path.
//!
//! With the default `client` feature, [`Client`] calls the API: one method per operation, each
//! returning a request builder (`send`, and `into_stream` for collections, which follows
//! `links.next` across pages), with retries, request context headers and typed errors.

#![deny(missing_docs)]

extern crate self as partner_models;

#[cfg(feature = "client")]
pub mod client;
pub mod decode;
#[rustfmt::skip]
mod generated;
pub mod wire;

#[cfg(feature = "client")]
pub use client::Client;
pub use decode::{DecodeError, from_slice, from_str};
pub use generated::models::*;
pub use wire::{Extra, OrderedMap, OtherValue, RawJson};
