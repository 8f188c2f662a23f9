//! A successful answer: status, headers and request id along with the typed body.

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

/// A successful answer with its typed body.
#[derive(Debug, Clone)]
pub struct Response<T> {
    pub(super) status: StatusCode,
    pub(super) headers: HeaderMap,
    pub(super) request_id: Option<String>,
    pub(super) body: T,
}

impl<T> Response<T> {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The answer's headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The value of header `name` (any case), when present and text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// The request id of the call, as the API's policy names it.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The decoded body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The decoded body, leaving the rest.
    pub fn into_body(self) -> T {
        self.body
    }

    /// The body with another type, status and headers kept.
    pub fn map<U>(self, map: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            status: self.status,
            headers: self.headers,
            request_id: self.request_id,
            body: map(self.body),
        }
    }
}
