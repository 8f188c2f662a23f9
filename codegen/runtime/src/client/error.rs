//! The client's one error type: transport, timeout, service errors, throttling, decoding.

use std::time::Duration;

use super::{ErrorBody, Policy, TokenError};
use crate::DecodeError;

/// Everything a call can fail with. Messages never contain the bearer token.
///
/// `P` is the API's [`Policy`]; `E` is the operation's documented error body, the policy's
/// [`Policy::ErrorBody`] unless the operation documents another. Each variant's message says
/// what went wrong at its level only: the underlying error is its [`source`](std::error::Error::source),
/// so a report that walks the chain names every cause once.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error<P: Policy, E: ErrorBody = <P as Policy>::ErrorBody> {
    /// The service could not be reached, or the connection broke.
    #[error("{operation}: cannot reach the service")]
    Transport {
        /// The operation id.
        operation: &'static str,
        /// The underlying transport error.
        #[source]
        source: reqwest::Error,
    },
    /// No answer came within the configured time.
    #[error("{operation}: no answer within {timeout:?}")]
    Timeout {
        /// The operation id.
        operation: &'static str,
        /// The limit that was exceeded.
        timeout: Duration,
    },
    /// The service answered with its documented error body.
    #[error("{operation}: the service answered {status}: {}", body.describe())]
    Api {
        /// The operation id.
        operation: &'static str,
        /// The HTTP status.
        status: u16,
        /// The request id of the call, as the policy names it (empty when it names none).
        request_id: String,
        /// The decoded error body.
        body: Box<E>,
    },
    /// The service throttled the call (HTTP 429) and retries did not get through.
    #[error("{operation}: throttled by the service{}", retry_after.map(|after| format!("; retry after {after:?}")).unwrap_or_default())]
    Throttled {
        /// The operation id.
        operation: &'static str,
        /// The delay the `Retry-After` header asked for.
        retry_after: Option<Duration>,
        /// The throttling body, when it decoded.
        body: Option<Box<P::ThrottlingBody>>,
    },
    /// The service answered with a status and body the spec does not describe; the raw body is
    /// kept.
    #[error("{operation}: unexpected status {status}")]
    UnexpectedStatus {
        /// The operation id.
        operation: &'static str,
        /// The HTTP status.
        status: u16,
        /// The body as received.
        body: String,
    },
    /// The answer did not decode into the expected model.
    #[error("{operation}: the answer (status {status}) does not decode")]
    Decode {
        /// The operation id.
        operation: &'static str,
        /// The HTTP status.
        status: u16,
        /// Where and why decoding failed.
        #[source]
        source: DecodeError,
    },
    /// The operation needs credentials the client was not given; nothing was sent.
    #[error("{operation}: no credentials for it: supply {needed} on the client builder")]
    MissingCredentials {
        /// The operation id.
        operation: &'static str,
        /// The alternatives it accepts, such as ``"`api_key` or `basic`"``.
        needed: String,
    },
    /// The token source failed.
    #[error("{operation}: cannot get a bearer token")]
    Token {
        /// The operation id.
        operation: &'static str,
        /// Why.
        #[source]
        source: TokenError,
    },
    /// An argument cannot be sent as given (an empty or dot-only path segment, a bad header).
    #[error("{operation}: invalid argument `{name}`: {reason}")]
    InvalidArgument {
        /// The operation id.
        operation: &'static str,
        /// The argument.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Following the next page failed: a link to another host, another method, or a loop.
    #[error("{operation}: cannot follow the next page: {reason}")]
    Paging {
        /// The operation id.
        operation: &'static str,
        /// What is wrong with the link.
        reason: String,
    },
}

impl<P: Policy, E: ErrorBody> Error<P, E> {
    /// The HTTP status the service answered with, when there was an answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Api { status, .. }
            | Self::UnexpectedStatus { status, .. }
            | Self::Decode { status, .. } => Some(*status),
            Self::Throttled { .. } => Some(429),
            _ => None,
        }
    }

    /// The operation id of the failed call.
    pub fn operation(&self) -> &'static str {
        match self {
            Self::Transport { operation, .. }
            | Self::Timeout { operation, .. }
            | Self::Api { operation, .. }
            | Self::Throttled { operation, .. }
            | Self::UnexpectedStatus { operation, .. }
            | Self::Decode { operation, .. }
            | Self::Token { operation, .. }
            | Self::MissingCredentials { operation, .. }
            | Self::InvalidArgument { operation, .. }
            | Self::Paging { operation, .. } => operation,
        }
    }
}
