//! The Partner Center client: the generated [`Client`] over the toolkit's client runtime
//! (`codegen_runtime::client`), with Partner Center's [`PartnerCenter`] policy.
//!
//! The runtime's nouns are re-exported here, fixed to this API where they take its policy.

#[cfg(feature = "azure-identity")]
mod entra;
mod policy;

pub use codegen_runtime::client::{
    BuildError, CachedTokens, Call, CallOptions, FetchFuture, HeaderMap, Method, NextPage, Page,
    Response, RetryPolicy, StaticToken, StatusCode, Stream, Token, TokenError, TokenFuture,
    TokenSource, json_text,
};
#[cfg(feature = "azure-identity")]
pub use entra::{PARTNER_CENTER_SCOPE, entra_id_tokens};
pub use policy::{CallContext, DEFAULT_API_VERSION, PartnerCenter, USER_AGENT};

pub use crate::generated::client::*;

/// Test doubles (the `mock` feature): every request builder's `mock()` gives an [`Expectation`](
/// mock::Expectation) of that call, answered with the operation's typed body or error and
/// mounted on a [`MockServer`](mock::MockServer).
#[cfg(feature = "mock")]
pub use codegen_runtime::client::mock;

/// Everything a Partner Center call can fail with; `Api` carries the [`crate::PartnerCenterError`]
/// body and `Throttled` the [`crate::ThrottlingError`] body.
pub type Error = codegen_runtime::client::Error<PartnerCenter>;
/// Configures a [`Client`].
pub type Builder<C = Client> = codegen_runtime::client::Builder<C, PartnerCenter>;
/// Carries out Partner Center calls: authentication, context headers, retries, decoding, paging.
pub type Transport = codegen_runtime::client::Transport<PartnerCenter>;
/// The items of every page of a collection call, in order; it ends after the last page or
/// after the first error.
pub type ItemStream<T> = codegen_runtime::client::ItemStream<T, PartnerCenter>;
