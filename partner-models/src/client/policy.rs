//! Partner Center's policy: its API version, context headers (`ms-correlationid`,
//! `ms-requestid`, `MS-CV`), error and throttling bodies, and `links.next` paging.

use codegen_runtime::client::{AttemptInfo, CallInfo, ErrorBody, NextPage, Page, Policy, Settings};

use crate::{ErrorCode, PartnerCenterError, ResourceCollection};

/// The API version the client calls unless told otherwise.
pub const DEFAULT_API_VERSION: &str = "v1";
/// The `User-Agent` sent with every request: this crate and its version.
pub const USER_AGENT: &str = concat!("partner-models/", env!("CARGO_PKG_VERSION"));
/// The client setting that holds the API version (`x-client-setting: apiVersion` in the spec).
const API_VERSION: &str = "apiVersion";

/// How Partner Center is called; the generated [`Client`](crate::Client) names it.
#[derive(Debug, Clone, Copy, Default)]
#[non_exhaustive]
pub struct PartnerCenter;

/// What a Partner Center call's attempts share: its ids and the correlation-vector base.
#[derive(Debug, Clone)]
pub struct CallContext {
    request_id: String,
    correlation_id: String,
    vector_base: String,
}

impl Policy for PartnerCenter {
    type ErrorBody = PartnerCenterError;
    type ThrottlingBody = crate::ThrottlingError;
    type Context = CallContext;

    const USER_AGENT: &'static str = USER_AGENT;
    const API_VERSION_SETTING: Option<&'static str> = Some(API_VERSION);

    /// The API version is accepted as `v1` or `1` and stored without the `v`.
    fn setting(&self, name: &str, value: String) -> String {
        if name == API_VERSION {
            value.trim_start_matches(['v', 'V']).to_owned()
        } else {
            value
        }
    }

    /// `ms-requestid` (one per logical call, the same across retries) and `ms-correlationid`,
    /// unless the caller gave them; a fresh correlation-vector base.
    fn begin(&self, call: &CallInfo<'_>) -> CallContext {
        CallContext {
            request_id: call
                .given_header("ms-requestid")
                .unwrap_or_else(|| uuid::Uuid::new_v4().to_string()),
            correlation_id: call
                .given_header("ms-correlationid")
                .unwrap_or_else(|| uuid::Uuid::new_v4().to_string()),
            vector_base: correlation_vector_base(),
        }
    }

    fn request_id<'c>(&self, context: &'c CallContext) -> Option<&'c str> {
        Some(&context.request_id)
    }

    /// `MS-CV` is the call's vector base extended by the attempt number.
    fn context_headers(&self, context: &CallContext, attempt: u32) -> Vec<(String, String)> {
        vec![
            (
                "ms-correlationid".to_owned(),
                context.correlation_id.clone(),
            ),
            ("ms-requestid".to_owned(), context.request_id.clone()),
            (
                "ms-cv".to_owned(),
                format!("{}.{attempt}", context.vector_base),
            ),
        ]
    }

    fn span(&self, attempt: &AttemptInfo<'_>) -> tracing::Span {
        tracing::info_span!(
            "partner_center.call",
            operation = attempt.operation,
            method = %attempt.method,
            attempt = attempt.attempt,
            request_id = attempt.request_id.unwrap_or_default(),
            status = tracing::field::Empty,
        )
    }

    /// Relative `links.next` come with or without the version prefix (`/offers?...` and
    /// `/v1/offers?...`); the prefix is added when missing.
    fn relative_link(&self, path: &str, settings: &Settings) -> String {
        if has_version_prefix(path) {
            return path.to_owned();
        }
        let version = settings
            .get(API_VERSION)
            .unwrap_or_else(|| DEFAULT_API_VERSION.trim_start_matches('v'));
        format!("/v{version}{path}")
    }
}

impl ErrorBody for PartnerCenterError {
    /// Every field is optional, so any object decodes; it is this error when it says something.
    fn is_error(&self) -> bool {
        self.code.is_some() || self.description.is_some() || self.message.is_some()
    }

    fn describe(&self) -> String {
        let code = match &self.code {
            Some(ErrorCode::Integer(code)) => code.to_string(),
            Some(ErrorCode::String(code)) => code.clone(),
            Some(ErrorCode::Other(code)) => code.get().to_owned(),
            None => "no code".to_owned(),
        };
        let text = self
            .description
            .as_deref()
            .or(self.message.as_deref())
            .unwrap_or("no description");
        format!("error {code}: {text}")
    }
}

/// A collection page: its items, and `links.next` with its `uri`, `method` and `headers`
/// (such as `MS-ContinuationToken`).
impl<T> Page for ResourceCollection<T>
where
    T: serde::de::DeserializeOwned + Send + 'static,
{
    type Item = T;

    fn into_parts(self) -> (Vec<T>, Result<Option<NextPage>, String>) {
        let next = self.links.and_then(|links| links.next).map(|link| {
            let uri = link.uri.ok_or("the next link has no uri")?;
            let headers = link
                .headers
                .into_iter()
                .flatten()
                .map(|pair| (pair.key, pair.value))
                .collect();
            Ok(NextPage::Link {
                uri,
                method: link.method,
                headers,
            })
        });
        (self.items, next.transpose().map_err(str::to_owned))
    }
}

/// Whether a path starts with a version segment such as `/v1/` (or is exactly `/v1`).
fn has_version_prefix(path: &str) -> bool {
    let Some(rest) = path.strip_prefix("/v").or_else(|| path.strip_prefix("/V")) else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && matches!(rest.as_bytes().get(digits), None | Some(b'/' | b'?' | b'#'))
}

/// A fresh correlation-vector base: 16 random base64 characters.
fn correlation_vector_base() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    (0..16)
        .map(|_| char::from(ALPHABET[fastrand::usize(..ALPHABET.len())]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_get_the_version_when_they_lack_it() {
        let settings = Settings::default();
        let policy = PartnerCenter;
        assert_eq!(
            policy.relative_link("/offers?country=US&offset=2", &settings),
            "/v1/offers?country=US&offset=2"
        );
        assert_eq!(
            policy.relative_link("/v1/customers?size=40", &settings),
            "/v1/customers?size=40"
        );
        assert_eq!(policy.relative_link("/videos", &settings), "/v1/videos");
        assert_eq!(policy.relative_link("/v2", &settings), "/v2");
    }

    #[test]
    fn error_bodies_describe_code_and_text() {
        let body = PartnerCenterError {
            code: Some(ErrorCode::Integer(400013)),
            description: Some("Product not found".into()),
            ..PartnerCenterError::default()
        };
        assert!(body.is_error());
        assert_eq!(body.describe(), "error 400013: Product not found");
        assert!(!PartnerCenterError::default().is_error());
    }
}
