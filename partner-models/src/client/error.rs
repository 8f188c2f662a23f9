//! The client's one error type: transport, timeout, service errors, throttling, decoding.

use std::time::Duration;

use crate::{DecodeError, PartnerCenterError, ThrottlingError};

/// Everything a call can fail with. Messages never contain the bearer token.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The service could not be reached, or the connection broke.
    #[error("{operation}: cannot reach the service: {source}")]
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
    /// The service answered with a Partner Center error body.
    #[error("{operation}: the service answered {status}: {}", describe(body))]
    Api {
        /// The operation id.
        operation: &'static str,
        /// The HTTP status.
        status: u16,
        /// The `ms-requestid` of the call.
        request_id: String,
        /// The decoded error body.
        body: Box<PartnerCenterError>,
    },
    /// The service throttled the call (HTTP 429) and retries did not get through.
    #[error("{operation}: throttled by the service{}", retry_after.map(|after| format!("; retry after {after:?}")).unwrap_or_default())]
    Throttled {
        /// The operation id.
        operation: &'static str,
        /// The delay the `Retry-After` header asked for.
        retry_after: Option<Duration>,
        /// The throttling body, when it decoded.
        body: Option<Box<ThrottlingError>>,
    },
    /// The service answered with a status the spec does not describe; the raw body is kept.
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
    #[error("{operation}: the answer (status {status}) does not decode: {source}")]
    Decode {
        /// The operation id.
        operation: &'static str,
        /// The HTTP status.
        status: u16,
        /// Where and why decoding failed.
        #[source]
        source: DecodeError,
    },
    /// The token source failed.
    #[error("{operation}: cannot get a bearer token: {source}")]
    Token {
        /// The operation id.
        operation: &'static str,
        /// Why.
        #[source]
        source: super::TokenError,
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
    /// Following `links.next` failed: a link to another host, another method, or a loop.
    #[error("{operation}: cannot follow the next page: {reason}")]
    Paging {
        /// The operation id.
        operation: &'static str,
        /// What is wrong with the link.
        reason: String,
    },
}

impl Error {
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
}

fn describe(body: &PartnerCenterError) -> String {
    let code = match &body.code {
        Some(crate::ErrorCode::Integer(code)) => code.to_string(),
        Some(crate::ErrorCode::String(code)) => code.clone(),
        None => "no code".to_owned(),
    };
    let text = body
        .description
        .as_deref()
        .or(body.message.as_deref())
        .unwrap_or("no description");
    format!("error {code}: {text}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_texts_are_pinned() {
        let body = PartnerCenterError {
            code: Some(crate::ErrorCode::Integer(400013)),
            description: Some("Product not found".into()),
            ..PartnerCenterError::default()
        };
        let api = Error::Api {
            operation: "getProduct",
            status: 404,
            request_id: "r1".into(),
            body: Box::new(body),
        };
        assert_eq!(
            api.to_string(),
            "getProduct: the service answered 404: error 400013: Product not found"
        );
        let throttled = Error::Throttled {
            operation: "listOffers",
            retry_after: Some(Duration::from_secs(2)),
            body: None,
        };
        assert_eq!(
            throttled.to_string(),
            "listOffers: throttled by the service; retry after 2s"
        );
        let timeout = Error::Timeout {
            operation: "getOffer",
            timeout: Duration::from_millis(250),
        };
        assert_eq!(timeout.to_string(), "getOffer: no answer within 250ms");
        let unexpected = Error::UnexpectedStatus {
            operation: "getOffer",
            status: 418,
            body: "teapot".into(),
        };
        assert_eq!(unexpected.to_string(), "getOffer: unexpected status 418");
        let invalid = Error::InvalidArgument {
            operation: "getOffer",
            name: "offer_id".into(),
            reason: "a path segment cannot be `..`".into(),
        };
        assert_eq!(
            invalid.to_string(),
            "getOffer: invalid argument `offer_id`: a path segment cannot be `..`"
        );
        let paging = Error::Paging {
            operation: "listOffers",
            reason: "the next link repeats a page already read".into(),
        };
        assert_eq!(
            paging.to_string(),
            "listOffers: cannot follow the next page: the next link repeats a page already read"
        );
    }
}
