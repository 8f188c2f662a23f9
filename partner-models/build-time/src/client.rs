//! The Partner Center client over the build-time generated code, with the very policy file
//! `partner-models` uses (`partner-models/src/client/policy.rs`).

#[path = "../../src/client/policy.rs"]
mod policy;

pub use codegen_runtime::client::{CallOptions, Response, RetryPolicy, StaticToken, TokenSource};
pub use policy::{CallContext, DEFAULT_API_VERSION, PartnerCenter, USER_AGENT};

pub use crate::generated::client::*;

/// Everything a Partner Center call can fail with.
pub type Error = codegen_runtime::client::Error<PartnerCenter>;
